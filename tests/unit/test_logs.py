"""Error logs are rate-limited (issue 14): a flood of one error writes a bounded number of lines."""

from __future__ import annotations

import io
import logging

from web.logs import RateLimitFilter


def test_a_flood_of_one_error_writes_a_burst_then_one_summary_line():
    now = [0.0]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RateLimitFilter(burst=3, window_s=60, clock=lambda: now[0]))
    log = logging.getLogger("test_logs_flood")
    log.addHandler(handler)
    log.propagate = False
    log.setLevel(logging.INFO)
    try:
        for i in range(500):
            log.error("bad request %s", i)
        log.error("another kind")
        log.info("info is never limited %s", 1)
        log.info("info is never limited %s", 2)
        now[0] = 61.0
        log.error("bad request %s", "late")
    finally:
        log.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert lines[:3] == ["bad request 0", "bad request 1", "bad request 2"]
    assert lines[3:6] == ["another kind", "info is never limited 1", "info is never limited 2"]
    assert lines[6] == "bad request late [497 similar messages suppressed in the last 60 s]"
    assert len(lines) == 7
