"""shop_api.main: the `shop-api` / `python -m shop_api` command and the app's surface."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from .conftest import TEST_SECRET_KEY, AppFactory
from .utils.servers import serve_in_subprocess


def run_module(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "shop_api", *args],
        env={**os.environ, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_run_without_app_env_is_production_and_refuses_to_start_without_a_secret(tmp_path: Path) -> None:
    env = {name: value for name, value in os.environ.items() if name not in ("APP_ENV", "SECRET_KEY")}
    result = subprocess.run(
        [sys.executable, "-m", "shop_api", "--port", "1"], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "refusing to start: SECRET_KEY must be set when APP_ENV=production" in result.stderr
    assert "secrets.token_urlsafe(48)" in result.stderr
    # No development secret was made for a production start.
    assert not (tmp_path / ".var" / "secret_key").exists()


def test_run_refuses_a_weak_secret_in_production(tmp_path: Path) -> None:
    result = run_module("--port", "1", env={"APP_ENV": "production", "SECRET_KEY": "a" * 32}, cwd=tmp_path)
    assert result.returncode == 2
    assert "SECRET_KEY is too predictable" in result.stderr


def test_run_serves_with_the_default_sqlite_database(tmp_path: Path) -> None:
    env = {"APP_ENV": "development", "DATABASE_URL": "", "REDIS_URL": ""}
    with serve_in_subprocess(env, tmp_path / "api.log") as base_url:
        assert httpx.get(f"{base_url}/api/health").json() == {"status": "ok"}
        assert httpx.get(f"{base_url}/api/products").json()["total"] >= 12
    # Started in tmp_path, the default database lands in ./.var/shop.db there.
    assert (tmp_path / ".var" / "shop.db").exists()


def test_run_serves_production_without_dev_route_docs_or_banner(tmp_path: Path) -> None:
    env = {"APP_ENV": "production", "SECRET_KEY": TEST_SECRET_KEY, "DATABASE_URL": ""}
    with serve_in_subprocess(env, tmp_path / "api.log") as base_url:
        assert httpx.get(f"{base_url}/api/dev/otp", params={"mobile": "+919876543210"}).status_code == 404
        assert httpx.get(f"{base_url}/api/docs").status_code == 404
        assert httpx.get(f"{base_url}/api/openapi.json").status_code == 404
        health = httpx.get(f"{base_url}/api/health")
    assert health.status_code == 200
    assert "server" not in health.headers


def test_production_publishes_docs_when_enabled(app_factory: AppFactory) -> None:
    with TestClient(app_factory(APP_ENV="production", ENABLE_API_DOCS=True)) as client:
        assert client.get("/api/docs").status_code == 200
        assert client.get("/api/dev/otp", params={"mobile": "+919876543210"}).status_code == 404


def test_openapi_and_docs_are_under_api(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert all(path.startswith("/api/") for path in schema["paths"])
    assert client.get("/api/docs").status_code == 200


def test_wire_names_are_camel_case(client: TestClient) -> None:
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    properties = {name for schema in schemas.values() for name in schema.get("properties", {})}
    assert "pageSize" in properties and "productId" in properties and "expiresIn" in properties
    assert not [name for name in properties if "_" in name]


def test_every_handler_has_a_one_line_summary(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            description = operation.get("description", "")
            assert description and "\n" not in description.strip(), f"{method} {path}"


def test_undecodable_body_is_422(client: TestClient) -> None:
    response = client.post("/api/auth/otp", content=b"\xff\xfe", headers={"Content-Type": "application/json"})
    assert response.status_code == 422


def test_run_without_a_port_says_which_argument_is_missing(tmp_path: Path) -> None:
    result = run_module(env={}, cwd=tmp_path)
    assert result.returncode == 2
    assert "the following arguments are required: --port" in result.stderr
