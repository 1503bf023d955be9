"""`fedctl doctor URL`: open a federated page in headless Chromium and count what the browser got.

The reference's runtime check is "open DevTools and count the stores". This command does it for
you, on any webpack / Next.js Module Federation page, not only ours:

- how many stores the page created (a counter the store package keeps on `window`);
- every shared package in the share scope, which container provided it, its version and which
  containers use it (`window.__FEDERATION__.__INSTANCES__[i].shareScopeMap`), and what each
  container declares as shared (`options.shared`);
- packages loaded more than once: two loaded versions of one package, or a container that leaves
  out a singleton the host shares and carries its own copy of it;
- remotes that failed to load, and why; console errors.

It works in two steps that can be run apart: `collect()` drives the browser and returns a plain
JSON snapshot (`--save-snapshot`), `diagnose()` turns a snapshot into a report with no browser
(`--snapshot`), so a snapshot taken on one machine can be read on another and tested offline.

Exit codes: 0 healthy, 1 a singleton loaded twice / a remote failed / more than one store,
2 a usage error or a page that cannot be opened (with the reason).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urljoin, urlsplit

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

# Chromium here has no network but loopback: without these flags it keeps calling home.
# The browser tests launch Chromium with the same list.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

DEFAULT_STORE_COUNTER = "__myapp_store_count"
DEFAULT_ERROR_SELECTOR = '[data-testid="remote-error"]'
DEFAULT_PENDING_SELECTOR = '.remote-loading, [aria-busy="true"]'
FEDERATION_RUNTIME_TAG = "[ Federation Runtime ]"

# Strings that only a copy of the package carries, for packages whose minified code does not
# always spell its own name. A container's scripts that contain one carry their own copy.
PACKAGE_SIGNATURES: dict[str, tuple[str, ...]] = {
    "react-redux": ("react-redux-context",),
}

# How long the network and the remote slots must stay quiet before a route counts as settled.
_QUIET_SECONDS = 0.5
# Bodies larger than this are not scanned (no remote chunk is that big; a source map might be).
_MAX_SCRIPT_BYTES = 20 * 1024 * 1024

# Reads the federation runtime's globals into plain JSON. Every instance holds a share scope
# map, and their scopes are usually the same objects: each distinct scope object is read once.
_READ_FEDERATION = """() => {
  const federation = window.__FEDERATION__;
  if (!federation || !Array.isArray(federation.__INSTANCES__)) return null;
  const flags = (config) => ({
    singleton: Boolean(config && config.singleton),
    strictVersion: Boolean(config && config.strictVersion),
    requiredVersion: config && config.requiredVersion !== undefined ? config.requiredVersion : null,
    eager: Boolean(config && config.eager),
  });
  const names = (list) => (Array.isArray(list) ? list.map(String) : []);
  const seenScopes = new Set();
  const shareScope = [];
  const instances = federation.__INSTANCES__.map((instance) => {
    const options = instance.options || {};
    const shared = {};
    for (const [name, entries] of Object.entries(options.shared || {})) {
      shared[name] = (Array.isArray(entries) ? entries : [entries]).map((entry) => ({
        version: entry && entry.version !== undefined ? String(entry.version) : null,
        ...flags(entry && entry.shareConfig),
      }));
    }
    const map = instance.shareScopeMap;
    for (const [scope, packages] of Object.entries(map && typeof map === 'object' ? map : {})) {
      if (!packages || seenScopes.has(packages)) continue;
      seenScopes.add(packages);
      for (const [name, versions] of Object.entries(packages)) {
        for (const [version, entry] of Object.entries(versions || {})) {
          if (!entry || typeof entry !== 'object') continue;
          shareScope.push({
            scope, package: name, version,
            from: entry.from !== undefined ? String(entry.from) : null,
            loaded: Boolean(entry.loaded) || Boolean(entry.loading),
            useIn: names(entry.useIn),
            ...flags(entry.shareConfig),
          });
        }
      }
    }
    return {
      name: String(instance.name || options.name || ''),
      remotes: (options.remotes || []).map((remote) => ({
        name: String(remote.name || ''),
        alias: remote.alias ? String(remote.alias) : null,
        entry: remote.entry ? String(remote.entry) : null,
      })),
      shared,
    };
  });
  return { instances, shareScope };
}"""

# Client-side navigation: the Next.js router when there is one, otherwise the History API plus
# the popstate event that React Router and most SPA routers listen to.
_NAVIGATE = """async (route) => {
  const router = window.next && window.next.router;
  if (router && typeof router.push === 'function') {
    await router.push(route);
    return 'next-router';
  }
  window.history.pushState(null, '', route);
  window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
  return 'history';
}"""

_TEXTS = "elements => elements.map(e => (e.innerText || e.textContent || '').trim()).filter(Boolean)"


class DoctorError(Exception):
    """The page could not be examined (no browser, URL not reachable, bad snapshot): exit 2."""


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


# ---------------------------------------------------------------------------------------------
# Collecting: the browser side.


@dataclass
class _Network:
    """Requests in flight, failures, and the scripts the page ran (for the copy detection)."""

    in_flight: set[Any] = field(default_factory=set)
    failed: list[dict[str, Any]] = field(default_factory=list)
    scripts: dict[str, str] = field(default_factory=dict)

    # Long-lived connections never finish; they must not keep a route from settling.
    _ENDLESS = frozenset({"eventsource", "websocket"})

    def on_request(self, request: Any) -> None:
        if request.resource_type not in self._ENDLESS:
            self.in_flight.add(request)

    def on_finished(self, request: Any) -> None:
        self.in_flight.discard(request)

    def on_failed(self, request: Any) -> None:
        self.in_flight.discard(request)
        self.failed.append(
            {"url": request.url, "resource_type": request.resource_type, "status": None,
             "reason": request.failure or "failed"}
        )

    def on_response(self, response: Any) -> None:
        request = response.request
        if response.status >= 400:
            self.failed.append(
                {"url": response.url, "resource_type": request.resource_type, "status": response.status,
                 "reason": f"HTTP {response.status}"}
            )
        elif request.resource_type == "script" and response.url not in self.scripts:
            try:
                body = response.body()
            except Exception:  # A body that went away (the page navigated) is simply not scanned.
                return
            if len(body) <= _MAX_SCRIPT_BYTES:
                self.scripts[response.url] = body.decode("utf-8", errors="replace")


def chromium_executable(explicit: str | None = None) -> str:
    executable = explicit or os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not executable:
        raise DoctorError("Chromium is not installed (install the Debian package `chromium` or set CHROMIUM_PATH)")
    return executable


def collect(
    url: str,
    routes: Sequence[str] = (),
    *,
    timeout: float = 30.0,
    store_counter: str = DEFAULT_STORE_COUNTER,
    error_selector: str = DEFAULT_ERROR_SELECTOR,
    pending_selector: str = DEFAULT_PENDING_SELECTOR,
    chromium: str | None = None,
) -> dict[str, Any]:
    """Opens `url`, walks `routes` client-side in the same page, and returns the snapshot."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    executable = chromium_executable(chromium)
    network = _Network()
    console: list[dict[str, str]] = []
    page_errors: list[str] = []
    visits: list[dict[str, Any]] = []
    slot_errors: list[str] = []

    with sync_playwright() as driver:
        try:
            browser = driver.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except PlaywrightError as error:
            raise DoctorError(f"cannot start Chromium ({executable}): {_first_line(error.message)}") from error
        try:
            page = browser.new_page()
            page.set_default_timeout(timeout * 1000)
            page.on("request", network.on_request)
            page.on("requestfinished", network.on_finished)
            page.on("requestfailed", network.on_failed)
            page.on("response", network.on_response)
            page.on("console", lambda message: _keep_console(console, message.type, message.text))
            page.on("pageerror", lambda error: page_errors.append(str(error)))
            try:
                response = page.goto(url, wait_until="load")
            except PlaywrightError as error:
                raise DoctorError(f"cannot open {url}: {_first_line(error.message)}") from error
            if response is not None and response.status >= 400:
                raise DoctorError(f"cannot open {url}: HTTP {response.status}")

            def settle(route: str, navigation: str) -> None:
                pending = _wait_until_settled(page, network, pending_selector, timeout)
                for text in _texts(page, error_selector):
                    if text not in slot_errors:
                        slot_errors.append(text)
                visits.append(
                    {"route": route, "url": page.url, "navigation": navigation, "settled": not pending,
                     "pending": pending}
                )

            settle(urlsplit(page.url).path or "/", "load")
            for route in routes:
                try:
                    navigation = str(page.evaluate(_NAVIGATE, route))
                except PlaywrightError as error:
                    # The router fell back to a full page load (the execution context went away).
                    if "context was destroyed" not in error.message and "navigation" not in error.message:
                        raise DoctorError(f"cannot open route {route}: {_first_line(error.message)}") from error
                    page.wait_for_load_state("load")
                    navigation = "load"
                settle(route, navigation)

            store_count = page.evaluate(
                "name => (typeof window[name] === 'number' ? window[name] : null)", store_counter
            )
            federation = page.evaluate(_READ_FEDERATION)
        finally:
            browser.close()

    return {
        "url": url,
        "routes": visits,
        "store_counter": store_counter,
        "store_count": store_count,
        "federation": federation,
        "failed_requests": network.failed,
        "scripts": _scan_scripts(network.scripts, _package_names(federation)),
        "console": console,
        "page_errors": page_errors,
        "slot_errors": slot_errors,
    }


def _keep_console(console: list[dict[str, str]], kind: str, text: str) -> None:
    if kind in ("error", "warning"):
        console.append({"type": kind, "text": text})


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else "unknown error"


def _texts(page: Any, selector: str) -> list[str]:
    from playwright.sync_api import Error as PlaywrightError

    try:
        return [" ".join(text.split()) for text in page.eval_on_selector_all(selector, _TEXTS)]
    except PlaywrightError:
        return []


def _wait_until_settled(page: Any, network: _Network, pending_selector: str, timeout: float) -> list[str]:
    """Waits until no request is in flight and no remote slot is loading, for a short quiet spell.

    Returns the texts of the slots still loading when `timeout` ran out (empty when settled).
    """
    deadline = time.monotonic() + timeout
    quiet_since: float | None = None
    pending: list[str] = []
    while time.monotonic() < deadline:
        pending = _texts(page, pending_selector)
        if network.in_flight or pending:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= _QUIET_SECONDS:
            return []
        page.wait_for_timeout(100)
    return pending or [f"{len(network.in_flight)} request(s) still in flight after {timeout:.0f}s"]


def _package_names(federation: Mapping[str, Any] | None) -> set[str]:
    if not federation:
        return set()
    names = {entry["package"] for entry in federation.get("shareScope", [])}
    for instance in federation.get("instances", []):
        names.update(instance.get("shared", {}))
    return names


def _mention_pattern(name: str) -> re.Pattern[str]:
    # A whole package name: `react` must not match inside `react-dom` or `react/jsx-runtime`.
    return re.compile(r"(?<![\w@/.-])" + re.escape(name) + r"(?![\w/-])")


def _scan_scripts(scripts: Mapping[str, str], names: Iterable[str]) -> list[dict[str, Any]]:
    """Which shared package names (or their signatures) each script the page ran mentions."""
    patterns = {name: _mention_pattern(name) for name in sorted(names)}
    scanned = []
    for url, body in scripts.items():
        mentions = [
            name for name, pattern in patterns.items()
            if pattern.search(body) or any(sig in body for sig in PACKAGE_SIGNATURES.get(name, ()))
        ]
        scanned.append({"url": url, "mentions": mentions})
    return scanned


# ---------------------------------------------------------------------------------------------
# Diagnosing: plain data in, plain data out.


@dataclass(frozen=True)
class SharedPackage:
    """One version of one package in the share scope."""

    package: str
    version: str
    provided_by: str | None
    used_by: list[str]
    loaded: bool
    singleton: bool
    strict_version: bool
    required_version: str | bool | None
    scope: str = "default"


@dataclass(frozen=True)
class Duplicate:
    """A package whose code runs more than once in the page."""

    package: str
    containers: list[str]
    singleton: bool
    reason: str
    evidence: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RemoteFailure:
    container: str | None
    reason: str
    source: str  # "request", "runtime" or "slot"


@dataclass
class Report:
    url: str
    routes: list[dict[str, Any]]
    host: str | None
    store_counter: str
    store_count: int | None
    containers: list[dict[str, Any]]
    shared: list[SharedPackage]
    duplicates: list[Duplicate]
    remote_failures: list[RemoteFailure]
    failed_requests: list[dict[str, Any]]
    console_errors: list[str]
    notes: list[str]
    problems: list[str]

    @property
    def healthy(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {"healthy": self.healthy, **asdict(self)}


def diagnose(snapshot: Mapping[str, Any]) -> Report:
    """Turns a snapshot from `collect()` into a report; no browser involved."""
    try:
        return _diagnose(snapshot)
    except (KeyError, TypeError, AttributeError) as error:
        raise DoctorError(f"not a fedctl doctor snapshot ({type(error).__name__}: {error})") from error


def _diagnose(snapshot: Mapping[str, Any]) -> Report:
    federation = snapshot.get("federation") or {"instances": [], "shareScope": []}
    instances: list[dict[str, Any]] = federation["instances"]
    shared = _merge_share_scope(federation["shareScope"])
    host = _find_host(instances, shared)
    notes: list[str] = []
    if not snapshot.get("federation"):
        notes.append("no Module Federation runtime on this page (window.__FEDERATION__ is not set)")

    bases = _container_bases(snapshot["url"], instances, host)
    duplicates = _loaded_versions(shared) + _own_copies(instances, host, snapshot["scripts"], bases, notes)
    failures = _remote_failures(snapshot, bases, _remote_names(instances))

    store_count = snapshot.get("store_count")
    counter = snapshot.get("store_counter", DEFAULT_STORE_COUNTER)
    if store_count is None:
        notes.append(f"store count unknown: window.{counter} is not set (the page's store does not count itself)")
    for visit in snapshot["routes"]:
        if not visit.get("settled", True):
            notes.append(f"{visit['route']} did not settle: {'; '.join(visit.get('pending', []))}")

    problems: list[str] = []
    if isinstance(store_count, int) and store_count > 1:
        problems.append(f"{store_count} stores exist in the page; there must be one")
    for duplicate in duplicates:
        if duplicate.singleton:
            problems.append(f"singleton {duplicate.package} loaded more than once: {duplicate.reason}")
    for failure in failures:
        problems.append(f"{failure.container or 'a remote'} failed to load: {failure.reason}")

    console_errors = [entry["text"] for entry in snapshot["console"] if entry["type"] == "error"]
    console_errors += [f"uncaught: {text}" for text in snapshot["page_errors"]]
    return Report(
        url=snapshot["url"],
        routes=list(snapshot["routes"]),
        host=host,
        store_counter=counter,
        store_count=store_count,
        containers=[_container_summary(instance, host) for instance in instances],
        shared=shared,
        duplicates=duplicates,
        remote_failures=failures,
        failed_requests=list(snapshot["failed_requests"]),
        console_errors=console_errors,
        notes=notes,
        problems=problems,
    )


def _merge_share_scope(entries: Iterable[Mapping[str, Any]]) -> list[SharedPackage]:
    """One record per (scope, package, version, provider); instances with their own share scope
    map report the same registration again, so their users are merged."""
    merged: dict[tuple[str, str, str, str | None], SharedPackage] = {}
    for entry in entries:
        key = (entry["scope"], entry["package"], entry["version"], entry["from"])
        previous = merged.get(key)
        used_by = list(previous.used_by) if previous else []
        used_by += [name for name in entry["useIn"] if name not in used_by]
        merged[key] = SharedPackage(
            package=entry["package"],
            version=entry["version"],
            provided_by=entry["from"],
            used_by=used_by,
            loaded=bool(entry["loaded"]) or bool(previous and previous.loaded),
            singleton=bool(entry["singleton"]),
            strict_version=bool(entry["strictVersion"]),
            required_version=entry["requiredVersion"],
            scope=entry["scope"],
        )
    return sorted(merged.values(), key=lambda item: (item.scope, item.package, item.version))


def _find_host(instances: Sequence[Mapping[str, Any]], shared: Sequence[SharedPackage]) -> str | None:
    """The container that provides the most loaded singletons; on a tie, the first one created."""
    if not instances:
        return None
    provided = {instance["name"]: 0 for instance in instances}
    for item in shared:
        if item.loaded and item.singleton and item.provided_by in provided:
            provided[item.provided_by] += 1
    return max(provided, key=lambda name: (provided[name], -list(provided).index(name)))


def _declared_singletons(instance: Mapping[str, Any]) -> set[str]:
    return {name for name, entries in instance["shared"].items() if any(e["singleton"] for e in entries)}


def _container_summary(instance: Mapping[str, Any], host: str | None) -> dict[str, Any]:
    shared = {}
    for name, entries in sorted(instance["shared"].items()):
        entry = entries[0] if entries else {}
        shared[name] = {
            "version": entry.get("version"),
            "singleton": bool(entry.get("singleton")),
            "strict_version": bool(entry.get("strictVersion")),
            "required_version": entry.get("requiredVersion"),
            "eager": bool(entry.get("eager")),
        }
    return {
        "name": instance["name"],
        "host": instance["name"] == host,
        "remotes": [remote["name"] for remote in instance["remotes"]],
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


def _own_copies(
    instances: Sequence[Mapping[str, Any]],
    host: str | None,
    scripts: Sequence[Mapping[str, Any]],
    bases: Mapping[str, str],
    notes: list[str],
) -> list[Duplicate]:
    """A container that leaves out a singleton the host shares, and whose scripts carry that package.

    Leaving a package out is fine when the container never imports it (a content-only remote
    has no use for the store), so only the package showing up in the container's own scripts
    makes it a duplicate; without that evidence it is a note.
    """
    host_instance = next((instance for instance in instances if instance["name"] == host), None)
    if host_instance is None:
        return []
    host_singletons = _declared_singletons(host_instance)
    duplicates = []
    for instance in instances:
        if instance["name"] == host:
            continue
        declared = set(instance["shared"])
        not_shared = sorted(host_singletons - declared)
        unproven = []
        for package in not_shared:
            evidence = [
                script["url"] for script in scripts
                if package in script["mentions"] and _container_of(script["url"], bases) == instance["name"]
            ]
            if evidence:
                duplicates.append(
                    Duplicate(
                        package=package,
                        containers=[instance["name"]],
                        singleton=True,
                        reason=(
                            f"{instance['name']} does not share {package}, which {host} shares as a singleton, "
                            f"and runs its own copy; add {package} to the shared block of {instance['name']}"
                        ),
                        evidence=evidence,
                    )
                )
            else:
                unproven.append(package)
        if unproven:
            notes.append(
                f"{instance['name']} does not share {', '.join(unproven)} (singletons of {host}); "
                "no copy of them was seen in its scripts, so it presumably does not use them"
            )
        for package in sorted(host_singletons & declared - _declared_singletons(instance)):
            notes.append(f"{instance['name']} shares {package} without singleton, unlike {host}")
    return duplicates


def _remote_names(instances: Sequence[Mapping[str, Any]]) -> list[str]:
    names: list[str] = []
    for instance in instances:
        for candidate in [instance["name"], *(r["name"] for r in instance["remotes"])]:
            if candidate and candidate not in names:
                names.append(candidate)
    return names


def _entry_base(entry: str) -> str:
    """Where a container's files live: `.../products/` for `.../products/_next/static/chunks/remoteEntry.js`."""
    path = _without_query(entry)
    if "/_next/" in path:
        return path[: path.index("/_next/") + 1]
    return path.rsplit("/", 1)[0] + "/"


def _container_bases(url: str, instances: Sequence[Mapping[str, Any]], host: str | None) -> dict[str, str]:
    bases: dict[str, str] = {}
    for instance in instances:
        for remote in instance["remotes"]:
            if remote.get("entry"):
                bases.setdefault(remote["name"], _entry_base(remote["entry"]))
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


def _remote_failures(
    snapshot: Mapping[str, Any], bases: Mapping[str, str], names: Sequence[str]
) -> list[RemoteFailure]:
    entries = [
        remote["entry"]
        for instance in (snapshot.get("federation") or {}).get("instances", [])
        for remote in instance["remotes"]
        if remote.get("entry")
    ]
    failures: list[RemoteFailure] = []

    def add(failure: RemoteFailure) -> None:
        if failure not in failures:
            failures.append(failure)

    for request in snapshot["failed_requests"]:
        # Aborted requests are the browser cancelling what a navigation made useless.
        if "ERR_ABORTED" in request["reason"]:
            continue
        if request["resource_type"] == "script" or _is_remote_entry(request["url"], entries):
            container = _container_of(request["url"], bases)
            add(RemoteFailure(container, f"{request['reason']} for {request['url']}", "request"))
    runtime_messages = [entry["text"] for entry in snapshot["console"]] + list(snapshot["page_errors"])
    for text in runtime_messages:
        if FEDERATION_RUNTIME_TAG in text:
            add(RemoteFailure(_named_container(text, names), " ".join(text.split()), "runtime"))
    for text in snapshot["slot_errors"]:
        add(RemoteFailure(_named_container(text, names), text, "slot"))
    return failures


# ---------------------------------------------------------------------------------------------
# Output.


def render_json(report: Report) -> str:
    return json.dumps(report.as_dict(), indent=2)


def render_text(report: Report, console: Console) -> None:
    console.print(f"[bold]fedctl doctor[/bold] {escape(report.url)}")
    for visit in report.routes:
        state = "settled" if visit.get("settled", True) else "[yellow]did not settle[/yellow]"
        console.print(f"  visited {escape(visit['route'])} ({visit['navigation']}, {state})")
    console.print()

    if report.store_count is None:
        console.print(f"Stores: [yellow]unknown[/yellow] (window.{report.store_counter} is not set)")
    else:
        colour = "green" if report.store_count == 1 else "red"
        console.print(f"Stores: [{colour}]{report.store_count}[/{colour}] (window.{report.store_counter})")
    console.print(f"Host: {escape(report.host or 'none found')}")
    console.print()

    loaded = [item for item in report.shared if item.loaded]
    table = Table(title="Shared packages in use", title_justify="left")
    for column in ("package", "version", "provided by", "used by", "flags"):
        table.add_column(column)
    for item in loaded:
        flags = ", ".join(
            flag for flag, on in (("singleton", item.singleton), ("strictVersion", item.strict_version)) if on
        )
        table.add_row(
            escape(item.package), item.version, escape(item.provided_by or "?"), escape(", ".join(item.used_by)), flags
        )
    console.print(table)
    unused = len(report.shared) - len(loaded)
    if unused:
        console.print(f"  ({unused} more registered by containers but not loaded)")

    if report.containers:
        names = [container["name"] for container in report.containers]
        packages = sorted({package for container in report.containers for package in container["shared"]})
        matrix = Table(
            title="Declared as shared", title_justify="left", caption="S singleton, s shared, . not declared"
        )
        matrix.add_column("package")
        for name in names:
            matrix.add_column(escape(name + (" (host)" if name == report.host else "")), justify="center")
        for package in packages:
            cells = []
            for container in report.containers:
                flags = container["shared"].get(package)
                cells.append("." if flags is None else "S" if flags["singleton"] else "s")
            matrix.add_row(escape(package), *cells)
        console.print(matrix)
    console.print()

    _section(console, "Loaded more than once", [
        f"{d.package} ({', '.join(d.containers)}): {d.reason}" for d in report.duplicates
    ])
    _section(console, "Remotes that failed to load", [
        f"{f.container or 'unknown container'} ({f.source}): {f.reason}" for f in report.remote_failures
    ])
    _section(console, "Console errors", report.console_errors)
    other_requests = [f"{r['reason']} {r['url']}" for r in report.failed_requests]
    _section(console, "Failed requests", other_requests, style="yellow")
    _section(console, "Notes", report.notes, style="dim")

    if report.healthy:
        console.print("[bold green]healthy[/bold green]: one store, no duplicated singleton, every remote loaded")
    else:
        console.print(f"[bold red]{len(report.problems)} problem(s)[/bold red]:")
        for problem in report.problems:
            console.print(f"  - {escape(problem)}")


def _section(console: Console, title: str, lines: Sequence[str], style: str = "red") -> None:
    if not lines:
        return
    console.print(f"[bold]{title}[/bold]")
    for line in lines:
        console.print(f"  [{style}]-[/{style}] {escape(line)}")
    console.print()


# ---------------------------------------------------------------------------------------------
# The command.


def doctor(
    url: Annotated[str | None, typer.Argument(help="The page to examine, e.g. http://localhost:3000/.")] = None,
    route: Annotated[
        list[str] | None,
        typer.Option("--route", "-r", help="Also visit this path, client-side in the same page (repeatable)."),
    ] = None,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="text or json.")] = OutputFormat.text,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the page and for each route to settle.")] = 30.0,
    store_counter: Annotated[
        str, typer.Option(help="The window global holding the number of stores created.")
    ] = DEFAULT_STORE_COUNTER,
    error_selector: Annotated[
        str, typer.Option(help="CSS selector of the host's slot errors (their text names the remote).")
    ] = DEFAULT_ERROR_SELECTOR,
    pending_selector: Annotated[
        str, typer.Option(help="CSS selector of slots still loading; a route settles when none is left.")
    ] = DEFAULT_PENDING_SELECTOR,
    chromium: Annotated[
        str | None, typer.Option(help="Chromium executable (default: $CHROMIUM_PATH, then chromium on PATH).")
    ] = None,
    save_snapshot: Annotated[
        Path | None, typer.Option(help="Also write what the browser saw to this JSON file.")
    ] = None,
    snapshot: Annotated[
        Path | None, typer.Option(help="Diagnose a saved snapshot instead of opening a browser (no URL).")
    ] = None,
) -> None:
    """Open a federated page in headless Chromium and count its stores, shared packages and failures.

    Exit codes: 0 healthy; 1 a singleton loaded twice, a failed remote or more than one store;
    2 a usage error or a page that cannot be opened.
    """
    routes = route or []
    try:
        if (url is None) == (snapshot is None):
            raise DoctorError("give either a URL or --snapshot FILE")
        bad_routes = [path for path in routes if not path.startswith("/")]
        if bad_routes:
            raise DoctorError(f"a route is a path starting with '/': {', '.join(bad_routes)}")
        if snapshot is not None:
            try:
                data = json.loads(snapshot.read_text())
            except (OSError, ValueError) as error:
                raise DoctorError(f"cannot read snapshot {snapshot}: {error}") from error
        else:
            assert url is not None
            if urlsplit(url).scheme not in ("http", "https"):
                raise DoctorError(f"not an http(s) URL: {url}")
            data = collect(
                url, routes, timeout=timeout, store_counter=store_counter, error_selector=error_selector,
                pending_selector=pending_selector, chromium=chromium,
            )
            if save_snapshot is not None:
                save_snapshot.write_text(json.dumps(data, indent=2) + "\n")
        report = diagnose(data)
    except DoctorError as error:
        typer.echo(f"fedctl doctor: error: {error}", err=True)
        raise typer.Exit(2) from error

    if format is OutputFormat.json:
        typer.echo(render_json(report))
    else:
        console = Console(highlight=False)
        if not console.is_terminal:
            # Logs and CI: wide enough that the tables keep one line per package.
            console = Console(highlight=False, width=120)
        render_text(report, console)
    raise typer.Exit(0 if report.healthy else 1)
