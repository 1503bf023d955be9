"""Dependencies shared by the routes: settings, database session, the signed-in user."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from shop_api.core.config import Settings
from shop_api.core.db import DatabaseGate
from shop_api.core.rate_limit import RateLimiter
from shop_api.core.security import TokenClaims, decode_access_token
from shop_api.crud import live_session
from shop_api.models import User


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_session_factory(request: Request) -> sessionmaker[Session]:
    factory: sessionmaker[Session] = request.app.state.session_factory
    return factory


# Methods that never write: their sessions use deferred (lock-free) transactions on SQLite.
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def get_db(request: Request) -> AsyncIterator[Session]:
    """One session per request, used only inside a slot of the database gate.

    Async on purpose: waiting for a slot costs no thread, and the dependency and the endpoint
    (each on a worker thread) share this one session. Why the slot: shop_api.core.db.
    """
    gate: DatabaseGate = request.app.state.db_gate
    write = request.method not in READ_METHODS
    state = request.app.state
    factory: sessionmaker[Session] = state.session_factory if write else state.read_session_factory
    async with gate.slot():
        session = factory()
        try:
            yield session
        finally:
            # Closing returns the connection (a rollback on the wire): on a thread, not the loop.
            if session.in_transaction():
                await run_in_threadpool(session.close)
            else:
                session.close()


def get_rate_limiter(request: Request) -> RateLimiter:
    limiter: RateLimiter = request.app.state.rate_limiter
    return limiter


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_db)]
RateLimiterDep = Annotated[RateLimiter, Depends(get_rate_limiter)]

bearer_scheme = HTTPBearer(auto_error=False, description="The token from POST /api/auth/verify")


@dataclass(frozen=True)
class Authenticated:
    user: User
    claims: TokenClaims


def authenticate(session: Session, settings: Settings, token: str) -> Authenticated | None:
    """Resolve a bearer token to its user; None when invalid, expired, orphaned, or when its
    session was signed out. The session is read from the database on every request, so a logout
    handled by one API process is honoured by every other at once."""
    claims = decode_access_token(token, settings.SECRET_KEY)
    if claims is None or live_session(session, claims.session_id, claims.user_id) is None:
        return None
    user = session.get(User, claims.user_id)
    return Authenticated(user, claims) if user is not None else None


def get_authenticated(
    session: SessionDep,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> Authenticated:
    if credentials is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "Not signed in: send Authorization: Bearer <token>.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    authenticated = authenticate(session, settings, credentials.credentials)
    # End the read before the endpoint queues for its own thread: no transaction (a pooled
    # connection; on SQLite, the write lock) is held across a wait (see shop_api.core.db).
    session.commit()
    if authenticated is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "The access token is invalid, expired or logged out; sign in again.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return authenticated


async def get_current_user(authenticated: Annotated[Authenticated, Depends(get_authenticated)]) -> User:
    # Async: picking a field needs no worker thread (a sync dependency costs one thread hop).
    return authenticated.user


AuthenticatedDep = Annotated[Authenticated, Depends(get_authenticated)]
CurrentUser = Annotated[User, Depends(get_current_user)]
