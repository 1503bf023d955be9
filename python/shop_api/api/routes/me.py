"""The signed-in user's own profile (the fields of the store's `user` slice)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session

from shop_api.api.answers import json_answer
from shop_api.api.deps import TokenClaimsDep, in_session, require_user
from shop_api.api.errors import UNAUTHORIZED
from shop_api.schemas import UserPublic, UserUpdate

router = APIRouter(prefix="/me", tags=["me"], responses=UNAUTHORIZED)

# These columns are NOT NULL and the store's slice starts them as '', so null means "clear".
_TEXT_FIELDS = {"first_name", "last_name", "name", "email"}


@router.get("", response_model=UserPublic)
async def read_me(request: Request, claims: TokenClaimsDep) -> Response:
    """Read my profile."""
    profile = await in_session(request, lambda session: UserPublic.model_validate(require_user(session, claims)))
    return json_answer(profile)


@router.patch("", response_model=UserPublic)
async def update_me(request: Request, body: UserUpdate, claims: TokenClaimsDep) -> Response:
    """Change some fields of my profile; fields left out keep their value."""

    def work(session: Session) -> UserPublic:
        user = require_user(session, claims)
        for field, value in body.model_dump(exclude_unset=True).items():
            if value is None and field in _TEXT_FIELDS:
                value = ""
            setattr(user, field, value.strip() if isinstance(value, str) else value)
        session.commit()
        return UserPublic.model_validate(user)

    return json_answer(await in_session(request, work))
