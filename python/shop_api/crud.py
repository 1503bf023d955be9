"""Database operations shared by the routes; each function leaves committing to its caller."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal

from sqlalchemy import Select, bindparam, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shop_api.core.security import (
    RefreshCredential,
    hash_otp,
    hash_refresh_secret,
    new_refresh_secret,
    new_session_id,
    otp_matches,
)
from shop_api.models import (
    AuthSession,
    Cart,
    CartItem,
    ChatMessage,
    Coupon,
    OtpCode,
    Product,
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


# Sessions


def create_session(session: Session, user_id: int, user_agent: str, lifetime: timedelta) -> RefreshCredential:
    """Start a session for a sign-in and return its first refresh credential."""
    now = utcnow()
    # Sessions of this user that ended long ago are of no use to anyone: drop them here.
    session.execute(
        delete(AuthSession).where(AuthSession.user_id == user_id, AuthSession.expires_at < now - timedelta(days=1))
    )
    credential = RefreshCredential(new_session_id(), new_refresh_secret())
    session.add(
        AuthSession(
            id=credential.session_id,
            user_id=user_id,
            refresh_hash=hash_refresh_secret(credential.secret),
            previous_hash=None,
            rotated_at=now,
            created_at=now,
            last_seen_at=now,
            expires_at=now + lifetime,
            user_agent=user_agent[:300],
        )
    )
    session.flush()
    return credential


RefreshVerdict = Literal["rotated", "raced", "unknown", "expired", "revoked", "reused"]


@dataclass(frozen=True)
class RefreshOutcome:
    verdict: RefreshVerdict
    auth_session: AuthSession | None = None
    # Only for "rotated": the credential that replaces the presented one.
    credential: RefreshCredential | None = None


def rotate_refresh_credential(session: Session, presented: RefreshCredential, grace_seconds: int) -> RefreshOutcome:
    """Exchange a refresh credential for the next one (OAuth 2.0 Security BCP, section 4.14.2).

    The swap is one conditional UPDATE, so of two requests presenting the same credential only one
    can rotate it. A credential this session had already exchanged means it was copied: the whole
    session (every credential issued from it) is revoked, except for a request that lost a race
    with its own sibling a few seconds ago (two tabs refreshing at once), which is told "raced".
    """
    now = utcnow()
    presented_hash = hash_refresh_secret(presented.secret)
    successor = RefreshCredential(presented.session_id, new_refresh_secret())
    rotated = session.execute(
        update(AuthSession)
        .where(
            AuthSession.id == presented.session_id,
            AuthSession.refresh_hash == presented_hash,
            AuthSession.revoked_at.is_(None),
            AuthSession.expires_at > now,
        )
        .values(
            refresh_hash=hash_refresh_secret(successor.secret),
            previous_hash=presented_hash,
            rotated_at=now,
            last_seen_at=now,
        )
    )
    auth_session = session.get(AuthSession, presented.session_id, populate_existing=True)
    if rotated.rowcount == 1:  # type: ignore[attr-defined]
        return RefreshOutcome("rotated", auth_session, successor)
    if auth_session is None:
        return RefreshOutcome("unknown")
    if auth_session.revoked_at is not None:
        return RefreshOutcome("revoked", auth_session)
    if auth_session.expires_at <= now:
        return RefreshOutcome("expired", auth_session)
    if auth_session.previous_hash == presented_hash and now - auth_session.rotated_at <= timedelta(
        seconds=grace_seconds
    ):
        return RefreshOutcome("raced", auth_session)
    revoke_sessions(session, [auth_session.id], "refresh credential reused")
    return RefreshOutcome("reused", auth_session)


def live_session(session: Session, session_id: str, user_id: int) -> AuthSession | None:
    """The session if it belongs to the user and is neither revoked nor expired."""
    auth_session = session.get(AuthSession, session_id)
    if (
        auth_session is None
        or auth_session.user_id != user_id
        or auth_session.revoked_at is not None
        or auth_session.expires_at <= utcnow()
    ):
        return None
    return auth_session


# The statements of every signed-in request are built once, with parameters: building a SELECT
# and its cache key costs more CPU than PostgreSQL takes to answer it.
_SIGNED_IN_USER = (
    select(User)
    .join(AuthSession, AuthSession.user_id == User.id)
    .where(
        User.id == bindparam("user_id"),
        AuthSession.id == bindparam("session_id"),
        AuthSession.revoked_at.is_(None),
        AuthSession.expires_at > bindparam("now"),
    )
)


def signed_in_user(session: Session, session_id: str, user_id: int) -> User | None:
    """The user, if the session is theirs and neither revoked nor expired: one query for both."""
    return session.scalar(_SIGNED_IN_USER, {"user_id": user_id, "session_id": session_id, "now": utcnow()})


def list_live_sessions(session: Session, user_id: int) -> list[AuthSession]:
    stmt = (
        select(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None), AuthSession.expires_at > utcnow())
        .order_by(AuthSession.last_seen_at.desc(), AuthSession.id)
    )
    return list(session.scalars(stmt).all())


def revoke_sessions(session: Session, session_ids: list[str], reason: str) -> list[str]:
    """Revoke the given sessions; returns those that were live until now."""
    if not session_ids:
        return []
    revoked = session.scalars(
        update(AuthSession)
        .where(AuthSession.id.in_(session_ids), AuthSession.revoked_at.is_(None))
        .values(revoked_at=utcnow(), revoked_reason=reason[:40])
        .returning(AuthSession.id)
    ).all()
    return list(revoked)


def revoke_user_sessions(session: Session, user_id: int, reason: str) -> list[str]:
    """Revoke every session of a user ("sign out everywhere")."""
    ids = session.scalars(
        select(AuthSession.id).where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
    ).all()
    return revoke_sessions(session, list(ids), reason)


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


_CART_ROWS = (
    select(CartItem, Product)
    .join(Product, Product.id == CartItem.product_id)
    .where(CartItem.user_id == bindparam("user_id"))
    .order_by(CartItem.created_at, CartItem.id)
)
_CART_COUPON = select(Coupon).join(Cart, Cart.coupon_code == Coupon.code).where(Cart.user_id == bindparam("user_id"))


def cart_rows(session: Session, user_id: int) -> list[tuple[CartItem, Product]]:
    rows = session.execute(_CART_ROWS, {"user_id": user_id}).all()
    return [(item, product) for item, product in rows]


def cart_coupon(session: Session, user_id: int) -> Coupon | None:
    return session.scalar(_CART_COUPON, {"user_id": user_id})


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


_TICKETS = select(Ticket).where(Ticket.user_id == bindparam("user_id")).order_by(Ticket.id.desc())


def list_tickets(session: Session, user_id: int) -> list[Ticket]:
    return list(session.scalars(_TICKETS, {"user_id": user_id}).all())


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
