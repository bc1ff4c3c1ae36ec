"""Error logs that a flood of bad requests cannot fill: at most :data:`BURST` records of one kind
(logger, level and message template) per :data:`WINDOW_S` seconds; the rest are counted and reported
in one line when the window ends ("… N similar messages suppressed").

Installed once by ``app.py`` on the root logger's handlers (:func:`install`), so every module's
``log.exception`` / ``log.warning`` goes through it; INFO and DEBUG records pass untouched.

Examples
--------
>>> f = RateLimitFilter(burst=2, window_s=60, clock=lambda: 0.0)
>>> rec = lambda: logging.LogRecord("x", logging.ERROR, __file__, 1, "boom %s", ("a",), None)
>>> [f.filter(rec()) for _ in range(4)]
[True, True, False, False]
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

BURST = 10
WINDOW_S = 60.0


class RateLimitFilter(logging.Filter):
    def __init__(self, burst: int = BURST, window_s: float = WINDOW_S, clock: Callable[[], float] = time.monotonic):
        super().__init__()
        self.burst, self.window_s, self.clock = burst, window_s, clock
        self._seen: dict[tuple, list] = {}  # key → [window start, count]
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        key = (record.name, record.levelno, str(record.msg)[:200])
        now = self.clock()
        with self._lock:
            start, count = self._seen.get(key, (now, 0))
            if now - start >= self.window_s:
                suppressed = count - self.burst
                start, count = now, 0
                if suppressed > 0:
                    record.msg = f"{record.msg} [{suppressed} similar messages suppressed in the last {self.window_s:.0f} s]"
            count += 1
            self._seen[key] = [start, count]
            if len(self._seen) > 10_000:
                self._seen.clear()
        return count <= self.burst


def install(logger: logging.Logger | None = None) -> RateLimitFilter:
    """Add one :class:`RateLimitFilter` to every handler of ``logger`` (default: the root logger)."""
    logger = logger or logging.getLogger()
    flt = RateLimitFilter()
    if not logger.handlers:
        logging.basicConfig(level=logging.INFO)
    for handler in logger.handlers:
        handler.addFilter(flt)
    return flt
