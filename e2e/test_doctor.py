"""`fedctl doctor` against the running shop: healthy as built, and with a Products build that
bundles its own store and react-redux instead of sharing them."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fedctl.manifest import Manifest
from fedctl.processes import Stack
from support import build_next_copy, copy_app, serving_copy

# Products as a team might ship it after "simplifying" its config: the shared block no longer
# lists @myapp/store and react-redux, so the build carries its own copies of both. Its exposed
# BeautyCare is wrapped in a Provider of that bundled store, the usual next step once the
# component "needs a store"; that is what turns the hidden copy into a second store in the page.
BROKEN_NEXT_CONFIG = """\
const { NextFederationPlugin } = require('@module-federation/nextjs-mf');
const federation = require('@myapp/federation');
const { nextAppConfig } = require('@myapp/federation/next');

module.exports = {
  ...nextAppConfig('products'),
  webpack(webpackConfig, { isServer }) {
    const options = federation.nextFederationOptions('products', { isServer });
    delete options.shared['@myapp/store'];
    delete options.shared['react-redux'];
    options.exposes = { ...options.exposes, './BeautyCare': './components/OwnStoreBeautyCare.tsx' };
    webpackConfig.plugins.push(new NextFederationPlugin(options));
    return webpackConfig;
  },
};
"""

OWN_STORE_BEAUTY_CARE = """\
import { Provider, store } from '@myapp/store';
import BeautyCare from './BeautyCare';

export default function OwnStoreBeautyCare() {
  return (
    <Provider store={store}>
      <BeautyCare />
    </Provider>
  );
}
"""


def run_doctor(*args: str) -> subprocess.CompletedProcess[str]:
    # A process of its own: the browser tests' Playwright driver may already run in this one.
    return subprocess.run(
        [sys.executable, "-m", "fedctl.cli", "doctor", *args], capture_output=True, text=True, timeout=240
    )


def report_of(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert result.stdout, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def host_url(manifest: Manifest) -> str:
    return manifest.base_url(manifest.app(manifest.host)) + "/"


def federation_name(manifest: Manifest, app: str) -> str:
    return manifest.app(app).federation_name


def test_healthy_shop_has_one_store_shared_by_every_remote(stack: Stack, manifest: Manifest) -> None:
    result = run_doctor(host_url(manifest), "--route", "/products", "--route", "/login", "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = report_of(result)
    main, products, auth = (federation_name(manifest, app) for app in (manifest.host, "products", "auth"))

    assert report["healthy"] is True
    assert report["store_count"] == 1
    assert report["host"] == main
    assert [visit["route"] for visit in report["routes"]] == ["/", "/products", "/login"]
    assert all(visit["settled"] for visit in report["routes"])
    store = [item for item in report["shared"] if item["package"] == "@myapp/store" and item["loaded"]]
    assert len(store) == 1
    assert store[0]["provided_by"] == main
    assert {products, auth} <= set(store[0]["used_by"])
    assert store[0]["singleton"] is True
    assert report["duplicates"] == []
    assert report["remote_failures"] == []
    assert report["console_errors"] == []
    declared = {container["name"]: container["shared"] for container in report["containers"]}
    assert declared[products]["@myapp/store"]["singleton"] is True
    assert declared[auth]["react-redux"]["singleton"] is True
    # One copy of the federation runtime in the page, the host's, which every remote's entry
    # uses (@myapp/federation's standalone-runtime.js), and one copy of each shared package's code.
    assert len(report["containers"]) >= 3
    assert report["copies"]["federation runtime"] == 1
    assert report["copies"]["@myapp/store"] == report["copies"]["react-redux"] == 1


def test_healthy_shop_in_text(stack: Stack, manifest: Manifest) -> None:
    result = run_doctor(host_url(manifest), "--route", "/products")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Stores: 1 (window.__myapp_store_count)" in result.stdout
    assert "healthy: one store, no duplicated singleton, every remote loaded" in result.stdout


@pytest.fixture(scope="module")
def products_with_its_own_store(manifest: Manifest) -> Path:
    copy = copy_app(manifest, "products", "broken")
    (copy / "next.config.js").write_text(BROKEN_NEXT_CONFIG)
    (copy / "components" / "OwnStoreBeautyCare.tsx").write_text(OWN_STORE_BEAUTY_CARE)
    return build_next_copy(manifest, copy)


@pytest.fixture
def broken_products(stack: Stack, manifest: Manifest, products_with_its_own_store: Path) -> Iterator[None]:
    with serving_copy(stack, manifest, "products", products_with_its_own_store):
        yield


def test_products_with_its_own_store_is_diagnosed(manifest: Manifest, broken_products: None) -> None:
    products, main = federation_name(manifest, "products"), federation_name(manifest, manifest.host)

    result = run_doctor(host_url(manifest), "--route", "/products", "--format", "json")
    assert result.returncode == 1, result.stdout + result.stderr
    report = report_of(result)
    assert report["healthy"] is False
    assert report["store_count"] == 2
    assert report["host"] == main
    own_copies = [d for d in report["duplicates"] if d["containers"] == [products]]
    assert {d["package"] for d in own_copies} & {"@myapp/store", "react-redux"}, report["duplicates"]
    assert all(d["singleton"] and d["evidence"] for d in own_copies)
    assert "2 stores exist in the page; there must be one" in report["problems"]
    declared = {container["name"]: container["shared"] for container in report["containers"]}
    assert "@myapp/store" not in declared[products]
    assert "react-redux" not in declared[products]

    text = run_doctor(host_url(manifest), "--route", "/products")
    assert text.returncode == 1, text.stdout + text.stderr
    assert "Stores: 2 (window.__myapp_store_count)" in text.stdout
    assert any(
        f"{package} ({products}): {products} does not share {package}" in text.stdout
        for package in ("@myapp/store", "react-redux")
    ), text.stdout


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_a_page_that_cannot_be_opened_is_a_usage_error() -> None:
    url = f"http://127.0.0.1:{closed_port()}/"
    result = run_doctor(url)
    assert result.returncode == 2
    assert result.stdout == ""
    assert f"fedctl doctor: error: cannot open {url}:" in result.stderr
    assert "ERR_CONNECTION_REFUSED" in result.stderr
