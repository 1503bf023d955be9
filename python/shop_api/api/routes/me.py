"""The signed-in user's own profile (the fields of the store's `user` slice)."""

from __future__ import annotations

from fastapi import APIRouter

from shop_api.api.deps import CurrentUser, SessionDep
from shop_api.api.errors import UNAUTHORIZED
from shop_api.schemas import UserPublic, UserUpdate

router = APIRouter(prefix="/me", tags=["me"], responses=UNAUTHORIZED)

# These columns are NOT NULL and the store's slice starts them as '', so null means "clear".
_TEXT_FIELDS = {"first_name", "last_name", "name", "email"}


@router.get("", response_model=UserPublic)
def read_me(user: CurrentUser) -> UserPublic:
    """Read my profile."""
    return UserPublic.model_validate(user)


@router.patch("", response_model=UserPublic)
def update_me(body: UserUpdate, user: CurrentUser, session: SessionDep) -> UserPublic:
    """Change some fields of my profile; fields left out keep their value."""
    for field, value in body.model_dump(exclude_unset=True).items():
        if value is None and field in _TEXT_FIELDS:
            value = ""
        setattr(user, field, value.strip() if isinstance(value, str) else value)
    session.commit()
    return UserPublic.model_validate(user)
