"""Input that cannot crash: any JSON a client sends gets a 4xx naming the field, never a 500.

A lone surrogate ("\\ud800") passed validation into the database, or failed validation and then
broke the encoder of the error body that echoes it; 1e309 and NaN did the second. Raw JSON text
is sent, since a Python client cannot even encode these strings.
"""

from __future__ import annotations

import json

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from .conftest import AppFactory
from .utils.auth import auth_headers, chat_socket

SURROGATE = '"\\ud800x"'  # JSON text of a string holding a lone high surrogate


def post_raw(client: TestClient, method: str, path: str, body: str, headers: dict[str, str]) -> dict:
    response = client.request(
        method, path, content=body.encode("ascii"), headers={**headers, "Content-Type": "application/json"}
    )
    assert response.status_code == 422, response.text
    # The body is JSON that decodes, and it escapes what it echoes.
    parsed = json.loads(response.content)
    assert isinstance(parsed, dict)
    return parsed


@pytest.mark.parametrize(
    ("method", "path", "body", "field", "signed_in"),
    [
        ("POST", "/api/auth/otp", '{"mobile": %s}', "mobile", False),
        ("POST", "/api/auth/verify", '{"mobile": "+919876543210", "code": %s}', "code", False),
        ("POST", "/api/cart/items", '{"productId": %s}', "productId", True),
        ("POST", "/api/cart/coupon", '{"code": %s}', "code", True),
        ("POST", "/api/tickets", '{"subject": %s, "message": "hello"}', "subject", True),
        ("PATCH", "/api/me", '{"firstName": %s}', "firstName", True),
        ("POST", "/api/chat/messages", '{"text": %s}', "text", True),
    ],
)
def test_a_lone_surrogate_is_a_422_naming_the_field(
    client: TestClient, method: str, path: str, body: str, field: str, signed_in: bool
) -> None:
    headers = auth_headers(client) if signed_in else {}
    parsed = post_raw(client, method, path, body % SURROGATE, headers)
    [issue] = parsed["detail"]
    assert issue["loc"] == ["body", field]
    if issue["msg"].startswith("Value error"):
        assert "lone surrogates" in issue["msg"]
        assert issue["input"] == "\\ud800x"


@pytest.mark.parametrize("number", ["1e309", "-1e309", "NaN", "Infinity"])
def test_non_finite_numbers_are_a_422_naming_the_field(client: TestClient, number: str) -> None:
    body = '{"productId": "rose-lip-balm", "qty": ' + number + "}"
    parsed = post_raw(client, "POST", "/api/cart/items", body, auth_headers(client))
    [issue] = parsed["detail"]
    assert issue["loc"] == ["body", "qty"]
    assert issue["input"] in ("inf", "-inf", "nan")


def test_an_unknown_field_holding_nan_is_named_and_echoed_as_text(client: TestClient) -> None:
    parsed = post_raw(client, "POST", "/api/auth/otp", '{"mobile": "+919876543210", "extra": NaN}', {})
    [issue] = parsed["detail"]
    assert issue["loc"] == ["body", "extra"]
    assert issue["input"] == "nan"


def test_a_surrogate_in_a_chat_frame_is_reported_and_the_socket_stays_open(client: TestClient) -> None:
    token = auth_headers(client)["Authorization"].removeprefix("Bearer ")
    with chat_socket(client, token) as socket:
        socket.receive_json()
        socket.send_text('{"text": ' + SURROGATE + "}")
        error = socket.receive_json()
        assert error["type"] == "error"
        assert error["detail"] == "text: Value error, must be valid Unicode text (no lone surrogates)"
        socket.send_json({"text": "still here"})
        assert socket.receive_json()["message"]["text"] == "still here"


def test_a_blank_ticket_subject_is_refused(client: TestClient) -> None:
    response = client.post("/api/tickets", headers=auth_headers(client), json={"subject": " \t ", "message": "hi"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "subject"]


def test_an_unexpected_error_is_a_500_that_says_the_connection_closes(app_factory: AppFactory) -> None:
    app: FastAPI = app_factory()

    @app.get("/api/test-crash")
    def crash() -> None:
        raise RuntimeError("boom")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/test-crash")
    assert response.status_code == 500
    assert response.json() == {"detail": "Internal server error."}
    assert response.headers["connection"] == "close"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/api/products/%ED%A0%80", 404),  # an encoded surrogate: decodes to replacement characters
        ("/api/products/%FF%FE", 404),  # not UTF-8 at all
        ("/api/products?q=%ED%A0%80%FF", 200),
        ("/api/products?pageSize=1e309", 422),
        ("/api/products?page=NaN", 422),
        ("/api/tickets/1e309", 422),
    ],
)
def test_any_bytes_in_a_path_or_query_get_an_answer_not_a_500(client: TestClient, url: str, expected: int) -> None:
    headers = auth_headers(client) if url.startswith("/api/tickets") else {}
    response = client.get(url, headers=headers)
    assert response.status_code == expected, response.text
    json.loads(response.content)


def test_bytes_that_are_not_text_in_a_header_get_a_401_not_a_500(client: TestClient) -> None:
    response = client.get("/api/me", headers={"Authorization": b"Bearer \xff\xfe\x80"})
    assert response.status_code == 401
