"""MF002 in-house-version: an in-house shared package carries a strict, true version contract.

For every in-house package (a workspace package, the store, or one named with `--in-house`) that a
container shares:

* `strictVersion: true`, so a drift fails loudly instead of silently using another copy;
* a `requiredVersion` that the package's own package.json version satisfies. A hard-coded
  '1.0.0' left behind after the package moved to 1.1.0 gives no error and no warning at runtime:
  everyone silently gets whichever copy loaded first (stack.md, "the silent case");
* the same `requiredVersion` in every container (gotcha 2: bump everywhere or roll back everywhere);
* every package.json that pins the package accepts the workspace version.

Passes::

    '@myapp/store': { singleton: true, strictVersion: true,
                      requiredVersion: require('@myapp/store/package.json').version }

Fails (packages/store/package.json says 1.1.0)::

    '@myapp/store': { singleton: true, requiredVersion: '1.0.0' }
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from nodesemver import satisfies

from fedctl.audit.model import Build, Container, Finding, Project
from fedctl.audit.rules.locations import manifest_location, option_location, side_label

CODE = "MF002"
ID = "in-house-version"
SUMMARY = "in-house shared packages: strictVersion, requiredVersion from package.json, same everywhere"

_DEPENDENCY_SECTIONS = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")


def check(project: Project) -> Iterator[Finding]:
    for package in sorted(project.in_house):
        declared = project.declarations(package)
        if not declared:
            continue
        workspace = project.packages.get(package)
        version = workspace.version if workspace else None
        source = project.relative(workspace.manifest_path) if workspace else None
        mismatched: set[int] = set()
        for index, (container, build, options) in enumerate(declared):
            where = option_location(project, container, build, "shared", package)
            label = side_label(container, build)
            if options.get("strictVersion") is not True:
                yield project.finding(
                    where,
                    CODE,
                    ID,
                    f"in-house package {build.shared_label(package)} is shared by {label} without "
                    f"`strictVersion: true`; "
                    f"add it so a version drift fails instead of silently using another copy",
                )
            required = options.get("requiredVersion")
            if not isinstance(required, str):
                mismatched.add(index)
                yield project.finding(
                    where,
                    CODE,
                    ID,
                    f"in-house package {package} is shared by {label} with requiredVersion "
                    f"{_show(required)}; set it from the package's own package.json "
                    f"(require('{package}/package.json').version)",
                )
            elif version is not None and not satisfies(version, required, False):
                mismatched.add(index)
                yield project.finding(
                    where,
                    CODE,
                    ID,
                    f"{label} requires {package} '{required}' but {source} is {version}: the runtime "
                    f"silently keeps one copy; derive requiredVersion from {source} instead of "
                    f"writing it by hand",
                )
        yield from _between_containers(project, package, declared, mismatched)
        if workspace is not None and version is not None:
            yield from _pinned_dependents(project, package, version, source or package)


def _between_containers(
    project: Project,
    package: str,
    declared: list[tuple[Container, Build, dict[str, Any]]],
    already_reported: set[int],
) -> Iterator[Finding]:
    reference_container, reference_build, reference = declared[0]
    expected = reference.get("requiredVersion")
    for index, (container, build, options) in enumerate(declared[1:], start=1):
        actual = options.get("requiredVersion")
        if index in already_reported or actual == expected or not isinstance(actual, str):
            continue
        where = option_location(project, container, build, "shared", package)
        yield project.finding(
            where,
            CODE,
            ID,
            f"{side_label(container, build)} requires {package} '{actual}' but "
            f"{side_label(reference_container, reference_build)} requires {_show(expected)}; bump "
            f"everywhere or roll back everywhere (fedctl bump {package} VERSION)",
        )


def _pinned_dependents(project: Project, package: str, version: str, source: str) -> Iterator[Finding]:
    manifests = {p.manifest_path: p.manifest for p in project.packages.values()}
    manifests.update({c.manifest_path: c.manifest for c in project.containers if c.manifest_path})
    for path in sorted(manifests):
        manifest = manifests[path]
        for section in _DEPENDENCY_SECTIONS:
            deps = manifest.get(section)
            spec = deps.get(package) if isinstance(deps, dict) else None
            if not isinstance(spec, str) or not _is_version_range(spec):
                continue
            if satisfies(version, spec.removeprefix("workspace:"), False):
                continue
            yield project.finding(
                manifest_location(path, section, package),
                CODE,
                ID,
                f"{project.relative(path)} pins {package} '{spec}' but {source} is {version}; "
                f"run `fedctl bump {package} {version}` to update every pin",
            )


def _is_version_range(spec: str) -> bool:
    spec = spec.removeprefix("workspace:")
    return bool(spec) and spec not in ("*", "^", "~", "latest") and spec[0] in "^~=<>v0123456789"


def _show(value: Any) -> str:
    if value is None:
        return "(unset)"
    if isinstance(value, str):
        return f"'{value}'"
    return str(value).lower() if isinstance(value, bool) else str(value)
