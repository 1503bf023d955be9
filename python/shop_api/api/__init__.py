"""HTTP and WebSocket routes, all mounted under /api."""
