"""Which JSX elements render a Redux `<Provider>`: react-redux's own, any `*Provider` exported by the
store package (such as `ClientReduxProvider`), or a component whose module renders one, imported
from a relative module or from a workspace package (`import { ShopProvider } from '@myapp/shell'`),
through any chain of re-exports (`export { ShopProvider } from './ShopProvider'`)."""

from __future__ import annotations

from pathlib import Path

from fedctl.audit.model import Project, matches_package
from fedctl.audit.sources import SourceFile, local_export

# How many modules deep an import is followed (the chains seen in practice are 3-4 long: an
# `_app`, a package's index, the wrapper's module, the store package).
_MAX_DEPTH = 6


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
            elif depth < _MAX_DEPTH and binding.imported != "*":
                target = project.resolve_import(source.path, record.source)
                if target is None:
                    continue
                # A relative module counts as a whole (the rule's historical reading); a package is
                # followed to the module that defines the imported name.
                whole = record.source.startswith(".") and renders_provider(project, target, depth + 1)
                if whole or exports_provider(project, target, binding.imported, depth + 1):
                    found[binding.local] = record.source
    return found


def renders_provider(project: Project, path: Path, depth: int = 0) -> bool:
    source = project.sources.get(path)
    if source is None:
        return False
    bindings = provider_bindings(project, source, depth)
    return any(name in bindings for name, _ in source.jsx_elements())


def exports_provider(project: Project, path: Path, name: str, depth: int) -> bool:
    """Whether the export `name` of the module at `path` is, or renders, a Redux Provider."""
    source = project.sources.get(path)
    if source is None or depth > _MAX_DEPTH:
        return False
    for record in source.imports:
        if record.kind != "export" or record.type_only:
            continue
        for reexport in record.reexports:
            if reexport.local == name and reexport.imported != "*":
                return _module_provides(project, path, record.source, reexport.imported, depth + 1)
    local = local_export(source, name)
    if local is not None:
        origin = source.bindings_from().get(local)
        if origin is not None:
            return _module_provides(project, path, origin[0], origin[1], depth + 1)
        return renders_provider(project, path, depth + 1)
    for record in source.imports:
        if record.kind == "export" and not record.type_only and any(r.local == "*" for r in record.reexports):
            target = project.resolve_import(path, record.source)
            if target is not None and exports_provider(project, target, name, depth + 1):
                return True
    return False


def _module_provides(project: Project, from_path: Path, module: str, name: str, depth: int) -> bool:
    if is_redux_source(project, module):
        return name.endswith("Provider")
    target = project.resolve_import(from_path, module)
    return target is not None and exports_provider(project, target, name, depth)
