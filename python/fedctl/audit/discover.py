"""Find the federation containers and workspace packages of a repository and build the `Project`.

A container is a webpack config that constructs a `ModuleFederationPlugin` (webpack's own or
`@module-federation/enhanced`) or a Next config that constructs a `NextFederationPlugin`. Candidate
configs are evaluated with Node (see `evaluate`); a config that constructs no federation plugin is
not a container.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fedctl.audit.evaluate import EvaluationError, evaluate
from fedctl.audit.model import Container, ContainerKind, Project, WorkspacePackage
from fedctl.audit.sources import SKIP_DIRS, SourceIndex

_WEBPACK_CONFIG = re.compile(r"^webpack(\.[\w-]+)*\.config\.(js|cjs|mjs)$|^webpack\.[\w-]+\.(js|cjs|mjs)$")
_NEXT_CONFIG = re.compile(r"^next\.config\.(js|cjs|mjs)$")
_FEDERATION_HINTS = ("federationplugin", "@module-federation", "federation")
_REDUX_PACKAGES = ("@reduxjs/toolkit", "redux", "react-redux")


class ManifestError(Exception):
    """A package.json that cannot be read."""


def discover(
    root: Path,
    node: str,
    in_house: Iterable[str] = (),
    store: Iterable[str] = (),
) -> Project:
    root = root.resolve()
    manifests, configs = _scan(root)
    packages: dict[str, WorkspacePackage] = {}
    for manifest_path in manifests:
        data = read_manifest(manifest_path)
        name = data.get("name")
        if isinstance(name, str) and name not in packages:
            version = data.get("version")
            packages[name] = WorkspacePackage(
                name, version if isinstance(version, str) else None, manifest_path.parent, manifest_path, data
            )
    containers = _containers(configs, root, node)
    app_dirs = {c.app_dir for c in containers}
    explicit_store = set(store)
    store_packages = explicit_store or {
        pkg.name
        for pkg in packages.values()
        if pkg.directory not in app_dirs
        and pkg.directory != root
        and "workspaces" not in pkg.manifest
        and any(pkg.depends_on(dep) for dep in _REDUX_PACKAGES)
    }
    app_names = {c.manifest.get("name") for c in containers}
    in_house_names = {name for name in packages if name not in app_names} | set(in_house) | store_packages
    return Project(root, containers, packages, in_house_names, store_packages, SourceIndex())


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(f"{path}: cannot read package.json: {exc}") from exc
    if not isinstance(data, dict):
        raise ManifestError(f"{path}: package.json is not a JSON object")
    return data


def _scan(root: Path) -> tuple[list[Path], list[tuple[Path, ContainerKind]]]:
    manifests: list[Path] = []
    configs: list[tuple[Path, ContainerKind]] = []
    for current, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        here = Path(current)
        for name in sorted(files):
            if name == "package.json":
                manifests.append(here / name)
            elif _NEXT_CONFIG.match(name):
                configs.append((here / name, "next"))
            elif _WEBPACK_CONFIG.match(name):
                configs.append((here / name, "webpack"))
    return manifests, configs


def _mentions_federation(path: Path) -> bool:
    # A cheap pre-filter so that unrelated build configs are not executed.
    try:
        text = path.read_text(encoding="utf-8", errors="replace").lower()
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read: {exc}") from exc
    return any(hint in text for hint in _FEDERATION_HINTS)


def _containers(configs: list[tuple[Path, ContainerKind]], root: Path, node: str) -> list[Container]:
    # webpack.config.* wins over webpack.<env>.js in the same directory (they are usually merged).
    ordered = sorted(configs, key=lambda item: (item[0].parent, ".config." not in item[0].name, item[0].name))
    containers: list[Container] = []
    seen: set[tuple[Path, str]] = set()
    for config_path, kind in ordered:
        if not _mentions_federation(config_path):
            continue
        try:
            evaluation = evaluate(config_path, kind, node)
        except EvaluationError as exc:
            # Paths relative to the scanned root read the same on every machine.
            raise EvaluationError(str(exc).replace(f"{root}/", "")) from exc
        if not evaluation.builds:
            continue
        app_dir = config_path.parent.resolve()
        manifest_path = _nearest_manifest(app_dir, root)
        manifest = read_manifest(manifest_path) if manifest_path else {}
        container = Container(kind, config_path.resolve(), app_dir, manifest_path, manifest, evaluation.builds)
        key = (app_dir, container.name)
        if key in seen:
            continue
        seen.add(key)
        if kind == "webpack":
            container.entries = _entry_files(evaluation.webpack_entries, app_dir)
        containers.append(container)
    return containers


def _nearest_manifest(directory: Path, root: Path) -> Path | None:
    for candidate in (directory, *directory.parents):
        if (candidate / "package.json").is_file():
            return candidate / "package.json"
        if candidate == root:
            break
    return None


def _entry_files(entries: list[tuple[Any, str | None]], app_dir: Path) -> list[Path]:
    files: list[Path] = []
    for entry, context in entries:
        base = Path(context) if context else app_dir
        for request in _entry_requests(entry):
            resolved = SourceIndex.resolve_local(base / "_", request if request.startswith(".") else f"./{request}")
            if request.startswith("/"):
                resolved = SourceIndex.resolve_local(Path(request).parent / "_", f"./{Path(request).name}")
            if resolved is not None and resolved not in files:
                files.append(resolved)
    if not entries and not files:
        # webpack's default entry.
        default = SourceIndex.resolve_local(app_dir / "_", "./src/index")
        if default is not None:
            files.append(default)
    return files


def _entry_requests(entry: Any) -> list[str]:
    if entry is None:
        return ["./src/index"]
    if isinstance(entry, str):
        return [entry]
    if isinstance(entry, list):
        return [item for item in entry if isinstance(item, str)]
    if isinstance(entry, dict):
        requests: list[str] = []
        for value in entry.values():
            requests.extend(_entry_requests(value.get("import") if isinstance(value, dict) else value))
        return requests
    return []
