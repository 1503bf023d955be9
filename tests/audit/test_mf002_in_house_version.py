"""MF002 in-house-version: the bad fixture gives exactly these findings; its fixed twin is clean."""

from fedctl.audit.rules import mf002_in_house_version as rule

EXPECTED = [
    (
        "apps/cart/webpack.config.js:15:9: MF002 cart requires @shop/store '^1.1.0' but host "
        "requires '1.0.0'; bump everywhere or roll back everywhere (fedctl bump @shop/store "
        "VERSION)"
    ),
    (
        "apps/host/package.json:8:5: MF002 apps/host/package.json pins @shop/store '1.0.0' "
        "but packages/store/package.json is 1.1.0; run `fedctl bump @shop/store 1.1.0` to "
        "update every pin"
    ),
    (
        "apps/host/webpack.config.js:14:9: MF002 host requires @shop/store '1.0.0' but "
        "packages/store/package.json is 1.1.0: the runtime silently keeps one copy; derive "
        "requiredVersion from packages/store/package.json instead of writing it by hand"
    ),
    (
        "apps/host/webpack.config.js:14:9: MF002 in-house package @shop/store is shared by "
        "host without `strictVersion: true`; add it so a version drift fails instead of "
        "silently using another copy"
    ),
]


def test_bad_fixture_reports_the_mistake(run_audit):
    result = run_audit("mf002/bad", "--select", rule.CODE)
    assert result.lines == EXPECTED
    assert result.exit_code == 1


def test_bad_fixture_has_no_other_findings(run_audit):
    assert run_audit("mf002/bad").lines == EXPECTED


def test_fixed_twin_is_clean(run_audit):
    result = run_audit("mf002/good")
    assert (result.exit_code, result.stdout) == (0, "")
