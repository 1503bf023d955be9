"""The FastAPI application (`shop_api.main:app`) and the `shop-api` command that serves it."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

import redis
import uvicorn
from fastapi import FastAPI, Request, Response
from fastapi.exception_handlers import http_exception_handler as fastapi_http_exception_handler
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from shop_api.api.main import api_router
from shop_api.api.routes import dev
from shop_api.core.chat_broker import ChatBroker, InProcessChatBroker, RedisChatBroker
from shop_api.core.config import Settings, get_settings
from shop_api.core.db import create_db_engine, make_session_factory
from shop_api.core.dev_codes import DevCodeBook
from shop_api.core.migrations import prepare_database
from shop_api.core.rate_limit import InMemoryRateLimiter, RateLimiter, RedisRateLimiter

logger = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; startup migrates and seeds the database before the first request."""
    settings = settings or get_settings()
    engine = create_db_engine(settings.DATABASE_URL)
    redis_client = redis.Redis.from_url(settings.REDIS_URL) if settings.REDIS_URL else None
    rate_limiter: RateLimiter = RedisRateLimiter(redis_client) if redis_client is not None else InMemoryRateLimiter()
    chat_broker: ChatBroker = RedisChatBroker(settings.REDIS_URL) if settings.REDIS_URL else InProcessChatBroker()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(prepare_database, engine)
        await chat_broker.start()
        try:
            yield
        finally:
            await chat_broker.stop()
            if redis_client is not None:
                redis_client.close()
            engine.dispose()

    app = FastAPI(
        title="Shop API",
        version="1.0.0",
        description="The backend of the federated shop: sign-in, profile, catalogue, cart, support tickets and chat.",
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    app.state.rate_limiter = rate_limiter
    app.state.chat_broker = chat_broker
    # The plaintext of codes must not exist in production, so the book itself does not.
    app.state.dev_codes = DevCodeBook() if settings.is_development else None

    app.add_exception_handler(StarletteHTTPException, http_exception_handler)
    app.middleware("http")(refuse_nul_in_url)
    app.include_router(api_router, prefix="/api")
    if settings.is_development:
        app.include_router(dev.router, prefix="/api")
    return app


# FastAPI answers a body it cannot even decode (e.g. not UTF-8) with this 400, but a body that is
# not JSON is bad input like any other: clients get the same 422 shape as for malformed JSON.
_UNPARSEABLE_BODY = "There was an error parsing the body"


async def http_exception_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and exc.detail == _UNPARSEABLE_BODY:
        return JSONResponse(
            status_code=422,
            content={
                "detail": [
                    {
                        "type": "json_invalid",
                        "loc": ["body"],
                        "msg": "The request body is not valid JSON (UTF-8).",
                        "input": None,
                    }
                ]
            },
        )
    return await fastapi_http_exception_handler(request, exc)


async def refuse_nul_in_url(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Answer a path or query parameter holding NUL (`%00`) with 422: no database can store it."""
    places = [("path", request.url.path, request.url.path)] + [
        ("query", name, value) for name, value in request.query_params.multi_items()
    ]
    for kind, name, value in places:
        if "\x00" in name or "\x00" in value:
            field = "url" if kind == "path" else name.replace("\x00", "")
            return JSONResponse(
                status_code=422,
                content={
                    "detail": [
                        {"type": "value_error", "loc": [kind, field], "msg": "must not contain NUL characters"}
                    ]
                },
            )
    return await call_next(request)


_app: FastAPI | None = None


def __getattr__(name: str) -> Any:
    # `shop_api.main:app` is built on first access rather than at import, so importing this
    # module (tests, `run --help`) neither reads the environment nor creates the database folder.
    global _app
    if name == "app":
        if _app is None:
            _app = create_app()
        return _app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run(argv: Sequence[str] | None = None) -> None:
    """Serve the API with uvicorn: `shop-api --port PORT` (fedctl and `make api` pass federation.json's)."""
    parser = argparse.ArgumentParser(prog="shop-api", description="Serve the shop's Python API.")
    parser.add_argument("--host", default="127.0.0.1")
    # No default: the port is federation.json's, passed by whoever starts the API.
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log-level", default="info")
    args = parser.parse_args(argv)
    try:
        settings = get_settings()
    except ValidationError as error:
        # Refuse to start with a readable reason instead of a traceback.
        messages = "; ".join(e["msg"].removeprefix("Value error, ") for e in error.errors())
        print(f"shop-api: refusing to start: {messages}", file=sys.stderr)
        raise SystemExit(2) from None
    logger.info("starting in %s mode", settings.APP_ENV)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level=args.log_level)
