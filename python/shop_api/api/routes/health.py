"""Liveness probe polled by `make up` and the browser tests."""

from __future__ import annotations

from fastapi import APIRouter

from shop_api.schemas import HealthPublic

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthPublic)
async def read_health() -> HealthPublic:
    """Report that the API process is up and serving."""
    # Async and without the database: it answers from the event loop even when every worker
    # thread and database slot is busy, which is what a liveness probe should report.
    return HealthPublic(status="ok")
