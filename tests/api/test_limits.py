"""Every size and rate a client controls has a limit, answered with a clear 4xx (issue 9)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from .conftest import AppFactory
from .utils.auth import auth_headers, chat_socket, sign_in


def test_a_body_over_the_limit_is_413_before_it_is_read(client: TestClient) -> None:
    # Unauthenticated, like the 200 MB body that used to grow the process by 800 MB.
    body = b'{"mobile": "' + b"1" * 200_000 + b'"}'
    response = client.post("/api/auth/otp", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.headers["Connection"] == "close"
    assert response.json()["detail"] == [
        {"type": "value_error", "loc": ["body"], "msg": "The request body is larger than 65536 bytes."}
    ]


def test_a_streamed_body_without_length_is_cut_off_at_the_limit(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"mobile": "'
        for _ in range(100):
            yield b"1" * 1000
        yield b'"}'

    response = client.post("/api/auth/otp", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["detail"][0]["loc"] == ["body"]


def test_headers_over_the_limit_are_431_naming_the_largest(client: TestClient) -> None:
    response = client.get("/api/products", headers={"Cookie": "a=" + "x" * 100_000})
    assert response.status_code == 431
    [issue] = response.json()["detail"]
    assert issue["loc"] == ["header", "cookie"]
    assert "16384 bytes" in issue["msg"]


def test_string_lengths_of_the_schema_are_enforced(client: TestClient) -> None:
    response = client.post("/api/tickets", headers=auth_headers(client), json={"subject": "s" * 201, "message": "m"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "subject"]


def test_chat_messages_over_the_rate_get_429_with_retry_after(app_factory: AppFactory) -> None:
    with TestClient(app_factory(CHAT_MESSAGE_RATE_PER_USER="3/minute")) as client:
        headers = auth_headers(client)
        statuses = [client.post("/api/chat/messages", headers=headers, json={"text": "hi"}) for _ in range(4)]
        stored = client.get("/api/chat/messages", headers=headers).json()
    assert [r.status_code for r in statuses] == [201, 201, 201, 429]
    assert statuses[-1].json()["detail"].startswith("Chat messages: the limit is 3/minute; try again in ")
    assert 0 < int(statuses[-1].headers["Retry-After"]) <= 60
    assert len(stored) == 3


def test_chat_socket_messages_share_the_users_rate(app_factory: AppFactory) -> None:
    with TestClient(app_factory(CHAT_MESSAGE_RATE_PER_USER="2/minute")) as client:
        token = sign_in(client)["token"]
        headers = {"Authorization": f"Bearer {token}"}
        assert client.post("/api/chat/messages", headers=headers, json={"text": "over http"}).status_code == 201
        with chat_socket(client, token) as socket:
            socket.receive_json()
            socket.send_json({"text": "second"})
            assert socket.receive_json()["type"] == "message"
            socket.send_json({"text": "third"})
            refused = socket.receive_json()
        stored = client.get("/api/chat/messages", headers=headers).json()
    assert refused["type"] == "error"
    assert refused["detail"].startswith("Chat messages: the limit is 2/minute")
    assert 0 < refused["retryAfter"] <= 60
    assert [m["text"] for m in stored] == ["over http", "second"]


def test_an_oversized_chat_frame_is_refused_and_the_socket_stays_open(client: TestClient) -> None:
    token = sign_in(client)["token"]
    with chat_socket(client, token) as socket:
        socket.receive_json()
        socket.send_text('{"text": "' + "x" * 20_000 + '"}')
        assert socket.receive_json() == {"type": "error", "detail": "text: a frame holds at most 16384 characters."}
        socket.send_json({"text": "still here"})
        assert socket.receive_json()["message"]["text"] == "still here"


def test_open_chat_sockets_per_user_are_limited(app_factory: AppFactory) -> None:
    with TestClient(app_factory(CHAT_SOCKETS_PER_USER=2)) as client:
        token = sign_in(client)["token"]
        with (
            chat_socket(client, token) as first,
            chat_socket(client, token) as second,
        ):
            first.receive_json()
            second.receive_json()
            with (
                chat_socket(client, token) as third,
                pytest.raises(WebSocketDisconnect) as closed,
            ):
                third.receive_json()
            assert closed.value.code == 4429
            assert "at most 2 per user" in closed.value.reason
        # Closing one makes room again.
        with chat_socket(client, token) as again:
            assert again.receive_json()["type"] == "history"


def test_wrong_coupon_codes_are_limited_per_user(app_factory: AppFactory) -> None:
    with TestClient(app_factory(COUPON_ATTEMPT_RATE_PER_USER="2/10 minutes")) as client:
        headers = auth_headers(client)
        client.post("/api/cart/items", headers=headers, json={"productId": "rose-lip-balm", "qty": 1})
        wrong = [client.post("/api/cart/coupon", headers=headers, json={"code": f"GUESS{n}"}) for n in range(2)]
        blocked = client.post("/api/cart/coupon", headers=headers, json={"code": "WELCOME10"})
    assert [r.status_code for r in wrong] == [400, 400]
    assert blocked.status_code == 429
    assert blocked.json()["detail"].startswith("Wrong coupon codes: the limit is 2/10 minutes")
    assert int(blocked.headers["Retry-After"]) > 0


def test_a_known_coupon_does_not_spend_the_budget(app_factory: AppFactory) -> None:
    with TestClient(app_factory(COUPON_ATTEMPT_RATE_PER_USER="1/10 minutes")) as client:
        headers = auth_headers(client)
        client.post("/api/cart/items", headers=headers, json={"productId": "rose-lip-balm", "qty": 1})
        for _ in range(3):
            assert client.post("/api/cart/coupon", headers=headers, json={"code": "WELCOME10"}).status_code == 200


def test_answers_with_user_data_are_private_and_not_stored(client: TestClient) -> None:
    headers = auth_headers(client)
    for path in ("/api/me", "/api/cart", "/api/tickets", "/api/chat/messages"):
        assert client.get(path, headers=headers).headers["Cache-Control"] == "private, no-store", path
    assert client.post("/api/auth/otp", json={"mobile": "+919876543210"}).headers["Cache-Control"] == (
        "private, no-store"
    )
    # The catalogue is the same for everyone and may be cached, even when asked with a token;
    # pictures keep their own policy.
    assert client.get("/api/products").headers["Cache-Control"] == "public, max-age=10"
    assert client.get("/api/products/rose-lip-balm", headers=headers).headers["Cache-Control"] == "public, max-age=10"
    image = client.get("/api/static/products/rose-lip-balm.svg")
    assert image.headers["Cache-Control"] == "public, max-age=86400"


def test_a_chat_socket_opened_while_the_database_is_at_capacity_is_told_to_retry(app_factory: AppFactory) -> None:
    app = app_factory(DB_CONCURRENCY=1, DB_MAX_WAITING=0)
    with TestClient(app) as client:
        token = sign_in(client)["token"]
        held = app.state.db_gate.slot()
        assert client.portal is not None
        client.portal.call(held.__aenter__)
        try:
            with chat_socket(client, token) as socket, pytest.raises(WebSocketDisconnect) as closed:
                socket.receive_json()
        finally:
            client.portal.call(held.__aexit__, None, None, None)
    assert closed.value.code == 1013
