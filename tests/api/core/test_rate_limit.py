"""shop_api.core.rate_limit: both implementations keep the same budget."""

from __future__ import annotations

import uuid

import pytest
import redis

from shop_api.core.rate_limit import InMemoryRateLimiter, RateLimiter, RedisRateLimiter

from ..conftest import ServerStack


def assert_budget_of_three(limiter: RateLimiter) -> None:
    key = uuid.uuid4().hex
    assert [limiter.hit(key, 3, 60).allowed for _ in range(4)] == [True, True, True, False]
    refused = limiter.hit(key, 3, 60)
    assert 0 < refused.retry_after <= 60
    assert limiter.hit(uuid.uuid4().hex, 3, 60).allowed


def test_in_memory_rate_limiter_keeps_budget() -> None:
    assert_budget_of_three(InMemoryRateLimiter())


def test_in_memory_rate_limiter_window_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr("shop_api.core.rate_limit.time.monotonic", lambda: now[0])
    limiter = InMemoryRateLimiter()
    assert limiter.hit("k", 1, 10).allowed
    assert not limiter.hit("k", 1, 10).allowed
    now[0] += 10.5
    assert limiter.hit("k", 1, 10).allowed


@pytest.mark.postgres
def test_redis_rate_limiter_is_shared_between_instances(server_stack: ServerStack) -> None:
    first = RedisRateLimiter(redis.Redis.from_url(server_stack.redis_url))
    second = RedisRateLimiter(redis.Redis.from_url(server_stack.redis_url))
    assert_budget_of_three(first)
    key = uuid.uuid4().hex
    assert first.hit(key, 2, 60).allowed
    assert second.hit(key, 2, 60).allowed
    assert not first.hit(key, 2, 60).allowed
