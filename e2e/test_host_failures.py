"""The host never waits forever or fails silently: what could not load is said on the page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from journey import run_journey
from support import REFETCH_AFTER_AWAY_MS, ShopPage, leave_and_come_back, wait_for_hydration


def test_a_session_that_cannot_load_is_reported(shop: ShopPage) -> None:
    run_journey(shop)
    shop.page.route(re.compile(r"/api/cart$"), lambda route: route.fulfill(status=503, json={"detail": "down"}))
    # The server renders the page with the cart; the browser reads it again after a while away
    # (on the page's clock, installed before the page starts), and that read fails.
    shop.page.clock.install()
    shop.page.reload()
    expect(shop.page.get_by_test_id("header-account")).to_be_visible()
    wait_for_hydration(shop.page)
    with shop.page.expect_response(re.compile(r"/api/cart$")):
        leave_and_come_back(shop.page, REFETCH_AFTER_AWAY_MS)
    alert = shop.page.get_by_test_id("session-error")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("could not be loaded: down")
    # Still signed in: a server hiccup is not a logout.
    expect(shop.page.get_by_test_id("header-account")).to_be_visible()
