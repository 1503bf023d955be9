"""The signed-in user's cart, kept on the server; every change answers with the whole cart.

Every endpoint is async and does its database work, the session check included, in one
`in_session` call: one worker thread per request (see shop_api.api.deps.in_session).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request, Response, status
from sqlalchemy import delete
from sqlalchemy.orm import Session

from shop_api import crud
from shop_api.api.answers import json_answer
from shop_api.api.deps import RateLimiterDep, SettingsDep, TokenClaimsDep, in_session, require_user
from shop_api.api.errors import BAD_REQUEST, NOT_FOUND, TOO_MANY, UNAUTHORIZED
from shop_api.api.routes.products import product_image_url
from shop_api.core.security import TokenClaims
from shop_api.models import CartItem, Coupon, Product, User
from shop_api.schemas import (
    CartItemCreate,
    CartItemPublic,
    CartItemUpdate,
    CartPublic,
    CartSelectAll,
    CartTotals,
    CouponApply,
    CouponPublic,
)

router = APIRouter(prefix="/cart", tags=["cart"], responses=UNAUTHORIZED)

ProductIdPath = Annotated[str, Path(min_length=1, max_length=80)]


def build_cart(session: Session, user_id: int) -> CartPublic:
    """Assemble the cart and compute its totals over the selected items."""
    rows = crud.cart_rows(session, user_id)
    coupon = crud.cart_coupon(session, user_id)
    subtotal = sum(p.price_cents * item.qty for item, p in rows if item.selected)
    discount = crud.discount_cents(coupon, subtotal)
    return CartPublic(
        items=[
            CartItemPublic(
                product_id=p.id,
                name=p.name,
                price=p.price_cents / 100,
                image=product_image_url(p.id),
                qty=item.qty,
                selected=item.selected,
            )
            for item, p in rows
        ],
        coupon=None
        if coupon is None
        else CouponPublic(
            code=coupon.code,
            kind="percent" if coupon.kind == "percent" else "fixed",
            value=coupon.amount if coupon.kind == "percent" else coupon.amount / 100,
            description=coupon.description,
        ),
        totals=CartTotals(
            subtotal=subtotal / 100,
            discount=discount / 100,
            total=(subtotal - discount) / 100,
            total_items=sum(item.qty for item, _ in rows),
            selected_items=sum(item.qty for item, _ in rows if item.selected),
        ),
    )


def _require_item(session: Session, user_id: int, product_id: str) -> CartItem:
    item = crud.get_cart_item(session, user_id, product_id)
    if item is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"productId {product_id!r} is not in your cart.")
    return item


async def answer_with_cart(
    request: Request, claims: TokenClaims, change: Callable[[Session, User], None] | None = None
) -> Response:
    """Check the session, apply `change` (committed), and answer with the cart: one thread hop."""

    def work(session: Session) -> CartPublic:
        user = require_user(session, claims)
        if change is not None:
            change(session, user)
            session.commit()
        return build_cart(session, user.id)

    return json_answer(await in_session(request, work))


@router.get("", response_model=CartPublic)
async def read_cart(request: Request, claims: TokenClaimsDep) -> Response:
    """Read my cart with its totals."""
    return await answer_with_cart(request, claims)


@router.post("/items", response_model=CartPublic, responses={**NOT_FOUND, **BAD_REQUEST})
async def add_cart_item(request: Request, body: CartItemCreate, claims: TokenClaimsDep) -> Response:
    """Add a product; adding one already in the cart adds to its quantity."""

    def change(session: Session, user: User) -> None:
        if session.get(Product, body.product_id) is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"productId {body.product_id!r}: no such product.")
        if not crud.add_cart_item(session, user.id, body.product_id, body.qty):
            raise HTTPException(
                status.HTTP_400_BAD_REQUEST,
                f"qty: at most {crud.MAX_QTY} of one product fit in the cart.",
            )

    return await answer_with_cart(request, claims, change)


@router.patch("/items/{product_id}", response_model=CartPublic, responses=NOT_FOUND)
async def update_cart_item(
    request: Request, product_id: ProductIdPath, body: CartItemUpdate, claims: TokenClaimsDep
) -> Response:
    """Set an item's quantity and/or whether it is selected for checkout."""

    def change(session: Session, user: User) -> None:
        item = _require_item(session, user.id, product_id)
        if body.qty is not None:
            item.qty = body.qty
        if body.selected is not None:
            item.selected = body.selected

    return await answer_with_cart(request, claims, change)


@router.delete("/items/{product_id}", response_model=CartPublic, responses=NOT_FOUND)
async def delete_cart_item(request: Request, product_id: ProductIdPath, claims: TokenClaimsDep) -> Response:
    """Remove a product from my cart."""

    def change(session: Session, user: User) -> None:
        item = _require_item(session, user.id, product_id)
        session.execute(delete(CartItem).where(CartItem.id == item.id))

    return await answer_with_cart(request, claims, change)


@router.post("/select-all", response_model=CartPublic)
async def select_all_cart_items(request: Request, body: CartSelectAll, claims: TokenClaimsDep) -> Response:
    """Select or deselect every item."""
    return await answer_with_cart(
        request, claims, lambda session, user: crud.select_all_cart_items(session, user.id, body.selected)
    )


@router.post("/coupon", response_model=CartPublic, responses={**BAD_REQUEST, **TOO_MANY})
async def apply_coupon(
    request: Request, body: CouponApply, claims: TokenClaimsDep, settings: SettingsDep, limiter: RateLimiterDep
) -> Response:
    """Apply a coupon code; it must exist, be unexpired and its minimum total must be met."""

    def change(session: Session, user: User) -> None:
        # Only unknown codes count: they are the guesses; a known code that does not apply yet is not.
        what, budget = "Wrong coupon codes", settings.COUPON_ATTEMPT_RATE_PER_USER
        limiter.check(budget, what, "coupon", str(user.id))
        code = body.code.strip().upper()
        coupon = session.get(Coupon, code)
        if coupon is None:
            limiter.hit(budget, "coupon", str(user.id))
            raise HTTPException(status.HTTP_400_BAD_REQUEST, f"code: unknown coupon {body.code!r}.")
        subtotal = sum(p.price_cents * i.qty for i, p in crud.cart_rows(session, user.id) if i.selected)
        problem = crud.coupon_problem(coupon, subtotal)
        if problem is not None:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, f"code: {problem}")
        crud.set_cart_coupon(session, user.id, coupon.code)

    return await answer_with_cart(request, claims, change)


@router.delete("/coupon", response_model=CartPublic)
async def remove_coupon(request: Request, claims: TokenClaimsDep) -> Response:
    """Remove the applied coupon, if any."""
    return await answer_with_cart(request, claims, lambda session, user: crud.set_cart_coupon(session, user.id, None))


@router.delete("", response_model=CartPublic)
async def clear_cart(request: Request, claims: TokenClaimsDep) -> Response:
    """Empty my cart and drop its coupon."""
    return await answer_with_cart(request, claims, lambda session, user: crud.clear_cart(session, user.id))
