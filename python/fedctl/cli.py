"""fedctl: build, start, audit and diagnose the federation described by federation.json.

Each command lives in its own module; this file only wires them into one Typer application so
`fedctl --help` lists everything the project's Makefile and its users can run.
"""

from __future__ import annotations

import typer

from fedctl.api_types import api_types
from fedctl.audit.command import audit
from fedctl.bench import bench
from fedctl.bump import bump
from fedctl.contract import contract
from fedctl.develop import dev
from fedctl.doctor import doctor
from fedctl.orchestrate import build, serve_static, test, up
from fedctl.remote_types import remote_types

app = typer.Typer(
    help="Build, start, audit and diagnose a Module Federation shop.",
    no_args_is_help=True,
    add_completion=False,
)

app.command()(up)
app.command()(dev)
app.command()(build)
app.command()(test)
app.command("serve-static", hidden=True)(serve_static)
app.command()(audit)
app.command()(bump)
app.command()(contract)
app.command("api-types")(api_types)
app.command("remote-types")(remote_types)
app.command()(bench)
app.command()(doctor)

if __name__ == "__main__":
    app()
