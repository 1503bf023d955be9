"""Run `fedctl audit` through Typer's test runner on the fixture repositories next to this file."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from fedctl.audit.command import audit

FIXTURES = Path(__file__).parent / "fixtures"

if shutil.which("node") is None:  # pragma: no cover - the audit evaluates configs with Node
    pytest.skip("Node.js is needed to evaluate the fixture configs", allow_module_level=True)


@dataclass(frozen=True)
class AuditResult:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()


def _app() -> typer.Typer:
    # A one-command app around `audit`, so these tests do not need the rest of fedctl's CLI.
    app = typer.Typer()
    app.command()(audit)

    @app.callback()
    def main() -> None:
        """fedctl (audit only)."""

    return app


@pytest.fixture
def run_audit() -> Callable[..., AuditResult]:
    app = _app()

    def run(fixture: str | Path, *args: str) -> AuditResult:
        path = fixture if isinstance(fixture, Path) else FIXTURES / fixture
        result = CliRunner().invoke(app, ["audit", str(path), *args])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return AuditResult(result.exit_code, result.stdout, result.stderr)

    return run
