"""MF011 tree-shaken-singleton: a remote imports from a tree-shaken singleton only what the host's build keeps.

With `treeShaking` in a package's shared options (Module Federation's shared tree shaking), the copy a
build provides keeps only the exports that build imports. A singleton has one copy for the whole page,
the host's, and Module Federation hands it to every consumer without comparing exports. So a name a
remote imports from that package which the host's build never imports is `undefined` in the remote: a
TypeError when its module runs, and the remote's slot fails. Each name a remote's federated code
imports must also be imported by the host's federated code or by an in-house package the host shares
(that package is shared whole, so everything it imports is kept). A namespace, default, dynamic or
`export *` import, or a `require()` without destructuring, names no export and cannot be checked: it
is reported too. Only the remote's own files are read: what it reaches through an in-house package
the host does not share is not followed.

Passes (only the store package, shared by the host, imports the package)::

    import { createSlice } from '@reduxjs/toolkit';       // packages/store

Fails (a remote; nothing in the host imports createEntityAdapter)::

    import { createEntityAdapter } from '@reduxjs/toolkit';
"""

from __future__ import annotations

from collections.abc import Iterator

from fedctl.audit.model import Container, Finding, Project
from fedctl.audit.sources import ImportRecord

CODE = "MF011"
ID = "tree-shaken-singleton"
SUMMARY = "remotes import from a tree-shaken singleton only the exports the host's build keeps"


def check(project: Project) -> Iterator[Finding]:
    hosts = [c for c in project.containers if c.is_host]
    for package in sorted(_tree_shaken_singletons(project)):
        kept = _kept(project, hosts, package)
        for container in project.host_first():
            if container in hosts:
                continue
            for path in project.federated_files(container):
                source = project.sources.get(path)
                if source is None:
                    continue
                for record in source.imports:
                    if record.type_only or record.source != package:
                        continue
                    missing = _names(record)
                    if missing is None:
                        yield project.finding(
                            source.location(record.node),
                            CODE,
                            ID,
                            f"{container.name} imports {package} without naming its exports, but {package} is "
                            "shared tree-shaken: the host's copy keeps only what the host imports; import "
                            "named exports",
                        )
                        continue
                    for name in sorted(set(missing) - kept):
                        yield project.finding(
                            source.location(record.node),
                            CODE,
                            ID,
                            f"{container.name} imports {name} from {package}, which is shared tree-shaken, and "
                            f"the host's copy does not keep it (nothing the host builds imports it): it is "
                            f"undefined when federated; import it in the host's code too, or drop `treeShaking` "
                            f"for {package}",
                        )


def _tree_shaken_singletons(project: Project) -> set[str]:
    """Packages some browser build shares as a singleton with `treeShaking`."""
    return {
        package
        for container in project.containers
        for build in container.builds
        if build.side == "client"
        for package, (_, options) in build.shared_packages.items()
        if options.get("treeShaking") and options.get("singleton") is True
    }


def _kept(project: Project, hosts: list[Container], package: str) -> set[str]:
    """The exports of `package` the hosts' builds import: in their own federated code, and in the
    in-house packages they share (kept whole, so all they import is kept)."""
    paths = [path for host in hosts for path in project.federated_files(host)]
    shared_in_house = {
        name
        for host in hosts
        for build in host.builds
        for name in build.shared_packages
        if name in project.in_house and name in project.packages
    }
    paths += [path for name in sorted(shared_in_house) for path in project.package_files(project.packages[name])]
    kept: set[str] = set()
    for path in paths:
        source = project.sources.get(path)
        if source is None:
            continue
        for record in source.imports:
            if record.source == package and not record.type_only:
                kept |= set(_names(record) or ())
    return kept


def _names(record: ImportRecord) -> list[str] | None:
    """The export names an import or re-export takes; None when it takes the whole module."""
    if record.kind == "dynamic":
        return None
    names = [b.imported for b in (*record.bindings, *record.reexports)]
    if not names or any(name in ("*", "default") for name in names):
        return None
    return names
