"""MF007 window-store-dev-only: the store goes on `window` only in development.

`window.__myapp_store = store` is the reference's debugging tip, "safe ONLY in development": in
production it hands every user's state to any third-party script on the page. The assignment must
sit behind `process.env.NODE_ENV === 'development'` (or `!== 'production'`, or a constant holding
such a test); a bundler then drops it from production builds. Local names that hold `window`
(`const globals = browserGlobals()` where that function returns `window`) count as `window`.
Any assignment of a store object (a value whose expression names a store, also inside an array
or object literal) to a `window` / `globalThis` / `self` property counts, as do
`Object.assign(window, { store })` and `Object.defineProperty(window, ..., { value: store })`.
Counters and ids (`window.__stores = (window.__stores ?? 0) + 1`) are not stores and pass.

Passes::

    if (typeof window !== 'undefined' && process.env.NODE_ENV === 'development') {
      (window as any).__myapp_store = store;
    }

Fails::

    (window as any).__myapp_store = store;
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from tree_sitter import Node

from fedctl.audit.model import Finding, Project
from fedctl.audit.sources import (
    SourceFile,
    is_development_check,
    is_guarded,
    is_production_check,
    object_property,
    string_value,
    unwrap,
    walk,
)

CODE = "MF007"
ID = "window-store-dev-only"
SUMMARY = "the store is put on window only behind a development-only guard"

_GLOBAL_OBJECTS = {"window", "globalThis", "self"}


def check(project: Project) -> Iterator[Finding]:
    files: set[Path] = set()
    for container in project.containers:
        files.update(project.container_files(container))
    for package in project.packages.values():
        files.update(project.package_files(package))
    for path in sorted(files):
        source = project.sources.get(path)
        if source is None:
            continue
        dev_guard = _development_guard(_development_constants(source))
        for node, target in _store_exposures(source):
            if is_guarded(node, dev_guard, exit_test=is_production_check):
                continue
            yield project.finding(
                source.location(node),
                CODE,
                ID,
                f"the store is put on {target} outside a development-only guard, so production pages "
                f"expose user state to every script; wrap it in "
                f"`if (process.env.NODE_ENV === 'development')`",
            )


def _development_guard(constants: set[str]) -> Callable[[Node], bool]:
    def guard(condition: Node) -> bool:
        return is_development_check(condition) or _mentions(condition, constants)

    return guard


def _development_constants(source: SourceFile) -> set[str]:
    """Constants such as `const isDevelopment = process.env.NODE_ENV === 'development'`."""
    names: set[str] = set()
    for node in walk(source.root):
        if node.type == "variable_declarator":
            name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
            if name is not None and value is not None and is_development_check(value):
                names.add(SourceFile.node_text(name))
    return names


def _mentions(condition: Node, names: set[str]) -> bool:
    return any(n.type == "identifier" and SourceFile.node_text(n) in names for n in walk(condition))


def _global_aliases(source: SourceFile) -> set[str]:
    """`window` and the local names that hold it: `const globals = browserGlobals()` where the
    function returns `window`, or `const w = window as Window & Extra`."""
    aliases = set(_GLOBAL_OBJECTS)
    returns_window: set[str] = set()
    for node in walk(source.root):
        if node.type == "function_declaration":
            name, body = node.child_by_field_name("name"), node.child_by_field_name("body")
            if name is not None and body is not None and _mentions(body, _GLOBAL_OBJECTS):
                returns_window.add(SourceFile.node_text(name))
    for node in walk(source.root):
        if node.type != "variable_declarator":
            continue
        name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
        if name is None or value is None or name.type != "identifier":
            continue
        value = unwrap(value)
        callee = value.child_by_field_name("function") if value.type == "call_expression" else None
        if SourceFile.node_text(value) in _GLOBAL_OBJECTS or (
            callee is not None and SourceFile.node_text(callee) in returns_window
        ):
            aliases.add(SourceFile.node_text(name))
    return aliases


def _store_exposures(source: SourceFile) -> Iterator[tuple[Node, str]]:
    global_names = _global_aliases(source)
    for node in walk(source.root):
        if node.type == "assignment_expression":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is None or right is None:
                continue
            left = unwrap(left)
            if left.type not in ("member_expression", "subscript_expression"):
                continue
            owner = left.child_by_field_name("object")
            if owner is None or SourceFile.node_text(unwrap(owner)) not in global_names:
                continue
            if _holds_store(right):
                key = left.child_by_field_name("property") or left.child_by_field_name("index")
                key_text = (string_value(key) or SourceFile.node_text(key)) if key is not None else ""
                yield node, f"{SourceFile.node_text(unwrap(owner))}.{key_text}"
        elif node.type == "call_expression":
            callee = node.child_by_field_name("function")
            arguments = node.child_by_field_name("arguments")
            if callee is None or arguments is None or len(arguments.named_children) < 2:
                continue
            args = arguments.named_children
            owner_text = SourceFile.node_text(unwrap(args[0]))
            if owner_text not in global_names:
                continue
            name = SourceFile.node_text(callee)
            if name == "Object.assign" and any(_holds_store(a) for a in args[1:]):
                yield node, owner_text
            elif name == "Object.defineProperty" and len(args) > 2:
                descriptor = args[2]
                values = [object_property(descriptor, "value"), object_property(descriptor, "get")]
                if any(v is not None and _holds_store(v) for v in values):
                    yield node, owner_text


def _holds_store(value: Node) -> bool:
    """Whether the assigned value is (or contains) a store object, not just a count or an id."""
    value = unwrap(value)
    if value.type in ("identifier", "member_expression", "call_expression", "new_expression"):
        return "store" in SourceFile.node_text(value).lower()
    if value.type == "arrow_function":
        body = value.child_by_field_name("body")
        return body is not None and body.type != "statement_block" and _holds_store(body)
    if value.type in ("array", "object"):
        for item in value.named_children:
            if item.type == "pair":
                item = item.child_by_field_name("value") or item
            elif item.type == "spread_element":
                continue
            if item.type == "shorthand_property_identifier":
                if "store" in SourceFile.node_text(item).lower():
                    return True
            elif _holds_store(item):
                return True
    return False
