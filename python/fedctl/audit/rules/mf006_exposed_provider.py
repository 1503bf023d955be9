"""MF006 exposed-provider: an exposed module never wraps its output in a Redux `<Provider>`.

The host's Provider is already above every remote it renders. An exposed module that renders its own
`<Provider>` (or the remote's `ClientReduxProvider`, or any local component that renders one) nests a
second Provider: at best React warns, at worst it points at another store (the reference's "subtle
trap"). Only the remote's standalone entry (`src/bootstrap.tsx`, `pages/_app.tsx`) may wrap itself.

Not reported: a Provider given the store the host passes in (`<Provider store={props.store}>`: the
host's one store, not another), and an exposed module that only the remote's own standalone entry
uses while the repository's hosts of that remote import other modules of it (see
`Project.exposed_in_use`).

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

from tree_sitter import Node

from fedctl.audit.model import Finding, Project
from fedctl.audit.rules.providers import provider_bindings
from fedctl.audit.sources import SourceFile, enclosing_function, walk

CODE = "MF006"
ID = "exposed-provider"
SUMMARY = "exposed modules do not render <Provider>; the host's Provider is above them"


def check(project: Project) -> Iterator[Finding]:
    for container in project.host_first():
        for path, key in sorted(project.exposed_in_use(container).items()):
            source = project.sources.get(path)
            if source is None:
                continue
            providers = provider_bindings(project, source)
            for name, node in source.jsx_elements():
                if name not in providers or _given_the_hosts_store(source, node):
                    continue
                yield project.finding(
                    source.location(node),
                    CODE,
                    ID,
                    f"{container.name} exposes this module as '{key}' and it wraps its output in "
                    f"<{name}>; the host's Provider is already above it, so remove the wrapper and "
                    f"keep it only in the standalone entry",
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
