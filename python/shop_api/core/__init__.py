"""Settings, database, security and the process-wide services (rate limits, chat fan-out)."""
