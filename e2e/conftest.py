"""Browser tests: the production builds, started exactly as `fedctl up` starts them, driven in a
real headless Chromium through Playwright.

`fedctl test` (and so `make test`) builds every app before pytest runs; run alone, these tests
expect the builds to exist and say so when they do not.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from fedctl import manifest as manifest_module
from fedctl.doctor.browser import MISSING, chromium_executable, launch
from fedctl.manifest import Manifest
from fedctl.processes import Stack
from fedctl.production import ProductionStack
from support import ConsoleLog, ShopPage


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "e2e" in item.path.parts:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def manifest() -> Manifest:
    return manifest_module.load(Path(__file__).resolve().parent.parent)


def missing_builds(manifest: Manifest) -> list[str]:
    missing = []
    for app in manifest.apps.values():
        marker = "dist/remoteEntry.js" if app.kind == "react" else ".next/BUILD_ID"
        if not (manifest.root / app.directory / marker).exists():
            missing.append(app.name)
    return missing


def missing_production_builds(manifest: Manifest, env: str) -> list[str]:
    missing = []
    for app in manifest.apps.values():
        marker = "remoteEntry.js" if app.kind == "react" else "BUILD_ID"
        if not (manifest.build_directory(app, env) / marker).exists():
            missing.append(app.name)
    return missing


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
        missing = missing_builds(self.manifest)
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
        missing = missing_production_builds(self.manifest, "production")
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


@pytest.fixture(scope="session")
def layouts(manifest: Manifest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Layouts]:
    layouts = Layouts(manifest, tmp_path_factory.mktemp("shop"))
    try:
        yield layouts
    finally:
        layouts.stop()


@pytest.fixture(scope="module")
def stack(layouts: Layouts) -> Stack:
    """The local layout, as `make up` runs it."""
    return layouts.local()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    executable = chromium_executable()
    if not executable:
        pytest.fail(f"{MISSING}: `make test` installs it")
    browser = launch(playwright.chromium, executable)
    yield browser
    browser.close()


@pytest.fixture
def shop(stack: Stack, browser: Browser, manifest: Manifest) -> Iterator[ShopPage]:
    context = browser.new_context(base_url=manifest.base_url(manifest.app(manifest.host)))
    context.set_default_timeout(20_000)
    page = context.new_page()
    console = ConsoleLog()
    page.on("console", console.on_console)
    page.on("pageerror", console.on_page_error)
    yield ShopPage(page, console, manifest)
    context.close()


@pytest.fixture(scope="module")
def edge_stack(layouts: Layouts) -> ProductionStack:
    """The production layout (`make prod`): nginx on the edge port, the Next servers and two API
    workers behind it, on a throw-away PostgreSQL and Redis."""
    return layouts.production()


@pytest.fixture
def origin(edge_stack: ProductionStack, manifest: Manifest) -> str:
    return manifest.origin(edge_stack.env)


@pytest.fixture
def worker_urls(edge_stack: ProductionStack) -> list[str]:
    """Each API worker, reached directly (not through the edge)."""
    return [f"http://127.0.0.1:{port}" for port in edge_stack.worker_ports]


@pytest.fixture
def prod_shop(
    edge_stack: ProductionStack, browser: Browser, manifest: Manifest, worker_urls: list[str]
) -> Iterator[ShopPage]:
    context = browser.new_context(base_url=manifest.origin(edge_stack.env))
    context.set_default_timeout(20_000)
    page = context.new_page()
    console = ConsoleLog()
    page.on("console", console.on_console)
    page.on("pageerror", console.on_page_error)
    yield ShopPage(page, console, manifest, env=edge_stack.env, api_origins=worker_urls)
    context.close()
