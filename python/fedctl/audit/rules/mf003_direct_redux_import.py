"""MF003 direct-redux-import: apps reach Redux only through the store package.

An app (host or remote) that imports `react-redux` itself, or builds a store with `configureStore` /
`createStore`, bypasses the federated singleton: the bundle carries its own react-redux or its own
store, and state stops propagating (gotchas 1 and 6). Only the store package may do either. Type-only
imports are erased by the compiler and are allowed. Test files are not scanned.

Passes (in a remote)::

    import { useAppSelector, selectIsLoggedIn } from '@myapp/store';

Fails::

    import { useSelector } from 'react-redux';
    const store = configureStore({ reducer });      // configureStore from '@reduxjs/toolkit'
"""

from __future__ import annotations

from collections.abc import Iterator

from fedctl.audit.model import Finding, Project
from fedctl.audit.sources import SourceFile, matches_package, walk

CODE = "MF003"
ID = "direct-redux-import"
SUMMARY = "apps import react-redux and create stores only through the store package"

_STORE_FACTORIES = {"configureStore", "createStore", "legacy_createStore"}
_FACTORY_PACKAGES = ("@reduxjs/toolkit", "redux")


def check(project: Project) -> Iterator[Finding]:
    store_dirs = project.store_dirs()
    for container in project.host_first():
        if any(container.app_dir.is_relative_to(d) for d in store_dirs):
            continue
        for path in project.container_files(container):
            source = project.sources.get(path)
            if source is None:
                continue
            yield from _redux_imports(project, container.name, source)
            yield from _store_factories(project, container.name, source)


def _redux_imports(project: Project, app: str, source: SourceFile) -> Iterator[Finding]:
    for record in source.imports:
        if record.type_only or not matches_package(record.source, "react-redux"):
            continue
        yield project.finding(
            source.location(record.node),
            CODE,
            ID,
            f"{app} imports {record.source} directly, so its bundle can carry a second react-redux; "
            f"import Provider/useSelector/useDispatch from {project.store_label} instead",
        )


def _store_factories(project: Project, app: str, source: SourceFile) -> Iterator[Finding]:
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
            yield project.finding(
                source.location(node),
                CODE,
                ID,
                f"{app} creates its own Redux store with {name}(): a second store that no other "
                f"container sees; use the store exported by {project.store_label}",
            )
