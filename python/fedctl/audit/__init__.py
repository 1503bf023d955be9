"""`fedctl audit`: a static checker for Module Federation repositories (webpack and Next.js).

It finds every federation container, reads the plugin options as the build sees them by EXECUTING
each webpack / Next config with Node under stubbed federation plugins, parses the sources with
tree-sitter, and reports the mistakes behind "state is not propagating" bugs (rules MF001-MF008).
Only run it on repositories whose build configs you would run anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from fedctl.audit.discover import ManifestError, discover
from fedctl.audit.evaluate import EvaluationError
from fedctl.audit.model import Finding, Project
from fedctl.audit.rules import ENGINE_RULES, RULES, SUPPRESSION_CODE, SUPPRESSION_ID, Rule
from fedctl.audit.sources import SUPPRESS_NEXT

__all__ = ["RULES", "Finding", "InternalError", "audit_project", "select_rules"]


class SelectionError(ValueError):
    """`--select` or `--ignore` names a code or id that does not exist."""


class InternalError(Exception):
    """A defect of the audit itself, not of the audited repository: the message names the step that
    failed, and `rule` the rule whose check crashed (None when it was not a rule)."""

    def __init__(self, message: str, rule: str | None = None) -> None:
        super().__init__(message)
        self.rule = rule


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> set[str]:
    """The codes to report. Accepts codes or ids, comma-separated or repeated."""
    names = {rule.code: rule.code for rule in RULES} | {rule.id: rule.code for rule in RULES}
    for code, rule_id, _ in ENGINE_RULES:
        names |= {code: code, rule_id: code}

    def codes(values: Iterable[str]) -> set[str]:
        chosen: set[str] = set()
        for value in values:
            for item in value.split(","):
                item = item.strip()
                if not item:
                    continue
                code = names.get(item) or names.get(item.upper())
                if code is None:
                    raise SelectionError(f"unknown rule {item!r} (known: {', '.join(sorted(names))})")
                chosen.add(code)
        return chosen

    selected = codes(select) or set(names.values())
    return selected - codes(ignore)


def audit_project(project: Project, codes: set[str]) -> list[Finding]:
    """Run the selected rules, apply inline suppressions, and return sorted unique findings."""
    findings: set[Finding] = set()
    rules: list[Rule] = [rule for rule in RULES if rule.code in codes]
    for rule in rules:
        try:
            findings.update(rule.check(project))
        except Exception as exc:  # a rule that crashes is a defect of fedctl: say which one
            raise InternalError(f"rule {rule.code} ({rule.id}) crashed: {describe(exc)}", rule.code) from exc
    findings.update(problem for problem in project.problems if problem.code in codes)
    kept = _apply_suppressions(project, findings)
    if SUPPRESSION_CODE in codes:
        kept.update(_reasonless_suppressions(project, findings))
    return sorted(kept)


def _suppressions_for(project: Project, relative_path: str) -> list[tuple[int, tuple[str, ...], str]]:
    source = project.sources.get(project.root / relative_path)
    if source is None:
        return []
    return [(s.target_line, s.codes, s.reason) for s in source.suppressions]


def _apply_suppressions(project: Project, findings: set[Finding]) -> set[Finding]:
    by_id = {rule.id: rule.code for rule in RULES}
    kept: set[Finding] = set()
    for finding in findings:
        suppressed = False
        for target, codes, reason in _suppressions_for(project, finding.path):
            wanted = {by_id.get(c, c.upper()) for c in codes}
            if target == finding.line and reason and finding.code in wanted:
                suppressed = True
                break
        if not suppressed:
            kept.add(finding)
    return kept


def _reasonless_suppressions(project: Project, findings: set[Finding]) -> set[Finding]:
    """Every suppression comment without `-- reason` in a file the audit looked at."""
    paths = {f.path for f in findings}
    for container in project.containers:
        paths.add(project.relative(container.config_path))
        paths.update(project.relative(p) for p in project.container_files(container))
    for package in project.packages.values():
        paths.update(project.relative(p) for p in project.package_files(package))
    reported: set[Finding] = set()
    for path in sorted(paths):
        source = project.sources.get(project.root / path)
        if source is None:
            continue
        for suppression in source.suppressions:
            if suppression.reason:
                continue
            reported.add(
                Finding(
                    path,
                    suppression.line,
                    suppression.col,
                    SUPPRESSION_CODE,
                    SUPPRESSION_ID,
                    f"suppression of {' '.join(suppression.codes) or 'nothing'} has no reason; write "
                    f"`// {SUPPRESS_NEXT} CODE -- why this is safe` (it suppresses nothing until then)",
                )
            )
    return reported


def run(
    root: Path, node: str, codes: set[str], in_house: Iterable[str] = (), store: Iterable[str] = ()
) -> list[Finding]:
    """Discover the project under `root` and audit it."""
    try:
        project = discover(root, node, in_house=in_house, store=store)
    except (EvaluationError, ManifestError):
        raise
    except Exception as exc:  # anything else is a defect of the discovery, not of the repository
        raise InternalError(f"finding the containers under {root} failed: {describe(exc)}") from exc
    return audit_project(project, codes)


def describe(exc: BaseException) -> str:
    """An exception as one line: its type and its message, whitespace folded."""
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
