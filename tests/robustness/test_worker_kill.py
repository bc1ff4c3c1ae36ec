"""A worker killed under load: the service keeps answering and gunicorn replaces the worker.

A server of its own (2 workers) gets requests from 20 client threads (urllib, a new connection per
request) for 10 s; after 3 s one worker receives SIGKILL. Only requests in flight at that moment may
fail (at most one per client thread); from one second after the kill on, every request succeeds, and
a new worker takes the killed one's place. The 60 s locust variant is ``bench/kill_worker.py``.
"""

from __future__ import annotations

import http.client
import os
import signal
import threading
import time
import urllib.error
import urllib.request

import pytest

from tests.robustness.robust_helpers import start_gunicorn, stop_gunicorn

pytestmark = pytest.mark.slow

THREADS = 20
DURATION_S = 10.0
KILL_AT_S = 3.0
PATHS = ("/healthz", "/_dash-layout", "/api/indicators", "/")


@pytest.fixture(scope="module")
def own_server(tmp_path_factory):
    # 20 clients from one address on /api/ would hit the per-client rate limit: this test is about workers
    server = start_gunicorn(tmp_path_factory.mktemp("kill-gunicorn"), workers=2, extra_env={"LED_RATE_UPLOADS": "off"})
    yield server
    stop_gunicorn(server)


def test_service_survives_a_killed_worker(own_server):
    results: list[tuple[float, bool]] = []  # (time the request was sent, succeeded)
    lock = threading.Lock()
    start = time.monotonic()
    stop_at = start + DURATION_S

    def client(n: int) -> None:
        i = n
        while time.monotonic() < stop_at:
            sent = time.monotonic() - start
            try:
                with urllib.request.urlopen(own_server.base + PATHS[i % len(PATHS)], timeout=15) as resp:
                    ok = resp.status == 200
                    resp.read()
            except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError, OSError):
                # a response cut off by the kill (IncompleteRead) counts as a failed request
                ok = False
            with lock:
                results.append((sent, ok))
            i += 1

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(THREADS)]
    for t in threads:
        t.start()
    while time.monotonic() - start < KILL_AT_S:
        time.sleep(0.05)  # waiting for the kill moment, bounded by KILL_AT_S
    victim = own_server.workers()[0]
    os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic() - start
    replaced_after = None
    while time.monotonic() < stop_at:
        pids = own_server.workers()
        if victim not in pids and len(pids) >= 2:
            replaced_after = time.monotonic() - start - killed_at
            break
        time.sleep(0.05)
    for t in threads:
        t.join(timeout=30)

    failed = [s for s, ok in results if not ok]
    late_failures = [s for s in failed if s > killed_at + 1.0]
    after = [ok for s, ok in results if s > killed_at + 1.0]
    print(
        f"\n{len(results)} requests, {len(failed)} failed (all sent before {killed_at + 1:.1f} s: {not late_failures}),"
        f" worker replaced after {replaced_after}"
    )
    assert replaced_after is not None, "gunicorn did not replace the killed worker"
    assert len(failed) <= THREADS, f"{len(failed)} requests failed; at most {THREADS} were in flight at the kill"
    assert not late_failures, f"requests sent after the kill failed at {late_failures[:10]}"
    assert len(after) > 50 and all(after), "the service did not keep answering after the kill"
