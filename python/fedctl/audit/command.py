"""The `fedctl audit PATH` command: exit 0 when clean, 1 with findings, 2 on a usage error or a
config that cannot be read (Node's reason is printed).

The audit EXECUTES every webpack / Next config it finds (with Node, in the config's directory,
with the federation plugins and webpack stubbed), the way `webpack` or `next build` would.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Annotated

import typer

from fedctl.audit import SelectionError, run, select_rules
from fedctl.audit.discover import ManifestError
from fedctl.audit.evaluate import EvaluationError, find_node
from fedctl.audit.report import OutputFormat, render
from fedctl.audit.rules import ENGINE_RULES, RULES


def _rule_table() -> str:
    rows = [(rule.code, rule.id, rule.summary) for rule in RULES] + list(ENGINE_RULES)
    return "\n\n".join(f"{code} {rule_id}: {summary}." for code, rule_id, summary in sorted(rows))


def audit(
    path: Annotated[Path, typer.Argument(help="Repository (or directory) to audit.")] = Path("."),
    format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text, json, github (annotations) or sarif (code scanning).")
    ] = OutputFormat.text,
    select: Annotated[
        list[str] | None, typer.Option("--select", help="Only these rules (code or id; repeat or comma-separate).")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Skip these rules (code or id; repeat or comma-separate).")
    ] = None,
    in_house: Annotated[
        list[str] | None,
        typer.Option("--in-house", help="Also treat this package as in-house (workspace packages already are)."),
    ] = None,
    store: Annotated[
        list[str] | None,
        typer.Option("--store", help="The store package(s); default: workspace packages depending on Redux."),
    ] = None,
    node: Annotated[str | None, typer.Option("--node", help="Node.js executable (default: node on PATH).")] = None,
) -> None:
    """Statically audit a Module Federation repository (runs its webpack/Next configs with Node).

    Select or ignore rules by code or id; suppress one line with a reason:
    `// fedctl-disable-next-line MF003 -- why this is safe`. Rules:
    """
    try:
        codes = select_rules(select or (), ignore or ())
    except SelectionError as exc:
        typer.echo(f"fedctl audit: error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if not path.is_dir():
        typer.echo(f"fedctl audit: error: {path} is not a directory", err=True)
        raise typer.Exit(2)
    try:
        findings = run(path, find_node(node), codes, in_house=in_house or (), store=store or ())
    except (EvaluationError, ManifestError) as exc:
        typer.echo(f"fedctl audit: error: {exc}", err=True)
        raise typer.Exit(2) from exc
    output = render(findings, format)
    if output:
        typer.echo(output)
    raise typer.Exit(1 if findings else 0)


audit.__doc__ = inspect.cleandoc(audit.__doc__ or "") + "\n\n" + _rule_table()
