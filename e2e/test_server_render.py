"""The host renders the shop on the server: the content routes' text, titles and structured data are
in the first HTML, a signed-in visitor's header too, each request has its own store, and the
browser hydrates that HTML into its one store without an error."""

from __future__ import annotations

import html
import json
import os
import re
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from fedctl.manifest import Manifest
from fedctl.processes import Stack, stop
from support import (
    SESSION_COOKIE,
    ApiSession,
    ConsoleLog,
    ShopPage,
    build_next_copy,
    copy_app,
    give_session,
    serving_copy,
    sign_in_through_the_api,
)

# How long the host's server waits for a Next remote's server container: its own constant
# (apps/main/components/serverRemotes.ts), read here rather than typed twice.
_REMOTES = (Path(__file__).resolve().parent.parent / "apps/main/components/serverRemotes.ts").read_text()
_BOUND = re.search(r"SERVER_REMOTE_TIMEOUT_MS = ([\d_]+);", _REMOTES)
assert _BOUND, "apps/main/components/serverRemotes.ts no longer declares SERVER_REMOTE_TIMEOUT_MS"
SERVER_REMOTE_TIMEOUT_S = int(_BOUND[1].replace("_", "")) / 1000

CONTENT_ROUTES = ["/", "/products", "/products/rose-lip-balm", "/faq"]
# Every route of the host: the content routes and the React remotes' (client-only) pages.
ALL_ROUTES = [*CONTENT_ROUTES, "/cart", "/login", "/account", "/support"]
PRODUCT_ID = "rose-lip-balm"

# Tags the elements the server sent before any script runs, so a test can tell hydration (React
# keeps the server's nodes) from a client re-render (React throws them away).
TAG_SERVER_NODES = """
document.addEventListener('readystatechange', () => {
  if (document.readyState !== 'interactive') return;
  for (const element of document.querySelectorAll('[data-testid]')) element.__fromServer = true;
});
"""


def host(manifest: Manifest) -> str:
    return manifest.base_url(manifest.app(manifest.host))


def api(manifest: Manifest, method: str, path: str, token: str, body: Any = None) -> httpx.Response:
    url = f"{manifest.api_origin()}{manifest.api_path}{path}"
    response = httpx.request(method, url, headers={"Authorization": f"Bearer {token}"}, json=body)
    response.raise_for_status()
    return response


def server_html(manifest: Manifest, path: str, cookies: dict[str, str] | None = None) -> httpx.Response:
    response = httpx.get(host(manifest) + path, cookies=cookies, timeout=30)
    response.raise_for_status()
    return response


def text_of(page_html: str) -> str:
    """The HTML's text with entities decoded and React's text separators (`<!-- -->`) removed."""
    return html.unescape(page_html.replace("<!-- -->", ""))


def session_cookies(session: ApiSession) -> dict[str, str]:
    return {SESSION_COOKIE: session.cookie, f"{SESSION_COOKIE}_present": "1"}


def header_counts(page_html: str) -> tuple[str, str]:
    cart = re.search(r'data-testid="cart-count">(\d+)<', page_html)
    tickets = re.search(r'data-testid="ticket-count">(\d+)<', page_html)
    assert cart and tickets, "the header's counts are not in the HTML"
    return cart[1], tickets[1]


def visible_texts(page: Page, path: str) -> list[str]:
    """What the browser shows on a content route once scripts have run."""
    page.goto(path)
    if path == "/":
        hero = page.get_by_test_id("home-hero")
        expect(hero).to_be_visible()
        return [hero.get_by_role("heading").inner_text(), *hero.locator("p").all_inner_texts()[:2]]
    if path == "/faq":
        expect(page.get_by_test_id("faq-item").first).to_be_visible()
        items = page.get_by_test_id("faq-item")
        return [*items.locator("h2").all_inner_texts(), *items.locator("p").all_inner_texts()]
    if path == "/products":
        expect(page.get_by_test_id("product-card").first).to_be_visible()
        cards = page.get_by_test_id("product-card")
        assert cards.count() >= 10
        return [*cards.locator("h3").all_inner_texts(), *cards.locator("p").all_inner_texts()]
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_be_visible()
    return [heading.inner_text(), *page.locator("main section p").all_inner_texts()]


@pytest.mark.parametrize("path", CONTENT_ROUTES)
def test_the_server_html_holds_what_the_browser_shows(shop: ShopPage, path: str) -> None:
    shown = visible_texts(shop.page, path)
    assert shown, "the browser showed nothing to compare"
    page_html = text_of(server_html(shop.manifest, path).text)
    for text in shown:
        assert text.strip() in page_html, f"{path}: {text!r} is shown by the browser but not in the server's HTML"
    assert shop.console.errors == []


def test_each_content_route_has_its_title_and_description(stack: Stack, manifest: Manifest) -> None:
    titles = {}
    for path in CONTENT_ROUTES:
        page_html = server_html(manifest, path).text
        title = re.search(r"<title>([^<]+)</title>", page_html)
        description = re.search(r'<meta name="description" content="([^"]+)"', page_html)
        assert title and description, path
        assert len(re.findall(r"<title>", page_html)) == 1, path
        titles[path] = html.unescape(title[1])
    assert len(set(titles.values())) == len(CONTENT_ROUTES), titles
    assert titles[f"/products/{PRODUCT_ID}"].startswith("Rose Lip Balm")


def test_a_product_page_has_schema_org_product_data(stack: Stack, manifest: Manifest) -> None:
    product = httpx.get(f"{manifest.api_origin()}{manifest.api_path}/products/{PRODUCT_ID}").json()
    page_html = server_html(manifest, f"/products/{PRODUCT_ID}").text
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page_html)
    data = json.loads(block)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Product"
    assert data["name"] == product["name"]
    assert data["description"] == product["description"]
    assert float(data["offers"]["price"]) == product["price"]
    assert data["offers"]["priceCurrency"] == "USD"


def test_without_javascript_the_catalogue_and_the_faq_can_be_read(
    stack: Stack, browser: Browser, manifest: Manifest
) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=host(manifest))
    try:
        page = context.new_page()
        page.goto("/products")
        cards = page.get_by_test_id("product-card")
        expect(cards.first).to_be_visible()
        assert cards.count() >= 10
        expect(page.get_by_role("heading", name="Rose Lip Balm")).to_be_visible()
        # A card's link leads to the product's own page, rendered on the server too.
        page.get_by_test_id("product-link").filter(has_text="Rose Lip Balm").click()
        expect(page).to_have_url(re.compile(rf"/products/{PRODUCT_ID}$"))
        expect(page.get_by_role("heading", level=1, name="Rose Lip Balm")).to_be_visible()
        expect(page.get_by_text("A softening lip balm with rose oil and shea butter.")).to_be_visible()
        # The header's links work without scripts too.
        page.get_by_role("link", name="FAQ").click()
        expect(page).to_have_url(re.compile(r"/faq$"))
        expect(page.get_by_role("heading", name="How do I sign in?")).to_be_visible()
        assert page.get_by_test_id("faq-item").count() >= 6
        page.get_by_role("link", name="Home", exact=True).click()
        expect(page.get_by_test_id("home-hero")).to_contain_text("Beauty and care, delivered")
    finally:
        context.close()


def a_shopper(manifest: Manifest, name: str, cart_items: int, tickets: int) -> ApiSession:
    """A signed-in visitor with a name, `cart_items` products in the cart and open tickets."""
    session = sign_in_through_the_api(manifest)
    api(manifest, "PATCH", "/me", session.token, {"name": name})
    products = httpx.get(f"{manifest.api_origin()}{manifest.api_path}/products", params={"pageSize": 20}).json()
    for product in products["items"][:cart_items]:
        api(manifest, "POST", "/cart/items", session.token, {"productId": product["id"], "qty": 1})
    for number in range(tickets):
        api(manifest, "POST", "/tickets", session.token, {"subject": f"{name} {number}", "message": "Hello."})
    return session


def test_a_signed_in_request_gets_account_and_its_counts_in_the_first_html(stack: Stack, manifest: Manifest) -> None:
    session = a_shopper(manifest, "Grace H.", cart_items=3, tickets=2)
    response = server_html(manifest, "/products", session_cookies(session))
    page_html = response.text
    assert 'data-testid="header-account"' in page_html
    assert 'data-testid="header-login"' not in page_html
    assert header_counts(page_html) == ("3", "2")
    assert "Grace H." in text_of(page_html)
    assert "private" in response.headers["cache-control"]
    # The server spent the browser's credential and handed it the rotated one: with it, the next
    # page is still signed in (the old one is not the browser's any more).
    rotated = response.cookies.get(SESSION_COOKIE)
    assert rotated and rotated != session.cookie
    again = server_html(manifest, "/", {SESSION_COOKIE: rotated, f"{SESSION_COOKIE}_present": "1"})
    assert 'data-testid="header-account"' in again.text
    # A signed-out request gets Login, and the same route's HTML carries nobody's data.
    anonymous = server_html(manifest, "/products").text
    assert 'data-testid="header-login"' in anonymous
    assert "Grace H." not in text_of(anonymous)
    assert header_counts(anonymous) == ("0", "0")


def test_sixty_concurrent_renders_for_two_visitors_never_mix_their_data(stack: Stack, manifest: Manifest) -> None:
    ada = a_shopper(manifest, "Ada Visitor", cart_items=2, tickets=0)
    bob = a_shopper(manifest, "Bob Visitor", cart_items=5, tickets=1)
    expected = {ada: ("Ada Visitor", ("2", "0")), bob: ("Bob Visitor", ("5", "1"))}
    # 30 each, interleaved, all at once. Each presents its visitor's one cookie, as 30 tabs loaded
    # together would: the API rotates it once and answers the others as a lost race.
    visitors = [ada, bob] * 30

    def render(visitor: ApiSession) -> tuple[ApiSession, str]:
        return visitor, server_html(manifest, "/faq", session_cookies(visitor)).text

    with ThreadPoolExecutor(max_workers=60) as pool:
        results = list(pool.map(render, visitors))
    assert len(results) == 60
    for visitor, page_html in results:
        name, counts = expected[visitor]
        other_name = expected[bob if visitor is ada else ada][0]
        text = text_of(page_html)
        assert 'data-testid="header-account"' in page_html
        assert name in text
        assert visitor.mobile in text
        assert other_name not in text
        assert (bob if visitor is ada else ada).mobile not in text
        assert header_counts(page_html) == counts


def hydrated_page(page: Page, path: str) -> None:
    """Loads `path`, waits until every slot has its content, and checks that React hydrated the
    server's nodes rather than rendering them again."""
    page.goto(path)
    page.wait_for_load_state("networkidle")
    expect(page.locator(".remote-loading")).to_have_count(0)
    if path in CONTENT_ROUTES:
        kept = page.evaluate(
            "() => [...document.querySelectorAll('[data-testid]')].filter((e) => e.__fromServer).length"
        )
        assert kept > 0, f"{path}: no node the server sent is still in the page (rendered again, not hydrated)"


@pytest.mark.parametrize("signed_in", [False, True], ids=["signed-out", "signed-in"])
def test_every_route_hydrates_into_one_store_without_an_error(
    stack: Stack, browser: Browser, manifest: Manifest, signed_in: bool
) -> None:
    context = browser.new_context(base_url=host(manifest))
    context.set_default_timeout(20_000)
    context.add_init_script(TAG_SERVER_NODES)
    console = ConsoleLog()
    try:
        if signed_in:
            give_session(context, manifest, a_shopper(manifest, "Hydra Tion", cart_items=1, tickets=1))
        page = console.watch(context.new_page())
        for path in ALL_ROUTES:
            hydrated_page(page, path)
            assert page.evaluate("window.__myapp_store_count") == 1, path
            header = "header-account" if signed_in else "header-login"
            expect(page.get_by_test_id(header)).to_be_visible()
            if signed_in:
                expect(page.get_by_test_id("cart-count")).to_have_text("1")
            assert console.errors == [], f"{path}: {console.errors}"
    finally:
        context.close()


def test_the_home_page_greets_once(shop: ShopPage) -> None:
    page = shop.page
    page.goto("/")
    expect(page.get_by_test_id("content-greeting")).to_have_count(1)
    expect(page.get_by_text(re.compile(r"^Welcome"))).to_have_count(0)
    assert shop.console.errors == []


def assert_products_left_to_the_browser_in_time(manifest: Manifest) -> None:
    """The host answers /products within the remote's bound (plus the render itself), with the
    Products slot left for the browser to fill."""
    started = time.monotonic()
    page_html = server_html(manifest, "/products").text
    assert time.monotonic() - started < SERVER_REMOTE_TIMEOUT_S + 2
    assert 'data-testid="product-card"' not in page_html
    assert "Loading products/BeautyCare" in text_of(page_html)


def test_a_stopped_next_remote_renders_client_side_in_time_and_on_the_server_again_once_back(
    stack: Stack, browser: Browser, manifest: Manifest
) -> None:
    stop(stack.service("products"))
    try:
        # A host that has not loaded Products yet: started while Products is down.
        stack.replace("main", stack.app_service(manifest.app("main")))
        assert_products_left_to_the_browser_in_time(manifest)
        # The browser tries for itself, and its slot says why it could not.
        context = browser.new_context(base_url=host(manifest))
        try:
            page = context.new_page()
            page.goto("/products")
            expect(page.get_by_test_id("remote-error")).to_contain_text("products/BeautyCare could not be loaded")
            expect(page.get_by_test_id("header-login")).to_be_visible()
        finally:
            context.close()
    finally:
        stack.replace("products", stack.app_service(manifest.app("products")))
    host_process = stack.service("main").process
    # Products is back: the same host process renders it on the server again.
    page_html = server_html(manifest, "/products").text
    assert page_html.count('data-testid="product-card"') >= 10
    assert "Loading products/BeautyCare" not in text_of(page_html)
    assert stack.service("main").process is host_process
    assert host_process is not None and host_process.poll() is None


def test_a_hung_next_remote_is_rendered_client_side_in_time_and_its_slot_says_so(
    stack: Stack, browser: Browser, manifest: Manifest
) -> None:
    """A remote whose server accepts connections and never answers (here: its processes paused)."""
    products = stack.service("products")
    assert products.process is not None
    os.killpg(products.process.pid, signal.SIGSTOP)
    try:
        assert_products_left_to_the_browser_in_time(manifest)
        # The browser waits for the entry as long as the federation runtime's script timeout (20 s),
        # then its slot says what failed; the page around it works all along.
        context = browser.new_context(base_url=host(manifest))
        try:
            page = context.new_page()
            page.goto("/products")
            expect(page.get_by_test_id("header-login")).to_be_visible()
            expect(page.get_by_test_id("remote-error")).to_contain_text(
                "products/BeautyCare could not be loaded", timeout=40_000
            )
        finally:
            context.close()
    finally:
        os.killpg(products.process.pid, signal.SIGCONT)
    # Answering again: the server renders it again, with no restart of either side.
    deadline = time.monotonic() + 30
    while 'data-testid="product-card"' not in (page_html := server_html(manifest, "/products").text):
        assert time.monotonic() < deadline, "the host did not render Products on the server again"
        time.sleep(0.5)
    assert page_html.count('data-testid="product-card"') >= 10


def home_in_a_browser(browser: Browser, manifest: Manifest) -> tuple[str, list[str]]:
    """The hero's text once the browser has hydrated `/`, and what the page logged as errors."""
    context = browser.new_context(base_url=host(manifest))
    context.add_init_script(TAG_SERVER_NODES)
    console = ConsoleLog()
    try:
        page = console.watch(context.new_page())
        hydrated_page(page, "/")
        assert page.evaluate("window.__myapp_store_count") == 1
        return page.get_by_test_id("home-hero").get_by_role("heading").inner_text(), console.errors
    finally:
        context.close()


def test_a_content_release_is_rendered_by_the_server_and_the_browser_alike(
    stack: Stack, browser: Browser, manifest: Manifest
) -> None:
    old_text, new_text = "Beauty and care, delivered", "Beauty and care, delivered to your door"
    # The host's server has loaded Content's current release.
    assert old_text in text_of(server_html(manifest, "/").text)
    copy = copy_app(manifest, "content", "release")
    hero = copy / "components/HomeHero.tsx"
    hero.write_text(hero.read_text().replace(f">{old_text}<", f">{new_text}<"))
    build_next_copy(manifest, copy)
    with serving_copy(stack, manifest, "content", copy):
        # The next render follows the release: new text from the server, the same in the browser.
        assert new_text in text_of(server_html(manifest, "/").text)
        heading, errors = home_in_a_browser(browser, manifest)
        assert heading == new_text
        assert errors == []
    # And back to the first release, with no host restart either.
    page_html = text_of(server_html(manifest, "/").text)
    assert old_text in page_html and new_text not in page_html
    heading, errors = home_in_a_browser(browser, manifest)
    assert heading == old_text
    assert errors == []
