"""MF006 exposed-provider: an exposed module never wraps its output in a Redux `<Provider>`.

The host's Provider is already above every remote it renders. An exposed module that renders its own
`<Provider>` (or the remote's `ClientReduxProvider`, or any local component that renders one) nests a
second Provider: at best React warns, at worst it points at another store (the reference's "subtle
trap"). Only the remote's standalone entry (`src/bootstrap.tsx`, `pages/_app.tsx`) may wrap itself.

Not reported: a Provider given the store the host passes in (`<Provider store={props.store}>`: the
host's one store, not another), and an exposed module that is a provider by design (it renders
`{children}` inside the Provider) used only by the remote's own standalone entry (no other container
of the repository imports it).

Passes (exposed as './BeautyCare')::

    export default function BeautyCare() {
      return <ProductGrid />;
    }

Fails::

    export default function BeautyCare() {
      return <ClientReduxProvider><ProductGrid /></ClientReduxProvider>;
    }
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from tree_sitter import Node

from fedctl.audit.model import Container, Finding, Project
from fedctl.audit.rules.providers import provider_bindings
from fedctl.audit.sources import SourceFile, enclosing_function, walk

CODE = "MF006"
ID = "exposed-provider"
SUMMARY = "exposed modules do not render <Provider>; the host's Provider is above them"


def check(project: Project) -> Iterator[Finding]:
    for container in project.host_first():
        for path, key in sorted(project.exposed_modules(container).items()):
            source = project.sources.get(path)
            if source is None:
                continue
            standalone_only = _standalone_only(project, container, path, key)
            providers = provider_bindings(project, source)
            for name, node in source.jsx_elements():
                if name not in providers or _given_the_hosts_store(source, node):
                    continue
                if standalone_only and _wraps_children(node):
                    continue  # a provider by design, for the standalone page only
                yield project.finding(
                    source.location(node),
                    CODE,
                    ID,
                    f"{container.name} exposes this module as '{key}' and it wraps its output in "
                    f"<{name}>; the host's Provider is already above it, so remove the wrapper and "
                    f"keep it only in the standalone entry",
                )


def _standalone_only(project: Project, container: Container, path: Path, key: str) -> bool:
    """Imported by the container's own entry and by no other container of the repository."""
    request = f"{container.name}/{key.removeprefix('./')}"
    for other in project.containers:
        if other is container:
            continue
        for file in project.container_files(other):
            source = project.sources.get(file)
            if source is not None and request.encode() in source.text:
                return False
    entries = project.entry_modules(container)
    return path not in entries and path in project.reachable(container, entries)


def _wraps_children(opening: Node) -> bool:
    """`<Provider ...>{children}</Provider>`: a wrapper component, not a component wrapping itself."""
    element = opening.parent
    if element is None or element.type != "jsx_element":
        return False
    return any(
        child.type == "jsx_expression" and SourceFile.node_text(child).strip("{} ") in ("children", "props.children")
        for child in element.named_children
    )


def _given_the_hosts_store(source: SourceFile, element: Node) -> bool:
    """`<Provider store={store}>` where `store` is a prop of the enclosing component."""
    for attribute in element.named_children:
        if attribute.type != "jsx_attribute" or not attribute.named_children:
            continue
        if SourceFile.node_text(attribute.named_children[0]) != "store" or len(attribute.named_children) < 2:
            continue
        value = SourceFile.node_text(attribute.named_children[1]).strip("{} ")
        root = value.split(".")[0].split("|")[0].split("?")[0].strip()
        function = enclosing_function(element)
        while function is not None:
            parameters = function.child_by_field_name("parameters") or function.child_by_field_name("parameter")
            names = {SourceFile.node_text(n) for n in walk(parameters)} if parameters is not None else set()
            if root in names or (root == "props" and "props" in names):
                return True
            # `const { store } = props;` in the component's body
            body = function.child_by_field_name("body")
            if body is not None and any(
                n.type == "variable_declarator"
                and root in SourceFile.node_text(n.child_by_field_name("name") or n)
                and SourceFile.node_text(n.child_by_field_name("value") or n).strip() in names
                for n in walk(body)
            ):
                return True
            function = enclosing_function(function)
    return False
