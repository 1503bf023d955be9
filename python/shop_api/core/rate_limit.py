"""Rate limits on top of the `limits` library: one strategy, in-memory or Redis storage.

The moving-window strategy behaves the same on both storages, so a budget means the same thing on
one process with no Redis and on several processes sharing one Redis.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from fastapi import HTTPException, status
from limits import RateLimitItem
from limits.storage import MemoryStorage, RedisStorage, Storage
from limits.strategies import MovingWindowRateLimiter

from shop_api.core.config import rate

KEY_PREFIX = "shop_api"


@dataclass(frozen=True)
class RateLimitResult:
    allowed: bool
    retry_after: int  # seconds until one more hit would be allowed; 0 when allowed


class RateLimiter:
    """Count events per key against a rate such as "5/10 minutes"."""

    def __init__(self, storage: Storage) -> None:
        self._strategy = MovingWindowRateLimiter(storage)
        self._storage = storage

    @classmethod
    def in_memory(cls) -> RateLimiter:
        """Correct for one API process."""
        return cls(MemoryStorage())

    @classmethod
    def on_redis(cls, url: str) -> RateLimiter:
        """Shared by every API process using the same Redis."""
        return cls(RedisStorage(url, key_prefix=KEY_PREFIX))

    def hit(self, limit: str | RateLimitItem, *key: str) -> RateLimitResult:
        """Count one event; refuse it (without counting) when the budget is already spent."""
        item = rate(limit) if isinstance(limit, str) else limit
        if self._strategy.hit(item, *key):
            return RateLimitResult(True, 0)
        reset_at, _remaining = self._strategy.get_window_stats(item, *key)
        return RateLimitResult(False, max(math.ceil(reset_at - time.time()), 1))

    def check(self, limit: str, what: str, *key: str) -> None:
        """Answer 429 when the budget is spent, without counting (count failures with `hit`)."""
        item = rate(limit)
        if not self._strategy.test(item, *key):
            reset_at, _remaining = self._strategy.get_window_stats(item, *key)
            raise too_many(what, limit, max(math.ceil(reset_at - time.time()), 1))

    def enforce(self, limit: str, what: str, *key: str) -> None:
        """Count one event or answer 429 naming the limit, with Retry-After."""
        verdict = self.hit(limit, *key)
        if not verdict.allowed:
            raise too_many(what, limit, verdict.retry_after)

    def reset(self) -> None:
        self._storage.reset()


def too_many(what: str, limit: str, retry_after: int) -> HTTPException:
    return HTTPException(
        status.HTTP_429_TOO_MANY_REQUESTS,
        f"{what}: the limit is {limit}; try again in {retry_after} seconds.",
        headers={"Retry-After": str(retry_after)},
    )
