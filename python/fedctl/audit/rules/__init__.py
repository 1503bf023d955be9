"""The audit rules, one module each. A rule module defines CODE, ID, SUMMARY, a `check(project)`
generator of findings, and a docstring with a passing and a failing example (its documentation)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from fedctl.audit.model import Finding, Project
from fedctl.audit.rules import (
    mf001_singleton_required,
    mf002_in_house_version,
    mf003_direct_redux_import,
    mf004_import_time_browser_global,
    mf005_ssr_provider_boundary,
    mf006_exposed_provider,
    mf007_window_store_dev_only,
    mf008_next_federation,
    mf011_tree_shaken_singleton,
)


@dataclass(frozen=True)
class Rule:
    code: str
    id: str
    summary: str
    doc: str
    check: Callable[[Project], Iterator[Finding]]


RULES: tuple[Rule, ...] = tuple(
    Rule(module.CODE, module.ID, module.SUMMARY, module.__doc__ or "", module.check)
    for module in (
        mf001_singleton_required,
        mf002_in_house_version,
        mf003_direct_redux_import,
        mf004_import_time_browser_global,
        mf005_ssr_provider_boundary,
        mf006_exposed_provider,
        mf007_window_store_dev_only,
        mf008_next_federation,
        mf011_tree_shaken_singleton,
    )
)

# Reported by the engine itself, not by a rule module: a suppression comment without a reason, a
# config Node could not evaluate, and federation the audit does not understand.
SUPPRESSION_CODE = "MF000"
SUPPRESSION_ID = "suppression-reason"
ENGINE_RULES: tuple[tuple[str, str, str], ...] = (
    (SUPPRESSION_CODE, SUPPRESSION_ID, "a suppression comment says why (`-- reason`)"),
    ("MF009", "config-not-evaluated", "a config Node cannot evaluate is reported; the rest is still audited"),
    ("MF010", "federation-not-understood", "an unknown federation wrapper or plugin is reported, not skipped"),
)
