"""shop_api.core.rate_limit: the `limits` library with the same strategy on memory and on Redis."""

from __future__ import annotations

import uuid

import pytest
from fastapi import HTTPException

from shop_api.core.rate_limit import RateLimiter

from ..conftest import ServerStack


def assert_budget_of_three(limiter: RateLimiter) -> None:
    key = uuid.uuid4().hex
    assert [limiter.hit("3/minute", key).allowed for _ in range(4)] == [True, True, True, False]
    refused = limiter.hit("3/minute", key)
    assert 0 < refused.retry_after <= 60
    assert limiter.hit("3/minute", uuid.uuid4().hex).allowed


def test_in_memory_limiter_keeps_budget() -> None:
    assert_budget_of_three(RateLimiter.in_memory())


def test_enforce_answers_429_naming_the_limit_with_retry_after() -> None:
    limiter = RateLimiter.in_memory()
    limiter.enforce("1/hour", "Things", "k")
    with pytest.raises(HTTPException) as raised:
        limiter.enforce("1/hour", "Things", "k")
    assert raised.value.status_code == 429
    assert raised.value.detail.startswith("Things: the limit is 1/hour; try again in ")
    assert raised.value.headers is not None
    assert 3590 <= int(raised.value.headers["Retry-After"]) <= 3600


def test_check_refuses_without_counting() -> None:
    limiter = RateLimiter.in_memory()
    limiter.check("1/hour", "Things", "k")
    limiter.check("1/hour", "Things", "k")
    assert limiter.hit("1/hour", "k").allowed
    with pytest.raises(HTTPException):
        limiter.check("1/hour", "Things", "k")


@pytest.mark.postgres
def test_redis_limiter_is_shared_between_instances(server_stack: ServerStack) -> None:
    first = RateLimiter.on_redis(server_stack.redis_url)
    second = RateLimiter.on_redis(server_stack.redis_url)
    assert_budget_of_three(first)
    key = uuid.uuid4().hex
    assert first.hit("2/minute", key).allowed
    assert second.hit("2/minute", key).allowed
    assert not first.hit("2/minute", key).allowed
