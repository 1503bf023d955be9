"""POST /api/auth/otp, /api/auth/verify and /api/auth/logout."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from shop_api.models import OtpCode, User, utcnow

from ..conftest import TEST_SECRET_KEY, AppFactory
from ..utils.auth import random_mobile, request_code, sign_in


def test_request_otp_returns_normalized_mobile_and_expiry(client: TestClient) -> None:
    response = client.post("/api/auth/otp", json={"mobile": "+91 98765-43210"})
    assert response.status_code == 202
    assert response.json() == {"mobile": "+919876543210", "expiresIn": 300}


@pytest.mark.parametrize(
    "mobile", ["12345", "+0123456789012", "98765abcde", "+91 98765 43210 12345 6", "", "++919876543210"]
)
def test_request_otp_rejects_malformed_mobile(client: TestClient, mobile: str) -> None:
    response = client.post("/api/auth/otp", json={"mobile": mobile})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "mobile"]


def test_request_otp_rejects_invalid_json(client: TestClient) -> None:
    response = client.post("/api/auth/otp", content=b'{"mobile": ', headers={"Content-Type": "application/json"})
    assert response.status_code == 422


def test_request_otp_stores_only_a_hash(client: TestClient, db_engine: Engine) -> None:
    mobile = random_mobile()
    code = request_code(client, mobile)
    with Session(db_engine) as session:
        otp = session.scalars(select(OtpCode).where(OtpCode.mobile == mobile)).one()
    assert code not in otp.code_hash
    assert len(otp.code_hash) == 64
    assert not hasattr(otp, "code")


def test_request_otp_rate_limited_per_number(client: TestClient) -> None:
    mobile = random_mobile()
    for _ in range(5):
        assert client.post("/api/auth/otp", json={"mobile": mobile}).status_code == 202
    response = client.post("/api/auth/otp", json={"mobile": mobile})
    assert response.status_code == 429
    assert "for this number" in response.json()["detail"]
    assert int(response.headers["Retry-After"]) > 0


def test_request_otp_rate_limited_per_address(app_factory: AppFactory) -> None:
    with TestClient(app_factory(OTP_RATE_LIMIT_PER_ADDRESS=3)) as client:
        for _ in range(3):
            assert client.post("/api/auth/otp", json={"mobile": random_mobile()}).status_code == 202
        response = client.post("/api/auth/otp", json={"mobile": random_mobile()})
    assert response.status_code == 429
    assert "from your address" in response.json()["detail"]


def test_verify_otp_returns_token_and_user(client: TestClient) -> None:
    mobile = random_mobile()
    body = sign_in(client, mobile)
    assert body["tokenType"] == "bearer"
    assert body["expiresIn"] == 3600
    assert body["user"]["phoneNumber"] == mobile
    assert set(body["user"]) == {
        "id",
        "firstName",
        "lastName",
        "name",
        "email",
        "phoneNumber",
        "avatarUrl",
        "address",
    }
    claims = jwt.decode(body["token"], TEST_SECRET_KEY, algorithms=["HS256"])
    assert claims["sub"] == str(body["user"]["id"])
    assert claims["exp"] - claims["iat"] == 3600


def test_verify_otp_creates_the_user_only_once(client: TestClient, db_engine: Engine) -> None:
    mobile = random_mobile()
    first = sign_in(client, mobile)
    second = sign_in(client, mobile)
    assert first["user"]["id"] == second["user"]["id"]
    with Session(db_engine) as session:
        assert len(session.scalars(select(User).where(User.phone_number == mobile)).all()) == 1


def test_verify_otp_without_request(client: TestClient) -> None:
    response = client.post("/api/auth/verify", json={"mobile": random_mobile(), "code": "123456"})
    assert response.status_code == 400
    assert "No code was requested" in response.json()["detail"]


@pytest.mark.parametrize("code", ["12345", "1234567", "12a456", ""])
def test_verify_otp_rejects_malformed_code(client: TestClient, code: str) -> None:
    response = client.post("/api/auth/verify", json={"mobile": random_mobile(), "code": code})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "code"]


def wrong_code(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_verify_otp_wrong_code_counts_down_attempts(client: TestClient) -> None:
    mobile = random_mobile()
    code = request_code(client, mobile)
    response = client.post("/api/auth/verify", json={"mobile": mobile, "code": wrong_code(code)})
    assert response.status_code == 400
    assert response.json()["detail"] == "Wrong code; 4 attempts left."


def test_verify_otp_five_wrong_tries_burn_the_code(client: TestClient) -> None:
    mobile = random_mobile()
    code = request_code(client, mobile)
    for _ in range(5):
        bad = client.post("/api/auth/verify", json={"mobile": mobile, "code": wrong_code(code)})
        assert bad.status_code == 400
    response = client.post("/api/auth/verify", json={"mobile": mobile, "code": code})
    assert response.status_code == 400
    assert "Too many wrong attempts" in response.json()["detail"]


def test_verify_otp_code_is_single_use(client: TestClient) -> None:
    mobile = random_mobile()
    code = request_code(client, mobile)
    assert client.post("/api/auth/verify", json={"mobile": mobile, "code": code}).status_code == 200
    response = client.post("/api/auth/verify", json={"mobile": mobile, "code": code})
    assert response.status_code == 400
    assert "already used" in response.json()["detail"]


def test_verify_otp_expired_code(client: TestClient, db_engine: Engine) -> None:
    mobile = random_mobile()
    code = request_code(client, mobile)
    with Session(db_engine) as session:
        session.execute(
            update(OtpCode).where(OtpCode.mobile == mobile).values(expires_at=utcnow() - timedelta(seconds=1))
        )
        session.commit()
    response = client.post("/api/auth/verify", json={"mobile": mobile, "code": code})
    assert response.status_code == 400
    assert "expired" in response.json()["detail"]


def test_verify_otp_only_latest_code_counts(client: TestClient) -> None:
    mobile = random_mobile()
    old = request_code(client, mobile)
    new = request_code(client, mobile)
    if old != new:
        stale = client.post("/api/auth/verify", json={"mobile": mobile, "code": old})
        assert stale.status_code == 400
    assert client.post("/api/auth/verify", json={"mobile": mobile, "code": new}).status_code == 200


def test_logout_revokes_the_token(client: TestClient) -> None:
    mobile = random_mobile()
    token = sign_in(client, mobile)["token"]
    other_token = sign_in(client, mobile)["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/me", headers=headers).status_code == 200
    assert client.post("/api/auth/logout", headers=headers).status_code == 204
    assert client.get("/api/me", headers=headers).status_code == 401
    # Logging out one session leaves the user's other sessions signed in.
    assert client.get("/api/me", headers={"Authorization": f"Bearer {other_token}"}).status_code == 200


def test_logout_requires_a_token(client: TestClient) -> None:
    assert client.post("/api/auth/logout").status_code == 401


@pytest.mark.parametrize(
    "token",
    [
        "not-a-jwt",
        jwt.encode(
            {"sub": "1", "exp": 9999999999, "jti": "x"}, "another-key-of-sufficient-length-000", algorithm="HS256"
        ),
        jwt.encode({"sub": "1", "exp": 1, "jti": "x"}, TEST_SECRET_KEY, algorithm="HS256"),
        jwt.encode({"sub": "not-a-number", "exp": 9999999999, "jti": "x"}, TEST_SECRET_KEY, algorithm="HS256"),
    ],
    ids=["garbage", "wrong-key", "expired", "bad-subject"],
)
def test_protected_route_rejects_bad_tokens(client: TestClient, token: str) -> None:
    response = client.get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
