"""Sign-in with a one-time code sent to a mobile number, and sign-out."""

from __future__ import annotations

import logging

from fastapi import APIRouter, HTTPException, Request, Response, status

from shop_api import crud
from shop_api.api.deps import AuthenticatedDep, RateLimiterDep, SessionDep, SettingsDep
from shop_api.api.errors import BAD_REQUEST, TOO_MANY, UNAUTHORIZED
from shop_api.core.dev_codes import DevCodeBook
from shop_api.core.security import create_access_token, generate_otp
from shop_api.schemas import OtpRequest, OtpRequested, OtpVerify, TokenPublic, UserPublic

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/otp", status_code=status.HTTP_202_ACCEPTED, response_model=OtpRequested, responses=TOO_MANY)
def request_otp(
    body: OtpRequest,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    limiter: RateLimiterDep,
) -> OtpRequested:
    """Send a one-time code to a mobile number (development: read it from /api/dev/otp)."""
    address = request.client.host if request.client else "unknown"
    budgets = (
        (f"otp:address:{address}", settings.OTP_RATE_LIMIT_PER_ADDRESS, "from your address"),
        (f"otp:mobile:{body.mobile}", settings.OTP_RATE_LIMIT_PER_NUMBER, "for this number"),
    )
    for key, limit, scope in budgets:
        verdict = limiter.hit(key, limit, settings.OTP_RATE_LIMIT_WINDOW_SECONDS)
        if not verdict.allowed:
            raise HTTPException(
                status.HTTP_429_TOO_MANY_REQUESTS,
                f"Too many code requests {scope}; try again in {verdict.retry_after} seconds.",
                headers={"Retry-After": str(verdict.retry_after)},
            )
    code = generate_otp()
    otp = crud.create_otp(session, body.mobile, code, settings.SECRET_KEY, settings.OTP_EXPIRE_SECONDS)
    session.commit()
    dev_codes: DevCodeBook | None = request.app.state.dev_codes
    if dev_codes is not None:
        dev_codes.remember(body.mobile, code, otp.id)
        # No SMS gateway in development: the log is where a person finds the code.
        logger.warning("development one-time code for %s: %s", body.mobile, code)
    return OtpRequested(mobile=body.mobile, expires_in=settings.OTP_EXPIRE_SECONDS)


@router.post("/verify", response_model=TokenPublic, responses=BAD_REQUEST)
def verify_otp(body: OtpVerify, request: Request, session: SessionDep, settings: SettingsDep) -> TokenPublic:
    """Exchange a valid code for an access token and the user (created on first sign-in)."""
    check = crud.check_otp(session, body.mobile, body.code, settings.SECRET_KEY, settings.OTP_MAX_ATTEMPTS)
    # Commit even on failure: a wrong guess must use up one of the code's attempts.
    session.commit()
    if not check.ok:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, check.error)
    user = crud.get_or_create_user(session, body.mobile)
    session.commit()
    dev_codes: DevCodeBook | None = request.app.state.dev_codes
    if dev_codes is not None:
        dev_codes.forget(body.mobile)
    token = create_access_token(user.id, settings.SECRET_KEY, settings.ACCESS_TOKEN_EXPIRE_MINUTES)
    return TokenPublic(
        token=token.token,
        token_type="bearer",
        expires_in=settings.ACCESS_TOKEN_EXPIRE_MINUTES * 60,
        user=UserPublic.model_validate(user),
    )


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT, responses=UNAUTHORIZED)
def logout(authenticated: AuthenticatedDep, session: SessionDep) -> Response:
    """Revoke the access token used for this request."""
    crud.revoke_token(session, authenticated.claims.jti, authenticated.claims.expires_at)
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
