"""The store contract: each in-house package's public API, recorded, compared and classified.

Every in-house package of federation.json (a `shared` entry with a `workspace`) has a committed
API report, `<workspace>/etc/<name>.api.md`, written by API Extractor from the package's type
declarations: its exports, the action types of its action creators, its selectors' signatures and
the state shape. Its first line names the version it describes.

`fedctl contract` regenerates each report and compares: when the API moved and the version did not,
it fails and says which release the change needs. `fedctl bump` uses the same classification to
refuse a version that is too small. The classification reads both reports with tree-sitter and
walks each declaration's type: a removal or any change of an existing type needs a **major**
release, an addition (an export, a field of the state shape, a slice, an optional parameter) a
**minor** one, except that a new required field of what callers build (an action's payload) is
major; no change of a declaration is a **patch**. The full rules are above `classify` below.
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
#
# API Extractor's report diff says only *that* the public API moved; what the move means for the
# remotes built against the old version decides the release. The rules, applied to each declaration
# by walking both reports' type trees side by side (every rule is exercised by tests/contract/):
#
# * an export removed (a declaration or a re-export), a member removed, a member's type changed in
#   any way (narrowed or widened: `string | null` -> `string`, a union that gains a case, a literal
#   action type that changes), optional <-> required, a parameter removed or added as required:
#   MAJOR, because code built against the old version stops compiling or reads what is not there;
# * an export added, a member added to an object type (a new field of the state shape, a new slice
#   in the root state, a new reducer or selector of a slice), an optional parameter added at the end:
#   MINOR, because everything that used the old API still works;
# * except in what callers BUILD: the payload of an action (the first type argument of
#   `ActionCreatorWithPayload`, `PayloadAction` and their kin), the parameters of an exported
#   function, and every named type reachable from them. There a new *required* field is MAJOR (every
#   `dispatch(setUser({...}))` written before it no longer type-checks), a new optional one MINOR;
# * no declaration changed (comments, release tags, import order): PATCH.

# Generic types whose first type argument is what a caller passes in.
_PAYLOAD_GENERICS = frozenset(
    {
        "ActionCreatorWithPayload",
        "ActionCreatorWithOptionalPayload",
        "ActionCreatorWithPreparedPayload",
        "PayloadActionCreator",
        "PayloadAction",
    }
)
_FUNCTION_DECLARATIONS = frozenset({"function_signature", "function_declaration"})
_VARIABLE_DECLARATIONS = frozenset({"lexical_declaration", "variable_declaration"})
_FLATTENED = frozenset({"union_type", "intersection_type"})


def _code(report_body: str) -> str:
    if "```ts" in report_body:
        return report_body.split("```ts", 1)[1].rsplit("```", 1)[0]
    return report_body


def _declarations(report_body: str) -> dict[str, list[Node]]:
    """Exported name -> its declaration nodes (several for overloads and merged declarations)."""
    source = SourceFile(Path("report.d.ts"), _code(report_body).encode())
    found: dict[str, list[Node]] = {}
    for statement in source.root.named_children:
        node = statement
        if node.type == "export_statement":
            inner = node.child_by_field_name("declaration")
            if inner is None:
                # `export { Provider }`: a re-export is part of the API like any declaration.
                for clause in (c for c in node.named_children if c.type == "export_clause"):
                    for specifier in (s for s in clause.named_children if s.type == "export_specifier"):
                        exported = specifier.child_by_field_name("alias") or specifier.child_by_field_name("name")
                        if exported is not None:
                            found.setdefault(SourceFile.node_text(exported), []).append(specifier)
                continue
            node = inner
        if node.type == "ambient_declaration" and node.named_children:
            node = node.named_children[0]
        name = _declared_name(node)
        if name is not None:
            found.setdefault(name, []).append(node)
    return found


def _declared_name(node: Node) -> str | None:
    if node.type in _VARIABLE_DECLARATIONS:
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


def _type_identifiers(node: Node) -> set[str]:
    names: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "type_identifier":
            names.add(SourceFile.node_text(current))
        stack.extend(current.children)
    return names


def _built_by_callers(declarations: dict[str, list[Node]]) -> set[str]:
    """Named types that appear in an action payload or a function parameter, and what they use."""
    found: set[str] = set()
    for nodes in declarations.values():
        for node in nodes:
            if node.type in _FUNCTION_DECLARATIONS:
                parameters = node.child_by_field_name("parameters")
                found |= _type_identifiers(parameters) if parameters is not None else set()
            stack = [node]
            while stack:
                current = stack.pop()
                if current.type == "generic_type" and _generic_name(current) in _PAYLOAD_GENERICS:
                    arguments = _type_arguments(current)
                    if arguments:
                        found |= _type_identifiers(arguments[0])
                stack.extend(current.children)
    pending = list(found)
    while pending:
        for node in declarations.get(pending.pop(), []):
            for name in _type_identifiers(node) - found:
                found.add(name)
                pending.append(name)
    return found


def _generic_name(node: Node) -> str:
    name = node.child_by_field_name("name")
    return SourceFile.node_text(name) if name is not None else ""


def _type_arguments(node: Node) -> list[Node]:
    arguments = node.child_by_field_name("type_arguments")
    return list(arguments.named_children) if arguments is not None else []


def _unwrap(node: Node) -> Node:
    while node.type in ("type_annotation", "parenthesized_type") and node.named_children:
        node = node.named_children[0]
    return node


def _operands(node: Node) -> list[Node]:
    """`A | B | C` as [A, B, C] (tree-sitter nests unions and intersections pairwise); the element
    types of a tuple or an array."""
    if node.type not in _FLATTENED:
        return list(node.named_children)
    kind = node.type
    result: list[Node] = []
    for child in node.named_children:
        result.extend(_operands(child) if child.type == kind else [child])
    return result


def _member_key(member: Node, seen: dict[str, int]) -> str:
    name = member.child_by_field_name("name")
    key = SourceFile.node_text(name) if name is not None else member.type
    seen[key] = seen.get(key, 0) + 1
    return key if seen[key] == 1 else f"{key}#{seen[key]}"


def _members(body: Node | None) -> dict[str, Node]:
    seen: dict[str, int] = {}
    return {_member_key(m, seen): m for m in (body.named_children if body is not None else []) if m.type != "comment"}


def _is_optional(member: Node) -> bool:
    return any(child.type == "?" for child in member.children)


class _Comparison:
    """Walks an old and a new declaration side by side and records what each difference needs."""

    def __init__(self, built_by_callers: set[str]) -> None:
        self.built_by_callers = built_by_callers
        self.result = Classification(Level.PATCH)

    def need(self, level: Level, reason: str) -> None:
        self.result.level = max(self.result.level, level)
        if reason not in self.result.reasons:
            self.result.reasons.append(reason)

    def changed(self, where: str) -> None:
        self.need(Level.MAJOR, f"changed the type of {where}")

    def declaration(self, name: str, old: Node, new: Node) -> None:
        if _normalise(old) == _normalise(new):
            return
        if old.type != new.type:
            self.need(Level.MAJOR, f"changed the declaration of {name}")
            return
        built = name in self.built_by_callers
        if old.type == "interface_declaration":
            if self._header(old) != self._header(new):
                self.need(Level.MAJOR, f"changed the declaration of {name}")
            self.members(old.child_by_field_name("body"), new.child_by_field_name("body"), name, built, direct=True)
        elif old.type == "type_alias_declaration":
            if self._header(old) != self._header(new):
                self.need(Level.MAJOR, f"changed the declaration of {name}")
            self.type(old.child_by_field_name("value"), new.child_by_field_name("value"), name, built)
        elif old.type in _VARIABLE_DECLARATIONS:
            self.type(self._variable_type(old), self._variable_type(new), name, built)
        elif old.type in _FUNCTION_DECLARATIONS:
            self.function(old, new, name, built=False, parameters_built=True)
        else:  # classes, enums, namespaces: any change counts
            self.changed(name)

    @staticmethod
    def _header(node: Node) -> str:
        return " ".join(
            _normalise(child) for child in node.children if child.type not in ("interface_body", "object_type")
        ).rsplit("=", 1)[0]

    @staticmethod
    def _variable_type(node: Node) -> Node | None:
        declarator = next((c for c in node.named_children if c.type == "variable_declarator"), None)
        return declarator.child_by_field_name("type") if declarator is not None else None

    def type(self, old: Node | None, new: Node | None, where: str, built: bool) -> None:
        if old is None or new is None:
            if (old is None) != (new is None):
                self.changed(where)
            return
        old, new = _unwrap(old), _unwrap(new)
        if _normalise(old) == _normalise(new):
            return
        if old.type != new.type:
            self.changed(where)
        elif old.type == "object_type":
            self.members(old, new, where, built, direct=False)
        elif old.type == "generic_type":
            name = _generic_name(old)
            old_arguments, new_arguments = _type_arguments(old), _type_arguments(new)
            if name != _generic_name(new) or len(old_arguments) != len(new_arguments):
                self.changed(where)
                return
            for index, (a, b) in enumerate(zip(old_arguments, new_arguments, strict=True)):
                self.type(a, b, where, built or (index == 0 and name in _PAYLOAD_GENERICS))
        elif old.type == "function_type":
            self.function(old, new, where, built, parameters_built=built)
        elif old.type in (*_FLATTENED, "tuple_type", "array_type"):
            old_parts, new_parts = _operands(old), _operands(new)
            if len(old_parts) != len(new_parts):
                self.changed(where)
                return
            for a, b in zip(old_parts, new_parts, strict=True):
                self.type(a, b, where, built)
        else:
            self.changed(where)

    def function(self, old: Node, new: Node, where: str, built: bool, parameters_built: bool) -> None:
        generics = [node.child_by_field_name("type_parameters") for node in (old, new)]
        if len({_normalise(g) if g is not None else "" for g in generics}) > 1:
            self.changed(where)
        parameters = [node.child_by_field_name("parameters") for node in (old, new)]
        old_parameters = [p for p in (parameters[0].named_children if parameters[0] else []) if p.type != "comment"]
        new_parameters = [p for p in (parameters[1].named_children if parameters[1] else []) if p.type != "comment"]
        for a, b in zip(old_parameters, new_parameters, strict=False):
            if a.type != b.type:
                self.changed(where)
            else:
                self.type(a.child_by_field_name("type"), b.child_by_field_name("type"), where, parameters_built)
        if len(new_parameters) < len(old_parameters):
            self.need(Level.MAJOR, f"removed a parameter of {where}")
        for extra in new_parameters[len(old_parameters) :]:
            if extra.type == "optional_parameter":
                self.need(Level.MINOR, f"added an optional parameter to {where}")
            else:
                self.need(Level.MAJOR, f"added a required parameter to {where}")
        self.type(old.child_by_field_name("return_type"), new.child_by_field_name("return_type"), where, built)

    def members(self, old: Node | None, new: Node | None, where: str, built: bool, direct: bool) -> None:
        old_members, new_members = _members(old), _members(new)

        def label(key: str) -> str:
            return f"{where}.{key.split('#')[0]}" if direct else f"{key.split('#')[0]} in {where}"

        for key in sorted(old_members.keys() - new_members.keys()):
            self.need(Level.MAJOR, f"removed {label(key)}")
        for key in sorted(new_members.keys() - old_members.keys()):
            if built and not _is_optional(new_members[key]) and new_members[key].type == "property_signature":
                self.need(Level.MAJOR, f"added required {label(key)} to what callers pass in")
            else:
                self.need(Level.MINOR, f"added {label(key)}")
        for key in sorted(old_members.keys() & new_members.keys()):
            a, b = old_members[key], new_members[key]
            inner = label(key) if direct else where
            if _normalise(a) == _normalise(b):
                continue
            if a.type != b.type or _is_optional(a) != _is_optional(b):
                self.changed(label(key))
            elif a.type == "property_signature":
                if [c.type for c in a.children if c.type == "readonly"] != [
                    c.type for c in b.children if c.type == "readonly"
                ]:
                    self.changed(label(key))
                self.type(a.child_by_field_name("type"), b.child_by_field_name("type"), inner, built)
            elif a.type == "method_signature":
                self.function(a, b, inner, built, parameters_built=built)
            else:
                self.changed(label(key))


def classify(old_body: str, new_body: str) -> Classification:
    """The smallest release that carries the change from one API report to the next (rules above)."""
    old, new = _declarations(old_body), _declarations(new_body)
    comparison = _Comparison(_built_by_callers(old) | _built_by_callers(new))
    for name in sorted(old.keys() - new.keys()):
        comparison.need(Level.MAJOR, f"removed {name}")
    for name in sorted(old.keys() & new.keys()):
        old_nodes, new_nodes = old[name], new[name]
        if len(old_nodes) != len(new_nodes):
            if [_normalise(n) for n in old_nodes] != [_normalise(n) for n in new_nodes]:
                comparison.need(Level.MAJOR, f"changed the declaration of {name}")
            continue
        for a, b in zip(old_nodes, new_nodes, strict=True):
            comparison.declaration(name, a, b)
    for name in sorted(new.keys() - old.keys()):
        comparison.need(Level.MINOR, f"added {name}")
    return comparison.result


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
