"""MF003 direct-redux-import: an app neither builds a second Redux store nor can bundle a second react-redux.

The application has ONE store: the store package's when there is one; otherwise the store a container
exposes for the others (`exposes: { './store': ... }`), or else the host's own store, which remotes
receive. Any other store built in code that runs federated (reached from `exposes`, or from a host's
entry and pages) is a second store that no other container sees (gotcha 1). Code only a remote's
standalone entry reaches never runs federated and is not checked.

A direct `react-redux` import is reported only where a second copy of react-redux can exist: some
container that has it (in package.json or `shared`) does not share it as a singleton. Where it is a
singleton everywhere, or only the importing container has it, the import is safe (gotcha 6 is the
copy, not the import). Type-only imports are erased and allowed. Test files are not scanned.

Passes (in a remote)::

    import { useAppSelector, selectIsLoggedIn } from '@myapp/store';

Fails (a remote, with @myapp/store as the store package)::

    const store = configureStore({ reducer });      // configureStore from '@reduxjs/toolkit'
    import { useSelector } from 'react-redux';      // where a container shares react-redux without singleton
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from tree_sitter import Node

from fedctl.audit.model import Container, Finding, Project, matches_package
from fedctl.audit.sources import SourceFile, walk

CODE = "MF003"
ID = "direct-redux-import"
SUMMARY = "apps import react-redux and create stores only through the store package"

_STORE_FACTORIES = {"configureStore", "createStore", "legacy_createStore"}
_FACTORY_PACKAGES = ("@reduxjs/toolkit", "redux")


def check(project: Project) -> Iterator[Finding]:
    store_dirs = project.store_dirs()
    creations: list[tuple[Container, SourceFile, Node, str]] = []
    for container in project.host_first():
        if any(container.app_dir.is_relative_to(d) for d in store_dirs):
            continue
        second_copy = _second_react_redux(project, container)
        for path in project.federated_files(container):
            source = project.sources.get(path)
            if source is None:
                continue
            if second_copy is not None:
                yield from _redux_imports(project, container.name, source, second_copy)
            creations += [(container, source, node, name) for node, name in _store_factories(source)]
    the_store = _the_store(project, creations)
    for container, source, node, name in creations:
        if the_store is not None and container is the_store[0]:
            continue
        where = (
            f"the store exported by {project.store_label}"
            if project.store_packages
            else f"the store of {the_store[0].name} ({the_store[1]})"
            if the_store is not None
            else "one store, created by the host and given to the remotes"
        )
        yield project.finding(
            source.location(node),
            CODE,
            ID,
            f"{container.name} creates its own Redux store with {name}(): a second store that no other "
            f"container sees; use {where}",
        )


def _the_store(
    project: Project, creations: list[tuple[Container, SourceFile, Node, str]]
) -> tuple[Container, str] | None:
    """The container whose store is the application's one store, and why; None with a store package."""
    if project.store_packages or not creations:
        return None
    for container, source, _, _ in creations:
        exposed = project.exposed_modules(container)
        exposing = [key for path, key in exposed.items() if path == source.path or _reexports(project, path, source)]
        if exposing:
            return container, f"it exposes it as '{exposing[0]}'"
    containers = list({id(c): c for c, *_ in creations}.values())
    hosts = [c for c in containers if c.is_host]
    if hosts:
        return hosts[0], "the host's store"
    if len(containers) == 1:
        return containers[0], "the only store"
    return None


def _reexports(project: Project, exposed: Path, creator: SourceFile) -> bool:
    source = project.sources.get(exposed)
    if source is None:
        return False
    return any(
        record.kind == "export" and project.sources.resolve_local(exposed, record.source) == creator.path
        for record in source.imports
    )


def _second_react_redux(project: Project, importer: Container) -> str | None:
    """Why a second react-redux can exist next to `importer`'s, or None when it cannot."""
    holders = [c for c in project.containers if _has(project, c, "react-redux")]
    if all(c is importer for c in holders):
        return None
    for container in holders:
        for build in container.builds:
            options = build.shared_packages.get("react-redux")
            if options is None:
                return f"{container.name} bundles its own, not shared"
            if options[1].get("singleton") is not True:
                return f"{container.name} shares it without `singleton: true`"
    return None


def _has(project: Project, container: Container, package: str) -> bool:
    if any(package in build.shared_packages for build in container.builds) or container.depends_on(package):
        return True
    return any(
        container.depends_on(name) and workspace.depends_on(package) for name, workspace in project.packages.items()
    )


def _redux_imports(project: Project, app: str, source: SourceFile, reason: str) -> Iterator[Finding]:
    for record in source.imports:
        if record.type_only or not matches_package(record.source, "react-redux"):
            continue
        instead = (
            f"import Provider/useSelector/useDispatch from {project.store_label} instead"
            if project.store_packages
            else "share react-redux as a singleton in every container"
        )
        yield project.finding(
            source.location(record.node),
            CODE,
            ID,
            f"{app} imports {record.source} directly and a second react-redux can exist ({reason}); {instead}",
        )


def _store_factories(source: SourceFile) -> Iterator[tuple[Node, str]]:
    factories: set[str] = set()
    namespaces: set[str] = set()
    for record in source.imports:
        if record.type_only or not any(matches_package(record.source, p) for p in _FACTORY_PACKAGES):
            continue
        for binding in record.bindings:
            if binding.imported == "*" or binding.imported == "default":
                namespaces.add(binding.local)
            elif binding.imported in _STORE_FACTORIES:
                factories.add(binding.local)
    if not factories and not namespaces:
        return
    for node in walk(source.root):
        if node.type != "call_expression":
            continue
        callee = node.child_by_field_name("function")
        if callee is None:
            continue
        name = SourceFile.node_text(callee)
        is_factory = name in factories
        if callee.type == "member_expression":
            target = callee.child_by_field_name("object")
            prop = callee.child_by_field_name("property")
            is_factory = (
                target is not None
                and prop is not None
                and SourceFile.node_text(target) in namespaces
                and SourceFile.node_text(prop) in _STORE_FACTORIES
            )
        if is_factory:
            yield node, name
