"""MF006 exposed-provider: the bad fixture gives exactly these findings; its fixed twin is clean."""

from fedctl.audit.rules import mf006_exposed_provider as rule

EXPECTED = [
    (
        "apps/cart/src/Cart.jsx:12:5: MF006 cart exposes this module as './Cart' and it "
        "wraps its output in <ClientReduxProvider>; the host's Provider is already above it, "
        "so remove the wrapper and keep it only in the standalone entry"
    ),
]


def test_bad_fixture_reports_the_mistake(run_audit):
    result = run_audit("mf006/bad", "--select", rule.CODE)
    assert result.lines == EXPECTED
    assert result.exit_code == 1


def test_bad_fixture_has_no_other_findings(run_audit):
    assert run_audit("mf006/bad").lines == EXPECTED


def test_fixed_twin_is_clean(run_audit):
    result = run_audit("mf006/good")
    assert (result.exit_code, result.stdout) == (0, "")
