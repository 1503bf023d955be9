"""Engine, session factory and database admission for SQLite (embedded default) and PostgreSQL.

Why the API used to stall, and the design that replaces it
----------------------------------------------------------
Sync endpoints and sync dependencies run on Starlette's threadpool (40 threads). A request's
session was opened by the authentication dependency on one thread, which then returned it with a
pooled connection still checked out (SQLite: with the database's write lock held) while the
endpoint queued for a second thread. Under 50 concurrent signed-in requests every thread ended up
blocked waiting for a connection (pool 5 + overflow 10) or for SQLite's lock, and the requests
holding them waited for a thread that never came free: a deadlock that only the 30 s pool timeout
(or SQLite's 30 s busy timeout) broke, with 500s, and with health checks stuck behind it.

The rule now: a request may touch the database only while it holds one of DB_CONCURRENCY slots of
the DatabaseGate, and the pool has a connection for every slot. So no thread ever waits for a
connection, at most DB_CONCURRENCY of the 40 threads are busy with the database, and a request
that holds a connection always finds a free thread: no cycle, hence no deadlock. Requests past
capacity wait for a slot on the event loop (costing no thread), in order; when too many wait or a
turn does not come within DB_WAIT_SECONDS the answer is a quick 503 with Retry-After instead of a
30 s queue. Endpoints without the database (health) never queue at all.

Besides, the authentication dependency ends its read transaction before the endpoint's turn, so
no transaction (on SQLite: the write lock) is held while a request waits for its next thread.
SQLite reads (GET) use deferred transactions, which WAL lets run beside the one writer; writers
take the lock up front and hold it only while their endpoint runs. (Queueing writers for the
whole request in the gate instead was measured: writes then waited seconds behind each other.)
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

# An execution option set on the read-only engine (see read_only_engine): SQLite then opens a
# deferred transaction, which takes no write lock.
READ_ONLY_OPTION = "shop_api_read_only"
# Seconds a checkout may wait for a pooled connection. With the gate it never has to; this only
# bounds the damage of code that bypasses the gate.
POOL_TIMEOUT_SECONDS = 5


class DatabaseBusy(Exception):
    """The database is at capacity; answered with 503 and Retry-After."""

    def __init__(self, retry_after: int = 1) -> None:
        super().__init__("the database is at capacity")
        self.retry_after = retry_after


class DatabaseGate:
    """Admits at most `slots` requests to the database at once (see the module's docstring)."""

    def __init__(self, slots: int, max_waiting: int, wait_seconds: float) -> None:
        self.slots = slots
        self._max_waiting = max_waiting
        self._wait_seconds = wait_seconds
        self._waiting = 0
        # Created on first use, inside the event loop that serves the requests.
        self._semaphore: asyncio.Semaphore | None = None

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self.slots)
        await self._acquire(self._semaphore)
        try:
            yield
        finally:
            self._semaphore.release()

    async def _acquire(self, semaphore: asyncio.Semaphore) -> None:
        if not semaphore.locked():
            await semaphore.acquire()
            return
        if self._waiting >= self._max_waiting:
            raise DatabaseBusy()
        self._waiting += 1
        try:
            await asyncio.wait_for(semaphore.acquire(), self._wait_seconds)
        except TimeoutError:
            raise DatabaseBusy() from None
        finally:
            self._waiting -= 1


def normalize_database_url(url: str) -> str:
    """Pick the psycopg 3 driver for plain postgresql:// URLs (psycopg2 is not installed)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def create_db_engine(url: str, pool_size: int = 8) -> Engine:
    """Create the engine with a connection for each of `pool_size` gate slots.

    SQLite gets WAL, a busy timeout (for other processes) and write-locking transactions.
    """
    url = normalize_database_url(url)
    parsed = make_url(url)
    # The overflow serves what runs outside the gate (startup, a WebSocket's own sessions).
    pool = {"pool_size": pool_size, "max_overflow": pool_size, "pool_timeout": POOL_TIMEOUT_SECONDS}
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, **pool)

    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **pool)
    else:
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when a transaction begins (see _begin_immediate).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection: Any) -> None:
        # A deferred transaction that reads and then writes fails at once with SQLITE_BUSY when
        # another writer got in between; taking the write lock up front makes it wait instead, so
        # concurrent requests queue rather than error. Read-only requests take no lock at all.
        if connection.get_execution_options().get(READ_ONLY_OPTION):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def read_only_engine(engine: Engine) -> Engine:
    """The same engine and pool, for requests that only read.

    SQLite: marked so that its transactions take no write lock. PostgreSQL: in autocommit. Its
    default isolation (READ COMMITTED) gives every statement its own snapshot inside a transaction
    too, so a read sees exactly the same rows without one, and saves the BEGIN and ROLLBACK round
    trips, two of a signed-in read's four (a loaded machine pays each in context switches).
    """
    if engine.dialect.name == "postgresql":
        return engine.execution_options(isolation_level="AUTOCOMMIT", **{READ_ONLY_OPTION: True})
    return engine.execution_options(**{READ_ONLY_OPTION: True})


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Yield a session that commits on success and rolls back on error."""
    with factory() as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
