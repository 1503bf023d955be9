"""shop_api.core.config.Settings: safe by default."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from shop_api.core.config import FEDERATION_MANIFEST, PUBLISHED_SECRETS, Settings

STRONG_SECRET = "Yq3v_Jx9Lr2mT8wKc5pZ0sHn4bF7gD1e-UaVtXiWoR6"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Settings read the environment and ./.env; neither may leak in from the developer's shell.
    names = ("APP_ENV", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ACCESS_TOKEN_EXPIRE_MINUTES", "ENABLE_API_DOCS")
    for name in names:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_the_default_mode_is_production_and_it_refuses_to_start_without_a_secret() -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY must be set when APP_ENV=production") as raised:
        Settings()
    assert "secrets.token_urlsafe" in str(raised.value)


def test_production_with_a_strong_secret_has_no_docs_unless_enabled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)
    settings = Settings()
    assert settings.APP_ENV == "production"
    assert not settings.is_development
    assert not settings.docs_enabled
    monkeypatch.setenv("ENABLE_API_DOCS", "true")
    assert Settings().docs_enabled


def test_development_generates_a_random_secret_kept_in_dot_var(tmp_path: Path) -> None:
    first = Settings(APP_ENV="development")
    kept = tmp_path / ".var" / "secret_key"
    assert kept.read_text().strip() == first.SECRET_KEY
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert len(first.SECRET_KEY) >= 60
    assert first.SECRET_KEY not in PUBLISHED_SECRETS
    # Kept across restarts, so development tokens stay valid.
    assert Settings(APP_ENV="development").SECRET_KEY == first.SECRET_KEY
    assert first.docs_enabled


def test_two_checkouts_get_different_development_secrets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = Settings(APP_ENV="development").SECRET_KEY
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.chdir(other)
    assert first != Settings(APP_ENV="development").SECRET_KEY


@pytest.mark.parametrize(
    ("secret", "reason"),
    [
        ("short", "at least 32 characters"),
        ("a" * 32, "too predictable"),
        ("ab" * 32, "too predictable"),
        ("abcd" * 8, "too predictable"),
        (next(iter(PUBLISHED_SECRETS)), "published"),
    ],
)
@pytest.mark.parametrize("mode", ["production", "development"])
def test_weak_secrets_are_refused_with_how_to_make_one(
    monkeypatch: pytest.MonkeyPatch, secret: str, reason: str, mode: str
) -> None:
    monkeypatch.setenv("APP_ENV", mode)
    monkeypatch.setenv("SECRET_KEY", secret)
    with pytest.raises(ValidationError, match=reason) as raised:
        Settings()
    assert 'python3 -c "import secrets; print(secrets.token_urlsafe(48))"' in str(raised.value)


def test_default_database_is_sqlite_under_dot_var(tmp_path: Path) -> None:
    settings = Settings(APP_ENV="development")
    assert f"sqlite:///{tmp_path / '.var' / 'shop.db'}" == settings.DATABASE_URL
    assert (tmp_path / ".var").is_dir()


def test_settings_read_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setenv("ACCESS_TOKEN_EXPIRE_MINUTES", "5")
    settings = Settings()
    assert settings.REDIS_URL == "redis://127.0.0.1:1/0"
    assert settings.ACCESS_TOKEN_EXPIRE_MINUTES == 5


def test_a_rate_that_limits_cannot_read_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)
    monkeypatch.setenv("CHAT_MESSAGE_RATE_PER_USER", "often")
    with pytest.raises(ValidationError, match="CHAT_MESSAGE_RATE_PER_USER"):
        Settings()


def test_production_allows_the_edge_origin_and_not_the_ports_behind_it(monkeypatch: pytest.MonkeyPatch) -> None:
    manifest = json.loads(FEDERATION_MANIFEST.read_text())
    edge_port = manifest["environments"]["production"]["port"]
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)
    production = Settings(APP_ENV="production")
    assert production.allowed_origins == [f"http://127.0.0.1:{edge_port}", f"http://localhost:{edge_port}"]
    # Development serves each app from its own port: each is an origin of the shop.
    development = Settings(APP_ENV="development")
    app_ports = [app["port"] for app in manifest["apps"].values()]
    assert {f"http://localhost:{port}" for port in app_ports} <= set(development.allowed_origins)
