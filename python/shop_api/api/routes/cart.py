"""The signed-in user's cart, kept on the server; every change answers with the whole cart."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, status
from sqlalchemy import delete
from sqlalchemy.orm import Session

from shop_api import crud
from shop_api.api.deps import CurrentUser, RateLimiterDep, SessionDep, SettingsDep
from shop_api.api.errors import BAD_REQUEST, NOT_FOUND, TOO_MANY, UNAUTHORIZED
from shop_api.api.routes.products import product_image_url
from shop_api.models import CartItem, Coupon, Product
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


@router.get("", response_model=CartPublic)
def read_cart(user: CurrentUser, session: SessionDep) -> CartPublic:
    """Read my cart with its totals."""
    return build_cart(session, user.id)


@router.post("/items", response_model=CartPublic, responses={**NOT_FOUND, **BAD_REQUEST})
def add_cart_item(body: CartItemCreate, user: CurrentUser, session: SessionDep) -> CartPublic:
    """Add a product; adding one already in the cart adds to its quantity."""
    if session.get(Product, body.product_id) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"productId {body.product_id!r}: no such product.")
    if not crud.add_cart_item(session, user.id, body.product_id, body.qty):
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST,
            f"qty: at most {crud.MAX_QTY} of one product fit in the cart.",
        )
    session.commit()
    return build_cart(session, user.id)


@router.patch("/items/{product_id}", response_model=CartPublic, responses=NOT_FOUND)
def update_cart_item(
    product_id: ProductIdPath, body: CartItemUpdate, user: CurrentUser, session: SessionDep
) -> CartPublic:
    """Set an item's quantity and/or whether it is selected for checkout."""
    item = _require_item(session, user.id, product_id)
    if body.qty is not None:
        item.qty = body.qty
    if body.selected is not None:
        item.selected = body.selected
    session.commit()
    return build_cart(session, user.id)


@router.delete("/items/{product_id}", response_model=CartPublic, responses=NOT_FOUND)
def delete_cart_item(product_id: ProductIdPath, user: CurrentUser, session: SessionDep) -> CartPublic:
    """Remove a product from my cart."""
    item = _require_item(session, user.id, product_id)
    session.execute(delete(CartItem).where(CartItem.id == item.id))
    session.commit()
    return build_cart(session, user.id)


@router.post("/select-all", response_model=CartPublic)
def select_all_cart_items(body: CartSelectAll, user: CurrentUser, session: SessionDep) -> CartPublic:
    """Select or deselect every item."""
    crud.select_all_cart_items(session, user.id, body.selected)
    session.commit()
    return build_cart(session, user.id)


@router.post("/coupon", response_model=CartPublic, responses={**BAD_REQUEST, **TOO_MANY})
def apply_coupon(
    body: CouponApply, user: CurrentUser, session: SessionDep, settings: SettingsDep, limiter: RateLimiterDep
) -> CartPublic:
    """Apply a coupon code; it must exist, be unexpired and its minimum total must be met."""
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
    session.commit()
    return build_cart(session, user.id)


@router.delete("/coupon", response_model=CartPublic)
def remove_coupon(user: CurrentUser, session: SessionDep) -> CartPublic:
    """Remove the applied coupon, if any."""
    crud.set_cart_coupon(session, user.id, None)
    session.commit()
    return build_cart(session, user.id)


@router.delete("", response_model=CartPublic)
def clear_cart(user: CurrentUser, session: SessionDep) -> CartPublic:
    """Empty my cart and drop its coupon."""
    crud.clear_cart(session, user.id)
    session.commit()
    return build_cart(session, user.id)
