"""The README's ports table describes federation.json, the only place ports are set."""

from __future__ import annotations

import re
from pathlib import Path

from fedctl import manifest as manifest_module

ROOT = Path(__file__).resolve().parent.parent


def ports_table() -> dict[str, tuple[str, int, str]]:
    text = (ROOT / "README.md").read_text()
    section = text.split("## Ports", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (\w+) \| (\w+) \| (\d+) \| (\S+) \|$", section, flags=re.MULTILINE)
    return {name: (kind, int(port), path) for name, kind, port, path in rows}


def test_readme_ports_table_matches_the_manifest() -> None:
    manifest = manifest_module.load(ROOT)
    expected = {app.name: (app.kind, app.port, app.path or "/") for app in manifest.apps.values()}
    expected["api"] = ("python", manifest.api_port, manifest.api_path)
    assert ports_table() == expected
