"""Plaintext of the latest code per number, kept in memory for GET /api/dev/otp in development.

The app creates a DevCodeBook only when APP_ENV=development, so in production the plaintext is never
kept anywhere: the database only ever holds the hash.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class DevCode:
    code: str
    otp_id: int


class DevCodeBook:
    def __init__(self) -> None:
        self._codes: dict[str, DevCode] = {}
        self._lock = threading.Lock()

    def remember(self, mobile: str, code: str, otp_id: int) -> None:
        with self._lock:
            self._codes[mobile] = DevCode(code, otp_id)

    def latest(self, mobile: str) -> DevCode | None:
        with self._lock:
            return self._codes.get(mobile)

    def forget(self, mobile: str) -> None:
        with self._lock:
            self._codes.pop(mobile, None)
