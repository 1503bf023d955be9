"""Chat fan-out: every connection of a conversation gets every new message.

Connections register with the local hub of their process. A broker publishes a message; the
in-process broker hands it straight to the hub, the Redis broker sends it through pub/sub so the hub
of every API process (this one included) receives it exactly once.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from typing import Any, Protocol

import redis
import redis.asyncio as aioredis

logger = logging.getLogger(__name__)

CHANNEL_PREFIX = "shop_api:chat:"


class ChatHub:
    """The connections of this process, grouped by conversation (one per user)."""

    def __init__(self) -> None:
        self._queues: dict[int, set[asyncio.Queue[dict[str, Any]]]] = {}

    @contextlib.asynccontextmanager
    async def connect(self, user_id: int) -> AsyncIterator[asyncio.Queue[dict[str, Any]]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=1000)
        self._queues.setdefault(user_id, set()).add(queue)
        try:
            yield queue
        finally:
            queues = self._queues.get(user_id, set())
            queues.discard(queue)
            if not queues:
                self._queues.pop(user_id, None)

    def open_connections(self, user_id: int) -> int:
        return len(self._queues.get(user_id, ()))

    def deliver(self, user_id: int, event: dict[str, Any]) -> None:
        for queue in list(self._queues.get(user_id, ())):
            try:
                queue.put_nowait(event)
            except asyncio.QueueFull:
                # A client that stopped reading must not stall everyone else's conversation.
                logger.warning("dropping chat event for a slow connection of user %s", user_id)


class ChatBroker(Protocol):
    hub: ChatHub

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def publish(self, user_id: int, event: dict[str, Any]) -> None: ...


class InProcessChatBroker:
    """Fan-out inside one process: enough when a single API process serves everyone."""

    def __init__(self) -> None:
        self.hub = ChatHub()

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def publish(self, user_id: int, event: dict[str, Any]) -> None:
        self.hub.deliver(user_id, event)


class RedisChatBroker:
    """Fan-out across processes through Redis pub/sub."""

    def __init__(self, url: str) -> None:
        self.hub = ChatHub()
        self._url = url
        # Publishing uses the blocking client from a worker thread: an asyncio client is bound to
        # the event loop that first used it, and test harnesses call the app from several loops.
        self._publisher = redis.Redis.from_url(url)
        self._listener: asyncio.Task[None] | None = None

    async def start(self) -> None:
        subscribed = asyncio.Event()
        self._listener = asyncio.create_task(
            self._listen(aioredis.Redis.from_url(self._url), subscribed), name="chat-listener"
        )
        # Return only once subscribed, so no message published after startup can be missed.
        await asyncio.wait_for(subscribed.wait(), timeout=10)

    async def stop(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
        self._publisher.close()

    async def publish(self, user_id: int, event: dict[str, Any]) -> None:
        await asyncio.to_thread(self._publisher.publish, f"{CHANNEL_PREFIX}{user_id}", json.dumps(event))

    async def _listen(self, client: aioredis.Redis, subscribed: asyncio.Event) -> None:
        try:
            await self._listen_forever(client, subscribed)
        finally:
            await client.aclose()

    async def _listen_forever(self, client: aioredis.Redis, subscribed: asyncio.Event) -> None:
        while True:
            try:
                async with client.pubsub() as pubsub:
                    await pubsub.psubscribe(f"{CHANNEL_PREFIX}*")
                    subscribed.set()
                    async for raw in pubsub.listen():
                        if raw.get("type") != "pmessage":
                            continue
                        channel = raw["channel"].decode()
                        user_id = int(channel.removeprefix(CHANNEL_PREFIX))
                        self.hub.deliver(user_id, json.loads(raw["data"]))
            except asyncio.CancelledError:
                raise
            except Exception:
                # Keep serving local connections and reconnect: a Redis restart must not end chat.
                logger.exception("chat listener lost Redis; reconnecting in 1 s")
                await asyncio.sleep(1)
