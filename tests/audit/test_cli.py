"""Exact output of `fedctl audit`: formats, exit codes, rule selection, suppressions, bad configs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from fedctl.audit.rules import RULES

FIXTURES = Path(__file__).parent / "fixtures"

MF006_LINE = (
    "apps/cart/src/Cart.jsx:12:5: MF006 cart exposes this module as './Cart' and it wraps its "
    "output in <ClientReduxProvider>; the host's Provider is already above it, so remove the "
    "wrapper and keep it only in the standalone entry"
)


def test_text_format_is_path_line_col_code_message(run_audit):
    result = run_audit("mf006/bad")
    assert (result.exit_code, result.stdout, result.stderr) == (1, MF006_LINE + "\n", "")


def test_json_format(run_audit):
    result = run_audit("mf006/bad", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "findings": [
            {
                "path": "apps/cart/src/Cart.jsx",
                "line": 12,
                "col": 5,
                "code": "MF006",
                "id": "exposed-provider",
                "message": MF006_LINE.split(" MF006 ", 1)[1],
            }
        ]
    }


def test_github_format_escapes_annotation_properties(run_audit):
    result = run_audit("mf006/bad", "--format", "github")
    message = MF006_LINE.split(": ", 1)[1]
    assert result.stdout == f"::error file=apps/cart/src/Cart.jsx,line=12,col=5::{message}\n"


def test_clean_repository_exits_zero_with_no_output(run_audit):
    assert (run_audit("mf006/good").exit_code, run_audit("mf006/good").stdout) == (0, "")
    assert run_audit("mf006/good", "--format", "json").stdout == '{\n  "findings": []\n}\n'


def test_select_and_ignore_take_codes_or_ids(run_audit):
    assert run_audit("mf006/bad", "--ignore", "MF006").exit_code == 0
    assert run_audit("mf006/bad", "--ignore", "exposed-provider").exit_code == 0
    assert run_audit("mf006/bad", "--select", "MF001,MF003").stdout == ""
    assert run_audit("mf006/bad", "--select", "mf006").stdout == MF006_LINE + "\n"


def test_unknown_rule_is_a_usage_error(run_audit):
    result = run_audit("mf006/bad", "--select", "MF999")
    assert result.exit_code == 2
    assert result.stderr.startswith("fedctl audit: error: unknown rule 'MF999'")


def test_missing_directory_is_a_usage_error(run_audit, tmp_path: Path):
    result = run_audit(tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "is not a directory" in result.stderr


def test_suppression_needs_a_reason(run_audit):
    # Line 2 suppresses MF003 with a reason; line 6 has no reason, so it is reported and ignored.
    assert run_audit("suppression").lines == [
        "apps/cart/src/Cart.jsx:6:1: MF000 suppression of direct-redux-import has no reason; write "
        "`// fedctl-disable-next-line CODE -- why this is safe` (it suppresses nothing until then)",
        "apps/cart/src/Cart.jsx:7:20: MF003 cart creates its own Redux store with configureStore(): "
        "a second store that no other container sees; use the store exported by @shop/store",
    ]


def test_a_config_node_cannot_evaluate_is_a_finding_with_nodes_message(run_audit):
    result = run_audit("broken")
    assert result.exit_code == 1
    assert result.lines == [
        "apps/cart/webpack.config.js:1:1: MF009 apps/cart/webpack.config.js could not be evaluated, so its "
        "federation was not audited. Node says: Error: CART_PUBLIC_URL is not set. Make the config load on its "
        "own (set what it needs, install its dependencies) and audit again"
    ]


def test_every_other_container_is_still_audited(run_audit, tmp_path: Path):
    repository = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mf006" / "bad", repository)
    shutil.copytree(FIXTURES / "broken" / "apps" / "cart", repository / "apps" / "legacy")
    result = run_audit(repository)
    assert [line.split(" ", 2)[:2] for line in result.lines] == [
        ["apps/cart/src/Cart.jsx:12:5:", "MF006"],
        ["apps/legacy/webpack.config.js:1:1:", "MF009"],
    ]


def test_a_package_json_that_cannot_be_read_is_a_finding_and_the_rest_is_audited(run_audit, tmp_path: Path):
    repository = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mf003" / "bad", repository)
    (repository / "apps" / "legacy" / "package.json").write_text("[1, 2]\n")
    result = run_audit(repository)
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.lines == [
        "apps/cart/src/Cart.jsx:5:20: MF003 cart creates its own Redux store with configureStore(): a second "
        "store that no other container sees; use the store exported by @shop/store",
        "apps/legacy/package.json:1:1: MF009 apps/legacy/package.json: package.json is not a JSON object; the "
        "package and any container in its folder were not audited: fix apps/legacy/package.json and audit again",
    ]


def _crash(*_args, **_kwargs):
    raise KeyError("exposes")


def test_a_rule_that_crashes_is_said_in_one_line_with_what_to_do(run_audit, monkeypatch):
    import dataclasses

    import fedctl.audit

    broken = tuple(dataclasses.replace(r, check=_crash) if r.code == "MF003" else r for r in RULES)
    monkeypatch.setattr(fedctl.audit, "RULES", broken)
    result = run_audit("mf006/bad")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"fedctl audit: internal error: rule MF003 (direct-redux-import) crashed: KeyError: 'exposes' (a defect "
        f"of fedctl, not of {FIXTURES / 'mf006' / 'bad'}): audit the rest with `--ignore MF003`, and report it "
        f"with the traceback that FEDCTL_DEBUG=1 prints\n"
    )


def test_a_defect_while_discovering_is_said_in_one_line(run_audit, monkeypatch):
    import fedctl.audit

    monkeypatch.setattr(fedctl.audit, "discover", _crash)
    result = run_audit("mf006/bad")
    root = FIXTURES / "mf006" / "bad"
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"fedctl audit: internal error: finding the containers under {root} failed: KeyError: 'exposes' (a "
        f"defect of fedctl, not of {root}): report it with the traceback that FEDCTL_DEBUG=1 prints\n"
    )


TYPESCRIPT_CONFIG = """import { ModuleFederationPlugin } from '@module-federation/enhanced/webpack';
import type { Configuration } from 'webpack';

const { sharedFor } = require('../../federation');

const config: Configuration = {
  entry: './src/index.js',
  plugins: [
    new ModuleFederationPlugin({
      name: 'cart' as string,
      filename: 'remoteEntry.js',
      exposes: { './Cart': './src/Cart.jsx' },
      shared: sharedFor(),
    }),
  ],
};

export default config;
"""


def _typescript_repository(tmp_path: Path) -> Path:
    repository = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mf006" / "bad", repository)
    config = repository / "apps" / "cart" / "webpack.config.js"
    config.unlink()
    config.with_suffix(".ts").write_text(TYPESCRIPT_CONFIG)
    return repository


def test_a_typescript_config_is_compiled_with_the_repositorys_typescript_and_audited(run_audit, tmp_path: Path):
    repository = _typescript_repository(tmp_path)
    (repository / "node_modules").mkdir()
    (repository / "node_modules" / "typescript").symlink_to(Path(__file__).parents[2] / "node_modules" / "typescript")
    result = run_audit(repository)
    assert (result.exit_code, result.stdout, result.stderr) == (1, MF006_LINE + "\n", "")


def test_a_typescript_config_without_typescript_installed_is_said_so(run_audit, tmp_path: Path):
    result = run_audit(_typescript_repository(tmp_path))
    assert result.exit_code == 1
    assert result.lines == [
        "apps/cart/webpack.config.ts:1:1: MF009 apps/cart/webpack.config.ts could not be evaluated, so its "
        "federation was not audited. Node says: Error: webpack.config.ts is TypeScript, and the package "
        "`typescript` that compiles it is not installed next to it (npm ci installs it). Make the config load "
        "on its own (set what it needs, install its dependencies) and audit again"
    ]


def test_options_built_from_a_module_that_is_not_installed_are_said_so(run_audit, tmp_path: Path):
    repository = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mf003" / "good", repository)
    config = repository / "apps" / "cart" / "webpack.config.js"
    config.write_text(config.read_text().replace("require('../../federation')", "require('@shop/federation')"))
    result = run_audit(repository)
    assert result.exit_code == 1
    assert result.lines == [
        "apps/cart/webpack.config.js:1:1: MF009 the federation options of apps/cart/webpack.config.js are built "
        "with @shop/federation, which is not installed (is node_modules missing?), so this container was not "
        "audited: run `npm ci` (or your package manager's install) and audit again"
    ]


def test_workspace_packages_resolve_without_node_modules(run_audit, tmp_path: Path):
    # The same config, with the shared-block helper as a workspace package: no node_modules needed.
    repository = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mf006" / "bad", repository)
    helper = repository / "packages" / "federation"
    helper.mkdir(parents=True)
    (repository / "federation.js").rename(helper / "index.js")
    (helper / "index.js").write_text(
        (helper / "index.js").read_text().replace("./packages/store/package.json", "../store/package.json")
    )
    (helper / "package.json").write_text('{ "name": "@shop/federation", "version": "1.0.0" }\n')
    config = repository / "apps" / "cart" / "webpack.config.js"
    config.write_text(config.read_text().replace("require('../../federation')", "require('@shop/federation')"))
    assert run_audit(repository).lines == [MF006_LINE]


NEXT_SIDECAR = """const { withFederatedSidecar } = require('@module-federation/nextjs-mf');
module.exports = withFederatedSidecar({
  name: 'shop',
  filename: 'static/chunks/remoteEntry.js',
  exposes: { './Nav': './components/Nav' },
  shared: { react: { requiredVersion: false } },
})({ reactStrictMode: true });
"""

NX_WRAPPER = """const { withModuleFederation } = require('@nx/react/module-federation');
module.exports = withModuleFederation({ name: 'checkout', exposes: { './Module': './src/remote-entry.ts' } });
"""


def test_federation_wrappers_it_does_not_know_are_reported_not_skipped(run_audit, tmp_path: Path):
    repository = tmp_path / "repo"
    (repository / "shop").mkdir(parents=True)
    (repository / "shop" / "package.json").write_text('{ "name": "shop", "private": true }\n')
    (repository / "shop" / "next.config.js").write_text(NEXT_SIDECAR)
    (repository / "checkout").mkdir()
    (repository / "checkout" / "package.json").write_text('{ "name": "checkout", "private": true }\n')
    (repository / "checkout" / "webpack.config.js").write_text(NX_WRAPPER)
    result = run_audit(repository)
    assert result.exit_code == 1
    assert result.lines == [
        "checkout/webpack.config.js:2:18: MF010 checkout/webpack.config.js calls withModuleFederation(), which "
        "constructs no federation plugin this audit knows (webpack, @module-federation/enhanced, nextjs-mf, node): "
        "not understood, not audited",
        "shop/next.config.js:2:18: MF010 withFederatedSidecar from @module-federation/nextjs-mf is a federation "
        "wrapper this audit does not understand: what it shares and exposes was not audited",
    ]


def test_sarif_output_for_code_scanning(run_audit):
    result = run_audit("mf006/bad", "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert {rule["id"] for rule in rules} >= {rule.code for rule in RULES} | {"MF000", "MF009", "MF010"}
    (finding,) = run["results"]
    assert rules[finding["ruleIndex"]]["id"] == finding["ruleId"] == "MF006"
    assert finding["message"]["text"] == MF006_LINE.split(" MF006 ", 1)[1]
    location = finding["locations"][0]["physicalLocation"]
    assert location == {
        "artifactLocation": {"uri": "apps/cart/src/Cart.jsx", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 12, "startColumn": 5},
    }


def test_the_pre_commit_hooks_run_commands_fedctl_has():
    import tomllib

    import yaml

    root = Path(__file__).resolve().parents[2]
    hooks = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text())
    scripts = tomllib.loads((root / "pyproject.toml").read_text())["project"]["scripts"]
    from fedctl.cli import app

    commands = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    assert {hook["id"] for hook in hooks} == {"fedctl-audit", "fedctl-contract"}
    for hook in hooks:
        program, command = hook["entry"].split()
        assert program in scripts and command in commands
        assert hook["language"] == "python" and hook["pass_filenames"] is False


def test_unreadable_package_json_is_a_finding_not_an_abort(run_audit, tmp_path: Path):
    repository = tmp_path / "repo"
    shutil.copytree(Path(__file__).parent / "fixtures" / "mf003" / "good", repository)
    (repository / "apps" / "cart" / "package.json").write_text("{ not json")
    result = run_audit(repository)
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.lines[0] == (
        "apps/cart/package.json:1:1: MF009 apps/cart/package.json: cannot read package.json: Expecting property "
        "name enclosed in double quotes: line 1 column 3 (char 2); the package and any container in its folder "
        "were not audited: fix apps/cart/package.json and audit again"
    )
    # The config reads that package.json too, so Node cannot evaluate it either (its words vary by release).
    assert result.lines[1].startswith("apps/cart/webpack.config.js:1:1: MF009 apps/cart/webpack.config.js could not")
    assert len(result.lines) == 2


def test_every_rule_documents_a_passing_and_a_failing_example():
    for rule in RULES:
        assert rule.code.startswith("MF") and rule.id and rule.summary
        assert "Passes" in rule.doc and "Fails" in rule.doc, rule.code


def test_an_in_house_package_shared_under_an_alias_key_is_checked_as_that_package(run_audit, tmp_path: Path):
    repository = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mf002" / "good", repository)
    config = repository / "apps" / "cart" / "webpack.config.js"
    text = config.read_text()
    start = text.index("'@shop/store': {")
    end = text.index("\n", start)
    # The store shared under the key `store`, neither singleton nor strict: once missed entirely.
    config.write_text(text[:start] + "store: { import: '@shop/store', requiredVersion: '1.1.0' }," + text[end:])
    lines = run_audit(repository, "--select", "MF001,MF002").lines
    assert [line.split(": ", 1)[1].split(" ", 1)[0] for line in lines] == ["MF001", "MF002"]
    assert "@shop/store (shared under the key 'store') is shared by cart without `singleton: true`" in lines[0]
    assert "in-house package @shop/store (shared under the key 'store') is shared by cart without" in lines[1]


@pytest.mark.parametrize(
    ("nextjs_mf", "env_file", "asked"),
    [
        (None, None, True),  # no range to read: nextjs-mf 8 and later need the variable
        ("^8.1.7", None, True),
        ("~7.0.2", None, False),  # before 8, nextjs-mf does not read it
        ("^8.8.0", "NEXT_PRIVATE_LOCAL_WEBPACK=true\n", False),  # set in a .env file Next loads
    ],
)
def test_local_webpack_is_asked_for_only_where_nextjs_mf_needs_it(run_audit, tmp_path, nextjs_mf, env_file, asked):
    repository = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mf008" / "bad", repository)
    manifest = repository / "apps" / "main" / "package.json"
    data = json.loads(manifest.read_text())
    if nextjs_mf is not None:
        data["dependencies"]["@module-federation/nextjs-mf"] = nextjs_mf
    manifest.write_text(json.dumps(data, indent=2) + "\n")
    if env_file is not None:
        (repository / "apps" / "main" / ".env").write_text(env_file)
    lines = run_audit(repository, "--select", "MF008").lines
    assert any("script 'dev' runs next without NEXT_PRIVATE_LOCAL_WEBPACK=true" in line for line in lines) is asked


UNIVERSAL = """const { UniversalFederationPlugin } = require('@module-federation/node');
module.exports = {
  target: 'async-node',
  entry: './src/server.js',
  plugins: [
    new UniversalFederationPlugin({
      name: 'cart',
      isServer: true,
      exposes: { './Cart': './src/Cart.jsx' },
      shared: { react: { singleton: true, requiredVersion: false }, 'react-redux': { requiredVersion: false } },
    }),
  ],
};
"""


def test_universal_federation_plugin_from_module_federation_node_is_read(run_audit, tmp_path: Path):
    repository = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mf006" / "good", repository)
    config = repository / "apps" / "cart" / "config" / "webpack.server.js"
    config.parent.mkdir()
    config.write_text(UNIVERSAL)
    manifest = repository / "apps" / "cart" / "package.json"
    data = json.loads(manifest.read_text())
    data["scripts"] = {"build:server": "webpack --config config/webpack.server.js"}
    manifest.write_text(json.dumps(data, indent=2) + "\n")
    lines = run_audit(repository, "--select", "MF001").lines
    # Read as a container of its own (server side), its exposes resolved from the package folder.
    assert any(
        line.startswith("apps/cart/config/webpack.server.js:") and "react-redux is shared by cart" in line
        for line in lines
    ), lines


def test_an_in_house_package_shared_by_path_under_an_alias_key_is_checked_as_that_package(run_audit, tmp_path: Path):
    repository = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mf002" / "good", repository)
    config = repository / "apps" / "cart" / "webpack.config.js"
    text = config.read_text()
    start = text.index("'@shop/store': {")
    end = text.index("\n", start)
    # The store's folder as the `import` (a workspace alias such as '@shared/store'): the package is
    # the one whose package.json is nearest above that path, @shop/store, not the key. Once missed.
    alias = "'@shared/store': { import: '../../packages/store/index.js', requiredVersion: '1.1.0' },"
    config.write_text(text[:start] + alias + text[end:])
    lines = run_audit(repository, "--select", "MF001,MF002").lines
    assert [line.split(": ", 1)[1].split(" ", 1)[0] for line in lines] == ["MF001", "MF002"]
    assert "@shop/store (shared under the key '@shared/store') is shared by cart without `singleton: true`" in lines[0]
    assert "in-house package @shop/store (shared under the key '@shared/store') is shared by cart without" in lines[1]


def test_federation_options_no_audited_config_builds_with_are_reported_not_skipped(run_audit, tmp_path: Path):
    repository = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mf002" / "good", repository)
    options = "module.exports = { name: 'admin', exposes: { './Admin': './src/Admin' } };\n"
    # Beside a webpack config (which reads it, as Nx's do): audited with that config, nothing to say.
    (repository / "apps" / "cart" / "module-federation.config.js").write_text(options)
    # An app built by craco or rspack: its options are named, not passed over.
    (repository / "apps" / "admin").mkdir()
    (repository / "apps" / "admin" / "moduleFederation.config.js").write_text(options)
    result = run_audit(repository)
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.lines == [
        "apps/admin/moduleFederation.config.js:1:1: MF010 apps/admin/moduleFederation.config.js holds federation "
        "options, but no webpack.config.* or next.config.* of its folder builds with them (a craco, rspack, rsbuild "
        "or react-scripts-override build this audit does not evaluate): what it shares and exposes was not audited"
    ]
