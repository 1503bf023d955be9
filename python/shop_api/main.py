"""The FastAPI application (`shop_api.main:app`) and the `shop-api` command that serves it."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

import uvicorn
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from shop_api.api import guards
from shop_api.api.main import api_router
from shop_api.api.routes import dev
from shop_api.api.routes.products import CatalogueCache
from shop_api.core.chat_broker import ChatBroker, InProcessChatBroker, RedisChatBroker
from shop_api.core.config import Settings, get_settings
from shop_api.core.db import DatabaseGate, create_db_engine, make_session_factory, read_only_engine
from shop_api.core.dev_codes import DevCodeBook
from shop_api.core.migrations import prepare_database
from shop_api.core.rate_limit import RateLimiter
from shop_api.core.session_cookie import SessionRefused, session_refused_handler

logger = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; startup migrates and seeds the database before the first request."""
    settings = settings or get_settings()
    engine = create_db_engine(settings.DATABASE_URL, pool_size=settings.DB_CONCURRENCY)
    rate_limiter = RateLimiter.on_redis(settings.REDIS_URL) if settings.REDIS_URL else RateLimiter.in_memory()
    chat_broker: ChatBroker = RedisChatBroker(settings.REDIS_URL) if settings.REDIS_URL else InProcessChatBroker()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(prepare_database, engine)
        await chat_broker.start()
        try:
            yield
        finally:
            await chat_broker.stop()
            engine.dispose()

    docs = settings.docs_enabled
    app = FastAPI(
        title="Shop API",
        version="1.0.0",
        description="The backend of the federated shop: sign-in, profile, catalogue, cart, support tickets and chat.",
        openapi_url="/api/openapi.json" if docs else None,
        docs_url="/api/docs" if docs else None,
        redoc_url=None,
        lifespan=lifespan,
        # operationIds are the route functions' names (`read_cart`), so the generated browser
        # client's endpoints read `readCart` / `useReadCartQuery`, not `read_cart_api_cart_get`.
        generate_unique_id_function=lambda route: route.name,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    app.state.read_session_factory = make_session_factory(read_only_engine(engine))
    # The threadpool has 40 threads and DB_CONCURRENCY is at most 32: see shop_api.core.db.
    app.state.db_gate = DatabaseGate(settings.DB_CONCURRENCY, settings.DB_MAX_WAITING, settings.DB_WAIT_SECONDS)
    app.state.rate_limiter = rate_limiter
    app.state.catalogue_cache = CatalogueCache(settings.CATALOGUE_CACHE_SECONDS)
    app.state.chat_broker = chat_broker
    # The plaintext of codes must not exist in production, so the book itself does not.
    app.state.dev_codes = DevCodeBook() if settings.is_development else None

    guards.install(app, settings.MAX_BODY_BYTES, settings.MAX_HEADER_BYTES)
    app.add_exception_handler(SessionRefused, session_refused_handler)
    # Pages of the federation's other origins (a remote standalone on its own port) may call the
    # API with the session cookie; no other origin may read an answer. The list is federation.json's.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_credentials=True,
        allow_methods=["GET", "POST", "PATCH", "PUT", "DELETE"],
        allow_headers=["Authorization", "Content-Type"],
    )
    app.include_router(api_router, prefix="/api")
    if settings.is_development:
        app.include_router(dev.router, prefix="/api")
    return app


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
    # No `server: uvicorn` banner; WebSocket frames beyond 64 KiB are refused by the server itself.
    uvicorn.run(
        create_app(settings),
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        server_header=False,
        ws_max_size=64 * 1024,
    )
