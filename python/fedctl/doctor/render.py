"""The report as text (Rich tables, for people) or JSON (for scripts)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import StrEnum

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from fedctl.doctor.model import Report


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def render_json(report: Report) -> str:
    return json.dumps(report.as_dict(), indent=2)


def render_text(report: Report, console: Console) -> None:
    console.print(f"[bold]fedctl doctor[/bold] {escape(report.url)}")
    for visit in report.routes:
        state = "settled" if visit.get("settled", True) else "[yellow]did not settle[/yellow]"
        console.print(f"  visited {escape(visit['route'])} ({visit['navigation']}, {state})")
    console.print()

    if report.store_count is None:
        console.print(f"Stores: [yellow]unknown[/yellow] (window.{report.store_counter} is not set)")
    else:
        colour = "green" if report.store_count == 1 else "red"
        console.print(f"Stores: [{colour}]{report.store_count}[/{colour}] (window.{report.store_counter})")
    console.print(f"Host: {escape(report.host or 'none found')}")
    console.print()

    loaded = [item for item in report.shared if item.loaded]
    table = Table(title="Shared packages in use", title_justify="left")
    for column in ("package", "version", "provided by", "used by", "flags"):
        table.add_column(column)
    for item in loaded:
        flags = ", ".join(
            flag for flag, on in (("singleton", item.singleton), ("strictVersion", item.strict_version)) if on
        )
        table.add_row(
            escape(item.package), item.version, escape(item.provided_by or "?"), escape(", ".join(item.used_by)), flags
        )
    console.print(table)
    unused = len(report.shared) - len(loaded)
    if unused:
        console.print(f"  ({unused} more registered by containers but not loaded)")

    if report.containers:
        names = [container["name"] for container in report.containers]
        packages = sorted({package for container in report.containers for package in container["shared"]})
        matrix = Table(
            title="Declared as shared", title_justify="left", caption="S singleton, s shared, . not declared"
        )
        matrix.add_column("package")
        for name in names:
            matrix.add_column(escape(name + (" (host)" if name == report.host else "")), justify="center")
        for package in packages:
            cells = []
            for container in report.containers:
                flags = container["shared"].get(package)
                cells.append("." if flags is None else "S" if flags["singleton"] else "s")
            matrix.add_row(escape(package), *cells)
        console.print(matrix)
    console.print()

    if report.copies:
        copies = Table(title="Copies of code that ran in the page", title_justify="left")
        copies.add_column("code")
        copies.add_column("copies", justify="right")
        for name, count in report.copies.items():
            copies.add_row(escape(name), f"[yellow]{count}[/yellow]" if count > 1 else str(count))
        console.print(copies)
        console.print()

    _section(
        console,
        "Loaded more than once",
        [f"{d.package} ({', '.join(d.containers)}): {d.reason}" for d in report.duplicates],
    )
    _section(
        console,
        "Remotes that failed to load",
        [f"{f.container or 'unknown container'} ({f.source}): {f.reason}" for f in report.remote_failures],
    )
    _section(console, "Console errors", report.console_errors)
    other_requests = [f"{r['reason']} {r['url']}" for r in report.failed_requests]
    _section(console, "Failed requests", other_requests, style="yellow")
    _section(console, "Notes", report.notes, style="dim")

    if report.healthy:
        console.print("[bold green]healthy[/bold green]: one store, no duplicated singleton, every remote loaded")
    else:
        console.print(f"[bold red]{len(report.problems)} problem(s)[/bold red]:")
        for problem in report.problems:
            console.print(f"  - {escape(problem)}")


def _section(console: Console, title: str, lines: Sequence[str], style: str = "red") -> None:
    if not lines:
        return
    console.print(f"[bold]{title}[/bold]")
    for line in lines:
        console.print(f"  [{style}]-[/{style}] {escape(line)}")
    console.print()


# ---------------------------------------------------------------------------------------------
