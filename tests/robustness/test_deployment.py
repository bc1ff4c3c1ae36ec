"""The multi-instance deployment, started here as in ``deploy/`` (issue 14): nginx in front of two app
instances sharing one PostgreSQL (datasets) and one Redis (rate limits).

Skipped when Debian's ``nginx`` or ``redis-server`` is missing, except in CI (``CI`` set), where
``scripts/test.sh`` installs them and a skip would hide the deployment.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import requests

REQUEST_GUARD_S = 60  # hang guard per request, not a timing check
CSV = b"adcode,value\n640100,1\n640200,2\n"


def _tools_or_skip() -> None:
    missing = [t for t in ("nginx", "redis-server") if not (shutil.which(t) or Path(f"/usr/sbin/{t}").exists())]
    if missing:
        reason = f"{', '.join(missing)} not installed (Debian: nginx-light redis-server)"
        if os.environ.get("CI"):
            pytest.fail(reason + "; CI must run the deployment test")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def topo():
    _tools_or_skip()
    from deploy import local

    topology = local.up(
        app_env={"LED_RATE_UPLOADS": "4/minute;100/day", "LED_RATE_API": "100000/minute"},
        page_rate="1000r/s",
        api_conns=64,  # the load below comes from one address; this module checks instances, not limits
    )
    yield topology
    local.down(topology)


def upload(base: str, label: str) -> requests.Response:
    return requests.post(
        f"{base}/api/datasets",
        files={"file": ("t.csv", CSV, "text/csv")},
        data={"label": label, "unit": "x", "source": "test"},
        timeout=REQUEST_GUARD_S,
    )


def test_a_dataset_uploaded_through_one_instance_is_served_by_the_other(topo):
    a, b = topo.instances
    created = upload(a, "through A")
    assert created.status_code == 201, created.text[:300]
    dataset_id = created.json()["id"]
    served = requests.get(f"{b}/api/datasets/{dataset_id}", timeout=REQUEST_GUARD_S)
    assert served.status_code == 200 and "640100" in served.text
    via_proxy = requests.get(f"{topo.proxy}/api/datasets/{dataset_id}", timeout=REQUEST_GUARD_S)
    assert via_proxy.status_code == 200 and via_proxy.text == served.text
    # taken down through B: gone on A as well
    gone = requests.delete(
        f"{b}/api/datasets/{dataset_id}",
        headers={"Authorization": f"Bearer {created.json()['delete_token']}"},
        timeout=REQUEST_GUARD_S,
    )
    assert gone.status_code == 204
    assert requests.get(f"{a}/api/datasets/{dataset_id}", timeout=REQUEST_GUARD_S).status_code == 410


def test_the_upload_limit_holds_across_both_instances(topo):
    a, b = topo.instances
    statuses = [upload((a, b)[i % 2], f"limit {i}").status_code for i in range(8)]
    # 4 per minute per client in Redis, shared (the test above used one): without Redis each instance
    # (and each worker) would allow 4, and all 8 would pass
    assert 1 <= statuses.count(201) <= 3 and statuses.count(429) >= 5, statuses
    assert statuses[-1] == 429


def test_slow_header_connections_do_not_take_healthz_down(topo):
    host, port = topo.proxy.removeprefix("http://").split(":")
    socks = []
    try:
        for _ in range(24):
            s = socket.create_connection((host, int(port)), timeout=10)
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # never finished
            socks.append(s)
        for _ in range(5):
            assert requests.get(f"{topo.proxy}/healthz", timeout=REQUEST_GUARD_S).status_code == 200
    finally:
        for s in socks:
            s.close()


def test_killing_one_instance_under_load_loses_at_most_the_requests_in_flight(topo):
    threads_n, duration_s, kill_at_s = 8, 8.0, 3.0
    paths = ("/healthz", "/api/indicators", "/_dash-layout", "/api/disparity?indicator=pop_resident&year=2020")
    results: list[tuple[float, int]] = []
    lock = threading.Lock()
    start = time.monotonic()

    def client(n: int) -> None:
        i = n
        with requests.Session() as http:
            while time.monotonic() - start < duration_s:
                sent = time.monotonic() - start
                try:
                    code = http.get(f"{topo.proxy}{paths[i % len(paths)]}", timeout=REQUEST_GUARD_S).status_code
                except requests.RequestException:
                    code = 0
                with lock:
                    results.append((sent, code))
                i += 1

    workers = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(threads_n)]
    for w in workers:
        w.start()
    while time.monotonic() - start < kill_at_s:
        time.sleep(0.05)  # waiting for the kill moment
    topo.kill_instance(1)
    for w in workers:
        w.join(timeout=REQUEST_GUARD_S * 2)
    failed = [(s, c) for s, c in results if c != 200]
    print(f"\n{len(results)} requests through nginx, {len(failed)} not 200: {failed[:10]}")
    assert len(results) > 50
    assert len(failed) <= threads_n, failed  # at most the requests in flight on the killed instance


def test_the_compose_proxy_config_is_generated_from_the_one_template():
    import yaml

    from deploy import local

    assert local.COMPOSE_CONF.read_text(encoding="utf-8") == local.compose_nginx_config()
    compose = yaml.safe_load((local.COMPOSE_CONF.parent / "compose.yaml").read_text(encoding="utf-8"))
    assert {"app1", "app2", "proxy", "postgres", "redis"} <= set(compose["services"])
    assert compose["services"]["app1"]["environment"]["REDIS_URL"].startswith("redis://")
