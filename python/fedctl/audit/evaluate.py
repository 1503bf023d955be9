"""Run a webpack or Next.js config under Node with stubbed federation plugins and read their options.

This executes the config file (and whatever it requires) with the repository's own Node modules, in
the config's directory, exactly as `webpack` or `next build` would load it. Only the federation
plugins and webpack itself are replaced, by stubs that record the options they are given. A Next
config's `webpack()` hook is called twice, for the client build and for the server build.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fedctl.audit.model import Build, ContainerKind, Location, Side

LOADER = Path(__file__).with_name("node") / "evaluate-config.cjs"
# Keys whose value decides what the rules see; a stub inside them means the options are not real.
_OPTION_KEYS = ("name", "shared", "remotes", "exposes")


class EvaluationError(Exception):
    """The config could not be evaluated; the message says why and where."""


@dataclass
class Wrapper:
    """A federation wrapper or plugin the audit does not understand (e.g. `withFederatedSidecar`)."""

    name: str
    package: str
    call_site: Location | None


@dataclass
class Evaluation:
    builds: list[Build]
    webpack_entries: list[tuple[Any, str | None]]
    # Federation calls the audit cannot read: reported, never dropped in silence.
    unknown: list[Wrapper]
    # A module the federation options were built from that is not installed (None: all resolved).
    missing_module: str | None


def find_node(explicit: str | None = None) -> str:
    node = explicit or shutil.which("node")
    if not node:
        raise EvaluationError("Node.js was not found on PATH; the audit evaluates configs with `node`")
    return node


def evaluate(
    config_path: Path,
    kind: ContainerKind,
    node: str,
    cwd: Path | None = None,
    workspaces: dict[str, Path] | None = None,
    timeout: float = 60.0,
) -> Evaluation:
    """Evaluate one config in `cwd` (where its build runs); raise EvaluationError with Node's own
    message when it fails. `workspaces` (package name -> folder) resolve without node_modules."""
    with tempfile.TemporaryDirectory(prefix="fedctl-audit-") as scratch:
        output = Path(scratch) / "result.json"
        try:
            completed = subprocess.run(
                [node, str(LOADER), str(config_path), kind, str(output)],
                cwd=cwd or config_path.parent,
                capture_output=True,
                text=True,
                timeout=timeout,
                env={
                    **os.environ,
                    "FEDCTL_AUDIT": "1",
                    "FEDCTL_WORKSPACES": json.dumps({name: str(path) for name, path in (workspaces or {}).items()}),
                },
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise EvaluationError(f"{config_path}: evaluation did not finish in {timeout:.0f} s") from exc
        except OSError as exc:
            raise EvaluationError(f"cannot run {node}: {exc}") from exc
        if completed.returncode != 0 or not output.exists():
            raise EvaluationError(_tail(completed.stderr))
        result = json.loads(output.read_text(encoding="utf-8"))
    records = result.get("plugins", [])
    builds = [_build(config_path, record) for record in records if not record.get("unknown")]
    unknown = [
        Wrapper(
            str(record.get("plugin")), str(record.get("package")), _call_site(config_path, record.get("frames") or [])
        )
        for record in records
        if record.get("unknown")
    ]
    missing = None
    for build in builds:
        missing = missing or _find_stub({key: build.options.get(key) for key in _OPTION_KEYS})
    entries = [
        (item.get("entry"), item.get("context")) for item in result.get("webpack") or [] if isinstance(item, dict)
    ]
    return Evaluation(builds, entries, unknown, missing)


def _build(config_path: Path, record: dict[str, Any]) -> Build:
    side: Side = "server" if record.get("side") == "server" else "client"
    options = record.get("options")
    return Build(
        side=side,
        plugin=str(record.get("plugin")),
        options=options if isinstance(options, dict) else {},
        call_site=_call_site(config_path, record.get("frames") or []),
        config_path=config_path.resolve(),
    )


def _call_site(config_path: Path, frames: list[dict[str, Any]]) -> Location | None:
    """Prefer the frame in the config itself, then the first frame outside node_modules."""
    resolved = config_path.resolve()
    candidates = [f for f in frames if isinstance(f.get("file"), str)]
    for frame in candidates:
        if Path(frame["file"]).resolve() == resolved:
            return Location(resolved, int(frame["line"]), int(frame["column"]))
    for frame in candidates:
        if "node_modules" not in Path(frame["file"]).parts:
            return Location(Path(frame["file"]), int(frame["line"]), int(frame["column"]))
    return None


def _find_stub(value: Any) -> str | None:
    if isinstance(value, dict):
        if "$fedctlUnresolved" in value:
            return str(value["$fedctlUnresolved"]).split(".")[0]
        for item in value.values():
            found = _find_stub(item)
            if found:
                return found
    elif isinstance(value, list):
        for item in value:
            found = _find_stub(item)
            if found:
                return found
    return None


def _tail(text: str, lines: int = 12) -> str:
    # Node's own frames and the loader's say nothing about the config; keep the rest.
    kept = [
        line for line in text.strip().splitlines() if line.strip() and "(node:" not in line and LOADER.name not in line
    ][:lines]
    return "\n".join(kept) or "(no output)"
