"""shop_api.core.config.Settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from shop_api.core.config import DEVELOPMENT_SECRET_KEY, Settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Settings read the environment and ./.env; neither may leak in from the developer's shell.
    for name in ("APP_ENV", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ACCESS_TOKEN_EXPIRE_MINUTES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_settings_default_to_development() -> None:
    settings = Settings()
    assert settings.APP_ENV == "development"
    assert settings.SECRET_KEY == DEVELOPMENT_SECRET_KEY
    assert settings.REDIS_URL is None
    assert settings.ACCESS_TOKEN_EXPIRE_MINUTES == 60


def test_default_database_is_sqlite_under_dot_var(tmp_path: Path) -> None:
    settings = Settings()
    assert f"sqlite:///{tmp_path / '.var' / 'shop.db'}" == settings.DATABASE_URL
    assert (tmp_path / ".var").is_dir()


@pytest.mark.parametrize("secret", [None, "", DEVELOPMENT_SECRET_KEY, "short"])
def test_production_refuses_missing_or_default_secret(monkeypatch: pytest.MonkeyPatch, secret: str | None) -> None:
    monkeypatch.setenv("APP_ENV", "production")
    if secret is not None:
        monkeypatch.setenv("SECRET_KEY", secret)
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings()


def test_production_accepts_a_private_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a-private-production-secret-of-enough-length")
    assert Settings().APP_ENV == "production"


def test_settings_read_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setenv("ACCESS_TOKEN_EXPIRE_MINUTES", "5")
    settings = Settings()
    assert settings.REDIS_URL == "redis://127.0.0.1:1/0"
    assert settings.ACCESS_TOKEN_EXPIRE_MINUTES == 5
