"""The host's types of its remotes' exposed modules are generated from federation.json and the
remotes' own sources, so a changed prop fails the host's type check."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fedctl import manifest as manifest_module
from fedctl.cli import app
from fedctl.manifest import App
from fedctl.remote_types import generate, target

ROOT = Path(__file__).resolve().parent.parent


def test_generated_declarations_match_federation_json() -> None:
    manifest = manifest_module.load(ROOT)
    assert (ROOT / target(manifest)).read_text() == generate(manifest), "run `fedctl remote-types`"


def test_every_exposed_module_is_declared() -> None:
    manifest = manifest_module.load(ROOT)
    text = generate(manifest)
    for remote in manifest.apps.values():
        for exposed in remote.exposes:
            request = f"{remote.federation_name}/{exposed.removeprefix('./')}"
            assert f"declare module '{request}'" in text
            # The map the host's loader is typed with (remoteComponent('products/BeautyCare')).
            assert f"  '{request}': typeof import('{request}');" in text


def test_check_reports_stale_declarations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("fedctl.remote_types.generate", lambda manifest: "// something else\n")
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["remote-types", "--check"])
    assert result.exit_code == 1
    assert "is stale: run `fedctl remote-types`" in result.output


def test_a_changed_prop_fails_the_hosts_type_check(tmp_path: Path) -> None:
    """A remote whose exposed component now requires `label`, and a host that does not pass it."""
    manifest = manifest_module.load(ROOT)
    widget = App("widgets", "react", "widgets", 3999, "/widgets", (), {"./Widget": "./src/Widget.ts"})
    fake = replace(manifest, root=tmp_path, apps={manifest.host: manifest.app(manifest.host), "widgets": widget})
    (tmp_path / "apps/widgets/src").mkdir(parents=True)
    (tmp_path / "apps/widgets/src/Widget.ts").write_text(
        "export default function Widget(props: { label: string }): string { return props.label; }\n"
    )
    host = tmp_path / manifest.app(manifest.host).directory
    host.mkdir(parents=True)
    (host / "remotes.generated.d.ts").write_text(generate(fake))
    (host / "page.ts").write_text("import Widget from 'widgets/Widget';\nexport const shown = Widget({});\n")
    tsc = ROOT / "node_modules/.bin/tsc"
    command = [str(tsc), "--noEmit", "--strict", "--moduleResolution", "bundler", "--module", "esnext"]
    checked = subprocess.run(
        [*command, str(host / "remotes.generated.d.ts"), str(host / "page.ts")],
        capture_output=True,
        text=True,
    )
    assert checked.returncode != 0
    assert "Property 'label' is missing" in checked.stdout
    # The host following the change type-checks.
    fixed = "import Widget from 'widgets/Widget';\nexport const shown = Widget({ label: 'x' });\n"
    (host / "page.ts").write_text(fixed)
    assert subprocess.run([*command, str(host / "remotes.generated.d.ts"), str(host / "page.ts")]).returncode == 0


def test_a_name_no_remote_exposes_fails_the_hosts_type_check(tmp_path: Path) -> None:
    """The host loads remotes by name (ExposedModules' keys): a misspelt one is a type error."""
    manifest = manifest_module.load(ROOT)
    host = tmp_path / manifest.app(manifest.host).directory
    host.mkdir(parents=True)
    (host / "remotes.generated.d.ts").write_text(generate(replace(manifest, root=tmp_path)))
    (host / "page.ts").write_text(
        "export function load<N extends keyof ExposedModules>(name: N): N { return name; }\n"
        "export const known = load('products/BeautyCare');\n"
        "export const misspelt = load('products/BeautyCar');\n"
    )
    tsc = ROOT / "node_modules/.bin/tsc"
    command = [str(tsc), "--noEmit", "--strict", "--moduleResolution", "bundler", "--module", "esnext"]
    checked = subprocess.run(
        [*command, str(host / "remotes.generated.d.ts"), str(host / "page.ts")], capture_output=True, text=True
    )
    assert checked.returncode != 0
    assert "page.ts(3," in checked.stdout and "'\"products/BeautyCar\"'" in checked.stdout, checked.stdout
    assert "page.ts(2," not in checked.stdout, checked.stdout
