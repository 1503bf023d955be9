"""The catalogue: search, filter, paginate, read one, and the product pictures."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Response, status

from shop_api import crud
from shop_api.api.deps import SessionDep
from shop_api.api.errors import NOT_FOUND
from shop_api.models import Product
from shop_api.product_images import render_product_svg
from shop_api.schemas import ProductPublic, ProductsPublic

router = APIRouter(prefix="/products", tags=["products"])
images_router = APIRouter(prefix="/static/products", tags=["products"])

ProductIdPath = Annotated[str, Path(min_length=1, max_length=80)]


def product_image_url(product_id: str) -> str:
    return f"/api/static/products/{product_id}.svg"


def product_public(product: Product) -> ProductPublic:
    return ProductPublic(
        id=product.id,
        name=product.name,
        price=product.price_cents / 100,
        image=product_image_url(product.id),
        category=product.category,
        description=product.description,
    )


@router.get("", response_model=ProductsPublic)
def read_products(
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=100, description="Search text")] = None,
    category: Annotated[str | None, Query(max_length=40)] = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    page_size: Annotated[int, Query(alias="pageSize", ge=1, le=100)] = 12,
) -> ProductsPublic:
    """List products, optionally searched by text and filtered by category, one page at a time."""
    items, total = crud.list_products(session, q, category, page, page_size)
    return ProductsPublic(items=[product_public(p) for p in items], total=total, page=page, page_size=page_size)


@router.get("/{product_id}", response_model=ProductPublic, responses=NOT_FOUND)
def read_product(product_id: ProductIdPath, session: SessionDep) -> ProductPublic:
    """Read one product by its id (a slug such as rose-lip-balm)."""
    product = session.get(Product, product_id)
    if product is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Product {product_id!r} not found.")
    return product_public(product)


@images_router.get("/{product_id}.svg", include_in_schema=False)
def read_product_image(product_id: ProductIdPath, session: SessionDep) -> Response:
    """Draw the product's picture."""
    product = session.get(Product, product_id)
    if product is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Product {product_id!r} not found.")
    svg = render_product_svg(product.id, product.name, product.category)
    # The picture only changes with the seed, so browsers may keep it for a day.
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=86400"})
