"""shop_api.core.migrations: Alembic is the only way the schema is made, and it matches the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from shop_api.core.db import create_db_engine
from shop_api.core.migrations import alembic_config, prepare_database
from shop_api.models import Base, Coupon, Product
from shop_api.seed import COUPONS, PRODUCTS


def test_migrations_match_the_models(client: TestClient, db_engine: Engine) -> None:
    with db_engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, Base.metadata) == []


def test_database_is_at_head_after_startup(client: TestClient, db_engine: Engine) -> None:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with db_engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == head


def test_prepare_database_is_idempotent(client: TestClient, db_engine: Engine) -> None:
    prepare_database(db_engine)
    prepare_database(db_engine)
    with Session(db_engine) as session:
        assert session.scalar(select(func.count()).select_from(Product)) == len(PRODUCTS)
        assert session.scalar(select(func.count()).select_from(Coupon)) == len(COUPONS)


def test_sqlite_runs_in_wal_mode(tmp_path: object) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path}/wal.db")
    prepare_database(engine)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()
