"""MF008 next-federation: the Next.js and async-boundary details that break federation at build or run time.

* A package.json script runs `next dev|build|start` without `NEXT_PRIVATE_LOCAL_WEBPACK=true`
  (nextjs-mf 8 and later throw without it; older releases do not read it, so it is not asked for
  there). Setting it in the Next config itself or in a `.env` file Next loads also counts.
* A remote served by a Next app (`/_next/static/.../remoteEntry.js`) does not switch on `isServer`:
  the server build must load `_next/static/ssr/remoteEntry.js`, the browser `_next/static/chunks/...`.
* A Next server build shares react / react-dom without `import: false`, so the server bundle
  carries its own React and prerendering fails ("Cannot read properties of null (reading 'useMemo')").
* A Next app shares Next internals (`next`, `next/*`, `styled-jsx`) by hand; nextjs-mf already does.
* A webpack app's entry has no async boundary (`import('./bootstrap')`) yet imports a shared
  package synchronously that is not `eager` ("Shared module is not available for eager
  consumption"). Sharing it `eager: true` is the supported way to use it synchronously, and
  `experiments.asyncStartup: true` counts as a boundary.

Passes (apps/main/next.config.js)::

    products: `products@${url}/_next/static/${isServer ? 'ssr' : 'chunks'}/remoteEntry.js`,
    react: { singleton: true, requiredVersion: false, ...(isServer ? { import: false } : {}) },

Fails::

    products: `products@${url}/_next/static/chunks/remoteEntry.js`,      // in both builds
    "build": "next build"                                               // package.json script
"""

from __future__ import annotations

import itertools
import re
import shlex
from collections.abc import Iterator

import nodesemver

from fedctl.audit.model import Container, Finding, Project, matches_package
from fedctl.audit.rules.locations import manifest_location, option_location, side_label

CODE = "MF008"
ID = "next-federation"
SUMMARY = "Next/federation details: local webpack, ssr/chunks remotes, import: false, internals, async boundary"

_NEXT_COMMANDS = {"dev", "build", "start"}
_NEXTJS_MF = "@module-federation/nextjs-mf"
_ENV_FILES = (".env", ".env.local", ".env.production", ".env.development")
_ASSIGNED = re.compile(r"NEXT_PRIVATE_LOCAL_WEBPACK['\"\]]?\s*=\s*['\"]?true")

_SERVER_REACT = ("react", "react-dom")
_WRONG_DIRECTORY = {"client": "/_next/static/ssr/", "server": "/_next/static/chunks/"}


def check(project: Project) -> Iterator[Finding]:
    for container in project.host_first():
        if container.kind == "next":
            yield from _local_webpack(project, container)
            yield from _react_on_server(project, container)
            yield from _next_internals(project, container)
        yield from _remote_urls(project, container)
        if container.kind == "webpack":
            yield from _async_boundary(project, container)


def _local_webpack(project: Project, container: Container) -> Iterator[Finding]:
    scripts = container.manifest.get("scripts")
    if not isinstance(scripts, dict) or container.manifest_path is None:
        return
    if not _requires_local_webpack(container) or _set_elsewhere(container):
        return
    for name, command in scripts.items():
        if not isinstance(command, str) or not _runs_next(command):
            continue
        if "NEXT_PRIVATE_LOCAL_WEBPACK=true" in command:
            continue
        yield project.finding(
            manifest_location(container.manifest_path, "scripts", name),
            CODE,
            ID,
            f"script '{name}' runs next without NEXT_PRIVATE_LOCAL_WEBPACK=true; nextjs-mf refuses to "
            f"build without the local webpack: write `NEXT_PRIVATE_LOCAL_WEBPACK=true {command}`",
        )


def _requires_local_webpack(container: Container) -> bool:
    """nextjs-mf throws without NEXT_PRIVATE_LOCAL_WEBPACK from 8.0.0 on (the lowest version the
    package.json range admits decides; an unreadable range is taken as requiring it)."""
    for section in ("dependencies", "devDependencies"):
        deps = container.manifest.get(section)
        spec = deps.get(_NEXTJS_MF) if isinstance(deps, dict) else None
        if isinstance(spec, str):
            lowest = _lowest(spec)
            return lowest is None or nodesemver.gte(lowest, "8.0.0", False)
    return True


def _lowest(spec: str) -> str | None:
    """The lowest version a range admits (`^8.1.7` -> 8.1.7); None for tags and `*`."""
    try:
        alternatives = nodesemver.make_range(spec, False).set
    except ValueError:
        return None
    lowest: list[str] = []
    for comparators in alternatives:
        bounds = [
            c.semver.version for c in comparators if c.operator in (">=", "", "=") and hasattr(c.semver, "version")
        ]
        if not bounds:
            return None
        lowest.append(bounds[0])
    return nodesemver.sort(lowest, False)[0] if lowest else None


def _set_elsewhere(container: Container) -> bool:
    """`process.env.NEXT_PRIVATE_LOCAL_WEBPACK = 'true'` in the config, or the variable in a .env file."""
    texts: list[str] = []
    for path in (container.config_path, *(container.app_dir / name for name in _ENV_FILES)):
        try:
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
    return any(_ASSIGNED.search(text) for text in texts)


def _runs_next(command: str) -> bool:
    try:
        words = shlex.split(command)
    except ValueError:
        words = command.split()
    return any(word == "next" and following in _NEXT_COMMANDS for word, following in itertools.pairwise(words))


def _remote_urls(project: Project, container: Container) -> Iterator[Finding]:
    for build in container.builds:
        wrong = _WRONG_DIRECTORY[build.side]
        for remote, urls in build.remotes.items():
            bad = next((url for url in urls if wrong in url), None)
            if bad is None:
                continue
            wanted = "ssr" if build.side == "server" else "chunks"
            yield project.finding(
                option_location(project, container, build, "remotes", remote),
                CODE,
                ID,
                f"remote {remote} of {side_label(container, build)} loads {bad}; a Next remote's URL must "
                f"switch on isServer (`_next/static/${{isServer ? 'ssr' : 'chunks'}}/remoteEntry.js`), "
                f"this build needs '{wanted}'",
            )


def _react_on_server(project: Project, container: Container) -> Iterator[Finding]:
    for build in container.builds:
        if build.side != "server":
            continue
        for name, options in build.shared.items():
            base = name.rstrip("/")
            if base not in _SERVER_REACT or options.get("import") is False:
                continue
            yield project.finding(
                option_location(project, container, build, "shared", name),
                CODE,
                ID,
                f"{name} is shared in the server build of {container.name} without `import: false`, so the "
                f"server bundle carries its own React and prerendering fails; add "
                f"`...(isServer ? {{ import: false }} : {{}})`",
            )


def _next_internals(project: Project, container: Container) -> Iterator[Finding]:
    for build in container.builds:
        for name in build.shared:
            if matches_package(name.rstrip("/"), "next") or matches_package(name.rstrip("/"), "styled-jsx"):
                yield project.finding(
                    option_location(project, container, build, "shared", name),
                    CODE,
                    ID,
                    f"{container.name} shares the Next internal {name} by hand; nextjs-mf already shares "
                    f"Next internals and sharing them again breaks the app: remove it",
                )


def _async_boundary(project: Project, container: Container) -> Iterator[Finding]:
    for build in container.builds:
        experiments = build.options.get("experiments")
        if isinstance(experiments, dict) and experiments.get("asyncStartup") is True:
            return
    shared = {name: options for build in container.builds for name, options in build.shared.items()}
    for entry in container.entries:
        source = project.sources.get(entry)
        if source is None:
            continue
        synchronous = [
            record
            for record in source.imports
            if record.top_level
            and not record.type_only
            and record.kind in ("import", "require")
            and any(matches_package(record.source, name.rstrip("/")) for name in shared)
        ]
        has_dynamic = any(record.kind == "dynamic" for record in source.imports)
        if has_dynamic and not synchronous:
            continue
        entry_name = project.relative(entry)
        for record in synchronous:
            name = next(n for n in shared if matches_package(record.source, n.rstrip("/")))
            if shared[name].get("eager") is True:
                continue  # eager sharing is how a synchronous entry consumes a shared package
            yield project.finding(
                source.location(record.node),
                CODE,
                ID,
                f"entry {entry_name} imports the shared {record.source} synchronously, without an async "
                f'boundary ("Shared module is not available for eager consumption"); move the app to '
                f"./bootstrap and make the entry `import('./bootstrap')`",
            )
