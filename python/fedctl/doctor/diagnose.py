"""Diagnosing: a snapshot in, a report out, no browser involved."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urljoin, urlsplit

from fedctl.doctor.model import (
    FEDERATION_RUNTIME_TAG,
    DeclaredShared,
    Duplicate,
    Federation,
    Instance,
    RemoteFailure,
    Report,
    ScriptScan,
    SharedPackage,
    ShareScopeEntry,
    Snapshot,
)


def diagnose(data: Snapshot | Mapping[str, Any]) -> Report:
    """Turns a snapshot from `collect()` (or its JSON, validated) into a report; no browser involved."""
    snapshot = Snapshot.parse(data)
    federation = snapshot.federation or Federation(instances=[], shareScope=[])
    instances = federation.instances
    shared = _merge_share_scope(federation.share_scope)
    host = _find_host(instances, shared)
    notes: list[str] = []
    if snapshot.federation is None:
        notes.append("no Module Federation runtime on this page (window.__FEDERATION__ is not set)")

    bases = _container_bases(snapshot.url, instances, host)
    duplicates = _loaded_versions(shared) + _own_copies(instances, host, snapshot.scripts, bases, notes)
    failures = _remote_failures(snapshot, bases, _remote_names(instances))
    copies = _copies(snapshot.scripts, shared, duplicates)

    store_count = snapshot.store_count
    counter = snapshot.store_counter
    if store_count is None:
        notes.append(f"store count unknown: window.{counter} is not set (the page's store does not count itself)")
    for visit in snapshot.routes:
        if not visit.settled:
            notes.append(f"{visit.route} did not settle: {'; '.join(visit.pending)}")

    problems: list[str] = []
    if isinstance(store_count, int) and store_count > 1:
        problems.append(f"{store_count} stores exist in the page; there must be one")
    for duplicate in duplicates:
        if duplicate.singleton:
            problems.append(f"singleton {duplicate.package} loaded more than once: {duplicate.reason}")
    for failure in failures:
        problems.append(f"{failure.container or 'a remote'} failed to load: {failure.reason}")

    console_errors = [entry.text for entry in snapshot.console if entry.type == "error"]
    console_errors += [f"uncaught: {text}" for text in snapshot.page_errors]
    return Report(
        url=snapshot.url,
        routes=[visit.model_dump() for visit in snapshot.routes],
        host=host,
        store_counter=counter,
        store_count=store_count,
        containers=[_container_summary(instance, host) for instance in instances],
        shared=shared,
        duplicates=duplicates,
        copies=copies,
        remote_failures=failures,
        failed_requests=[request.model_dump() for request in snapshot.failed_requests],
        console_errors=console_errors,
        notes=notes,
        problems=problems,
    )


def _merge_share_scope(entries: Iterable[ShareScopeEntry]) -> list[SharedPackage]:
    """One record per (scope, package, version, provider); instances with their own share scope
    map report the same registration again, so their users are merged."""
    merged: dict[tuple[str, str, str, str | None], SharedPackage] = {}
    for entry in entries:
        key = (entry.scope, entry.package, entry.version, entry.provided_by)
        previous = merged.get(key)
        used_by = list(previous.used_by) if previous else []
        used_by += [name for name in entry.use_in if name not in used_by]
        merged[key] = SharedPackage(
            package=entry.package,
            version=entry.version,
            provided_by=entry.provided_by,
            used_by=used_by,
            loaded=entry.loaded or bool(previous and previous.loaded),
            singleton=entry.singleton,
            strict_version=entry.strict_version,
            required_version=entry.required_version,
            scope=entry.scope,
        )
    return sorted(merged.values(), key=lambda item: (item.scope, item.package, item.version))


def _find_host(instances: Sequence[Instance], shared: Sequence[SharedPackage]) -> str | None:
    """The container that provides the most loaded singletons; on a tie, the first one created."""
    if not instances:
        return None
    provided = {instance.name: 0 for instance in instances}
    for item in shared:
        if item.loaded and item.singleton and item.provided_by in provided:
            provided[item.provided_by] += 1
    return max(provided, key=lambda name: (provided[name], -list(provided).index(name)))


def _declared_singletons(instance: Instance) -> set[str]:
    return {name for name, entries in instance.shared.items() if any(e.singleton for e in entries)}


def _container_summary(instance: Instance, host: str | None) -> dict[str, Any]:
    shared = {}
    for name, entries in sorted(instance.shared.items()):
        entry = entries[0] if entries else DeclaredShared.model_validate({})
        shared[name] = {
            "version": entry.version,
            "singleton": entry.singleton,
            "strict_version": entry.strict_version,
            "required_version": entry.required_version,
            "eager": entry.eager,
        }
    return {
        "name": instance.name,
        "host": instance.name == host,
        "remotes": [remote.name for remote in instance.remotes],
        "shared": shared,
    }


def _loaded_versions(shared: Sequence[SharedPackage]) -> list[Duplicate]:
    """More than one version of a package loaded from the share scope."""
    by_package: dict[tuple[str, str], list[SharedPackage]] = {}
    for item in shared:
        if item.loaded:
            by_package.setdefault((item.scope, item.package), []).append(item)
    duplicates = []
    for (_, package), items in sorted(by_package.items()):
        if len(items) < 2:
            continue
        versions = ", ".join(f"{item.version} from {item.provided_by}" for item in items)
        duplicates.append(
            Duplicate(
                package=package,
                containers=[item.provided_by or "?" for item in items],
                singleton=any(item.singleton for item in items),
                reason=f"{len(items)} versions loaded ({versions})",
            )
        )
    return duplicates


RUNTIME = "federation runtime"


def _copies(
    scripts: Sequence[ScriptScan], shared: Sequence[SharedPackage], duplicates: Sequence[Duplicate]
) -> dict[str, int]:
    """Copies of the federation runtime and of each shared package's code that ran in the page.

    A container bundles the runtime unless its build uses the page's (Module Federation's
    `externalRuntime`, as this repository's remotes do), and a build can carry it twice, as
    CommonJS and as ESM: the count comes from the scripts. A shared package runs once per version loaded from the
    share scope, and once more in each container that bundles and runs its own copy.
    """
    copies = {RUNTIME: sum(script.runtime_copies for script in scripts)}
    for item in shared:
        if item.loaded:
            copies[item.package] = copies.get(item.package, 0) + 1
    for duplicate in duplicates:
        if duplicate.package in copies and duplicate.evidence:
            copies[duplicate.package] += len(duplicate.containers)
    return dict(sorted(copies.items(), key=lambda item: (item[0] != RUNTIME, item[0])))


def _own_copies(
    instances: Sequence[Instance],
    host: str | None,
    scripts: Sequence[ScriptScan],
    bases: Mapping[str, str],
    notes: list[str],
) -> list[Duplicate]:
    """A container that leaves out a singleton the host shares, and whose scripts carry that package.

    Leaving a package out is fine when the container never imports it (a content-only remote
    has no use for the store), so only the package showing up in the container's own scripts
    makes it a duplicate; without that evidence it is a note.
    """
    host_instance = next((instance for instance in instances if instance.name == host), None)
    if host_instance is None:
        return []
    host_singletons = _declared_singletons(host_instance)
    duplicates = []
    for instance in instances:
        if instance.name == host:
            continue
        declared = set(instance.shared)
        not_shared = sorted(host_singletons - declared)
        unproven = []
        for package in not_shared:
            evidence = [
                script.url
                for script in scripts
                if package in script.mentions and _container_of(script.url, bases) == instance.name
            ]
            if evidence:
                duplicates.append(
                    Duplicate(
                        package=package,
                        containers=[instance.name],
                        singleton=True,
                        reason=(
                            f"{instance.name} does not share {package}, which {host} shares as a singleton, "
                            f"and runs its own copy; add {package} to the shared block of {instance.name}"
                        ),
                        evidence=evidence,
                    )
                )
            else:
                unproven.append(package)
        if unproven:
            notes.append(
                f"{instance.name} does not share {', '.join(unproven)} (singletons of {host}); "
                "no copy of them was seen in its scripts, so it presumably does not use them"
            )
        for package in sorted(host_singletons & declared - _declared_singletons(instance)):
            notes.append(f"{instance.name} shares {package} without singleton, unlike {host}")
    return duplicates


def _remote_names(instances: Sequence[Instance]) -> list[str]:
    names: list[str] = []
    for instance in instances:
        for candidate in [instance.name, *(r.name for r in instance.remotes)]:
            if candidate and candidate not in names:
                names.append(candidate)
    return names


def _entry_base(entry: str) -> str:
    """Where a container's files live: `.../products/` for `.../products/_next/static/chunks/remoteEntry.js`."""
    path = _without_query(entry)
    if "/_next/" in path:
        return path[: path.index("/_next/") + 1]
    return path.rsplit("/", 1)[0] + "/"


def _container_bases(url: str, instances: Sequence[Instance], host: str | None) -> dict[str, str]:
    bases: dict[str, str] = {}
    for instance in instances:
        for remote in instance.remotes:
            if remote.entry:
                bases.setdefault(remote.name, _entry_base(remote.entry))
    if host:
        bases.setdefault(host, urljoin(url, "/"))
    return bases


def _container_of(url: str, bases: Mapping[str, str]) -> str | None:
    matches = [(len(base), name) for name, base in bases.items() if url.startswith(base)]
    return max(matches)[1] if matches else None


def _without_query(url: str) -> str:
    return urlsplit(url)._replace(query="", fragment="").geturl()


def _is_remote_entry(url: str, entries: Iterable[str]) -> bool:
    return any(_without_query(url) == _without_query(entry) for entry in entries)


_REQUIREMENT_OF = re.compile(r"requirement of (\S+?)(?:\s+which|\)|$)")
_COULD_NOT_LOAD = re.compile(r"^(\S+?) could not be loaded")


def _named_container(text: str, names: Sequence[str]) -> str | None:
    """The container a message is about: the runtime's "requirement of X", a slot's "X/Module
    could not be loaded", or else the first known container the text names."""
    for pattern in (_REQUIREMENT_OF, _COULD_NOT_LOAD):
        match = pattern.search(text)
        if match:
            return match.group(1).split("/")[0]
    found = [(match.start(), name) for name in names if (match := re.search(rf"\b{re.escape(name)}\b", text))]
    return min(found)[1] if found else None


def _remote_failures(snapshot: Snapshot, bases: Mapping[str, str], names: Sequence[str]) -> list[RemoteFailure]:
    instances = snapshot.federation.instances if snapshot.federation else []
    entries = [remote.entry for instance in instances for remote in instance.remotes if remote.entry]
    failures: list[RemoteFailure] = []

    def add(failure: RemoteFailure) -> None:
        if failure not in failures:
            failures.append(failure)

    for request in snapshot.failed_requests:
        # Aborted requests are the browser cancelling what a navigation made useless.
        if "ERR_ABORTED" in request.reason:
            continue
        if request.resource_type == "script" or _is_remote_entry(request.url, entries):
            container = _container_of(request.url, bases)
            add(RemoteFailure(container, f"{request.reason} for {request.url}", "request"))
    runtime_messages = [entry.text for entry in snapshot.console] + list(snapshot.page_errors)
    for text in runtime_messages:
        if FEDERATION_RUNTIME_TAG in text:
            add(RemoteFailure(_named_container(text, names), " ".join(text.split()), "runtime"))
    for text in snapshot.slot_errors:
        add(RemoteFailure(_named_container(text, names), text, "slot"))
    return failures


# ---------------------------------------------------------------------------------------------
