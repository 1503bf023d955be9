"""@myapp/api's types are generated from the API's OpenAPI schema and must not go stale."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fedctl.api_types import GENERATED, generate, openapi_schema
from fedctl.cli import app

ROOT = Path(__file__).resolve().parent.parent


def test_generated_types_match_the_api_schema() -> None:
    assert (ROOT / GENERATED).read_text() == generate(ROOT), "run `fedctl api-types` and commit the result"


def test_the_browser_client_schema_has_no_development_routes() -> None:
    assert "/api/dev/otp" not in openapi_schema()["paths"]


def test_check_reports_stale_types(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("fedctl.api_types.generate", lambda root: "// something else\n")
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["api-types", "--check"])
    assert result.exit_code == 1
    assert "is stale: run `fedctl api-types`" in result.output
