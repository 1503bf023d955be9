"""The catalogue: search, filter, paginate, read one, and the product pictures.

The catalogue is the same for every visitor and only changes with the seed (no endpoint writes
it), and it is half of what a shopper asks for. So its answers are kept, as the JSON bytes sent,
in a per-process cache (CatalogueCache) for CATALOGUE_CACHE_SECONDS, and say so with
`Cache-Control: public, max-age=...`: a browser or the edge may keep them as long. A cached answer
costs neither a database turn nor a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Annotated

from cachetools import TTLCache
from fastapi import APIRouter, HTTPException, Path, Query, Request, Response, status
from sqlalchemy.orm import Session

from shop_api import crud
from shop_api.api.answers import json_answer, json_bytes
from shop_api.api.deps import SessionDep, in_session
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


class CatalogueCache:
    """Catalogue answers by query, for `seconds`; bounded, since the search text is the client's.

    Used from the event loop only (the endpoints are async), so it needs no lock.
    """

    MAX_ENTRIES = 1024

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._answers: TTLCache[Hashable, bytes] = TTLCache(self.MAX_ENTRIES, seconds)

    @property
    def cache_control(self) -> str:
        return f"public, max-age={int(self.seconds)}"

    async def answer(self, request: Request, key: Hashable, read: Callable[[Session], bytes]) -> Response:
        body = self._answers.get(key) if self.seconds > 0 else None
        if body is None:
            body = await in_session(request, read)
            if self.seconds > 0:
                self._answers[key] = body
        return json_answer(body, headers={"Cache-Control": self.cache_control})

    def clear(self) -> None:
        self._answers.clear()


def catalogue_cache(request: Request) -> CatalogueCache:
    cache: CatalogueCache = request.app.state.catalogue_cache
    return cache


@router.get("", response_model=ProductsPublic)
async def read_products(
    request: Request,
    q: Annotated[str | None, Query(max_length=100, description="Search text")] = None,
    category: Annotated[str | None, Query(max_length=40)] = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    page_size: Annotated[int, Query(alias="pageSize", ge=1, le=100)] = 12,
) -> Response:
    """List products, optionally searched by text and filtered by category, one page at a time."""

    def read(session: Session) -> bytes:
        items, total = crud.list_products(session, q, category, page, page_size)
        listing = ProductsPublic(items=[product_public(p) for p in items], total=total, page=page, page_size=page_size)
        return json_bytes(listing)

    return await catalogue_cache(request).answer(request, ("list", q, category, page, page_size), read)


@router.get("/{product_id}", response_model=ProductPublic, responses=NOT_FOUND)
async def read_product(request: Request, product_id: ProductIdPath) -> Response:
    """Read one product by its id (a slug such as rose-lip-balm)."""

    def read(session: Session) -> bytes:
        product = session.get(Product, product_id)
        if product is None:
            # Not cached: an exception is no answer to keep.
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"Product {product_id!r} not found.")
        return json_bytes(product_public(product))

    return await catalogue_cache(request).answer(request, ("one", product_id), read)


@images_router.get("/{product_id}.svg", include_in_schema=False)
def read_product_image(product_id: ProductIdPath, session: SessionDep) -> Response:
    """Draw the product's picture."""
    product = session.get(Product, product_id)
    if product is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Product {product_id!r} not found.")
    svg = render_product_svg(product.id, product.name, product.category)
    # The picture only changes with the seed, so browsers may keep it for a day.
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=86400"})
