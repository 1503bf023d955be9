"""Find the federation containers and workspace packages of a repository and build the `Project`.

A container is a webpack config that constructs a `ModuleFederationPlugin` (webpack's own or
`@module-federation/enhanced`) or a `UniversalFederationPlugin` (`@module-federation/node`), or a
Next config that constructs a `NextFederationPlugin`. Candidate configs are evaluated with Node (see
`evaluate`) in the folder their build runs in. Nothing is dropped in silence: a config Node cannot
evaluate, a package.json that cannot be read, options built from a module that is not installed, and
federation wrappers the audit does not understand each become a finding of their own (MF009, MF010),
and every other container is still audited.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fedctl.audit.evaluate import EvaluationError, evaluate
from fedctl.audit.model import Container, ContainerKind, Finding, Location, Project, WorkspacePackage
from fedctl.audit.sources import SKIP_DIRS, SourceIndex

# JavaScript or TypeScript (compiled with the repository's own `typescript`, as webpack-cli and Next do).
_WEBPACK_CONFIG = re.compile(r"^webpack(\.[\w-]+)*\.config\.([cm]?js|[cm]?ts)$|^webpack\.[\w-]+\.([cm]?js|[cm]?ts)$")
_NEXT_CONFIG = re.compile(r"^next\.config\.([cm]?js|[cm]?ts)$")
# Federation options kept apart from the build config (`module-federation.config.js`,
# `modulefederation.config.js`, `moduleFederation.config.ts`): the convention of craco, rsbuild,
# rspack and react-scripts overrides, whose build configs this audit does not evaluate.
_OPTIONS_FILE = re.compile(r"^module-?federation\.config\.([cm]?js|[cm]?ts)$", re.IGNORECASE)
_FEDERATION_HINTS = ("federationplugin", "@module-federation", "federation")
# A call or construction of something named like a federation plugin or wrapper.
_FEDERATION_CALL = re.compile(r"(?:\bnew\s+)?\b([A-Za-z_$][\w$]*Federat[\w$]*)\s*\(")
_REDUX_PACKAGES = ("@reduxjs/toolkit", "redux", "react-redux")

EVALUATION_CODE, EVALUATION_ID = "MF009", "config-not-evaluated"
UNKNOWN_CODE, UNKNOWN_ID = "MF010", "federation-not-understood"


class ManifestError(Exception):
    """A package.json that cannot be read."""


def discover(
    root: Path,
    node: str,
    in_house: Iterable[str] = (),
    store: Iterable[str] = (),
) -> Project:
    root = root.resolve()
    manifests, configs, options_files = _scan(root)
    packages: dict[str, WorkspacePackage] = {}
    problems: list[Finding] = []
    readable: list[Path] = []
    for manifest_path in manifests:
        try:
            data = read_manifest(manifest_path)
        except ManifestError as exc:
            # One broken package.json is a finding of its own; the rest of the repository is audited.
            relative = manifest_path.relative_to(root).as_posix()
            problems.append(
                Finding(
                    relative,
                    1,
                    1,
                    EVALUATION_CODE,
                    EVALUATION_ID,
                    f"{str(exc).replace(f'{root}/', '')}; the package and any container in its folder were not "
                    f"audited: fix {relative} and audit again",
                )
            )
            continue
        readable.append(manifest_path)
        name = data.get("name")
        if isinstance(name, str) and name not in packages:
            version = data.get("version")
            packages[name] = WorkspacePackage(
                name, version if isinstance(version, str) else None, manifest_path.parent, manifest_path, data
            )
    workspaces = {name: package.directory for name, package in packages.items()}
    containers = _containers(configs, root, node, workspaces, readable, problems)
    problems.extend(_unread_options(options_files, configs, containers, root))
    app_dirs = {c.app_dir for c in containers} | {c.config_path.parent for c in containers}
    app_dirs |= {path.parent for path, _ in configs}
    explicit_store = set(store)
    # The store package is a workspace library the federation actually uses (a container depends on
    # it or shares it), not any folder whose package.json mentions Redux: an app that is not
    # federated, a demo or a docs site is not "the store".
    used = {name for c in containers for name in packages if c.depends_on(name)}
    used |= {name for c in containers for build in c.builds for name in build.shared_packages}
    store_packages = explicit_store or {
        pkg.name
        for pkg in packages.values()
        if pkg.directory not in app_dirs
        and pkg.directory != root
        and "workspaces" not in pkg.manifest
        and pkg.name in used
        and any(pkg.depends_on(dep) for dep in _REDUX_PACKAGES)
    }
    app_names = {c.manifest.get("name") for c in containers}
    app_names |= {pkg.name for pkg in packages.values() if pkg.directory in app_dirs}
    in_house_names = {name for name in packages if name not in app_names} | set(in_house) | store_packages
    project = Project(root, containers, packages, in_house_names, store_packages, SourceIndex())
    project.problems = problems
    return project


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(f"{path}: cannot read package.json: {exc}") from exc
    if not isinstance(data, dict):
        raise ManifestError(f"{path}: package.json is not a JSON object")
    return data


def _scan(root: Path) -> tuple[list[Path], list[tuple[Path, ContainerKind]], list[Path]]:
    manifests: list[Path] = []
    configs: list[tuple[Path, ContainerKind]] = []
    options_files: list[Path] = []
    for current, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        here = Path(current)
        for name in sorted(files):
            if name == "package.json":
                manifests.append(here / name)
            elif re.search(r"\.d\.[cm]?ts$", name):
                continue  # type declarations, never a config
            elif _NEXT_CONFIG.match(name):
                configs.append((here / name, "next"))
            elif _WEBPACK_CONFIG.match(name):
                configs.append((here / name, "webpack"))
            elif _OPTIONS_FILE.match(name):
                options_files.append(here / name)
    return manifests, configs, options_files


def _unread_options(
    options_files: list[Path],
    configs: list[tuple[Path, ContainerKind]],
    containers: list[Container],
    root: Path,
) -> list[Finding]:
    """A federation options file that no webpack or Next config of its folder can be using: the app
    is built by something this audit does not evaluate, so it says so instead of passing it over."""
    folders = {path.parent.resolve() for path, _ in configs} | {c.app_dir.resolve() for c in containers}
    findings = []
    for path in options_files:
        if path.parent.resolve() in folders:
            continue  # read by that folder's config (e.g. Nx's withModuleFederation), audited with it
        relative = path.resolve().relative_to(root).as_posix()
        findings.append(
            Finding(
                relative,
                1,
                1,
                UNKNOWN_CODE,
                UNKNOWN_ID,
                f"{relative} holds federation options, but no webpack.config.* or next.config.* of its folder "
                f"builds with them (a craco, rspack, rsbuild or react-scripts-override build this audit does not "
                f"evaluate): what it shares and exposes was not audited",
            )
        )
    return findings


def _mentions_federation(path: Path) -> bool:
    # A cheap pre-filter so that unrelated build configs are not executed.
    try:
        text = path.read_text(encoding="utf-8", errors="replace").lower()
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read: {exc}") from exc
    return any(hint in text for hint in _FEDERATION_HINTS)


def _containers(
    configs: list[tuple[Path, ContainerKind]],
    root: Path,
    node: str,
    workspaces: dict[str, Path],
    manifests: list[Path],
    problems: list[Finding],
) -> list[Container]:
    # webpack.config.* wins over webpack.<env>.js in the same directory (they are usually merged).
    ordered = sorted(configs, key=lambda item: (item[0].parent, ".config." not in item[0].name, item[0].name))
    containers: list[Container] = []
    seen: set[tuple[Path, str]] = set()

    def report(path: Path, code: str, rule_id: str, message: str, line: int = 1, col: int = 1) -> None:
        relative = path.resolve().relative_to(root).as_posix() if path.resolve().is_relative_to(root) else str(path)
        problems.append(Finding(relative, line, col, code, rule_id, message.replace(f"{root}/", "")))

    for config_path, kind in ordered:
        if not _mentions_federation(config_path):
            continue
        app_dir = _build_folder(config_path, root, manifests)
        relative = config_path.resolve().relative_to(root).as_posix()
        try:
            evaluation = evaluate(config_path, kind, node, cwd=app_dir, workspaces=workspaces)
        except EvaluationError as exc:
            report(
                config_path,
                EVALUATION_CODE,
                EVALUATION_ID,
                f"{relative} could not be evaluated, so its federation was not audited. Node says: "
                f"{_one_line(str(exc))}. Make the config load on its own (set what it needs, install its "
                f"dependencies) and audit again",
            )
            continue
        for wrapper in evaluation.unknown:
            where = wrapper.call_site or Location(config_path)
            report(
                where.path,
                UNKNOWN_CODE,
                UNKNOWN_ID,
                f"{wrapper.name} from {wrapper.package} is a federation wrapper this audit does not understand: "
                f"what it shares and exposes was not audited",
                where.line,
                where.col,
            )
        if not evaluation.builds:
            if not evaluation.unknown:
                unknown_call = _unknown_federation_call(config_path)
                if unknown_call is not None:
                    name, line, col = unknown_call
                    report(
                        config_path,
                        UNKNOWN_CODE,
                        UNKNOWN_ID,
                        f"{relative} calls {name}(), which constructs no federation plugin this audit knows "
                        f"(webpack, @module-federation/enhanced, nextjs-mf, node): not understood, not audited",
                        line,
                        col,
                    )
            continue
        if evaluation.missing_module is not None:
            report(
                config_path,
                EVALUATION_CODE,
                EVALUATION_ID,
                f"the federation options of {relative} are built with {evaluation.missing_module}, which is not "
                f"installed (is node_modules missing?), so this container was not audited: run `npm ci` (or "
                f"your package manager's install) and audit again",
            )
            continue
        manifest_path = _nearest_manifest(app_dir, root)
        try:
            manifest = read_manifest(manifest_path) if manifest_path else {}
        except ManifestError:
            continue  # reported with that package.json (see `discover`)
        container = Container(kind, config_path.resolve(), app_dir, manifest_path, manifest, evaluation.builds)
        contexts = [Path(c) for _, c in evaluation.webpack_entries if isinstance(c, str) and Path(c).is_absolute()]
        container.context = contexts[0].resolve() if contexts else app_dir
        key = (app_dir, container.name)
        if key in seen:
            # Another config of the same container (a server build, or a merged variant): keep the
            # builds it adds, drop the ones it repeats.
            known = next(c for c in containers if (c.app_dir, c.name) == key)
            for build in container.builds:
                if not any(b.side == build.side and b.options == build.options for b in known.builds):
                    known.builds.append(build)
            continue
        seen.add(key)
        if kind == "webpack":
            container.entries = _entry_files(evaluation.webpack_entries, container.base)
        containers.append(container)
    return containers


def _one_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("at ")]
    return " / ".join(lines[:3]) or "(no output)"


def _unknown_federation_call(config_path: Path) -> tuple[str, int, int] | None:
    text = config_path.read_text(encoding="utf-8", errors="replace")
    for match in _FEDERATION_CALL.finditer(text):
        line = text.count("\n", 0, match.start(1)) + 1
        col = match.start(1) - (text.rfind("\n", 0, match.start(1)) + 1) + 1
        return match.group(1), line, col
    return None


def _build_folder(config_path: Path, root: Path, manifests: list[Path]) -> Path:
    """Where the build of `config_path` runs: npm runs a package's scripts in its package.json
    folder, so a config in a subfolder (`config/webpack.client.js`) belongs to the nearest package
    above it. A config with no package.json of its own directly under a repository-wide one (apps of a
    monorepo without per-app manifests) keeps its own folder."""
    folder = config_path.parent.resolve()
    known = {path.resolve() for path in manifests}
    for candidate in (folder, *folder.parents):
        if (candidate / "package.json") in known:
            return folder if candidate == root and folder != root else candidate
        if candidate == root:
            break
    return folder


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
