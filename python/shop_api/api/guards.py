"""What stands between a hostile client and the routes: sizes, undecodable input, error bodies.

- Headers larger than MAX_HEADER_BYTES in all get 431 naming the largest one; a body larger than
  MAX_BODY_BYTES gets 413 before it is read (declared length) or as soon as it passes the limit.
  (FastAPI's own max_body_size answers a plain-text 413 that names no limit, replacing any body
  the app sends, so the count is kept here.)
- A path or query parameter holding NUL gets 422 naming it: no database can store NUL.
- Every error body is JSON that can always be encoded: what it echoes of the request (lone
  surrogates, 1e309, NaN) is escaped rather than crashing the encoder into a 500.
- An unexpected error answers 500 with `Connection: close`, so the client knows the connection ends.
- Answers about a signed-in user carry `Cache-Control: private, no-store`.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from typing import Any

from fastapi import Request, Response, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.datastructures import MutableHeaders, QueryParams
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shop_api.core.db import DatabaseBusy

logger = logging.getLogger(__name__)

# Answers under these paths are about the signed-in user (or sign-in itself).
PRIVATE_PATHS = ("/api/auth", "/api/me", "/api/cart", "/api/tickets", "/api/chat", "/api/dev")
PRIVATE_CACHE_CONTROL = "private, no-store"


def json_safe(value: Any) -> Any:
    """Make echoed input encodable: lone surrogates become \\udXXX escapes, 1e309/NaN become text."""
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {json_safe(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return value


def problem(status_code: int, detail: Any, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status_code, content={"detail": json_safe(detail)}, headers=headers)


def field_problem(status_code: int, loc: list[str], msg: str) -> JSONResponse:
    return problem(status_code, [{"type": "value_error", "loc": loc, "msg": msg}])


def body_too_large(max_body_bytes: int) -> Response:
    # Connection: close, since the rest of the body is not read.
    response = field_problem(413, ["body"], f"The request body is larger than {max_body_bytes} bytes.")
    response.headers["Connection"] = "close"
    return response


# FastAPI answers a body it cannot even decode (e.g. not UTF-8) with this 400, but a body that is
# not JSON is bad input like any other: clients get the same 422 shape as for malformed JSON.
_UNPARSEABLE_BODY = "There was an error parsing the body"


def install(app: Any, max_body_bytes: int, max_header_bytes: int) -> None:
    """Register the handlers and the middleware on an app."""

    async def http_exception_handler(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 400 and exc.detail == _UNPARSEABLE_BODY:
            return field_problem(422, ["body"], "The request body is not valid JSON (UTF-8).")
        if exc.status_code == 413:
            return body_too_large(max_body_bytes)
        if exc.status_code in (204, 304):
            return Response(status_code=exc.status_code, headers=exc.headers)
        return problem(exc.status_code, exc.detail, exc.headers)

    async def validation_exception_handler(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return problem(422, jsonable_encoder(exc.errors()))

    async def busy_handler(request: Request, exc: Exception) -> Response:
        retry_after = exc.retry_after if isinstance(exc, DatabaseBusy) else 1
        return problem(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            "The shop is busy; try again in a moment.",
            {"Retry-After": str(retry_after)},
        )

    async def operational_error_handler(request: Request, exc: Exception) -> Response:
        # SQLite's "database is locked" after its busy timeout is capacity, not a bug.
        if "database is locked" in str(exc):
            return await busy_handler(request, exc)
        logger.error("database error on %s %s", request.method, request.url.path, exc_info=exc)
        return await unexpected_error_handler(request, exc)

    async def unexpected_error_handler(request: Request, exc: Exception) -> Response:
        # Starlette logs and re-raises after this answer, and the server then drops the connection:
        # `Connection: close` says so instead of leaving the client to find a dead socket.
        return problem(500, "Internal server error.", {"Connection": "close"})

    app.add_exception_handler(StarletteHTTPException, http_exception_handler)
    app.add_exception_handler(RequestValidationError, validation_exception_handler)
    app.add_exception_handler(DatabaseBusy, busy_handler)
    app.add_exception_handler(PoolTimeoutError, busy_handler)
    app.add_exception_handler(OperationalError, operational_error_handler)
    app.add_exception_handler(Exception, unexpected_error_handler)
    app.add_middleware(RequestGuard, max_header_bytes=max_header_bytes, max_body_bytes=max_body_bytes)


class RequestGuard:
    """Pure ASGI middleware (no per-request task, unlike @app.middleware): see the module's docstring."""

    def __init__(self, app: ASGIApp, max_header_bytes: int, max_body_bytes: int) -> None:
        self.app = app
        self.max_header_bytes = max_header_bytes
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        refusal = self.refusal(scope)
        if refusal is not None:
            if scope["type"] == "http":
                await refusal(scope, receive, send)
            else:
                await send({"type": "websocket.close", "code": 1008, "reason": "refused request"})
            return
        if scope["type"] == "websocket":
            await self.app(scope, receive, send)
            return

        path: str = scope["path"]
        private = path.startswith(PRIVATE_PATHS) or any(name == b"authorization" for name, _ in scope["headers"])

        async def send_with_cache_control(message: Message) -> None:
            if private and message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if "cache-control" not in headers:
                    headers["Cache-Control"] = PRIVATE_CACHE_CONTROL
            await send(message)

        received = 0

        async def receive_with_limit() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    # Routing re-raises HTTPException from reading the body: the 413 handler answers.
                    raise StarletteHTTPException(413)
            return message

        await self.app(scope, receive_with_limit, send_with_cache_control)

    def refusal(self, scope: Scope) -> Response | None:
        headers: list[tuple[bytes, bytes]] = scope["headers"]
        total = sum(len(name) + len(value) + 4 for name, value in headers)
        if total > self.max_header_bytes:
            name, value = max(headers, key=lambda header: len(header[1]))
            return field_problem(
                status.HTTP_431_REQUEST_HEADER_FIELDS_TOO_LARGE,
                ["header", name.decode("latin-1")],
                f"The request headers are larger than {self.max_header_bytes} bytes in all "
                f"({name.decode('latin-1')} alone is {len(value)} bytes).",
            )
        # A declared length over the limit is refused before reading a byte; a body without one
        # is counted as it arrives (receive_with_limit).
        declared = next((value for name, value in headers if name == b"content-length"), b"")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            return body_too_large(self.max_body_bytes)
        return refuse_nul_in_url(scope)


def refuse_nul_in_url(scope: Scope) -> Response | None:
    """A path or query parameter holding NUL (`%00`) gets 422: no database can store it."""
    path: str = scope["path"]
    if "\x00" in path:
        return field_problem(422, ["path", "url"], "must not contain NUL characters")
    for name, value in QueryParams(scope["query_string"]).multi_items():
        if "\x00" in name or "\x00" in value:
            return field_problem(422, ["query", name.replace("\x00", "")], "must not contain NUL characters")
    return None
