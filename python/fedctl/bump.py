"""`fedctl bump PACKAGE VERSION`: move an in-house shared package to a new version everywhere at once.

The reference's rule for a federated singleton is "bump everywhere or roll back everywhere". This
command does the "everywhere": the package's own package.json, every package.json (and the root
package-lock.json) that pins it, the `requiredVersion` / `version` literals of `federation.json`,
and any such literal written into a webpack or Next config. Configs that derive `requiredVersion`
from the package's package.json need no edit, which is why that is the recommended layout.

Files are edited in place, value by value, so their formatting is kept.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from fedctl.audit.semver import SEMVER_PATTERN, replace_version_keeping_operator
from fedctl.audit.sources import SKIP_DIRS, SourceFile, string_value, walk

_DEPENDENCY_SECTIONS = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")
_CONFIG_NAMES = ("webpack", "next.config", "rspack")
_CONFIG_SUFFIXES = (".js", ".cjs", ".mjs", ".ts")


@dataclass(frozen=True)
class Change:
    path: Path
    what: str
    old: str
    new: str


def bump(
    package: Annotated[str, typer.Argument(help="The in-house package, e.g. @myapp/store.")],
    version: Annotated[str, typer.Argument(help="The new semver version, e.g. 1.1.0.")],
    root: Annotated[Path, typer.Option("--root", help="Repository root.")] = Path("."),
) -> None:
    """Bump an in-house shared package's version in its package.json and wherever the federation reads it."""
    if not SEMVER_PATTERN.match(version):
        typer.echo(f"fedctl bump: error: {version!r} is not a semver version (like 1.2.3)", err=True)
        raise typer.Exit(2)
    root = root.resolve()
    try:
        manifests = _manifests(root)
        manifest_path = _package_manifest(root, package, manifests)
    except ValueError as exc:
        typer.echo(f"fedctl bump: error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if manifest_path is None:
        typer.echo(
            f"fedctl bump: error: unknown package {package}: it is neither in federation.json's "
            f"shared map nor the name of a package.json under {root}",
            err=True,
        )
        raise typer.Exit(2)
    changes: list[Change] = []
    changes += _edit_json(manifest_path, [(("version",), version)])
    for path in manifests:
        changes += _edit_json(path, _pin_edits(_load(path), package, version))
    lock = root / "package-lock.json"
    if lock.is_file():
        changes += _edit_json(lock, _lock_edits(_load(lock), root, manifest_path.parent, package, version))
    federation = root / "federation.json"
    if federation.is_file():
        changes += _edit_json(federation, _federation_edits(_load(federation), package, version))
    for config in _configs(root):
        changes += _edit_config(config, package, version)
    if not changes:
        typer.echo(f"{package} is already at {version}; nothing to change")
        return
    for change in changes:
        relative = change.path.relative_to(root).as_posix()
        typer.echo(f"{relative}: {change.what} {change.old} -> {change.new}")


def _manifests(root: Path) -> list[Path]:
    found: list[Path] = []
    for current, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        if "package.json" in files:
            found.append(Path(current) / "package.json")
    return found


def _load(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from exc


def _package_manifest(root: Path, package: str, manifests: list[Path]) -> Path | None:
    federation = root / "federation.json"
    if federation.is_file():
        shared = _load(federation).get("shared")
        entry = shared.get(package) if isinstance(shared, dict) else None
        workspace = entry.get("workspace") if isinstance(entry, dict) else None
        if isinstance(workspace, str) and (root / workspace / "package.json").is_file():
            return root / workspace / "package.json"
    for path in manifests:
        data = _load(path)
        if isinstance(data, dict) and data.get("name") == package:
            return path
    return None


JsonPath = tuple[str, ...]


def _pin_edits(data: Any, package: str, version: str) -> list[tuple[JsonPath, str]]:
    edits: list[tuple[JsonPath, str]] = []
    if not isinstance(data, dict):
        return edits
    for section in _DEPENDENCY_SECTIONS:
        deps = data.get(section)
        spec = deps.get(package) if isinstance(deps, dict) else None
        if isinstance(spec, str):
            new_spec = replace_version_keeping_operator(spec, version)
            if new_spec is not None:
                edits.append(((section, package), new_spec))
    return edits


def _lock_edits(data: Any, root: Path, package_dir: Path, package: str, version: str) -> list[tuple[JsonPath, str]]:
    edits: list[tuple[JsonPath, str]] = []
    entries = data.get("packages") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        return edits
    workspace_key = package_dir.relative_to(root).as_posix()
    for key, entry in entries.items():
        if not isinstance(entry, dict):
            continue
        if key == workspace_key and isinstance(entry.get("version"), str):
            edits.append(((("packages", key, "version")), version))
        edits += [(("packages", key, *path), spec) for path, spec in _pin_edits(entry, package, version)]
    return edits


def _federation_edits(data: Any, package: str, version: str) -> list[tuple[JsonPath, str]]:
    shared = data.get("shared") if isinstance(data, dict) else None
    entry = shared.get(package) if isinstance(shared, dict) else None
    edits: list[tuple[JsonPath, str]] = []
    if isinstance(entry, dict):
        for key in ("requiredVersion", "version"):
            value = entry.get(key)
            if isinstance(value, str):
                new_value = replace_version_keeping_operator(value, version)
                if new_value is not None:
                    edits.append((("shared", package, key), new_value))
    return edits


def _edit_json(path: Path, edits: list[tuple[JsonPath, str]]) -> list[Change]:
    """Replace string values at JSON paths in place, keeping the file's formatting."""
    if not edits:
        return []
    text = path.read_text(encoding="utf-8")
    spans = _string_spans(text)
    changes: list[Change] = []
    replacements: list[tuple[int, int, str]] = []
    for json_path, new_value in edits:
        span = spans.get(json_path)
        if span is None:
            continue
        start, end = span
        old_value = json.loads(text[start:end])
        if old_value == new_value:
            continue
        replacements.append((start, end, json.dumps(new_value)))
        changes.append(Change(path, ".".join(json_path), old_value, new_value))
    for start, end, replacement in sorted(replacements, reverse=True):
        text = text[:start] + replacement + text[end:]
    if replacements:
        path.write_text(text, encoding="utf-8")
    return changes


def _string_spans(text: str) -> dict[JsonPath, tuple[int, int]]:
    """Source spans of every string value in a JSON document, by key path."""
    decoder = json.JSONDecoder()
    spans: dict[JsonPath, tuple[int, int]] = {}

    def skip(i: int) -> int:
        while i < len(text) and text[i] in " \t\r\n":
            i += 1
        return i

    def value(i: int, path: JsonPath) -> int:
        i = skip(i)
        if text[i] == "{":
            i = skip(i + 1)
            if text[i] == "}":
                return i + 1
            while True:
                key, i = decoder.raw_decode(text, skip(i))
                i = skip(i)
                i = value(i + 1, (*path, str(key)))  # past the colon
                i = skip(i)
                if text[i] == "}":
                    return i + 1
                i += 1  # the comma
        if text[i] == "[":
            i = skip(i + 1)
            if text[i] == "]":
                return i + 1
            index = 0
            while True:
                i = skip(value(i, (*path, str(index))))
                index += 1
                if text[i] == "]":
                    return i + 1
                i += 1
        _, end = decoder.raw_decode(text, i)
        if text[i] == '"':
            spans[path] = (i, end)
        return end

    value(0, ())
    return spans


def _configs(root: Path) -> list[Path]:
    found: list[Path] = []
    for current, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            if name.startswith(_CONFIG_NAMES) and name.endswith(_CONFIG_SUFFIXES):
                found.append(Path(current) / name)
    return found


def _edit_config(path: Path, package: str, version: str) -> list[Change]:
    """Rewrite `'<package>': { requiredVersion: '1.0.0' }` string literals in a JS/TS config."""
    source = SourceFile(path, path.read_bytes())
    replacements: list[tuple[int, int, bytes, Change]] = []
    for node in walk(source.root):
        if node.type != "pair":
            continue
        key = node.child_by_field_name("key")
        value = node.child_by_field_name("value")
        name = string_value(key) if key is not None and key.type == "string" else None
        if name is None and key is not None:
            name = SourceFile.node_text(key)
        if name != package or value is None or value.type != "object":
            continue
        for option in value.named_children:
            if option.type != "pair":
                continue
            option_key = option.child_by_field_name("key")
            literal = option.child_by_field_name("value")
            option_name = SourceFile.node_text(option_key) if option_key is not None else ""
            old = string_value(literal)
            if option_name.strip("'\"") not in ("requiredVersion", "version") or old is None or literal is None:
                continue
            new = replace_version_keeping_operator(old, version)
            if new is None or new == old:
                continue
            quote = SourceFile.node_text(literal)[0]
            replacements.append(
                (
                    literal.start_byte,
                    literal.end_byte,
                    f"{quote}{new}{quote}".encode(),
                    Change(path, f"{package} {option_name.strip(chr(39) + chr(34))}", old, new),
                )
            )
    text = source.text
    for start, end, replacement, _ in sorted(replacements, key=lambda r: r[0], reverse=True):
        text = text[:start] + replacement + text[end:]
    if replacements:
        path.write_bytes(text)
    return [change for *_, change in replacements]
