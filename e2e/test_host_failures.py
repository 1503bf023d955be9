"""The host never waits forever or fails silently: what could not load is said on the page."""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

from playwright.sync_api import Route, expect

from journey import run_journey
from support import ShopPage


def test_a_provider_that_cannot_load_is_reported_not_spun(shop: ShopPage) -> None:
    # Next records the files of each next/dynamic import; fail the store provider's, as a flaky
    # network or a half-finished deploy would.
    loadable = json.loads((shop.manifest.root / "apps/main/.next/react-loadable-manifest.json").read_text())
    [files] = [entry["files"] for key, entry in loadable.items() if key.endswith("-> @myapp/shell")]
    assert files, "the provider has a chunk of its own"
    provider_chunks = {f"/_next/{name}" for name in files}

    def fail_provider(route: Route) -> None:
        if urlparse(route.request.url).path in provider_chunks:
            route.abort()
        else:
            route.continue_()

    shop.page.route(re.compile(r"/_next/static/chunks/"), fail_provider)
    shop.page.goto("/")
    expect(shop.page.get_by_test_id("app-error")).to_be_visible(timeout=20_000)
    expect(shop.page.get_by_test_id("app-error")).to_contain_text("could not start")


def test_a_session_that_cannot_load_is_reported(shop: ShopPage) -> None:
    run_journey(shop)
    shop.page.route(re.compile(r"/api/cart$"), lambda route: route.fulfill(status=503, json={"detail": "down"}))
    shop.page.reload()
    alert = shop.page.get_by_test_id("session-error")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("could not be loaded: down")
    # Still signed in: a server hiccup is not a logout.
    expect(shop.page.get_by_test_id("header-account")).to_be_visible()
