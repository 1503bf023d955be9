"""The one-origin layout of federation.json, run on this machine as production runs it.

nginx (the edge, configured by fedctl.edge) in front; the React remotes' builds served by nginx
from disk; the Next apps as `next start` servers; the API as several worker processes on
PostgreSQL and Redis. Without DATABASE_URL / REDIS_URL, throw-away servers are started on
loopback from Debian's packages. Migrations run once, before any worker starts. A worker that
dies is started again; everything started here is stopped by `stop_all`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from fedctl import edge
from fedctl.dataservers import run_postgres, run_redis
from fedctl.manifest import App, Manifest
from fedctl.processes import Service, Stack, StartError, busy_ports, next_service, start, stop, wait_ready

DATABASE_NAME = "shop"


def env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value) if value else None


def migrate(database_url: str) -> None:
    """Migrations and seed data, once, before the workers start (each worker's own startup check
    then finds the database at the newest revision and does nothing)."""
    from shop_api.core.db import create_db_engine
    from shop_api.core.migrations import prepare_database

    engine = create_db_engine(database_url)
    try:
        prepare_database(engine)
    finally:
        engine.dispose()


@dataclass
class ProductionStack(Stack):
    """`Stack` for a one-origin environment (fedctl up --env production, its tests and bench)."""

    env: str = "production"
    # Where the edge's configuration, logs and temporary files go (default: a temporary folder
    # removed at the end; nginx's workers, which drop root, must be able to enter it).
    edge_prefix: Path | None = None
    database_url: str | None = None
    redis_url: str | None = None
    workers: int | None = None
    restarts: dict[str, int] = field(default_factory=dict)
    _resources: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)
    _stopping: threading.Event = field(default_factory=threading.Event)
    _supervisor: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def worker_ports(self) -> list[int]:
        ports = self.manifest.api_worker_ports(self.env)
        return ports[: self.workers] if self.workers else ports

    @property
    def edge(self) -> edge.EdgeSettings:
        spec = self.manifest.environment(self.env)
        return edge.EdgeSettings(
            manifest=self.manifest,
            env=self.env,
            prefix=self.edge_prefix or self._scratch_prefix(),
            origin=self.manifest.origin(self.env),
            listen_port=self.manifest.edge_port(self.env),
            api_ports=self.worker_ports,
            edge_address=spec.get("edgeAddress"),
            # TLS at the edge itself (HSTS then goes out too); behind a CDN or load balancer
            # that terminates TLS, leave both unset.
            tls_certificate=env_path("EDGE_TLS_CERTIFICATE"),
            tls_key=env_path("EDGE_TLS_KEY"),
        )

    def _scratch_prefix(self) -> Path:
        folder = Path(tempfile.mkdtemp(prefix="fedctl-edge-"))
        folder.chmod(0o755)
        self._resources.callback(shutil.rmtree, folder, ignore_errors=True)
        self.edge_prefix = folder
        return folder

    @property
    def url(self) -> str:
        return self.edge.url

    def busy_ports(self) -> list[int]:
        next_ports = [app.port for app in self.manifest.apps.values() if app.kind == "next"]
        return busy_ports(self.manifest, [self.manifest.edge_port(self.env), *self.worker_ports, *next_ports])

    def worker_service(self, port: int) -> Service:
        assert self.database_url
        spec = self.manifest.environment(self.env)
        return Service(
            name=f"api-{port}",
            command=[sys.executable, "-m", "shop_api", "--host", "127.0.0.1", "--port", str(port)],
            cwd=self.manifest.root,
            ready_url=f"http://127.0.0.1:{port}{self.manifest.api_path}/health",
            env={
                **self.api_env,
                "DATABASE_URL": self.database_url,
                "REDIS_URL": self.redis_url or "",
                # The one origin browsers use (sessions: CORS and the CSRF check by Origin).
                "FEDERATION_ORIGIN": self.manifest.origin(self.env),
                # uvicorn takes X-Forwarded-For only from the edge's address: whoever reaches a
                # worker directly cannot pick the address its rate limits count against.
                "FORWARDED_ALLOW_IPS": spec.get("edgeAddress", "127.0.0.1"),
            },
        )

    def app_service(self, app: App, directory: Path | None = None) -> Service:
        return next_service(self.manifest, app, directory or self.manifest.root / app.directory, self.env)

    def plan(self) -> list[Service]:
        workers = [self.worker_service(port) for port in self.worker_ports]
        apps = [self.app_service(app) for app in self.manifest.build_order() if app.kind == "next"]
        settings = self.edge
        edge_service = Service(
            name="edge",
            command=edge.command(settings),
            cwd=settings.prefix,
            ready_url=f"http://127.0.0.1:{settings.listen_port}{self.manifest.api_path}/health",
        )
        return [*workers, *apps, edge_service]

    def start_datastores(self) -> None:
        if not self.database_url:
            server = self._resources.enter_context(run_postgres())
            with psycopg.connect(server.url("postgres"), autocommit=True) as connection:
                connection.execute(f"CREATE DATABASE {DATABASE_NAME}")
            self.database_url = server.url(DATABASE_NAME)
        if not self.redis_url:
            folder = self._resources.enter_context(tempfile.TemporaryDirectory(prefix="fedctl-redis-"))
            self.redis_url = self._resources.enter_context(run_redis(Path(folder)))
        migrate(self.database_url)

    def prepare(self) -> None:
        self.api_env.setdefault("SECRET_KEY", os.environ.get("SECRET_KEY") or secrets.token_urlsafe(48))
        try:
            self.start_datastores()
            edge.write(self.edge)
        except (edge.EdgeError, OSError, psycopg.Error) as error:
            self._resources.close()
            raise StartError(str(error)) from error

    def started(self) -> None:
        self._stopping.clear()
        self._supervisor = threading.Thread(target=self._supervise, name="api-supervisor", daemon=True)
        self._supervisor.start()

    def _supervise(self) -> None:
        """Starts an API worker again when it dies; the edge meanwhile sends its requests to the others."""
        while not self._stopping.wait(0.5):
            with self._lock:
                for index, service in enumerate(self.services):
                    if not service.name.startswith("api-") or service.process is None:
                        continue
                    if service.process.poll() is None:
                        continue
                    replacement = Service(service.name, service.command, service.cwd, service.ready_url, service.env)
                    start(replacement, self.log_dir / "restarts")
                    self.services[index] = replacement
                    self.restarts[service.name] = self.restarts.get(service.name, 0) + 1

    def worker(self, port: int) -> Service:
        return self.service(f"api-{port}")

    def wait_worker_ready(self, port: int, timeout: float = 60.0) -> None:
        wait_ready(self.worker(port), timeout)

    def dead_services(self) -> list[Service]:
        """Services that stopped and are not started again (everything but the API workers)."""
        return [
            s for s in self.services if not s.name.startswith("api-") and s.process and s.process.poll() is not None
        ]

    def stop_all(self) -> None:
        self._stopping.set()
        if self._supervisor is not None:
            self._supervisor.join(timeout=5)
            self._supervisor = None
        with self._lock:
            for service in reversed(self.services):
                stop(service)
            self.services.clear()
        self._resources.close()


def production_stack(manifest: Manifest, env: str, log_dir: Path, api_env: dict[str, str]) -> ProductionStack:
    """The stack of `fedctl up --env ENV`, with DATABASE_URL / REDIS_URL taken from the environment;
    the edge's configuration is kept beside the logs, to be read."""
    return ProductionStack(
        manifest,
        log_dir=log_dir,
        api_env=api_env,
        env=env,
        edge_prefix=log_dir.parent / "edge",
        database_url=os.environ.get("DATABASE_URL") or None,
        redis_url=os.environ.get("REDIS_URL") or None,
    )
