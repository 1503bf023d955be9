"""MF001 singleton-required: a package that must exist once is shared as a singleton, the same way, everywhere.

The packages are react, react-dom, react-redux, @reduxjs/toolkit, the store package and every
in-house package (a workspace package of the scanned repository, or one named with `--in-house`).
Without `singleton: true` each container may load its own copy: two Reacts, two contexts, two stores
(the reference's gotchas 1 and 5). A container that depends on such a package (directly, or through
a workspace package such as the store) but leaves it out of `shared` bundles a private copy. The
containers must also agree on `shareScope`, `shareKey` and, for packages that are not in-house,
`strictVersion` and `requiredVersion` (an in-house version contract is MF002's business).

Passes (every container)::

    shared: {
      react: { singleton: true, requiredVersion: false },
      'react-redux': { singleton: true, requiredVersion: false },
      '@myapp/store': { singleton: true, strictVersion: true, requiredVersion: storeVersion },
    }

Fails::

    shared: { 'react-redux': { requiredVersion: false } }          // not a singleton
    shared: { react: { singleton: true } }                         // react-redux missing while
                                                                   // the app depends on @myapp/store
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fedctl.audit.model import Build, Container, Finding, Project
from fedctl.audit.rules.locations import option_location, side_label

CODE = "MF001"
ID = "singleton-required"
SUMMARY = "react, react-redux, RTK, the store and in-house packages are singletons, alike everywhere"

# nextjs-mf shares these itself in every Next build.
_NEXT_DEFAULT_SHARED = {"react", "react-dom"}
_COMPARED_FLAGS = ("strictVersion", "requiredVersion", "shareScope", "shareKey")
_DEFAULTS: dict[str, Any] = {"strictVersion": False, "shareScope": "default"}


def check(project: Project) -> Iterator[Finding]:
    for package in sorted(project.must_be_singleton()):
        declared = project.declarations(package)
        if not declared:
            continue
        yield from _not_singleton(project, package, declared)
        yield from _missing(project, package, declared)
        yield from _disagreements(project, package, declared)


def _not_singleton(
    project: Project, package: str, declared: list[tuple[Container, Build, dict[str, Any]]]
) -> Iterator[Finding]:
    for container, build, options in declared:
        if options.get("singleton") is not True:
            where = option_location(project, container, build, "shared", package)
            yield project.finding(
                where,
                CODE,
                ID,
                f"{build.shared_label(package)} is shared by {side_label(container, build)} without "
                f"`singleton: true`, so "
                f"each container can load its own copy (two stores); add `singleton: true`",
            )


def _missing(
    project: Project, package: str, declared: list[tuple[Container, Build, dict[str, Any]]]
) -> Iterator[Finding]:
    sharer = declared[0][0]
    for container in project.host_first():
        if any(package in build.shared_packages for build in container.builds):
            continue
        if container.kind == "next" and package in _NEXT_DEFAULT_SHARED:
            continue
        via = _dependency_path(project, container, package)
        if via is None:
            continue
        build = container.builds[0]
        where = option_location(project, container, build, "shared", None)
        yield project.finding(
            where,
            CODE,
            ID,
            f"{container.name} depends on {package}{via} but does not share it, while {sharer.name} "
            f"shares it as a singleton: {container.name} bundles a second copy; add "
            f"'{package}': {{ singleton: true }} to its shared block",
        )


def _dependency_path(project: Project, container: Container, package: str) -> str | None:
    if container.depends_on(package):
        return ""
    for name in sorted(project.packages):
        workspace_package = project.packages[name]
        if container.depends_on(name) and workspace_package.depends_on(package):
            return f" (through {name})"
    return None


def _disagreements(
    project: Project, package: str, declared: list[tuple[Container, Build, dict[str, Any]]]
) -> Iterator[Finding]:
    # An in-house package's version contract (strictVersion, requiredVersion) is MF002's business.
    in_house = package in project.in_house
    flags = [f for f in _COMPARED_FLAGS if not (in_house and f in ("strictVersion", "requiredVersion"))]
    reference_container, reference_build, reference = declared[0]
    for flag in flags:
        expected = _value(reference, flag, package)
        for container, build, options in declared[1:]:
            actual = _value(options, flag, package)
            if actual == expected:
                continue
            where = option_location(project, container, build, "shared", package)
            yield project.finding(
                where,
                CODE,
                ID,
                f"containers disagree on {package}: {side_label(container, build)} has {flag}: "
                f"{_show(actual)} but {side_label(reference_container, reference_build)} has "
                f"{_show(expected)}; generate every shared block from one definition",
            )


def _value(options: dict[str, Any], flag: str, package: str) -> Any:
    if flag == "shareKey":
        return options.get(flag, package)
    return options.get(flag, _DEFAULTS.get(flag))


def _show(value: Any) -> str:
    return "(unset)" if value is None else json.dumps(value)
