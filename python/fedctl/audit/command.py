"""The `fedctl audit PATH` command: exit 0 when clean, 1 with findings (a config Node cannot
evaluate is one of them), 2 on a usage error or a defect of the audit itself, which is said in one
line (what failed and what to do) rather than as a Python traceback; FEDCTL_DEBUG=1 shows the
traceback.

The audit EXECUTES every webpack / Next config it finds (with Node, in the config's directory,
with the federation plugins and webpack stubbed), the way `webpack` or `next build` would.
"""

from __future__ import annotations

import inspect
import os
import traceback
from pathlib import Path
from typing import Annotated

import typer

from fedctl.audit import InternalError, SelectionError, describe, run, select_rules
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
        output = render(findings, format)
    except (EvaluationError, ManifestError) as exc:
        typer.echo(f"fedctl audit: error: {exc}", err=True)
        raise typer.Exit(2) from exc
    except Exception as exc:  # a defect of fedctl: one line that says what failed and what to do
        rule = exc.rule if isinstance(exc, InternalError) else None
        workaround = f"audit the rest with `--ignore {rule}`, and " if rule else ""
        typer.echo(
            f"fedctl audit: internal error: {exc if isinstance(exc, InternalError) else describe(exc)} (a defect "
            f"of fedctl, not of {path}): {workaround}report it with the traceback that FEDCTL_DEBUG=1 prints",
            err=True,
        )
        if os.environ.get("FEDCTL_DEBUG"):
            traceback.print_exception(exc.__cause__ or exc)
        raise typer.Exit(2) from exc
    if output:
        typer.echo(output)
    raise typer.Exit(1 if findings else 0)


audit.__doc__ = inspect.cleandoc(audit.__doc__ or "") + "\n\n" + _rule_table()
