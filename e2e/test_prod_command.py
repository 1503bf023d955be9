"""`make prod` (`fedctl up --env production`) starts the whole production layout and Ctrl-C stops
everything it started: nginx, the Next servers, the API workers, PostgreSQL and Redis."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from fedctl.manifest import Manifest
from layouts import Layouts


def refuses(port: int) -> bool:
    try:
        httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
    except httpx.ConnectError:
        return True
    except httpx.HTTPError:
        return False
    return False


def test_ctrl_c_stops_everything_make_prod_started(layouts: Layouts, manifest: Manifest, tmp_path: Path) -> None:
    layouts.stop()
    origin = manifest.origin("production")
    command = subprocess.Popen(
        [sys.executable, "-m", "fedctl.cli", "up", "--env", "production", "--no-build"],
        cwd=manifest.root,
        env={**os.environ, "APP_ENV": "development"},
        stdout=(tmp_path / "up.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and command.poll() is None:
            try:
                if httpx.get(f"{origin}/products", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        log = (tmp_path / "up.log").read_text(errors="replace")
        assert command.poll() is None, log[-3000:]
        assert "Open http://localhost:" in log or f"Open {origin}/" in log
        assert httpx.get(f"{origin}/api/health").status_code == 200
        # It started a PostgreSQL and a Redis of its own, and says where.
        database = re.search(r"throw-away PostgreSQL postgresql://\S+@127\.0\.0\.1:(\d+)/", log)
        redis = re.search(r"throw-away Redis redis://127\.0\.0\.1:(\d+)/", log)
        assert database and redis, log[-3000:]
        servers = [int(database[1]), int(redis[1])]
        assert not any(refuses(port) for port in servers)
        command.send_signal(signal.SIGINT)
        assert command.wait(timeout=60) == 0, (tmp_path / "up.log").read_text(errors="replace")[-3000:]
    finally:
        if command.poll() is None:
            command.kill()
    # Nothing answers any more: not the edge, the workers, the Next servers nor the databases.
    next_ports = [app.port for app in manifest.apps.values() if app.kind == "next"]
    ports = [manifest.edge_port("production"), *manifest.api_worker_ports("production"), *next_ports, *servers]
    assert [port for port in ports if not refuses(port)] == []
