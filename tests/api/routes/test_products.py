"""GET /api/products, /api/products/{id} and the product pictures."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from shop_api.models import Product

from ..conftest import AppFactory


def test_read_products_first_page(client: TestClient) -> None:
    response = client.get("/api/products")
    assert response.status_code == 200
    body = response.json()
    assert body["total"] >= 12
    assert body["page"] == 1
    assert body["pageSize"] == 12
    assert len(body["items"]) == 12
    first = body["items"][0]
    assert first == {
        "id": "rose-lip-balm",
        "name": "Rose Lip Balm",
        "price": 12.5,
        "image": "/api/static/products/rose-lip-balm.svg",
        "category": "beauty",
        "description": first["description"],
    }


def test_read_products_paginates(client: TestClient) -> None:
    total = client.get("/api/products").json()["total"]
    ids: list[str] = []
    page = 1
    while True:
        body = client.get("/api/products", params={"page": page, "pageSize": 5}).json()
        if not body["items"]:
            break
        ids += [item["id"] for item in body["items"]]
        page += 1
    assert len(ids) == total == len(set(ids))


def test_read_products_filters_by_category(client: TestClient) -> None:
    body = client.get("/api/products", params={"category": "beauty", "pageSize": 100}).json()
    assert body["total"] >= 3
    assert {item["category"] for item in body["items"]} == {"beauty"}


def test_read_products_searches_text(client: TestClient) -> None:
    body = client.get("/api/products", params={"q": "argan"}).json()
    assert [item["id"] for item in body["items"]] == ["argan-hair-oil"]


def test_read_products_search_treats_wildcards_literally(client: TestClient) -> None:
    assert client.get("/api/products", params={"q": "%"}).json()["total"] == 0


def test_read_products_rejects_bad_paging(client: TestClient) -> None:
    response = client.get("/api/products", params={"pageSize": 0})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "pageSize"]
    assert client.get("/api/products", params={"page": 0}).status_code == 422


def test_read_product(client: TestClient) -> None:
    response = client.get("/api/products/argan-hair-oil")
    assert response.status_code == 200
    assert response.json()["name"] == "Argan Hair Oil"


def test_read_product_not_found(client: TestClient) -> None:
    response = client.get("/api/products/no-such-thing")
    assert response.status_code == 404
    assert "no-such-thing" in response.json()["detail"]


def test_read_product_image_is_a_distinct_svg(client: TestClient) -> None:
    first = client.get("/api/static/products/rose-lip-balm.svg")
    second = client.get("/api/static/products/argan-hair-oil.svg")
    assert first.status_code == second.status_code == 200
    assert first.headers["content-type"].startswith("image/svg+xml")
    assert first.text.startswith("<svg") and "Rose Lip Balm" in first.text
    assert first.text != second.text
    assert client.get("/api/static/products/nope.svg").status_code == 404


def test_every_product_image_url_resolves(client: TestClient) -> None:
    items = client.get("/api/products", params={"pageSize": 100}).json()["items"]
    for item in items:
        assert client.get(item["image"]).status_code == 200, item["image"]


def rename_product(engine: Engine, product_id: str, name: str) -> None:
    with Session(engine) as db:
        db.execute(update(Product).where(Product.id == product_id).values(name=name))
        db.commit()


def test_catalogue_answers_are_public_and_kept_for_their_lifetime(app_factory: AppFactory, db_engine: Engine) -> None:
    with TestClient(app_factory(CATALOGUE_CACHE_SECONDS=60)) as client:
        listing, one = client.get("/api/products"), client.get("/api/products/rose-lip-balm")
        assert listing.headers["Cache-Control"] == one.headers["Cache-Control"] == "public, max-age=60"
        try:
            rename_product(db_engine, "rose-lip-balm", "Renamed Balm")
            # Within its lifetime the process answers from the cache, byte for byte.
            assert client.get("/api/products").content == listing.content
            assert client.get("/api/products/rose-lip-balm").content == one.content
            # Another query is another answer, read afresh.
            assert client.get("/api/products", params={"q": "balm"}).json()["items"][0]["name"] == "Renamed Balm"
        finally:
            rename_product(db_engine, "rose-lip-balm", "Rose Lip Balm")


def test_the_catalogue_cache_can_be_turned_off(app_factory: AppFactory, db_engine: Engine) -> None:
    with TestClient(app_factory(CATALOGUE_CACHE_SECONDS=0)) as client:
        assert client.get("/api/products/rose-lip-balm").json()["name"] == "Rose Lip Balm"
        try:
            rename_product(db_engine, "rose-lip-balm", "Renamed Balm")
            assert client.get("/api/products/rose-lip-balm").json()["name"] == "Renamed Balm"
            assert client.get("/api/products").json()["items"][0]["name"] == "Renamed Balm"
        finally:
            rename_product(db_engine, "rose-lip-balm", "Rose Lip Balm")


def test_a_missing_product_is_not_remembered(app_factory: AppFactory) -> None:
    with TestClient(app_factory(CATALOGUE_CACHE_SECONDS=60)) as client:
        for _ in range(2):
            missing = client.get("/api/products/no-such-product")
            assert missing.status_code == 404
            assert "Cache-Control" not in missing.headers
