"""Sessions no script can steal: the httpOnly cookie, the in-memory access token, logout that
reaches every tab and every socket, CSRF refusal, and sign-in from a standalone remote."""

from __future__ import annotations

import re
import time

import httpx
from playwright.sync_api import Page, WebSocket, expect

from journey import run_journey
from support import SESSION_COOKIE, ShopPage, log_in, new_mobile, session_cookie, wait_for_hydration

# Records whether the Login button ever appears while a page loads (a "flash of Login").
WATCH_FOR_LOGIN = """
window.__sawLogin = false;
new MutationObserver(() => {
  if (document.querySelector('[data-testid="header-login"]')) window.__sawLogin = true;
}).observe(document, { childList: true, subtree: true });
"""

# Everything a page script can read that could outlive the page.
SCRIPT_READABLE = """() => ({
  cookies: document.cookie,
  local: JSON.stringify({ ...localStorage }),
  session: JSON.stringify({ ...sessionStorage }),
  url: location.href,
  html: document.documentElement.outerHTML,
})"""


def api_url(shop: ShopPage, path: str) -> str:
    return f"{shop.manifest.api_origin()}{shop.manifest.api_path}{path}"


def me(shop: ShopPage, token: str) -> int:
    return httpx.get(api_url(shop, "/me"), headers={"Authorization": f"Bearer {token}"}).status_code


def sign_out_in_account(page: Page) -> None:
    page.get_by_test_id("header-account").click()
    page.get_by_test_id("logout").click()


def test_after_sign_in_no_credential_is_readable_by_page_scripts(shop: ShopPage) -> None:
    result = run_journey(shop)
    page = shop.page
    cookie = session_cookie(page.context)
    assert cookie is not None
    readable = page.evaluate(SCRIPT_READABLE)
    for place, text in readable.items():
        assert result.token not in text, place
        assert str(cookie["value"]) not in text, place
        assert str(cookie["value"]).split(".")[1] not in text, place
    # Scripts see only the hint that a session exists (no secret), never the session cookie.
    assert [c.split("=")[0] for c in readable["cookies"].split("; ")] == [f"{SESSION_COOKIE}_present"]
    # The cookie's flags, as the browser stored them.
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Lax"
    assert cookie["path"] == "/"
    assert cookie["domain"] == "localhost"  # the host name, not a port: every app shares it
    assert cookie["expires"] > time.time() + 29 * 24 * 3600
    # Plain http in development; production and https set Secure (API tests check both).
    assert cookie["secure"] is False


def test_a_reload_keeps_the_session_without_a_flash_of_login(shop: ShopPage) -> None:
    result = run_journey(shop)
    page = shop.page
    page.add_init_script(WATCH_FOR_LOGIN)
    refreshes: list[str] = []
    page.on("request", lambda request: refreshes.append(request.url) if "/api/auth/refresh" in request.url else None)
    cookie_before = session_cookie(page.context)
    with page.expect_response(lambda response: response.request.resource_type == "document") as loaded:
        page.reload()
    assert loaded.value.status == 200
    expect(page.get_by_test_id("header-account")).to_be_visible()
    expect(page.get_by_test_id("cart-count")).to_have_text("1")
    wait_for_hydration(page)
    assert page.evaluate("window.__sawLogin") is False
    # The host's server exchanged the cookie for the page: the page came with the rotated cookie
    # and a new access token, and the browser had nothing to ask.
    assert refreshes == []
    assert cookie_before is not None
    cookie_after = session_cookie(page.context)
    assert cookie_after is not None and cookie_after["value"] != cookie_before["value"]
    assert cookie_after["httpOnly"] is True
    renewed = page.evaluate("window.__NEXT_DATA__.props.serverState.user.at")
    assert renewed and renewed != result.token
    assert me(shop, renewed) == 200
    assert shop.console.errors == []


def test_logout_in_one_tab_signs_out_the_other_without_a_reload(shop: ShopPage) -> None:
    result = run_journey(shop)
    page = shop.page
    other = page.context.new_page()
    other.goto(shop.url("main", "/products"))
    expect(other.get_by_test_id("header-account")).to_be_visible()
    expect(other.get_by_test_id("product-card").first).to_have_attribute("data-signed-in", "true")

    sign_out_in_account(page)
    expect(page.get_by_test_id("header-login")).to_be_visible()
    started = time.monotonic()
    expect(other.get_by_test_id("header-login")).to_be_visible(timeout=5_000)
    assert time.monotonic() - started < 1.5
    expect(other.get_by_test_id("product-card").first).to_have_attribute("data-signed-in", "false")
    expect(other.get_by_test_id("cart-count")).to_have_text("0")
    assert me(shop, result.token) == 401


def test_sign_in_in_one_tab_signs_in_the_other(shop: ShopPage) -> None:
    page = shop.page
    page.goto("/")
    other = page.context.new_page()
    other.goto(shop.url("main", "/"))
    expect(other.get_by_test_id("header-login")).to_be_visible()

    page.get_by_test_id("header-login").click()
    log_in(shop, new_mobile())
    expect(page.get_by_test_id("header-account")).to_be_visible()
    expect(other.get_by_test_id("header-account")).to_be_visible(timeout=5_000)


def test_logout_closes_the_chat_socket_and_refuses_the_old_token(shop: ShopPage) -> None:
    result = run_journey(shop)
    page = shop.page
    # A second browser holding the same session (its cookie copied over) keeps its chat open: no
    # tab signal reaches it, so only the server can close that socket.
    browser = page.context.browser
    assert browser is not None
    second = browser.new_context()
    try:
        watcher = second.new_page()
        second.add_cookies(page.context.cookies())
        with watcher.expect_websocket() as opened:
            watcher.goto(shop.url("main", "/support"))
        socket: WebSocket = opened.value
        expect(watcher.get_by_test_id("chat-status")).to_have_text("connected")
        closed: list[bool] = []
        socket.on("close", lambda _socket: closed.append(True))

        # Logging out in the first browser ends the session both browsers shared.
        sign_out_in_account(page)
        expect(page.get_by_test_id("header-login")).to_be_visible()
        deadline = time.monotonic() + 5
        while not closed and time.monotonic() < deadline:
            watcher.wait_for_timeout(100)
        assert closed, "the server did not close the chat socket within 5 s of the logout"
        # The watcher's page learns it is signed out (its renewal is refused) and says so.
        expect(watcher.get_by_test_id("header-login")).to_be_visible()
    finally:
        second.close()
    # An access token captured before logout is refused after it, by the API and by the socket.
    assert me(shop, result.token) == 401


def test_a_cross_origin_cookie_only_post_is_refused(shop: ShopPage) -> None:
    result = run_journey(shop)
    page = shop.page
    host = shop.url("main", "")
    # A page of the same site (localhost) on a port that is no app of the shop: the browser sends
    # the SameSite=Lax cookie along with its requests, so only the Origin check stands in the way.
    # A port that no app of the manifest uses; the browser never reaches it (the route answers).
    attacker_port = max(app.port for app in shop.manifest.apps.values()) + 993
    attacker_origin = f"http://localhost:{attacker_port}"
    attacker = page.context.new_page()
    attacker.route(
        f"{attacker_origin}/**", lambda route: route.fulfill(body="<h1>attacker</h1>", content_type="text/html")
    )
    attacker.goto(f"{attacker_origin}/")
    for path in ("/api/auth/refresh", "/api/auth/logout"):
        # A form posted to the endpoint: a top-level navigation, which carries the Lax cookie.
        attacker.set_content(f'<form method="post" action="{host}{path}"><button>go</button></form>')
        with attacker.expect_response(f"{host}{path}") as answered:
            attacker.get_by_role("button", name="go").click()
        assert answered.value.status == 403, path
        # The browser did send the cookie: the Origin check is what refused the request.
        assert SESSION_COOKIE in answered.value.request.all_headers().get("cookie", ""), path
        attacker.goto(f"{attacker_origin}/")
    # Nothing happened to the session.
    assert me(shop, result.token) == 200
    page.reload()
    expect(page.get_by_test_id("header-account")).to_be_visible()


def test_a_standalone_remote_signs_in_through_the_auth_remote(shop: ShopPage) -> None:
    page = shop.page
    page.goto(shop.url("account", "/"))
    expect(page.get_by_test_id("account-page")).to_contain_text("not signed in")
    page.get_by_test_id("account-page").get_by_role("link", name="Log in").click()
    # Auth's own page, on its own port, which comes back here once signed in.
    expect(page).to_have_url(re.compile(rf"^{re.escape(shop.url('auth', '/'))}\?returnTo="))
    mobile = new_mobile()
    log_in(shop, mobile)
    expect(page).to_have_url(shop.url("account", "/"))
    expect(page.get_by_test_id("account-phone")).to_have_text(mobile)
    expect(page.get_by_test_id("account-session")).to_have_count(1)
    # The host on its own port is signed in with the same session.
    page.goto(shop.url("main", "/"))
    expect(page.get_by_test_id("header-account")).to_be_visible()
    assert shop.console.errors == []


def test_sign_out_everywhere_signs_out_every_browser(shop: ShopPage) -> None:
    result = run_journey(shop)
    page = shop.page
    browser = page.context.browser
    assert browser is not None
    second = browser.new_context(base_url=shop.url("main", ""))
    try:
        other = second.new_page()
        other.goto("/login")
        log_in(ShopPage(other, shop.console, shop.manifest), result.mobile)
        expect(other.get_by_test_id("header-account")).to_be_visible()

        page.get_by_test_id("header-account").click()
        expect(page.get_by_test_id("account-session")).to_have_count(2)
        expect(page.locator('[data-testid="account-session"][data-current="true"]')).to_have_count(1)
        page.get_by_test_id("sign-out-everywhere").click()
        expect(page.get_by_test_id("header-login")).to_be_visible()
        # The other browser's next renewal is refused; a reload there shows Login.
        other.reload()
        expect(other.get_by_test_id("header-login")).to_be_visible()
    finally:
        second.close()
    assert me(shop, result.token) == 401


def test_a_logout_that_cannot_reach_the_server_still_signs_out_and_says_so(shop: ShopPage) -> None:
    result = run_journey(shop)
    page = shop.page
    page.route("**/api/auth/logout", lambda route: route.abort("connectionrefused"))
    sign_out_in_account(page)
    expect(page.get_by_test_id("logout-problem")).to_contain_text("could not be told")
    assert page.get_by_test_id("header-login").is_visible(), shop.console.errors
    expect(page.get_by_test_id("cart-count")).to_have_text("0")
    # The server still holds the session; the next page load finishes the logout first.
    assert me(shop, result.token) == 200
    page.unroute("**/api/auth/logout")
    with page.expect_response(re.compile(r"/api/auth/logout$")) as finished:
        page.reload()
    assert finished.value.status == 204
    expect(page.get_by_test_id("header-login")).to_be_visible()
    assert me(shop, result.token) == 401
