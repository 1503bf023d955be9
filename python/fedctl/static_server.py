"""Serves a built React remote the way production does: its files under its path prefix.

It also proxies the API path to the API server, so the remote works standalone on its own
origin (the browser never needs CORS for the API).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from fedctl.manifest import App, Manifest

# Hop-by-hop headers describe one connection and must not be forwarded.
HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "upgrade", "host", "content-length"}


def create_app(manifest: Manifest, app: App, dist: Path) -> Starlette:
    if not (dist / "remoteEntry.js").is_file():
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
        headers = {k: v for k, v in answer.headers.items() if k.lower() not in HOP_HEADERS}
        return StreamingResponse(
            answer.aiter_raw(), status_code=answer.status_code, headers=headers,
            background=BackgroundTask(answer.aclose),
        )

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
            Mount(app.path or "/", app=StaticFiles(directory=dist, html=True)),
        ],
        lifespan=lifespan,
    )
