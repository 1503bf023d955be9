"""Alembic environment: migrates the connection the app hands over, or the -x url=... database."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from shop_api.core.config import get_settings
from shop_api.core.db import normalize_database_url
from shop_api.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_offline() -> None:
    """Emit SQL to stdout instead of touching a database (alembic upgrade --sql)."""
    url = context.get_x_argument(as_dictionary=True).get("url") or get_settings().DATABASE_URL
    context.configure(
        url=normalize_database_url(url), target_metadata=target_metadata, literal_binds=True, render_as_batch=True
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run against the app's connection when given one, else against a fresh engine."""
    connection = config.attributes.get("connection")
    if connection is not None:
        # render_as_batch lets ALTER-style changes work on SQLite, which cannot alter columns.
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or get_settings().DATABASE_URL
    engine = create_engine(normalize_database_url(url))
    with engine.connect() as own_connection:
        context.configure(connection=own_connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
