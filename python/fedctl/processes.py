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
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

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
    # How long it may take to answer: a development server compiles on its first request.
    ready_timeout: float = 90.0

    @property
    def port(self) -> int | None:
        return urlsplit(self.ready_url).port

    def fresh(self) -> Service:
        """The same server, not started yet (to start it again after it stopped)."""
        return Service(
            self.name, self.command, self.cwd, self.ready_url, dict(self.env), ready_timeout=self.ready_timeout
        )

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
        ready_url=f"{base}/" if app.name == manifest.host else f"{base}/_next/static/chunks/{manifest.entry_file}",
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
            sys.executable,
            "-m",
            "fedctl.cli",
            "serve-static",
            app.name,
            "--dist",
            str(directory / "dist"),
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


def wait_ready(service: Service, timeout: float | None = None) -> None:
    """Polls the service's URL until it answers 200, or fails with the end of its log."""
    timeout = service.ready_timeout if timeout is None else timeout
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


def stop_group(service: Service) -> None:
    """Stops what a server that exited left behind in its process group (`next dev` forks a
    server that outlives its parent and would keep the port)."""
    if service.process is None:
        return
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(service.process.pid, signal.SIGTERM)


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def busy_ports(manifest: Manifest, ports: list[int] | None = None) -> list[int]:
    """The manifest's ports that something already listens on (another `fedctl up`, say)."""
    wanted = ports or [manifest.api_port, *(app.port for app in manifest.apps.values())]
    return [port for port in wanted if port_in_use(port)]


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

    def service(self, name: str) -> Service:
        """The running service called `name` (the API is "api", an app is its name)."""
        found = next((s for s in self.services if s.name == name), None)
        if found is None:
            raise KeyError(f"no running service {name!r}: {', '.join(s.name for s in self.services)}")
        return found

    def replace(self, name: str, service: Service) -> Service:
        """Stops the running service called `name` and starts `service` in its place."""
        old = self.service(name)
        stop(old)
        start(service, self.log_dir)
        wait_ready(service)
        self.services[self.services.index(old)] = service
        return old

    def stop_all(self) -> None:
        for service in reversed(self.services):
            stop(service)
        self.services.clear()


@dataclass
class Supervisor:
    """Watches a running stack: a server that stops is reported with the end of its log and
    started again, while the others keep running. One that keeps stopping (`max_restarts` times
    within `window` seconds) is left stopped, and so is one whose port another process took
    meanwhile (a developer running that app some other way)."""

    stack: Stack
    report: Callable[[str], None]
    max_restarts: int = 3
    window: float = 60.0
    given_up: set[str] = field(default_factory=set)
    restarts: dict[str, list[float]] = field(default_factory=dict)

    def check(self) -> None:
        for index, service in enumerate(list(self.stack.services)):
            process = service.process
            if process is None or process.poll() is None or service.name in self.given_up:
                continue
            self.report(
                f"{service.name} stopped (exit code {process.returncode}); the others keep running.\n"
                f"--- end of {service.log_path} ---\n{service.log_tail()}"
            )
            stop_group(service)
            now = time.monotonic()
            recent = [moment for moment in self.restarts.get(service.name, []) if now - moment < self.window]
            if len(recent) >= self.max_restarts:
                self.given_up.add(service.name)
                self.report(
                    f"{service.name} stopped {len(recent) + 1} times within {self.window:.0f}s: not starting it "
                    "again; fix what its log says, then restart this command"
                )
                continue
            if service.port is not None and port_in_use(service.port):
                self.given_up.add(service.name)
                self.report(f"port {service.port} of {service.name} is taken by another process: leaving it to it")
                continue
            self.restarts[service.name] = [*recent, now]
            replacement = service.fresh()
            start(replacement, self.stack.log_dir)
            self.stack.services[index] = replacement
            self.report(f"starting {service.name} again (log {replacement.log_path})")
            threading.Thread(target=self._announce, args=(replacement,), daemon=True).start()

    def _announce(self, service: Service) -> None:
        try:
            wait_ready(service)
        except StartError as error:
            if service in self.stack.services:
                self.report(str(error))
            return
        self.report(f"{service.name} answers again at {service.ready_url}")


@contextmanager
def running(stack: Stack) -> Iterator[Stack]:
    try:
        stack.start_all()
        yield stack
    finally:
        stack.stop_all()
