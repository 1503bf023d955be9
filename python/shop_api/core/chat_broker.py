"""Chat fan-out: every connection of a conversation gets every new message, and every connection
of a signed-out session is closed, whichever API process holds it.

Connections register with the local hub of their process. A broker publishes a message (or the ids
of revoked sessions); the in-process broker hands it straight to the hub, the Redis broker sends it
through pub/sub so the hub of every API process (this one included) receives it exactly once.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import redis
import redis.asyncio as aioredis

logger = logging.getLogger(__name__)

CHANNEL_PREFIX = "shop_api:chat:"
REVOKED_CHANNEL = "shop_api:sessions:revoked"
# Put on a connection's queue when its session is signed out: the socket handler closes it.
SESSION_ENDED: dict[str, Any] = {"type": "session-ended"}


@dataclass(eq=False)
class HubConnection:
    """One open socket: its event queue, and the session whose access token it presented."""

    session_id: str
    queue: asyncio.Queue[dict[str, Any]] = field(default_factory=lambda: asyncio.Queue(maxsize=1000))
    ended: asyncio.Event = field(default_factory=asyncio.Event)


class ChatHub:
    """The connections of this process, grouped by conversation (one per user)."""

    def __init__(self) -> None:
        self._connections: dict[int, set[HubConnection]] = {}

    @contextlib.asynccontextmanager
    async def connect(self, user_id: int, session_id: str) -> AsyncIterator[HubConnection]:
        connection = HubConnection(session_id)
        self._connections.setdefault(user_id, set()).add(connection)
        try:
            yield connection
        finally:
            connections = self._connections.get(user_id, set())
            connections.discard(connection)
            if not connections:
                self._connections.pop(user_id, None)

    def open_connections(self, user_id: int) -> int:
        return len(self._connections.get(user_id, ()))

    def deliver(self, user_id: int, event: dict[str, Any]) -> None:
        for connection in list(self._connections.get(user_id, ())):
            try:
                connection.queue.put_nowait(event)
            except asyncio.QueueFull:
                # A client that stopped reading must not stall everyone else's conversation.
                logger.warning("dropping chat event for a slow connection of user %s", user_id)

    def end_sessions(self, session_ids: set[str]) -> None:
        """Mark every connection of these sessions as ended (not queued: a full queue must not
        keep a signed-out socket open)."""
        for connections in list(self._connections.values()):
            for connection in list(connections):
                if connection.session_id in session_ids:
                    connection.ended.set()


class ChatBroker(Protocol):
    hub: ChatHub

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def publish(self, user_id: int, event: dict[str, Any]) -> None: ...

    async def end_sessions(self, session_ids: list[str]) -> None:
        """Close every socket of these sessions, in every API process."""
        ...


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

    async def end_sessions(self, session_ids: list[str]) -> None:
        self.hub.end_sessions(set(session_ids))


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

    async def end_sessions(self, session_ids: list[str]) -> None:
        if session_ids:
            await asyncio.to_thread(self._publisher.publish, REVOKED_CHANNEL, json.dumps(session_ids))

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
                    await pubsub.subscribe(REVOKED_CHANNEL)
                    subscribed.set()
                    async for raw in pubsub.listen():
                        if raw.get("type") == "message" and raw["channel"].decode() == REVOKED_CHANNEL:
                            self.hub.end_sessions(set(json.loads(raw["data"])))
                            continue
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
