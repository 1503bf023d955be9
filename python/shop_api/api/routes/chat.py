"""Support chat: one conversation per user, history in the database, live over a WebSocket.

WebSocket protocol (`/api/chat/ws`; no credential ever travels in the URL, where access logs and
browser history would keep it):
- the client's first frame is `{"type": "auth", "token": "<access token>"}`; nothing is sent and
  nothing is stored before it is checked. A missing (within 10 s), invalid, expired or signed-out
  token closes the connection with code 4401;
- then the server sends `{"type": "history", "messages": [ChatMessagePublic, ...]}`;
- the client sends `{"text": "..."}`;
- every connection of the conversation, the sender's included, then receives
  `{"type": "message", "message": ChatMessagePublic}`;
- a bad frame gets `{"type": "error", "detail": "..."}` and the connection stays open; so does a
  message past the user's rate (`"retryAfter": seconds` added);
- more than CHAT_SOCKETS_PER_USER open connections of one user: the new one is closed with 4429;
- the socket lives no longer than its access token: the client sends `{"type": "auth", ...}` again
  with a renewed token before it expires, or the server closes with 4401 ("access token expired")
  and the client reconnects with a fresh one;
- a logout (or "sign out everywhere") closes every socket of the session with 4401 ("signed out"),
  in whichever API process holds it.
- when the database is at capacity a new connection is closed with 1013 (try again later) and a
  message gets an error event with `retryAfter`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, WebSocket, WebSocketDisconnect, status
from pydantic import ValidationError
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from shop_api import crud
from shop_api.api.deps import Authenticated, CurrentUser, SessionDep, authenticate
from shop_api.api.errors import TOO_MANY, UNAUTHORIZED
from shop_api.core.chat_broker import ChatBroker
from shop_api.core.config import Settings
from shop_api.core.db import DatabaseBusy, DatabaseGate
from shop_api.core.rate_limit import RateLimiter, too_many
from shop_api.models import utcnow
from shop_api.schemas import ChatMessageCreate, ChatMessagePublic

router = APIRouter(prefix="/chat", tags=["chat"])

HISTORY_LIMIT = 50
WS_UNAUTHORIZED = 4401  # 4000-4999 are free for applications; 4401 mirrors HTTP 401.
WS_BAD_REQUEST = 4400
WS_TOO_MANY = 4429  # mirrors HTTP 429
WS_TRY_AGAIN_LATER = 1013  # the standard code for a server that is overloaded
# A frame holds one message of at most 2,000 characters; JSON escapes take up to six bytes each.
MAX_FRAME_CHARS = 16 * 1024
AUTH_TIMEOUT_SECONDS = 10
# Besides the push from a logout, each socket re-reads its session this often: a revocation whose
# notice was lost (Redis restarting) still closes the socket within this time.
SESSION_RECHECK_SECONDS = 15


class SocketClosed(Exception):
    """Ends a chat socket with a close code and a reason the client can act on."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def _store_message(session: Session, user_id: int, text: str) -> ChatMessagePublic:
    message = crud.create_chat_message(session, user_id, text, sender="user")
    session.commit()
    return ChatMessagePublic.model_validate(message)


def _store_message_if_signed_in(
    factory: sessionmaker[Session], user_id: int, session_id: str, text: str
) -> ChatMessagePublic | None:
    """Store a socket's message, unless its session was signed out in the meantime."""
    with factory() as session:
        if crud.live_session(session, session_id, user_id) is None:
            return None
        return _store_message(session, user_id, text)


def _session_is_live(factory: sessionmaker[Session], user_id: int, session_id: str) -> bool:
    with factory() as session:
        return crud.live_session(session, session_id, user_id) is not None


def _history(factory: sessionmaker[Session], user_id: int) -> list[ChatMessagePublic]:
    with factory() as session:
        messages = crud.list_chat_messages(session, user_id, None, HISTORY_LIMIT)
        return [ChatMessagePublic.model_validate(m) for m in messages]


def _message_event(message: ChatMessagePublic) -> dict[str, Any]:
    return {"type": "message", "message": message.model_dump(mode="json", by_alias=True)}


@router.get("/messages", response_model=list[ChatMessagePublic], responses=UNAUTHORIZED)
def read_chat_messages(
    user: CurrentUser,
    session: SessionDep,
    before_id: Annotated[int | None, Query(alias="beforeId", ge=1, le=2_147_483_647)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = HISTORY_LIMIT,
) -> list[ChatMessagePublic]:
    """Read my conversation, oldest first; page back with beforeId."""
    messages = crud.list_chat_messages(session, user.id, before_id, limit)
    return [ChatMessagePublic.model_validate(m) for m in messages]


@router.post(
    "/messages",
    status_code=status.HTTP_201_CREATED,
    response_model=ChatMessagePublic,
    responses={**UNAUTHORIZED, **TOO_MANY},
)
async def create_chat_message(
    body: ChatMessageCreate, user: CurrentUser, session: SessionDep, request: Request
) -> ChatMessagePublic:
    """Send a message without a WebSocket; open connections receive it too."""
    broker: ChatBroker = request.app.state.chat_broker
    settings: Settings = request.app.state.settings
    limiter: RateLimiter = request.app.state.rate_limiter

    def store() -> ChatMessagePublic:
        limiter.enforce(settings.CHAT_MESSAGE_RATE_PER_USER, "Chat messages", "chat", str(user.id))
        return _store_message(session, user.id, body.text)

    # Reuse the request's session: on SQLite a second one would wait for this one's write lock.
    message = await run_in_threadpool(store)
    await broker.publish(user.id, _message_event(message))
    return message


def _auth_token(raw: str) -> str | None:
    """The token of an `{"type": "auth", "token": ...}` frame, or None for any other frame."""
    try:
        frame = json.loads(raw)
    except ValueError:
        return None
    if isinstance(frame, dict) and frame.get("type") == "auth" and isinstance(frame.get("token"), str):
        return str(frame["token"])
    return None


@router.websocket("/ws")
async def chat_socket(websocket: WebSocket) -> None:
    """Live support chat for the user whose access token arrives in the first frame."""
    settings: Settings = websocket.app.state.settings
    factory: sessionmaker[Session] = websocket.app.state.session_factory
    broker: ChatBroker = websocket.app.state.chat_broker
    gate: DatabaseGate = websocket.app.state.db_gate
    limiter: RateLimiter = websocket.app.state.rate_limiter

    def resolve(token: str) -> Authenticated | None:
        with factory() as session:
            return authenticate(session, settings, token)

    await websocket.accept()
    if "token" in websocket.query_params:
        # A credential in a URL ends up in access logs and proxies' logs: refuse it outright.
        await websocket.close(WS_BAD_REQUEST, "send the access token in the first message, not in the URL")
        return
    try:
        first = await asyncio.wait_for(websocket.receive_text(), AUTH_TIMEOUT_SECONDS)
    except (TimeoutError, WebSocketDisconnect, RuntimeError, KeyError):
        with contextlib.suppress(RuntimeError, WebSocketDisconnect):
            await websocket.close(WS_UNAUTHORIZED, "no access token: send {type: auth, token} first")
        return
    token = _auth_token(first)
    authenticated = None
    if token:
        # A socket lives long, so it takes a database slot only for each short piece of work.
        try:
            async with gate.slot():
                authenticated = await run_in_threadpool(resolve, token)
        except DatabaseBusy:
            await websocket.close(WS_TRY_AGAIN_LATER, "the shop is busy; reconnect in a moment")
            return
    if authenticated is None:
        await websocket.close(WS_UNAUTHORIZED, "invalid, expired or signed-out access token")
        return
    user_id = authenticated.user.id
    if broker.hub.open_connections(user_id) >= settings.CHAT_SOCKETS_PER_USER:
        await websocket.close(
            WS_TOO_MANY, f"too many open chat connections: at most {settings.CHAT_SOCKETS_PER_USER} per user"
        )
        return

    async with broker.hub.connect(user_id, authenticated.claims.session_id) as connection:
        # Register before reading history, so a message sent in between is not lost.
        try:
            async with gate.slot():
                history = await run_in_threadpool(_history, factory, user_id)
        except DatabaseBusy:
            await websocket.close(WS_TRY_AGAIN_LATER, "the shop is busy; reconnect in a moment")
            return
        await websocket.send_json(
            {"type": "history", "messages": [m.model_dump(mode="json", by_alias=True) for m in history]}
        )
        deadline = authenticated.claims.expires_at

        async def forward_events() -> None:
            while True:
                await websocket.send_json(await connection.queue.get())

        async def receive_messages() -> None:
            nonlocal deadline
            while True:
                raw = await websocket.receive_text()
                if len(raw) > MAX_FRAME_CHARS:
                    await websocket.send_json(
                        {"type": "error", "detail": f"text: a frame holds at most {MAX_FRAME_CHARS} characters."}
                    )
                    continue
                renewed = _auth_token(raw)
                if renewed is not None:
                    try:
                        async with gate.slot():
                            again = await run_in_threadpool(resolve, renewed)
                    except DatabaseBusy as busy:
                        detail = "The shop is busy; send the renewed token again in a moment."
                        await websocket.send_json({"type": "error", "detail": detail, "retryAfter": busy.retry_after})
                        continue
                    if again is None or again.user.id != user_id:
                        raise SocketClosed(WS_UNAUTHORIZED, "invalid, expired or signed-out access token")
                    connection.session_id = again.claims.session_id
                    deadline = again.claims.expires_at
                    continue
                try:
                    body = ChatMessageCreate.model_validate(json.loads(raw))
                except (ValueError, ValidationError) as error:
                    await websocket.send_json({"type": "error", "detail": _describe(error)})
                    continue
                rate = settings.CHAT_MESSAGE_RATE_PER_USER
                verdict = await run_in_threadpool(limiter.hit, rate, "chat", str(user_id))
                if not verdict.allowed:
                    detail = too_many("Chat messages", rate, verdict.retry_after).detail
                    await websocket.send_json({"type": "error", "detail": detail, "retryAfter": verdict.retry_after})
                    continue
                try:
                    async with gate.slot():
                        message = await run_in_threadpool(
                            _store_message_if_signed_in, factory, user_id, connection.session_id, body.text
                        )
                except DatabaseBusy as busy:
                    detail = "The shop is busy; send it again in a moment."
                    await websocket.send_json({"type": "error", "detail": detail, "retryAfter": busy.retry_after})
                    continue
                if message is None:
                    raise SocketClosed(WS_UNAUTHORIZED, "signed out")
                await broker.publish(user_id, _message_event(message))

        async def watch_session() -> None:
            while True:
                left = (deadline - utcnow()).total_seconds()
                if left <= 0:
                    raise SocketClosed(WS_UNAUTHORIZED, "access token expired")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(connection.ended.wait(), min(left, SESSION_RECHECK_SECONDS))
                if connection.ended.is_set():
                    raise SocketClosed(WS_UNAUTHORIZED, "signed out")
                try:
                    async with gate.slot():
                        live = await run_in_threadpool(_session_is_live, factory, user_id, connection.session_id)
                except DatabaseBusy:
                    continue  # checked again at the next round; the logout push does not need the database
                if not live:
                    raise SocketClosed(WS_UNAUTHORIZED, "signed out")

        await _run_until_first_ends(websocket, forward_events(), receive_messages(), watch_session())


async def _run_until_first_ends(websocket: WebSocket, *jobs: Any) -> None:
    """Run the socket's jobs until one ends; a SocketClosed closes the socket with its code."""
    tasks = [asyncio.create_task(job) for job in jobs]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, WebSocketDisconnect, RuntimeError, SocketClosed):
                await task
    for task in done:
        error = task.exception() if not task.cancelled() else None
        if isinstance(error, SocketClosed):
            with contextlib.suppress(RuntimeError, WebSocketDisconnect):
                await websocket.close(error.code, error.reason)
            return


def _describe(error: Exception) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "message"
        return f"{field}: {first['msg']}"
    return 'Send JSON like {"text": "hello"}.'
