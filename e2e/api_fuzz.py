"""Schemathesis through the doors a browser uses: the host in the local layout, the edge in the
production one. Every request must reach the API untouched: no 5xx, and for reads the same status
as the API gives directly (tests/api fuzzes the API itself, in process)."""

from __future__ import annotations

import os
from dataclasses import dataclass

import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from requests.adapters import HTTPAdapter
from schemathesis import GenerationMode

from fedctl.manifest import Manifest
from support import new_mobile, read_dev_code

HTTP_METHODS = {"get", "put", "post", "patch", "delete"}


class SourceAddressAdapter(HTTPAdapter):
    """Connections from one loopback address: the fuzzer is its own visitor for the rate limits."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args: object, **kwargs: object) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)  # type: ignore[no-untyped-call]


@dataclass(frozen=True)
class Door:
    base_url: str
    direct_url: str
    api_origins: list[str]
    source_address: str


def operation_labels() -> list[str]:
    """Every operation of the development API (the one with the most routes), but logging out:
    it would revoke the token every other case uses."""
    from shop_api.core.config import Settings
    from shop_api.main import create_app

    app = create_app(Settings(APP_ENV="development", DATABASE_URL="sqlite:///:memory:"))
    return [
        f"{method.upper()} {path}"
        for path, item in app.openapi()["paths"].items()
        for method in item
        if method in HTTP_METHODS and f"{method.upper()} {path}" != "POST /api/auth/logout"
    ]


def fuzz_through(door: Door, manifest: Manifest, label: str) -> None:
    session = requests.Session()
    session.mount("http://", SourceAddressAdapter(door.source_address))
    mobile = new_mobile()
    assert session.post(f"{door.base_url}/api/auth/otp", json={"mobile": mobile}).status_code == 202
    code = read_dev_code(manifest, mobile, door.api_origins)
    token = session.post(f"{door.base_url}/api/auth/verify", json={"mobile": mobile, "code": code}).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    schema = schemathesis.openapi.from_url(f"{door.direct_url}/api/openapi.json")
    operation = schema.find_operation_by_label(label)
    assert operation is not None
    strategy = st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE))

    @given(case=strategy)
    @settings(
        max_examples=25,
        derandomize=bool(os.environ.get("CI")),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        database=None,
    )
    def check(case: schemathesis.Case) -> None:
        response = case.call(base_url=door.base_url, session=session, headers=headers)
        assert response.status_code < 500, f"{case.method} {response.request.url} → {response.status_code}"
        # A development code lives in the memory of the worker that made it: which worker
        # answers decides that one, not the door.
        if case.method == "GET" and case.path != "/api/dev/otp":
            direct = case.call(base_url=door.direct_url, session=session, headers=headers)
            assert response.status_code == direct.status_code, f"{response.request.url} vs {direct.request.url}"

    check()
