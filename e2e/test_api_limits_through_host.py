"""The API's limits and hostile-input answers hold through the host, the door browsers use.

The API's own tests (tests/api) prove them in process; this proves the same requests through the
host's /api proxy come out as the same clear 4xx, private and without a framework banner.
"""

from __future__ import annotations

import json

import httpx
import pytest

from fedctl.bench import sign_in
from fedctl.manifest import Manifest
from fedctl.processes import Stack


@pytest.fixture
def host(stack: Stack, manifest: Manifest) -> str:
    return manifest.base_url(manifest.app(manifest.host))


def signed_in_headers(host: str, manifest: Manifest) -> dict[str, str]:
    # Through the host's door, as the requests of these tests.
    with httpx.Client(base_url=f"{host}{manifest.api_path}") as client:
        token = sign_in(client).json()["token"]
    return {"Authorization": f"Bearer {token}"}


def test_a_lone_surrogate_through_the_host_is_a_422_with_an_encodable_body(host: str, manifest: Manifest) -> None:
    headers = {**signed_in_headers(host, manifest), "Content-Type": "application/json"}
    response = httpx.post(f"{host}/api/tickets", content=b'{"subject": "\\ud800", "message": "x"}', headers=headers)
    assert response.status_code == 422
    assert json.loads(response.content)["detail"][0]["loc"] == ["body", "subject"]


def test_a_non_finite_quantity_through_the_host_is_a_422(host: str, manifest: Manifest) -> None:
    headers = {**signed_in_headers(host, manifest), "Content-Type": "application/json"}
    body = b'{"productId": "rose-lip-balm", "qty": 1e309}'
    response = httpx.post(f"{host}/api/cart/items", content=body, headers=headers)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "qty"]


def test_an_oversized_body_through_the_host_is_a_413(host: str) -> None:
    body = b'{"mobile": "' + b"1" * 200_000 + b'"}'
    response = httpx.post(f"{host}/api/auth/otp", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_oversized_headers_through_the_host_are_refused(host: str) -> None:
    # Node's own 16 KiB header limit, in front of the API's, answers 431 and closes the socket;
    # with 100 KB still being sent the client may see the reset before the answer.
    try:
        status = httpx.get(f"{host}/api/products", headers={"Cookie": "a=" + "x" * 100_000}).status_code
    except httpx.ReadError:
        status = None
    assert status in (431, None)


def test_user_answers_through_the_host_are_private_and_carry_no_banner(host: str, manifest: Manifest) -> None:
    response = httpx.get(f"{host}/api/me", headers=signed_in_headers(host, manifest))
    assert response.status_code == 200
    assert response.headers["cache-control"] == "private, no-store"
    assert "server" not in response.headers
    assert "x-powered-by" not in response.headers
