"""A bare FastAPI endpoint: the ceiling `fedctl bench` measures the shop's API against.

Served by the same uvicorn (httptools, uvloop) as the API, with nothing else: no database, no
middleware, no dependencies.
"""

from __future__ import annotations

from fastapi import FastAPI

app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)


@app.get("/api/ping")
async def ping() -> dict[str, str]:
    return {"status": "ok"}
