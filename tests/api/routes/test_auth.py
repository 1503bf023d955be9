"""POST /api/auth/otp, /api/auth/verify and /api/auth/logout."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import jwt
import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from shop_api.models import OtpCode, User, utcnow

from ..conftest import TEST_SECRET_KEY, AppFactory
from ..utils.auth import random_mobile, request_code, sign_in


def test_request_otp_returns_normalized_mobile_and_expiry(client: TestClient) -> None:
    response = client.post("/api/auth/otp", json={"mobile": "+91 98765-43210"})
    assert response.status_code == 202
    assert response.json() == {"mobile": "+919876543210", "expiresIn": 300}


@pytest.mark.parametrize("typed", ["+919876543211", "919876543211", "+91 98765 43211", "91-98765-43211"])
def test_numbers_are_normalised_to_e164_so_one_account_has_one_budget(
    app_factory: AppFactory, db_engine: Engine, typed: str
) -> None:
    with TestClient(app_factory()) as client:
        assert client.post("/api/auth/otp", json={"mobile": typed}).json()["mobile"] == "+919876543211"
        code = client.get("/api/dev/otp", params={"mobile": "+919876543211"}).json()["code"]
        body = client.post("/api/auth/verify", json={"mobile": typed, "code": code}).json()
    assert body["user"]["phoneNumber"] == "+919876543211"
    with Session(db_engine) as session:
        assert session.scalars(select(OtpCode.mobile).where(OtpCode.mobile.like("%9876543211"))).all() == [
            "+919876543211"
        ]


def test_the_with_and_without_plus_forms_share_one_request_budget(client: TestClient) -> None:
    mobile = random_mobile()
    forms = [mobile, mobile.removeprefix("+")] * 3
    statuses = [client.post("/api/auth/otp", json={"mobile": form}).status_code for form in forms]
    assert statuses == [202] * 5 + [429]


@pytest.mark.parametrize(
    "mobile",
    [
        "12345",
        "+0123456789012",
        "98765abcde",
        "+91 98765 43210 12345 6",
        "",
        "++919876543210",
        # Arabic-Indic digits: phonenumbers would quietly read them as ASCII.
        "+91 \u0669\u0668\u0667\u0666\u0665\u0664\u0663\u0662\u0661\u0660",
        "+1 800 FLOWERS",  # letters: phonenumbers would dial them
        "+91 98765",  # a real country code, far too short for it
    ],
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
    with TestClient(app_factory(OTP_REQUEST_RATE_PER_ADDRESS="3/10 minutes")) as client:
        for _ in range(3):
            assert client.post("/api/auth/otp", json={"mobile": random_mobile()}).status_code == 202
        response = client.post("/api/auth/otp", json={"mobile": random_mobile()})
    assert response.status_code == 429
    assert "from your address" in response.json()["detail"]
    assert int(response.headers["Retry-After"]) > 0


def test_verify_otp_returns_token_and_user(client: TestClient) -> None:
    mobile = random_mobile()
    body = sign_in(client, mobile)
    assert body["tokenType"] == "bearer"
    assert body["expiresIn"] == 300
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
    assert claims["exp"] - claims["iat"] == 300


def test_verify_otp_creates_the_user_only_once(client: TestClient, db_engine: Engine) -> None:
    mobile = random_mobile()
    first = sign_in(client, mobile)
    second = sign_in(client, mobile)
    assert first["user"]["id"] == second["user"]["id"]
    with Session(db_engine) as session:
        assert len(session.scalars(select(User).where(User.phone_number == mobile)).all()) == 1


UNIFORM_REFUSAL = "code: the code is wrong, used or expired; check it or request a new one."


def test_verify_otp_without_request(client: TestClient) -> None:
    response = client.post("/api/auth/verify", json={"mobile": random_mobile(), "code": "123456"})
    assert response.status_code == 400
    assert response.json()["detail"] == UNIFORM_REFUSAL


# Arabic-Indic and fullwidth digits: `\d` would take them, no SMS gateway sends them.
ARABIC_INDIC_CODE = "\u0661\u0662\u0663\u0664\u0665\u0666"
FULLWIDTH_CODE = "\uff11\uff12\uff13\uff14\uff15\uff16"


@pytest.mark.parametrize("code", ["12345", "1234567", "12a456", "", ARABIC_INDIC_CODE, FULLWIDTH_CODE])
def test_verify_otp_rejects_malformed_code(client: TestClient, code: str) -> None:
    response = client.post("/api/auth/verify", json={"mobile": random_mobile(), "code": code})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "code"]


def wrong_code(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_verify_otp_wrong_code_reads_like_every_other_refusal(client: TestClient) -> None:
    mobile = random_mobile()
    code = request_code(client, mobile)
    response = client.post("/api/auth/verify", json={"mobile": mobile, "code": wrong_code(code)})
    assert response.status_code == 400
    assert response.json()["detail"] == UNIFORM_REFUSAL


def verify_from(app: Any, address: str, mobile: str, code: str) -> Response:
    with TestClient(app, client=(address, 50000)) as client:
        return client.post("/api/auth/verify", json={"mobile": mobile, "code": code})


def test_an_attackers_guesses_are_limited_and_leave_the_owners_code_working(app_factory: AppFactory) -> None:
    app = app_factory()
    mobile = random_mobile()
    with TestClient(app, client=("203.0.113.1", 50000)) as owner:
        code = request_code(owner, mobile)
        attacker = [verify_from(app, "198.51.100.7", mobile, wrong_code(code)) for _ in range(6)]
        assert [r.status_code for r in attacker] == [400] * 5 + [429]
        assert attacker[-1].json()["detail"].startswith("Sign-in attempts for this number: the limit is 5/10 minutes")
        assert int(attacker[-1].headers["Retry-After"]) > 0
        # Five wrong guesses from elsewhere neither burned the code nor spent the owner's budget.
        assert owner.post("/api/auth/verify", json={"mobile": mobile, "code": code}).status_code == 200


def test_a_code_burns_after_max_attempts_from_everyone_together(app_factory: AppFactory) -> None:
    app = app_factory(OTP_MAX_ATTEMPTS=4)
    mobile = random_mobile()
    with TestClient(app, client=("203.0.113.1", 50000)) as owner:
        code = request_code(owner, mobile)
    for address in ("198.51.100.1", "198.51.100.2"):
        for _ in range(2):
            assert verify_from(app, address, mobile, wrong_code(code)).status_code == 400
    response = verify_from(app, "203.0.113.1", mobile, code)
    assert response.status_code == 400
    assert response.json()["detail"] == UNIFORM_REFUSAL


def test_guesses_are_limited_per_address_across_numbers(app_factory: AppFactory) -> None:
    app = app_factory(OTP_VERIFY_RATE_PER_ADDRESS="3/10 minutes")
    statuses = [verify_from(app, "198.51.100.9", random_mobile(), "123456").status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]


def test_code_requests_for_a_victims_number_from_one_address_do_not_lock_the_owner_out(
    app_factory: AppFactory,
) -> None:
    app = app_factory()
    mobile = random_mobile()
    with TestClient(app, client=("198.51.100.7", 50000)) as attacker:
        statuses = [attacker.post("/api/auth/otp", json={"mobile": mobile}).status_code for _ in range(6)]
    assert statuses == [202] * 5 + [429]
    with TestClient(app, client=("203.0.113.1", 50000)) as owner:
        assert owner.post("/api/auth/otp", json={"mobile": mobile}).status_code == 202


def test_code_requests_per_number_have_a_ceiling_across_addresses(app_factory: AppFactory) -> None:
    app = app_factory(OTP_REQUEST_RATE_PER_NUMBER="3/hour")
    mobile = random_mobile()
    statuses = []
    for n in range(4):
        with TestClient(app, client=(f"198.51.100.{n + 1}", 50000)) as client:
            statuses.append(client.post("/api/auth/otp", json={"mobile": mobile}))
    assert [r.status_code for r in statuses] == [202, 202, 202, 429]
    assert "Code requests for this number: the limit is 3/hour" in statuses[-1].json()["detail"]


def test_verify_otp_code_is_single_use(client: TestClient) -> None:
    mobile = random_mobile()
    code = request_code(client, mobile)
    assert client.post("/api/auth/verify", json={"mobile": mobile, "code": code}).status_code == 200
    response = client.post("/api/auth/verify", json={"mobile": mobile, "code": code})
    assert response.status_code == 400
    assert response.json()["detail"] == UNIFORM_REFUSAL


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
    assert response.json()["detail"] == UNIFORM_REFUSAL


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
    # The bearer token alone names the session here (the jar holds the other sign-in's cookie).
    client.cookies.clear()
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
