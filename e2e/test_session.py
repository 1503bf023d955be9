"""The cart lives on the server and the session survives a reload; logout ends both in the browser."""

from __future__ import annotations

import httpx
from playwright.sync_api import expect

from journey import run_journey
from support import ShopPage, log_in, session_cookie


def api(shop: ShopPage, path: str, token: str) -> httpx.Response:
    url = f"{shop.manifest.api_origin()}{shop.manifest.api_path}{path}"
    return httpx.get(url, headers={"Authorization": f"Bearer {token}"})


def test_add_to_cart_is_saved_on_the_server_and_a_reload_keeps_it(shop: ShopPage) -> None:
    result = run_journey(shop)
    cart = api(shop, "/cart", result.token).json()
    assert [(line["qty"]) for line in cart["items"]] == [1]

    shop.page.reload()
    expect(shop.page.get_by_test_id("header-account")).to_be_visible()
    expect(shop.page.get_by_test_id("cart-count")).to_have_text("1")
    assert shop.console.errors == []


def test_logout_clears_the_user_and_the_cart_and_revokes_the_token(shop: ShopPage) -> None:
    result = run_journey(shop)
    page = shop.page
    page.get_by_test_id("header-account").click()
    page.get_by_test_id("logout").click()
    expect(page.get_by_test_id("header-login")).to_be_visible()
    expect(page.get_by_test_id("cart-count")).to_have_text("0")
    assert session_cookie(page.context) is None
    assert api(shop, "/me", result.token).status_code == 401

    page.reload()
    expect(page.get_by_test_id("header-login")).to_be_visible()

    # Signing in again brings back the cart the server kept.
    page.get_by_test_id("header-login").click()
    log_in(shop, result.mobile)
    expect(page.get_by_test_id("header-account")).to_be_visible()
    expect(page.get_by_test_id("cart-count")).to_have_text("1")
