"""Dependencies shared by the routes: settings, database session, the signed-in user."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from shop_api.core.config import Settings
from shop_api.core.db import DatabaseGate
from shop_api.core.rate_limit import RateLimiter
from shop_api.core.security import TokenClaims, decode_access_token
from shop_api.crud import signed_in_user
from shop_api.models import User

T = TypeVar("T")


# The dependencies that only pick something from the app's state (settings, rate limiter) are
# async on purpose: FastAPI runs a sync dependency on a worker thread, a hand-off there and back.
async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


# Methods that never write: their sessions use deferred (lock-free) transactions on SQLite.
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def request_session_factory(request: Request) -> sessionmaker[Session]:
    """Lock-free (read) sessions for GET, HEAD and OPTIONS; write-locking ones for the rest."""
    state = request.app.state
    factory: sessionmaker[Session] = (
        state.read_session_factory if request.method in READ_METHODS else state.session_factory
    )
    return factory


async def get_db(request: Request) -> AsyncIterator[Session]:
    """One session per request, used only inside a slot of the database gate.

    Async on purpose: waiting for a slot costs no thread, and the dependency and the endpoint
    (each on a worker thread) share this one session. Why the slot: shop_api.core.db.
    """
    gate: DatabaseGate = request.app.state.db_gate
    factory = request_session_factory(request)
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


def _run_in_session(factory: sessionmaker[Session], work: Callable[[Session], T]) -> T:
    # Closing returns the connection (a rollback when a transaction is still open); writes commit
    # inside `work`.
    with factory() as session:
        return work(session)


async def in_session(request: Request, work: Callable[[Session], T]) -> T:
    """Run `work` with its own session on one worker thread, inside a slot of the database gate.

    The hot endpoints (catalogue, cart, profile, tickets) are async and hand all their database
    work, authentication included, to this: one thread hop per request, where a sync endpoint
    with SessionDep and CurrentUser costs three (the user dependency, the endpoint, closing the
    session), each a queue hand-off between the event loop and a worker thread.
    """
    gate: DatabaseGate = request.app.state.db_gate
    factory = request_session_factory(request)
    async with gate.slot():
        return await run_in_threadpool(_run_in_session, factory, work)


async def get_rate_limiter(request: Request) -> RateLimiter:
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
    if claims is None:
        return None
    user = signed_in_user(session, claims.session_id, claims.user_id)
    return Authenticated(user, claims) if user is not None else None


NOT_SIGNED_IN = "Not signed in: send Authorization: Bearer <token>."
TOKEN_REFUSED = "The access token is invalid, expired or logged out; sign in again."


def unauthorized(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"})


def get_authenticated(
    session: SessionDep,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> Authenticated:
    if credentials is None:
        raise unauthorized(NOT_SIGNED_IN)
    authenticated = authenticate(session, settings, credentials.credentials)
    # End the read before the endpoint queues for its own thread: no transaction (a pooled
    # connection; on SQLite, the write lock) is held across a wait (see shop_api.core.db).
    session.commit()
    if authenticated is None:
        raise unauthorized(TOKEN_REFUSED)
    return authenticated


async def get_token_claims(
    settings: SettingsDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]
) -> TokenClaims:
    """The first half of authentication, on the event loop: a signed, unexpired token (no database).

    The second half, `require_user`, runs inside the endpoint's `in_session` work: the token's
    session must still be live, read from the database on every request as `authenticate` does.
    """
    if credentials is None:
        raise unauthorized(NOT_SIGNED_IN)
    claims = decode_access_token(credentials.credentials, settings.SECRET_KEY)
    if claims is None:
        raise unauthorized(TOKEN_REFUSED)
    return claims


def require_user(session: Session, claims: TokenClaims) -> User:
    """The user of a live session named by the claims; 401 when it was signed out or expired."""
    user = signed_in_user(session, claims.session_id, claims.user_id)
    if user is None:
        raise unauthorized(TOKEN_REFUSED)
    return user


async def get_current_user(authenticated: Annotated[Authenticated, Depends(get_authenticated)]) -> User:
    # Async: picking a field needs no worker thread (a sync dependency costs one thread hop).
    return authenticated.user


AuthenticatedDep = Annotated[Authenticated, Depends(get_authenticated)]
CurrentUser = Annotated[User, Depends(get_current_user)]
# For async endpoints doing their database work through `in_session` (with `require_user`).
TokenClaimsDep = Annotated[TokenClaims, Depends(get_token_claims)]
