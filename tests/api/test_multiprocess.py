"""Two API processes sharing one PostgreSQL and one Redis behave as one service."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from .conftest import TEST_SECRET_KEY, ServerStack, wipe_user_data
from .utils.auth import random_mobile, sign_in
from .utils.servers import serve_in_subprocess

pytestmark = pytest.mark.postgres


@pytest.fixture
def two_processes(server_stack: ServerStack, tmp_path: Path) -> Iterator[tuple[str, str]]:
    env = {
        "APP_ENV": "development",
        "SECRET_KEY": TEST_SECRET_KEY,
        "DATABASE_URL": server_stack.postgres_url,
        "REDIS_URL": server_stack.redis_url,
        "REFRESH_REUSE_GRACE_SECONDS": "0",
    }
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with (
        serve_in_subprocess(env, tmp_path / "a" / "api.log") as first,
        serve_in_subprocess(env, tmp_path / "b" / "api.log") as second,
    ):
        yield first, second
    from shop_api.core.db import create_db_engine

    engine = create_db_engine(server_stack.postgres_url)
    wipe_user_data(engine, server_stack.redis_url)
    engine.dispose()


@contextlib.contextmanager
def chat_socket(base_url: str, token: str) -> Iterator[ClientConnection]:
    with connect(f"{base_url.replace('http://', 'ws://')}/api/chat/ws") as socket:
        socket.send(json.dumps({"type": "auth", "token": token}))
        yield socket


def test_chat_message_crosses_two_api_processes(two_processes: tuple[str, str]) -> None:
    first, second = two_processes
    mobile = random_mobile()
    with httpx.Client(base_url=first) as http:
        token = sign_in(http, mobile)["token"]
    # The token from process one is accepted by process two: same secret, same database.
    with chat_socket(first, token) as on_first, chat_socket(second, token) as on_second:
        for socket in (on_first, on_second):
            assert json.loads(socket.recv(timeout=10))["type"] == "history"
        on_first.send(json.dumps({"text": "across processes"}))
        received = json.loads(on_second.recv(timeout=10))
        echoed = json.loads(on_first.recv(timeout=10))
    assert received["message"]["text"] == "across processes"
    assert echoed["message"]["id"] == received["message"]["id"]
    with httpx.Client(base_url=second) as http:
        history = http.get("/api/chat/messages", headers={"Authorization": f"Bearer {token}"})
    assert [m["text"] for m in history.json()] == ["across processes"]


def test_otp_rate_limit_is_shared_between_processes(two_processes: tuple[str, str]) -> None:
    mobile = random_mobile()
    statuses = []
    for attempt in range(6):
        base_url = two_processes[attempt % 2]
        statuses.append(httpx.post(f"{base_url}/api/auth/otp", json={"mobile": mobile}).status_code)
    assert statuses == [202] * 5 + [429]


def test_code_requested_on_one_process_verifies_on_the_other(
    two_processes: tuple[str, str],
) -> None:
    first, second = two_processes
    mobile = random_mobile()
    assert httpx.post(f"{first}/api/auth/otp", json={"mobile": mobile}).status_code == 202
    # The plaintext of a code lives only in the memory of the process that made it (dev only).
    code = httpx.get(f"{first}/api/dev/otp", params={"mobile": mobile}).json()["code"]
    assert httpx.get(f"{second}/api/dev/otp", params={"mobile": mobile}).status_code == 404
    response = httpx.post(f"{second}/api/auth/verify", json={"mobile": mobile, "code": code})
    assert response.status_code == 200


def test_a_logout_on_one_process_is_honoured_by_the_other_at_once(two_processes: tuple[str, str]) -> None:
    first, second = two_processes
    with httpx.Client(base_url=first) as browser:
        token = sign_in(browser, random_mobile())["token"]
        bearer = {"Authorization": f"Bearer {token}"}
        cookie = browser.cookies.get("myapp_session")
        assert cookie is not None
        with chat_socket(second, token) as socket:
            assert json.loads(socket.recv(timeout=10))["type"] == "history"
            assert httpx.get(f"{second}/api/me", headers=bearer).status_code == 200
            assert browser.post("/api/auth/logout").status_code == 204
            # The other process refuses the access token and the cookie straight away...
            assert httpx.get(f"{second}/api/me", headers=bearer).status_code == 401
            refresh = httpx.post(f"{second}/api/auth/refresh", cookies={"myapp_session": cookie})
            assert refresh.status_code == 401
            # ...and closes the socket it holds for that session (told through Redis).
            started = time.monotonic()
            with pytest.raises(ConnectionClosed) as closed:
                socket.recv(timeout=10)
            assert time.monotonic() - started < 5
    assert closed.value.rcvd is not None
    assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (4401, "signed out")


def test_a_credential_rotated_on_one_process_and_replayed_on_the_other_ends_the_session(
    two_processes: tuple[str, str],
) -> None:
    first, second = two_processes
    with httpx.Client(base_url=first) as browser:
        sign_in(browser, random_mobile())
        copied = browser.cookies.get("myapp_session")
        assert copied is not None
        rotated = browser.post("/api/auth/refresh")
        assert rotated.status_code == 200
        fresh_token = rotated.json()["token"]
        # The processes run with no grace period for racing tabs: any replay counts as theft.
        replay = httpx.post(f"{second}/api/auth/refresh", cookies={"myapp_session": copied})
        assert replay.status_code == 401
        assert "already used" in replay.json()["detail"]
        # The whole family is gone: the rightful browser's newer credential and token too.
        assert browser.post("/api/auth/refresh").status_code == 401
        assert httpx.get(f"{first}/api/me", headers={"Authorization": f"Bearer {fresh_token}"}).status_code == 401
