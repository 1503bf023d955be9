"""MF008 next-federation: the bad fixture gives exactly these findings; its fixed twin is clean."""

from fedctl.audit.rules import mf008_next_federation as rule

EXPECTED = [
    (
        "apps/cart/src/index.js:1:1: MF008 entry apps/cart/src/index.js imports the shared "
        'react synchronously, without an async boundary ("Shared module is not available for '
        'eager consumption"); move the app to ./bootstrap and make the entry '
        "`import('./bootstrap')`"
    ),
    (
        "apps/cart/src/index.js:2:1: MF008 entry apps/cart/src/index.js imports the shared "
        'react-dom/client synchronously, without an async boundary ("Shared module is not '
        'available for eager consumption"); move the app to ./bootstrap and make the entry '
        "`import('./bootstrap')`"
    ),
    (
        "apps/cart/webpack.config.js:11:33: MF008 react is shared eagerly by cart whose "
        "entry apps/cart/src/index.js has no async boundary; add `import('./bootstrap')` in "
        "the entry and drop `eager: true`"
    ),
    (
        "apps/main/next.config.js:11:11: MF008 remote products of main (server build) loads "
        "products@http://localhost:3002/_next/static/chunks/remoteEntry.js; a Next remote's "
        "URL must switch on isServer (`_next/static/${isServer ? 'ssr' : "
        "'chunks'}/remoteEntry.js`), this build needs 'ssr'"
    ),
    (
        "apps/main/next.config.js:13:9: MF008 react is shared in the server build of main "
        "without `import: false`, so the server bundle carries its own React and "
        "prerendering fails; add `...(isServer ? { import: false } : {})`"
    ),
    (
        "apps/main/next.config.js:13:9: MF008 react-dom is shared in the server build of "
        "main without `import: false`, so the server bundle carries its own React and "
        "prerendering fails; add `...(isServer ? { import: false } : {})`"
    ),
    (
        "apps/main/next.config.js:15:11: MF008 main shares the Next internal next/router by "
        "hand; nextjs-mf already shares Next internals and sharing them again breaks the "
        "app: remove it"
    ),
    (
        "apps/main/package.json:6:5: MF008 script 'dev' runs next without "
        "NEXT_PRIVATE_LOCAL_WEBPACK=true; nextjs-mf refuses to build without the local "
        "webpack: write `NEXT_PRIVATE_LOCAL_WEBPACK=true next dev -p 3000`"
    ),
]


def test_bad_fixture_reports_the_mistake(run_audit):
    result = run_audit("mf008/bad", "--select", rule.CODE)
    assert result.lines == EXPECTED
    assert result.exit_code == 1


def test_bad_fixture_has_no_other_findings(run_audit):
    assert run_audit("mf008/bad").lines == EXPECTED


def test_fixed_twin_is_clean(run_audit):
    result = run_audit("mf008/good")
    assert (result.exit_code, result.stdout) == (0, "")
