"""Starting, watching and stopping the federation's servers (API, remotes, host).

`Stack` is used by `fedctl up` and by the browser tests alike, so what a developer runs is what
the tests check.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from fedctl.manifest import App, Manifest

NEXT_ENV = {"NEXT_PRIVATE_LOCAL_WEBPACK": "true", "NEXT_TELEMETRY_DISABLED": "1"}


class StartError(Exception):
    """A server did not come up; the message carries the end of its log."""


@dataclass
class Service:
    name: str
    command: list[str]
    cwd: Path
    ready_url: str
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None

    def log_tail(self, lines: int = 30) -> str:
        if not self.log_path or not self.log_path.exists():
            return "(no log)"
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def next_bin(manifest: Manifest) -> str:
    return str(manifest.root / "node_modules" / ".bin" / "next")


def api_service(manifest: Manifest, env: Mapping[str, str] | None = None) -> Service:
    return Service(
        name="api",
        command=[sys.executable, "-m", "shop_api", "--host", "127.0.0.1", "--port", str(manifest.api_port)],
        cwd=manifest.root,
        ready_url=f"{manifest.api_origin()}{manifest.api_path}/health",
        # The API defaults to production (refusing to start without a strong SECRET_KEY); fedctl
        # runs it for development and tests, so it asks for development mode explicitly.
        env={"APP_ENV": "development", **(env or {})},
    )


def next_service(manifest: Manifest, app: App, directory: Path, env: str) -> Service:
    """`next start` of a Next app's build for a one-origin environment, on loopback, behind the edge."""
    base = f"http://127.0.0.1:{app.port}{app.path}"
    return Service(
        name=app.name,
        command=[next_bin(manifest), "start", "-p", str(app.port), "-H", "127.0.0.1"],
        cwd=directory,
        ready_url=f"{base}/" if app.name == manifest.host else f"{base}/_next/static/chunks/remoteEntry.js",
        env={**NEXT_ENV, "FEDERATION_ENV": env},
    )


def app_service(manifest: Manifest, app: App, *, directory: Path | None = None) -> Service:
    """The production server of one app: `next start`, or fedctl's static server for React apps.

    `directory` serves a build made elsewhere (a copy of the app), on the app's own port.
    """
    directory = directory or manifest.root / app.directory
    if app.kind == "next":
        ready_url = manifest.base_url(app) + "/"
        if app.name != manifest.host:
            ready_url = manifest.remote_entry_url(app)
        return Service(
            name=app.name,
            command=[next_bin(manifest), "start", "-p", str(app.port), "-H", "localhost"],
            cwd=directory,
            ready_url=ready_url,
            env=dict(NEXT_ENV),
        )
    return Service(
        name=app.name,
        command=[
            sys.executable, "-m", "fedctl.cli", "serve-static", app.name, "--dist", str(directory / "dist"),
        ],
        cwd=manifest.root,
        ready_url=manifest.remote_entry_url(app),
    )


def start(service: Service, log_dir: Path) -> None:
    log_dir.mkdir(parents=True, exist_ok=True)
    service.log_path = log_dir / f"{service.name}.log"
    log = service.log_path.open("wb")
    service.process = subprocess.Popen(
        service.command,
        cwd=service.cwd,
        env={**os.environ, **service.env},
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        # Its own process group, so stopping it also stops what it started (node workers).
        start_new_session=True,
    )
    log.close()


def wait_ready(service: Service, timeout: float = 90.0) -> None:
    """Polls the service's URL until it answers 200, or fails with the end of its log."""
    deadline = time.monotonic() + timeout
    last_problem = "no answer yet"
    while time.monotonic() < deadline:
        if service.process and service.process.poll() is not None:
            raise StartError(
                f"{service.name} exited with code {service.process.returncode} before answering "
                f"{service.ready_url}\n--- end of {service.log_path} ---\n{service.log_tail()}"
            )
        try:
            response = httpx.get(service.ready_url, timeout=5)
            if response.status_code == 200:
                return
            last_problem = f"HTTP {response.status_code}"
        except httpx.HTTPError as error:
            last_problem = type(error).__name__
        time.sleep(0.3)
    raise StartError(
        f"{service.name} did not answer {service.ready_url} within {timeout:.0f}s ({last_problem})\n"
        f"--- end of {service.log_path} ---\n{service.log_tail()}"
    )


def stop(service: Service, grace: float = 10.0) -> None:
    process = service.process
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


def busy_ports(manifest: Manifest, ports: list[int] | None = None) -> list[int]:
    """The manifest's ports that something already listens on (another `fedctl up`, say)."""
    busy = []
    for port in ports or [manifest.api_port, *(app.port for app in manifest.apps.values())]:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                busy.append(port)
    return busy


@dataclass
class Stack:
    """The API and every app of the manifest, started in order and stopped in reverse."""

    manifest: Manifest
    log_dir: Path
    api_env: dict[str, str] = field(default_factory=dict)
    services: list[Service] = field(default_factory=list)

    def plan(self) -> list[Service]:
        apps = self.manifest.build_order()
        return [api_service(self.manifest, self.api_env)] + [app_service(self.manifest, a) for a in apps]

    def app_service(self, app: App, directory: Path | None = None) -> Service:
        """The server of one app in this layout (`directory`: a build made elsewhere)."""
        return app_service(self.manifest, app, directory=directory)

    def busy_ports(self) -> list[int]:
        return busy_ports(self.manifest)

    def start_all(self, on_ready: object = None) -> None:
        # Otherwise the readiness check could be answered by whatever holds the port.
        busy = self.busy_ports()
        if busy:
            raise StartError(f"ports {busy} are already in use (is the shop already running?): stop that first")
        self.prepare()
        for service in self.plan():
            start(service, self.log_dir)
            self.services.append(service)
            wait_ready(service)
            if callable(on_ready):
                on_ready(service)
        self.started()

    def prepare(self) -> None:
        """What must exist before the first server starts (nothing, in the local layout)."""

    def started(self) -> None:
        """Called once every server answers."""

    def replace(self, name: str, service: Service) -> Service:
        """Stops the running service called `name` and starts `service` in its place."""
        old = next(s for s in self.services if s.name == name)
        stop(old)
        start(service, self.log_dir)
        wait_ready(service)
        self.services[self.services.index(old)] = service
        return old

    def stop_all(self) -> None:
        for service in reversed(self.services):
            stop(service)
        self.services.clear()


@contextmanager
def running(stack: Stack) -> Iterator[Stack]:
    try:
        stack.start_all()
        yield stack
    finally:
        stack.stop_all()
