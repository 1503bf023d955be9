"""Support chat: one conversation per user, history in the database, live over a WebSocket.

WebSocket protocol (`/api/chat/ws?token=<access token>`):
- on connect the server sends `{"type": "history", "messages": [ChatMessagePublic, ...]}`;
- the client sends `{"text": "..."}`;
- every connection of the conversation, the sender's included, then receives
  `{"type": "message", "message": ChatMessagePublic}`;
- a bad frame gets `{"type": "error", "detail": "..."}` and the connection stays open;
- a missing, invalid or logged-out token closes the connection with code 4401.
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
from shop_api.api.errors import UNAUTHORIZED
from shop_api.core.chat_broker import ChatBroker
from shop_api.core.config import Settings
from shop_api.schemas import ChatMessageCreate, ChatMessagePublic

router = APIRouter(prefix="/chat", tags=["chat"])

HISTORY_LIMIT = 50
WS_POLICY_VIOLATION = 4401  # 4000-4999 are free for applications; 4401 mirrors HTTP 401.


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
    responses=UNAUTHORIZED,
)
async def create_chat_message(
    body: ChatMessageCreate, user: CurrentUser, session: SessionDep, request: Request
) -> ChatMessagePublic:
    """Send a message without a WebSocket; open connections receive it too."""
    broker: ChatBroker = request.app.state.chat_broker
    # Reuse the request's session: on SQLite a second one would wait for this one's write lock.
    message = await run_in_threadpool(_store_message, session, user.id, body.text)
    await broker.publish(user.id, _message_event(message))
    return message


@router.websocket("/ws")
async def chat_socket(websocket: WebSocket, token: str = "") -> None:
    """Live support chat for the user of the token."""
    settings: Settings = websocket.app.state.settings
    factory: sessionmaker[Session] = websocket.app.state.session_factory
    broker: ChatBroker = websocket.app.state.chat_broker

    def resolve_user() -> int | None:
        with factory() as session:
            authenticated = authenticate(session, settings, token)
            return authenticated.user.id if authenticated else None

    user_id = await run_in_threadpool(resolve_user) if token else None
    await websocket.accept()
    if user_id is None:
        # Closing after accept lets a browser see why (a refused handshake only says "failed").
        await websocket.close(WS_POLICY_VIOLATION, "invalid, expired or missing token")
        return

    async with broker.hub.connect(user_id) as queue:
        # Register before reading history, so a message sent in between is not lost.
        history = await run_in_threadpool(_history, factory, user_id)
        await websocket.send_json(
            {"type": "history", "messages": [m.model_dump(mode="json", by_alias=True) for m in history]}
        )

        async def forward_events() -> None:
            while True:
                await websocket.send_json(await queue.get())

        async def receive_messages() -> None:
            while True:
                raw = await websocket.receive_text()
                try:
                    body = ChatMessageCreate.model_validate(json.loads(raw))
                except (ValueError, ValidationError) as error:
                    await websocket.send_json({"type": "error", "detail": _describe(error)})
                    continue
                message = await run_in_threadpool(_store_message_in_new_session, factory, user_id, body.text)
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
