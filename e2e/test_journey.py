"""The walking skeleton, end to end, in Chromium: one store shared by host, Auth and Products."""

from __future__ import annotations

import httpx
from playwright.sync_api import expect

from journey import run_journey
from support import ShopPage

SHARE_SCOPE = """() => {
  const host = window.__FEDERATION__.__INSTANCES__.find((instance) => instance.name === 'main');
  const scope = host.shareScopeMap.default;
  return Object.fromEntries(Object.entries(scope).map(([name, versions]) => [
    name,
    // A tree-shaken package (federation.json's treeShaking) is loaded as its `treeShaking` variant.
    Object.entries(versions).map(([version, shared]) => ({
      version, from: shared.from,
      loaded: Boolean(shared.loaded || (shared.treeShaking && shared.treeShaking.loaded)),
      useIn: [...(shared.useIn || []), ...((shared.treeShaking && shared.treeShaking.useIn) || [])],
    })),
  ]));
}"""


def test_login_through_auth_is_seen_by_products_and_the_header(shop: ShopPage) -> None:
    result = run_journey(shop)
    # Products' API calls carry the very token the Auth remote stored: no message passing.
    assert result.products_authorization == f"Bearer {result.token}"


def test_one_store_provided_by_the_host_and_used_by_both_remotes(shop: ShopPage) -> None:
    run_journey(shop)
    page = shop.page
    assert page.evaluate("window.__myapp_store_count") == 1

    scope = page.evaluate(SHARE_SCOPE)
    [store] = scope["@myapp/store"]
    assert store["from"] == "main"
    assert store["loaded"] is True
    assert {"main", "auth", "products"} <= set(store["useIn"])
    # The host provides every in-house package: were a remote the provider, a refusal of that
    # remote by the version contract would take every other consumer down with it.
    for package in shop.manifest.in_house_packages():
        assert [entry["from"] for entry in scope[package]] == ["main"], f"{package}: {scope[package]}"
    for package in ("react", "react-dom", "react-redux", "@reduxjs/toolkit"):
        loaded = [entry for entry in scope[package] if entry["loaded"]]
        assert [entry["from"] for entry in loaded] == ["main"], f"{package}: {scope[package]}"


def test_the_journey_logs_no_console_error_or_warning(shop: ShopPage) -> None:
    run_journey(shop)
    # Reloads and direct visits hydrate the server's HTML: a mismatch would be logged here.
    for path in ("/", "/products", "/login", "/account"):
        shop.page.goto(path)
        expect(shop.page.locator("header")).to_be_visible()
        shop.page.wait_for_load_state("networkidle")
    assert shop.console.errors == []
    # A warning here has meant real trouble before (session reloads cancelling each other).
    assert shop.console.warnings == []


def test_the_host_serves_a_favicon(shop: ShopPage) -> None:
    response = httpx.get(shop.url("main", "/favicon.ico"))
    assert response.status_code == 200
    assert response.headers["content-type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert response.content[:4] == b"\x00\x00\x01\x00"
