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
from fedctl.processes import Stack, busy_ports
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


@pytest.fixture(scope="session")
def stack(manifest: Manifest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    missing = missing_builds(manifest)
    if missing:
        names = ", ".join(missing)
        pytest.fail(f"no production build of {names}: run `fedctl build` (make test does)")
    busy = busy_ports(manifest)
    if busy:
        pytest.fail(f"ports {busy} are in use (is `make up` running?): stop it and test again")
    data = tmp_path_factory.mktemp("shop")
    stack = Stack(
        manifest,
        log_dir=data / "logs",
        api_env={
            "APP_ENV": "development",
            "DATABASE_URL": f"sqlite:///{data / 'shop.db'}",
            "SECRET_KEY": secrets.token_urlsafe(32),
            # Every test browser reaches the API from the same loopback address.
            "OTP_REQUEST_RATE_PER_ADDRESS": "1000/minute",
            "OTP_VERIFY_RATE_PER_ADDRESS": "1000/minute",
        },
    )
    try:
        stack.start_all()
        yield stack
    finally:
        stack.stop_all()


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
