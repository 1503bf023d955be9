"""`make dev APP=cart` in a scratch copy: Cart on its dev server, every other app (the host
included) from its production build. The page logs no console error; an edit to Cart reloads the
host page and says why (React's production build cannot swap a component); a dev server that
crashes is started again while the rest keeps serving."""

from __future__ import annotations

import os
import re
import signal
import time
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from fedctl import manifest as manifest_module
from fedctl.manifest import Manifest
from layouts import Layouts
from support import (
    ConsoleLog,
    DevFederation,
    dev_api_env,
    dev_federation,
    edited,
    give_session,
    scratch_copy,
    sign_in_through_the_api,
)


@pytest.fixture(scope="module")
def federation(
    manifest: Manifest, layouts: Layouts, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DevFederation]:
    layouts.stop()
    folder = tmp_path_factory.mktemp("dev-mixed")
    root = scratch_copy(manifest, folder / "repo")
    with dev_federation(root, ["cart"], dev_api_env(folder)) as running:
        yield running


@pytest.fixture
def copy(federation: DevFederation) -> Manifest:
    return manifest_module.load(federation.log.parent.parent)


@pytest.fixture
def context(browser: Browser, copy: Manifest) -> Iterator[BrowserContext]:
    context = browser.new_context()
    context.set_default_timeout(60_000)
    give_session(context, copy, sign_in_through_the_api(copy))
    try:
        yield context
    finally:
        context.close()


def test_the_mixed_federation_says_which_apps_are_live(federation: DevFederation, copy: Manifest) -> None:
    output = federation.log.read_text(errors="replace")
    assert f"Open {copy.base_url(copy.app(copy.host))}/" in output
    assert "Live-editable in the host page: cart." in output
    assert re.search(r"│ auth +│ production build", output), output


@pytest.mark.parametrize("route", ["/", "/products", "/cart", "/account", "/support", "/faq"])
def test_no_page_of_the_mixed_federation_logs_a_console_error(
    copy: Manifest, context: BrowserContext, route: str
) -> None:
    console = ConsoleLog()
    page = console.watch(context.new_page())
    page.goto(copy.base_url(copy.app(copy.host)) + route)
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("main")).to_be_visible()
    assert console.errors == []


def test_a_cart_edit_reloads_a_production_host_page_and_says_why(copy: Manifest, context: BrowserContext) -> None:
    page = context.new_page()
    logged: list[str] = []
    page.on("console", lambda message: logged.append(message.text))
    page.goto(copy.base_url(copy.app(copy.host)) + "/cart")
    expect(page.get_by_role("heading", name="Your cart")).to_be_visible()
    page.wait_for_load_state("networkidle")
    with edited(copy.root / "apps/cart/src/components/CartPage.tsx", ">Your cart</h1>", ">Your basket</h1>"):
        expect(page.get_by_role("heading", name="Your basket")).to_be_visible()
    assert any("React's production build, which cannot swap an edited component in place" in text for text in logged)
    expect(page.get_by_role("link", name=re.compile(r"items in the cart$"))).to_be_visible()


def test_a_dev_server_that_crashes_is_started_again_and_the_rest_keeps_serving(
    federation: DevFederation, copy: Manifest
) -> None:
    cart = copy.app("cart")
    os.kill(federation.server_of(copy.root / cart.directory), signal.SIGKILL)
    deadline = time.monotonic() + 120
    while "cart answers again" not in federation.log.read_text(errors="replace"):
        assert federation.process.poll() is None, federation.log.read_text(errors="replace")[-3000:]
        assert time.monotonic() < deadline, federation.log.read_text(errors="replace")[-3000:]
        time.sleep(0.5)
    output = federation.log.read_text(errors="replace")
    assert "cart stopped (exit code -9); the others keep running." in output
    assert httpx.get(copy.base_url(copy.app(copy.host)) + "/").status_code == 200
    assert httpx.get(copy.remote_entry_url(cart)).status_code == 200
