"""GET/POST /api/chat/messages and the /api/chat/ws WebSocket."""

from __future__ import annotations

import time

import jwt
import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from ..conftest import TEST_SECRET_KEY, AppFactory
from ..utils.auth import chat_socket, random_mobile, sign_in


def test_create_chat_message_and_read_history(client: TestClient) -> None:
    headers = {"Authorization": f"Bearer {sign_in(client)['token']}"}
    created = client.post("/api/chat/messages", headers=headers, json={"text": "hello"})
    assert created.status_code == 201
    assert created.json()["sender"] == "user"
    history = client.get("/api/chat/messages", headers=headers).json()
    assert [m["text"] for m in history] == ["hello"]
    assert set(history[0]) == {"id", "text", "sender", "createdAt"}


def test_read_chat_messages_pages_back(client: TestClient) -> None:
    headers = {"Authorization": f"Bearer {sign_in(client)['token']}"}
    ids = [client.post("/api/chat/messages", headers=headers, json={"text": str(n)}).json()["id"] for n in range(5)]
    page = client.get("/api/chat/messages", headers=headers, params={"beforeId": ids[3], "limit": 2})
    assert [m["text"] for m in page.json()] == ["1", "2"]


def test_create_chat_message_rejects_oversized_text(client: TestClient) -> None:
    headers = {"Authorization": f"Bearer {sign_in(client)['token']}"}
    response = client.post("/api/chat/messages", headers=headers, json={"text": "x" * 2001})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "text"]


def test_chat_history_is_per_user(client: TestClient) -> None:
    mine = {"Authorization": f"Bearer {sign_in(client)['token']}"}
    theirs = {"Authorization": f"Bearer {sign_in(client)['token']}"}
    client.post("/api/chat/messages", headers=theirs, json={"text": "secret"})
    assert client.get("/api/chat/messages", headers=mine).json() == []


def test_chat_socket_message_reaches_every_connection_of_the_user(client: TestClient) -> None:
    mobile = random_mobile()
    first_token, second_token = sign_in(client, mobile)["token"], sign_in(client, mobile)["token"]
    stranger = sign_in(client)["token"]
    with (
        chat_socket(client, first_token) as first,
        chat_socket(client, second_token) as second,
        chat_socket(client, stranger) as other,
    ):
        for socket in (first, second, other):
            assert socket.receive_json() == {"type": "history", "messages": []}
        first.send_json({"text": "hi from tab one"})
        for socket in (first, second):
            event = socket.receive_json()
            assert event["type"] == "message"
            assert event["message"]["text"] == "hi from tab one"
        # The stranger's next event is their own message, not the other user's.
        other.send_json({"text": "mine"})
        assert other.receive_json()["message"]["text"] == "mine"


def test_chat_socket_sends_history_on_connect(client: TestClient) -> None:
    token = sign_in(client)["token"]
    client.post("/api/chat/messages", headers={"Authorization": f"Bearer {token}"}, json={"text": "earlier"})
    with chat_socket(client, token) as socket:
        history = socket.receive_json()
    assert [m["text"] for m in history["messages"]] == ["earlier"]


def test_chat_socket_rest_message_reaches_socket(client: TestClient) -> None:
    token = sign_in(client)["token"]
    with chat_socket(client, token) as socket:
        socket.receive_json()
        client.post("/api/chat/messages", headers={"Authorization": f"Bearer {token}"}, json={"text": "rest"})
        assert socket.receive_json()["message"]["text"] == "rest"


@pytest.mark.parametrize("frame", ["not json", '{"text": ""}', '{"txt": "x"}', '{"text": "' + "x" * 2001 + '"}'])
def test_chat_socket_reports_bad_frames_and_stays_open(client: TestClient, frame: str) -> None:
    token = sign_in(client)["token"]
    with chat_socket(client, token) as socket:
        socket.receive_json()
        socket.send_text(frame)
        error = socket.receive_json()
        assert error["type"] == "error"
        socket.send_json({"text": "still here"})
        assert socket.receive_json()["message"]["text"] == "still here"


@pytest.mark.parametrize(
    "first_frame",
    ['{"type": "auth", "token": "garbage"}', '{"type": "auth"}', '{"text": "hello"}', "not json"],
    ids=["garbage-token", "no-token", "message-before-auth", "not-json"],
)
def test_chat_socket_refuses_missing_or_invalid_token(client: TestClient, first_frame: str) -> None:
    with client.websocket_connect("/api/chat/ws") as socket, pytest.raises(WebSocketDisconnect) as closed:
        socket.send_text(first_frame)
        socket.receive_json()
    assert closed.value.code == 4401


def test_chat_socket_refuses_a_token_in_its_url(client: TestClient) -> None:
    token = sign_in(client)["token"]
    with (
        client.websocket_connect(f"/api/chat/ws?token={token}") as socket,
        pytest.raises(WebSocketDisconnect) as closed,
    ):
        socket.receive_json()
    assert closed.value.code == 4400
    assert "not in the URL" in closed.value.reason


def test_chat_socket_refuses_logged_out_token(client: TestClient) -> None:
    token = sign_in(client)["token"]
    client.post("/api/auth/logout", headers={"Authorization": f"Bearer {token}"})
    with chat_socket(client, token) as socket, pytest.raises(WebSocketDisconnect) as closed:
        socket.receive_json()
    assert closed.value.code == 4401


def test_chat_socket_is_closed_when_its_session_is_signed_out(client: TestClient) -> None:
    token = sign_in(client)["token"]
    with chat_socket(client, token) as socket:
        assert socket.receive_json()["type"] == "history"
        assert client.post("/api/auth/logout").status_code == 204
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()
    assert (closed.value.code, closed.value.reason) == (4401, "signed out")
    assert client.get("/api/chat/messages", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_chat_socket_is_closed_when_its_access_token_expires(app_factory: AppFactory) -> None:
    with TestClient(app_factory()) as client:
        body = sign_in(client)
        expiring = jwt.decode(body["token"], TEST_SECRET_KEY, algorithms=["HS256"])
        expiring["exp"] = int(time.time()) + 2
        short_lived = jwt.encode(expiring, TEST_SECRET_KEY, algorithm="HS256")
        with chat_socket(client, short_lived) as socket:
            assert socket.receive_json()["type"] == "history"
            with pytest.raises(WebSocketDisconnect) as closed:
                socket.receive_json()
    assert (closed.value.code, closed.value.reason) == (4401, "access token expired")


def test_chat_socket_stays_open_when_given_a_renewed_token(app_factory: AppFactory) -> None:
    with TestClient(app_factory()) as client:
        body = sign_in(client)
        expiring = jwt.decode(body["token"], TEST_SECRET_KEY, algorithms=["HS256"])
        expiring["exp"] = int(time.time()) + 2
        short_lived = jwt.encode(expiring, TEST_SECRET_KEY, algorithm="HS256")
        with chat_socket(client, short_lived) as socket:
            assert socket.receive_json()["type"] == "history"
            renewed = client.post("/api/auth/refresh").json()["token"]
            socket.send_json({"type": "auth", "token": renewed})
            time.sleep(3)
            socket.send_json({"text": "after the first token expired"})
            assert socket.receive_json()["message"]["text"] == "after the first token expired"


def test_chat_history_survives_a_restart(app_factory: AppFactory) -> None:
    mobile = random_mobile()
    with TestClient(app_factory()) as client:
        token = sign_in(client, mobile)["token"]
        client.post("/api/chat/messages", headers={"Authorization": f"Bearer {token}"}, json={"text": "kept"})
    with TestClient(app_factory()) as client:
        token = sign_in(client, mobile)["token"]
        history = client.get("/api/chat/messages", headers={"Authorization": f"Bearer {token}"})
    assert [m["text"] for m in history.json()] == ["kept"]
