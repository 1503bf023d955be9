"""fedctl reads federation.json with the same URL rules as @myapp/federation."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fedctl import manifest as manifest_module
from fedctl.manifest import ManifestError

ROOT = Path(__file__).resolve().parent.parent


def js_remote_entry(app: str, env: str, is_server: bool) -> str:
    script = (
        "const f = require('./packages/federation');"
        f"process.stdout.write(f.remoteEntryUrl({json.dumps(app)}, "
        f"{{ env: {json.dumps(env)}, isServer: {json.dumps(is_server)} }}))"
    )
    return subprocess.run(["node", "-e", script], cwd=ROOT, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("env", ["local", "production"])
@pytest.mark.parametrize("server", [False, True])
def test_python_and_javascript_agree_on_every_remote_url(env: str, server: bool) -> None:
    manifest = manifest_module.load(ROOT)
    for app in manifest.apps.values():
        assert manifest.remote_entry_url(app, env, server=server) == js_remote_entry(app.name, env, server)


def test_build_order_puts_the_host_last() -> None:
    manifest = manifest_module.load(ROOT)
    assert manifest.build_order()[-1].name == manifest.host


def test_a_manifest_naming_an_unknown_remote_is_refused(tmp_path: Path) -> None:
    data = json.loads((ROOT / "federation.json").read_text())
    data["apps"]["main"]["remotes"].append("wishlist")
    (tmp_path / "federation.json").write_text(json.dumps(data))
    with pytest.raises(ManifestError, match="app 'main' lists unknown remote 'wishlist'"):
        manifest_module.load(tmp_path)


@pytest.mark.parametrize(
    ("package", "contract", "message"),
    [
        ("@myapp/store", "loose", "shared '@myapp/store': contract must be one of exact, compatible, not 'loose'"),
        ("react", "compatible", "shared 'react': a contract applies to in-house packages"),
    ],
)
def test_a_contract_is_exact_or_compatible_and_only_for_in_house_packages(
    tmp_path: Path, package: str, contract: str, message: str
) -> None:
    data = json.loads((ROOT / "federation.json").read_text())
    data["shared"][package]["contract"] = contract
    (tmp_path / "federation.json").write_text(json.dumps(data))
    with pytest.raises(ManifestError, match=message):
        manifest_module.load(tmp_path)


@pytest.mark.parametrize(
    ("package", "change", "message"),
    [
        ("react-redux", {"treeShaking": "yes"}, "shared 'react-redux': treeShaking must be true or false, not 'yes'"),
        ("@myapp/store", {"treeShaking": True}, "shared '@myapp/store': treeShaking applies to registry packages only"),
        ("react", {"treeShaking": True, "singleton": False}, "shared 'react': treeShaking is supported for singletons"),
    ],
)
def test_tree_shaking_is_a_flag_for_registry_singletons_only(
    tmp_path: Path, package: str, change: dict[str, Any], message: str
) -> None:
    data = json.loads((ROOT / "federation.json").read_text())
    data["shared"][package].update(change)
    (tmp_path / "federation.json").write_text(json.dumps(data))
    with pytest.raises(ManifestError, match=message):
        manifest_module.load(tmp_path)


def test_invalid_json_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "federation.json").write_text("{")
    with pytest.raises(ManifestError, match=r"federation\.json is not valid JSON"):
        manifest_module.load(tmp_path)


def test_unknown_app_lists_the_known_ones() -> None:
    manifest = manifest_module.load(ROOT)
    known = ", ".join(manifest.apps)
    expected = rf"'wishlist' is not an app of federation\.json \(known: {known}\)"
    with pytest.raises(ManifestError, match=expected):
        manifest.app("wishlist")


def manifest_in(tmp_path: Path, change: Callable[[dict[str, Any]], None], *, with_next: bool = True) -> Path:
    """A copy of federation.json with one change, beside the repository's installed Next (whose
    reserved-port list the loader reads) unless `with_next` is False."""
    data = json.loads((ROOT / "federation.json").read_text())
    change(data)
    (tmp_path / "federation.json").write_text(json.dumps(data))
    if with_next:
        (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    return tmp_path


def test_next_reserved_port_list_is_read_from_the_installed_next() -> None:
    reserved = manifest_module.reserved_ports(ROOT)
    assert reserved is not None
    assert reserved[6000] == "x11"
    assert 3000 not in reserved


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda data: data["apps"]["cart"].update(port=6000),
            "apps.cart.port is 6000, a port browsers and Next refuse (reserved for x11)",
        ),
        (
            lambda data: data["api"].update(port=6667),
            "api.port is 6667, a port browsers and Next refuse (reserved for ircu)",
        ),
        (
            lambda data: data["environments"]["production"].update(port=10080),
            "environments.production.port is 10080, a port browsers and Next refuse (reserved for amanda)",
        ),
    ],
)
def test_a_port_browsers_and_next_block_is_refused(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], message: str
) -> None:
    with pytest.raises(ManifestError, match=re.escape(message)):
        manifest_module.load(manifest_in(tmp_path, change))


def test_reserved_ports_are_checked_once_next_is_installed(tmp_path: Path) -> None:
    root = manifest_in(tmp_path, lambda data: data["apps"]["cart"].update(port=6000), with_next=False)
    manifest = manifest_module.load(root)
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    with pytest.raises(ManifestError, match=r"apps\.cart\.port is 6000"):
        manifest_module.check_reserved_ports(manifest)


def test_two_apps_on_one_port_are_refused(tmp_path: Path) -> None:
    data = json.loads((ROOT / "federation.json").read_text())
    auth_port = data["apps"]["auth"]["port"]
    root = manifest_in(tmp_path, lambda data: data["apps"]["cart"].update(port=auth_port))
    with pytest.raises(ManifestError, match=rf"apps\.cart\.port is {auth_port}, already taken by apps\.auth\.port"):
        manifest_module.load(root)


def test_an_app_on_an_api_worker_port_is_refused(tmp_path: Path) -> None:
    data = json.loads((ROOT / "federation.json").read_text())
    worker = data["api"]["port"] + 1
    root = manifest_in(tmp_path, lambda data: data["apps"]["cart"].update(port=worker))
    expected = rf"environments\.production\.apiWorkers \(API worker\) is {worker}, already taken by apps\.cart\.port"
    with pytest.raises(ManifestError, match=expected):
        manifest_module.load(root)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/auth", "apps.cart.path is '/auth', already taken by apps.auth.path"),
        ("/api", "apps.cart.path is '/api', already taken by api.path"),
        ("cart", "apps.cart.path is 'cart'; write '' or '/name'"),
        ("/cart/", "apps.cart.path is '/cart/'; write '' or '/name'"),
    ],
)
def test_two_apps_under_one_path_or_a_malformed_path_are_refused(tmp_path: Path, path: str, message: str) -> None:
    with pytest.raises(ManifestError, match=re.escape(message)):
        manifest_module.load(manifest_in(tmp_path, lambda data: data["apps"]["cart"].update(path=path)))


def test_fedctl_names_the_field_and_exits_non_zero(tmp_path: Path) -> None:
    root = manifest_in(tmp_path, lambda data: data["apps"]["cart"].update(port=6000))
    result = subprocess.run(
        [sys.executable, "-m", "fedctl.cli", "build", "--only", "cart"], cwd=root, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "apps.cart.port is 6000" in result.stdout + result.stderr


def test_a_build_is_there_once_its_entry_or_build_id_is(tmp_path: Path) -> None:
    manifest = manifest_module.load(manifest_in(tmp_path, lambda data: None))
    cart, products = manifest.app("cart"), manifest.app("products")
    assert not manifest.has_build(cart) and not manifest.has_build(products, "production")
    (tmp_path / "apps/cart/dist").mkdir(parents=True)
    (tmp_path / "apps/cart/dist/remoteEntry.js").write_text("")
    (tmp_path / "apps/products/.next-production").mkdir(parents=True)
    (tmp_path / "apps/products/.next-production/BUILD_ID").write_text("1")
    assert manifest.has_build(cart) and manifest.has_build(products, "production")
    assert not manifest.has_build(products)


@pytest.mark.parametrize("file", ["", "chunks/remoteEntry.js", "remote entry.js"])
def test_a_fixed_file_name_must_be_a_plain_name(tmp_path: Path, file: str) -> None:
    with pytest.raises(ManifestError, match=r"files\.entry: a file name is required"):
        manifest_module.load(manifest_in(tmp_path, lambda data: data["files"].update(entry=file)))


def test_the_entry_file_name_and_the_revalidated_files_come_from_federation_json(tmp_path: Path) -> None:
    # (The JavaScript side reads the same field: test_python_and_javascript_agree_on_every_remote_url.)
    manifest = manifest_module.load(manifest_in(tmp_path, lambda data: data["files"].update(entry="container.js")))
    assert manifest.remote_entry_url(manifest.app("cart")).endswith("/cart/container.js")
    assert manifest.remote_entry_url(manifest.app("products"), server=True).endswith("/_next/static/ssr/container.js")
    assert manifest.revalidated_files == ("container.js", "mf-manifest.json", "federation-runtime.js")
