"""The journey once more, in the production layout: one origin behind nginx, two API workers on
PostgreSQL and Redis, the React remotes served by nginx from disk (make prod)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Request, expect

from fedctl.manifest import Manifest
from fedctl.processes import stop
from fedctl.production import ProductionStack
from journey import run_journey
from support import STORE_NEXT_MINOR, ShopPage, build_next_copy, copy_app, log_in, new_mobile, serving_copy

REFUSAL = f"does not satisfy the requirement of products which needs {STORE_NEXT_MINOR}"


def test_the_journey_through_the_edge_shares_one_store_and_logs_nothing(prod_shop: ShopPage) -> None:
    entries: list[str] = []

    def note_entry(request: Request) -> None:
        if "remoteEntry.js" in request.url:
            entries.append(request.url)

    prod_shop.page.on("request", note_entry)
    result = run_journey(prod_shop)
    assert result.products_authorization == f"Bearer {result.token}"
    page = prod_shop.page
    assert page.evaluate("window.__myapp_store_count") == 1
    for path in ("/", "/products", "/cart", "/account", "/support", "/faq"):
        page.goto(path)
        expect(page.locator("header")).to_be_visible()
        page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("cart-count")).to_have_text("1")
    # Every app came from the one origin, and every entry URL names its remote's release
    # (`?v=<release>`), never a per-page-load cache buster (`t=<timestamp>`).
    origin = prod_shop.manifest.origin(prod_shop.env)
    assert entries and all(url.startswith(origin + "/") for url in entries), entries
    assert all(re.search(r"remoteEntry\.js\?v=[0-9a-f]{12}$", url) for url in entries), entries
    # A Content-Security-Policy violation is reported on the console: there is none.
    assert prod_shop.console.errors == []
    assert prod_shop.console.warnings == []


@pytest.fixture(scope="module")
def production_products_for_store_1_1(manifest: Manifest, edge_stack: ProductionStack) -> Path:
    copy = copy_app(manifest, "products", "contract-production")
    return build_next_copy(
        manifest,
        copy,
        {
            "FEDERATION_ENV": edge_stack.env,
            "FEDERATION_PRETEND_VERSIONS": json.dumps({"@myapp/store": STORE_NEXT_MINOR}),
        },
    )


def test_the_version_contract_refuses_a_remote_behind_the_edge(
    prod_shop: ShopPage, edge_stack: ProductionStack, manifest: Manifest, production_products_for_store_1_1: Path
) -> None:
    with serving_copy(edge_stack, manifest, "products", production_products_for_store_1_1):
        page = prod_shop.page
        page.goto("/products")
        slot_error = page.get_by_test_id("remote-error")
        expect(slot_error).to_contain_text("products/BeautyCare could not be loaded")
        expect(slot_error).to_contain_text(REFUSAL)
        page.get_by_test_id("header-login").click()
        log_in(prod_shop, new_mobile())
        expect(page.get_by_test_id("header-account")).to_be_visible()
        assert page.evaluate("window.__myapp_store_count") == 1


@pytest.fixture
def products_stopped(edge_stack: ProductionStack, manifest: Manifest) -> Iterator[None]:
    service = next(s for s in edge_stack.services if s.name == "products")
    stop(service)
    try:
        yield
    finally:
        edge_stack.replace("products", edge_stack.app_service(manifest.app("products")))


def test_a_stopped_remote_shows_its_slot_message_and_the_shop_keeps_working(
    prod_shop: ShopPage, products_stopped: None
) -> None:
    page = prod_shop.page
    page.goto("/products")
    expect(page.get_by_test_id("remote-error")).to_contain_text("products/BeautyCare could not be loaded")
    # The header (host) and the Auth remote still work.
    page.get_by_test_id("header-login").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    log_in(prod_shop, new_mobile())
    expect(page.get_by_test_id("header-account")).to_be_visible()
    page.goto("/faq")
    expect(page.get_by_test_id("faq")).to_be_visible()
