"""Sign-in with a one-time code sent to a mobile number, silent renewal, and sign-out.

A sign-in starts a server-side session. The browser keeps the session's refresh credential in an
httpOnly cookie (see core/session_cookie.py) and the short-lived access token in memory only; it
renews the token with POST /auth/refresh, which also rotates the credential.

The attempt policy (numbers are E.164 before anything is keyed on them; limits in config.py):
- Code requests are limited per requester address, per number and address, and per number. The
  per-number budget is twice the per-requester one, so one requester cannot lock the owner out.
- Guesses are limited per address and per number and address (429 with Retry-After), and only
  OTP_MAX_ATTEMPTS wrong guesses from everyone together burn a code. That is twice what one
  requester may try, so an attacker's first guesses leave the owner's live code working, while
  the chance of guessing any code stays at OTP_MAX_ATTEMPTS in a million.
- Every failed verification reads the same whether the number exists, has a code, or the code
  was wrong, used, burned or expired.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Request, Response, status
from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from ua_parser import parse as parse_user_agent

from shop_api import crud
from shop_api.api.deps import (
    AuthenticatedDep,
    RateLimiterDep,
    SessionDep,
    SettingsDep,
    authenticate,
    bearer_scheme,
    in_session,
)
from shop_api.api.errors import BAD_REQUEST, CROSS_ORIGIN, NOT_FOUND, TOO_MANY, UNAUTHORIZED
from shop_api.core.chat_broker import ChatBroker
from shop_api.core.config import Settings
from shop_api.core.dev_codes import DevCodeBook
from shop_api.core.security import RefreshCredential, create_access_token, generate_otp
from shop_api.core.session_cookie import (
    SessionRefused,
    check_origin,
    clear_session_cookie,
    read_session_cookie,
    set_session_cookie,
)
from shop_api.models import AuthSession, User
from shop_api.schemas import OtpRequest, OtpRequested, OtpVerify, SessionPublic, TokenPublic, UserPublic

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/auth", tags=["auth"])


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/otp", status_code=status.HTTP_202_ACCEPTED, response_model=OtpRequested, responses=TOO_MANY)
async def request_otp(
    body: OtpRequest, request: Request, settings: SettingsDep, limiter: RateLimiterDep
) -> OtpRequested:
    """Send a one-time code to a mobile number (development: read it from /api/dev/otp)."""
    address = client_address(request)

    def count_request() -> None:
        limiter.enforce(settings.OTP_REQUEST_RATE_PER_ADDRESS, "Code requests from your address", "otp", address)
        limiter.enforce(
            settings.OTP_REQUEST_RATE_PER_NUMBER_AND_ADDRESS,
            "Code requests for this number",
            "otp",
            body.mobile,
            address,
        )
        limiter.enforce(settings.OTP_REQUEST_RATE_PER_NUMBER, "Code requests for this number", "otp", body.mobile)

    code = generate_otp()

    def store(session: Session) -> int:
        otp = crud.create_otp(session, body.mobile, code, settings.SECRET_KEY, settings.OTP_EXPIRE_SECONDS)
        session.commit()
        return otp.id

    # The limits (Redis round trips) are counted before the request takes a database slot.
    await run_in_threadpool(count_request)
    otp_id = await in_session(request, store)
    dev_codes: DevCodeBook | None = request.app.state.dev_codes
    if dev_codes is not None:
        dev_codes.remember(body.mobile, code, otp_id)
        # No SMS gateway in development: the log is where a person finds the code.
        logger.warning("development one-time code for %s: %s", body.mobile, code)
    return OtpRequested(mobile=body.mobile, expires_in=settings.OTP_EXPIRE_SECONDS)


async def same_origin_only(request: Request, settings: SettingsDep) -> None:
    check_origin(settings, request)


SameOriginOnly = Depends(same_origin_only)


def _token_answer(settings: Settings, user: User, session_id: str) -> TokenPublic:
    token = create_access_token(user.id, session_id, settings.SECRET_KEY, settings.ACCESS_TOKEN_EXPIRE_MINUTES)
    return TokenPublic(
        token=token.token,
        token_type="bearer",
        expires_in=settings.ACCESS_TOKEN_EXPIRE_MINUTES * 60,
        user=UserPublic.model_validate(user),
    )


@router.post(
    "/verify",
    response_model=TokenPublic,
    responses={**BAD_REQUEST, **TOO_MANY, **CROSS_ORIGIN},
    dependencies=[SameOriginOnly],
)
async def verify_otp(
    body: OtpVerify, request: Request, response: Response, settings: SettingsDep, limiter: RateLimiterDep
) -> TokenPublic:
    """Exchange a valid code for a session: the refresh cookie (httpOnly) and an access token."""
    address = client_address(request)

    def count_attempt() -> None:
        limiter.enforce(settings.OTP_VERIFY_RATE_PER_ADDRESS, "Sign-in attempts from your address", "verify", address)
        limiter.enforce(
            settings.OTP_VERIFY_RATE_PER_NUMBER_AND_ADDRESS,
            "Sign-in attempts for this number",
            "verify",
            body.mobile,
            address,
        )

    user_agent = request.headers.get("user-agent", "")

    def sign_in(session: Session) -> tuple[TokenPublic, RefreshCredential, datetime]:
        check = crud.check_otp(session, body.mobile, body.code, settings.SECRET_KEY, settings.OTP_MAX_ATTEMPTS)
        if not check.ok:
            # Committed before the refusal: a wrong guess must use up one of the code's attempts.
            session.commit()
            raise HTTPException(status.HTTP_400_BAD_REQUEST, check.error)
        # The code is consumed in the same transaction that starts the session: a failure in
        # between leaves the code usable rather than burned.
        user = crud.get_or_create_user(session, body.mobile)
        credential = crud.create_session(session, user.id, user_agent, timedelta(days=settings.SESSION_EXPIRE_DAYS))
        auth_session = session.get(AuthSession, credential.session_id)
        assert auth_session is not None
        session.commit()
        return _token_answer(settings, user, credential.session_id), credential, auth_session.expires_at

    # The limits (Redis round trips) are counted before the request takes a database slot; then
    # one worker thread does all of the database work (see shop_api.api.deps.in_session).
    await run_in_threadpool(count_attempt)
    answer, credential, expires_at = await in_session(request, sign_in)
    dev_codes: DevCodeBook | None = request.app.state.dev_codes
    if dev_codes is not None:
        dev_codes.forget(body.mobile)
    set_session_cookie(response, settings, request, credential, expires_at)
    return answer


REFRESH_REFUSALS = {
    "unknown": "This session does not exist (or no longer); sign in again.",
    "expired": "This session has expired; sign in again.",
    "revoked": "This session was signed out; sign in again.",
    "reused": "This session credential was already used, so it may have been copied: "
    "the session is signed out everywhere for your safety; sign in again.",
}


@router.post(
    "/refresh",
    response_model=TokenPublic,
    responses={**UNAUTHORIZED, **CROSS_ORIGIN},
    dependencies=[SameOriginOnly],
)
async def refresh(request: Request, response: Response, session: SessionDep, settings: SettingsDep) -> TokenPublic:
    """Renew the access token from the session cookie, rotating the cookie's credential."""
    # Presenting a credential that was already exchanged signs the whole session out (reuse
    # detection, in crud.rotate_refresh_credential). Every refusal answers 401 and clears the cookie.
    credential = read_session_cookie(settings, request)
    if credential is None:
        raise SessionRefused("No session cookie: sign in.")

    def rotate() -> crud.RefreshOutcome:
        outcome = crud.rotate_refresh_credential(session, credential, settings.REFRESH_REUSE_GRACE_SECONDS)
        session.commit()
        return outcome

    outcome = await run_in_threadpool(rotate)
    if outcome.verdict == "reused":
        await _end_sockets(request, [credential.session_id])
    auth_session = outcome.auth_session
    if outcome.verdict not in ("rotated", "raced") or auth_session is None:
        raise SessionRefused(REFRESH_REFUSALS[outcome.verdict])
    user = await run_in_threadpool(session.get, User, auth_session.user_id)
    if user is None:
        raise SessionRefused(REFRESH_REFUSALS["unknown"])
    if outcome.credential is not None:
        set_session_cookie(response, settings, request, outcome.credential, auth_session.expires_at)
    # "raced": a sibling request rotated this credential a moment ago and the browser already holds
    # its successor, so this answer sets no cookie.
    return _token_answer(settings, user, auth_session.id)


async def _end_sockets(request: Request, session_ids: list[str]) -> None:
    broker: ChatBroker = request.app.state.chat_broker
    await broker.end_sessions(session_ids)


@router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={**UNAUTHORIZED, **CROSS_ORIGIN},
    dependencies=[SameOriginOnly],
)
async def logout(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> Response:
    """Sign this session out: revoke it on the server, close its chat sockets, clear the cookie."""
    # The sessions named by the cookie and by the bearer token are revoked; in a browser they are one.
    credential = read_session_cookie(settings, request)

    def revoke() -> list[str] | None:
        named = {credential.session_id} if credential is not None else set()
        if credentials is not None:
            authenticated = authenticate(session, settings, credentials.credentials)
            if authenticated is not None:
                named.add(authenticated.claims.session_id)
        if not named:
            return None
        ended = crud.revoke_sessions(session, sorted(named), "logout")
        session.commit()
        return ended

    ended = await run_in_threadpool(revoke)
    if ended is None:
        raise SessionRefused("Not signed in: no session cookie and no valid access token.")
    await _end_sockets(request, ended)
    answer = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_session_cookie(answer, settings, request)
    return answer


def _device(user_agent: str) -> str:
    parsed = parse_user_agent(user_agent) if user_agent else None
    browser = parsed.user_agent.family if parsed and parsed.user_agent else None
    system = parsed.os.family if parsed and parsed.os else None
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or (user_agent[:60] if user_agent else "Unknown device")


def _session_public(auth_session: AuthSession, current_id: str) -> SessionPublic:
    return SessionPublic(
        id=auth_session.id,
        device=_device(auth_session.user_agent),
        created_at=auth_session.created_at,
        last_seen_at=auth_session.last_seen_at,
        expires_at=auth_session.expires_at,
        current=auth_session.id == current_id,
    )


@router.get("/sessions", response_model=list[SessionPublic], responses=UNAUTHORIZED)
def read_sessions(authenticated: AuthenticatedDep, session: SessionDep) -> list[SessionPublic]:
    """My signed-in sessions (browsers and devices), most recently seen first."""
    sessions = crud.list_live_sessions(session, authenticated.user.id)
    return [_session_public(s, authenticated.claims.session_id) for s in sessions]


@router.delete("/sessions", status_code=status.HTTP_204_NO_CONTENT, responses=UNAUTHORIZED)
async def sign_out_everywhere(
    authenticated: AuthenticatedDep, request: Request, session: SessionDep, settings: SettingsDep
) -> Response:
    """Sign out every session of mine at once, this one included, and close all their sockets."""

    def revoke() -> list[str]:
        ended = crud.revoke_user_sessions(session, authenticated.user.id, "signed out everywhere")
        session.commit()
        return ended

    await _end_sockets(request, await run_in_threadpool(revoke))
    answer = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_session_cookie(answer, settings, request)
    return answer


SessionId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", description="An id from GET /api/auth/sessions")]


@router.delete(
    "/sessions/{session_id}", status_code=status.HTTP_204_NO_CONTENT, responses={**UNAUTHORIZED, **NOT_FOUND}
)
async def sign_out_session(
    session_id: SessionId, authenticated: AuthenticatedDep, request: Request, session: SessionDep, settings: SettingsDep
) -> Response:
    """Sign out one of my sessions (another browser, a lost phone)."""

    def revoke(db: Session) -> list[str]:
        if crud.live_session(db, session_id, authenticated.user.id) is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "No signed-in session of yours has this id.")
        ended = crud.revoke_sessions(db, [session_id], "signed out from another session")
        db.commit()
        return ended

    await _end_sockets(request, await run_in_threadpool(revoke, session))
    answer = Response(status_code=status.HTTP_204_NO_CONTENT)
    if session_id == authenticated.claims.session_id:
        clear_session_cookie(answer, settings, request)
    return answer
