"""The version contract, under both settings of federation.json's `contract`.

`exact` (the default): a remote built against another @myapp/store release is refused at runtime,
its slot says why, and the host and the other remotes keep working. `compatible`: a remote accepts
`^MAJOR.MINOR.0` of the release it was built against, so it survives a host's minor upgrade, is
refused by an older host, and never crosses a major version.

Each case builds a throw-away copy of an app as its team would ship it (FEDERATION_PRETEND_VERSIONS
and FEDERATION_PRETEND_CONTRACTS are @myapp/federation's test hooks) and serves it in place of the
real one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from fedctl.manifest import Manifest
from fedctl.processes import Stack
from support import (
    STORE_CURRENT_MINOR,
    STORE_NEXT_MAJOR,
    STORE_NEXT_MINOR,
    STORE_RELEASE,
    ShopPage,
    build_next_copy,
    copy_app,
    log_in,
    new_mobile,
    serving_copy,
)

STORE = "@myapp/store"
REFUSAL = f"does not satisfy the requirement of products which needs {STORE_NEXT_MINOR}"


def build_against(manifest: Manifest, app: str, version: str, contract: str) -> Path:
    """`app` as its team would ship it, built against `version` of the store under `contract`."""
    copy = copy_app(manifest, app, f"{contract}-{version}")
    return build_next_copy(
        manifest,
        copy,
        {
            "FEDERATION_PRETEND_VERSIONS": json.dumps({STORE: version}),
            "FEDERATION_PRETEND_CONTRACTS": json.dumps({STORE: contract}),
        },
    )


@pytest.fixture(scope="module")
def products_requiring_the_next_minor(manifest: Manifest) -> Path:
    """Products as its team would ship it after bumping @myapp/store a minor release on their own."""
    return build_against(manifest, "products", STORE_NEXT_MINOR, "exact")


@pytest.fixture
def mismatched_products(stack: Stack, manifest: Manifest, products_requiring_the_next_minor: Path) -> Iterator[None]:
    with serving_copy(stack, manifest, "products", products_requiring_the_next_minor):
        yield


def expect_refused(shop: ShopPage, requirement: str) -> None:
    page = shop.page
    page.goto("/products")
    slot_error = page.get_by_test_id("remote-error")
    expect(slot_error).to_be_visible()
    expect(slot_error).to_contain_text("products/BeautyCare could not be loaded")
    expect(slot_error).to_contain_text(STORE)
    expect(slot_error).to_contain_text(f"does not satisfy the requirement of products which needs {requirement}")
    expect(page.get_by_test_id("product-card")).to_have_count(0)


def test_products_built_for_the_next_minor_is_refused_and_the_rest_keeps_working(
    shop: ShopPage, mismatched_products: None
) -> None:
    page = shop.page
    expect_refused(shop, STORE_NEXT_MINOR)

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


class TestCompatibleContract:
    """`contract: "compatible"`: the remote requires ^MAJOR.MINOR.0 of the release it was built on."""

    def test_a_remote_runs_on_a_host_one_minor_ahead(self, shop: ShopPage, stack: Stack, manifest: Manifest) -> None:
        host = build_against(manifest, "main", STORE_NEXT_MINOR, "compatible")
        products = build_against(manifest, "products", STORE_CURRENT_MINOR, "compatible")
        with serving_copy(stack, manifest, "main", host), serving_copy(stack, manifest, "products", products):
            page = shop.page
            page.goto("/products")
            expect(page.get_by_test_id("product-card").first).to_be_visible()
            expect(page.get_by_test_id("remote-error")).to_have_count(0)
            assert page.evaluate("window.__myapp_store_count") == 1
            # On the same host, a remote still under the exact contract (the real Cart, built
            # against the real release and requiring exactly it) is refused with the runtime's message.
            page.goto("/cart")
            slot_error = page.get_by_test_id("remote-error")
            expect(slot_error).to_be_visible()
            expect(slot_error).to_contain_text(f"does not satisfy the requirement of cart which needs {STORE_RELEASE}")

    def test_a_remote_built_one_minor_ahead_is_refused_by_the_host(
        self, shop: ShopPage, stack: Stack, manifest: Manifest
    ) -> None:
        products = build_against(manifest, "products", STORE_NEXT_MINOR, "compatible")
        with serving_copy(stack, manifest, "products", products):
            expect_refused(shop, f"^{STORE_NEXT_MINOR}")

    def test_nothing_crosses_a_major_version(self, shop: ShopPage, stack: Stack, manifest: Manifest) -> None:
        products = build_against(manifest, "products", STORE_NEXT_MAJOR, "compatible")
        with serving_copy(stack, manifest, "products", products):
            expect_refused(shop, f"^{STORE_NEXT_MAJOR}")
