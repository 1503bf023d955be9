"""Throw-away PostgreSQL and Redis servers on loopback, for the API tests and `fedctl bench`."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

POSTGRES_BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def postgres_bin_dir() -> Path | None:
    for candidate in POSTGRES_BIN_DIRS:
        if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
            return candidate
    return None


def missing_server_binaries() -> str | None:
    """Why the PostgreSQL suite cannot run here, or None when it can."""
    if postgres_bin_dir() is None:
        return "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin (apt install postgresql)"
    if not Path(REDIS_SERVER).exists():
        return "redis-server not found (apt install redis-server)"
    return None


def _as_postgres_user(command: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root, so as root we drop to the `postgres` account.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@dataclass
class PostgresServer:
    port: int
    data_dir: Path

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"


@contextlib.contextmanager
def run_postgres() -> Iterator[PostgresServer]:
    bin_dir = postgres_bin_dir()
    assert bin_dir is not None
    # Not under pytest's tmp_path: its parents are private to root, and postgres must reach it.
    base_dir = Path(tempfile.mkdtemp(prefix="shop-api-postgres-"))
    data_dir = base_dir / "data"
    if os.geteuid() == 0:
        shutil.chown(base_dir, "postgres", "postgres")
        base_dir.chmod(0o700)
    subprocess.run(
        _as_postgres_user(
            [str(bin_dir / "initdb"), "-D", str(data_dir), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]
        ),
        check=True,
        capture_output=True,
    )
    port = free_port()
    options = f"-p {port} -k {base_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        _as_postgres_user(
            [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data_dir),
                "-o",
                options,
                "-l",
                str(base_dir / "postgres.log"),
                "-w",
                "-t",
                "60",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield PostgresServer(port, data_dir)
    finally:
        subprocess.run(
            _as_postgres_user([str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-m", "immediate", "-w", "stop"]),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(base_dir, ignore_errors=True)


@contextlib.contextmanager
def run_redis(base_dir: Path) -> Iterator[str]:
    base_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    process = subprocess.Popen(
        [
            REDIS_SERVER,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(base_dir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")
