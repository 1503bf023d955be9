"""Concurrency degrades, never stalls (issue 9).

Before: 50 concurrent signed-in requests deadlocked the threadpool against the connection pool and
answered 500 after 30 s, with /api/health stuck behind them (see shop_api.core.db). These run a
real server process on each backend and check correctness: every request of a 100-request burst
answers without a 5xx, nothing acknowledged is lost, and a health check answers within a second
meanwhile. How fast belongs to `make bench`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from shop_api.core.db import DatabaseBusy, DatabaseGate

from .conftest import TEST_SECRET_KEY, AppFactory, Backend, wipe_user_data
from .utils.auth import sign_in
from .utils.servers import serve_in_subprocess

BURST = 100
PRODUCTS = ["rose-lip-balm", "vitamin-c-cream", "repair-shampoo", "argan-hair-oil"]


@pytest.fixture
def server(backend: Backend, db_engine: Engine, tmp_path: Path) -> Iterator[str]:
    env = {"APP_ENV": "development", "SECRET_KEY": TEST_SECRET_KEY, "DATABASE_URL": backend.database_url}
    if backend.redis_url:
        env["REDIS_URL"] = backend.redis_url
    with serve_in_subprocess(env, tmp_path / "api.log") as base_url:
        yield base_url
    wipe_user_data(db_engine, backend.redis_url)


async def burst_with_health_probe(
    base_url: str, requests: list[tuple[str, str, dict | None]], token: str
) -> tuple[list[httpx.Response], float, int]:
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=BURST + 10, max_keepalive_connections=BURST + 10)
    async with httpx.AsyncClient(base_url=base_url, timeout=60, limits=limits) as client:

        async def one(method: str, path: str, body: dict | None) -> httpx.Response:
            return await client.request(method, path, headers=headers, json=body)

        tasks = [asyncio.create_task(one(*request)) for request in requests]
        # Probe while the burst is in flight, on connections of their own.
        await asyncio.sleep(0.05)
        async with httpx.AsyncClient(base_url=base_url, timeout=10) as probe:
            started = time.perf_counter()
            health = await probe.get("/api/health")
            health_seconds = time.perf_counter() - started
            # An anonymous read queues for the database with the burst, and is answered.
            catalogue = await probe.get("/api/products")
        answers = await asyncio.gather(*tasks)
    assert catalogue.status_code == 200
    return answers, health_seconds, health.status_code


def test_a_burst_of_authenticated_reads_gets_no_5xx_and_health_keeps_answering(server: str) -> None:
    with httpx.Client(base_url=server, timeout=30) as client:
        token = sign_in(client)["token"]
    answers, health_seconds, health_status = asyncio.run(
        burst_with_health_probe(server, [("GET", "/api/cart", None)] * BURST, token)
    )
    statuses = sorted({answer.status_code for answer in answers})
    assert statuses == [200], [a.text for a in answers if a.status_code != 200][:3]
    assert health_status == 200
    assert health_seconds < 1.0


def test_a_burst_of_concurrent_writes_loses_nothing(server: str) -> None:
    with httpx.Client(base_url=server, timeout=30) as client:
        token = sign_in(client)["token"]
    adds = [("POST", "/api/cart/items", {"productId": PRODUCTS[n % len(PRODUCTS)], "qty": 1}) for n in range(BURST)]
    answers, health_seconds, health_status = asyncio.run(burst_with_health_probe(server, adds, token))
    assert sorted({answer.status_code for answer in answers}) == [200], [
        a.text for a in answers if a.status_code != 200
    ][:3]
    assert health_status == 200
    assert health_seconds < 1.0
    with httpx.Client(base_url=server, timeout=30) as client:
        cart = client.get("/api/cart", headers={"Authorization": f"Bearer {token}"}).json()
    assert {item["productId"]: item["qty"] for item in cart["items"]} == {p: BURST // len(PRODUCTS) for p in PRODUCTS}


def test_past_capacity_the_answer_is_a_quick_503_with_retry_after(app_factory: AppFactory) -> None:
    app = app_factory(DB_CONCURRENCY=1, DB_MAX_WAITING=0)
    with TestClient(app) as client:
        gate: DatabaseGate = app.state.db_gate
        held = gate.slot()
        assert client.portal is not None
        client.portal.call(held.__aenter__)
        try:
            started = time.perf_counter()
            busy = client.get("/api/products")
            elapsed = time.perf_counter() - started
            health = client.get("/api/health")
        finally:
            client.portal.call(held.__aexit__, None, None, None)
        assert client.get("/api/products").status_code == 200
    assert busy.status_code == 503
    assert busy.headers["Retry-After"] == "1"
    assert busy.json() == {"detail": "The shop is busy; try again in a moment."}
    assert elapsed < 5
    assert health.status_code == 200


def test_a_request_waits_for_a_slot_no_longer_than_the_limit() -> None:
    async def scenario() -> tuple[bool, float]:
        gate = DatabaseGate(slots=1, max_waiting=10, wait_seconds=0.2)
        async with gate.slot():
            started = time.perf_counter()
            try:
                async with gate.slot():
                    return False, 0.0
            except DatabaseBusy:
                return True, time.perf_counter() - started

    refused, waited = asyncio.run(scenario())
    assert refused
    assert 0.15 < waited < 2
