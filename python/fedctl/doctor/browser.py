"""How every browser of this project starts: the Chromium executable and its launch flags.

`fedctl doctor`, `fedctl bench` and the browser tests (e2e/conftest.py) all launch Chromium through
here, so a flag added for one is there for all.
"""

from __future__ import annotations

import os
import shutil
from typing import Any

# Chromium here has no network but loopback: without these flags it keeps calling home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

MISSING = "Chromium is not installed (install the Debian package `chromium` or set CHROMIUM_PATH)"


def chromium_executable(explicit: str | None = None) -> str | None:
    """The executable to launch: `explicit`, else $CHROMIUM_PATH, else `chromium` on PATH."""
    return explicit or os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")


def launch(browser_type: Any, executable: str) -> Any:
    """Launches Playwright's `browser_type` (playwright.chromium) with this project's settings."""
    return browser_type.launch(executable_path=executable, args=CHROMIUM_ARGS)
