"""GET and PATCH /api/me."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from ..utils.auth import auth_headers, random_mobile


def test_read_me_returns_the_signed_in_user(client: TestClient) -> None:
    mobile = random_mobile()
    response = client.get("/api/me", headers=auth_headers(client, mobile))
    assert response.status_code == 200
    assert response.json()["phoneNumber"] == mobile
    assert response.json()["email"] == ""


def test_read_me_requires_sign_in(client: TestClient) -> None:
    response = client.get("/api/me")
    assert response.status_code == 401
    assert "Not signed in" in response.json()["detail"]


def test_update_me_changes_given_fields_only(client: TestClient) -> None:
    headers = auth_headers(client)
    client.patch("/api/me", headers=headers, json={"lastName": "Rao"})
    response = client.patch(
        "/api/me",
        headers=headers,
        json={
            "firstName": "Asha",
            "name": "Asha Rao",
            "email": "asha@example.com",
            "avatarUrl": "https://example.com/a.png",
            "address": "12 MG Road, Bengaluru",
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["firstName"] == "Asha"
    assert body["lastName"] == "Rao"
    assert body["email"] == "asha@example.com"
    assert client.get("/api/me", headers=headers).json() == body


def test_update_me_null_clears_fields(client: TestClient) -> None:
    headers = auth_headers(client)
    client.patch("/api/me", headers=headers, json={"email": "a@example.com", "address": "x"})
    body = client.patch("/api/me", headers=headers, json={"email": None, "address": None}).json()
    assert body["email"] == ""
    assert body["address"] is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "not-an-email"),
        ("firstName", "x" * 101),
        ("name", "x" * 201),
        ("address", "x" * 501),
        ("avatarUrl", "javascript:alert(1)"),
        ("phoneNumber", "+919999999999"),
        ("id", 5),
    ],
)
def test_update_me_rejects_invalid_field(client: TestClient, field: str, value: object) -> None:
    response = client.patch("/api/me", headers=auth_headers(client), json={field: value})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", field]


def test_update_me_only_changes_own_profile(client: TestClient) -> None:
    mine, theirs = auth_headers(client), auth_headers(client)
    client.patch("/api/me", headers=mine, json={"firstName": "Mine"})
    assert client.get("/api/me", headers=theirs).json()["firstName"] == ""
