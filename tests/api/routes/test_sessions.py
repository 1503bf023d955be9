"""Sessions: the httpOnly refresh cookie, rotation with reuse detection, CSRF refusal, logout,
the list of signed-in sessions and "sign out everywhere"."""

from __future__ import annotations

import json
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import jwt
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from shop_api.core.config import FEDERATION_MANIFEST, Settings
from shop_api.core.security import create_access_token
from shop_api.core.session_cookie import cookie_is_secure
from shop_api.models import AuthSession, utcnow

from ..conftest import TEST_SECRET_KEY, AppFactory
from ..utils.auth import random_mobile, sign_in

COOKIE = "myapp_session"
CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def present(client: TestClient, cookie: str) -> None:
    """Make the client's next requests carry exactly this session cookie."""
    client.cookies.clear()
    client.cookies.set(COOKIE, cookie)


HINT = f"{COOKIE}_present"


def set_cookie_header(response: Any, name: str = COOKIE) -> str:
    """The one Set-Cookie header of an answer for the cookie `name`."""
    headers = [h for h in response.headers.get_list("set-cookie") if h.startswith(f"{name}=")]
    assert len(headers) == 1, response.headers.get_list("set-cookie")
    return str(headers[0])


def assert_cookie_cleared(response: Any) -> None:
    for name in (COOKIE, HINT):
        header = set_cookie_header(response, name)
        assert header.startswith(f'{name}=""') or header.startswith(f"{name}=;"), header
        assert "Max-Age=0" in header


def test_sign_in_sets_an_httponly_lax_cookie_for_every_path(client: TestClient) -> None:
    mobile = random_mobile()
    code = client.post("/api/auth/otp", json={"mobile": mobile})
    assert code.status_code == 202
    dev_code = client.get("/api/dev/otp", params={"mobile": mobile}).json()["code"]
    response = client.post("/api/auth/verify", json={"mobile": mobile, "code": dev_code})
    assert response.status_code == 200
    header = set_cookie_header(response)
    attributes = {part.strip().split("=")[0].lower() for part in header.split(";")[1:]}
    assert {"httponly", "path", "samesite", "max-age"} <= attributes
    assert "Path=/" in header and "SameSite=lax" in header
    assert f"Max-Age={30 * 24 * 3600}" in header
    # Plain http in development: a Secure cookie would never come back.
    assert "secure" not in attributes
    # The credential is in the cookie only, never in the body a page script can read.
    value = header.split(";")[0].split("=", 1)[1]
    assert value not in response.text
    # Beside it, a hint that scripts may read: it says a session exists and holds no secret.
    hint = set_cookie_header(response, HINT)
    assert hint.startswith(f"{HINT}=1;")
    assert "HttpOnly" not in hint and f"Max-Age={30 * 24 * 3600}" in hint


@pytest.mark.parametrize(
    ("app_env", "scheme", "override", "secure"),
    [
        ("production", "http", None, True),
        ("production", "https", None, True),
        ("development", "https", None, True),
        ("development", "http", None, False),
        ("development", "http", True, True),
    ],
)
def test_cookie_is_secure_in_production_and_over_https(
    app_env: str, scheme: str, override: bool | None, secure: bool
) -> None:
    settings = Settings(APP_ENV=app_env, SECRET_KEY=TEST_SECRET_KEY, SESSION_COOKIE_SECURE=override)  # type: ignore[arg-type]
    request: Any = SimpleNamespace(url=SimpleNamespace(scheme=scheme))
    assert cookie_is_secure(settings, request) is secure


def test_refresh_rotates_the_credential_and_issues_a_new_access_token(client: TestClient) -> None:
    body = sign_in(client)
    first = client.cookies[COOKIE]
    response = client.post("/api/auth/refresh")
    assert response.status_code == 200
    renewed = response.json()
    assert renewed["user"] == body["user"]
    assert renewed["token"] != body["token"]
    assert client.cookies[COOKIE] != first
    assert client.cookies[COOKIE].split(".")[0] == first.split(".")[0]  # same session
    assert client.get("/api/me", headers=bearer(renewed["token"])).status_code == 200


def test_reused_credential_revokes_the_whole_session(app_factory: AppFactory) -> None:
    with TestClient(app_factory(REFRESH_REUSE_GRACE_SECONDS=0)) as client:
        first_token = sign_in(client)["token"]
        copied = client.cookies[COOKIE]
        rotated = client.post("/api/auth/refresh")
        assert rotated.status_code == 200
        newest = client.cookies[COOKIE]
        present(client, copied)
        replay = client.post("/api/auth/refresh")
        assert replay.status_code == 401
        assert "already used" in replay.json()["detail"]
        assert_cookie_cleared(replay)
        # Every credential and token of that session is refused now, the rightful newest one too.
        present(client, newest)
        assert client.post("/api/auth/refresh").status_code == 401
        for token in (first_token, rotated.json()["token"]):
            assert client.get("/api/me", headers=bearer(token)).status_code == 401


def test_a_tab_that_lost_a_refresh_race_gets_a_token_without_a_cookie(client: TestClient) -> None:
    sign_in(client)
    shared = client.cookies[COOKIE]
    winner = client.post("/api/auth/refresh")
    assert winner.status_code == 200
    newest = client.cookies[COOKIE]
    present(client, shared)
    loser = client.post("/api/auth/refresh")
    assert loser.status_code == 200
    assert loser.headers.get("set-cookie") is None
    assert client.get("/api/me", headers=bearer(loser.json()["token"])).status_code == 200
    present(client, newest)
    assert client.post("/api/auth/refresh").status_code == 200


def test_an_expired_session_is_refused_and_forgotten(client: TestClient, db_engine: Engine) -> None:
    token = sign_in(client)["token"]
    session_id = client.cookies[COOKIE].split(".")[0]
    with Session(db_engine) as db:
        db.execute(
            update(AuthSession).where(AuthSession.id == session_id).values(expires_at=utcnow() - timedelta(seconds=1))
        )
        db.commit()
    response = client.post("/api/auth/refresh")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]
    assert_cookie_cleared(response)
    assert client.get("/api/me", headers=bearer(token)).status_code == 401


@pytest.mark.parametrize(
    ("cookie", "message"),
    [
        (None, "No session cookie"),
        ("garbage", "malformed"),
        ("0" * 32 + "." + "A" * 43, "does not exist"),
        ("0" * 32 + "." + "A" * 42 + "\u00e9", "malformed"),
        ("." * 200, "malformed"),
    ],
    ids=["missing", "garbage", "unknown-session", "non-ascii", "dots"],
)
def test_refresh_refuses_bad_cookies_with_401_and_clears_them(
    client: TestClient, cookie: str | None, message: str
) -> None:
    headers: dict[str, bytes] = {"Cookie": f"{COOKIE}={cookie}".encode()} if cookie is not None else {}
    response = client.post("/api/auth/refresh", headers=headers)
    assert response.status_code == 401
    assert message in response.json()["detail"]
    assert_cookie_cleared(response)


def test_a_revoked_session_cannot_refresh(client: TestClient) -> None:
    sign_in(client)
    cookie = client.cookies[COOKIE]
    assert client.post("/api/auth/logout").status_code == 204
    present(client, cookie)
    response = client.post("/api/auth/refresh")
    assert response.status_code == 401
    assert "signed out" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/auth/refresh", "/api/auth/logout"])
@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "http://localhost:3999", "Sec-Fetch-Site": "same-site"},
    ],
    ids=["foreign-origin", "opaque-origin", "cross-site", "cross-site-no-origin", "unknown-port"],
)
def test_cookie_only_endpoints_refuse_other_origins(client: TestClient, path: str, headers: dict[str, str]) -> None:
    token = sign_in(client)["token"]
    response = client.post(path, headers=headers)
    assert response.status_code == 403
    assert "Cross-origin request refused" in response.json()["detail"]
    # Nothing happened: the session is still signed in and the cookie still refreshes.
    assert client.get("/api/me", headers=bearer(token)).status_code == 200
    assert client.post("/api/auth/refresh").status_code == 200


# Ports of the federation's apps, read from the manifest the API reads.
APP_PORTS = {name: app["port"] for name, app in json.loads(FEDERATION_MANIFEST.read_text())["apps"].items()}
HOST_PORT, AUTH_PORT, ACCOUNT_PORT = APP_PORTS["main"], APP_PORTS["auth"], APP_PORTS["account"]


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin", "Origin": f"http://localhost:{HOST_PORT}"},
        {"Sec-Fetch-Site": "same-origin"},
        # A remote standalone on its own port calling the API directly: same site, another origin.
        {"Sec-Fetch-Site": "same-site", "Origin": f"http://localhost:{ACCOUNT_PORT}"},
        {"Origin": f"http://127.0.0.1:{AUTH_PORT}"},
    ],
    ids=["host", "same-origin", "standalone-remote", "loopback-address"],
)
def test_cookie_only_endpoints_accept_the_federations_origins(client: TestClient, headers: dict[str, str]) -> None:
    sign_in(client)
    assert client.post("/api/auth/refresh", headers=headers).status_code == 200


def test_sign_in_from_another_origin_is_refused(client: TestClient) -> None:
    mobile = random_mobile()
    client.post("/api/auth/otp", json={"mobile": mobile})
    code = client.get("/api/dev/otp", params={"mobile": mobile}).json()["code"]
    response = client.post(
        "/api/auth/verify", json={"mobile": mobile, "code": code}, headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403
    assert COOKIE not in client.cookies


def test_cors_allows_credentials_for_federation_origins_only(client: TestClient) -> None:
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    origin = f"http://localhost:{ACCOUNT_PORT}"
    allowed = client.options("/api/auth/refresh", headers={"Origin": origin, **preflight})
    assert allowed.headers["access-control-allow-origin"] == origin
    assert allowed.headers["access-control-allow-credentials"] == "true"
    refused = client.options("/api/auth/refresh", headers={"Origin": "https://evil.example", **preflight})
    assert "access-control-allow-origin" not in refused.headers


@pytest.mark.parametrize("setting", ["ALLOWED_ORIGINS", "FEDERATION_ORIGIN"])
def test_extra_allowed_origins_come_from_the_settings(app_factory: AppFactory, setting: str) -> None:
    with TestClient(app_factory(**{setting: "https://edge.example:8443"})) as client:
        sign_in(client)
        assert client.post("/api/auth/refresh", headers={"Origin": "https://edge.example:8443"}).status_code == 200
        assert client.post("/api/auth/refresh", headers={"Origin": "https://other.example"}).status_code == 403


def test_logout_with_the_cookie_alone_revokes_the_session(client: TestClient) -> None:
    token = sign_in(client)["token"]
    response = client.post("/api/auth/logout")
    assert response.status_code == 204
    assert_cookie_cleared(response)
    assert client.get("/api/me", headers=bearer(token)).status_code == 401


def test_an_access_token_expires(app_factory: AppFactory) -> None:
    with TestClient(app_factory(ACCESS_TOKEN_EXPIRE_MINUTES=1)) as client:
        body = sign_in(client)
    assert body["expiresIn"] == 60


def test_sessions_are_listed_with_device_and_last_seen(client: TestClient) -> None:
    mobile = random_mobile()
    client.headers["User-Agent"] = FIREFOX
    sign_in(client, mobile)
    client.headers["User-Agent"] = CHROME
    token = sign_in(client, mobile)["token"]
    response = client.get("/api/auth/sessions", headers=bearer(token))
    assert response.status_code == 200
    sessions = response.json()
    assert [s["device"] for s in sessions] == ["Chrome on Linux", "Firefox on Windows"]
    assert [s["current"] for s in sessions] == [True, False]
    assert set(sessions[0]) == {"id", "device", "createdAt", "lastSeenAt", "expiresAt", "current"}
    # Someone else's sessions are not in my list.
    assert len(client.get("/api/auth/sessions", headers=bearer(sign_in(client)["token"])).json()) == 1


def test_sign_out_everywhere_revokes_every_session_of_the_user(client: TestClient) -> None:
    mobile = random_mobile()
    tokens = [sign_in(client, mobile)["token"] for _ in range(3)]
    bystander = sign_in(client)["token"]
    response = client.delete("/api/auth/sessions", headers=bearer(tokens[0]))
    assert response.status_code == 204
    assert_cookie_cleared(response)
    for token in tokens:
        assert client.get("/api/me", headers=bearer(token)).status_code == 401
    assert client.get("/api/me", headers=bearer(bystander)).status_code == 200


def test_one_session_can_be_signed_out_from_another(client: TestClient) -> None:
    mobile = random_mobile()
    lost_phone = sign_in(client, mobile)["token"]
    here = sign_in(client, mobile)["token"]
    sessions = client.get("/api/auth/sessions", headers=bearer(here)).json()
    [other] = [s for s in sessions if not s["current"]]
    assert client.delete(f"/api/auth/sessions/{other['id']}", headers=bearer(here)).status_code == 204
    assert client.get("/api/me", headers=bearer(lost_phone)).status_code == 401
    assert client.get("/api/me", headers=bearer(here)).status_code == 200
    stranger = sign_in(client)["token"]
    mine = client.get("/api/auth/sessions", headers=bearer(here)).json()[0]["id"]
    refused = client.delete(f"/api/auth/sessions/{mine}", headers=bearer(stranger))
    assert refused.status_code == 404
    assert client.delete("/api/auth/sessions/not-an-id", headers=bearer(here)).status_code == 422


# The endpoints that check the session inside their one database turn (shop_api.api.deps.in_session).
SIGNED_IN_ENDPOINTS = [
    ("GET", "/api/cart", None),
    ("POST", "/api/cart/items", {"productId": "rose-lip-balm", "qty": 1}),
    ("DELETE", "/api/cart", None),
    ("GET", "/api/me", None),
    ("PATCH", "/api/me", {"firstName": "Mallory"}),
    ("GET", "/api/tickets", None),
    ("POST", "/api/tickets", {"subject": "Hello", "message": "Is anyone there?"}),
]


@pytest.mark.parametrize(("method", "path", "body"), SIGNED_IN_ENDPOINTS)
def test_a_signed_out_token_is_refused_and_changes_nothing(
    client: TestClient, db_engine: Engine, method: str, path: str, body: dict[str, Any] | None
) -> None:
    token = sign_in(client)["token"]
    assert client.request(method, path, headers=bearer(token), json=body).status_code in (200, 201)
    before = client.get("/api/cart", headers=bearer(token)).json(), client.get("/api/me", headers=bearer(token)).json()
    tickets = client.get("/api/tickets", headers=bearer(token)).json()
    session_id = client.cookies[COOKIE].split(".")[0]
    with Session(db_engine) as db:
        db.execute(update(AuthSession).where(AuthSession.id == session_id).values(revoked_at=utcnow()))
        db.commit()
    refused = client.request(method, path, headers=bearer(token), json=body)
    assert refused.status_code == 401
    assert refused.headers["WWW-Authenticate"] == "Bearer"
    assert refused.json()["detail"] == "The access token is invalid, expired or logged out; sign in again."
    # A fresh session of the same user sees what the refused request would have changed: nothing.
    fresh = bearer(sign_in(client, before[1]["phoneNumber"])["token"])
    assert (client.get("/api/cart", headers=fresh).json(), client.get("/api/me", headers=fresh).json()) == before
    assert client.get("/api/tickets", headers=fresh).json() == tickets


@pytest.mark.parametrize(("method", "path", "body"), SIGNED_IN_ENDPOINTS)
def test_a_token_naming_another_users_session_is_refused(
    client: TestClient, method: str, path: str, body: dict[str, Any] | None
) -> None:
    sign_in(client)
    victim_session = client.cookies[COOKIE].split(".")[0]
    attacker_id = int(jwt.decode(sign_in(client)["token"], options={"verify_signature": False})["sub"])
    # Validly signed (the attacker would need the secret, but the check must not rely on it alone).
    forged = create_access_token(attacker_id, victim_session, TEST_SECRET_KEY, 5).token
    assert client.request(method, path, headers=bearer(forged), json=body).status_code == 401
