"""The store contract: each in-house package's public API, recorded, compared and classified.

Every in-house package of federation.json (a `shared` entry with a `workspace`) has a committed
API report, `<workspace>/api/<name>.api.md`, written by API Extractor from the package's type
declarations: its exports, the action types of its action creators, its selectors' signatures and
the state shape. Its first line names the version it describes.

`fedctl contract` regenerates each report and compares: when the API moved and the version did not,
it fails and says which release the change needs. `fedctl bump` uses the same classification to
refuse a version that is too small. The classification reads both reports with tree-sitter:

* an export removed, a member of an interface removed, or any declaration whose type changed:
  **major** (every consumer that uses it breaks);
* an export added, or a member added to an interface (a new field of the state shape): **minor**;
* no change of the public API: **patch**.

It errs on the safe side: a changed signature counts as major even where it only widened.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import Annotated

import nodesemver
import typer
from tree_sitter import Node

from fedctl.audit.sources import SourceFile
from fedctl.manifest import Manifest, ManifestError, find_root
from fedctl.manifest import load as load_manifest

REPORT_DIRECTORY = "etc"  # API Extractor's own default folder for reports
_HEADER = "<!-- fedctl contract: {package} {version} (its public API; written by `fedctl bump`, never by hand) -->"
_HEADER_PATTERN = re.compile(r"^<!-- fedctl contract: (\S+) (\S+) ")


class ContractError(Exception):
    """The API report cannot be produced (the message says why and what to do)."""


class Level(IntEnum):
    """How big a release a change needs, in semver's order."""

    PATCH = 0
    MINOR = 1
    MAJOR = 2

    @property
    def word(self) -> str:
        return self.name.lower()


@dataclass
class Classification:
    level: Level
    reasons: list[str] = field(default_factory=list)

    def summary(self, limit: int = 8) -> str:
        shown = self.reasons[:limit]
        more = len(self.reasons) - len(shown)
        return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")


@dataclass(frozen=True)
class Report:
    package: str
    version: str | None
    body: str


# --- producing the report -------------------------------------------------------------------


def report_path(manifest: Manifest, package: str) -> Path:
    workspace = manifest.in_house_packages().get(package)
    if workspace is None:
        known = ", ".join(manifest.in_house_packages()) or "none"
        raise ContractError(f"{package} is not an in-house package of federation.json (known: {known})")
    return workspace / REPORT_DIRECTORY / f"{package.rsplit('/', 1)[-1]}.api.md"


def package_version(manifest: Manifest, package: str) -> str:
    data = json.loads((manifest.in_house_packages()[package] / "package.json").read_text(encoding="utf-8"))
    version = data.get("version")
    if not isinstance(version, str):
        raise ContractError(f"{package}: package.json has no version")
    return version


def generate(manifest: Manifest, package: str) -> str:
    """The API report of the package as its sources are now (tsc declarations, then API Extractor)."""
    root = manifest.root
    workspace = manifest.in_house_packages()[package]
    package_json = json.loads((workspace / "package.json").read_text(encoding="utf-8"))
    entry = workspace / str(package_json.get("types") or package_json.get("main") or "src/index.ts")
    tsc = root / "node_modules" / ".bin" / "tsc"
    extractor = root / "node_modules" / ".bin" / "api-extractor"
    for tool in (tsc, extractor):
        if not tool.exists():
            raise ContractError(f"{tool.name} is not installed: run `npm ci` at {root}")
    with tempfile.TemporaryDirectory(prefix="fedctl-contract-") as scratch_name:
        scratch = Path(scratch_name)
        project = scratch / "package"
        project.mkdir()
        # API Extractor reads the package name from the package.json beside its config.
        shutil.copy(workspace / "package.json", project / "package.json")
        declarations = project / "dts"
        tsconfig = {
            "extends": str(root / "tsconfig.base.json"),
            "compilerOptions": {
                "noEmit": False,
                "declaration": True,
                "emitDeclarationOnly": True,
                "outDir": str(declarations),
                "rootDir": str(workspace),
                "jsx": "react-jsx",
                "types": ["node"],
                "typeRoots": [str(root / "node_modules" / "@types")],
            },
            "files": [str(entry)],
        }
        (scratch / "tsconfig.json").write_text(json.dumps(tsconfig))
        _run([str(tsc), "-p", str(scratch / "tsconfig.json")], root, f"{package}: tsc could not emit declarations")
        main = declarations / entry.relative_to(workspace).with_suffix(".d.ts")
        reports = scratch / "report"
        reports.mkdir()
        config = {
            "projectFolder": str(project),
            "mainEntryPointFilePath": str(main),
            "compiler": {"tsconfigFilePath": str(scratch / "tsconfig.json")},
            "apiReport": {
                "enabled": True,
                "reportFolder": str(reports),
                "reportTempFolder": str(scratch / "temp"),
            },
            "docModel": {"enabled": False},
            "dtsRollup": {"enabled": False},
            "tsdocMetadata": {"enabled": False},
            "messages": {
                "compilerMessageReporting": {"default": {"logLevel": "warning"}},
                "extractorMessageReporting": {"default": {"logLevel": "none"}},
                "tsdocMessageReporting": {"default": {"logLevel": "none"}},
            },
        }
        (project / "api-extractor.json").write_text(json.dumps(config))
        _run(
            [str(extractor), "run", "--local", "--config", str(project / "api-extractor.json")],
            root,
            f"{package}: API Extractor failed",
        )
        produced = sorted(reports.glob("*.api.md"))
        if not produced:
            raise ContractError(f"{package}: API Extractor wrote no report")
        return produced[0].read_text(encoding="utf-8")


def _run(command: list[str], cwd: Path, failure: str) -> None:
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        tail = "\n".join((completed.stdout + completed.stderr).strip().splitlines()[-15:])
        raise ContractError(f"{failure}:\n{tail}")


def render(package: str, version: str, body: str) -> str:
    return _HEADER.format(package=package, version=version) + "\n\n" + body


def read(path: Path) -> Report | None:
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    match = _HEADER_PATTERN.match(first)
    if match is None:
        return Report("", None, text)
    return Report(match.group(1), match.group(2), rest.lstrip("\n"))


def write(manifest: Manifest, package: str, version: str, body: str) -> Path:
    path = report_path(manifest, package)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(package, version, body), encoding="utf-8")
    return path


# --- classifying a change ------------------------------------------------------------------


def _declarations(report_body: str) -> dict[str, tuple[str, dict[str, str]]]:
    """name -> (normalised declaration text, interface members by name) from a report's ts block."""
    code = report_body
    if "```ts" in code:
        code = code.split("```ts", 1)[1].rsplit("```", 1)[0]
    source = SourceFile(Path("report.d.ts"), code.encode())
    found: dict[str, tuple[str, dict[str, str]]] = {}
    for statement in source.root.named_children:
        node = statement
        if node.type == "export_statement":
            inner = node.child_by_field_name("declaration")
            if inner is None:
                continue
            node = inner
        name = _declared_name(node)
        if name is None:
            continue
        members: dict[str, str] = {}
        if node.type == "interface_declaration":
            body = node.child_by_field_name("body")
            for member in body.named_children if body is not None else []:
                key = member.child_by_field_name("name")
                if key is not None:
                    members[SourceFile.node_text(key)] = _normalise(member)
        text = _normalise(node)
        if name in found:  # overloads and declaration merging: keep them together
            previous_text, previous_members = found[name]
            text, members = previous_text + "\n" + text, {**previous_members, **members}
        found[name] = (text, members)
    return found


def _declared_name(node: Node) -> str | None:
    if node.type in ("lexical_declaration", "variable_declaration"):
        declarator = next((c for c in node.named_children if c.type == "variable_declarator"), None)
        name = declarator.child_by_field_name("name") if declarator is not None else None
    elif node.type in ("import_statement", "comment"):
        return None
    else:
        name = node.child_by_field_name("name")
    return SourceFile.node_text(name) if name is not None else None


def _normalise(node: Node) -> str:
    parts: list[str] = []

    def visit(current: Node) -> None:
        if current.type == "comment":
            return
        if current.child_count == 0:
            parts.append(SourceFile.node_text(current))
        for child in current.children:
            visit(child)

    visit(node)
    return " ".join(parts)


def classify(old_body: str, new_body: str) -> Classification:
    old, new = _declarations(old_body), _declarations(new_body)
    result = Classification(Level.PATCH)

    def need(level: Level, reason: str) -> None:
        result.level = max(result.level, level)
        result.reasons.append(reason)

    for name in sorted(old.keys() - new.keys()):
        need(Level.MAJOR, f"removed {name}")
    for name in sorted(old.keys() & new.keys()):
        (old_text, old_members), (new_text, new_members) = old[name], new[name]
        if old_text == new_text:
            continue
        if old_members or new_members:
            header_old = old_text.split("{", 1)[0]
            header_new = new_text.split("{", 1)[0]
            changed = [m for m in old_members if m in new_members and old_members[m] != new_members[m]]
            for member in sorted(old_members.keys() - new_members.keys()):
                need(Level.MAJOR, f"removed {name}.{member}")
            for member in changed:
                need(Level.MAJOR, f"changed the type of {name}.{member}")
            for member in sorted(new_members.keys() - old_members.keys()):
                need(Level.MINOR, f"added {name}.{member}")
            if header_old != header_new:
                need(Level.MAJOR, f"changed the declaration of {name}")
        else:
            need(Level.MAJOR, f"changed the type of {name}")
    for name in sorted(new.keys() - old.keys()):
        need(Level.MINOR, f"added {name}")
    return result


def bump_level(old_version: str, new_version: str) -> Level | None:
    """The release `old -> new` is, or None when new is not above old."""
    old, new = nodesemver.make_semver(old_version, False), nodesemver.make_semver(new_version, False)
    if not nodesemver.gt(new_version, old_version, False):
        return None
    if new.major != old.major:
        return Level.MAJOR
    if new.minor != old.minor:
        return Level.MINOR
    return Level.PATCH


def smallest_version(old_version: str, level: Level) -> str:
    version: str = nodesemver.inc(old_version, level.word, False)
    return version


# --- the command ----------------------------------------------------------------------------


@dataclass
class Verdict:
    package: str
    ok: bool
    message: str


def check_package(manifest: Manifest, package: str) -> Verdict:
    path = report_path(manifest, package)
    relative = path.relative_to(manifest.root).as_posix()
    version = package_version(manifest, package)
    committed = read(path)
    current = generate(manifest, package)
    if committed is None or committed.version is None:
        return Verdict(
            package,
            False,
            f"{package}: no API report at {relative}; record the API with `fedctl contract --write`",
        )
    change = classify(committed.body, current)
    api_changed = committed.body != current
    if committed.version != version:
        return Verdict(
            package,
            False,
            f"{package}: package.json says {version} but {relative} describes {committed.version}; versions "
            f"move only through `fedctl bump {package} VERSION`, which checks the change and writes the report",
        )
    if api_changed:
        if change.level is Level.PATCH:
            detail = "the report's text changed but no declaration did"
            action = f"`fedctl bump {package} {smallest_version(version, Level.PATCH)}`"
        else:
            detail = change.summary()
            action = f"`fedctl bump {package} {smallest_version(version, change.level)}` (or higher)"
        return Verdict(
            package,
            False,
            f"{package}: the public API changed since {version} ({detail}); this needs a {change.level.word} "
            f"release: run {action}",
        )
    return Verdict(package, True, f"{package} {version}: the public API matches {relative}")


def contract(
    package: Annotated[
        list[str] | None, typer.Argument(help="In-house packages to check (default: all of federation.json).")
    ] = None,
    write_missing: Annotated[
        bool, typer.Option("--write", help="Record the API of packages that have no report yet.")
    ] = False,
    root: Annotated[Path | None, typer.Option("--root", help="Repository root (default: found upwards).")] = None,
) -> None:
    """Check that each in-house package's public API matches its committed report and version.

    An API change needs a new version: a removal, a rename or a changed type needs a major one, an
    addition a minor one. `fedctl bump PACKAGE VERSION` checks the version and updates the report.
    """
    try:
        manifest = load_manifest(root.resolve() if root else find_root())
        names = package or list(manifest.in_house_packages())
        failures = 0
        for name in names:
            path = report_path(manifest, name)
            if write_missing and read(path) is None:
                version = package_version(manifest, name)
                write(manifest, name, version, generate(manifest, name))
                typer.echo(f"{name} {version}: recorded {path.relative_to(manifest.root).as_posix()}")
                continue
            verdict = check_package(manifest, name)
            typer.echo(verdict.message, err=not verdict.ok)
            failures += not verdict.ok
    except (ContractError, ManifestError) as exc:
        typer.echo(f"fedctl contract: error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if failures:
        raise typer.Exit(1)
