"""Liveness probe polled by `make up` and the browser tests."""

from __future__ import annotations

from fastapi import APIRouter

from shop_api.schemas import HealthPublic

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthPublic)
def read_health() -> HealthPublic:
    """Report that the API process is up and serving."""
    return HealthPublic(status="ok")
