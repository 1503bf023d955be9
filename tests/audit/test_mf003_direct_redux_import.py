"""MF003 direct-redux-import: the bad fixture gives exactly these findings; its fixed twin is clean."""

from fedctl.audit.rules import mf003_direct_redux_import as rule

EXPECTED = [
    (
        "apps/cart/src/Cart.jsx:2:1: MF003 cart imports react-redux directly, so its bundle "
        "can carry a second react-redux; import Provider/useSelector/useDispatch from "
        "@shop/store instead"
    ),
    (
        "apps/cart/src/Cart.jsx:5:20: MF003 cart creates its own Redux store with "
        "configureStore(): a second store that no other container sees; use the store "
        "exported by @shop/store"
    ),
]


def test_bad_fixture_reports_the_mistake(run_audit):
    result = run_audit("mf003/bad", "--select", rule.CODE)
    assert result.lines == EXPECTED
    assert result.exit_code == 1


def test_bad_fixture_has_no_other_findings(run_audit):
    assert run_audit("mf003/bad").lines == EXPECTED


def test_fixed_twin_is_clean(run_audit):
    result = run_audit("mf003/good")
    assert (result.exit_code, result.stdout) == (0, "")
