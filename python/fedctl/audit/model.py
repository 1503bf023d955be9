"""The records the audit passes around: findings, containers as the build sees them, and the project.

Everything here is plain data. Discovery fills a `Project`; each rule reads it and yields `Finding`s.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from fedctl.audit.sources import SourceIndex

Side = Literal["client", "server"]
ContainerKind = Literal["webpack", "next"]

# The packages that hold React context or Redux state: two copies of any of them means two stores.
REDUX_SINGLETONS = ("react", "react-dom", "react-redux", "@reduxjs/toolkit")


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place. Paths are POSIX and relative to the scanned root; line/col are 1-based."""

    path: str
    line: int
    col: int
    code: str
    rule_id: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "id": self.rule_id,
            "message": self.message,
        }


@dataclass(frozen=True)
class Location:
    """An absolute file position (1-based line and column)."""

    path: Path
    line: int = 1
    col: int = 1


@dataclass
class Build:
    """The options one federation plugin received in one build (a Next app has a client and a server build)."""

    side: Side
    plugin: str
    options: dict[str, Any]
    call_site: Location | None
    # The config that constructed it (a container can have several: client and server builds).
    config_path: Path | None = None

    @property
    def shared(self) -> dict[str, dict[str, Any]]:
        return normalize_shared(self.options.get("shared"))

    @property
    def shared_packages(self) -> dict[str, tuple[str, dict[str, Any]]]:
        """package name -> (shared key, options). A key may alias another package: `{ lib: { import:
        '@team/lib' } }`, `packageName: '@team/lib'`, or an `import` path into the folder of a package
        named @team/lib (`import: '../../packages/lib/src'`) shares @team/lib under the key `lib`."""
        result: dict[str, tuple[str, dict[str, Any]]] = {}
        for key, options in self.shared.items():
            package = key
            imported = options.get("import")
            if isinstance(options.get("packageName"), str):
                package = options["packageName"]
            elif isinstance(imported, str) and imported.startswith((".", "/")):
                package = self._package_at(imported) or key
            elif isinstance(imported, str) and imported:
                package = _package_of(imported)
            result.setdefault(package.rstrip("/"), (key, options))
        return result

    def _package_at(self, imported: str) -> str | None:
        """The name in the package.json nearest above a shared `import` path (resolved against the
        config's folder, as webpack does), unless that is the config's own package: a module of the
        container itself is not another package."""
        if self.config_path is None:
            return None
        base = self.config_path.parent
        folder = (base / imported).resolve()
        for candidate in (folder, *folder.parents):
            if candidate == base or candidate in base.parents:
                return None
            try:
                name = json.loads((candidate / "package.json").read_text()).get("name")
            except (OSError, ValueError, AttributeError):
                continue
            return name if isinstance(name, str) and name else None
        return None

    def shared_label(self, package: str) -> str:
        """`@team/lib`, or `@team/lib (shared under the key 'lib')` for an alias."""
        key = self.shared_packages.get(package, (package, {}))[0]
        return package if key.rstrip("/") == package else f"{package} (shared under the key '{key}')"

    @property
    def remotes(self) -> dict[str, list[str]]:
        return normalize_remotes(self.options.get("remotes"))

    @property
    def exposes(self) -> dict[str, list[str]]:
        return normalize_exposes(self.options.get("exposes"))


@dataclass
class Container:
    """A federation container: one app directory, its config, its package.json and its builds."""

    kind: ContainerKind
    config_path: Path
    app_dir: Path
    manifest_path: Path | None
    manifest: dict[str, Any]
    builds: list[Build]
    # Entry modules of a plain webpack build, resolved to files (for the async-boundary check).
    entries: list[Path] = field(default_factory=list)
    # Where the build resolves `exposes` and entries: webpack's `context`, else the folder the build
    # runs in (the package.json folder whose scripts run this config), else the config's folder.
    context: Path | None = None

    @property
    def base(self) -> Path:
        return self.context or self.app_dir

    @property
    def name(self) -> str:
        for build in self.builds:
            name = build.options.get("name")
            if isinstance(name, str) and name:
                return name
        return self.app_dir.name

    @property
    def is_remote(self) -> bool:
        return any(build.exposes for build in self.builds)

    @property
    def is_host(self) -> bool:
        """A container whose own pages run federated: it consumes remotes, or exposes nothing."""
        return any(build.remotes for build in self.builds) or not self.is_remote

    def depends_on(self, package: str) -> bool:
        for section in ("dependencies", "devDependencies", "peerDependencies"):
            deps = self.manifest.get(section)
            if isinstance(deps, dict) and package in deps:
                return True
        return False


@dataclass(frozen=True)
class WorkspacePackage:
    """A package.json inside the scanned repository: an in-house package."""

    name: str
    version: str | None
    directory: Path
    manifest_path: Path
    manifest: dict[str, Any]

    def depends_on(self, package: str) -> bool:
        for section in ("dependencies", "devDependencies", "peerDependencies"):
            deps = self.manifest.get(section)
            if isinstance(deps, dict) and package in deps:
                return True
        return False

    def entry(self, subpath: str = ".") -> str | None:
        """The file (relative to the package) an import of `subpath` ("." or "./x") names: its
        `exports` entry (a source-like condition first), else `source`, `module` or `main`."""
        exports = self.manifest.get("exports")
        if exports is not None:
            if not isinstance(exports, dict) or not any(key.startswith(".") for key in exports):
                exports = {".": exports}  # a string, or the conditions of the main entry only
            return _export_condition(exports.get(subpath))
        if subpath != ".":
            return subpath
        for name in ("source", "module", "main"):
            if isinstance(self.manifest.get(name), str):
                return str(self.manifest[name])
        return "./index"


def matches_package(source: str, package: str) -> bool:
    """`@myapp/store` and `@myapp/store/hooks` both come from the package `@myapp/store`."""
    return source == package or source.startswith(package + "/")


# Conditions of a package.json `exports` entry that name a source file, by preference.
_EXPORT_CONDITIONS = ("source", "import", "module", "browser", "default", "require")


def _export_condition(target: Any) -> str | None:
    if isinstance(target, str):
        return target
    if isinstance(target, dict):
        for condition in _EXPORT_CONDITIONS:
            found = _export_condition(target.get(condition))
            if found is not None:
                return found
    return None


@dataclass
class Project:
    """Everything the rules read: the containers, the workspace packages and the parsed sources."""

    root: Path
    containers: list[Container]
    packages: dict[str, WorkspacePackage]
    in_house: set[str]
    store_packages: set[str]
    sources: SourceIndex
    # Findings of the engine itself: configs it could not evaluate or federation it does not understand.
    problems: list[Finding] = field(default_factory=list)

    def relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def finding(self, where: Location, code: str, rule_id: str, message: str) -> Finding:
        return Finding(self.relative(where.path), where.line, where.col, code, rule_id, message)

    def must_be_singleton(self) -> set[str]:
        return set(REDUX_SINGLETONS) | self.in_house | self.store_packages

    @property
    def store_label(self) -> str:
        """How messages name the store package."""
        return " / ".join(sorted(self.store_packages)) or "the store package"

    def resolve_import(self, from_path: Path, request: str) -> Path | None:
        """A relative import, or an import of a workspace package, resolved to a source file of the
        repository; None for anything else (a package installed from a registry)."""
        if request.startswith("."):
            return self.sources.resolve_local(from_path, request)
        for name, package in self.packages.items():
            if matches_package(request, name):
                entry = package.entry("." + request[len(name) :])
                if entry is None:
                    return None
                return self.sources.resolve_local(
                    package.manifest_path, entry if entry.startswith(".") else f"./{entry}"
                )
        return None

    def store_dirs(self) -> list[Path]:
        return [self.packages[name].directory for name in sorted(self.store_packages) if name in self.packages]

    def container_files(self, container: Container) -> list[Path]:
        """The container's own source files: not those of a nested container or workspace package."""
        nested = [c.app_dir for c in self.containers if c.app_dir != container.app_dir]
        nested += [p.directory for p in self.packages.values() if p.directory != container.app_dir]
        inside = [d for d in nested if d.is_relative_to(container.app_dir)]
        return self.sources.files_under(container.app_dir, exclude=inside)

    def package_files(self, package: WorkspacePackage) -> list[Path]:
        nested = [p.directory for p in self.packages.values() if p.directory != package.directory]
        nested += [c.app_dir for c in self.containers]
        inside = [d for d in nested if d.is_relative_to(package.directory) and d != package.directory]
        return self.sources.files_under(package.directory, exclude=inside)

    def exposed_modules(self, container: Container) -> dict[Path, str]:
        """The files a container exposes, resolved as its build resolves them, with their keys."""
        exposed: dict[Path, str] = {}
        for build in container.builds:
            for key, requests in build.exposes.items():
                for request in requests:
                    if Path(request).is_absolute():  # `path.resolve(__dirname, 'src/x')` in the config
                        target = self.sources.resolve_local(Path(request).parent / "_", f"./{Path(request).name}")
                    else:
                        relative = request if request.startswith(".") else f"./{request}"
                        target = self.sources.resolve_local(container.base / "_", relative)
                    if target is not None:
                        exposed.setdefault(target, key)
        return exposed

    def consumers(self, container: Container) -> dict[str, Container]:
        """The other containers that list `container` as a remote, by the remote name they use."""
        found: dict[str, Container] = {}
        for other in self.containers:
            if other is container:
                continue
            for build in other.builds:
                for alias, urls in build.remotes.items():
                    if alias == container.name or any(url.startswith(f"{container.name}@") for url in urls):
                        found.setdefault(alias, other)
        return found

    def exposed_in_use(self, container: Container) -> dict[Path, str]:
        """Exposed modules that can run inside another container. When the repository holds the
        container's consumers, a module none of them imports (`remote/Key`) and that the container's
        own standalone entry uses is a standalone-only module: it never runs federated."""
        exposed = self.exposed_modules(container)
        consumers = self.consumers(container)
        if not consumers:
            return exposed
        standalone = self.reachable(container, self.entry_modules(container))
        texts = [
            source.text
            for consumer in {id(c): c for c in consumers.values()}.values()
            for path in self.container_files(consumer)
            if (source := self.sources.get(path)) is not None
        ]
        in_use: dict[Path, str] = {}
        for path, key in exposed.items():
            module = key.removeprefix("./")
            requests = [
                # `import('remote/Key')`, `loadRemote('remote/Key')`
                re.compile(rb"""['"`]""" + re.escape(f"{alias}/{module}".encode()) + rb"""['"`]""")
                for alias in consumers
            ] + [
                # A dynamic-remote helper called with the scope and the exposed key side by side,
                # `loadComponent('remote', './Key')`, which ends in `container.get('./Key')`.
                re.compile(
                    rb"""['"`]""" + re.escape(alias.encode()) + rb"""['"`]\s*,\s*['"`]"""
                    rb"""(?:\./)?""" + re.escape(module.encode()) + rb"""['"`]"""
                )
                for alias in consumers
            ]
            if path not in standalone or any(request.search(text) for request in requests for text in texts):
                in_use[path] = key
        return in_use

    def entry_modules(self, container: Container) -> list[Path]:
        """Where the container's own pages start: its webpack entries, or a Next app's pages."""
        if container.kind == "webpack":
            return list(container.entries)
        found: list[Path] = []
        for folder in ("pages", "src/pages", "app", "src/app"):
            directory = container.app_dir / folder
            if directory.is_dir():
                found += self.sources.files_under(directory)
        return found

    def reachable(self, container: Container, starts: list[Path]) -> set[Path]:
        """The container's own files that `starts` import, directly or through local modules."""
        own = set(self.container_files(container))
        seen = {start for start in starts}
        queue = list(starts)
        while queue:
            source = self.sources.get(queue.pop())
            if source is None:
                continue
            for record in source.imports:
                target = self.sources.resolve_local(source.path, record.source)
                if target is not None and target not in seen and target in own:
                    seen.add(target)
                    queue.append(target)
        return seen

    def federated_files(self, container: Container) -> list[Path]:
        """The files that run federated: reached from the exposed modules in use (see
        `exposed_in_use`), and, for a host, from its entry or pages. A remote's standalone entry never
        runs inside the host, so what only it reaches is left out. When neither can be resolved,
        every file of the container counts."""
        starts = list(self.exposed_in_use(container))
        if self.pages_run_federated(container):
            starts += self.entry_modules(container)
        if not starts:
            # Exposed modules that all turned out standalone-only: nothing of this remote runs federated.
            return [] if self.exposed_modules(container) else self.container_files(container)
        return sorted(self.reachable(container, starts))

    def pages_run_federated(self, container: Container) -> bool:
        """Whether the container's own pages (its entry) run with other containers' code: it is not
        a remote, or its pages load one of its remotes (`'alias/Key'`, or the alias handed to a
        dynamic-remote helper: `load('alias', './Key')`). A remote that lists remotes its pages never
        load runs them on their own, like any standalone entry."""
        if not container.is_host:
            return False
        if not container.is_remote:
            return True
        aliases = {alias for build in container.builds for alias in build.remotes}
        requests = [re.compile(rb"""['"`]""" + re.escape(alias.encode()) + rb"""(/|['"`])""") for alias in aliases]
        for path in self.reachable(container, self.entry_modules(container)):
            source = self.sources.get(path)
            if source is not None and any(request.search(source.text) for request in requests):
                return True
        return False

    def host_first(self) -> list[Container]:
        """Hosts (containers that expose nothing) first, then remotes, each in path order."""
        return sorted(self.containers, key=lambda c: (c.is_remote, str(c.config_path)))

    def declarations(self, package: str) -> list[tuple[Container, Build, dict[str, Any]]]:
        """Every build that shares `package`, with its options for it, hosts first."""
        return [
            (container, build, build.shared_packages[package][1])
            for container in self.host_first()
            for build in container.builds
            if package in build.shared_packages
        ]


def normalize_shared(value: Any) -> dict[str, dict[str, Any]]:
    """Turn every accepted spelling of `shared` (array, object, string values) into name -> options."""
    result: dict[str, dict[str, Any]] = {}
    items: list[tuple[str, Any]] = []
    if isinstance(value, list):
        for item in value:
            if isinstance(item, str):
                items.append((item, {}))
            elif isinstance(item, dict):
                items.extend(item.items())
    elif isinstance(value, dict):
        items.extend(value.items())
    for name, options in items:
        if isinstance(options, dict):
            result[name] = dict(options)
        elif isinstance(options, str):
            # webpack reads a string value as a version requirement unless it names a module path.
            looks_like_path = options.startswith((".", "/")) or options == name
            result[name] = {"import": options} if looks_like_path else {"requiredVersion": options}
        else:
            result[name] = {}
    return result


def normalize_remotes(value: Any) -> dict[str, list[str]]:
    """Remote name -> the URL strings (`name@url`, `promise ...`) it may load from."""
    result: dict[str, list[str]] = {}
    if isinstance(value, dict):
        for name, spec in value.items():
            result[name] = _strings(spec.get("external") if isinstance(spec, dict) else spec)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                result.update(normalize_remotes(item))
            elif isinstance(item, str):
                result[item] = [item]
    return result


def normalize_exposes(value: Any) -> dict[str, list[str]]:
    """Exposed key -> the module request(s) behind it."""
    result: dict[str, list[str]] = {}
    if isinstance(value, dict):
        for key, spec in value.items():
            result[key] = _strings(spec.get("import") if isinstance(spec, dict) else spec)
    return result


def _package_of(request: str) -> str:
    """`@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`."""
    parts = request.split("/")
    return "/".join(parts[:2] if request.startswith("@") else parts[:1])


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []
