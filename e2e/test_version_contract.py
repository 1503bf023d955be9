"""The version contract: a remote built against another @myapp/store release is refused at
runtime, its slot says why, and the host and the other remotes keep working."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from fedctl.manifest import Manifest
from fedctl.processes import Stack
from support import ShopPage, build_next_copy, copy_app, log_in, new_mobile, serving_copy

REFUSAL = "does not satisfy the requirement of products which needs 1.1.0"


@pytest.fixture(scope="module")
def products_requiring_store_1_1(manifest: Manifest) -> Path:
    """Products as its team would ship it after bumping @myapp/store to 1.1.0 on their own."""
    copy = copy_app(manifest, "products", "contract")
    return build_next_copy(manifest, copy, {"FEDERATION_PRETEND_VERSIONS": '{"@myapp/store": "1.1.0"}'})


@pytest.fixture
def mismatched_products(stack: Stack, manifest: Manifest, products_requiring_store_1_1: Path) -> Iterator[None]:
    with serving_copy(stack, manifest, "products", products_requiring_store_1_1):
        yield


def test_products_built_for_store_1_1_is_refused_and_the_rest_keeps_working(
    shop: ShopPage, mismatched_products: None
) -> None:
    page = shop.page
    page.goto("/products")
    slot_error = page.get_by_test_id("remote-error")
    expect(slot_error).to_be_visible()
    expect(slot_error).to_contain_text("products/BeautyCare could not be loaded")
    expect(slot_error).to_contain_text("@myapp/store")
    expect(slot_error).to_contain_text(REFUSAL)
    expect(page.get_by_test_id("product-card")).to_have_count(0)

    # The host's header still works, and so does the Auth remote.
    page.get_by_test_id("header-login").click()
    log_in(shop, new_mobile())
    expect(page.get_by_test_id("header-account")).to_be_visible()
    assert page.evaluate("window.__myapp_store_count") == 1
    # The runtime's own message reached the console as well, for whoever debugs it.
    assert any(REFUSAL in line for line in shop.console.errors + shop.console.warnings)


def test_products_is_back_once_versions_agree(shop: ShopPage) -> None:
    shop.page.goto("/products")
    expect(shop.page.get_by_test_id("product-card").first).to_be_visible()
    expect(shop.page.get_by_test_id("remote-error")).to_have_count(0)
