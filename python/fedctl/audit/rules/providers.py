"""Which JSX elements render a Redux `<Provider>`: react-redux's own, any `*Provider` exported by the
store package (such as `ClientReduxProvider`), or a local component whose module renders one."""

from __future__ import annotations

from pathlib import Path

from fedctl.audit.model import Project
from fedctl.audit.sources import SourceFile, matches_package

_MAX_DEPTH = 3


def redux_sources(project: Project) -> list[str]:
    return ["react-redux", *sorted(project.store_packages)]


def is_redux_source(project: Project, source: str) -> bool:
    return any(matches_package(source, package) for package in redux_sources(project))


def provider_bindings(project: Project, source: SourceFile, depth: int = 0) -> dict[str, str]:
    """local JSX name -> where the provider comes from, for the static imports of `source`."""
    found: dict[str, str] = {}
    for record in source.imports:
        if record.type_only or record.kind not in ("import", "require"):
            continue
        for binding in record.bindings:
            if is_redux_source(project, record.source):
                if binding.imported.endswith("Provider"):
                    found[binding.local] = record.source
            elif record.source.startswith(".") and depth < _MAX_DEPTH:
                target = project.sources.resolve_local(source.path, record.source)
                if target is not None and renders_provider(project, target, depth + 1):
                    found[binding.local] = record.source
    return found


def renders_provider(project: Project, path: Path, depth: int = 0) -> bool:
    source = project.sources.get(path)
    if source is None:
        return False
    bindings = provider_bindings(project, source, depth)
    return any(name in bindings for name, _ in source.jsx_elements())
