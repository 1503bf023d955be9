"""`fedctl bench`: how fast the federation feels, measured on this machine against its targets.

Starts the production builds exactly as `fedctl up` does (on a throw-away database), then measures
in headless Chromium and against the API on loopback. Every number is the median of several runs;
each has a target, and a missed target is an exit code of 1. The targets are for the 2-core
machines this project runs on, about three to five times what they measured (2026-11: first visits
render a remote in 0.4-0.7 s, a login reaches the host's header in ~110 ms, API reads take ~3-4 ms);
they belong here, not in timed unit tests.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Annotated

import httpx
import typer
from rich.console import Console
from rich.table import Table

from fedctl import manifest as manifest_module
from fedctl.doctor import CHROMIUM_ARGS
from fedctl.manifest import Manifest
from fedctl.processes import Stack, StartError

console = Console(highlight=False)

# Which element proves a page's remote has rendered, by host route.
REMOTE_PAGES = {
    "/products": "[data-testid=product-card]",
    "/login": "[data-testid=mobile-input]",
    "/faq": "[data-testid=faq]",
    "/cart": "[data-testid=cart-page]",
    "/account": "[data-testid=account-page]",
    "/support": "[data-testid=support-page]",
}


@dataclass(frozen=True)
class Measure:
    name: str
    median_ms: float
    target_ms: float
    samples: int

    @property
    def met(self) -> bool:
        return self.median_ms <= self.target_ms


def latency_ms(call: Callable[[], httpx.Response]) -> float:
    started = time.perf_counter()
    call().raise_for_status()
    return (time.perf_counter() - started) * 1000


def browser_measures(manifest: Manifest, runs: int) -> list[Measure]:
    from playwright.sync_api import sync_playwright

    host = manifest.base_url(manifest.app(manifest.host))
    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not executable:
        raise StartError("Chromium is not installed (Debian package `chromium`)")
    measures: list[Measure] = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)

        def timed(path: str, selector: str) -> float:
            # A new context each time: a first visit, with nothing cached.
            context = browser.new_context()
            page = context.new_page()
            started = time.perf_counter()
            page.goto(host + path)
            page.wait_for_selector(selector, timeout=30_000)
            elapsed = (time.perf_counter() - started) * 1000
            context.close()
            return elapsed

        header = statistics.median(timed("/", "[data-testid=header-login]") for _ in range(runs))
        measures.append(Measure("host: header interactive on /", header, 2000, runs))
        for path, selector in REMOTE_PAGES.items():
            rendered = statistics.median(timed(path, selector) for _ in range(runs))
            measures.append(Measure(f"remote rendered on {path} (first visit)", rendered, 2500, runs))

        def propagation() -> float:
            """From the Auth remote's verify click to the host's header showing Account."""
            context = browser.new_context()
            page = context.new_page()
            mobile = "+1555" + str(secrets.randbelow(10**7)).zfill(7)
            page.goto(host + "/login")
            page.fill("[data-testid=mobile-input]", mobile)
            page.click("[data-testid=send-otp]")
            page.wait_for_selector("[data-testid=otp-digit-0]")
            code = httpx.get(f"{manifest.api_origin()}{manifest.api_path}/dev/otp", params={"mobile": mobile})
            for index, digit in enumerate(code.json()["code"]):
                page.fill(f"[data-testid=otp-digit-{index}]", digit)
            started = time.perf_counter()
            page.click("[data-testid=verify-otp]")
            page.wait_for_selector("[data-testid=header-account]", timeout=30_000)
            elapsed = (time.perf_counter() - started) * 1000
            context.close()
            return elapsed

        login = statistics.median(propagation() for _ in range(runs))
        measures.append(Measure("login: Auth verify → host header shows Account", login, 1000, runs))
        browser.close()
    return measures


def api_measures(manifest: Manifest, requests: int) -> list[Measure]:
    base = f"{manifest.api_origin()}{manifest.api_path}"
    with httpx.Client(base_url=base, timeout=30) as client:
        mobile = "+1555" + str(secrets.randbelow(10**7)).zfill(7)
        client.post("/auth/otp", json={"mobile": mobile}).raise_for_status()
        code = client.get("/dev/otp", params={"mobile": mobile}).json()["code"]
        token = client.post("/auth/verify", json={"mobile": mobile, "code": code}).json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        listing = [latency_ms(lambda: client.get("/products")) for _ in range(requests)]
        cart_reads = [latency_ms(lambda: client.get("/cart", headers=headers)) for _ in range(requests)]

    # Eight clients adding to one cart at once: the server serialises them and must stay quick.
    def add_one(_: int) -> float:
        with httpx.Client(base_url=base, timeout=30) as own:
            item = {"productId": "rose-lip-balm", "qty": 1}
            return latency_ms(lambda: own.post("/cart/items", headers=headers, json=item))

    with ThreadPoolExecutor(max_workers=8) as pool:
        concurrent_adds = list(pool.map(add_one, range(min(requests, 90))))
    return [
        Measure("API GET /api/products (median)", statistics.median(listing), 25, len(listing)),
        Measure("API GET /api/cart (median)", statistics.median(cart_reads), 25, len(cart_reads)),
        Measure("API POST /api/cart/items, 8 at once (median)", statistics.median(concurrent_adds), 150,
                len(concurrent_adds)),
    ]


def bench(
    runs: Annotated[int, typer.Option(min=1, max=20, help="Browser runs per measure (median).")] = 3,
    requests: Annotated[int, typer.Option(min=10, max=1000, help="API requests per measure.")] = 200,
    output: Annotated[Path | None, typer.Option(help="Also write the results as JSON here.")] = None,
) -> None:
    """Measure page, remote, propagation and API speed against the project's targets."""
    manifest = manifest_module.load()
    with tempfile.TemporaryDirectory() as scratch:
        stack = Stack(
            manifest,
            log_dir=Path(scratch) / "logs",
            api_env={
                "APP_ENV": "development",
                "DATABASE_URL": f"sqlite:///{Path(scratch) / 'bench.db'}",
                "OTP_REQUEST_RATE_PER_ADDRESS": "1000/minute",
                "OTP_VERIFY_RATE_PER_ADDRESS": "1000/minute",
            },
        )
        try:
            console.print("[bold cyan]▶ starting the shop[/] (production builds)")
            stack.start_all()
            measures = browser_measures(manifest, runs) + api_measures(manifest, requests)
        except StartError as error:
            console.print(f"[red]error:[/] {error}")
            raise typer.Exit(2) from None
        finally:
            stack.stop_all()
    table = Table(title="fedctl bench", title_justify="left")
    for column in ("measure", "median ms", "target ms", "samples", ""):
        table.add_column(column, justify="right" if column not in ("measure", "") else "left")
    for measure in measures:
        verdict = "[green]ok[/]" if measure.met else "[red]over target[/]"
        numbers = (f"{measure.median_ms:.1f}", f"{measure.target_ms:.0f}", str(measure.samples))
        table.add_row(measure.name, *numbers, verdict)
    console.print(table)
    if output:
        output.write_text(json.dumps([asdict(m) | {"met": m.met} for m in measures], indent=2) + "\n")
    missed = [m.name for m in measures if not m.met]
    if missed:
        console.print(f"[red]{len(missed)} measure(s) over target:[/] {', '.join(missed)}")
        raise typer.Exit(1)
