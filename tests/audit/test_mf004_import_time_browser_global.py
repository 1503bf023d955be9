"""MF004 import-time-browser-global: the bad fixture gives exactly these findings; its fixed twin is clean."""

from fedctl.audit.rules import mf004_import_time_browser_global as rule

EXPECTED = [
    (
        "apps/main/pages/basket.jsx:2:1: MF004 page imports @shop/store at top level but "
        "@shop/store is not import-safe (packages/store/index.js:12 reads a browser global "
        "at import time): `next build` will fail; load it through next/dynamic with `ssr: "
        "false` or make the store import-safe"
    ),
    (
        "apps/main/pages/index.jsx:2:1: MF004 page imports @shop/store at top level (through "
        "../components/Header) but @shop/store is not import-safe "
        "(packages/store/index.js:12 reads a browser global at import time): `next build` "
        "will fail; load it through next/dynamic with `ssr: false` or make the store "
        "import-safe"
    ),
    (
        "packages/store/index.js:12:15: MF004 @shop/store reads `window` at import time: "
        "`next build` imports the store in Node and fails with ReferenceError; move the "
        "access into a function behind `typeof window !== 'undefined'`"
    ),
    (
        "packages/store/index.js:15:17: MF004 @shop/store reads `document` at import time "
        "(in makeStore(), which line 20 calls while the module loads): `next build` imports "
        "the store in Node and fails with ReferenceError; move the access into a function "
        "behind `typeof window !== 'undefined'`"
    ),
]


def test_bad_fixture_reports_the_mistake(run_audit):
    result = run_audit("mf004/bad", "--select", rule.CODE)
    assert result.lines == EXPECTED
    assert result.exit_code == 1


def test_bad_fixture_has_no_other_findings(run_audit):
    assert run_audit("mf004/bad").lines == EXPECTED


def test_fixed_twin_is_clean(run_audit):
    result = run_audit("mf004/good")
    assert (result.exit_code, result.stdout) == (0, "")
