"""`make dev` (fedctl dev) in a scratch copy of the repository: an edit on disk reaches the page.

One federation serves these tests: the host, Cart (a React remote) and Products (a Next remote) on
their dev servers, the other apps from their production builds, as `make dev APP="main cart
products"` runs them (each dev server costs minutes of compiling on two cores, so only the ones
edited here run). A React remote's edit is swapped into the host page in place, the store kept; a
Next remote's edit reloads the host page by itself, the session and the server's cart kept; the
standalone page of a React remote updates in place too; and no page logs a console error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from fedctl import manifest as manifest_module
from fedctl.manifest import Manifest
from layouts import Layouts
from support import (
    ApiSession,
    ConsoleLog,
    dev_api_env,
    dev_federation,
    edited,
    give_session,
    scratch_copy,
    sign_in_through_the_api,
)

LIVE = ["main", "cart", "products"]
# What a page marks itself with before an edit: a reload would lose it.
MARKER = "window.__before_the_edit"


@pytest.fixture(scope="module")
def copy(manifest: Manifest, layouts: Layouts, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Manifest]:
    """The development federation in a scratch copy; the production layout the other browser
    tests use is stopped meanwhile (same ports) and started again by the next test that needs it."""
    layouts.stop()
    folder = tmp_path_factory.mktemp("dev-federation")
    root = scratch_copy(manifest, folder / "repo")
    with dev_federation(root, LIVE, dev_api_env(folder)):
        yield manifest_module.load(root)


@pytest.fixture
def context(browser: Browser, copy: Manifest) -> Iterator[BrowserContext]:
    context = browser.new_context()
    # A dev server compiles a route on its first visit.
    context.set_default_timeout(120_000)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def console() -> ConsoleLog:
    return ConsoleLog()


@pytest.fixture
def session(copy: Manifest, context: BrowserContext) -> ApiSession:
    session = sign_in_through_the_api(copy)
    give_session(context, copy, session)
    return session


def cart_with_one_line(copy: Manifest, session: ApiSession) -> str:
    base = f"{copy.api_origin()}{copy.api_path}"
    headers = {"Authorization": f"Bearer {session.token}"}
    product_id: str = httpx.get(f"{base}/products").json()["items"][0]["id"]
    httpx.post(f"{base}/cart/items", headers=headers, json={"productId": product_id, "qty": 2}).raise_for_status()
    return product_id


def store_snapshot(page: Page) -> dict[str, Any]:
    snapshot: dict[str, Any] = page.evaluate(
        """() => {
            const { user, cart } = window.__myapp_store.getState();
            return {
                count: window.__myapp_store_count,
                sameStore: window.__myapp_store === window.__store_before_the_edit,
                user: { isLoggedIn: user.isLoggedIn, phoneNumber: user.phoneNumber },
                lines: cart.items.map(({ id, qty, selected }) => ({ id, qty, selected })),
            };
        }"""
    )
    return snapshot


def test_a_react_remote_edit_is_swapped_into_the_host_page_with_the_store_kept(
    copy: Manifest, context: BrowserContext, session: ApiSession, console: ConsoleLog
) -> None:
    product_id = cart_with_one_line(copy, session)
    page = console.watch(context.new_page())
    page.goto(copy.base_url(copy.app(copy.host)) + "/cart")
    line = page.get_by_test_id("cart-line")
    expect(line).to_have_attribute("data-product-id", product_id)
    # A deselected line is state the page holds (and the server saves): it must come through.
    page.get_by_test_id("cart-line-select").uncheck()
    expect(line).to_have_attribute("data-selected", "false")
    expect(page.get_by_test_id("cart-page")).to_have_attribute("aria-busy", "false")
    page.evaluate(f"{MARKER} = true; window.__store_before_the_edit = window.__myapp_store")
    before = store_snapshot(page)
    assert before["user"]["isLoggedIn"] is True
    assert before["lines"] == [{"id": product_id, "qty": 2, "selected": False}]

    with edited(copy.root / "apps/cart/src/components/CartPage.tsx", ">Your cart</h1>", ">Your basket</h1>"):
        expect(page.get_by_role("heading", name="Your basket")).to_be_visible(timeout=30_000)
        assert page.evaluate(MARKER) is True, "the host page was reloaded"
        assert store_snapshot(page) == {**before, "sameStore": True}
        expect(line).to_have_attribute("data-selected", "false")
    expect(page.get_by_role("heading", name="Your cart")).to_be_visible(timeout=30_000)
    assert console.errors == []


def test_a_next_remote_edit_reaches_the_host_page_within_five_seconds(
    copy: Manifest, context: BrowserContext, session: ApiSession, console: ConsoleLog
) -> None:
    product_id = cart_with_one_line(copy, session)
    page = console.watch(context.new_page())
    page.goto(copy.base_url(copy.app(copy.host)) + "/products")
    expect(page.get_by_role("heading", name="Beauty & care")).to_be_visible()
    # The socket to Products' dev server is open once the page has settled.
    page.wait_for_load_state("networkidle")

    with edited(
        copy.root / "apps/products/components/BeautyCare.tsx",
        "<h1>Beauty &amp; care</h1>",
        "<h1>Beauty &amp; wellness</h1>",
    ):
        # A reload by the page itself (nextjs-mf cannot swap a Next remote in place), no navigation
        # by the test: the session cookie signs the page in again, the cart comes from the server.
        expect(page.get_by_role("heading", name="Beauty & wellness")).to_be_visible(timeout=5_000)
        expect(page.get_by_role("link", name=re.compile(r"^2 items in the cart$"))).to_be_visible()
        assert page.evaluate("window.__myapp_store.getState().user.isLoggedIn") is True
        assert page.evaluate("window.__myapp_store.getState().cart.items.map((item) => item.id)") == [product_id]
    expect(page.get_by_role("heading", name="Beauty & care")).to_be_visible(timeout=30_000)
    assert console.errors == []


def test_the_standalone_react_remote_updates_in_place_without_chunk_load_errors(
    copy: Manifest, context: BrowserContext, session: ApiSession, console: ConsoleLog
) -> None:
    cart_with_one_line(copy, session)
    page = console.watch(context.new_page())
    page.goto(copy.base_url(copy.app("cart")) + "/")
    expect(page.get_by_role("heading", name="Your cart")).to_be_visible()
    # One webpack runtime in the page: the standalone entry, not remoteEntry.js beside it.
    scripts = page.eval_on_selector_all("script[src]", "(scripts) => scripts.map((script) => script.src)")
    assert not [src for src in scripts if "remoteEntry" in src], scripts
    page.evaluate(f"{MARKER} = true")
    logged: list[str] = []
    page.on("console", lambda message: logged.append(message.text))

    with edited(copy.root / "apps/cart/src/components/CartPage.tsx", ">Your cart</h1>", ">Your trolley</h1>"):
        expect(page.get_by_role("heading", name="Your trolley")).to_be_visible(timeout=30_000)
        assert page.evaluate(MARKER) is True, "the standalone page was reloaded"
    expect(page.get_by_role("heading", name="Your cart")).to_be_visible(timeout=30_000)
    assert not [text for text in logged if "ChunkLoadError" in text or "Update failed" in text], logged
    assert console.errors == []


@pytest.mark.parametrize("route", ["/", "/products", "/cart", "/account", "/support", "/faq", "/login"])
def test_no_page_of_the_development_federation_logs_a_console_error(
    copy: Manifest, context: BrowserContext, session: ApiSession, console: ConsoleLog, route: str
) -> None:
    page = console.watch(context.new_page())
    page.goto(copy.base_url(copy.app(copy.host)) + route)
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("main")).to_be_visible()
    assert console.errors == []
