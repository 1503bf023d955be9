"""Sign users in through the real OTP routes."""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterator
from typing import Any

import httpx
from fastapi.testclient import TestClient
from starlette.testclient import WebSocketTestSession

_counter = itertools.count(1)

# TestClient is an httpx.Client, so the same helpers drive in-process apps and real servers.
Requester = httpx.Client


def random_mobile() -> str:
    """A fresh valid number per call, so users and rate-limit budgets never collide."""
    return f"+9198{os.getpid() % 1000:03d}{next(_counter):05d}"


def request_code(client: Requester, mobile: str) -> str:
    response = client.post("/api/auth/otp", json={"mobile": mobile})
    assert response.status_code == 202, response.text
    code = client.get("/api/dev/otp", params={"mobile": mobile})
    assert code.status_code == 200, code.text
    return str(code.json()["code"])


def sign_in(client: Requester, mobile: str | None = None) -> dict[str, Any]:
    """Return the body of POST /api/auth/verify for a new or given number."""
    mobile = mobile or random_mobile()
    code = request_code(client, mobile)
    response = client.post("/api/auth/verify", json={"mobile": mobile, "code": code})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def auth_headers(client: Requester, mobile: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {sign_in(client, mobile)['token']}"}


@contextlib.contextmanager
def chat_socket(client: TestClient, token: str) -> Iterator[WebSocketTestSession]:
    """The chat WebSocket of a TestClient, authenticated by its first frame as the browser does."""
    with client.websocket_connect("/api/chat/ws") as socket:
        socket.send_json({"type": "auth", "token": token})
        yield socket
