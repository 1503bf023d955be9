"""Every rule against its fixtures, as snapshots (the way ruff and yamllint test their rules).

Each `fixtures/mfNNN/bad` repository holds the mistakes rule MFNNN exists for; its `good` twin is the
same repository fixed. The full `fedctl audit` output of each fixture is kept in `snapshots/`; a
change of any finding, message or location shows up as a diff of that file. After a deliberate
change, rewrite the snapshots with `FEDCTL_UPDATE_SNAPSHOTS=1 pytest tests/audit/test_rules.py` and
review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fedctl.audit.rules import RULES

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
SNAPSHOTS = HERE / "snapshots"
RULE_FIXTURES = sorted(path for path in FIXTURES.glob("mf0*/*") if path.is_dir())


def snapshot_of(fixture: Path) -> Path:
    return SNAPSHOTS / f"{fixture.parent.name}-{fixture.name}.txt"


@pytest.mark.parametrize("fixture", RULE_FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_output_matches_its_snapshot(run_audit, fixture: Path):
    result = run_audit(fixture)
    snapshot = snapshot_of(fixture)
    if os.environ.get("FEDCTL_UPDATE_SNAPSHOTS"):
        snapshot.write_text(result.stdout)
    assert result.stdout == snapshot.read_text()
    assert result.stderr == ""
    assert result.exit_code == (1 if result.stdout else 0)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_each_rule_has_a_failing_fixture_and_a_clean_twin(run_audit, rule):
    bad, good = FIXTURES / rule.code.lower() / "bad", FIXTURES / rule.code.lower() / "good"
    own = run_audit(bad, "--select", rule.code)
    assert own.exit_code == 1 and own.lines, f"{bad} shows no {rule.code}"
    assert all(f" {rule.code} " in line for line in own.lines)
    # --select keeps exactly the rule's lines of the full output.
    assert own.lines == [line for line in snapshot_of(bad).read_text().splitlines() if f" {rule.code} " in line]
    assert snapshot_of(good).read_text() == ""


def test_no_snapshot_without_a_fixture():
    expected = {snapshot_of(fixture).name for fixture in RULE_FIXTURES}
    assert {path.name for path in SNAPSHOTS.glob("*.txt")} == expected
