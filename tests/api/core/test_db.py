"""The engine's two faces: write-locking transactions for writers, lock-free reads for readers."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from shop_api.core.db import read_only_engine

from ..conftest import Backend


def dbapi_autocommit(engine: Engine) -> bool:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
        return bool(connection.connection.dbapi_connection.autocommit)  # type: ignore[union-attr]


def test_postgresql_reads_run_without_a_transaction_and_writers_keep_theirs(
    backend: Backend, db_engine: Engine
) -> None:
    if backend.name != "postgres":
        pytest.skip("SQLite reads use deferred transactions instead (see test_concurrency)")
    assert dbapi_autocommit(read_only_engine(db_engine)) is True
    # The same pooled connection goes back to transactions for the next writer.
    assert dbapi_autocommit(db_engine) is False
