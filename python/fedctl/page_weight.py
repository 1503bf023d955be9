"""What the federation costs a page: script bytes per route, counted by Chromium itself.

Used by `fedctl bench` (the federation against its monolith yardstick, route by route) and by the
bytes budget check of the browser tests (e2e/test_page_weight.py). Scripts only: every response
Chromium types `Script`. Decoded bytes are what the page runs (after compression); transferred
bytes are Chromium's own count of what crossed the wire (headers included, so a 304 counts its
headers); re-downloaded bytes are the script bodies that crossed the wire (compressed), which on a
repeat visit in the same browser must be 0 (a 304 or a cache hit brings no body).
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser

from fedctl.manifest import Manifest

# Each route of the host, and the element that proves its remote has rendered.
ROUTES = {
    "/": "[data-testid=home-hero]",
    "/products": "[data-testid=product-card]",
    "/login": "[data-testid=mobile-input]",
    "/faq": "[data-testid=faq]",
    "/cart": "[data-testid=cart-page]",
    "/account": "[data-testid=account-page]",
    "/support": "[data-testid=support-page]",
}

BUDGET_FILE = "page-weight-budget.json"
# A route's decoded script bytes may grow this much over its budget before the check fails.
BUDGET_TOLERANCE = 0.05


@dataclass
class Visit:
    scripts: int = 0
    decoded: int = 0
    transferred: int = 0
    redownloaded: int = 0


@dataclass
class _Request:
    script: bool = False
    decoded: int = 0
    transferred: int = 0
    # What had arrived when the response began: its headers (Chromium's count at that point).
    headers: int = 0


@dataclass
class RouteWeight:
    route: str
    first: Visit
    repeat: Visit
    render_ms: float
    script_urls: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("script_urls")
        return data


def _visit(page: Any, session: Any, url: str, selector: str) -> tuple[Visit, float, list[str]]:
    requests: dict[str, _Request] = {}
    urls: dict[str, str] = {}

    def entry(event: dict[str, Any]) -> _Request:
        return requests.setdefault(event["requestId"], _Request())

    def on_response(event: dict[str, Any]) -> None:
        request = entry(event)
        response = event["response"]
        request.script = event.get("type") == "Script"
        request.headers = int(response.get("encodedDataLength", 0))
        if request.script:
            urls[event["requestId"]] = response["url"]

    def on_data(event: dict[str, Any]) -> None:
        entry(event).decoded += int(event.get("dataLength", 0))

    def on_finished(event: dict[str, Any]) -> None:
        entry(event).transferred = int(event.get("encodedDataLength", 0))

    handlers = {
        "Network.responseReceived": on_response,
        "Network.dataReceived": on_data,
        "Network.loadingFinished": on_finished,
    }
    for name, handler in handlers.items():
        session.on(name, handler)
    try:
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_selector(selector, timeout=30_000)
        render_ms = (time.perf_counter() - started) * 1000
        page.wait_for_load_state("networkidle")
    finally:
        for name, handler in handlers.items():
            session.remove_listener(name, handler)
    visit = Visit()
    for request in requests.values():
        if not request.script:
            continue
        visit.scripts += 1
        visit.decoded += request.decoded
        visit.transferred += request.transferred
        # A 304 or a cache hit brings no body: what crossed the wire is its headers, or nothing.
        visit.redownloaded += max(request.transferred - request.headers, 0)
    return visit, render_ms, sorted(urls.values())


def measure_route(browser: Browser, origin: str, route: str, selector: str) -> RouteWeight:
    """A first visit with an empty cache, then a repeat visit of the same page in the same browser."""
    context = browser.new_context()
    try:
        page = context.new_page()
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        first, render_ms, urls = _visit(page, session, origin + route, selector)
        # Leave the page, so the repeat visit is a new navigation and not a reload.
        page.goto("about:blank")
        repeat, _, _ = _visit(page, session, origin + route, selector)
        return RouteWeight(route, first, repeat, render_ms, urls)
    finally:
        context.close()


def measure(browser: Browser, origin: str, routes: dict[str, str] | None = None) -> list[RouteWeight]:
    return [measure_route(browser, origin, route, selector) for route, selector in (routes or ROUTES).items()]


# --- the committed budget -------------------------------------------------------------------------


def budget_path(manifest: Manifest) -> Path:
    return manifest.root / BUDGET_FILE


def read_budget(manifest: Manifest) -> dict[str, int]:
    """Decoded script bytes allowed per route (first visit), from the committed budget file."""
    data = json.loads(budget_path(manifest).read_text())
    return {route: int(limit) for route, limit in data["decodedScriptBytes"].items()}


def write_budget(manifest: Manifest, decoded: dict[str, int]) -> None:
    data = {
        "$comment": (
            "Decoded script bytes of each route of the host on a first visit (local layout), measured by "
            "`fedctl bench --only-page-weight --update-budget`. make test fails when a route grows more than "
            f"{BUDGET_TOLERANCE:.0%} over it (e2e/test_page_weight.py); raise it only in a deliberate commit."
        ),
        "decodedScriptBytes": decoded,
    }
    budget_path(manifest).write_text(json.dumps(data, indent=2) + "\n")


def over_budget(weights: list[RouteWeight], budget: dict[str, int]) -> list[str]:
    """What breaks the budget: a route over it by more than the tolerance, or a route without one."""
    problems = []
    for weight in weights:
        limit = budget.get(weight.route)
        if limit is None:
            problems.append(f"{weight.route}: no budget in {BUDGET_FILE}")
        elif weight.first.decoded > limit * (1 + BUDGET_TOLERANCE):
            growth = (weight.first.decoded / limit - 1) * 100
            problems.append(
                f"{weight.route}: {weight.first.decoded} B of script decoded, {growth:.1f} % over its budget of "
                f"{limit} B (tolerance {BUDGET_TOLERANCE:.0%}); shrink the page, or raise the budget in "
                f"{BUDGET_FILE} in a deliberate commit"
            )
    return problems
