"""`fedctl build`, `fedctl up` and `fedctl test`: the Makefile's commands, in Python.

Each installs what is missing first (npm packages; for tests also Chromium, PostgreSQL and Redis
from Debian when running as root), so a fresh clone needs nothing but `make up` / `make test`.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from fedctl import manifest as manifest_module
from fedctl.edge import BROTLI_MODULE
from fedctl.manifest import App, Manifest, ManifestError
from fedctl.processes import NEXT_ENV, Service, Stack, StartError, Supervisor
from fedctl.production import ProductionStack, production_stack

console = Console(highlight=False, soft_wrap=True)

# What the browser and database tests need from Debian, by the command (or file) that proves it is there.
SYSTEM_PACKAGES = {
    "chromium": "chromium",
    "redis-server": "redis-server",
    "pg_ctlcluster": "postgresql",
    "nginx": "nginx",
    str(BROTLI_MODULE): "libnginx-mod-http-brotli-filter",
}
# What the one-origin layout (`fedctl up --env production`) needs.
EDGE_PACKAGES = ("redis-server", "pg_ctlcluster", "nginx", str(BROTLI_MODULE))


class StepFailed(Exception):
    """A build or check step exited non-zero."""


def load_manifest() -> Manifest:
    try:
        return manifest_module.load()
    except ManifestError as error:
        console.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None


def run_step(
    title: str, command: list[str], cwd: Path, env: dict[str, str] | None = None, *, raw: bool = False
) -> None:
    """Runs one step with its output streamed, prefixed, so progress is visible as it happens.

    `raw` hands the terminal to the command untouched (pytest: its summary line stays as it wrote it).
    """
    console.print(f"[bold cyan]▶ {title}[/]  [dim]{' '.join(command)}[/]")
    if raw:
        if subprocess.run(command, cwd=cwd, env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL).returncode:
            raise StepFailed(f"{title} failed")
        return
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        errors="replace",
    )
    assert process.stdout is not None
    for line in process.stdout:
        console.print(Text.assemble(("  │ ", "dim"), line.rstrip()))
    if process.wait() != 0:
        raise StepFailed(f"{title} failed (exit code {process.returncode})")


def ensure_node_modules(manifest: Manifest) -> None:
    root = manifest.root
    lock = root / "package-lock.json"
    installed = root / "node_modules" / ".package-lock.json"
    if installed.exists() and (not lock.exists() or installed.stat().st_mtime >= lock.stat().st_mtime):
        return
    if (root / "node_modules").is_symlink():
        # A copy of the repository whose packages are another checkout's (the browser tests' scratch
        # copies): `npm ci` here would delete that checkout's node_modules through the link.
        console.print(
            f"[yellow]node_modules is a link to {(root / 'node_modules').resolve()}: its packages are "
            "used as they are; run `npm ci` there if they are out of date[/]"
        )
        return
    if shutil.which("npm") is None:
        raise StepFailed("npm is not installed: install Node.js 20 (with npm) and run this again")
    command = ["npm", "ci"] if lock.exists() else ["npm", "install"]
    run_step("installing npm packages", [*command, "--no-audit", "--no-fund"], root)
    # Next's list of reserved ports only exists once Next is installed: check the manifest's now.
    try:
        manifest_module.check_reserved_ports(manifest)
    except ManifestError as error:
        raise StepFailed(str(error)) from None


def is_installed(binary_or_file: str) -> bool:
    if binary_or_file.startswith("/"):
        return Path(binary_or_file).exists()
    # nginx lives in /usr/sbin, which is not on every user's PATH.
    return shutil.which(binary_or_file) is not None or Path("/usr/sbin", binary_or_file).exists()


def ensure_system_packages(needed: tuple[str, ...] | None = None, purpose: str = "the tests") -> None:
    wanted = {key: SYSTEM_PACKAGES[key] for key in needed} if needed else SYSTEM_PACKAGES
    missing = [package for binary, package in wanted.items() if not is_installed(binary)]
    if not missing:
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise StepFailed(
            f"{purpose} need these Debian packages: {' '.join(missing)}; "
            f"install them (sudo apt-get install -y {' '.join(missing)}) and run this again"
        )
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    run_step("updating the Debian package lists", ["apt-get", "update", "-q"], Path("/"), env)
    run_step(f"installing {' '.join(missing)}", ["apt-get", "install", "-y", "-q", *missing], Path("/"), env)


def build_command(manifest: Manifest, app: App) -> tuple[list[str], dict[str, str]]:
    bin_dir = manifest.root / "node_modules" / ".bin"
    if app.kind == "react":
        return [str(bin_dir / "webpack"), "--mode", "production"], {}
    return [str(bin_dir / "next"), "build"], dict(NEXT_ENV)


def build_apps(manifest: Manifest, only: list[str] | None = None, env: str = "local") -> None:
    """Production builds of the apps for one environment of federation.json (its own output folders)."""
    apps = [app for app in manifest.build_order() if not only or app.name in only]
    for index, app in enumerate(apps, start=1):
        command, app_env = build_command(manifest, app)
        if app.kind == "next":
            cache = manifest.build_directory(app, env) / "cache" / "webpack"
            # Rebuilding on top of webpack's persistent cache fails now and then with nextjs-mf
            # ("RealContentHashPlugin: Some kind of unexpected caching problem occurred"): every
            # build starts from a clean cache, as CI's fresh clone does.
            shutil.rmtree(cache, ignore_errors=True)
        run_step(
            f"[{index}/{len(apps)}] building {app.name} ({app.kind}) for {env}",
            command,
            manifest.root / app.directory,
            {**app_env, "FEDERATION_ENV": env},
        )


MONOLITH_DIRECTORY = ".next-monolith"


def monolith_directory(manifest: Manifest) -> Path:
    """Where the host's monolith build goes (see packages/federation/next.js, monolithConfig)."""
    return manifest.root / manifest.app(manifest.host).directory / MONOLITH_DIRECTORY


def build_monolith(manifest: Manifest) -> None:
    """The bench's yardstick: the host's pages as one plain Next app, every exposed module
    resolved to its remote's source (generated from federation.json's `exposes`)."""
    host = manifest.app(manifest.host)
    command, app_env = build_command(manifest, host)
    shutil.rmtree(monolith_directory(manifest) / "cache" / "webpack", ignore_errors=True)
    run_step(
        f"building the monolith yardstick ({host.name} with every remote compiled in)",
        command,
        manifest.root / host.directory,
        {**app_env, "FEDERATION_ENV": "local", "FEDERATION_MONOLITH": "1"},
    )


def build(
    only: Annotated[list[str] | None, typer.Option("--only", help="Build only this app (repeatable).")] = None,
    env: Annotated[str, typer.Option(help="Environment of federation.json whose URLs to bake in.")] = "local",
    monolith: Annotated[
        bool,
        typer.Option(
            "--monolith",
            help="Build only the bench's yardstick: the host as one Next app with every remote compiled in.",
        ),
    ] = False,
) -> None:
    """Install npm packages if missing and build every app (or --only some) in production mode."""
    manifest = load_manifest()
    if monolith:
        if only or env != "local":
            console.print("[red]error:[/] --monolith builds the local yardstick only; drop --only / --env")
            raise typer.Exit(2)
        try:
            ensure_node_modules(manifest)
            build_monolith(manifest)
        except StepFailed as error:
            console.print(f"[red]error:[/] {error}")
            raise typer.Exit(1) from None
        return
    for name in only or []:
        try:
            manifest.app(name)
        except ManifestError as error:
            console.print(f"[red]error:[/] {error}")
            raise typer.Exit(2) from None
    if env not in manifest.environments:
        console.print(f"[red]error:[/] --env {env}: known environments are {', '.join(manifest.environments)}")
        raise typer.Exit(2)
    try:
        ensure_node_modules(manifest)
        build_apps(manifest, only, env)
    except StepFailed as error:
        console.print(f"[red]error:[/] {error}")
        raise typer.Exit(1) from None


def print_urls(manifest: Manifest) -> None:
    table = Table(title="The shop is running", title_justify="left")
    table.add_column("app")
    table.add_column("kind")
    table.add_column("port", justify="right")
    table.add_column("URL")
    table.add_row("api", "python", str(manifest.api_port), f"{manifest.api_origin()}{manifest.api_path}/docs")
    for app in manifest.build_order():
        table.add_row(app.name, app.kind, str(app.port), manifest.base_url(app) + "/")
    console.print(table)
    host = manifest.app(manifest.host)
    console.print(f"\n[bold green]Open {manifest.base_url(host)}/[/]  (Ctrl-C stops everything)\n")


def print_production_urls(stack: ProductionStack) -> None:
    table = Table(title=f"The shop is running as {stack.env} does", title_justify="left")
    table.add_column("part")
    table.add_column("where")
    settings = stack.edge
    table.add_row("edge (nginx)", f"{settings.url}  config {settings.config_path}")
    for app in stack.manifest.build_order():
        where = (
            f"next start on 127.0.0.1:{app.port}"
            if app.kind == "next"
            else str(stack.manifest.build_directory(app, stack.env))
        )
        table.add_row(f"{app.name} ({app.kind})", where)
    table.add_row("api workers", ", ".join(f"127.0.0.1:{port}" for port in stack.worker_ports))
    console.print(table)
    # On lines of their own (not in the table, whose cells wrap), so they can be copied.
    database = "from DATABASE_URL" if os.environ.get("DATABASE_URL") else f"throw-away PostgreSQL {stack.database_url}"
    console.print(f"database: {database}")
    redis = "from REDIS_URL" if os.environ.get("REDIS_URL") else f"throw-away Redis {stack.redis_url}"
    console.print(f"redis: {redis}")
    console.print(f"\n[bold green]Open {stack.manifest.origin(stack.env)}/[/]  (Ctrl-C stops everything)\n")


def supervise(stack: Stack, stopping: threading.Event) -> None:
    """Until Ctrl-C: a server of the local layout that stops is reported and started again; the
    others keep running (see Supervisor)."""
    supervisor = Supervisor(stack, report=lambda message: console.print(Text(message, style="yellow")))
    while not stopping.wait(1):
        supervisor.check()


def up(
    no_build: Annotated[bool, typer.Option("--no-build", help="Serve the existing builds.")] = False,
    env: Annotated[
        str,
        typer.Option(help="`local`: every app on its own port; `production`: one origin behind nginx."),
    ] = "local",
) -> None:
    """Install what is missing, build, start the API, every remote and the host; Ctrl-C stops all.

    With --env production: nginx in front, the Next apps behind it, the React builds served from
    disk, several API workers on PostgreSQL and Redis (DATABASE_URL / REDIS_URL, or throw-away
    servers started here), as docs/deploy.md describes.
    """
    manifest = load_manifest()
    if env not in manifest.environments:
        console.print(f"[red]error:[/] --env {env}: known environments are {', '.join(manifest.environments)}")
        raise typer.Exit(2)
    log_dir = manifest.root / ".var" / ("logs" if env == "local" else f"{env}/logs")
    stack: Stack
    if env == "local":
        stack = Stack(manifest, log_dir=log_dir)
    else:
        api_env = {"APP_ENV": os.environ.get("APP_ENV", "production")}
        stack = production_stack(manifest, env, log_dir, api_env)
    stopping = threading.Event()

    def request_stop(_signum: int, _frame: object) -> None:
        stopping.set()

    # From here on, Ctrl-C is a request to stop: everything started so far is stopped below.
    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        if env != "local":
            ensure_system_packages(EDGE_PACKAGES, "the production layout")
        ensure_node_modules(manifest)
        if not no_build:
            build_apps(manifest, env=env)

        def announce(service: Service) -> None:
            console.print(f"[green]✓[/] {service.name} answers at {service.ready_url}")

        console.print(f"[bold cyan]▶ starting[/] (logs in {stack.log_dir})")
        stack.start_all(on_ready=announce)
        if isinstance(stack, ProductionStack):
            print_production_urls(stack)
        else:
            print_urls(manifest)
        if isinstance(stack, ProductionStack):
            while not stopping.wait(1):
                for service in stack.dead_services():
                    console.print(f"[red]{service.name} stopped unexpectedly[/]\n{service.log_tail()}")
                    stopping.set()
        else:
            supervise(stack, stopping)
    except (StepFailed, StartError) as error:
        console.print(f"[red]error:[/] {error}")
        raise typer.Exit(1) from None
    finally:
        console.print("stopping…")
        stack.stop_all()


def test(
    pytest_args: Annotated[list[str] | None, typer.Argument(help="Extra arguments for pytest.")] = None,
    skip_build: Annotated[bool, typer.Option("--skip-build", help="Test the existing builds.")] = False,
) -> None:
    """Install what is missing, build, lint, then run the JS unit tests and pytest."""
    manifest = load_manifest()
    root = manifest.root
    python = sys.executable
    steps: list[tuple[str, list[str]]] = [
        ("type-checking the browser code", ["npm", "run", "--silent", "typecheck"]),
        ("linting the browser code", ["npm", "run", "--silent", "lint"]),
        ("JS unit tests", ["npm", "run", "--silent", "test:unit"]),
        ("ruff", [python, "-m", "ruff", "check", "python", "tests", "e2e"]),
        ("ruff format", [python, "-m", "ruff", "format", "--check", "python", "tests", "e2e"]),
        ("mypy", [python, "-m", "mypy"]),
        ("auditing this repository's federation", [python, "-m", "fedctl.cli", "audit", "."]),
        ("checking the store contract (API reports)", [python, "-m", "fedctl.cli", "contract"]),
        # The slowest tests are listed at the end, so a CI log shows where its minutes went.
        ("pytest", [python, "-m", "pytest", "--durations=15", *(pytest_args or [])]),
    ]
    try:
        ensure_system_packages()
        ensure_node_modules(manifest)
        if not skip_build:
            # The browser tests run the local layout and, once, the production one.
            for env in manifest.environments:
                build_apps(manifest, env=env)
        for title, command in steps:
            run_step(title, command, root, raw=title == "pytest")
    except StepFailed as error:
        console.print(f"[red]error:[/] {error}")
        raise typer.Exit(1) from None
    console.print("[bold green]every check passed[/]")


def serve_static(
    app_name: Annotated[str, typer.Argument(metavar="APP")],
    dist: Annotated[Path | None, typer.Option(help="The build to serve (default: the app's dist/).")] = None,
) -> None:
    """Serve a built React remote under its path, proxying the API (used by `fedctl up`)."""
    import uvicorn

    from fedctl.static_server import create_app

    manifest = load_manifest()
    try:
        app = manifest.app(app_name)
        server = create_app(manifest, app, dist or manifest.root / app.directory / "dist")
    except (ManifestError, FileNotFoundError) as error:
        console.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None
    uvicorn.run(server, host="127.0.0.1", port=app.port, log_level="warning")
