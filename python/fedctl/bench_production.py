"""`fedctl bench --env production`: what the edge saves and what a second API worker buys.

- Bytes on the wire (Chrome's own count, headers included) for a first and a repeat visit of `/`
  and `/products`; a repeat visit must stay under 30 KB: entries and HTML come back as 304s,
  hashed chunks from the cache.
- API throughput and p99 latency through the edge, with both workers and then with one (the same
  nginx, its configuration rewritten and reloaded), side by side.

The load comes from this machine's own cores, shared with nginx and the workers: the numbers
compare the two setups here, they do not predict a bigger machine.
"""

from __future__ import annotations

import dataclasses
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from fedctl import edge
from fedctl.doctor.browser import MISSING, chromium_executable, launch
from fedctl.manifest import Manifest
from fedctl.processes import StartError
from fedctl.production import ProductionStack

REPEAT_VISIT_TARGET = 30 * 1024
VISITED = {"/": "[data-testid=header-login]", "/products": "[data-testid=product-card]"}


@dataclass(frozen=True)
class Result:
    name: str
    value: float
    unit: str
    target: float | None = None

    @property
    def met(self) -> bool:
        return self.target is None or self.value <= self.target


def visit_bytes(origin: str) -> list[Result]:
    """Bytes received for a first visit (empty cache) and a repeat visit (same browser)."""
    from playwright.sync_api import sync_playwright

    executable = chromium_executable()
    if not executable:
        raise StartError(MISSING)
    results: list[Result] = []
    with sync_playwright() as driver:
        browser = launch(driver.chromium, executable)
        for path, selector in VISITED.items():
            context = browser.new_context()
            page = context.new_page()
            session = context.new_cdp_session(page)
            session.send("Network.enable")
            received = [0]

            def on_finished(event: dict[str, float], counter: list[int] = received) -> None:
                counter[0] += int(event.get("encodedDataLength", 0))

            session.on("Network.loadingFinished", on_finished)
            for visit in ("first", "repeat"):
                received[0] = 0
                page.goto(origin + path)
                page.wait_for_selector(selector, timeout=30_000)
                page.wait_for_load_state("networkidle")
                target = REPEAT_VISIT_TARGET if visit == "repeat" else None
                results.append(Result(f"bytes received, {visit} visit of {path}", received[0] / 1024, "KB", target))
            context.close()
        browser.close()
    return results


def load(origin: str, path: str, clients: int, seconds: float) -> tuple[float, float]:
    """`clients` keep-alive clients asking for `path` for `seconds`: requests/s and p99 ms."""
    latencies: list[float] = []
    errors: list[int] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client() -> None:
        mine: list[float] = []
        with httpx.Client(base_url=origin, timeout=30) as http:
            while time.monotonic() < deadline:
                started = time.perf_counter()
                status = http.get(path).status_code
                mine.append((time.perf_counter() - started) * 1000)
                if status != 200:
                    with lock:
                        errors.append(status)
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    if errors:
        raise StartError(f"{len(errors)} requests to {path} failed under load (statuses {sorted(set(errors))})")
    p99 = statistics.quantiles(latencies, n=100)[98]
    return len(latencies) / elapsed, p99


def throughput(stack: ProductionStack, clients: int, seconds: float) -> list[Result]:
    origin = stack.manifest.origin(stack.env)
    path = f"{stack.manifest.api_path}/products"
    results: list[Result] = []
    settings = stack.edge
    load(origin, path, clients, 1.0)  # warm-up: connections, caches
    for workers in (len(settings.api_ports), 1):
        narrowed = dataclasses.replace(settings, api_ports=settings.api_ports[:workers])
        edge.write(narrowed)
        edge.reload(narrowed)
        time.sleep(1.0)  # the old nginx workers finish and leave
        rate, p99 = load(origin, path, clients, seconds)
        results.append(Result(f"GET {path} through the edge, {workers} worker(s): throughput", rate, "req/s"))
        results.append(Result(f"GET {path} through the edge, {workers} worker(s): p99 latency", p99, "ms"))
    edge.write(settings)
    edge.reload(settings)
    return results


def production_bench(manifest: Manifest, env: str, clients: int, seconds: float) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="fedctl-bench-") as scratch:
        stack = ProductionStack(
            manifest,
            log_dir=Path(scratch) / "logs",
            env=env,
            api_env={"APP_ENV": "production"},
        )
        try:
            stack.start_all()
            return visit_bytes(manifest.origin(env)) + throughput(stack, clients, seconds)
        finally:
            stack.stop_all()
