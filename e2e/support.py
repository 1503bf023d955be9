"""Helpers of the browser tests: the page under test, its console, and the login steps."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from playwright.sync_api import BrowserContext, ConsoleMessage, Page

from fedctl.bench import new_mobile, sign_in
from fedctl.manifest import Manifest
from fedctl.processes import NEXT_ENV, Stack, next_bin


@dataclass
class ConsoleLog:
    """What a page printed: console errors and uncaught exceptions, with their text."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)
        elif message.type == "warning":
            self.warnings.append(message.text)

    def on_page_error(self, error: Exception) -> None:
        self.errors.append(f"uncaught: {error}")

    def watch(self, page: Page) -> Page:
        """Records what `page` prints from now on; returns it."""
        page.on("console", self.on_console)
        page.on("pageerror", self.on_page_error)
        return page


@dataclass
class ShopPage:
    page: Page
    console: ConsoleLog
    manifest: Manifest
    # The layout of federation.json under test, and where its API processes answer directly.
    env: str = "local"
    api_origins: list[str] | None = None

    def url(self, app: str, path: str = "/") -> str:
        return self.manifest.base_url(self.manifest.app(app), self.env) + path


def read_dev_code(manifest: Manifest, mobile: str, api_origins: list[str] | None = None) -> str:
    """The development code of a number. A code lives in the memory of the API process that made
    it, so with several workers each is asked in turn."""
    response = None
    for origin in api_origins or [manifest.api_origin()]:
        response = httpx.get(f"{origin}{manifest.api_path}/dev/otp", params={"mobile": mobile})
        if response.status_code == 200:
            break
    assert response is not None
    response.raise_for_status()
    code: str = response.json()["code"]
    return code


# The API's session cookie (shop_api's SESSION_COOKIE_NAME default).
SESSION_COOKIE = "myapp_session"

# Versions of @myapp/store for the version-contract tests, derived from its real release so that a
# bump never turns "the next minor" into "an older major" behind the tests' backs.
STORE_RELEASE: str = json.loads((Path(__file__).resolve().parent.parent / "packages/store/package.json").read_text())[
    "version"
]
_MAJOR, _MINOR = (int(part) for part in STORE_RELEASE.split(".")[:2])
STORE_CURRENT_MINOR = f"{_MAJOR}.{_MINOR}.0"
STORE_NEXT_MINOR = f"{_MAJOR}.{_MINOR + 1}.0"
STORE_NEXT_MAJOR = f"{_MAJOR + 1}.0.0"

# How long a page must be away before coming back reads its data again: the store's own constant
# (packages/store/src/listeners.ts), read here rather than typed twice.
_LISTENERS = (Path(__file__).resolve().parent.parent / "packages/store/src/listeners.ts").read_text()
_AWAY = re.search(r"REFETCH_AFTER_AWAY_MS = ([\d_]+);", _LISTENERS)
assert _AWAY, "packages/store/src/listeners.ts no longer declares REFETCH_AFTER_AWAY_MS"
REFETCH_AFTER_AWAY_MS = int(_AWAY[1].replace("_", ""))


def wait_for_hydration(page: Page) -> None:
    """Waits until the page's scripts have taken over the server's HTML: the page's one store
    exists (it is made as the page hydrates) and the page's requests are over. The server's HTML
    already shows what a test looks for, so seeing it proves nothing about the scripts."""
    page.wait_for_function("window.__myapp_store_count === 1")
    page.wait_for_load_state("networkidle")


def leave_and_come_back(page: Page, away_ms: int) -> None:
    """The window loses focus, `away_ms` pass on the page's clock (Playwright's, no real wait), and
    the window is focused again, as when a person switches to another window and back."""
    page.evaluate("window.dispatchEvent(new Event('blur'))")
    page.clock.fast_forward(away_ms)
    page.evaluate("window.dispatchEvent(new Event('focus'))")


@dataclass(frozen=True)
class ApiSession:
    """A sign-in made through the API directly: what a login would leave in a browser."""

    mobile: str
    token: str
    cookie: str


def sign_in_through_the_api(manifest: Manifest, mobile: str | None = None) -> ApiSession:
    """A new session for a fresh (or given) number, for pages the test cannot log in through."""
    mobile = mobile or new_mobile()
    with httpx.Client(base_url=f"{manifest.api_origin()}{manifest.api_path}") as client:
        verified = sign_in(client, mobile)
    return ApiSession(mobile, verified.json()["token"], verified.cookies[SESSION_COOKIE])


def give_session(context: BrowserContext, manifest: Manifest, session: ApiSession) -> None:
    """Put a session's cookie in a browser, as the sign-in response would: httpOnly, for the
    host name (every port of it), so the pages restore the session from it."""
    host_url = manifest.base_url(manifest.app(manifest.host)) + "/"
    context.add_cookies(
        [
            {"name": SESSION_COOKIE, "value": session.cookie, "url": host_url, "httpOnly": True, "sameSite": "Lax"},
            # The script-readable hint beside it (no secret): tells the page a session cookie exists.
            {"name": f"{SESSION_COOKIE}_present", "value": "1", "url": host_url, "sameSite": "Lax"},
        ]
    )


def session_cookie(context: BrowserContext) -> dict[str, object] | None:
    """The browser's session cookie with its attributes, or None."""
    for cookie in context.cookies():
        if cookie["name"] == SESSION_COOKIE:
            return dict(cookie)
    return None


def paste(page: Page, test_id: str, text: str) -> None:
    """Pastes text into an element as a person would with the clipboard."""
    page.get_by_test_id(test_id).focus()
    page.get_by_test_id(test_id).evaluate(
        """(element, text) => {
            const data = new DataTransfer();
            data.setData('text', text);
            const init = { clipboardData: data, bubbles: true, cancelable: true };
            element.dispatchEvent(new ClipboardEvent('paste', init));
        }""",
        text,
    )


def log_in(shop: ShopPage, mobile: str) -> None:
    """The Auth remote's flow: number, code request, six digits pasted, verify."""
    page = shop.page
    page.get_by_test_id("mobile-input").fill(mobile)
    page.get_by_test_id("send-otp").click()
    page.get_by_test_id("otp-digit-0").wait_for()
    paste(page, "otp-digit-0", read_dev_code(shop.manifest, mobile, shop.api_origins))
    page.get_by_test_id("verify-otp").click()


def copy_app(manifest: Manifest, app: str, destination: str) -> Path:
    """A copy of an app's sources in .var/, at the same depth as apps/<app>: node_modules and
    the relative `extends` of its tsconfig resolve exactly as for the original."""
    target = manifest.root / ".var" / f"{destination}-{app}"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(
        manifest.root / manifest.app(app).directory,
        target,
        ignore=shutil.ignore_patterns(".next", "node_modules", "dist"),
    )
    return target


def build_next_copy(manifest: Manifest, copy: Path, env: dict[str, str] | None = None) -> Path:
    """`next build` of an app copy (see copy_app); fails with the end of the build's output."""
    build = subprocess.run(
        [next_bin(manifest), "build"],
        cwd=copy,
        env={**os.environ, **NEXT_ENV, **(env or {})},
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    return copy


@contextmanager
def serving_copy(stack: Stack, manifest: Manifest, app: str, directory: Path) -> Iterator[None]:
    """Serves a copy's build on the app's own port in place of the real one, then puts it back."""
    stack.replace(app, stack.app_service(manifest.app(app), directory))
    try:
        yield
    finally:
        stack.replace(app, stack.app_service(manifest.app(app)))


@contextmanager
def edited(path: Path, old: str, new: str) -> Iterator[None]:
    """A source file with `old` replaced by `new` for the duration, as a developer's edit; put
    back afterwards whatever happens."""
    original = path.read_text()
    assert old in original, f"{old!r} is no longer in {path}: update this test"
    path.write_text(original.replace(old, new))
    try:
        yield
    finally:
        path.write_text(original)


def scratch_copy(manifest: Manifest, destination: Path) -> Path:
    """A copy of the repository (its files as they are on disk, federation.json included) to edit
    freely: node_modules (the root's and the apps' own) and the production builds are links to the
    real ones, so nothing is installed or built again, and an edit to an app never touches the real
    sources. The workspace packages (@myapp/*) are reached through node_modules, so they are the
    real repository's: edit apps in a copy, not packages."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=manifest.root, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = manifest.root / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    (destination / "node_modules").symlink_to(manifest.root / "node_modules")
    for app in manifest.apps.values():
        for folder in ("node_modules", manifest.build_directory(app).name):
            real = manifest.root / app.directory / folder
            if real.exists():
                (destination / app.directory / folder).symlink_to(real)
    return destination


def dev_api_env(folder: Path) -> dict[str, str]:
    """The API of a test's `fedctl dev`: its own database and secret, no rate limit on sign-ins
    (every test browser signs in from the same address)."""
    return {
        "DATABASE_URL": f"sqlite:///{folder / 'shop.db'}",
        "SECRET_KEY": secrets.token_urlsafe(32),
        "OTP_REQUEST_RATE_PER_ADDRESS": "1000/minute",
        "OTP_VERIFY_RATE_PER_ADDRESS": "1000/minute",
    }


@dataclass
class DevFederation:
    """A running `fedctl dev`: its process and the file its output goes to."""

    process: subprocess.Popen[bytes]
    log: Path

    def server_of(self, app_directory: Path) -> int:
        """The process id of the server fedctl started in an app's folder (Linux: /proc)."""
        children = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout
        for pid in map(int, children.split()):
            if Path(f"/proc/{pid}/cwd").resolve() == app_directory.resolve():
                return pid
        raise AssertionError(f"fedctl runs no server in {app_directory}")


@contextmanager
def dev_federation(copy: Path, apps: list[str], env: dict[str, str]) -> Iterator[DevFederation]:
    """`fedctl dev APPS...` in a scratch copy (see scratch_copy), until it says which apps are
    live-editable; stopped with Ctrl-C (SIGINT) afterwards, as a developer stops it."""
    log_path = copy / ".var" / "fedctl-dev.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        command = subprocess.Popen(
            [sys.executable, "-m", "fedctl.cli", "dev", *apps],
            cwd=copy,
            env={**os.environ, **env, "COLUMNS": "200"},
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        # Dev servers compile on their first request: minutes on two cores.
        deadline = time.monotonic() + 600
        while "Live-editable" not in log_path.read_text(errors="replace"):
            assert command.poll() is None, log_path.read_text(errors="replace")[-4000:]
            assert time.monotonic() < deadline, log_path.read_text(errors="replace")[-4000:]
            time.sleep(1)
        yield DevFederation(command, log_path)
    finally:
        command.send_signal(signal.SIGINT)
        try:
            command.wait(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(command.pid, signal.SIGKILL)
            command.wait()
