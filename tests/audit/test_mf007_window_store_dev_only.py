"""MF007 window-store-dev-only: the bad fixture gives exactly these findings; its fixed twin is clean."""

from fedctl.audit.rules import mf007_window_store_dev_only as rule

EXPECTED = [
    (
        "apps/cart/src/bootstrap.jsx:4:1: MF007 the store is put on window.__shop_store "
        "outside a development-only guard, so production pages expose user state to every "
        "script; wrap it in `if (process.env.NODE_ENV === 'development')`"
    ),
    (
        "packages/store/debug.js:15:16: MF007 the store is put on globals.__shop_debug_store "
        "outside a development-only guard, so production pages expose user state to every "
        "script; wrap it in `if (process.env.NODE_ENV === 'development')`"
    ),
]


def test_bad_fixture_reports_the_mistake(run_audit):
    result = run_audit("mf007/bad", "--select", rule.CODE)
    assert result.lines == EXPECTED
    assert result.exit_code == 1


def test_bad_fixture_has_no_other_findings(run_audit):
    assert run_audit("mf007/bad").lines == EXPECTED


def test_fixed_twin_is_clean(run_audit):
    result = run_audit("mf007/good")
    assert (result.exit_code, result.stdout) == (0, "")
