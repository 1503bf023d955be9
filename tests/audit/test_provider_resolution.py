"""MF005 follows a Provider wrapper imported from a workspace package, however the package hands it
out: a named re-export, an aliased one, `export *`, an import exported again, a subpath of its
`exports` map. A helper exported by the same package is not taken for a Provider."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "mf005" / "bad-package-provider"

WRAPPER = """import React from 'react';
import { Provider, store } from '@shop/store';

export function Inner({ children }) {
  return <Provider store={store}>{children}</Provider>;
}
"""

# Each case: the shell package's files (besides Inner.jsx) and what _app imports.
CASES = {
    "aliased re-export": ({"index.js": "export { Inner as ShopProvider } from './Inner';\n"}, "'@shop/shell'"),
    "export star": (
        {
            "index.js": "export * from './wrappers';\n",
            "wrappers.js": "export { Inner as ShopProvider } from './Inner';\n",
        },
        "'@shop/shell'",
    ),
    "import then export": (
        {"index.js": "import { Inner } from './Inner';\nexport { Inner as ShopProvider };\n"},
        "'@shop/shell'",
    ),
    "exports map subpath": (
        {"providers.js": "export { Inner as ShopProvider } from './Inner';\n"},
        "'@shop/shell/providers'",
    ),
}


def make_repo(tmp_path: Path, files: dict[str, str], request: str, imported: str = "ShopProvider") -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo)
    shell = repo / "packages" / "shell"
    for stale in ("index.js", "ShopProvider.jsx"):
        (shell / stale).unlink()
    (shell / "Inner.jsx").write_text(WRAPPER)
    for name, text in files.items():
        (shell / name).write_text(text)
    manifest = json.loads((shell / "package.json").read_text())
    manifest["exports"] = {".": {"import": "./index.js"}, "./providers": "./providers.js"}
    (shell / "package.json").write_text(json.dumps(manifest))
    (repo / "apps" / "main" / "pages" / "_app.jsx").write_text(
        f"""import React from 'react';
import {{ {imported} as Wrapper }} from {request};

export default function App({{ Component, pageProps }}) {{
  return <Wrapper><Component {{...pageProps}} /></Wrapper>;
}}
"""
    )
    return repo


def app_findings(result) -> list[str]:
    return [line for line in result.lines if line.startswith("apps/main/pages/_app.jsx") and " MF005 " in line]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_provider_wrapper_from_a_workspace_package_is_found(run_audit, tmp_path: Path, case: str) -> None:
    files, request = CASES[case]
    result = run_audit(make_repo(tmp_path, files, request), "--select", "MF005")
    assert len(app_findings(result)) == 1, result.stdout
    assert "renders <Wrapper> from a static import" in app_findings(result)[0]


def test_a_helper_of_the_same_package_is_not_a_provider(run_audit, tmp_path: Path) -> None:
    files = {
        "index.js": "export { Inner as ShopProvider } from './Inner';\n"
        "export const Frame = ({ children }) => children;\n"
    }
    result = run_audit(make_repo(tmp_path, files, "'@shop/shell'", imported="Frame"), "--select", "MF005")
    assert app_findings(result) == [], result.stdout
