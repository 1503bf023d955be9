"""Collecting: drive headless Chromium through a federated page and record what it got."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from fedctl.doctor.browser import MISSING, chromium_executable, launch
from fedctl.doctor.model import DEFAULT_STORE_COUNTER, DoctorError, Snapshot

DEFAULT_ERROR_SELECTOR = '[data-testid="remote-error"]'
DEFAULT_PENDING_SELECTOR = '.remote-loading, [aria-busy="true"]'

# Strings that only a copy of the package carries, for packages whose minified code does not
# always spell its own name. A container's scripts that contain one carry their own copy.
PACKAGE_SIGNATURES: dict[str, tuple[str, ...]] = {
    "react-redux": ("react-redux-context",),
}

# What each bundled copy of the Module Federation runtime (runtime-core) carries exactly once, in
# its ESM and its CommonJS build, minified or not: the initial value of its global state
# (`__PRELOADED_MAP__: new Map()`; the other mentions assign or read it). Not the error-code
# table: a container whose runtime is the host's still bundles that, for its own messages.
RUNTIME_SIGNATURE = re.compile(r"__PRELOADED_MAP__\s*:\s*(?:/\*[^*]*\*/\s*)?new Map\b")

# How long the network and the remote slots must stay quiet before a route counts as settled.
_QUIET_SECONDS = 0.5
# Bodies larger than this are not scanned (no remote chunk is that big; a source map might be).
_MAX_SCRIPT_BYTES = 20 * 1024 * 1024

# Reads the federation runtime's globals into plain JSON. Every instance holds a share scope
# map, and their scopes are usually the same objects: each distinct scope object is read once.
READ_FEDERATION = """() => {
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
          // A package shared tree-shaken is loaded as its `treeShaking` variant: the same version
          // from the same container, with only the exports that build imports.
          const variants = [entry, entry.treeShaking].filter((v) => v && typeof v === 'object');
          shareScope.push({
            scope, package: name, version,
            from: entry.from !== undefined ? String(entry.from) : null,
            loaded: variants.some((v) => Boolean(v.loaded) || Boolean(v.loading)),
            useIn: [...new Set(variants.flatMap((v) => names(v.useIn)))],
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
            {
                "url": request.url,
                "resource_type": request.resource_type,
                "status": None,
                "reason": request.failure or "failed",
            }
        )

    def on_response(self, response: Any) -> None:
        request = response.request
        if response.status >= 400:
            self.failed.append(
                {
                    "url": response.url,
                    "resource_type": request.resource_type,
                    "status": response.status,
                    "reason": f"HTTP {response.status}",
                }
            )
        elif request.resource_type == "script" and response.url not in self.scripts:
            try:
                body = response.body()
            except Exception:  # A body that went away (the page navigated) is simply not scanned.
                return
            if len(body) <= _MAX_SCRIPT_BYTES:
                self.scripts[response.url] = body.decode("utf-8", errors="replace")


def collect(
    url: str,
    routes: Sequence[str] = (),
    *,
    timeout: float = 30.0,
    store_counter: str = DEFAULT_STORE_COUNTER,
    error_selector: str = DEFAULT_ERROR_SELECTOR,
    pending_selector: str = DEFAULT_PENDING_SELECTOR,
    chromium: str | None = None,
) -> Snapshot:
    """Opens `url`, walks `routes` client-side in the same page, and returns the snapshot."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    executable = chromium_executable(chromium)
    if executable is None:
        raise DoctorError(MISSING)
    network = _Network()
    console: list[dict[str, str]] = []
    page_errors: list[str] = []
    visits: list[dict[str, Any]] = []
    slot_errors: list[str] = []

    with sync_playwright() as driver:
        try:
            browser = launch(driver.chromium, executable)
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
                    {
                        "route": route,
                        "url": page.url,
                        "navigation": navigation,
                        "settled": not pending,
                        "pending": pending,
                    }
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
            federation = page.evaluate(READ_FEDERATION)
        finally:
            browser.close()

    return Snapshot.parse(
        {
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
    )


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
            name
            for name, pattern in patterns.items()
            if pattern.search(body) or any(sig in body for sig in PACKAGE_SIGNATURES.get(name, ()))
        ]
        scanned.append({"url": url, "mentions": mentions, "runtimeCopies": len(RUNTIME_SIGNATURE.findall(body))})
    return scanned


# ---------------------------------------------------------------------------------------------
