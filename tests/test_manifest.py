"""fedctl reads federation.json with the same URL rules as @myapp/federation."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

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
