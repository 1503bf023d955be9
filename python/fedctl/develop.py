"""`fedctl dev`: the federation in development, in one command.

With no app named, the API (development mode) and every app's development server: the host loads
each remote from its dev server, so an edit to any of them reaches the host page. With apps named
(`fedctl dev cart` or `fedctl dev cart,account`), those apps run their dev servers and the others
serve their production builds (built first when missing): fewer servers to compile, the same page.
`--standalone APP` runs one app's dev server alone, beside the API, on its own page.

It is the Stack of `fedctl up` with some services swapped for development servers, watched by the
same Supervisor: a dev server that crashes is reported and started again, the rest keeps running,
and one Ctrl-C stops everything.
"""

from __future__ import annotations

import re
import signal
import threading
from dataclasses import dataclass
from typing import Annotated

import typer
from rich.table import Table

from fedctl.manifest import App, Manifest, ManifestError
from fedctl.orchestrate import (
    StepFailed,
    build_apps,
    console,
    ensure_node_modules,
    load_manifest,
    supervise,
)
from fedctl.processes import NEXT_ENV, Service, Stack, StartError, api_service, app_service, next_bin

# A development server compiles what it serves on the first request: minutes on two cores.
DEV_READY_TIMEOUT = 300.0


def dev_service(manifest: Manifest, app: App) -> Service:
    """An app's development server on its own port: `webpack serve` (React) or `next dev` (Next).

    It is ready once it serves what the host loads from it (the host: its home page), which is
    also the request that makes it compile.
    """
    directory = manifest.root / app.directory
    if app.kind == "react":
        command = [str(manifest.root / "node_modules" / ".bin" / "webpack"), "serve", "--mode", "development"]
        env: dict[str, str] = {}
    else:
        command = [next_bin(manifest), "dev", "-p", str(app.port), "-H", "localhost"]
        env = dict(NEXT_ENV)
    ready_url = manifest.base_url(app) + "/" if app.name == manifest.host else manifest.remote_entry_url(app)
    return Service(
        name=app.name, command=command, cwd=directory, ready_url=ready_url, env=env, ready_timeout=DEV_READY_TIMEOUT
    )


@dataclass
class DevStack(Stack):
    """The API in development mode, the apps of `live` on their dev servers, the others (unless
    `standalone`) on their production builds."""

    live: tuple[str, ...] = ()
    standalone: bool = False
    running: bool = False

    def started(self) -> None:
        self.running = True

    def plan(self) -> list[Service]:
        services = [api_service(self.manifest, self.api_env)]
        for app in self.manifest.build_order():
            if app.name in self.live:
                services.append(dev_service(self.manifest, app))
            elif not self.standalone:
                services.append(app_service(self.manifest, app))
        return services

    def busy_ports(self) -> list[int]:
        ports = [self.manifest.api_port] + [
            app.port for app in self.manifest.apps.values() if not self.standalone or app.name in self.live
        ]
        return [port for port in super().busy_ports() if port in ports]


def parse_apps(manifest: Manifest, names: list[str]) -> tuple[str, ...]:
    """`cart`, `cart,account` or `cart account` (as `make dev APP=...` passes them), checked."""
    apps = [name for argument in names for name in re.split(r"[,\s]+", argument) if name]
    for name in apps:
        manifest.app(name)
    return tuple(dict.fromkeys(apps))


def edit_effects(manifest: Manifest, live: tuple[str, ...]) -> list[str]:
    """What an edit to each live app does to the host page (the README's table, for this run)."""
    host_live = manifest.host in live
    effects = []
    for name in live:
        app = manifest.app(name)
        if name == manifest.host:
            effects.append(f"{name}: Next's Fast Refresh, in place")
        elif app.kind == "next":
            effects.append(
                f"{name}: the host page reloads after the rebuild (a Next remote cannot be swapped in place)"
            )
        elif host_live:
            effects.append(f"{name}: swapped in place by React Refresh, the page and the store kept")
        else:
            effects.append(
                f"{name}: the host page reloads (it runs its production build); "
                f"add {manifest.host} to the apps to swap edits in place"
            )
    return effects


def print_dev_urls(manifest: Manifest, stack: DevStack) -> None:
    table = Table(title="The shop is running in development", title_justify="left")
    table.add_column("app")
    table.add_column("runs")
    table.add_column("URL")
    table.add_row("api", "development mode", f"{manifest.api_origin()}{manifest.api_path}/docs")
    for app in manifest.build_order():
        if app.name in stack.live:
            table.add_row(app.name, "dev server: live-editable", manifest.base_url(app) + "/")
        elif not stack.standalone:
            table.add_row(app.name, "production build", manifest.base_url(app) + "/")
    console.print(table)
    live = ", ".join(stack.live)
    if stack.standalone:
        app = manifest.app(stack.live[0])
        console.print(f"\n[bold green]Open {manifest.base_url(app)}/[/]  ({app.name} alone; Ctrl-C stops everything)")
    else:
        host = manifest.app(manifest.host)
        console.print(f"\n[bold green]Open {manifest.base_url(host)}/[/]  (Ctrl-C stops everything)")
        console.print(f"Live-editable in the host page: {live}.")
        for line in edit_effects(manifest, stack.live):
            console.print(f"  {line}")
    console.print(f"Logs in {stack.log_dir}\n")


def dev(
    apps: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[APP]...",
            help="Apps to run in development (comma- or space-separated); the others serve their "
            "production builds. None: every app in development.",
        ),
    ] = None,
    standalone: Annotated[
        str | None,
        typer.Option("--standalone", metavar="APP", help="Run this one app's dev server alone, beside the API."),
    ] = None,
) -> None:
    """The federation in development: the API and the apps' dev servers; Ctrl-C stops all."""
    manifest = load_manifest()
    try:
        live = parse_apps(manifest, apps or [])
        if standalone:
            if live:
                console.print("[red]error:[/] --standalone runs one app alone: name no other app")
                raise typer.Exit(2)
            live = (manifest.app(standalone).name,)
        elif not live:
            live = tuple(app.name for app in manifest.build_order())
    except ManifestError as error:
        console.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None
    stack = DevStack(manifest, log_dir=manifest.root / ".var" / "dev-logs", live=live, standalone=bool(standalone))
    stopping = threading.Event()

    def request_stop(_signum: int, _frame: object) -> None:
        # While servers are still starting, Ctrl-C must not wait for the one being waited on.
        if not stopping.is_set() and not stack.running:
            raise KeyboardInterrupt
        stopping.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        ensure_node_modules(manifest)
        if not standalone:
            served = [app for app in manifest.build_order() if app.name not in live]
            missing = [app.name for app in served if not manifest.has_build(app)]
            if missing:
                build_apps(manifest, missing)

        def announce(service: Service) -> None:
            console.print(f"[green]✓[/] {service.name} answers at {service.ready_url}")

        console.print(f"[bold cyan]▶ starting[/] (development servers: {', '.join(live)}; logs in {stack.log_dir})")
        stack.start_all(on_ready=announce)
        print_dev_urls(manifest, stack)
        supervise(stack, stopping)
    except (StepFailed, StartError) as error:
        console.print(f"[red]error:[/] {error}")
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        pass
    finally:
        console.print("stopping…")
        stack.stop_all()
