"""Exact output of `fedctl audit`: formats, exit codes, rule selection, suppressions, bad configs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from fedctl.audit.rules import RULES

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


def test_config_that_cannot_be_evaluated_exits_two_with_the_reason(run_audit):
    result = run_audit("broken")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[:2] == [
        "fedctl audit: error: apps/cart/webpack.config.js: Node failed to evaluate it:",
        "Error: CART_PUBLIC_URL is not set",
    ]


def test_options_built_from_a_missing_module_exit_two(run_audit, tmp_path: Path):
    repository = tmp_path / "repo"
    shutil.copytree(Path(__file__).parent / "fixtures" / "mf003" / "good", repository)
    config = repository / "apps" / "cart" / "webpack.config.js"
    config.write_text(config.read_text().replace("require('../../federation')", "require('@shop/federation')"))
    result = run_audit(repository)
    assert result.exit_code == 2
    assert "depend on '@shop/federation', which cannot be resolved" in result.stderr


def test_unreadable_package_json_exits_two(run_audit, tmp_path: Path):
    repository = tmp_path / "repo"
    shutil.copytree(Path(__file__).parent / "fixtures" / "mf003" / "good", repository)
    (repository / "apps" / "cart" / "package.json").write_text("{ not json")
    result = run_audit(repository)
    assert result.exit_code == 2
    assert "apps/cart/package.json: cannot read package.json" in result.stderr


def test_every_rule_documents_a_passing_and_a_failing_example():
    for rule in RULES:
        assert rule.code.startswith("MF") and rule.id and rule.summary
        assert "Passes" in rule.doc and "Fails" in rule.doc, rule.code
