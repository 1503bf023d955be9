"""The two layouts the browser tests run: local (every app on its own port) and production
(one origin behind nginx). Used by e2e/conftest.py's fixtures and by tests that stop a layout."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from fedctl.manifest import Manifest
from fedctl.processes import Stack
from fedctl.production import ProductionStack


def missing_builds(manifest: Manifest, env: str) -> list[str]:
    return [app.name for app in manifest.apps.values() if not manifest.has_build(app, env)]


class Layouts:
    """The layout under test: the local one (every app on its own port) or the production one
    (one origin behind nginx). Both use the manifest's ports, so one runs at a time: asking for
    one stops the other, and the end of the session stops whichever runs."""

    def __init__(self, manifest: Manifest, data: Path) -> None:
        self.manifest = manifest
        self.data = data
        self.running: Stack | None = None

    def switch(self, stack: Stack) -> Stack:
        self.stop()
        busy = stack.busy_ports()
        if busy:
            pytest.fail(f"ports {busy} are in use (is `make up` or `make prod` running?): stop it and test again")
        self.running = stack
        stack.start_all()
        return stack

    def local(self) -> Stack:
        if self.running is not None and not isinstance(self.running, ProductionStack):
            return self.running
        missing = missing_builds(self.manifest, "local")
        if missing:
            pytest.fail(f"no production build of {', '.join(missing)}: run `fedctl build` (make test does)")
        folder = self.data / "local"
        folder.mkdir(exist_ok=True)
        return self.switch(
            Stack(
                self.manifest,
                log_dir=folder / "logs",
                api_env={
                    "APP_ENV": "development",
                    "DATABASE_URL": f"sqlite:///{folder / 'shop.db'}",
                    "SECRET_KEY": secrets.token_urlsafe(32),
                    # Every test browser reaches the API from the same loopback address.
                    "OTP_REQUEST_RATE_PER_ADDRESS": "1000/minute",
                    "OTP_VERIFY_RATE_PER_ADDRESS": "1000/minute",
                },
            )
        )

    def production(self) -> ProductionStack:
        if isinstance(self.running, ProductionStack):
            return self.running
        missing = missing_builds(self.manifest, "production")
        if missing:
            pytest.fail(f"no production-layout build of {', '.join(missing)}: run `fedctl build --env production`")
        folder = self.data / "production"
        folder.mkdir(exist_ok=True)
        stack = ProductionStack(
            self.manifest,
            log_dir=folder / "logs",
            env="production",
            api_env={
                # Development codes, so the browser can sign in; everything else as production.
                "APP_ENV": "development",
                # Per visitor address behind the edge (the browser tests' visitor is 127.0.0.1):
                # test_production_edge.py counts on 30 code requests per address.
                "OTP_REQUEST_RATE_PER_ADDRESS": "30/10 minutes",
                "OTP_VERIFY_RATE_PER_ADDRESS": "1000/minute",
            },
        )
        self.switch(stack)
        return stack

    def stop(self) -> None:
        if self.running is not None:
            self.running.stop_all()
            self.running = None
