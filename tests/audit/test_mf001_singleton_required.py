"""MF001 singleton-required: the bad fixture gives exactly these findings; its fixed twin is clean."""

from fedctl.audit.rules import mf001_singleton_required as rule

EXPECTED = [
    (
        "apps/cart/webpack.config.js:10:7: MF001 cart depends on react-dom but does not "
        "share it, while host shares it as a singleton: cart bundles a second copy; add "
        "'react-dom': { singleton: true } to its shared block"
    ),
    (
        "apps/cart/webpack.config.js:11:9: MF001 containers disagree on react: cart has "
        'requiredVersion: "^18.2.0" but host has false; generate every shared block from one '
        "definition"
    ),
    (
        "apps/cart/webpack.config.js:12:9: MF001 react-redux is shared by cart without "
        "`singleton: true`, so each container can load its own copy (two stores); add "
        "`singleton: true`"
    ),
]


def test_bad_fixture_reports_the_mistake(run_audit):
    result = run_audit("mf001/bad", "--select", rule.CODE)
    assert result.lines == EXPECTED
    assert result.exit_code == 1


def test_bad_fixture_has_no_other_findings(run_audit):
    assert run_audit("mf001/bad").lines == EXPECTED


def test_fixed_twin_is_clean(run_audit):
    result = run_audit("mf001/good")
    assert (result.exit_code, result.stdout) == (0, "")
