"""One-time codes and access tokens."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
import phonenumbers

ALGORITHM = "HS256"
# [0-9], not \d: Python's \d also matches other scripts' digits, which no SMS gateway accepts
# (and phonenumbers would silently turn them, and letters, into ASCII digits).
MOBILE_PATTERN = re.compile(r"^\+?[1-9][0-9]{9,14}$")
# What a client may send: MOBILE_PATTERN with spaces and dashes anywhere (published in OpenAPI).
MOBILE_INPUT_PATTERN = r"^[ -]*(\+[ -]*)?[1-9]([ -]*[0-9]){9,14}[ -]*$"
MOBILE_RULE = "must be a mobile number in international form: + (optional), country code and number, 10 to 15 digits"


def normalize_mobile(raw: str) -> str:
    """The number in E.164 (`+919876543210`), or ValueError saying what is wrong.

    Everything is keyed on this form (users, codes, rate limits), so `+91 98765-43210`,
    `919876543210` and `+919876543210` are one account with one budget. A number without `+`
    is read as international (country code first): the shop serves every country.
    """
    compact = raw.replace(" ", "").replace("-", "")
    if not MOBILE_PATTERN.fullmatch(compact):
        raise ValueError(MOBILE_RULE)
    try:
        number = phonenumbers.parse("+" + compact.removeprefix("+"), None)
    except phonenumbers.NumberParseException:
        raise ValueError(MOBILE_RULE) from None
    # Possible (right length for its country), not "valid": validity data goes stale every month
    # and the fictional ranges that tests and demos use (+1 555 01xx) are not "valid".
    if not phonenumbers.is_possible_number(number):
        raise ValueError(f"{MOBILE_RULE}; this one has the wrong length for its country code")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def generate_otp() -> str:
    """Six random digits from the OS's CSPRNG (leading zeros allowed)."""
    return f"{secrets.randbelow(1_000_000):06d}"


def hash_otp(code: str, mobile: str, secret_key: str) -> str:
    """Key the hash with the secret and bind it to the number, so a table leak gives nothing away."""
    message = f"{mobile}:{code}".encode()
    return hmac.new(secret_key.encode(), message, hashlib.sha256).hexdigest()


def otp_matches(code: str, mobile: str, secret_key: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_otp(code, mobile, secret_key), stored_hash)


@dataclass(frozen=True)
class AccessToken:
    token: str
    jti: str
    expires_at: datetime


def create_access_token(user_id: int, session_id: str, secret_key: str, expire_minutes: int) -> AccessToken:
    """Sign a short-lived JWT naming its session (`sid`): revoking the session refuses the token."""
    now = datetime.now(UTC)
    expires_at = now + timedelta(minutes=expire_minutes)
    jti = uuid.uuid4().hex
    payload = {"sub": str(user_id), "sid": session_id, "iat": now, "exp": expires_at, "jti": jti}
    return AccessToken(jwt.encode(payload, secret_key, algorithm=ALGORITHM), jti, expires_at)


@dataclass(frozen=True)
class TokenClaims:
    user_id: int
    session_id: str
    jti: str
    expires_at: datetime


def decode_access_token(token: str, secret_key: str) -> TokenClaims | None:
    """Return the claims of a valid, unexpired token, or None for anything else."""
    try:
        payload = jwt.decode(
            token, secret_key, algorithms=[ALGORITHM], options={"require": ["sub", "sid", "exp", "jti"]}
        )
        return TokenClaims(
            user_id=int(payload["sub"]),
            session_id=str(payload["sid"]),
            jti=str(payload["jti"]),
            expires_at=datetime.fromtimestamp(int(payload["exp"]), UTC),
        )
    except (jwt.PyJWTError, ValueError, TypeError):
        return None


# Refresh credentials: `<session id>.<secret>`. The session id finds the row; the secret, compared by
# its hash, proves possession. Both parts are random, so neither can be guessed.
SESSION_ID_PATTERN = re.compile(r"^[0-9a-f]{32}$")
REFRESH_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def new_session_id() -> str:
    return uuid.uuid4().hex


def new_refresh_secret() -> str:
    return secrets.token_urlsafe(32)


def hash_refresh_secret(secret: str) -> str:
    # A plain hash is enough: the secret has 256 random bits, nothing to brute-force.
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class RefreshCredential:
    session_id: str
    secret: str

    @property
    def cookie_value(self) -> str:
        return f"{self.session_id}.{self.secret}"


def parse_refresh_credential(raw: str) -> RefreshCredential | None:
    """The parts of a cookie value, or None when it is not one this server could have issued."""
    session_id, dot, secret = raw.partition(".")
    if not dot or not SESSION_ID_PATTERN.fullmatch(session_id) or not REFRESH_SECRET_PATTERN.fullmatch(secret):
        return None
    return RefreshCredential(session_id, secret)
