"""Every remote runs on its own, with its own provider, for development."""

from __future__ import annotations

from playwright.sync_api import expect

from support import ShopPage, log_in, new_mobile


def test_auth_runs_standalone(shop: ShopPage) -> None:
    page = shop.page
    page.goto(shop.url("auth", "/"))
    expect(page.get_by_test_id("standalone-status")).to_have_text("Not signed in")
    mobile = new_mobile()
    log_in(shop, mobile)
    expect(page.get_by_test_id("standalone-status")).to_have_text(f"Signed in as {mobile}")
    assert page.evaluate("window.__myapp_store_count") == 1
    assert shop.console.errors == []


def test_products_runs_standalone(shop: ShopPage) -> None:
    page = shop.page
    page.goto(shop.url("products", "/"))
    card = page.get_by_test_id("product-card").first
    expect(card).to_be_visible()
    expect(card).to_have_attribute("data-signed-in", "false")
    assert page.get_by_test_id("product-card").count() >= 12
    assert page.evaluate("window.__myapp_store_count") == 1
    # The catalogue filter is the remote's own UI state.
    page.get_by_role("button", name="Skincare").click()
    # The filtered list is a query of its own: until it answers, the whole catalogue stays shown.
    page.wait_for_function("document.querySelectorAll('[data-testid=product-card]').length < 12")
    expect(page.get_by_test_id("product-card").first).to_be_visible()
    assert shop.console.errors == []
