"""Request and response bodies. Field names are snake_case in Python and camelCase on the wire."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    TypeAdapter,
    field_validator,
)
from pydantic.alias_generators import to_camel

from shop_api.core.security import MOBILE_INPUT_PATTERN, normalize_mobile


class CamelModel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, from_attributes=True)


class StrictCamelModel(CamelModel):
    # Request bodies refuse unknown fields so a typo (or a read-only field) is an error, not a no-op.
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_unstorable_text(cls, value: object) -> object:
        # Checked before any other validator, so no later step (a mobile's normalisation) sees them.
        if isinstance(value, str):
            return refuse_unstorable_text(value)
        return value


def refuse_unstorable_text(value: str) -> str:
    # PostgreSQL text cannot hold NUL, and a lone surrogate ("\ud800" in JSON) cannot be encoded
    # to UTF-8 at all: both are refused as bad input, not a 500 at the database or the encoder.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text (no lone surrogates)") from None
    return value


def _check_mobile(value: str) -> str:
    return normalize_mobile(refuse_unstorable_text(value))


Mobile = Annotated[
    str,
    Field(
        max_length=32,
        examples=["+919876543210"],
        # Documented for clients; the validator below gives the friendlier error message.
        json_schema_extra={"pattern": MOBILE_INPUT_PATTERN},
    ),
    AfterValidator(_check_mobile),
]
# [0-9], not \d: ASCII digits only (see MOBILE_PATTERN).
OtpCodeText = Annotated[str, Field(pattern=r"^[0-9]{6}$", examples=["123456"])]

_email_adapter: TypeAdapter[str] = TypeAdapter(EmailStr)


def _check_email(value: str) -> str:
    # An empty string clears the address (the store's user slice starts with email '').
    return value if value == "" else _email_adapter.validate_python(value)


Email = Annotated[str, Field(max_length=254), AfterValidator(_check_email)]


# Errors
class ErrorPublic(CamelModel):
    detail: str


# Auth
class OtpRequest(StrictCamelModel):
    mobile: Mobile


class OtpRequested(CamelModel):
    mobile: str
    expires_in: int = Field(description="Seconds until the code expires")


class OtpVerify(StrictCamelModel):
    mobile: Mobile
    code: OtpCodeText


class DevOtpPublic(CamelModel):
    mobile: str
    code: str


# Users
class UserBase(CamelModel):
    first_name: str = Field(default="", max_length=100)
    last_name: str = Field(default="", max_length=100)
    name: str = Field(default="", max_length=200)
    email: Email = ""
    avatar_url: str | None = Field(default=None, max_length=2048)
    address: str | None = Field(default=None, max_length=500)


class UserUpdate(StrictCamelModel):
    first_name: str | None = Field(default=None, max_length=100)
    last_name: str | None = Field(default=None, max_length=100)
    name: str | None = Field(default=None, max_length=200)
    email: Email | None = None
    avatar_url: str | None = Field(
        default=None,
        max_length=2048,
        pattern=r"^(https?://\S+|/\S*)$",
        description="An http(s) URL or a path on this site; null clears it",
    )
    address: str | None = Field(default=None, max_length=500)


class UserPublic(UserBase):
    id: int
    phone_number: str | None


class TokenPublic(CamelModel):
    """A short-lived access token for page memory; the refresh credential is in the httpOnly cookie."""

    token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds until the token expires; renew it with POST /api/auth/refresh")
    user: UserPublic


class SessionPublic(CamelModel):
    """One signed-in browser or device of the user."""

    id: str
    device: str = Field(
        description="Browser and system, as read from the User-Agent at sign-in", examples=["Chrome on Linux"]
    )
    created_at: datetime
    last_seen_at: datetime = Field(description="Sign-in, or the last silent renewal of the access token")
    expires_at: datetime
    current: bool = Field(description="True for the session that made this request")


# Products
class ProductBase(CamelModel):
    name: str
    price: float = Field(examples=[12.5])
    category: str
    description: str


class ProductPublic(ProductBase):
    id: str = Field(examples=["rose-lip-balm"])
    image: str = Field(examples=["/api/static/products/rose-lip-balm.svg"])


class ProductsPublic(CamelModel):
    items: list[ProductPublic]
    total: int
    page: int
    page_size: int


# Cart
Quantity = Annotated[int, Field(ge=1, le=99)]
ProductId = Annotated[str, Field(min_length=1, max_length=80)]


class CartItemBase(CamelModel):
    product_id: ProductId
    qty: Quantity


class CartItemCreate(StrictCamelModel):
    product_id: ProductId
    qty: Quantity = 1


class CartItemUpdate(StrictCamelModel):
    qty: Quantity | None = None
    selected: bool | None = None


class CartItemPublic(CartItemBase):
    name: str
    price: float
    image: str
    selected: bool


class CartSelectAll(StrictCamelModel):
    selected: bool


class CouponApply(StrictCamelModel):
    code: str = Field(min_length=1, max_length=40)


class CouponPublic(CamelModel):
    code: str
    kind: Literal["percent", "fixed"]
    value: float = Field(description="Percent for percent coupons, money for fixed ones")
    description: str


class CartTotals(CamelModel):
    subtotal: float
    discount: float
    total: float
    total_items: int = Field(description="Sum of quantities of all items")
    selected_items: int = Field(description="Sum of quantities of the selected items")


class CartPublic(CamelModel):
    items: list[CartItemPublic]
    coupon: CouponPublic | None
    totals: CartTotals


# Tickets
TicketStatus = Literal["open", "pending", "closed"]


class TicketBase(CamelModel):
    subject: str = Field(min_length=1, max_length=200)
    message: str = Field(min_length=1, max_length=5000)


def not_blank(value: str) -> str:
    """Trim the text; whitespace alone is no subject, message or chat line."""
    if not value.strip():
        raise ValueError("must not be blank")
    return value.strip()


class TicketCreate(StrictCamelModel, TicketBase):
    _not_blank = field_validator("subject", "message")(not_blank)


class TicketUpdate(StrictCamelModel):
    status: TicketStatus


class TicketPublic(TicketBase):
    id: int
    status: TicketStatus
    created_at: datetime
    updated_at: datetime


# Chat
class ChatMessageBase(CamelModel):
    text: str = Field(min_length=1, max_length=2000)


class ChatMessageCreate(StrictCamelModel, ChatMessageBase):
    _not_blank = field_validator("text")(not_blank)


class ChatMessagePublic(ChatMessageBase):
    id: int
    sender: Literal["user", "agent"]
    created_at: datetime


# Health
class HealthPublic(CamelModel):
    status: Literal["ok"]
