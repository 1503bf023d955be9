"""JSON answers serialised once.

An endpoint that returns a model makes FastAPI validate it again against its response_model and
then encode it in two more passes (jsonable_encoder, json.dumps). The hot endpoints build their
model themselves, so they answer with its JSON directly; their response_model stays in the
decorator for the OpenAPI schema, and the bytes are the same (camelCase aliases, compact JSON).
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import Response
from pydantic import BaseModel


def json_bytes(model: BaseModel) -> bytes:
    return model.model_dump_json(by_alias=True).encode()


def json_answer(body: BaseModel | bytes, status_code: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    content = body if isinstance(body, bytes) else json_bytes(body)
    return Response(content, status_code=status_code, headers=headers, media_type="application/json")
