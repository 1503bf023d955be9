"""`fedctl bump PACKAGE VERSION`: move an in-house shared package to a new version everywhere at once.

The reference's rule for a federated singleton is "bump everywhere or roll back everywhere". This
command does the "everywhere": the package's own package.json, every package.json that pins it and
the lock file (all three through npm itself: `npm pkg set`, `npm version`, `npm install
--package-lock-only`), the `requiredVersion` / `version` literals of `federation.json`, and any such
literal written into a webpack or Next config. Configs that derive `requiredVersion` from the
package's package.json need no edit, which is why that is the recommended layout.

Where the package has an API report (see `fedctl contract`), the bump is checked first: the change
of the public API since the reported version decides the smallest release it needs, and a version
below that is refused with the reasons. The report is then rewritten for the new version.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import nodesemver
import typer

from fedctl import contract
from fedctl.audit.sources import SKIP_DIRS, SourceFile, string_value, walk
from fedctl.manifest import ManifestError
from fedctl.manifest import load as load_manifest

_DEPENDENCY_SECTIONS = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")
_CONFIG_NAMES = ("webpack", "next.config", "rspack")
_CONFIG_SUFFIXES = (".js", ".cjs", ".mjs", ".ts")


@dataclass(frozen=True)
class Change:
    path: Path
    what: str
    old: str
    new: str


class BumpError(Exception):
    """The bump cannot be done; the message says why and what to do."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def bump(
    package: Annotated[str, typer.Argument(help="The in-house package, e.g. @myapp/store.")],
    version: Annotated[str, typer.Argument(help="The new semver version, e.g. 1.1.0.")],
    root: Annotated[Path, typer.Option("--root", help="Repository root.")] = Path("."),
) -> None:
    """Bump an in-house shared package's version in its package.json and wherever the federation reads it.

    When the package has an API report, a version too small for the API change is refused.
    """
    parsed = nodesemver.valid(version, False)
    if parsed is None or version.startswith("v") or version.split("+")[0] != parsed.version:
        typer.echo(f"fedctl bump: error: {version!r} is not a semver version (like 1.2.3)", err=True)
        raise typer.Exit(2)
    root = root.resolve()
    try:
        manifests = _manifests(root)
        manifest_path = _package_manifest(root, package, manifests)
        if manifest_path is None:
            raise BumpError(
                f"unknown package {package}: it is neither in federation.json's shared map nor the name "
                f"of a package.json under {root}",
                exit_code=2,
            )
        report = _check_contract(root, package, version)
        changes = _apply(root, package, version, manifest_path, manifests)
        if report is not None:
            federation, body, _ = report
            path = contract.write(federation, package, version, body)
            changes.append(Change(path, "API report for", f"{package} {report[2]}", version))
    except (BumpError, contract.ContractError) as exc:
        typer.echo(f"fedctl bump: error: {exc}", err=True)
        raise typer.Exit(exc.exit_code if isinstance(exc, BumpError) else 2) from exc
    if not changes:
        typer.echo(f"{package} is already at {version}; nothing to change")
        return
    for change in changes:
        relative = change.path.relative_to(root).as_posix()
        typer.echo(f"{relative}: {change.what} {change.old} -> {change.new}")


def _check_contract(root: Path, package: str, version: str) -> tuple[Any, str, str] | None:
    """Refuse a version too small for the API change; (manifest, new report, old version) to write."""
    try:
        federation = load_manifest(root)
    except ManifestError:
        return None
    if package not in federation.in_house_packages():
        return None
    committed = contract.read(contract.report_path(federation, package))
    if committed is None or committed.version is None:
        return None
    current = contract.generate(federation, package)
    change = contract.classify(committed.body, current)
    base = committed.version
    if version == base:
        if change.level is not contract.Level.PATCH or committed.body != current:
            raise BumpError(
                f"{package} is at {base} but its public API changed ({change.summary() or 'report text'}); "
                f"choose a version above {base}"
            )
        return None
    level = contract.bump_level(base, version)
    if level is None:
        raise BumpError(f"{version} is not above {base}, the version {package} is released at")
    if level < change.level:
        raise BumpError(
            f"refused: {base} -> {version} is a {level.word} release, but the public API of {package} "
            f"changed in a way that needs a {change.level.word} one ({change.summary()}); use "
            f"{contract.smallest_version(base, change.level)} or higher"
        )
    return federation, current, base


def _apply(root: Path, package: str, version: str, manifest_path: Path, manifests: list[Path]) -> list[Change]:
    lock = root / "package-lock.json"
    before = {path: _load(path) for path in [*manifests, lock] if path.is_file()}
    workspace_root = _workspace_root(root, manifests)
    pins = [(path, edits) for path in manifests if (edits := _pin_edits(before[path], package, version))]
    if pins or before[manifest_path].get("version") != version:
        for path, edits in pins:
            for (section, name), spec in edits:
                _npm(["pkg", "set", f"{section}.{name}={spec}", *_where(workspace_root, path.parent)], root)
        _npm(
            [
                "version",
                version,
                "--no-git-tag-version",
                "--allow-same-version",
                "--no-workspaces-update",
                *_where(workspace_root, manifest_path.parent),
            ],
            root,
        )
        if lock.is_file():
            install = ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"]
            _npm(install, workspace_root or root)
    changes: list[Change] = []
    for path, old in before.items():
        changes += _differences(path, old, _load(path), package, manifest_path == path)
    federation = root / "federation.json"
    if federation.is_file():
        changes += _edit_federation(federation, package, version)
    for config in _configs(root):
        changes += _edit_config(config, package, version)
    return changes


def _workspace_root(root: Path, manifests: list[Path]) -> Path | None:
    top = root / "package.json"
    return root if top in manifests and "workspaces" in _load(top) else None


def _where(workspace_root: Path | None, directory: Path) -> list[str]:
    """npm's arguments to act on the package in `directory` from the repository root."""
    if workspace_root is None or directory == workspace_root:
        return ["--prefix", str(directory)] if workspace_root is None else []
    return ["--workspace", directory.relative_to(workspace_root).as_posix()]


def _npm(arguments: list[str], cwd: Path) -> None:
    completed = subprocess.run(["npm", *arguments], cwd=cwd, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        tail = "\n".join((completed.stdout + completed.stderr).strip().splitlines()[-10:])
        raise BumpError(f"`npm {' '.join(arguments)}` failed:\n{tail}")


def _differences(path: Path, old: Any, new: Any, package: str, own: bool) -> list[Change]:
    """What moved in a package.json or lock file, as `key.path old -> new` lines."""
    changes: list[Change] = []
    if own and old.get("version") != new.get("version"):
        changes.append(Change(path, "version", str(old.get("version")), str(new.get("version"))))
    entries: list[tuple[tuple[str, ...], Any, Any]] = [((), old, new)]
    if path.name == "package-lock.json":
        old_packages, new_packages = old.get("packages") or {}, new.get("packages") or {}
        entries = [(("packages", key), old_packages.get(key) or {}, new_packages[key]) for key in new_packages]
        for key, old_entry, new_entry in entries:
            old_version, new_version = old_entry.get("version"), new_entry.get("version")
            if new_entry.get("name") == package and old_version != new_version:
                changes.append(Change(path, ".".join((*key, "version")), str(old_version), str(new_version)))
    for prefix, old_entry, new_entry in entries:
        for section in _DEPENDENCY_SECTIONS:
            old_spec = (old_entry.get(section) or {}).get(package)
            new_spec = (new_entry.get(section) or {}).get(package)
            if isinstance(old_spec, str) and old_spec != new_spec:
                changes.append(Change(path, ".".join((*prefix, section, package)), old_spec, str(new_spec)))
    return changes


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


def _pin_edits(data: Any, package: str, version: str) -> list[tuple[tuple[str, str], str]]:
    """((section, package), new spec) for each pin of `package` that names a version."""
    edits: list[tuple[tuple[str, str], str]] = []
    if not isinstance(data, dict):
        return edits
    for section in _DEPENDENCY_SECTIONS:
        deps = data.get(section)
        spec = deps.get(package) if isinstance(deps, dict) else None
        if isinstance(spec, str):
            new_spec = _keeping_operator(spec, version)
            if new_spec is not None and new_spec != spec:
                edits.append(((section, package), new_spec))
    return edits


def _keeping_operator(spec: str, version: str) -> str | None:
    """`^1.0.0` -> `^1.1.0`, `workspace:~1.0.0` -> `workspace:~1.1.0`; None for `*`, ranges, tags."""
    prefix = "workspace:" if spec.startswith("workspace:") else ""
    rest = spec.removeprefix(prefix)
    operator = next((op for op in ("^", "~", ">=", "=") if rest.startswith(op)), "")
    if nodesemver.valid(rest[len(operator) :].strip(), False) is None:  # `*`, `1.x`, ranges, tags
        return None
    return f"{prefix}{operator}{version}"


def _edit_federation(path: Path, package: str, version: str) -> list[Change]:
    """`requiredVersion` / `version` literals of federation.json's entry for the package."""
    data = _load(path)
    entry = (data.get("shared") or {}).get(package) if isinstance(data, dict) else None
    changes: list[Change] = []
    if isinstance(entry, dict):
        for key in ("requiredVersion", "version"):
            value = entry.get(key)
            if not isinstance(value, str):
                continue
            new_value = _keeping_operator(value, version)
            if new_value is not None and new_value != value:
                entry[key] = new_value
                changes.append(Change(path, f"shared.{package}.{key}", value, new_value))
    if changes:
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return changes


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
            new = _keeping_operator(old, version)
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
