"""NUL characters are bad input everywhere: 422 naming the place, never a database error.

PostgreSQL cannot store NUL in text (schemathesis found a 500 on PATCH /api/me), so the
suite runs these on both backends.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from .utils.auth import auth_headers


def test_a_body_field_with_nul_is_refused_naming_the_field(client: TestClient) -> None:
    response = client.patch("/api/me", headers=auth_headers(client), json={"avatarUrl": "http://\x00"})
    assert response.status_code == 422
    [issue] = response.json()["detail"]
    assert issue["loc"] == ["body", "avatarUrl"]
    assert "NUL" in issue["msg"]


def test_a_ticket_with_nul_in_its_text_is_refused(client: TestClient) -> None:
    response = client.post("/api/tickets", headers=auth_headers(client), json={"subject": "a\x00", "message": "b"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "subject"]


def test_a_query_parameter_with_nul_is_refused_naming_it(client: TestClient) -> None:
    response = client.get("/api/products", params={"q": "lip\x00balm"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "q"]


def test_a_path_with_nul_is_refused(client: TestClient) -> None:
    response = client.get("/api/products/rose%00balm")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "url"]
