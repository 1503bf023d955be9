"""GET /api/health."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_read_health_reports_ok(client: TestClient) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
