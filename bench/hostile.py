"""Hostile-input probes of issue 14, side by side: prints the figures and writes ``bench/HOSTILE.md``.

    .venv/bin/python -m bench.hostile

1. Workbooks: the merged-range XLSX, 6 M cells under the byte limit, billion laughs, XXE — wall time
   and peak memory of reading each as the app does now (a separate limited process) and as it did
   before (openpyxl ``read_only=False`` in the worker; stopped after :data:`BEFORE_CAP_S`).
2. ``/healthz`` while 24 slow-header connections are open: straight to gunicorn vs through nginx.
3. ``/healthz`` p95 during a flood of 300 heavy requests (a 18,500-row stored dataset, CSV exports):
   straight to one instance vs through nginx with two.

Needs Debian's nginx-light and redis-server (as the deployment test) and PostgreSQL.
"""

from __future__ import annotations

import io
import json
import math
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
OUT = Path(__file__).with_name("HOSTILE.md")
BEFORE_CAP_S = 30

_BEFORE = r"""
import io, sys, time, resource, warnings
sys.path.insert(0, %r)
from tests.hostile import xlsx as h
from openpyxl import load_workbook
content = getattr(h, sys.argv[1])()
t = time.perf_counter()
try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(io.BytesIO(content), data_only=False, read_only=False)
        ws = wb.worksheets[0]
        merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
        n = sum(1 for _ in ws.iter_rows())
    out = "read"
except Exception as e:
    out = type(e).__name__
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(out, time.perf_counter() - t, hwm / 1024, flush=True)
"""


def workbook_rows() -> list[dict]:
    sys.path.insert(0, str(REPO))
    import userdata as ud
    from tests.hostile import xlsx as h

    rows = []
    names = ("merged_range_xlsx", "many_cells_xlsx", "billion_laughs_xlsx", "xxe_xlsx")
    now = {}
    from userdata.errors import DEFAULT_LIMITS
    from userdata.xlsx import run_child

    for name in names:
        content = getattr(h, name)()
        t = time.perf_counter()
        try:
            ud.read_table(content)
            outcome = "accepted"
        except ud.UserDataError as exc:
            outcome = exc.errors[0].code
        seconds = time.perf_counter() - t
        now[name] = (outcome, seconds, run_child(content, DEFAULT_LIMITS).get("peak_kb", 0) / 1024)
    for name in names:
        content = getattr(h, name)()
        outcome, after_s, child_mb = now[name]
        t = time.perf_counter()
        try:
            proc = subprocess.run(
                [sys.executable, "-c", _BEFORE % str(REPO), name], capture_output=True, text=True, timeout=BEFORE_CAP_S
            )
            fields = proc.stdout.split()
            old = f"{fields[0]} in {float(fields[1]):.1f} s, peak {float(fields[2]):.0f} MB" if fields else proc.stderr[-80:]
        except subprocess.TimeoutExpired:
            old = f"still reading after {BEFORE_CAP_S} s (stopped)"
        rows.append({"file": name, "kB": len(content) / 1024, "now": f"{outcome} in {after_s:.2f} s (reader process peak {child_mb:.0f} MB)", "before": old})
        print(rows[-1], flush=True)
    return rows


def healthz_during(base: str, action, seconds: float = 15.0) -> dict:
    """``/healthz`` latencies (and failures) while ``action()`` runs in the background."""
    stop = threading.Event()
    bg = threading.Thread(target=action, args=(stop,), daemon=True)
    bg.start()
    time.sleep(1.0)
    lat, fails = [], 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        t = time.perf_counter()
        try:
            ok = requests.get(f"{base}/healthz", timeout=10).status_code == 200
        except requests.RequestException:
            ok = False
        if ok:
            lat.append((time.perf_counter() - t) * 1000)
        else:
            fails += 1
        time.sleep(0.2)
    stop.set()
    bg.join(timeout=60)
    lat.sort()
    p95 = lat[min(len(lat) - 1, math.ceil(0.95 * len(lat)) - 1)] if lat else float("nan")
    return {"ok": len(lat), "failed": fails, "p50_ms": statistics.median(lat) if lat else float("nan"), "p95_ms": p95}


def slow_headers(base: str):
    host, port = base.removeprefix("http://").split(":")

    def run(stop):
        socks = []
        for _ in range(24):
            try:
                s = socket.create_connection((host, int(port)), timeout=5)
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
                socks.append(s)
            except OSError:
                pass
        while not stop.is_set():
            for s in socks:
                try:
                    s.sendall(b"X-a: b\r\n")  # one more header line, never the end
                except OSError:
                    pass
            stop.wait(2.0)
        for s in socks:
            s.close()

    return run


def flood(base: str, dataset_id: str):
    paths = [f"/api/datasets/{dataset_id}", "/api/indicators/pop_resident.csv?year=2020", "/api/disparity?indicator=gdp_per_resident&year=2020"]

    def run(stop):
        with ThreadPoolExecutor(30) as pool:
            list(pool.map(lambda i: requests.get(base + paths[i % 3], timeout=120).status_code if not stop.is_set() else 0, range(300)))

    return run


def big_dataset_csv() -> bytes:
    from geodata import layer

    codes = layer.units()["adcode"].tolist()
    buf = io.StringIO()
    buf.write("adcode,year,value\n")
    for year in range(1975, 2025):
        for i, code in enumerate(codes):
            buf.write(f"{code},{year},{(i * 37 + year) % 1000 / 7:.3f}\n")
    return buf.getvalue().encode()


def main() -> int:
    sys.path.insert(0, str(REPO))
    from deploy import local

    results = {"workbooks": workbook_rows()}
    topo = local.up(app_env={"LED_RATE_API": "100000/minute", "LED_RATE_UPLOADS": "100/minute"}, page_rate="1000r/s")
    try:
        direct, proxy = topo.instances[1], topo.proxy
        results["slow_headers"] = {
            "direct to gunicorn": healthz_during(direct, slow_headers(direct)),
            "through nginx": healthz_during(proxy, slow_headers(proxy)),
        }
        print(results["slow_headers"], flush=True)
        created = requests.post(
            f"{direct}/api/datasets",
            files={"file": ("big.csv", big_dataset_csv(), "text/csv")},
            data={"label": "flood", "unit": "x", "source": "bench"},
            timeout=300,
        ).json()
        results["flood"] = {
            "direct to one instance": healthz_during(direct, flood(direct, created["id"]), 20),
            "through nginx, two instances": healthz_during(proxy, flood(proxy, created["id"]), 20),
        }
        print(results["flood"], flush=True)
    finally:
        local.down(topo)
    lines = ["# Hostile-input probes (issue 14)", "", f"`python -m bench.hostile`, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.", ""]
    lines += ["| workbook | kB | now | before (openpyxl in the worker) |", "|---|---:|---|---|"]
    lines += [f"| {r['file']} | {r['kB']:.1f} | {r['now']} | {r['before']} |" for r in results["workbooks"]]
    for title, key in (("`/healthz` during 24 slow-header connections", "slow_headers"), ("`/healthz` during 300 heavy requests (30 at a time)", "flood")):
        lines += ["", f"## {title}", "", "| path | answered | failed | p50 ms | p95 ms |", "|---|---:|---:|---:|---:|"]
        lines += [f"| {k} | {v['ok']} | {v['failed']} | {v['p50_ms']:.0f} | {v['p95_ms']:.0f} |" for k, v in results[key].items()]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=1, default=str))
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
