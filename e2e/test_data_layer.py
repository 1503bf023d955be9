"""One cache for every remote: walking the shop's pages reads each resource from the API once.

The host reads the profile, the cart and the tickets after sign-in; Products, Cart, Account and
Support then find them in the one RTK Query cache of the shared store instead of reading them
again (the reference's "a remote never re-fetches what the store already holds")."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from playwright.sync_api import Request, expect

from support import ShopPage, log_in, new_mobile

# The API's data, not its images (the catalogue's pictures are files the browser caches itself),
# and not the session's own cookie exchange.
DATA = re.compile(r"/api/(?!static/|auth/refresh$|auth/verify$|auth/otp$)")


def test_walking_products_cart_account_support_cart_reads_each_resource_once(shop: ShopPage) -> None:
    page = shop.page
    page.goto("/login")
    log_in(shop, new_mobile())
    expect(page.get_by_test_id("header-account")).to_be_visible()

    reads: Counter[str] = Counter()

    def count(request: Request) -> None:
        url = urlsplit(request.url)
        if request.method == "GET" and DATA.search(url.path):
            reads[url.path] += 1

    page.on("request", count)
    page.reload()
    expect(page.get_by_test_id("header-account")).to_be_visible()

    def walk(link: str, test_id: str) -> None:
        page.locator("header").get_by_role("link", name=re.compile(link)).first.click()
        expect(page.get_by_test_id(test_id)).to_be_visible()

    page.get_by_role("link", name="Products", exact=True).click()
    expect(page.get_by_test_id("product-card").first).to_be_visible()
    walk("items in the cart", "cart-page")
    expect(page.get_by_test_id("cart-empty")).to_be_visible()
    walk("^Account$", "account-page")
    expect(page.get_by_test_id("account-phone")).not_to_be_empty()
    expect(page.get_by_test_id("account-session").first).to_be_visible()
    walk("open support tickets", "support-page")
    expect(page.get_by_test_id("create-ticket")).to_be_visible()
    walk("items in the cart", "cart-page")
    expect(page.get_by_test_id("cart-empty")).to_be_visible()
    page.wait_for_load_state("networkidle")

    # Before this data layer the same walk made 9 requests for these 4 resources. The profile, the
    # cart and the tickets came with the reloaded page (the host's server read them for its first
    # HTML): the browser reads none of them again.
    assert reads == {
        "/api/products": 1,
        "/api/auth/sessions": 1,
    }, reads
    assert shop.console.errors == []
