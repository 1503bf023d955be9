"""MF006 exposed-provider: an exposed module never wraps its output in a Redux `<Provider>`.

The host's Provider is already above every remote it renders. An exposed module that renders its own
`<Provider>` (or the remote's `ClientReduxProvider`, or any local component that renders one) nests a
second Provider: at best React warns, at worst it points at another store (the reference's "subtle
trap"). Only the remote's standalone entry (`src/bootstrap.tsx`, `pages/_app.tsx`) may wrap itself.

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

from fedctl.audit.model import Finding, Project
from fedctl.audit.rules.providers import provider_bindings

CODE = "MF006"
ID = "exposed-provider"
SUMMARY = "exposed modules do not render <Provider>; the host's Provider is above them"


def check(project: Project) -> Iterator[Finding]:
    for container in project.host_first():
        exposed: dict[Path, str] = {}
        for build in container.builds:
            for key, requests in build.exposes.items():
                for request in requests:
                    relative = request if request.startswith(".") else f"./{request}"
                    target = project.sources.resolve_local(container.app_dir / "_", relative)
                    if target is not None:
                        exposed.setdefault(target, key)
        for path, key in sorted(exposed.items()):
            source = project.sources.get(path)
            if source is None:
                continue
            providers = provider_bindings(project, source)
            for name, node in source.jsx_elements():
                if name in providers:
                    yield project.finding(
                        source.location(node),
                        CODE,
                        ID,
                        f"{container.name} exposes this module as '{key}' and it wraps its output in "
                        f"<{name}>; the host's Provider is already above it, so remove the wrapper and "
                        f"keep it only in the standalone entry",
                    )
