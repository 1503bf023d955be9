"""Development-only helpers; this router is not even registered when APP_ENV=production."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, status

from shop_api import crud
from shop_api.api.deps import SettingsDep, in_session
from shop_api.api.errors import NOT_FOUND
from shop_api.core.dev_codes import DevCodeBook
from shop_api.schemas import DevOtpPublic, Mobile

router = APIRouter(prefix="/dev", tags=["dev"])


@router.get("/otp", response_model=DevOtpPublic, responses=NOT_FOUND)
async def read_dev_otp(mobile: Annotated[Mobile, Query()], request: Request, settings: SettingsDep) -> DevOtpPublic:
    """Return the latest unexpired, unused code sent to a number (development only)."""
    dev_codes: DevCodeBook | None = request.app.state.dev_codes
    latest = dev_codes.latest(mobile) if dev_codes is not None else None
    if latest is None or not await in_session(
        request, lambda session: crud.otp_is_live(session, latest.otp_id, settings.OTP_MAX_ATTEMPTS)
    ):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No live code for {mobile}.")
    return DevOtpPublic(mobile=mobile, code=latest.code)
