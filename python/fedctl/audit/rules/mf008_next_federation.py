"""MF008 next-federation: the Next.js and async-boundary details that break federation at build or run time.

* A package.json script runs `next dev|build|start` without `NEXT_PRIVATE_LOCAL_WEBPACK=true`
  (nextjs-mf throws without it).
* A remote served by a Next app (`/_next/static/.../remoteEntry.js`) does not switch on `isServer`:
  the server build must load `_next/static/ssr/remoteEntry.js`, the browser `_next/static/chunks/...`.
* A Next server build shares react / react-dom without `import: false`, so the server bundle
  carries its own React and prerendering fails ("Cannot read properties of null (reading 'useMemo')").
* A Next app shares Next internals (`next`, `next/*`, `styled-jsx`) by hand; nextjs-mf already does.
* A webpack app's entry has no async boundary (`import('./bootstrap')`) yet shares a package
  eagerly or imports a shared package synchronously ("Shared module is not available for eager
  consumption"). `experiments.asyncStartup: true` counts as a boundary.

Passes (apps/main/next.config.js)::

    products: `products@${url}/_next/static/${isServer ? 'ssr' : 'chunks'}/remoteEntry.js`,
    react: { singleton: true, requiredVersion: false, ...(isServer ? { import: false } : {}) },

Fails::

    products: `products@${url}/_next/static/chunks/remoteEntry.js`,      // in both builds
    "build": "next build"                                               // package.json script
"""

from __future__ import annotations

import itertools
import shlex
from collections.abc import Iterator

from fedctl.audit.model import Container, Finding, Project
from fedctl.audit.rules.locations import manifest_location, option_location, side_label
from fedctl.audit.sources import matches_package

CODE = "MF008"
ID = "next-federation"
SUMMARY = "Next/federation details: local webpack, ssr/chunks remotes, import: false, internals, async boundary"

_NEXT_COMMANDS = {"dev", "build", "start"}
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
            yield project.finding(
                source.location(record.node),
                CODE,
                ID,
                f"entry {entry_name} imports the shared {record.source} synchronously, without an async "
                f'boundary ("Shared module is not available for eager consumption"); move the app to '
                f"./bootstrap and make the entry `import('./bootstrap')`",
            )
        for build in container.builds:
            for name, options in build.shared.items():
                if options.get("eager") is True:
                    yield project.finding(
                        option_location(project, container, build, "shared", name),
                        CODE,
                        ID,
                        f"{name} is shared eagerly by {container.name} whose entry {entry_name} has no "
                        f"async boundary; add `import('./bootstrap')` in the entry and drop `eager: true`",
                    )
