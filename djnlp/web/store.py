"""Finished downloads (annotated .docx, JSON Lines, ledgers) kept in memory for a while.

Each file gets an unguessable token; the store forgets files after ``ttl`` seconds and drops the
oldest when the total passes ``max_bytes``, so a long-running server stays bounded.

>>> store = DownloadStore(ttl=60, max_bytes=10)
>>> token = store.add("台账.xlsx", "application/octet-stream", b"12345")
>>> store.get(token).filename
'台账.xlsx'
>>> _ = store.add("b.bin", "application/octet-stream", b"678901")   # 11 bytes > 10: the oldest goes
>>> store.get(token) is None
True
"""
from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Download", "DownloadStore"]


@dataclass(frozen=True)
class Download:
    """A file ready to be sent: the name offered to the browser, its media type and bytes."""

    filename: str
    content_type: str
    data: bytes = field(repr=False)
    expires: float = 0.0


class DownloadStore:
    """Thread-safe token → :class:`Download` map with expiry and a byte budget."""

    def __init__(self, *, ttl: float = 3600.0, max_bytes: int = 300_000_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.max_bytes = max_bytes
        self._clock = clock
        self._items: OrderedDict[str, Download] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def add(self, filename: str, content_type: str, data: bytes) -> str:
        """Keep ``data``; returns the token that fetches it."""
        token = secrets.token_urlsafe(18)
        with self._lock:
            self._items[token] = Download(filename, content_type, data, self._clock() + self.ttl)
            self._bytes += len(data)
            self._evict()
        return token

    def get(self, token: str) -> Download | None:
        """The download for ``token``, or ``None`` if unknown or expired."""
        with self._lock:
            self._evict()
            return self._items.get(token)

    def _evict(self) -> None:
        now = self._clock()
        while self._items:
            token, item = next(iter(self._items.items()))
            if item.expires > now and self._bytes <= self.max_bytes:
                break
            del self._items[token]
            self._bytes -= len(item.data)
