"""The user journey of the walking skeleton, shared by the tests that check its outcomes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import expect

from support import ShopPage, new_mobile, paste, read_dev_code


@dataclass(frozen=True)
class JourneyResult:
    mobile: str
    token: str
    products_authorization: str | None


def run_journey(shop: ShopPage) -> JourneyResult:
    """Home → Products (logged out) → Login through Auth → Products (logged in) → Add to Cart."""
    page = shop.page
    page.goto("/")
    expect(page.get_by_test_id("header-login")).to_be_visible()
    expect(page.get_by_test_id("cart-count")).to_have_text("0")

    page.get_by_role("link", name="Products", exact=True).click()
    expect(page.get_by_test_id("product-card").first).to_be_visible()
    expect(page.get_by_test_id("product-card").first).to_have_attribute("data-signed-in", "false")

    # Logged out, Add to Cart sends the person to the login page instead.
    page.get_by_test_id("add-to-cart").first.click()
    expect(page).to_have_url(re.compile(r"/login$"))

    mobile = new_mobile()
    page.get_by_test_id("mobile-input").fill(mobile)
    page.get_by_test_id("send-otp").click()
    expect(page.get_by_test_id("otp-digit-0")).to_be_visible()
    code = read_dev_code(shop.manifest, mobile, shop.api_origins)
    paste(page, "otp-digit-0", code)
    for index, digit in enumerate(code):
        expect(page.get_by_test_id(f"otp-digit-{index}")).to_have_value(digit)

    with page.expect_response(re.compile(r"/api/auth/verify$")) as verified:
        page.get_by_test_id("verify-otp").click()
    token: str = verified.value.json()["token"]

    expect(page).to_have_url(shop.url("main", "/"))
    expect(page.get_by_test_id("header-account")).to_be_visible()
    expect(page.get_by_test_id("header-login")).to_have_count(0)

    # Client-side navigation: the same page, the same store (and the catalogue already read).
    page.get_by_role("link", name="Products", exact=True).click()
    card = page.get_by_test_id("product-card").first
    expect(card).to_have_attribute("data-signed-in", "true")
    expect(card).to_have_attribute("data-has-token", "true")

    with page.expect_request(re.compile(r"/api/cart/items$")) as add_request:
        card.get_by_test_id("add-to-cart").click()
    expect(page.get_by_test_id("cart-count")).to_have_text("1")
    return JourneyResult(mobile, token, add_request.value.headers.get("authorization"))
