"""`fedctl bench`: how fast the federation feels, measured on this machine against its targets.

Starts the production builds exactly as `fedctl up` does (on a throw-away database), then measures
in headless Chromium and against the API on loopback. Every number is the median of several runs;
each has a target, and a missed target is an exit code of 1.

Then the load scenario (python/fedctl/load_scenario.py, run by Locust headless; its docstring
states the model: endpoints, mix, think time): 100 signed-in shoppers for 60 s through the host's
/api door (the host's Next server in front of one API process, as `make up` runs them; the
production layout's two workers behind nginx are `make bench-prod`'s), on SQLite and again on a
throw-away PostgreSQL with Redis, beside a bare FastAPI endpoint measured in the same run as the
ceiling. Everything, Locust included, shares this machine's cores, so each run also reports the
CPU time per request of the API, of the host's server and of Locust, and the load average before
and after: where the time goes. Target: no errors on
either database, and a p99 under 100 ms on PostgreSQL. The targets are for the 2-core
machines this project runs on, about three to five times what they measured (2026-11: first visits
render a remote in 0.4-0.7 s, a login reaches the host's header in ~110 ms, API reads take ~3-4 ms);
they belong here, not in timed unit tests.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import httpx
import typer
from rich.console import Console
from rich.table import Table

from fedctl import manifest as manifest_module
from fedctl.bench_production import production_bench
from fedctl.dataservers import free_port, missing_server_binaries, run_postgres, run_redis
from fedctl.doctor.browser import MISSING, chromium_executable, launch
from fedctl.manifest import Manifest
from fedctl.page_weight import ROUTES, RouteWeight, budget_path, write_budget
from fedctl.page_weight import measure as measure_weights
from fedctl.processes import NEXT_ENV, Service, Stack, StartError, api_service, next_bin, start, stop, wait_ready

if TYPE_CHECKING:
    from playwright._impl._api_structures import SetCookieParam
    from playwright.sync_api import Browser

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
    executable = chromium_executable()
    if not executable:
        raise StartError(MISSING)
    measures: list[Measure] = []
    with sync_playwright() as driver:
        browser = launch(driver.chromium, executable)

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
            mobile = new_mobile()
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


# Server rendering (issue 11): what the host's first HTML gives a visitor.
# The signed-in header is in the server's HTML, so it is there before DOMContentLoaded.
SIGNED_IN_HEADER_TARGET_MS = 0.0
# Google's "good" Largest Contentful Paint (2.5 s, web.dev/articles/lcp), which is also the target
# for a remote's first render above: the catalogue now arrives as HTML, so painting it may not take
# longer than the client-only render it replaced was allowed to. The 2-core machine's other
# targets sit three to five times above what it measures; this one is a user-facing threshold.
LCP_TARGET_MS = 2500.0
# Google's "good" Cumulative Layout Shift and the target: strictly below.
CLS_TARGET = 0.1


@dataclass(frozen=True)
class Baseline:
    """A figure of the client-only host (before server rendering) and where it comes from."""

    value: float
    source: str


# The client-only host (113ae83, the commit before server rendering), measured on 2026-12-06 on the
# 2-core machine by this bench's own server_render_measures: the commit adding them cherry-picked
# onto 113ae83 in a throw-away clone, built for local, medians of 3 first visits. (Issue 11 had
# put the header at ~120 ms after DOMContentLoaded on another run.)
CLIENT_ONLY = "113ae83, 2026-12-06"
CLIENT_ONLY_HTML_WITHOUT_ACCOUNT = Baseline(3, CLIENT_ONLY)  # of 3 runs: the server sent a skeleton
CLIENT_ONLY_SIGNED_IN_HEADER_MS = Baseline(215.0, CLIENT_ONLY)
CLIENT_ONLY_LCP_PRODUCTS_MS = Baseline(588.0, CLIENT_ONLY)
CLIENT_ONLY_CLS = {
    "/": Baseline(0.063, CLIENT_ONLY),
    "/products": Baseline(0.027, CLIENT_ONLY),
    "/products/[id]": Baseline(0.005, CLIENT_ONLY),
    "/faq": Baseline(0.0, CLIENT_ONLY),
}


@dataclass(frozen=True)
class Vital:
    """A server-rendering measure: a median against its target, beside the client-only figure."""

    name: str
    value: float
    unit: str
    target: float
    samples: int
    # True: the target is a strict upper bound (CLS < 0.1); False: the value may equal it.
    strict: bool = False
    client_only: Baseline | None = None

    @property
    def met(self) -> bool:
        return self.value < self.target if self.strict else self.value <= self.target


# Installed before any of the page's scripts. Hand-written rather than the web-vitals package:
# that one reports LCP and CLS when the page is hidden, and a few lines of PerformanceObserver
# give the same entries while the page is open. CLS here is the sum of every shift without recent
# input, which is never below web-vitals' largest session window: a pass here is a pass there.
VITALS_SCRIPT = """
(() => {
  const vitals = { lcp: null, cls: 0, accountAt: null };
  window.__benchVitals = vitals;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) vitals.lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) vitals.cls += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const seen = () => {
    if (vitals.accountAt === null && document.querySelector('[data-testid=header-account]')) {
      vitals.accountAt = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
})();
"""

# What the page measured: ms from DOMContentLoaded to Account (0 when it came before), LCP, CLS.
READ_VITALS = """() => {
  const vitals = window.__benchVitals;
  const loaded = performance.getEntriesByType('navigation')[0].domContentLoadedEventStart;
  const account = vitals.accountAt === null ? null : Math.max(0, vitals.accountAt - loaded);
  return { lcp: vitals.lcp, cls: vitals.cls, account };
}"""


def browser_cookies(verified: httpx.Response, url: str) -> list[SetCookieParam]:
    """The cookies a sign-in response set, for a browser at `url`, as the response would leave them."""
    return [
        {
            "name": cookie.name,
            "value": cookie.value or "",
            "url": url,
            "httpOnly": cookie.has_nonstandard_attr("HttpOnly"),
            "sameSite": "Lax",
        }
        for cookie in verified.cookies.jar
    ]


def server_render_measures(manifest: Manifest, runs: int) -> list[Vital]:
    """The signed-in header in the first HTML, LCP of /products and CLS of every content route,
    each on a first visit (a fresh browser context) of the production builds."""
    from playwright.sync_api import sync_playwright

    host = manifest.base_url(manifest.app(manifest.host))
    api = f"{manifest.api_origin()}{manifest.api_path}"
    executable = chromium_executable()
    if not executable:
        raise StartError(MISSING)
    listing = httpx.get(f"{api}/products", params={"pageSize": 1}, timeout=30)
    listing.raise_for_status()
    product = listing.json()["items"][0]
    # Each content route (by its page) with the path visited and what shows its content has rendered.
    routes = {
        "/": ("/", "[data-testid=home-hero]"),
        "/products": ("/products", REMOTE_PAGES["/products"]),
        "/products/[id]": (f"/products/{product['id']}", f"h1:text-is({json.dumps(product['name'])})"),
        "/faq": ("/faq", REMOTE_PAGES["/faq"]),
    }

    def signed_in() -> httpx.Response:
        # A new session each time: the host's server spends (rotates) the cookie it is given.
        with httpx.Client(base_url=api, timeout=30) as client:
            return sign_in(client)

    with sync_playwright() as driver:
        browser = launch(driver.chromium, executable)

        def visit(path: str, selector: str, cookies: list[SetCookieParam]) -> dict[str, float | None]:
            context = browser.new_context()
            try:
                context.add_cookies(cookies)
                context.add_init_script(VITALS_SCRIPT)
                page = context.new_page()
                page.goto(host + path)
                page.wait_for_selector(selector, timeout=30_000)
                # Hydrated and every request over: a late shift or paint would come before this.
                page.wait_for_function("window.__myapp_store_count === 1", timeout=30_000)
                page.wait_for_load_state("networkidle")
                result: dict[str, float | None] = page.evaluate(READ_VITALS)
                return result
            finally:
                context.close()

        try:
            account_ms, without_account = [], 0
            for _ in range(runs):
                first_html = httpx.get(host + "/", cookies=dict(signed_in().cookies), timeout=30)
                first_html.raise_for_status()
                without_account += 'data-testid="header-account"' not in first_html.text
                seen = visit("/", "[data-testid=header-account]", browser_cookies(signed_in(), host + "/"))
                if seen["account"] is None:
                    raise StartError("the page showed Account but the bench's observer never saw it")
                account_ms.append(seen["account"])
            by_route = {page: [visit(*routes[page], []) for _ in range(runs)] for page in routes}
        finally:
            browser.close()

    painted = [sample["lcp"] for sample in by_route["/products"] if sample["lcp"] is not None]
    if len(painted) < runs:
        raise StartError("Chromium reported no largest-contentful-paint entry for /products")
    vitals = [
        Vital(
            "signed-in: server HTML of / without Account",
            without_account,
            "runs",
            0,
            runs,
            client_only=CLIENT_ONLY_HTML_WITHOUT_ACCOUNT,
        ),
        Vital(
            "signed-in: DOMContentLoaded → header shows Account",
            statistics.median(account_ms),
            "ms",
            SIGNED_IN_HEADER_TARGET_MS,
            runs,
            client_only=CLIENT_ONLY_SIGNED_IN_HEADER_MS,
        ),
        Vital(
            "LCP of /products (first visit)",
            statistics.median(painted),
            "ms",
            LCP_TARGET_MS,
            runs,
            client_only=CLIENT_ONLY_LCP_PRODUCTS_MS,
        ),
    ]
    for page, samples in by_route.items():
        cls = statistics.median(sample["cls"] or 0.0 for sample in samples)
        name = f"CLS of {routes[page][0]} (first visit)"
        vitals.append(Vital(name, cls, "", CLS_TARGET, runs, strict=True, client_only=CLIENT_ONLY_CLS[page]))
    return vitals


def new_mobile() -> str:
    """A fresh, valid number (E.164, a test range), so rate limits and carts never leak between runs."""
    return "+1555" + str(secrets.randbelow(10**7)).zfill(7)


def sign_in(client: httpx.Client, mobile: str | None = None) -> httpx.Response:
    """A fresh (or given) number signed in through the API (`client` has the API's base URL): the
    verify response, with the access token in its body and the session cookies a browser keeps."""
    mobile = mobile or new_mobile()
    client.post("/auth/otp", json={"mobile": mobile}).raise_for_status()
    code = client.get("/dev/otp", params={"mobile": mobile}).json()["code"]
    verified = client.post("/auth/verify", json={"mobile": mobile, "code": code})
    verified.raise_for_status()
    return verified


def api_measures(manifest: Manifest, requests: int) -> list[Measure]:
    base = f"{manifest.api_origin()}{manifest.api_path}"
    with httpx.Client(base_url=base, timeout=30) as client:
        token = sign_in(client).json()["token"]
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
        Measure(
            "API POST /api/cart/items, 8 at once (median)",
            statistics.median(concurrent_adds),
            150,
            len(concurrent_adds),
        ),
    ]


# Federation / monolith, for decoded and for transferred script bytes, on every route.
PAGE_WEIGHT_RATIO_TARGET = 1.3


@dataclass(frozen=True)
class PageWeight:
    """One route, federation against the monolith yardstick (bytes from one run, time a median)."""

    route: str
    federation: RouteWeight
    monolith: RouteWeight

    @property
    def decoded_ratio(self) -> float:
        return self.federation.first.decoded / max(self.monolith.first.decoded, 1)

    @property
    def transferred_ratio(self) -> float:
        return self.federation.first.transferred / max(self.monolith.first.transferred, 1)

    @property
    def met(self) -> bool:
        return (
            self.decoded_ratio <= PAGE_WEIGHT_RATIO_TARGET
            and self.transferred_ratio <= PAGE_WEIGHT_RATIO_TARGET
            and self.federation.repeat.redownloaded == 0
        )

    def as_json(self) -> dict[str, object]:
        return {
            "route": self.route,
            "federation": self.federation.as_json(),
            "monolith": self.monolith.as_json(),
            "decoded_ratio": round(self.decoded_ratio, 3),
            "transferred_ratio": round(self.transferred_ratio, 3),
            "target_ratio": PAGE_WEIGHT_RATIO_TARGET,
            "met": self.met,
        }


def monolith_service(manifest: Manifest) -> Service:
    """`next start` of the host's monolith build (`fedctl build --monolith`) on a free port."""
    port = free_port()
    host = manifest.app(manifest.host)
    return Service(
        name="monolith",
        command=[next_bin(manifest), "start", "-p", str(port), "-H", "localhost"],
        cwd=manifest.root / host.directory,
        ready_url=f"http://localhost:{port}/",
        env={**NEXT_ENV, "FEDERATION_ENV": "local", "FEDERATION_MONOLITH": "1"},
    )


def weights(browser: Browser, origin: str, runs: int) -> dict[str, RouteWeight]:
    """Every route `runs` times: the bytes of the first run (they do not vary), the median time."""
    samples = [measure_weights(browser, origin) for _ in range(runs)]
    result = {}
    for index, route in enumerate(ROUTES):
        weight = samples[0][index]
        weight.render_ms = statistics.median(sample[index].render_ms for sample in samples)
        result[route] = weight
    return result


def page_weight_measures(manifest: Manifest, runs: int, log_dir: Path) -> list[PageWeight]:
    """The running federation, then its monolith build started beside it, route by route."""
    from playwright.sync_api import sync_playwright

    executable = chromium_executable()
    if not executable:
        raise StartError(MISSING)
    monolith_build = manifest.root / manifest.app(manifest.host).directory / ".next-monolith" / "BUILD_ID"
    if not monolith_build.exists():
        raise StartError("no monolith build to compare with: run `fedctl build --monolith` (make bench does)")
    host = manifest.base_url(manifest.app(manifest.host))
    monolith = monolith_service(manifest)
    with sync_playwright() as driver:
        browser = launch(driver.chromium, executable)
        try:
            federation = weights(browser, host, runs)
            start(monolith, log_dir)
            try:
                wait_ready(monolith)
                alone = weights(browser, monolith.ready_url.rstrip("/"), runs)
            finally:
                stop(monolith)
        finally:
            browser.close()
    return [PageWeight(route, federation[route], alone[route]) for route in ROUTES]


def page_weight_table(rows: list[PageWeight]) -> Table:
    table = Table(title=f"page weight: federation / monolith, script bytes (target ≤ {PAGE_WEIGHT_RATIO_TARGET}x)",
                  title_justify="left")  # fmt: skip
    for column in ("route", "scripts", "decoded KB", "first visit KB", "repeat visit KB", "re-downloaded KB",
                   "remote rendered ms", "ratio decoded", "ratio transferred", ""):  # fmt: skip
        table.add_column(column, justify="left" if column in ("route", "") else "right")
    kb = 1024
    for row in rows:
        fed, mono = row.federation, row.monolith
        table.add_row(
            row.route,
            f"{fed.first.scripts} / {mono.first.scripts}",
            f"{fed.first.decoded / kb:.1f} / {mono.first.decoded / kb:.1f}",
            f"{fed.first.transferred / kb:.1f} / {mono.first.transferred / kb:.1f}",
            f"{fed.repeat.transferred / kb:.2f} / {mono.repeat.transferred / kb:.2f}",
            f"{fed.repeat.redownloaded / kb:.1f} / {mono.repeat.redownloaded / kb:.1f}",
            f"{fed.render_ms:.0f} / {mono.render_ms:.0f}",
            f"{row.decoded_ratio:.2f}x",
            f"{row.transferred_ratio:.2f}x",
            "[green]ok[/]" if row.met else "[red]over target[/]",
        )
    return table


LOAD_SCENARIO = Path(__file__).with_name("load_scenario.py")
# p99 target of the shop through the host on PostgreSQL, on this project's 2-core machines.
LOAD_P99_TARGET_MS = 100.0


@dataclass(frozen=True)
class Load:
    """One Locust run: every request of every user, ramp-up included."""

    name: str
    users: int
    seconds: int
    requests: int
    errors: int
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    p99_target_ms: float | None
    # CPU milliseconds per request: the API's processes, the host's server (the /api door) and
    # the load generator itself, which shares the machine; None where a run has no such process.
    api_cpu_ms: float | None = None
    host_cpu_ms: float | None = None
    locust_cpu_ms: float | None = None
    # The machine's 1-minute load average when the run started and when it ended.
    load_before: float = 0.0
    load_after: float = 0.0

    @property
    def met(self) -> bool:
        # The ceiling has no target: it is what the shop is compared with.
        if self.p99_target_ms is None and self.name.startswith("ceiling"):
            return True
        return self.errors == 0 and (self.p99_target_ms is None or self.p99_ms <= self.p99_target_ms)


def group_cpu_seconds(service: Service | None) -> float | None:
    """CPU seconds used so far by the live processes of a service's process group (Linux /proc)."""
    if service is None or service.process is None:
        return None
    group, ticks, total = service.process.pid, os.sysconf("SC_CLK_TCK"), 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name (field 2) may hold spaces: count fields after its closing parenthesis.
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # the process ended meanwhile
        if int(fields[2]) == group:
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_locust(
    name: str,
    user_class: str,
    host: str,
    users: int,
    seconds: int,
    scratch: Path,
    target: float | None,
    api: Service | None = None,
    door: Service | None = None,
) -> Load:
    """One Locust run; `api` and `door` are the services whose CPU time per request is reported."""
    console.print(f"[bold cyan]▶ load:[/] {name} ({users} users, {seconds} s)")
    load_before = os.getloadavg()[0]
    api_before, door_before, locust_before = group_cpu_seconds(api), group_cpu_seconds(door), children_cpu_seconds()
    prefix = scratch / f"locust-{len(list(scratch.glob('locust-*_stats.csv')))}"
    command = [
        sys.executable, "-m", "locust", "-f", str(LOAD_SCENARIO), "--headless",
        "--users", str(users), "--spawn-rate", str(max(users // 5, 1)), "--run-time", f"{seconds}s",
        "--host", host, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
        "--exit-code-on-error", "0", user_class,
    ]  # fmt: skip
    finished = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 180, check=False)
    api_after, door_after = group_cpu_seconds(api), group_cpu_seconds(door)
    # Locust is the only child that ends during the run: the children's CPU time grew by its own.
    locust_seconds = children_cpu_seconds() - locust_before
    stats = Path(f"{prefix}_stats.csv")
    if finished.returncode != 0 or not stats.exists():
        raise StartError(f"locust failed ({finished.returncode}):\n{finished.stderr[-2000:]}")
    with stats.open() as file:
        total = next(row for row in csv.DictReader(file) if row["Name"] == "Aggregated")
    failures = Path(f"{prefix}_failures.csv")
    if int(total["Failure Count"]) and failures.exists():
        console.print(f"[yellow]{name}: failures[/]\n{failures.read_text()[:2000]}")
    requests = int(total["Request Count"])

    def per_request(before: float | None, after: float | None) -> float | None:
        if before is None or after is None or not requests:
            return None
        return round((after - before) * 1000 / requests, 2)

    return Load(
        name=name,
        users=users,
        seconds=seconds,
        requests=requests,
        errors=int(total["Failure Count"]),
        requests_per_second=float(total["Requests/s"]),
        p50_ms=float(total["50%"]),
        p95_ms=float(total["95%"]),
        p99_ms=float(total["99%"]),
        p99_target_ms=target,
        api_cpu_ms=per_request(api_before, api_after),
        host_cpu_ms=per_request(door_before, door_after),
        locust_cpu_ms=per_request(0.0, locust_seconds),
        load_before=round(load_before, 2),
        load_after=round(os.getloadavg()[0], 2),
    )


def load_measures(stack: Stack, api_env: dict[str, str], users: int, seconds: int, scratch: Path) -> list[Load]:
    """The shop through the host on SQLite, then on PostgreSQL + Redis, then the bare ceiling."""
    manifest = stack.manifest
    host = manifest.base_url(manifest.app(manifest.host))

    door = stack.service(manifest.host)
    api = stack.service("api")
    loads = [run_locust("shop via the host, SQLite", "Shopper", host, users, seconds, scratch, None, api, door)]

    missing = missing_server_binaries()
    if missing is not None:
        raise StartError(f"cannot bench PostgreSQL: {missing}")
    with run_postgres() as postgres, run_redis(scratch / "redis") as redis_url:
        import psycopg

        with psycopg.connect(postgres.url("postgres"), autocommit=True) as connection:
            connection.execute("CREATE DATABASE bench")
        env = {**api_env, "DATABASE_URL": postgres.url("bench"), "REDIS_URL": redis_url}
        stack.replace("api", api_service(manifest, env))
        try:
            loads.append(
                run_locust(
                    "shop via the host, PostgreSQL + Redis",
                    "Shopper",
                    host,
                    users,
                    seconds,
                    scratch,
                    LOAD_P99_TARGET_MS,
                    stack.service("api"),
                    door,
                )
            )
        finally:
            # The API goes before its database does.
            stack.stop_all()

    port = free_port()
    ceiling = Service(
        name="ceiling",
        command=[
            sys.executable, "-m", "uvicorn", "fedctl.bench_ceiling:app", "--host", "127.0.0.1",
            "--port", str(port), "--no-server-header", "--log-level", "warning",
        ],
        cwd=scratch,
        ready_url=f"http://127.0.0.1:{port}/api/ping",
    )  # fmt: skip
    start(ceiling, scratch / "logs")
    try:
        wait_ready(ceiling)
        loads.append(
            run_locust(
                "ceiling: bare FastAPI endpoint",
                "Ceiling",
                f"http://127.0.0.1:{port}",
                users,
                seconds,
                scratch,
                None,
                ceiling,
            )
        )
    finally:
        stop(ceiling)
    return loads


def bench_production(manifest: Manifest, env: str, clients: int, seconds: float, output: Path | None) -> None:
    console.print(f"[bold cyan]▶ starting the shop as {env} runs it[/] (nginx, 2 API workers, PostgreSQL, Redis)")
    try:
        results = production_bench(manifest, env, clients, seconds)
    except StartError as error:
        console.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None
    table = Table(title=f"fedctl bench --env {env}", title_justify="left")
    for column in ("measure", "value", "unit", "target", ""):
        table.add_column(column, justify="right" if column in ("value", "target") else "left")
    for result in results:
        verdict = "" if result.target is None else ("[green]ok[/]" if result.met else "[red]over target[/]")
        target = "" if result.target is None else f"{result.target:.0f}"
        table.add_row(result.name, f"{result.value:.1f}", result.unit, target, verdict)
    console.print(table)
    if output:
        output.write_text(json.dumps([asdict(r) | {"met": r.met} for r in results], indent=2) + "\n")
    missed = [r.name for r in results if not r.met]
    if missed:
        console.print(f"[red]{len(missed)} measure(s) over target:[/] {', '.join(missed)}")
        raise typer.Exit(1)


def bench(
    runs: Annotated[int, typer.Option(min=1, max=20, help="Browser runs per measure (median).")] = 3,
    requests: Annotated[int, typer.Option(min=10, max=1000, help="API requests per measure.")] = 200,
    users: Annotated[int, typer.Option(min=1, max=1000, help="Simulated users of the load scenario.")] = 100,
    load_seconds: Annotated[
        int, typer.Option(min=0, max=3600, help="Seconds of each load run (0 skips the load scenario).")
    ] = 60,
    only_load: Annotated[bool, typer.Option(help="Skip the browser and single-client API measures.")] = False,
    only_page_weight: Annotated[
        bool, typer.Option(help="Only the page weight: federation against its monolith build, route by route.")
    ] = False,
    only_server_render: Annotated[
        bool,
        typer.Option(help="Only the server rendering: the signed-in header in the first HTML, LCP and CLS."),
    ] = False,
    update_budget: Annotated[
        bool,
        typer.Option(help="Write the measured decoded script bytes to page-weight-budget.json (commit it on purpose)."),
    ] = False,
    build_monolith: Annotated[
        bool, typer.Option(help="Build the monolith yardstick first (`fedctl build --monolith`).")
    ] = True,
    output: Annotated[Path | None, typer.Option(help="Also write the results as JSON here.")] = None,
    env: Annotated[
        str, typer.Option(help="`local` (each app on its port) or `production` (one origin behind nginx).")
    ] = "local",
    clients: Annotated[int, typer.Option(min=1, max=64, help="Concurrent API clients (--env production).")] = 16,
    seconds: Annotated[float, typer.Option(min=1, max=60, help="Seconds of load per setup (--env production).")] = 8,
) -> None:
    """Measure page, remote, propagation, server-rendering and API speed, and the API under load, against targets.

    With --env production: bytes of a first and a repeat visit through the edge, and API
    throughput and p99 latency with two workers against one (build with --env production first).
    """
    manifest = manifest_module.load()
    if env not in manifest.environments:
        console.print(f"[red]error:[/] --env {env}: known environments are {', '.join(manifest.environments)}")
        raise typer.Exit(2)
    only = {
        "--only-load": only_load,
        "--only-page-weight": only_page_weight,
        "--only-server-render": only_server_render,
    }
    chosen = [name for name, on in only.items() if on]
    if len(chosen) > 1:
        console.print(f"[red]error:[/] {' and '.join(chosen)} exclude each other: give one of them")
        raise typer.Exit(2)
    if env != "local":
        bench_production(manifest, env, clients, seconds, output)
        return
    if build_monolith and (not chosen or only_page_weight):
        from fedctl.orchestrate import StepFailed
        from fedctl.orchestrate import build_monolith as build_yardstick

        try:
            build_yardstick(manifest)
        except StepFailed as error:
            console.print(f"[red]error:[/] {error}")
            raise typer.Exit(1) from None
    with tempfile.TemporaryDirectory() as scratch:
        api_env = {
            "DATABASE_URL": f"sqlite:///{Path(scratch) / 'bench.db'}",
            # Every simulated user signs in from this one loopback address.
            "OTP_REQUEST_RATE_PER_ADDRESS": "100000/minute",
            "OTP_VERIFY_RATE_PER_ADDRESS": "100000/minute",
        }
        stack = Stack(manifest, log_dir=Path(scratch) / "logs", api_env=api_env)
        measures: list[Measure] = []
        loads: list[Load] = []
        weight: list[PageWeight] = []
        vitals: list[Vital] = []
        try:
            console.print("[bold cyan]▶ starting the shop[/] (production builds)")
            stack.start_all()
            if not chosen or only_page_weight:
                weight = page_weight_measures(manifest, runs, Path(scratch) / "logs")
            if not chosen:
                measures = browser_measures(manifest, runs) + api_measures(manifest, requests)
            if not chosen or only_server_render:
                vitals = server_render_measures(manifest, runs)
            if load_seconds and (not chosen or only_load):
                loads = load_measures(stack, api_env, users, load_seconds, Path(scratch))
        except StartError as error:
            console.print(f"[red]error:[/] {error}")
            raise typer.Exit(2) from None
        finally:
            stack.stop_all()
    if update_budget and weight:
        write_budget(manifest, {row.route: row.federation.first.decoded for row in weight})
        console.print(f"wrote {budget_path(manifest)}: review the change and commit it")
    report(measures, loads, output, weight, vitals)


def server_render_table(vitals: list[Vital]) -> Table:
    table = Table(title="server rendering: first visits", title_justify="left")
    for column in ("measure", "median", "unit", "target", "client-only, before", ""):
        table.add_column(column, justify="left" if column in ("measure", "unit", "") else "right")
    for vital in vitals:
        precision = 3 if vital.unit == "" else 1
        target = f"{'< ' if vital.strict else '≤ '}{vital.target:g}"
        before = "-" if vital.client_only is None else f"{vital.client_only.value:g} ({vital.client_only.source})"
        verdict = "[green]ok[/]" if vital.met else "[red]over target[/]"
        table.add_row(vital.name, f"{vital.value:.{precision}f}", vital.unit, target, before, verdict)
    return table


def report(
    measures: list[Measure],
    loads: list[Load],
    output: Path | None,
    weight: list[PageWeight],
    vitals: list[Vital],
) -> None:
    if weight:
        Console(highlight=False, width=max(console.width, 170)).print(page_weight_table(weight))
    table = Table(title="fedctl bench", title_justify="left")
    for column in ("measure", "median ms", "target ms", "samples", ""):
        table.add_column(column, justify="right" if column not in ("measure", "") else "left")
    for measure in measures:
        verdict = "[green]ok[/]" if measure.met else "[red]over target[/]"
        numbers = (f"{measure.median_ms:.1f}", f"{measure.target_ms:.0f}", str(measure.samples))
        table.add_row(measure.name, *numbers, verdict)
    if measures:
        console.print(table)
    if vitals:
        # Wide enough for the client-only figure's source even in a CI log.
        Console(highlight=False, width=max(console.width, 150)).print(server_render_table(vitals))
    if loads:
        load_table = Table(title="load: Locust, think time 0.1-0.5 s", title_justify="left")
        columns = ("run", "users", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "p99 target", "",
                   "CPU ms/req: API", "host", "Locust", "load avg")  # fmt: skip
        for column in columns:
            load_table.add_column(column, justify="left" if column in ("run", "") else "right")

        def cpu(value: float | None) -> str:
            return "-" if value is None else f"{value:.1f}"

        for load in loads:
            verdict = "[green]ok[/]" if load.met else "[red]missed[/]"
            target = f"{load.p99_target_ms:.0f}" if load.p99_target_ms else "-"
            cells = (load.users, load.requests, f"{load.requests_per_second:.0f}", f"{load.p50_ms:.0f}",
                       f"{load.p95_ms:.0f}", f"{load.p99_ms:.0f}", load.errors, target)  # fmt: skip
            usage = (cpu(load.api_cpu_ms), cpu(load.host_cpu_ms), cpu(load.locust_cpu_ms),
                     f"{load.load_before:.1f}→{load.load_after:.1f}")  # fmt: skip
            load_table.add_row(load.name, *map(str, cells), verdict, *usage)
        # Wide enough for the run names even when the output is a file or a CI log.
        Console(highlight=False, width=max(console.width, 190)).print(load_table)
    if output:
        results = {
            "measures": [asdict(m) | {"met": m.met} for m in measures],
            "load": [asdict(load) | {"met": load.met} for load in loads],
            "page_weight": [row.as_json() for row in weight],
            "server_render": [asdict(vital) | {"met": vital.met} for vital in vitals],
        }
        output.write_text(json.dumps(results, indent=2) + "\n")
    missed = [m.name for m in measures if not m.met] + [f"load: {load.name}" for load in loads if not load.met]
    missed += [f"page weight of {row.route}" for row in weight if not row.met]
    missed += [vital.name for vital in vitals if not vital.met]
    if missed:
        console.print(f"[red]{len(missed)} measure(s) over target:[/] {', '.join(missed)}")
        raise typer.Exit(1)
