"""The `fedctl doctor` command: collect (or read a snapshot), diagnose, render, exit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import typer
from rich.console import Console

from fedctl.doctor.collect import DEFAULT_ERROR_SELECTOR, DEFAULT_PENDING_SELECTOR, collect
from fedctl.doctor.diagnose import diagnose
from fedctl.doctor.model import DEFAULT_STORE_COUNTER, DoctorError, Snapshot
from fedctl.doctor.render import OutputFormat, render_json, render_text


def doctor(
    url: Annotated[str | None, typer.Argument(help="The page to examine, e.g. http://localhost:3000/.")] = None,
    route: Annotated[
        list[str] | None,
        typer.Option("--route", "-r", help="Also visit this path, client-side in the same page (repeatable)."),
    ] = None,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="text or json.")] = OutputFormat.text,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the page and for each route to settle.")] = 30.0,
    store_counter: Annotated[
        str, typer.Option(help="The window global holding the number of stores created.")
    ] = DEFAULT_STORE_COUNTER,
    error_selector: Annotated[
        str, typer.Option(help="CSS selector of the host's slot errors (their text names the remote).")
    ] = DEFAULT_ERROR_SELECTOR,
    pending_selector: Annotated[
        str, typer.Option(help="CSS selector of slots still loading; a route settles when none is left.")
    ] = DEFAULT_PENDING_SELECTOR,
    chromium: Annotated[
        str | None, typer.Option(help="Chromium executable (default: $CHROMIUM_PATH, then chromium on PATH).")
    ] = None,
    save_snapshot: Annotated[
        Path | None, typer.Option(help="Also write what the browser saw to this JSON file.")
    ] = None,
    snapshot: Annotated[
        Path | None, typer.Option(help="Diagnose a saved snapshot instead of opening a browser (no URL).")
    ] = None,
) -> None:
    """Open a federated page in headless Chromium and count its stores, shared packages and failures.

    Exit codes: 0 healthy; 1 a singleton loaded twice, a failed remote or more than one store;
    2 a usage error or a page that cannot be opened.
    """
    routes = route or []
    try:
        if (url is None) == (snapshot is None):
            raise DoctorError("give either a URL or --snapshot FILE")
        bad_routes = [path for path in routes if not path.startswith("/")]
        if bad_routes:
            raise DoctorError(f"a route is a path starting with '/': {', '.join(bad_routes)}")
        if snapshot is not None:
            try:
                data = Snapshot.parse(json.loads(snapshot.read_text()))
            except (OSError, ValueError) as error:
                raise DoctorError(f"cannot read snapshot {snapshot}: {error}") from error
        else:
            assert url is not None
            if urlsplit(url).scheme not in ("http", "https"):
                raise DoctorError(f"not an http(s) URL: {url}")
            data = collect(
                url,
                routes,
                timeout=timeout,
                store_counter=store_counter,
                error_selector=error_selector,
                pending_selector=pending_selector,
                chromium=chromium,
            )
            if save_snapshot is not None:
                save_snapshot.write_text(data.to_json() + "\n")
        report = diagnose(data)
    except DoctorError as error:
        typer.echo(f"fedctl doctor: error: {error}", err=True)
        raise typer.Exit(2) from error

    if format is OutputFormat.json:
        typer.echo(render_json(report))
    else:
        console = Console(highlight=False)
        if not console.is_terminal:
            # Logs and CI: wide enough that the tables keep one line per package.
            console = Console(highlight=False, width=120)
        render_text(report, console)
    raise typer.Exit(0 if report.healthy else 1)
