"""`fedctl bump PACKAGE VERSION`: every place the federation reads the version moves together."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from fedctl.audit import run, select_rules
from fedctl.audit.evaluate import find_node
from fedctl.bump import bump

FIXTURE = Path(__file__).parent / "audit" / "fixtures" / "mf002" / "good"


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command()(bump)

    @app.callback()
    def main() -> None:
        """fedctl (bump only)."""

    return app


def run_bump(*args: str):
    return CliRunner().invoke(_app(), ["bump", *args])


def _manifest(path: Path, **changes: object) -> None:
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data, indent=2) + "\n")


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """The mf002 fixture as an npm workspace whose only dependencies are its own packages, so npm
    needs no registry to write the lock file."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    _manifest(root / "packages" / "store" / "package.json", dependencies={})
    _manifest(root / "apps" / "host" / "package.json", dependencies={"@shop/store": "1.1.0"})
    _manifest(root / "apps" / "cart" / "package.json", dependencies={"@shop/store": "^1.1.0"})
    (root / "package.json").write_text(
        json.dumps({"name": "repo", "private": True, "workspaces": ["apps/*", "packages/*"]}, indent=2) + "\n"
    )
    (root / "federation.json").write_text(
        json.dumps({"shared": {"@shop/store": {"workspace": "packages/store", "singleton": True}}}, indent=2) + "\n"
    )
    npm = subprocess.run(
        ["npm", "install", "--package-lock-only", "--offline", "--no-audit", "--no-fund"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert npm.returncode == 0, npm.stderr
    return root


def test_bump_updates_the_package_its_pins_and_the_lock_through_npm(repository: Path):
    result = run_bump("@shop/store", "1.2.0", "--root", str(repository))
    assert result.exit_code == 0, result.output
    assert sorted(result.stdout.splitlines()) == [
        "apps/cart/package.json: dependencies.@shop/store ^1.1.0 -> ^1.2.0",
        "apps/host/package.json: dependencies.@shop/store 1.1.0 -> 1.2.0",
        "package-lock.json: packages.apps/cart.dependencies.@shop/store ^1.1.0 -> ^1.2.0",
        "package-lock.json: packages.apps/host.dependencies.@shop/store 1.1.0 -> 1.2.0",
        "package-lock.json: packages.packages/store.version 1.1.0 -> 1.2.0",
        "packages/store/package.json: version 1.1.0 -> 1.2.0",
    ]
    store = json.loads((repository / "packages" / "store" / "package.json").read_text())
    assert store["version"] == "1.2.0"
    lock = json.loads((repository / "package-lock.json").read_text())
    assert lock["packages"]["packages/store"]["version"] == "1.2.0"
    # npm still agrees that the lock file matches every package.json.
    check = subprocess.run(["npm", "ls", "--all"], cwd=repository, capture_output=True, text=True)
    assert "invalid" not in check.stdout + check.stderr


def test_bump_rewrites_hand_written_required_versions(repository: Path):
    config = repository / "apps" / "host" / "webpack.config.js"
    derived = "require('../../packages/store/package.json').version"
    config.write_text(config.read_text().replace(derived, "'^1.1.0'"))
    result = run_bump("@shop/store", "1.2.0", "--root", str(repository))
    assert "apps/host/webpack.config.js: @shop/store requiredVersion ^1.1.0 -> ^1.2.0" in result.stdout
    assert "requiredVersion: '^1.2.0'" in config.read_text()


@pytest.mark.skipif(shutil.which("node") is None, reason="the audit evaluates configs with Node")
def test_audit_is_clean_after_a_bump(repository: Path):
    assert run_bump("@shop/store", "2.0.0", "--root", str(repository)).exit_code == 0
    assert run(repository, find_node(), select_rules()) == []


def test_bump_to_the_current_version_changes_nothing(repository: Path):
    before = (repository / "package-lock.json").read_text()
    result = run_bump("@shop/store", "1.1.0", "--root", str(repository))
    assert (result.exit_code, result.stdout) == (0, "@shop/store is already at 1.1.0; nothing to change\n")
    assert (repository / "package-lock.json").read_text() == before


def test_bump_refuses_a_version_that_is_not_semver(repository: Path):
    result = run_bump("@shop/store", "1.2", "--root", str(repository))
    assert result.exit_code == 2
    assert result.stderr == "fedctl bump: error: '1.2' is not a semver version (like 1.2.3)\n"


def test_bump_names_an_unknown_package(repository: Path):
    result = run_bump("@shop/nope", "1.2.0", "--root", str(repository))
    assert result.exit_code == 2
    assert result.stderr.startswith("fedctl bump: error: unknown package @shop/nope")
