"""Fixed-budget rate limits: one interface, an in-process and a Redis implementation."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Protocol

import redis


@dataclass(frozen=True)
class RateLimitResult:
    allowed: bool
    retry_after: int  # seconds until one more hit would be allowed; 0 when allowed


class RateLimiter(Protocol):
    def hit(self, key: str, limit: int, window_seconds: int) -> RateLimitResult:
        """Count one event for `key`; refuse it when `limit` events already fell in the window."""
        ...


class InMemoryRateLimiter:
    """A sliding window per key; correct for one API process only."""

    def __init__(self) -> None:
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, limit: int, window_seconds: int) -> RateLimitResult:
        now = time.monotonic()
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and events[0] <= now - window_seconds:
                events.popleft()
            if len(events) >= limit:
                retry_after = math.ceil(events[0] + window_seconds - now)
                return RateLimitResult(False, max(retry_after, 1))
            events.append(now)
            return RateLimitResult(True, 0)


class RedisRateLimiter:
    """A fixed window per key in Redis, shared by every API process using the same server."""

    def __init__(self, client: redis.Redis) -> None:
        self._client = client

    def hit(self, key: str, limit: int, window_seconds: int) -> RateLimitResult:
        redis_key = f"shop_api:rate:{key}"
        pipe = self._client.pipeline()
        pipe.incr(redis_key)
        # NX sets the expiry only on the first hit, so the window does not slide on every call.
        pipe.expire(redis_key, window_seconds, nx=True)
        pipe.ttl(redis_key)
        count, _, ttl = pipe.execute()
        if int(count) > limit:
            return RateLimitResult(False, max(int(ttl), 1))
        return RateLimitResult(True, 0)
