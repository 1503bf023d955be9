"""The /api/cart resource: items, selection, coupons, totals, concurrency and persistence."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi.testclient import TestClient

from ..conftest import AppFactory
from ..utils.auth import auth_headers, random_mobile
from ..utils.servers import serve_in_thread

EMPTY_TOTALS = {"subtotal": 0, "discount": 0, "total": 0, "totalItems": 0, "selectedItems": 0}


def add(client: TestClient, headers: dict[str, str], product_id: str, qty: int = 1) -> httpx.Response:
    return client.post("/api/cart/items", headers=headers, json={"productId": product_id, "qty": qty})


def test_read_cart_starts_empty(client: TestClient) -> None:
    response = client.get("/api/cart", headers=auth_headers(client))
    assert response.status_code == 200
    assert response.json() == {"items": [], "coupon": None, "totals": EMPTY_TOTALS}


def test_add_cart_item(client: TestClient) -> None:
    response = add(client, auth_headers(client), "rose-lip-balm", 2)
    assert response.status_code == 200
    assert response.json()["items"] == [
        {
            "productId": "rose-lip-balm",
            "name": "Rose Lip Balm",
            "price": 12.5,
            "image": "/api/static/products/rose-lip-balm.svg",
            "qty": 2,
            "selected": True,
        }
    ]
    assert response.json()["totals"] == {
        "subtotal": 25.0,
        "discount": 0,
        "total": 25.0,
        "totalItems": 2,
        "selectedItems": 2,
    }


def test_add_cart_item_twice_adds_quantity(client: TestClient) -> None:
    headers = auth_headers(client)
    add(client, headers, "rose-lip-balm", 2)
    body = add(client, headers, "rose-lip-balm", 3).json()
    assert [(i["productId"], i["qty"]) for i in body["items"]] == [("rose-lip-balm", 5)]


@pytest.mark.parametrize("qty", [0, -1, 100, 10**12, "two", 1.5])
def test_add_cart_item_rejects_bad_quantity(client: TestClient, qty: object) -> None:
    response = client.post(
        "/api/cart/items", headers=auth_headers(client), json={"productId": "rose-lip-balm", "qty": qty}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "qty"]


def test_add_cart_item_refuses_more_than_99_in_total(client: TestClient) -> None:
    headers = auth_headers(client)
    add(client, headers, "rose-lip-balm", 60)
    response = add(client, headers, "rose-lip-balm", 40)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("qty:")
    assert client.get("/api/cart", headers=headers).json()["items"][0]["qty"] == 60


def test_add_cart_item_unknown_product(client: TestClient) -> None:
    response = add(client, auth_headers(client), "no-such-product")
    assert response.status_code == 404
    assert "productId" in response.json()["detail"]


def test_update_cart_item_quantity_and_selection(client: TestClient) -> None:
    headers = auth_headers(client)
    add(client, headers, "rose-lip-balm")
    add(client, headers, "argan-hair-oil")
    response = client.patch("/api/cart/items/rose-lip-balm", headers=headers, json={"qty": 4, "selected": False})
    assert response.status_code == 200
    totals = response.json()["totals"]
    # Totals count only the selected items: 1 x 22.50.
    assert totals == {
        "subtotal": 22.5,
        "discount": 0,
        "total": 22.5,
        "totalItems": 5,
        "selectedItems": 1,
    }


def test_update_cart_item_not_in_cart(client: TestClient) -> None:
    response = client.patch("/api/cart/items/rose-lip-balm", headers=auth_headers(client), json={"qty": 2})
    assert response.status_code == 404


def test_update_cart_item_rejects_bad_quantity(client: TestClient) -> None:
    headers = auth_headers(client)
    add(client, headers, "rose-lip-balm")
    response = client.patch("/api/cart/items/rose-lip-balm", headers=headers, json={"qty": 100})
    assert response.status_code == 422


def test_delete_cart_item(client: TestClient) -> None:
    headers = auth_headers(client)
    add(client, headers, "rose-lip-balm")
    add(client, headers, "argan-hair-oil")
    response = client.delete("/api/cart/items/rose-lip-balm", headers=headers)
    assert response.status_code == 200
    assert [i["productId"] for i in response.json()["items"]] == ["argan-hair-oil"]
    assert client.delete("/api/cart/items/rose-lip-balm", headers=headers).status_code == 404


def test_select_all_cart_items(client: TestClient) -> None:
    headers = auth_headers(client)
    add(client, headers, "rose-lip-balm")
    add(client, headers, "argan-hair-oil")
    none = client.post("/api/cart/select-all", headers=headers, json={"selected": False}).json()
    assert [i["selected"] for i in none["items"]] == [False, False]
    assert none["totals"]["total"] == 0
    every = client.post("/api/cart/select-all", headers=headers, json={"selected": True}).json()
    assert every["totals"]["selectedItems"] == 2


def test_apply_percent_coupon(client: TestClient) -> None:
    headers = auth_headers(client)
    add(client, headers, "rose-lip-balm", 3)  # 37.50
    response = client.post("/api/cart/coupon", headers=headers, json={"code": "welcome10"})
    assert response.status_code == 200
    body = response.json()
    assert body["coupon"] == {
        "code": "WELCOME10",
        "kind": "percent",
        "value": 10,
        "description": "10% off your order",
    }
    assert body["totals"]["discount"] == 3.75
    assert body["totals"]["total"] == 33.75


def test_apply_fixed_coupon_with_minimum(client: TestClient) -> None:
    headers = auth_headers(client)
    add(client, headers, "rose-lip-balm", 2)  # 25.00, below SAVE5's 30.00 minimum
    refused = client.post("/api/cart/coupon", headers=headers, json={"code": "SAVE5"})
    assert refused.status_code == 400
    assert "at least 30.00" in refused.json()["detail"]
    add(client, headers, "rose-lip-balm", 1)  # 37.50
    body = client.post("/api/cart/coupon", headers=headers, json={"code": "SAVE5"}).json()
    assert body["totals"]["discount"] == 5.0
    assert body["totals"]["total"] == 32.5


def test_coupon_gives_nothing_when_total_drops_below_minimum(client: TestClient) -> None:
    headers = auth_headers(client)
    add(client, headers, "rose-lip-balm", 3)
    client.post("/api/cart/coupon", headers=headers, json={"code": "SAVE5"})
    body = client.patch("/api/cart/items/rose-lip-balm", headers=headers, json={"qty": 1}).json()
    assert body["coupon"]["code"] == "SAVE5"
    assert body["totals"]["discount"] == 0


@pytest.mark.parametrize(("code", "reason"), [("NOPE", "unknown coupon"), ("SUMMER2020", "expired")])
def test_apply_invalid_coupon(client: TestClient, code: str, reason: str) -> None:
    headers = auth_headers(client)
    add(client, headers, "rose-lip-balm")
    response = client.post("/api/cart/coupon", headers=headers, json={"code": code})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("code:")
    assert reason in response.json()["detail"]


def test_remove_coupon(client: TestClient) -> None:
    headers = auth_headers(client)
    add(client, headers, "rose-lip-balm")
    client.post("/api/cart/coupon", headers=headers, json={"code": "WELCOME10"})
    body = client.delete("/api/cart/coupon", headers=headers).json()
    assert body["coupon"] is None
    assert body["totals"]["discount"] == 0


def test_clear_cart(client: TestClient) -> None:
    headers = auth_headers(client)
    add(client, headers, "rose-lip-balm")
    client.post("/api/cart/coupon", headers=headers, json={"code": "WELCOME10"})
    response = client.delete("/api/cart", headers=headers)
    assert response.json() == {"items": [], "coupon": None, "totals": EMPTY_TOTALS}


def test_cart_is_per_user(client: TestClient) -> None:
    mine, theirs = auth_headers(client), auth_headers(client)
    add(client, theirs, "rose-lip-balm")
    assert client.get("/api/cart", headers=mine).json()["items"] == []
    assert client.delete("/api/cart/items/rose-lip-balm", headers=mine).status_code == 404
    assert len(client.get("/api/cart", headers=theirs).json()["items"]) == 1


def test_cart_requires_sign_in(client: TestClient) -> None:
    assert client.get("/api/cart").status_code == 401
    assert client.post("/api/cart/items", json={"productId": "rose-lip-balm"}).status_code == 401


def test_concurrent_add_cart_item_counts_every_request(app_factory: AppFactory) -> None:
    app = app_factory()
    with serve_in_thread(app) as base_url, httpx.Client(base_url=base_url, timeout=30) as http:
        headers = auth_headers(http)

        def add_one(_: int) -> int:
            response = httpx.post(
                f"{base_url}/api/cart/items",
                headers=headers,
                timeout=30,
                json={"productId": "rose-lip-balm", "qty": 1},
            )
            return response.status_code

        with ThreadPoolExecutor(max_workers=16) as pool:
            statuses = list(pool.map(add_one, range(40)))
        cart = http.get("/api/cart", headers=headers).json()
    assert statuses == [200] * 40
    assert cart["items"][0]["qty"] == 40


def test_cart_survives_a_restart(app_factory: AppFactory) -> None:
    mobile = random_mobile()
    with TestClient(app_factory()) as client:
        add(client, auth_headers(client, mobile), "argan-hair-oil", 3)
    with TestClient(app_factory()) as client:
        items = client.get("/api/cart", headers=auth_headers(client, mobile)).json()["items"]
    assert [(i["productId"], i["qty"]) for i in items] == [("argan-hair-oil", 3)]
