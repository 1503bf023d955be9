"""OpenAPI descriptions of the error responses, so clients and schemathesis know every status."""

from __future__ import annotations

from typing import Any

from shop_api.schemas import ErrorPublic

_ERROR: dict[str, Any] = {"model": ErrorPublic}

UNAUTHORIZED: dict[int | str, dict[str, Any]] = {401: {**_ERROR, "description": "Not signed in"}}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {**_ERROR, "description": "Not found"}}
BAD_REQUEST: dict[int | str, dict[str, Any]] = {400: {**_ERROR, "description": "Refused"}}
TOO_MANY: dict[int | str, dict[str, Any]] = {429: {**_ERROR, "description": "Rate limited; see Retry-After"}}
CROSS_ORIGIN: dict[int | str, dict[str, Any]] = {
    403: {**_ERROR, "description": "Sent by a page of another origin (CSRF protection)"}
}
