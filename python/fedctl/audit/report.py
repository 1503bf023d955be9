"""Render findings as text (`path:line:col: CODE message`), JSON, GitHub Actions annotations, or
SARIF 2.1.0 (GitHub code scanning, and editors' SARIF viewers, show each finding inline)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from fedctl.audit.model import Finding


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(findings: Sequence[Finding], output_format: OutputFormat) -> str:
    if output_format is OutputFormat.json:
        return json.dumps({"findings": [f.as_dict() for f in findings]}, indent=2)
    if output_format is OutputFormat.sarif:
        return json.dumps(sarif(findings), indent=2)
    if output_format is OutputFormat.github:
        return "\n".join(_github(f) for f in findings)
    return "\n".join(f"{f.path}:{f.line}:{f.col}: {f.code} {f.message}" for f in findings)


def _github(finding: Finding) -> str:
    # Workflow commands need %, CR and LF escaped in the message, and also : and , in properties.
    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    return (
        f"::error file={prop(finding.path)},line={finding.line},col={finding.col}::"
        f"{data(finding.code + ' ' + finding.message)}"
    )


def sarif(findings: Sequence[Finding]) -> dict[str, Any]:
    """One SARIF run: every rule as a reporting descriptor, every finding as an error result.

    Written here rather than through a SARIF object-model package: the few fields code scanning
    reads are plain JSON, and the maintained Python models add a dependency for no behaviour.
    """
    # Imported here: the rules import this package's model, and the report must not import them first.
    from fedctl.audit.rules import ENGINE_RULES, RULES

    described = sorted([(r.code, r.id, r.summary, r.doc) for r in RULES] + [(*e, "") for e in ENGINE_RULES])
    index = {code: position for position, (code, *_rest) in enumerate(described)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "fedctl audit",
                        "rules": [
                            {
                                "id": code,
                                "name": rule_id,
                                "shortDescription": {"text": summary},
                                "fullDescription": {"text": (doc.strip().split("\n\n", 1)[0] or summary)},
                                "defaultConfiguration": {"level": "error"},
                            }
                            for code, rule_id, summary, doc in described
                        ],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the audited directory"}}},
                "results": [
                    {
                        "ruleId": finding.code,
                        "ruleIndex": index[finding.code],
                        "level": "error",
                        "message": {"text": finding.message},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": finding.path, "uriBaseId": "%SRCROOT%"},
                                    "region": {"startLine": finding.line, "startColumn": finding.col},
                                }
                            }
                        ],
                    }
                    for finding in findings
                ],
            }
        ],
    }
