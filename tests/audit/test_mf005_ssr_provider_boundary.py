"""MF005 ssr-provider-boundary: the bad fixture gives exactly these findings; its fixed twin is clean."""

from fedctl.audit.rules import mf005_ssr_provider_boundary as rule

EXPECTED = [
    (
        "apps/main/components/Header.jsx:5:17: MF005 heuristic: this component reads store "
        "state with useSelector() during render and main has no client-only Provider "
        "boundary, so server and client HTML differ (React #418); render a placeholder until "
        "mounted (useState(false) + useEffect(() => setMounted(true), []))"
    ),
    (
        "apps/main/pages/_app.jsx:6:5: MF005 heuristic: main's _app renders "
        "<ClientReduxProvider> from a static import, so the Redux Provider renders on the "
        "server with an empty store (hydration mismatch, window errors); load it with "
        "next/dynamic(() => import(...), { ssr: false })"
    ),
]


def test_bad_fixture_reports_the_mistake(run_audit):
    result = run_audit("mf005/bad", "--select", rule.CODE)
    assert result.lines == EXPECTED
    assert result.exit_code == 1


def test_bad_fixture_has_no_other_findings(run_audit):
    assert run_audit("mf005/bad").lines == EXPECTED


def test_fixed_twin_is_clean(run_audit):
    result = run_audit("mf005/good")
    assert (result.exit_code, result.stdout) == (0, "")
