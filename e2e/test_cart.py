"""The Cart remote, in the host at /cart and on its own: every change is saved on the server, the
store follows the server's answer, and the host's cart badge follows the store."""

from __future__ import annotations

import re
from typing import Any

import httpx
from playwright.sync_api import Page, expect

from journey import run_journey
from support import ShopPage, give_session, sign_in_through_the_api

# Chromium's own console note for every request the server refuses; a refused coupon is one.
REFUSED = "Failed to load resource: the server responded with a status of {status} ({reason})"
BAD_REQUEST = REFUSED.format(status=400, reason="Bad Request")
UNPROCESSABLE = REFUSED.format(status=422, reason="Unprocessable Entity")


def api(shop: ShopPage, method: str, path: str, token: str, body: Any = None) -> httpx.Response:
    url = f"{shop.manifest.api_origin()}{shop.manifest.api_path}{path}"
    return httpx.request(method, url, headers={"Authorization": f"Bearer {token}"}, json=body)


def server_cart(shop: ShopPage, token: str) -> dict[str, Any]:
    response = api(shop, "GET", "/cart", token)
    response.raise_for_status()
    cart: dict[str, Any] = response.json()
    return cart


def amount(page: Page, test_id: str) -> float:
    return float(page.get_by_test_id(test_id).get_attribute("data-amount") or "nan")


def expect_amount(page: Page, test_id: str, value: float) -> None:
    """The amount a totals row carries in `data-amount`, written as JavaScript writes numbers."""
    written = str(int(value)) if value == int(value) else repr(value)
    expect(page.get_by_test_id(test_id)).to_have_attribute("data-amount", written)


def settled(page: Page) -> None:
    """Waits until every change the page made has been answered by the server."""
    expect(page.get_by_test_id("cart-page")).to_have_attribute("aria-busy", "false")


def open_cart_from_the_header(page: Page) -> None:
    page.get_by_role("link", name=re.compile(r"items in the cart$")).click()
    expect(page).to_have_url(re.compile(r"/cart$"))
    expect(page.get_by_test_id("cart-line")).to_have_count(1)
    settled(page)


def first_product_id(shop: ShopPage) -> str:
    response = httpx.get(f"{shop.manifest.api_origin()}{shop.manifest.api_path}/products")
    response.raise_for_status()
    product_id: str = response.json()["items"][0]["id"]
    return product_id


def test_cart_changes_are_saved_on_the_server_and_followed_by_the_header(shop: ShopPage) -> None:
    result = run_journey(shop)
    page = shop.page
    open_cart_from_the_header(page)
    [line] = server_cart(shop, result.token)["items"]
    cart_line = page.get_by_test_id("cart-line")
    expect(cart_line).to_have_attribute("data-product-id", line["productId"])
    expect(cart_line).to_contain_text(line["name"])
    expect(cart_line.locator("img")).to_have_attribute("src", line["image"])

    # A typed quantity is sent once typing pauses; the badge and the server both say 3.
    page.get_by_test_id("cart-qty").fill("3")
    expect(page.get_by_test_id("cart-count")).to_have_text("3")
    settled(page)
    cart = server_cart(shop, result.token)
    assert [item["qty"] for item in cart["items"]] == [3]
    expect_amount(page, "cart-subtotal", cart["totals"]["subtotal"])
    expect_amount(page, "cart-total", cart["totals"]["total"])

    # An unknown code: the server's own reason is shown, and nothing is applied.
    refusal = api(shop, "POST", "/cart/coupon", result.token, {"code": "NOSUCHCODE"})
    assert refusal.status_code == 400
    page.get_by_test_id("coupon-input").fill("NOSUCHCODE")
    page.get_by_test_id("apply-coupon").click()
    expect(page.get_by_test_id("coupon-error")).to_have_text(refusal.json()["detail"])
    expect(page.get_by_test_id("coupon-applied")).to_have_count(0)

    # WELCOME10 takes 10% off.
    subtotal_cents = round(amount(page, "cart-subtotal") * 100)
    page.get_by_test_id("coupon-input").fill("WELCOME10")
    page.get_by_test_id("apply-coupon").click()
    expect(page.get_by_test_id("coupon-applied")).to_contain_text("WELCOME10")
    expect(page.get_by_test_id("coupon-error")).to_have_count(0)
    discount_cents = (subtotal_cents * 10 + 50) // 100
    expect_amount(page, "cart-discount", discount_cents / 100)
    expect_amount(page, "cart-total", (subtotal_cents - discount_cents) / 100)
    assert server_cart(shop, result.token)["coupon"]["code"] == "WELCOME10"

    # Deselected, the line no longer counts towards the total (it stays in the cart and the badge).
    page.get_by_test_id("cart-line-select").uncheck()
    expect_amount(page, "cart-total", 0)
    expect(page.get_by_test_id("cart-line")).to_have_attribute("data-selected", "false")
    expect(page.get_by_test_id("cart-count")).to_have_text("3")
    settled(page)
    assert [item["selected"] for item in server_cart(shop, result.token)["items"]] == [False]

    # A reload reads everything back from the server.
    page.reload()
    expect(page.get_by_test_id("cart-qty")).to_have_value("3")
    expect(page.get_by_test_id("cart-line-select")).not_to_be_checked()
    expect(page.get_by_test_id("coupon-applied")).to_contain_text("WELCOME10")
    expect(page.get_by_test_id("cart-count")).to_have_text("3")
    expect_amount(page, "cart-subtotal", 0)

    # Removing the last line empties the cart, on the page, in the badge and on the server.
    page.get_by_test_id("cart-remove").click()
    expect(page.get_by_test_id("cart-empty")).to_be_visible()
    expect(page.get_by_test_id("cart-count")).to_have_text("0")
    settled(page)
    assert server_cart(shop, result.token)["items"] == []
    page.reload()
    expect(page.get_by_test_id("cart-empty")).to_be_visible()

    # The empty cart leads back to the products, through the host's router.
    page.get_by_test_id("cart-empty").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/products$"))
    expect(page.get_by_test_id("product-card").first).to_be_visible()
    assert page.evaluate("window.__myapp_store_count") == 1
    # Nothing but the browser's note about the refused coupon.
    assert shop.console.errors == [BAD_REQUEST]


def test_quantity_buttons_select_all_and_coupon_removal(shop: ShopPage) -> None:
    result = run_journey(shop)
    page = shop.page
    open_cart_from_the_header(page)

    expect(page.get_by_test_id("cart-qty-decrease")).to_be_disabled()
    page.get_by_test_id("cart-qty-increase").click()
    page.get_by_test_id("cart-qty-increase").click()
    expect(page.get_by_test_id("cart-count")).to_have_text("3")
    page.get_by_test_id("cart-qty-decrease").click()
    expect(page.get_by_test_id("cart-count")).to_have_text("2")
    expect(page.get_by_test_id("cart-qty")).to_have_value("2")
    settled(page)
    assert [item["qty"] for item in server_cart(shop, result.token)["items"]] == [2]

    page.get_by_test_id("cart-select-all").uncheck()
    expect(page.get_by_test_id("cart-line-select")).not_to_be_checked()
    expect_amount(page, "cart-subtotal", 0)
    page.get_by_test_id("cart-select-all").check()
    expect(page.get_by_test_id("cart-line-select")).to_be_checked()
    settled(page)
    assert [item["selected"] for item in server_cart(shop, result.token)["items"]] == [True]
    assert amount(page, "cart-subtotal") > 0

    page.get_by_test_id("coupon-input").fill("welcome10")
    page.get_by_test_id("coupon-input").press("Enter")
    expect(page.get_by_test_id("coupon-applied")).to_contain_text("WELCOME10")
    assert amount(page, "cart-discount") > 0
    page.get_by_test_id("remove-coupon").click()
    expect(page.get_by_test_id("coupon-applied")).to_have_count(0)
    expect_amount(page, "cart-discount", 0)
    settled(page)
    assert server_cart(shop, result.token)["coupon"] is None
    assert shop.console.errors == []


def test_refused_changes_show_the_servers_message_and_keep_the_servers_cart(shop: ShopPage) -> None:
    result = run_journey(shop)
    page = shop.page
    open_cart_from_the_header(page)

    page.get_by_test_id("cart-qty").fill("100")
    page.get_by_test_id("cart-qty").press("Enter")
    expect(page.get_by_test_id("cart-error")).to_contain_text(re.compile(r"qty.*99"))
    expect(page.get_by_test_id("cart-qty")).to_have_value("1")
    expect(page.get_by_test_id("cart-count")).to_have_text("1")

    page.get_by_test_id("coupon-input").fill("SUMMER2020")
    page.get_by_test_id("apply-coupon").click()
    expect(page.get_by_test_id("coupon-error")).to_contain_text("expired")
    # Below SAVE5's minimum of 30.00 the server explains what is missing.
    page.get_by_test_id("coupon-input").fill("SAVE5")
    page.get_by_test_id("apply-coupon").click()
    expect(page.get_by_test_id("coupon-error")).to_contain_text("30.00")
    settled(page)
    cart = server_cart(shop, result.token)
    assert [item["qty"] for item in cart["items"]] == [1]
    assert cart["coupon"] is None
    # Nothing but the browser's notes about the three refused requests.
    assert shop.console.errors == [UNPROCESSABLE, BAD_REQUEST, BAD_REQUEST]


def test_signed_out_the_cart_offers_the_login(shop: ShopPage) -> None:
    page = shop.page
    page.goto("/cart")
    expect(page.get_by_test_id("cart-page")).to_contain_text("Log in")
    page.get_by_test_id("cart-login").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_test_id("mobile-input")).to_be_visible()
    assert shop.console.errors == []


def test_cart_runs_standalone(shop: ShopPage) -> None:
    page = shop.page
    standalone = shop.url("cart", "/")
    page.goto(standalone)
    expect(page.get_by_test_id("cart-login")).to_be_visible()

    session = sign_in_through_the_api(shop.manifest)
    token = session.token
    product_id = first_product_id(shop)
    api(shop, "POST", "/cart/items", token, {"productId": product_id, "qty": 2}).raise_for_status()
    give_session(page.context, shop.manifest, session)
    page.reload()
    line = page.get_by_test_id("cart-line")
    expect(line).to_have_count(1)
    expect(line).to_have_attribute("data-product-id", product_id)
    expect(page.get_by_test_id("cart-qty")).to_have_value("2")

    page.get_by_test_id("cart-qty-increase").click()
    expect(page.get_by_test_id("cart-qty")).to_have_value("3")
    settled(page)
    assert [item["qty"] for item in server_cart(shop, token)["items"]] == [3]
    assert page.evaluate("window.__myapp_store_count") == 1
    assert shop.console.errors == []
