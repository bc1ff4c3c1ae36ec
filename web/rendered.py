"""Stored datasets served from a cached, compressed rendering (issue 14).

A dataset's content never changes once stored, so its CSV is rendered once per process, kept with its
gzip form (LRU, bounded by bytes) and served without re-reading or re-hashing the rows; only whether its
public id is still live is asked of the store on each request (one indexed lookup), so a dataset taken
down through another worker or instance is not served from here. User data is not cached publicly:
``Cache-Control: private, max-age=300``.
"""

from __future__ import annotations

import gzip
import threading
from collections import OrderedDict

from flask import Response

#: Most bytes (CSV + gzip) kept per process.
MAX_BYTES = 64 * 1024 * 1024
CACHE_CONTROL = "private, max-age=300"


class RenderedDatasets:
    """An LRU of ``dataset id → (csv bytes, gzip bytes)``, thread-safe, bounded by :data:`MAX_BYTES`."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, tuple[bytes, bytes]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, dataset_id: str) -> tuple[bytes, bytes] | None:
        with self._lock:
            item = self._items.get(dataset_id)
            if item is not None:
                self._items.move_to_end(dataset_id)
            return item

    def put(self, dataset_id: str, body: bytes) -> tuple[bytes, bytes]:
        item = (body, gzip.compress(body, compresslevel=6, mtime=0))
        size = len(item[0]) + len(item[1])
        with self._lock:
            if size <= self.max_bytes:
                self._drop_locked(dataset_id)
                self._items[dataset_id] = item
                self._size += size
                while self._size > self.max_bytes:
                    _, old = self._items.popitem(last=False)
                    self._size -= len(old[0]) + len(old[1])
        return item

    def drop(self, dataset_id: str) -> None:
        with self._lock:
            self._drop_locked(dataset_id)

    def _drop_locked(self, dataset_id: str) -> None:
        old = self._items.pop(dataset_id, None)
        if old is not None:
            self._size -= len(old[0]) + len(old[1])

    @staticmethod
    def response(item: tuple[bytes, bytes], dataset_id: str, accept_encoding: str) -> Response:
        plain, packed = item
        gz = "gzip" in accept_encoding.lower()
        resp = Response(packed if gz else plain, mimetype="text/csv")
        if gz:
            resp.headers["Content-Encoding"] = "gzip"
        resp.headers["Vary"] = "Accept-Encoding"
        resp.headers["Content-Disposition"] = f'attachment; filename="dataset_{dataset_id}.csv"'
        resp.headers["Cache-Control"] = CACHE_CONTROL
        resp.headers["X-Content-Type-Options"] = "nosniff"
        return resp
