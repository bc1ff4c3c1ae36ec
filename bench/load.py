"""Run locust (its CLI, in its own process) against one server and read its CSV summary."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

LOCUST = Path(sys.executable).parent / "locust"
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"


def run_locust(
    host: str, payload_file: Path, out_prefix: Path, users: int, seconds: int, history: bool = False
) -> dict:
    """``locust --headless`` with ``users`` users for ``seconds`` s; the aggregated figures."""
    if not LOCUST.exists():
        raise RuntimeError(f"{LOCUST} is missing: pip install -r bench/requirements.txt")
    cmd = [
        str(LOCUST),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "10",
        "--host",
        host,
        "--csv",
        str(out_prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "0",
    ]
    if history:
        cmd.append("--csv-full-history")
    env = {**os.environ, "BENCH_PAYLOADS": str(payload_file)}
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=seconds + 120)
    if proc.returncode != 0:
        raise RuntimeError(f"locust failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return read_stats(out_prefix)


def read_stats(out_prefix: Path) -> dict:
    rows = list(csv.DictReader(open(f"{out_prefix}_stats.csv", encoding="utf-8")))
    agg = next(r for r in rows if r["Name"] == "Aggregated")
    failures = []
    fail_path = Path(f"{out_prefix}_failures.csv")
    if fail_path.exists():
        failures = [
            {"error": r["Error"], "occurrences": int(r["Occurrences"])}
            for r in csv.DictReader(open(fail_path, encoding="utf-8"))
        ]
    return {
        "requests": int(agg["Request Count"]),
        "failures": int(agg["Failure Count"]),
        "rps": float(agg["Requests/s"]),
        "median_ms": float(agg["Median Response Time"]),
        "p95_ms": float(agg["95%"]),
        "failure_kinds": failures,
    }
