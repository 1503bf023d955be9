"""Database operations shared by the routes; each function leaves committing to its caller."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shop_api.core.security import hash_otp, otp_matches
from shop_api.models import (
    Cart,
    CartItem,
    ChatMessage,
    Coupon,
    OtpCode,
    Product,
    RevokedToken,
    Ticket,
    User,
    utcnow,
)

MAX_QTY = 99


def _insert(session: Session, model: Any) -> Any:
    """An INSERT that supports ON CONFLICT on both SQLite and PostgreSQL."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(model)
    return sqlite.insert(model)


# Users


def get_or_create_user(session: Session, phone_number: str) -> User:
    """Return the user owning this number, creating it on first login."""
    user = session.scalar(select(User).where(User.phone_number == phone_number))
    if user is not None:
        return user
    try:
        with session.begin_nested():
            user = User(phone_number=phone_number)
            session.add(user)
    except IntegrityError:
        # Another request created the same user a moment ago; use that row.
        user = session.scalars(select(User).where(User.phone_number == phone_number)).one()
    return user


# One-time codes


def create_otp(session: Session, mobile: str, code: str, secret_key: str, ttl: int) -> OtpCode:
    now = utcnow()
    otp = OtpCode(
        mobile=mobile,
        code_hash=hash_otp(code, mobile, secret_key),
        created_at=now,
        expires_at=now + timedelta(seconds=ttl),
        attempts=0,
    )
    session.add(otp)
    session.flush()
    return otp


def latest_otp(session: Session, mobile: str) -> OtpCode | None:
    return session.scalar(select(OtpCode).where(OtpCode.mobile == mobile).order_by(OtpCode.id.desc()).limit(1))


@dataclass(frozen=True)
class OtpCheck:
    ok: bool
    error: str = ""


# One wording for every failure, so an answer never tells whether a number has an account or a code.
OTP_REFUSED = "code: the code is wrong, used or expired; check it or request a new one."


def check_otp(session: Session, mobile: str, code: str, secret_key: str, max_attempts: int) -> OtpCheck:
    """Verify and consume the latest code of a number; wrong guesses use up its attempts."""
    otp = latest_otp(session, mobile)
    if otp is None or otp.consumed_at is not None or otp.attempts >= max_attempts or otp.expires_at <= utcnow():
        return OtpCheck(False, OTP_REFUSED)
    if not otp_matches(code, mobile, secret_key, otp.code_hash):
        # The guard in WHERE keeps parallel wrong guesses from exceeding the limit.
        session.execute(
            update(OtpCode)
            .where(OtpCode.id == otp.id, OtpCode.attempts < max_attempts)
            .values(attempts=OtpCode.attempts + 1)
        )
        return OtpCheck(False, OTP_REFUSED)
    consumed = session.execute(
        update(OtpCode).where(OtpCode.id == otp.id, OtpCode.consumed_at.is_(None)).values(consumed_at=utcnow())
    )
    if consumed.rowcount != 1:  # type: ignore[attr-defined]
        # Two verifications raced with the same code; only the first one may log in.
        return OtpCheck(False, OTP_REFUSED)
    return OtpCheck(True)


def otp_is_live(session: Session, otp_id: int, max_attempts: int) -> bool:
    otp = session.get(OtpCode, otp_id)
    return otp is not None and otp.consumed_at is None and otp.attempts < max_attempts and otp.expires_at > utcnow()


# Tokens


def revoke_token(session: Session, jti: str, expires_at: datetime) -> None:
    session.execute(delete(RevokedToken).where(RevokedToken.expires_at < utcnow()))
    stmt = _insert(session, RevokedToken).values(jti=jti, expires_at=expires_at)
    session.execute(stmt.on_conflict_do_nothing(index_elements=["jti"]))


def token_is_revoked(session: Session, jti: str) -> bool:
    return session.get(RevokedToken, jti) is not None


# Products


def product_query(q: str | None, category: str | None) -> Select[Product]:
    stmt = select(Product)
    if q:
        # Escape LIKE wildcards so a search for "50%" means the text, not a pattern.
        escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        stmt = stmt.where(
            or_(
                Product.name.ilike(pattern, escape="\\"),
                Product.description.ilike(pattern, escape="\\"),
                Product.category.ilike(pattern, escape="\\"),
            )
        )
    if category:
        stmt = stmt.where(Product.category == category.lower())
    return stmt


def list_products(
    session: Session, q: str | None, category: str | None, page: int, page_size: int
) -> tuple[list[Product], int]:
    stmt = product_query(q, category)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    items = session.scalars(
        stmt.order_by(Product.position, Product.id).offset((page - 1) * page_size).limit(page_size)
    ).all()
    return list(items), total


# Cart


def add_cart_item(session: Session, user_id: int, product_id: str, qty: int) -> bool:
    """Add `qty` to the item in one statement; False when the sum would pass MAX_QTY."""
    stmt = _insert(session, CartItem).values(
        user_id=user_id, product_id=product_id, qty=qty, selected=True, created_at=utcnow()
    )
    # One INSERT ... ON CONFLICT DO UPDATE: two concurrent adds cannot both read the old quantity.
    stmt = stmt.on_conflict_do_update(
        index_elements=["user_id", "product_id"],
        set_={"qty": CartItem.qty + stmt.excluded.qty},
        where=CartItem.qty + stmt.excluded.qty <= MAX_QTY,
    ).returning(CartItem.id)
    # A row comes back when it was inserted or updated; none when the WHERE refused the update.
    return session.execute(stmt).first() is not None


def get_cart_item(session: Session, user_id: int, product_id: str) -> CartItem | None:
    return session.scalar(select(CartItem).where(CartItem.user_id == user_id, CartItem.product_id == product_id))


def cart_rows(session: Session, user_id: int) -> list[tuple[CartItem, Product]]:
    rows = session.execute(
        select(CartItem, Product)
        .join(Product, Product.id == CartItem.product_id)
        .where(CartItem.user_id == user_id)
        .order_by(CartItem.created_at, CartItem.id)
    ).all()
    return [(item, product) for item, product in rows]


def cart_coupon(session: Session, user_id: int) -> Coupon | None:
    return session.scalar(select(Coupon).join(Cart, Cart.coupon_code == Coupon.code).where(Cart.user_id == user_id))


def set_cart_coupon(session: Session, user_id: int, code: str | None) -> None:
    stmt = _insert(session, Cart).values(user_id=user_id, coupon_code=code)
    session.execute(stmt.on_conflict_do_update(index_elements=["user_id"], set_={"coupon_code": code}))


def select_all_cart_items(session: Session, user_id: int, selected: bool) -> None:
    session.execute(update(CartItem).where(CartItem.user_id == user_id).values(selected=selected))


def clear_cart(session: Session, user_id: int) -> None:
    session.execute(delete(CartItem).where(CartItem.user_id == user_id))
    session.execute(delete(Cart).where(Cart.user_id == user_id))


def coupon_problem(coupon: Coupon, subtotal_cents: int) -> str | None:
    """Why the coupon gives no discount for this subtotal, or None when it applies."""
    if coupon.expires_at is not None and coupon.expires_at <= utcnow():
        return f"Coupon {coupon.code} expired on {coupon.expires_at.date().isoformat()}."
    if subtotal_cents < coupon.min_total_cents:
        return (
            f"Coupon {coupon.code} needs a subtotal of at least "
            f"{coupon.min_total_cents / 100:.2f}; the selected items come to "
            f"{subtotal_cents / 100:.2f}."
        )
    return None


def discount_cents(coupon: Coupon | None, subtotal_cents: int) -> int:
    if coupon is None or coupon_problem(coupon, subtotal_cents) is not None:
        return 0
    if coupon.kind == "percent":
        # Round half up to whole cents.
        return min(subtotal_cents, (subtotal_cents * coupon.amount + 50) // 100)
    return min(subtotal_cents, coupon.amount)


# Tickets


def list_tickets(session: Session, user_id: int) -> list[Ticket]:
    return list(session.scalars(select(Ticket).where(Ticket.user_id == user_id).order_by(Ticket.id.desc())).all())


def get_ticket(session: Session, user_id: int, ticket_id: int) -> Ticket | None:
    # Filtering by owner makes someone else's ticket indistinguishable from a missing one.
    return session.scalar(select(Ticket).where(Ticket.id == ticket_id, Ticket.user_id == user_id))


# Chat


def create_chat_message(session: Session, user_id: int, text: str, sender: str) -> ChatMessage:
    message = ChatMessage(user_id=user_id, text=text, sender=sender, created_at=utcnow())
    session.add(message)
    session.flush()
    return message


def list_chat_messages(session: Session, user_id: int, before_id: int | None, limit: int) -> list[ChatMessage]:
    stmt = select(ChatMessage).where(ChatMessage.user_id == user_id)
    if before_id is not None:
        stmt = stmt.where(ChatMessage.id < before_id)
    newest_first = session.scalars(stmt.order_by(ChatMessage.id.desc()).limit(limit)).all()
    return list(reversed(newest_first))
