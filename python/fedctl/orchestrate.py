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
from fedctl.manifest import App, Manifest, ManifestError
from fedctl.processes import NEXT_ENV, Service, Stack, StartError

console = Console(highlight=False, soft_wrap=True)

# What the browser and database tests need from Debian, by the command that proves it is there.
SYSTEM_PACKAGES = {
    "chromium": "chromium",
    "redis-server": "redis-server",
    "pg_ctlcluster": "postgresql",
}


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
    if shutil.which("npm") is None:
        raise StepFailed("npm is not installed: install Node.js 20 (with npm) and run this again")
    command = ["npm", "ci"] if lock.exists() else ["npm", "install"]
    run_step("installing npm packages", [*command, "--no-audit", "--no-fund"], root)


def ensure_system_packages() -> None:
    missing = [package for binary, package in SYSTEM_PACKAGES.items() if shutil.which(binary) is None]
    if not missing:
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise StepFailed(
            f"the tests need these Debian packages: {' '.join(missing)}; "
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


def build_apps(manifest: Manifest, only: list[str] | None = None, env: dict[str, str] | None = None) -> None:
    apps = [app for app in manifest.build_order() if not only or app.name in only]
    for index, app in enumerate(apps, start=1):
        command, app_env = build_command(manifest, app)
        if app.kind == "next":
            # Rebuilding on top of webpack's persistent cache fails now and then with nextjs-mf
            # ("RealContentHashPlugin: Some kind of unexpected caching problem occurred"): every
            # build starts from a clean cache, as CI's fresh clone does.
            shutil.rmtree(manifest.root / app.directory / ".next" / "cache" / "webpack", ignore_errors=True)
        run_step(
            f"[{index}/{len(apps)}] building {app.name} ({app.kind})",
            command,
            manifest.root / app.directory,
            {**app_env, **(env or {})},
        )


def build(
    only: Annotated[list[str] | None, typer.Option("--only", help="Build only this app (repeatable).")] = None,
    env: Annotated[str, typer.Option(help="Environment of federation.json whose URLs to bake in.")] = "local",
) -> None:
    """Install npm packages if missing and build every app (or --only some) in production mode."""
    manifest = load_manifest()
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
        build_apps(manifest, only, {"FEDERATION_ENV": env})
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


def up(
    no_build: Annotated[bool, typer.Option("--no-build", help="Serve the existing builds.")] = False,
) -> None:
    """Install what is missing, build, start the API, every remote and the host; Ctrl-C stops all."""
    manifest = load_manifest()
    stack = Stack(manifest, log_dir=manifest.root / ".var" / "logs")
    stopping = threading.Event()

    def request_stop(_signum: int, _frame: object) -> None:
        stopping.set()

    try:
        ensure_node_modules(manifest)
        if not no_build:
            build_apps(manifest)

        def announce(service: Service) -> None:
            console.print(f"[green]✓[/] {service.name} answers at {service.ready_url}")

        console.print(f"[bold cyan]▶ starting[/] (logs in {stack.log_dir})")
        stack.start_all(on_ready=announce)
        print_urls(manifest)
        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)
        while not stopping.wait(1):
            for service in stack.services:
                if service.process and service.process.poll() is not None:
                    console.print(f"[red]{service.name} stopped unexpectedly[/]\n{service.log_tail()}")
                    stopping.set()
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
        ("mypy", [python, "-m", "mypy"]),
        ("auditing this repository's federation", [python, "-m", "fedctl.cli", "audit", "."]),
        ("checking the store contract (API reports)", [python, "-m", "fedctl.cli", "contract"]),
        ("pytest", [python, "-m", "pytest", *(pytest_args or [])]),
    ]
    try:
        ensure_system_packages()
        ensure_node_modules(manifest)
        if not skip_build:
            build_apps(manifest)
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
