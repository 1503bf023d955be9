"""Bring the database to the newest Alembic revision and seed it, at every startup."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session

from shop_api.seed import seed_database

PACKAGE_DIR = Path(__file__).resolve().parent.parent

# Any constant works; it only has to be the same in every API process sharing one PostgreSQL.
MIGRATION_LOCK_ID = 7_341_902


def alembic_config() -> Config:
    """Load the alembic.ini that ships inside the package, wherever the package is installed."""
    config = Config(str(PACKAGE_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(PACKAGE_DIR / "alembic"))
    return config


def upgrade_to_head(connection: Connection) -> None:
    """Run `alembic upgrade head` on this connection."""
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
    connection.commit()


def prepare_database(engine: Engine) -> None:
    """Migrate and seed; several processes starting at once take turns."""
    with engine.connect() as connection:
        is_postgres = connection.dialect.name == "postgresql"
        if is_postgres:
            # Two API processes booting together would otherwise both create tables and seed rows.
            connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": MIGRATION_LOCK_ID})
            connection.commit()
        try:
            upgrade_to_head(connection)
            with Session(bind=connection) as session:
                seed_database(session)
                session.commit()
            connection.commit()
        finally:
            if is_postgres:
                connection.rollback()
                connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": MIGRATION_LOCK_ID})
                connection.commit()
