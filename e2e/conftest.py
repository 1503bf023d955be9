"""Browser tests: the production builds, started exactly as `fedctl up` starts them, driven in a
real headless Chromium through Playwright.

`fedctl test` (and so `make test`) builds every app before pytest runs; run alone, these tests
expect the builds to exist and say so when they do not.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from fedctl import manifest as manifest_module
from fedctl.doctor.browser import MISSING, chromium_executable, launch
from fedctl.manifest import Manifest
from fedctl.processes import Stack
from fedctl.production import ProductionStack
from layouts import Layouts
from support import ConsoleLog, ShopPage

# Modules that run `fedctl dev` on the manifest's ports, stopping the layout the others share.
DEV_SERVER_MODULES = ("test_dev_federation.py", "test_dev_mixed.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "e2e" in item.path.parts:
            item.add_marker(pytest.mark.browser)
    # Last, so the production layout of the other browser tests is started once, not again after them.
    items.sort(key=lambda item: item.path.name in DEV_SERVER_MODULES)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A failed browser test shows what its pages printed (console errors, uncaught exceptions) in
    full: a client-side exception is otherwise only "Application error" in the page snapshot."""
    report = yield
    if report.failed and call.when == "call":
        for name, value in getattr(item, "funcargs", {}).items():
            if isinstance(value, ShopPage) and (value.console.errors or value.console.warnings):
                printed = "\n".join(
                    [f"error: {text}" for text in value.console.errors]
                    + [f"warning: {text}" for text in value.console.warnings]
                )
                report.sections.append((f"console of {name} ({value.page.url})", printed))
    return report


@pytest.fixture(scope="session")
def manifest() -> Manifest:
    return manifest_module.load(Path(__file__).resolve().parent.parent)


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
    console = ConsoleLog()
    page = console.watch(context.new_page())
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
    console = ConsoleLog()
    page = console.watch(context.new_page())
    yield ShopPage(page, console, manifest, env=edge_stack.env, api_origins=worker_urls)
    context.close()
