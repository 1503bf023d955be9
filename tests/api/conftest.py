"""Fixtures of the API suite. Every test using `client` runs once per backend:

- `sqlite`: a temporary SQLite file, in-process rate limits and chat fan-out;
- `postgres` (marked `postgres`): a real PostgreSQL and Redis that this run starts on loopback.

Select one with `-m "not postgres"` or `-m postgres`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
import redis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from shop_api.core.config import Settings
from shop_api.core.db import create_db_engine
from shop_api.main import create_app

from .utils.servers import missing_server_binaries, run_postgres, run_redis

TEST_SECRET_KEY = "test-secret-key-that-is-long-enough-for-production-0123456789"

# Tables holding what users create; the seeded catalogue and coupons are left in place.
USER_DATA_TABLES = (
    "chat_messages",
    "tickets",
    "cart_items",
    "carts",
    "auth_sessions",
    "otp_codes",
    "users",
)


# Rate limits high enough that a test making many requests from one address meets none of them.
GENEROUS_LIMITS: dict[str, Any] = {
    name: "100000/minute"
    for name in (
        "OTP_REQUEST_RATE_PER_ADDRESS",
        "OTP_REQUEST_RATE_PER_NUMBER_AND_ADDRESS",
        "OTP_REQUEST_RATE_PER_NUMBER",
        "OTP_VERIFY_RATE_PER_ADDRESS",
        "OTP_VERIFY_RATE_PER_NUMBER_AND_ADDRESS",
        "COUPON_ATTEMPT_RATE_PER_USER",
        "CHAT_MESSAGE_RATE_PER_USER",
    )
}


@dataclass(frozen=True)
class Backend:
    name: str
    database_url: str
    redis_url: str | None


@dataclass(frozen=True)
class ServerStack:
    postgres_url: str
    redis_url: str


@pytest.fixture(scope="session")
def server_stack() -> Iterator[ServerStack]:
    """A PostgreSQL and a Redis server for the whole run, stopped at its end."""
    reason = missing_server_binaries()
    if reason is not None:
        pytest.skip(reason)
    with run_postgres() as postgres, run_redis_in_tempdir() as redis_url:
        with psycopg.connect(postgres.url("postgres"), autocommit=True) as connection:
            connection.execute("CREATE DATABASE shop_test")
        yield ServerStack(postgres.url("shop_test"), redis_url)


@contextlib.contextmanager
def run_redis_in_tempdir() -> Iterator[str]:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="shop-api-redis-") as folder, run_redis(Path(folder)) as url:
        yield url


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Backend:
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("sqlite") / "shop.db"
        return Backend("sqlite", f"sqlite:///{path}", None)
    stack: ServerStack = request.getfixturevalue("server_stack")
    return Backend("postgres", stack.postgres_url, stack.redis_url)


@pytest.fixture(scope="session")
def db_engine(backend: Backend) -> Iterator[Engine]:
    """An engine of the test's backend for checking what the API stored."""
    engine = create_db_engine(backend.database_url)
    yield engine
    engine.dispose()


def make_settings(backend: Backend, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "APP_ENV": "development",
        "SECRET_KEY": TEST_SECRET_KEY,
        "DATABASE_URL": backend.database_url,
        "REDIS_URL": backend.redis_url,
    }
    values.update(overrides)
    return Settings(**values)


def wipe_user_data(engine: Engine, redis_url: str | None) -> None:
    with engine.begin() as connection:
        tables = [name for name in USER_DATA_TABLES if engine.dialect.has_table(connection, name)]
        for table in tables:
            connection.execute(text(f"DELETE FROM {table}"))
    if redis_url:
        client = redis.Redis.from_url(redis_url)
        client.flushdb()
        client.close()


AppFactory = Callable[..., FastAPI]


@pytest.fixture
def app_factory(backend: Backend, db_engine: Engine) -> Iterator[AppFactory]:
    """Build apps on the test's backend; keyword arguments override settings."""

    def factory(**overrides: Any) -> FastAPI:
        return create_app(make_settings(backend, **overrides))

    yield factory
    wipe_user_data(db_engine, backend.redis_url)


@pytest.fixture
def app(app_factory: AppFactory) -> FastAPI:
    return app_factory()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """A client of a started app (lifespan run: migrated and seeded)."""
    with TestClient(app) as test_client:
        yield test_client
