"""Serves a built React remote the way production does: its files under its path prefix.

It also proxies the API path to the API server, HTTP and WebSocket alike, so the remote works
standalone on its own origin (the browser never needs CORS for the API, and the support chat's
socket opens on the page's own origin as it does in the host).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import PathLike, StaticFiles
from starlette.types import Scope
from starlette.websockets import WebSocket, WebSocketDisconnect
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from fedctl.edge import HASHED_FILE, IMMUTABLE
from fedctl.manifest import App, Manifest

# Hop-by-hop headers describe one connection and must not be forwarded.
HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "upgrade", "host", "content-length"}

# Close codes that only report what happened and may never be sent in a close frame (RFC 6455
# 7.4.1): "no code given" becomes a normal closure, a dropped connection an internal error.
RESERVED_CLOSE_CODES = {1005: 1000, 1006: 1011, 1015: 1011}

# What sending on a socket whose other end has already gone raises.
SOCKET_GONE = (ConnectionClosed, WebSocketDisconnect, RuntimeError)


def sendable_close_code(code: int | None) -> int:
    if code is None:
        return 1000
    return RESERVED_CLOSE_CODES.get(code, code)


def socket_headers(websocket: WebSocket) -> list[tuple[str, str]]:
    """The browser's handshake headers worth passing on; the client library writes its own
    Sec-WebSocket-* and Host headers for the second handshake."""
    return [
        (k, v)
        for k, v in websocket.headers.items()
        if k.lower() not in HOP_HEADERS and not k.lower().startswith("sec-websocket-")
    ]


async def pipe_browser_to_api(websocket: WebSocket, upstream: ClientConnection) -> None:
    """Browser frames to the API; the browser's close, with its code, ends the API connection."""
    while True:
        message = await websocket.receive()
        if message["type"] == "websocket.disconnect":
            code = sendable_close_code(message.get("code"))
            await upstream.close(code, message.get("reason") or "")
            return
        if message.get("text") is not None:
            await upstream.send(message["text"])
        elif message.get("bytes") is not None:
            await upstream.send(message["bytes"])


async def pipe_api_to_browser(websocket: WebSocket, upstream: ClientConnection) -> None:
    """API frames to the browser; the API's close, with its code (4401 for a bad token), ends
    the browser's connection."""
    try:
        async for data in upstream:
            if isinstance(data, str):
                await websocket.send_text(data)
            else:
                await websocket.send_bytes(data)
    except ConnectionClosed:
        pass  # A dropped API connection is reported to the browser below, as 1011.
    code = sendable_close_code(upstream.close_code if upstream.close_code is not None else 1006)
    with contextlib.suppress(*SOCKET_GONE):  # The browser may have closed first.
        await websocket.close(code, upstream.close_reason or "")


class RevalidatedStaticFiles(StaticFiles):
    """The edge's caching rules (fedctl.edge) in the local layout: hashed files are immutable;
    the container's entry and the page are revalidated (ETag, 304), never kept stale."""

    def file_response(
        self, full_path: PathLike, stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        hashed = re.search(HASHED_FILE, os.path.basename(full_path))
        response.headers["Cache-Control"] = IMMUTABLE if hashed else "no-cache"
        return response


def create_app(manifest: Manifest, app: App, dist: Path) -> Starlette:
    if not (dist / manifest.entry_file).is_file():
        raise FileNotFoundError(f"{dist} holds no build of {app.name}: run `fedctl build --only {app.name}`")
    client = httpx.AsyncClient(base_url=manifest.api_origin(), timeout=30)

    async def proxy_api(request: Request) -> Response:
        upstream = client.build_request(
            request.method,
            request.url.path,
            params=request.query_params,
            headers=[(k, v) for k, v in request.headers.items() if k.lower() not in HOP_HEADERS],
            content=await request.body(),
        )
        try:
            answer = await client.send(upstream, stream=True)
        except httpx.HTTPError as error:
            return Response(f"The API at {manifest.api_origin()} cannot be reached: {error}", status_code=502)
        # multi_items, not a dict: an answer may set several cookies (the session and its hint).
        kept = [(k, v) for k, v in answer.headers.multi_items() if k.lower() not in HOP_HEADERS]
        response = StreamingResponse(
            answer.aiter_raw(),
            status_code=answer.status_code,
            headers={k: v for k, v in kept if k.lower() != "set-cookie"},
            background=BackgroundTask(answer.aclose),
        )
        for name, value in kept:
            if name.lower() == "set-cookie":
                response.headers.append("set-cookie", value)
        return response

    socket_origin = "ws" + manifest.api_origin().removeprefix("http")

    async def proxy_api_socket(websocket: WebSocket) -> None:
        query = f"?{websocket.url.query}" if websocket.url.query else ""
        try:
            upstream = await connect(
                f"{socket_origin}{websocket.url.path}{query}",
                subprotocols=websocket.scope.get("subprotocols") or None,
                additional_headers=socket_headers(websocket),
                user_agent_header=None,
                # The API is on loopback: never route it through a proxy from the environment.
                proxy=None,
            )
        except InvalidStatus as error:
            # The API refused the handshake; refuse the browser's the same way (403 or 404).
            await websocket.close(1008 if error.response.status_code in {401, 403} else 1011)
            return
        except (OSError, TimeoutError, InvalidHandshake):
            await websocket.accept()
            await websocket.close(1011, f"The API at {manifest.api_origin()} cannot be reached")
            return
        async with upstream:
            await websocket.accept(subprotocol=upstream.subprotocol)
            tasks = {
                asyncio.create_task(pipe_browser_to_api(websocket, upstream)),
                asyncio.create_task(pipe_api_to_browser(websocket, upstream)),
            }
            try:
                await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for task in tasks:
                    task.cancel()
                for task in tasks:
                    with contextlib.suppress(asyncio.CancelledError, *SOCKET_GONE):
                        await task

    async def to_app(_request: Request) -> Response:
        return RedirectResponse(f"{app.path}/")

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        await client.aclose()

    return Starlette(
        routes=[
            Route("/", to_app),
            Route(f"{manifest.api_path}/{{path:path}}", proxy_api, methods=["GET", "POST", "PATCH", "PUT", "DELETE"]),
            WebSocketRoute(f"{manifest.api_path}/{{path:path}}", proxy_api_socket),
            # Compressed as the edge compresses them (there with brotli too): a React remote's
            # entry is ~90 KB as built and ~27 KB gzipped. The API's answers pass untouched.
            Mount(app.path or "/", app=GZipMiddleware(RevalidatedStaticFiles(directory=dist, html=True))),
        ],
        lifespan=lifespan,
    )
