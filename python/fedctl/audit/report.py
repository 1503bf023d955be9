"""Render findings as text (`path:line:col: CODE message`), JSON, or GitHub Actions annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import StrEnum

from fedctl.audit.model import Finding


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def render(findings: Sequence[Finding], output_format: OutputFormat) -> str:
    if output_format is OutputFormat.json:
        return json.dumps({"findings": [f.as_dict() for f in findings]}, indent=2)
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
