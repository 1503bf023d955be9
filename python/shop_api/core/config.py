"""Settings read from the environment (and an optional .env file), validated once at startup."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# A fixed key keeps development tokens valid across restarts; production refuses it (see below).
DEVELOPMENT_SECRET_KEY = "development-only-secret-key-change-me-0123456789"


def default_database_url() -> str:
    """Return the embedded SQLite file under ./.var, creating the folder so SQLite can open it."""
    folder = Path.cwd() / ".var"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'shop.db'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_ignore_empty=True, extra="ignore")

    APP_ENV: Literal["development", "production"] = "development"
    SECRET_KEY: str = DEVELOPMENT_SECRET_KEY
    DATABASE_URL: str = Field(default_factory=default_database_url)
    REDIS_URL: str | None = None
    ACCESS_TOKEN_EXPIRE_MINUTES: int = Field(default=60, ge=1)

    OTP_EXPIRE_SECONDS: int = Field(default=300, ge=1)
    OTP_MAX_ATTEMPTS: int = Field(default=5, ge=1)
    # Everything behind one reverse proxy shares an address, so the per-address limit is the looser one.
    OTP_RATE_LIMIT_PER_NUMBER: int = Field(default=5, ge=1)
    OTP_RATE_LIMIT_PER_ADDRESS: int = Field(default=20, ge=1)
    OTP_RATE_LIMIT_WINDOW_SECONDS: int = Field(default=600, ge=1)

    @property
    def is_development(self) -> bool:
        return self.APP_ENV == "development"

    @model_validator(mode="after")
    def _refuse_default_secret_in_production(self) -> Settings:
        # Anyone can read the development key in this repository, so tokens signed with it prove nothing.
        if not self.is_development and (not self.SECRET_KEY.strip() or self.SECRET_KEY == DEVELOPMENT_SECRET_KEY):
            raise ValueError(
                "SECRET_KEY must be set to a private value when APP_ENV=production "
                "(it is missing or equal to the development default)"
            )
        if not self.is_development and len(self.SECRET_KEY) < 32:
            raise ValueError("SECRET_KEY must be at least 32 characters when APP_ENV=production")
        return self


@lru_cache
def get_settings() -> Settings:
    """Read the settings once per process."""
    return Settings()
