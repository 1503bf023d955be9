"""GET /api/dev/otp: present in development only."""

from __future__ import annotations

from fastapi.testclient import TestClient

from ..conftest import AppFactory
from ..utils.auth import random_mobile, request_code


def test_read_dev_otp_returns_latest_code(client: TestClient) -> None:
    mobile = random_mobile()
    request_code(client, mobile)
    latest = request_code(client, mobile)
    response = client.get("/api/dev/otp", params={"mobile": mobile})
    assert response.status_code == 200
    assert response.json() == {"mobile": mobile, "code": latest}


def test_read_dev_otp_not_found_without_request(client: TestClient) -> None:
    assert client.get("/api/dev/otp", params={"mobile": random_mobile()}).status_code == 404


def test_read_dev_otp_not_found_after_use(client: TestClient) -> None:
    mobile = random_mobile()
    code = request_code(client, mobile)
    assert client.post("/api/auth/verify", json={"mobile": mobile, "code": code}).status_code == 200
    assert client.get("/api/dev/otp", params={"mobile": mobile}).status_code == 404


def test_read_dev_otp_rejects_malformed_mobile(client: TestClient) -> None:
    response = client.get("/api/dev/otp", params={"mobile": "abc"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "mobile"]


def test_read_dev_otp_absent_in_production(app_factory: AppFactory) -> None:
    with TestClient(app_factory(APP_ENV="production")) as client:
        mobile = random_mobile()
        assert client.post("/api/auth/otp", json={"mobile": mobile}).status_code == 202
        assert client.get("/api/dev/otp", params={"mobile": mobile}).status_code == 404
        assert "/api/dev/otp" not in client.app.openapi()["paths"]  # type: ignore[attr-defined]
        assert client.app.state.dev_codes is None  # type: ignore[attr-defined]
