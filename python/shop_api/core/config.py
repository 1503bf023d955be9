"""Settings read from the environment (and an optional .env file), validated once at startup.

Safe by default: with nothing set the API runs in production mode, which refuses to start without a
strong SECRET_KEY, registers no development routes and publishes no docs unless ENABLE_API_DOCS is
set. Development mode must be asked for (APP_ENV=development: `make up`, `make api`, fedctl and the
tests do); it then uses a random secret generated once and kept in the project's `.var/` folder.
"""

from __future__ import annotations

import json
import math
import os
import secrets
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Literal

from limits import RateLimitItem, parse
from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

GENERATE_SECRET_HINT = 'generate one with: python3 -c "import secrets; print(secrets.token_urlsafe(48))"'
MIN_SECRET_LENGTH = 32
# Estimated from the characters' frequencies; a token_urlsafe(48) has about 330 bits.
MIN_SECRET_BITS = 128
# Keys that were published in this repository's history: tokens signed with them prove nothing.
PUBLISHED_SECRETS = frozenset({"development-only-secret-key-change-me-0123456789"})


def local_data_dir() -> Path:
    """The project's local data folder (`./.var`): the SQLite file and the development secret."""
    folder = Path.cwd() / ".var"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# federation.json at the repository root: the origins that may call the API with the session cookie.
FEDERATION_MANIFEST = Path(__file__).resolve().parents[3] / "federation.json"


def federation_origins(manifest_path: Path, environment: str) -> list[str]:
    """Every origin an app of the federation is served from in one environment of the manifest.

    Locally each app has its own port (`http://localhost:{port}`), so each port is its own origin:
    the same site for cookies, but another origin for CORS and for the CSRF check. A one-origin
    environment (it has a `port` of its own, the edge's) has exactly one: the apps' ports are
    behind the edge and no browser page is ever served from them.
    """
    if not manifest_path.is_file():
        return []
    manifest = json.loads(manifest_path.read_text())
    spec = manifest["environments"][environment]
    template: str = spec["origin"]
    ports = [spec["port"]] if "port" in spec else [app["port"] for app in manifest["apps"].values()]
    origins = {template.replace("{port}", str(port)) for port in ports}
    # The loopback address and the name are two origins to a browser; both reach a local app.
    origins |= {origin.replace("//localhost:", "//127.0.0.1:") for origin in origins}
    return sorted(origins)


def manifest_max_body_bytes(manifest_path: Path) -> int:
    """federation.json's api.maxBodyBytes, which the host's /api door enforces too; 64 KiB without it."""
    if not manifest_path.is_file():
        return 64 * 1024
    return int(json.loads(manifest_path.read_text())["api"].get("maxBodyBytes", 64 * 1024))


def default_database_url() -> str:
    """Return the embedded SQLite file under ./.var, creating the folder so SQLite can open it."""
    return f"sqlite:///{local_data_dir() / 'shop.db'}"


def secret_problem(secret: str) -> str | None:
    """Why a secret is too weak to sign tokens, or None when it is strong enough."""
    if secret in PUBLISHED_SECRETS:
        return "SECRET_KEY is a published value"
    if len(secret) < MIN_SECRET_LENGTH:
        return f"SECRET_KEY must be at least {MIN_SECRET_LENGTH} characters"
    counts = Counter(secret)
    # Shannon entropy of the key's own characters: catches 'a'*32, 'abab...', '0123...0123'.
    bits = -sum(n * math.log2(n / len(secret)) for n in counts.values())
    most_common = counts.most_common(1)[0][1]
    if bits < MIN_SECRET_BITS or most_common > len(secret) // 4:
        return "SECRET_KEY is too predictable (too few distinct characters, or one repeated)"
    return None


def development_secret(folder: Path) -> str:
    """A random secret made on first use and kept in `.var/secret_key`, so tokens survive restarts."""
    path = folder / "secret_key"
    if path.exists():
        kept = path.read_text().strip()
        if secret_problem(kept) is None:
            return kept
    secret = secrets.token_urlsafe(48)
    # Written owner-only from the start: no moment where another local user can read it.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(secret + "\n")
    return secret


def rate(text: str) -> RateLimitItem:
    """Parse a rate in the `limits` notation ("5/10 minutes", "20 per minute")."""
    return parse(text)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_ignore_empty=True, extra="ignore")

    APP_ENV: Literal["development", "production"] = "production"
    # Empty in development: a random one from .var/secret_key is used (see _fill_in_secret).
    SECRET_KEY: str = ""
    DATABASE_URL: str = Field(default_factory=default_database_url)
    REDIS_URL: str | None = None
    # /api/docs and /api/openapi.json: on in development, off in production unless enabled.
    ENABLE_API_DOCS: bool | None = None

    # Sizes a client controls. The largest legitimate body (a ticket: 200 + 5000 characters, each
    # up to six bytes as a JSON escape) fits well within 64 KiB.
    MAX_BODY_BYTES: int = Field(default_factory=lambda: manifest_max_body_bytes(FEDERATION_MANIFEST), ge=1024)
    MAX_HEADER_BYTES: int = Field(default=16 * 1024, ge=1024)

    # Database admission (see shop_api.core.db.DatabaseGate): how many requests use the database at
    # once, how many may wait for a turn, and for how long, before the answer is 503.
    DB_CONCURRENCY: int = Field(default=8, ge=1, le=32)
    DB_MAX_WAITING: int = Field(default=500, ge=0)
    DB_WAIT_SECONDS: float = Field(default=5.0, gt=0, le=30)
    # How long a process (and, through Cache-Control, a browser or the edge) keeps a catalogue
    # answer; the catalogue only changes with the seed. 0 turns the cache off.
    CATALOGUE_CACHE_SECONDS: int = Field(default=10, ge=0, le=3600)
    # Access tokens live in page memory only and are renewed silently, so they can be short.
    ACCESS_TOKEN_EXPIRE_MINUTES: int = Field(default=5, ge=1, le=60)
    # A session (the httpOnly refresh cookie) ends this long after sign-in, however active it is.
    SESSION_EXPIRE_DAYS: int = Field(default=30, ge=1, le=365)
    SESSION_COOKIE_NAME: str = Field(default="myapp_session", pattern=r"^[A-Za-z0-9_-]{1,64}$")
    # None: Secure always in production, and in development whenever the request came over https.
    SESSION_COOKIE_SECURE: bool | None = None
    # Two tabs of one browser may refresh with the same cookie at the same moment; the one that
    # loses the race within this many seconds gets an access token instead of revoking the session.
    REFRESH_REUSE_GRACE_SECONDS: int = Field(default=10, ge=0, le=60)
    # Origins allowed to send the session cookie (CORS with credentials, and the CSRF check), on
    # top of those of federation.json's environment for this mode; comma-separated.
    ALLOWED_ORIGINS: str = ""
    # The one origin of the production layout when it is not federation.json's (set by the edge).
    FEDERATION_ORIGIN: str = ""

    OTP_EXPIRE_SECONDS: int = Field(default=300, ge=1)
    # Wrong guesses, from everyone together, after which a code is burned. With six digits the
    # chance to hit a live code stays at 10 in a million; the per-requester limits below run out
    # first, so an attacker from one address cannot burn the owner's code (see routes/auth.py).
    OTP_MAX_ATTEMPTS: int = Field(default=10, ge=1)
    OTP_REQUEST_RATE_PER_NUMBER_AND_ADDRESS: str = "5/10 minutes"
    OTP_REQUEST_RATE_PER_NUMBER: str = "10/hour"
    # Everything behind one reverse proxy shares an address, so the per-address limits are looser.
    OTP_REQUEST_RATE_PER_ADDRESS: str = "20/10 minutes"
    OTP_VERIFY_RATE_PER_NUMBER_AND_ADDRESS: str = "5/10 minutes"
    OTP_VERIFY_RATE_PER_ADDRESS: str = "30/10 minutes"

    # Wrong coupon codes per user: codes are short, so guessing them is limited.
    COUPON_ATTEMPT_RATE_PER_USER: str = "10/10 minutes"
    # Chat: messages per user (HTTP and WebSocket together), and sockets open per user and process.
    CHAT_MESSAGE_RATE_PER_USER: str = "20/minute"
    CHAT_SOCKETS_PER_USER: int = Field(default=5, ge=1)

    @property
    def is_development(self) -> bool:
        return self.APP_ENV == "development"

    @property
    def allowed_origins(self) -> list[str]:
        environment = "local" if self.is_development else "production"
        listed = f"{self.ALLOWED_ORIGINS},{self.FEDERATION_ORIGIN}".split(",")
        extra = [origin.strip().rstrip("/") for origin in listed if origin.strip()]
        return sorted(set(federation_origins(FEDERATION_MANIFEST, environment)) | set(extra))

    @property
    def docs_enabled(self) -> bool:
        return self.is_development if self.ENABLE_API_DOCS is None else self.ENABLE_API_DOCS

    @field_validator(
        "OTP_REQUEST_RATE_PER_NUMBER_AND_ADDRESS",
        "OTP_REQUEST_RATE_PER_NUMBER",
        "OTP_REQUEST_RATE_PER_ADDRESS",
        "OTP_VERIFY_RATE_PER_NUMBER_AND_ADDRESS",
        "OTP_VERIFY_RATE_PER_ADDRESS",
        "COUPON_ATTEMPT_RATE_PER_USER",
        "CHAT_MESSAGE_RATE_PER_USER",
    )
    @classmethod
    def _parse_rate(cls, value: str) -> str:
        try:
            rate(value)
        except ValueError:
            raise ValueError(f'{value!r} is not a rate such as "5/10 minutes"') from None
        return value

    @model_validator(mode="after")
    def _fill_in_secret(self) -> Settings:
        if not self.SECRET_KEY.strip():
            if not self.is_development:
                raise ValueError(
                    f"SECRET_KEY must be set when APP_ENV=production (the default); {GENERATE_SECRET_HINT}, "
                    "or set APP_ENV=development to run locally"
                )
            self.SECRET_KEY = development_secret(local_data_dir())
        problem = secret_problem(self.SECRET_KEY)
        if problem is not None:
            raise ValueError(f"{problem}; {GENERATE_SECRET_HINT}")
        return self


@lru_cache
def get_settings() -> Settings:
    """Read the settings once per process."""
    return Settings()
