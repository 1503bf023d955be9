"""Support chat: one conversation per user, history in the database, live over a WebSocket.

WebSocket protocol (`/api/chat/ws?token=<access token>`):
- on connect the server sends `{"type": "history", "messages": [ChatMessagePublic, ...]}`;
- the client sends `{"text": "..."}`;
- every connection of the conversation, the sender's included, then receives
  `{"type": "message", "message": ChatMessagePublic}`;
- a bad frame gets `{"type": "error", "detail": "..."}` and the connection stays open; so does a
  message past the user's rate (`"retryAfter": seconds` added);
- a missing, invalid or logged-out token closes the connection with code 4401;
- more than CHAT_SOCKETS_PER_USER open connections of one user: the new one is closed with 4429;
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
from shop_api.api.deps import CurrentUser, SessionDep, authenticate
from shop_api.api.errors import TOO_MANY, UNAUTHORIZED
from shop_api.core.chat_broker import ChatBroker
from shop_api.core.config import Settings
from shop_api.core.db import DatabaseBusy, DatabaseGate
from shop_api.core.rate_limit import RateLimiter, too_many
from shop_api.schemas import ChatMessageCreate, ChatMessagePublic

router = APIRouter(prefix="/chat", tags=["chat"])

HISTORY_LIMIT = 50
WS_POLICY_VIOLATION = 4401  # 4000-4999 are free for applications; 4401 mirrors HTTP 401.
WS_TOO_MANY = 4429  # mirrors HTTP 429
WS_TRY_AGAIN_LATER = 1013  # the standard code for a server that is overloaded
# A frame holds one message of at most 2,000 characters; JSON escapes take up to six bytes each.
MAX_FRAME_CHARS = 16 * 1024


def _store_message(session: Session, user_id: int, text: str) -> ChatMessagePublic:
    message = crud.create_chat_message(session, user_id, text, sender="user")
    session.commit()
    return ChatMessagePublic.model_validate(message)


def _store_message_in_new_session(factory: sessionmaker[Session], user_id: int, text: str) -> ChatMessagePublic:
    with factory() as session:
        return _store_message(session, user_id, text)


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


@router.websocket("/ws")
async def chat_socket(websocket: WebSocket, token: str = "") -> None:
    """Live support chat for the user of the token."""
    settings: Settings = websocket.app.state.settings
    factory: sessionmaker[Session] = websocket.app.state.session_factory
    broker: ChatBroker = websocket.app.state.chat_broker
    gate: DatabaseGate = websocket.app.state.db_gate
    limiter: RateLimiter = websocket.app.state.rate_limiter

    def resolve_user() -> int | None:
        with factory() as session:
            authenticated = authenticate(session, settings, token)
            return authenticated.user.id if authenticated else None

    # A socket lives long, so it takes a database slot only for each short piece of work.
    try:
        if token:
            async with gate.slot():
                user_id = await run_in_threadpool(resolve_user)
        else:
            user_id = None
    except DatabaseBusy:
        await websocket.accept()
        await websocket.close(WS_TRY_AGAIN_LATER, "the shop is busy; reconnect in a moment")
        return
    await websocket.accept()
    if user_id is None:
        # Closing after accept lets a browser see why (a refused handshake only says "failed").
        await websocket.close(WS_POLICY_VIOLATION, "invalid, expired or missing token")
        return
    if broker.hub.open_connections(user_id) >= settings.CHAT_SOCKETS_PER_USER:
        await websocket.close(
            WS_TOO_MANY, f"too many open chat connections: at most {settings.CHAT_SOCKETS_PER_USER} per user"
        )
        return

    async with broker.hub.connect(user_id) as queue:
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

        async def forward_events() -> None:
            while True:
                await websocket.send_json(await queue.get())

        async def receive_messages() -> None:
            while True:
                raw = await websocket.receive_text()
                if len(raw) > MAX_FRAME_CHARS:
                    await websocket.send_json(
                        {"type": "error", "detail": f"text: a frame holds at most {MAX_FRAME_CHARS} characters."}
                    )
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
                        message = await run_in_threadpool(_store_message_in_new_session, factory, user_id, body.text)
                except DatabaseBusy as busy:
                    detail = "The shop is busy; send it again in a moment."
                    await websocket.send_json({"type": "error", "detail": detail, "retryAfter": busy.retry_after})
                    continue
                await broker.publish(user_id, _message_event(message))

        sender = asyncio.create_task(forward_events())
        receiver = asyncio.create_task(receive_messages())
        try:
            await asyncio.wait({sender, receiver}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sender, receiver):
                task.cancel()
            for task in (sender, receiver):
                with contextlib.suppress(asyncio.CancelledError, WebSocketDisconnect, RuntimeError):
                    await task


def _describe(error: Exception) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "message"
        return f"{field}: {first['msg']}"
    return 'Send JSON like {"text": "hello"}.'
