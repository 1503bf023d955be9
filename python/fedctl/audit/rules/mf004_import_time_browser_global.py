"""MF004 import-time-browser-global: the store package is safe to import in Node.

`next build` evaluates every page ("Collecting page data"), and with it whatever the page imports at
the top, even when the Provider itself is `ssr: false`. A store module that touches `window`,
`document`, `localStorage` or `sessionStorage` while it is being imported fails the build with
`ReferenceError: window is not defined` (gotcha 3). Reported:

* in the store package, a read of a browser global at module level, or inside a module-level
  function that the module itself calls at import time (`export const store = makeStore()`),
  unless it sits behind a `typeof window !== 'undefined'` check (or a constant holding one);
* in a Next app, a page that imports the store package at top level (directly or through local
  modules) while the store package is not import-safe.

Passes (packages/store)::

    export function loadCart() {
      if (typeof window === 'undefined') return [];
      return JSON.parse(window.localStorage.getItem('cart') ?? '[]');
    }

Fails::

    const saved = window.localStorage.getItem('cart');   // runs on import
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from pathlib import Path

from tree_sitter import Node

from fedctl.audit.model import Finding, Location, Project, matches_package
from fedctl.audit.sources import (
    BROWSER_GLOBALS,
    SourceFile,
    enclosing_function,
    is_guarded,
    is_typeof_check,
    walk,
)

CODE = "MF004"
ID = "import-time-browser-global"
SUMMARY = "the store package does not touch window/document at import time; pages import it safely"

_NOT_REFERENCES = {
    "variable_declarator",
    "formal_parameters",
    "required_parameter",
    "optional_parameter",
    "import_specifier",
    "namespace_import",
    "import_clause",
}


def check(project: Project) -> Iterator[Finding]:
    unsafe: dict[str, Location] = {}
    for name in sorted(project.store_packages):
        package = project.packages.get(name)
        if package is None:
            continue
        for path in project.package_files(package):
            source = project.sources.get(path)
            if source is None:
                continue
            for node, reason in _import_time_reads(source):
                where = source.location(node)
                unsafe.setdefault(name, where)
                yield project.finding(
                    where,
                    CODE,
                    ID,
                    f"{name} reads `{SourceFile.node_text(node)}` at import time{reason}: `next build` "
                    f"imports the store in Node and fails with ReferenceError; move the access into a "
                    f"function behind `typeof window !== 'undefined'`",
                )
    if unsafe:
        yield from _pages_importing(project, unsafe)


def _import_time_reads(source: SourceFile) -> Iterator[tuple[Node, str]]:
    guard_names = _guard_constants(source)

    def guard(condition: Node) -> bool:
        return is_typeof_check(condition) or any(
            n.type == "identifier" and SourceFile.node_text(n) in guard_names for n in walk(condition)
        )

    functions = _module_functions(source)
    called_at_import: dict[Node, Node] = {}
    for node in walk(source.root):
        if node.type == "call_expression" and enclosing_function(node) is None:
            callee = node.child_by_field_name("function")
            target = functions.get(SourceFile.node_text(callee)) if callee is not None else None
            if target is not None:
                called_at_import.setdefault(target, node)
    for node in walk(source.root):
        if not _is_global_reference(node):
            continue
        function = enclosing_function(node)
        if function is None:
            if not is_guarded(node, guard):
                yield node, ""
        elif function in called_at_import and not is_guarded(node, guard, boundary=function):
            call = called_at_import[function]
            callee = call.child_by_field_name("function")
            name = SourceFile.node_text(callee) if callee is not None else "it"
            line = call.start_point[0] + 1
            yield node, f" (in {name}(), which line {line} calls while the module loads)"


def _is_global_reference(node: Node) -> bool:
    if node.type != "identifier" or SourceFile.node_text(node) not in BROWSER_GLOBALS:
        return False
    parent = node.parent
    if parent is None:
        return False
    if parent.type == "unary_expression":
        operator = parent.child_by_field_name("operator")
        if operator is not None and SourceFile.node_text(operator) == "typeof":
            return False
    if parent.type in _NOT_REFERENCES and parent.type != "variable_declarator":
        return False
    if parent.type == "variable_declarator" and parent.child_by_field_name("name") == node:
        return False
    return not any(a.type == "ambient_declaration" for a in _ancestors(node))


def _ancestors(node: Node) -> Iterator[Node]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _guard_constants(source: SourceFile) -> set[str]:
    """Module constants such as `const isBrowser = typeof window !== 'undefined'`."""
    names: set[str] = set()
    for node in walk(source.root):
        if node.type == "variable_declarator" and enclosing_function(node) is None:
            name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
            if name is not None and value is not None and is_typeof_check(value):
                names.add(SourceFile.node_text(name))
    return names


def _module_functions(source: SourceFile) -> dict[str, Node]:
    """Functions declared at module level, by name."""
    found: dict[str, Node] = {}
    for node in walk(source.root):
        if enclosing_function(node) is not None:
            continue
        if node.type in ("function_declaration", "generator_function_declaration"):
            name = node.child_by_field_name("name")
            if name is not None:
                found[SourceFile.node_text(name)] = node
        elif node.type == "variable_declarator":
            name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
            if (
                name is not None
                and value is not None
                and value.type in ("arrow_function", "function_expression", "function")
            ):
                found[SourceFile.node_text(name)] = value
    return found


def _pages_importing(project: Project, unsafe: dict[str, Location]) -> Iterator[Finding]:
    for container in project.host_first():
        if container.kind != "next":
            continue
        for page in _pages(project, container.app_dir):
            source = project.sources.get(page)
            if source is None:
                continue
            for record_node, store, via in _top_level_store_imports(project, source, unsafe):
                evidence = unsafe[store]
                yield project.finding(
                    source.location(record_node),
                    CODE,
                    ID,
                    f"page imports {store} at top level{via} but {store} is not import-safe "
                    f"({project.relative(evidence.path)}:{evidence.line} reads a browser global at "
                    f"import time): `next build` will fail; load it through next/dynamic with "
                    f"`ssr: false` or make the store import-safe",
                )


def _pages(project: Project, app_dir: Path) -> list[Path]:
    pages: list[Path] = []
    for directory in (app_dir / "pages", app_dir / "src" / "pages"):
        if not directory.is_dir():
            continue
        for path in project.sources.files_under(directory, exclude=[directory / "api"]):
            if not path.name.startswith("_document"):
                pages.append(path)
    return pages


def _top_level_store_imports(
    project: Project, page: SourceFile, unsafe: dict[str, Location]
) -> Iterator[tuple[Node, str, str]]:
    """(the page's import node, store package, " through ./x") for each import chain reaching a store."""
    for record in page.imports:
        if record.type_only or not record.top_level or record.kind == "dynamic":
            continue
        store = _store_of(record.source, unsafe)
        if store is not None:
            yield record.node, store, ""
            continue
        start = project.sources.resolve_local(page.path, record.source)
        if start is None:
            continue
        reached = _reaches_store(project, start, unsafe)
        if reached is not None:
            yield record.node, reached, f" (through {record.source})"


def _store_of(source: str, unsafe: dict[str, Location]) -> str | None:
    return next((store for store in unsafe if matches_package(source, store)), None)


def _reaches_store(project: Project, start: Path, unsafe: dict[str, Location]) -> str | None:
    queue, seen = deque([start]), {start}
    while queue:
        current = project.sources.get(queue.popleft())
        if current is None:
            continue
        for record in current.imports:
            if record.type_only or not record.top_level or record.kind == "dynamic":
                continue
            store = _store_of(record.source, unsafe)
            if store is not None:
                return store
            target = project.sources.resolve_local(current.path, record.source)
            if target is not None and target not in seen and len(seen) < 500:
                seen.add(target)
                queue.append(target)
    return None
