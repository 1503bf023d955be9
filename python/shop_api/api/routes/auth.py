"""Sign-in with a one-time code sent to a mobile number, and sign-out.

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

from fastapi import APIRouter, HTTPException, Request, Response, status

from shop_api import crud
from shop_api.api.deps import AuthenticatedDep, RateLimiterDep, SessionDep, SettingsDep
from shop_api.api.errors import BAD_REQUEST, TOO_MANY, UNAUTHORIZED
from shop_api.core.dev_codes import DevCodeBook
from shop_api.core.security import create_access_token, generate_otp
from shop_api.schemas import OtpRequest, OtpRequested, OtpVerify, TokenPublic, UserPublic

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/auth", tags=["auth"])


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/otp", status_code=status.HTTP_202_ACCEPTED, response_model=OtpRequested, responses=TOO_MANY)
def request_otp(
    body: OtpRequest,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    limiter: RateLimiterDep,
) -> OtpRequested:
    """Send a one-time code to a mobile number (development: read it from /api/dev/otp)."""
    address = client_address(request)
    limiter.enforce(settings.OTP_REQUEST_RATE_PER_ADDRESS, "Code requests from your address", "otp", address)
    limiter.enforce(
        settings.OTP_REQUEST_RATE_PER_NUMBER_AND_ADDRESS, "Code requests for this number", "otp", body.mobile, address
    )
    limiter.enforce(settings.OTP_REQUEST_RATE_PER_NUMBER, "Code requests for this number", "otp", body.mobile)
    code = generate_otp()
    otp = crud.create_otp(session, body.mobile, code, settings.SECRET_KEY, settings.OTP_EXPIRE_SECONDS)
    session.commit()
    dev_codes: DevCodeBook | None = request.app.state.dev_codes
    if dev_codes is not None:
        dev_codes.remember(body.mobile, code, otp.id)
        # No SMS gateway in development: the log is where a person finds the code.
        logger.warning("development one-time code for %s: %s", body.mobile, code)
    return OtpRequested(mobile=body.mobile, expires_in=settings.OTP_EXPIRE_SECONDS)


@router.post("/verify", response_model=TokenPublic, responses={**BAD_REQUEST, **TOO_MANY})
def verify_otp(
    body: OtpVerify, request: Request, session: SessionDep, settings: SettingsDep, limiter: RateLimiterDep
) -> TokenPublic:
    """Exchange a valid code for an access token and the user (created on first sign-in)."""
    address = client_address(request)
    limiter.enforce(settings.OTP_VERIFY_RATE_PER_ADDRESS, "Sign-in attempts from your address", "verify", address)
    limiter.enforce(
        settings.OTP_VERIFY_RATE_PER_NUMBER_AND_ADDRESS,
        "Sign-in attempts for this number",
        "verify",
        body.mobile,
        address,
    )
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
