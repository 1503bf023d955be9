"""`window.__myapp_store` is a development tool: present in a development build, absent in production."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, expect

from fedctl.manifest import Manifest
from fedctl.processes import NEXT_ENV, Stack, next_bin
from support import ShopPage, copy_app


def test_production_build_does_not_expose_the_store(shop: ShopPage) -> None:
    shop.page.goto("/")
    expect(shop.page.get_by_test_id("header-login")).to_be_visible()
    assert shop.page.evaluate("window.__myapp_store_count") == 1
    assert shop.page.evaluate("typeof window.__myapp_store") == "undefined"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def development_host(stack: Stack, manifest: Manifest) -> Iterator[str]:
    """`next dev` of the host, from a copy so it cannot overwrite the production build."""
    copy = copy_app(manifest, manifest.host, "development")
    port = free_port()
    log = (copy / "next-dev.log").open("wb")
    server = subprocess.Popen(
        [next_bin(manifest), "dev", "-p", str(port), "-H", "localhost"],
        cwd=copy,
        env={**os.environ, **NEXT_ENV},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://localhost:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            assert server.poll() is None, (copy / "next-dev.log").read_text()[-3000:]
            try:
                # The first request compiles the page; it can take a while on two cores.
                if httpx.get(url + "/", timeout=120).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, (copy / "next-dev.log").read_text()[-3000:]
            time.sleep(1)
        yield url
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
        log.close()


def test_development_build_exposes_the_store(browser: Browser, development_host: str) -> None:
    context = browser.new_context()
    context.set_default_timeout(120_000)
    page = context.new_page()
    try:
        page.goto(development_host + "/")
        expect(page.get_by_test_id("header-login")).to_be_visible()
        assert page.evaluate("window.__myapp_store_count") == 1
        assert page.evaluate("typeof window.__myapp_store.getState") == "function"
        assert page.evaluate("window.__myapp_store.getState().user.isLoggedIn") is False
    finally:
        context.close()
