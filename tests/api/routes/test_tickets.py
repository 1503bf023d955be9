"""The /api/tickets resource."""

from __future__ import annotations

from fastapi.testclient import TestClient

from ..utils.auth import auth_headers


def test_create_ticket(client: TestClient) -> None:
    response = client.post(
        "/api/tickets",
        headers=auth_headers(client),
        json={"subject": "Late order", "message": "Where is it?"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "open"
    assert body["subject"] == "Late order"
    assert set(body) == {"id", "subject", "message", "status", "createdAt", "updatedAt"}


def test_read_tickets_lists_only_mine_newest_first(client: TestClient) -> None:
    mine, theirs = auth_headers(client), auth_headers(client)
    for subject in ("first", "second"):
        client.post("/api/tickets", headers=mine, json={"subject": subject, "message": "m"})
    client.post("/api/tickets", headers=theirs, json={"subject": "other", "message": "m"})
    subjects = [t["subject"] for t in client.get("/api/tickets", headers=mine).json()]
    assert subjects == ["second", "first"]


def test_read_ticket(client: TestClient) -> None:
    headers = auth_headers(client)
    created = client.post("/api/tickets", headers=headers, json={"subject": "s", "message": "m"})
    response = client.get(f"/api/tickets/{created.json()['id']}", headers=headers)
    assert response.status_code == 200
    assert response.json() == created.json()


def test_read_ticket_of_someone_else_is_not_found(client: TestClient) -> None:
    mine, theirs = auth_headers(client), auth_headers(client)
    ticket_id = client.post("/api/tickets", headers=theirs, json={"subject": "s", "message": "m"}).json()["id"]
    assert client.get(f"/api/tickets/{ticket_id}", headers=mine).status_code == 404
    patch = client.patch(f"/api/tickets/{ticket_id}", headers=mine, json={"status": "closed"})
    assert patch.status_code == 404
    assert client.get(f"/api/tickets/{ticket_id}", headers=theirs).json()["status"] == "open"


def test_update_ticket_status(client: TestClient) -> None:
    headers = auth_headers(client)
    ticket_id = client.post("/api/tickets", headers=headers, json={"subject": "s", "message": "m"}).json()["id"]
    for status in ("pending", "closed", "open"):
        response = client.patch(f"/api/tickets/{ticket_id}", headers=headers, json={"status": status})
        assert response.status_code == 200
        assert response.json()["status"] == status


def test_update_ticket_rejects_unknown_status(client: TestClient) -> None:
    headers = auth_headers(client)
    ticket_id = client.post("/api/tickets", headers=headers, json={"subject": "s", "message": "m"}).json()["id"]
    response = client.patch(f"/api/tickets/{ticket_id}", headers=headers, json={"status": "done"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "status"]


def test_create_ticket_rejects_oversized_or_empty_text(client: TestClient) -> None:
    headers = auth_headers(client)
    big = client.post("/api/tickets", headers=headers, json={"subject": "s", "message": "x" * 5001})
    assert big.status_code == 422
    assert big.json()["detail"][0]["loc"] == ["body", "message"]
    empty = client.post("/api/tickets", headers=headers, json={"subject": "", "message": "m"})
    assert empty.json()["detail"][0]["loc"] == ["body", "subject"]


def test_read_ticket_with_huge_id_is_rejected(client: TestClient) -> None:
    response = client.get(f"/api/tickets/{2**63}", headers=auth_headers(client))
    assert response.status_code == 422


def test_tickets_require_sign_in(client: TestClient) -> None:
    assert client.get("/api/tickets").status_code == 401
