"""Server-side latency of the switch callback: replay recorded ``POST /_dash-update-component`` bodies.

The bodies are the ones the browser sent for the callback that recolours the map during the
indicator switches of :mod:`bench.browser` (app: ``recolour`` returning ``hideout``; peer: the
callback returning the whole figure). They are replayed in turn, one at a time, over one keep-alive
connection, and each round trip is timed on the client (request sent → response body read).
"""

from __future__ import annotations

import statistics
import time

import requests

HEADERS = {"Content-Type": "application/json", "Accept": "application/json", "Accept-Encoding": "gzip, deflate"}


def percentile(values: list[float], q: float) -> float:
    """``q``-th percentile (0–100) with linear interpolation.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 50)
    2.5
    """
    data = sorted(values)
    if not data:
        raise ValueError("no values")
    pos = (len(data) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def replay(base: str, payloads: list[str], reps: int, max_seconds: float, min_reps: int = 30) -> dict:
    """Time ``reps`` POSTs (cycling through ``payloads``), stopping early after ``max_seconds``
    once ``min_reps`` are done. Returns milliseconds p50/p95/mean, count, errors, response bytes."""
    if not payloads:
        raise ValueError("no recorded payloads to replay")
    url = base + "/_dash-update-component"
    times: list[float] = []
    sizes: list[int] = []
    errors = 0
    with requests.Session() as session:
        for body in payloads[:2]:  # warm-up: connection and per-indicator caches of both servers
            session.post(url, data=body.encode(), headers=HEADERS, timeout=60)
        start = time.monotonic()
        for i in range(reps):
            body = payloads[i % len(payloads)].encode()
            t0 = time.perf_counter()
            resp = session.post(url, data=body, headers=HEADERS, timeout=60)
            content = resp.content
            times.append((time.perf_counter() - t0) * 1000)
            sizes.append(len(content))
            errors += resp.status_code >= 400
            if time.monotonic() - start > max_seconds and len(times) >= min_reps:
                break
    return {
        "n": len(times),
        "p50_ms": percentile(times, 50),
        "p95_ms": percentile(times, 95),
        "mean_ms": statistics.fmean(times),
        "errors": errors,
        "response_bytes_median": statistics.median(sizes),
    }
