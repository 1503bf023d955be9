"""The walking skeleton, end to end, in Chromium: one store shared by host, Auth and Products."""

from __future__ import annotations

from typing import Any

import httpx
from playwright.sync_api import Page, expect

from fedctl.doctor.collect import READ_FEDERATION
from journey import run_journey
from support import ShopPage


def default_share_scope(page: Page) -> dict[str, list[dict[str, Any]]]:
    """The page's `default` share scope, package by package, as `fedctl doctor` reads it (a package
    shared tree-shaken counts as loaded through its `treeShaking` variant)."""
    scope: dict[str, list[dict[str, Any]]] = {}
    for entry in page.evaluate(READ_FEDERATION)["shareScope"]:
        if entry["scope"] == "default":
            scope.setdefault(entry["package"], []).append(entry)
    return scope


def test_login_through_auth_is_seen_by_products_and_the_header(shop: ShopPage) -> None:
    result = run_journey(shop)
    # Products' API calls carry the very token the Auth remote stored: no message passing.
    assert result.products_authorization == f"Bearer {result.token}"


def test_one_store_provided_by_the_host_and_used_by_both_remotes(shop: ShopPage) -> None:
    run_journey(shop)
    page = shop.page
    assert page.evaluate("window.__myapp_store_count") == 1

    scope = default_share_scope(page)
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
