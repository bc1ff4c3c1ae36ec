"""County level (issue 13) beside the prefecture level: server time of the data API, same run, same server.

For each route the first answer (cold: the worker computes the county frames, the indicator and, for
disparity, the three-level Theil and Moran's I) and the warm median of ``reps`` repeats are timed on the
client, at ``level=prefecture`` and ``level=county``; the CSV answer size is recorded.

    .venv/bin/python -m bench.county_api http://127.0.0.1:8050   # against a running server
"""

from __future__ import annotations

import statistics
import sys
import time

import requests

#: (name, prefecture path, county path).
ROUTES = (
    ("indicator list", "/api/indicators", "/api/indicators?level=county"),
    (
        "CSV, share from other provinces 2020",
        "/api/indicators/migrants_other_prov_pct.csv?year=2020",
        "/api/indicators/migrants_other_prov_pct.csv?year=2020&level=county",
    ),
    (
        "CSV, LQ manufacturing 2020",
        "/api/indicators/lq_census_manuf.csv?year=2020",
        "/api/indicators/lq_census_manuf.csv?year=2020&level=county",
    ),
    (
        "disparity, share from other provinces 2020",
        "/api/disparity?indicator=migrants_other_prov_pct&year=2020",
        "/api/disparity?indicator=migrants_other_prov_pct&year=2020&level=county",
    ),
    (
        "LISA, share from other provinces 2020",
        "/api/lisa?indicator=migrants_other_prov_pct&year=2020",
        "/api/lisa?indicator=migrants_other_prov_pct&year=2020&level=county",
    ),
)


def _time(session: requests.Session, url: str) -> tuple[float, int, int]:
    t0 = time.perf_counter()
    resp = session.get(url, timeout=600)
    body = resp.content
    return (time.perf_counter() - t0) * 1000, resp.status_code, len(body)


def measure(base: str, reps: int = 10) -> list[dict]:
    """One row per route: cold and warm milliseconds and bytes at both levels."""
    rows = []
    with requests.Session() as session:
        for name, pref, county in ROUTES:
            row: dict = {"route": name}
            for level, path in (("prefecture", pref), ("county", county)):
                cold, status, size = _time(session, base + path)
                warm = [_time(session, base + path)[0] for _ in range(reps)]
                row[level] = {"cold_ms": cold, "warm_ms": statistics.median(warm), "status": status, "bytes": size}
            rows.append(row)
    return rows


def markdown(rows: list[dict] | None) -> list[str]:
    """The BENCHMARKS.md section of :func:`measure`'s rows (empty when not measured)."""
    if not rows:
        return []
    out = [
        "",
        "## County level beside the prefecture level: data API (issue 13)",
        "",
        "First answer of a worker (cold) and warm median, same server, same run; bytes uncompressed.",
        "",
        "| route | prefecture cold / warm | county cold / warm | prefecture bytes | county bytes |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        p, c = r["prefecture"], r["county"]
        out.append(
            f"| {r['route']} | {p['cold_ms']:.0f} / {p['warm_ms']:.0f} ms | {c['cold_ms']:.0f} / {c['warm_ms']:.0f} ms "
            f"| {p['bytes'] / 1000:.1f} kB | {c['bytes'] / 1000:.1f} kB |"
        )
    return out


if __name__ == "__main__":
    for line in markdown(measure(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8050")):
        print(line)
