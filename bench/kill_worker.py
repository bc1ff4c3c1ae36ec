"""Load with a worker killed: does the app keep answering when a gunicorn worker dies under load?

locust (its CLI, own process) runs ``--users`` users for ``--seconds`` s against the app served by
gunicorn with 2 workers; after ``--kill-at`` s one worker gets SIGKILL. Reported: requests and
failures (with locust's error texts), the connections the killed worker held at that moment (its
sockets in ESTABLISHED state on the server port, from ``/proc``: the most requests that can be lost
with it), whether gunicorn started a replacement worker and how long that took, and whether
requests succeeded after the kill.

    .venv/bin/python -m bench.kill_worker --payloads <file> [--users 50 --seconds 60 --kill-at 30]

``bench/run.py`` calls :func:`run` and puts the result into BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench import servers
from bench.load import LOCUST, LOCUSTFILE, read_stats


def established_connections(pid: int, port: int) -> int:
    """Sockets of ``pid`` in ESTABLISHED state whose local port is ``port`` (IPv4 loopback)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").glob("*"):
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    count = 0
    for line in Path(f"/proc/{pid}/net/tcp").read_text().splitlines()[1:]:  # OSError if pid is gone
        parts = line.split()
        local_port = int(parts[1].split(":")[1], 16)
        if local_port == port and parts[3] == "01" and parts[9] in inodes:
            count += 1
    return count


def run(
    payload_file: Path, out_dir: Path, users: int = 50, seconds: int = 60, kill_at: float = 30.0, log=print
) -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    prefix = out_dir / "kill"
    with servers.app_server(workers=2) as server:
        before = server.worker_pids()
        seen = set(before)  # every worker pid seen: gunicorn's max_requests also recycles workers
        env = {**os.environ, "BENCH_PAYLOADS": str(payload_file)}
        cmd = [
            str(LOCUST), "-f", str(LOCUSTFILE), "--headless", "--users", str(users), "--spawn-rate", str(users),
            "--run-time", f"{seconds}s", "--stop-timeout", "10", "--host", server.base, "--csv", str(prefix),
            "--csv-full-history", "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0",
        ]  # fmt: skip
        started = time.monotonic()
        locust = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            while time.monotonic() - started < kill_at:
                if locust.poll() is not None:
                    raise RuntimeError(f"locust ended early: {locust.stderr.read()[-2000:]}")
                seen.update(server.worker_pids())
                time.sleep(0.2)
            # The current workers: gunicorn's max_requests may have recycled the first ones already.
            victim = server.worker_pids()[0]
            try:
                held = established_connections(victim, server.port)
            except OSError:
                held = None
            kill_time = time.monotonic()
            os.kill(victim, signal.SIGKILL)
            log(f"  SIGKILL worker {victim} at {kill_time - started:.1f} s ({held} connections open on it)")
            replaced_after = None
            deadline = kill_time + 30
            while time.monotonic() < deadline:
                pids = server.worker_pids()
                if victim not in pids and len(pids) >= 2:
                    replaced_after = time.monotonic() - kill_time
                    break
                time.sleep(0.05)
            after = server.worker_pids()
            end = started + seconds + 60
            while locust.poll() is None and time.monotonic() < end:
                seen.update(server.worker_pids())
                time.sleep(0.2)
            _, err = locust.communicate(timeout=30)
            if locust.returncode != 0:
                raise RuntimeError(f"locust failed ({locust.returncode}): {err[-2000:]}")
        finally:
            if locust.poll() is None:
                locust.terminate()
                locust.wait(timeout=20)
        stats = read_stats(prefix)
        late = _requests_after(prefix, kill_time - started + 5)
    result = {
        "users": users,
        "seconds": seconds,
        "kill_at_s": kill_at,
        "killed_pid": victim,
        "connections_on_killed_worker": held,
        "workers_before": before,
        "workers_after": after,
        "workers_recycled_by_max_requests": max(0, len(seen) - len(before) - (1 if replaced_after is not None else 0)),
        "replaced_after_s": replaced_after,
        "requests_after_kill_plus_5s": late,
        **stats,
    }
    return result


def _requests_after(prefix: Path, t_rel: float) -> dict:
    """Requests and failures counted by locust after ``t_rel`` s of the run (from the full history)."""
    path = Path(f"{prefix}_stats_history.csv")
    rows = [r for r in csv.DictReader(open(path, encoding="utf-8")) if r["Name"] == "Aggregated"]
    if not rows:
        return {}
    t0 = int(rows[0]["Timestamp"])
    first = next((r for r in rows if int(r["Timestamp"]) - t0 >= t_rel), None)
    last = rows[-1]
    if first is None:
        return {}
    return {
        "requests": int(last["Total Request Count"]) - int(first["Total Request Count"]),
        "failures": int(last["Total Failure Count"]) - int(first["Total Failure Count"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--payloads", type=Path, required=True, help="JSON list of recorded callback bodies")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--kill-at", type=float, default=30.0)
    parser.add_argument("--out", type=Path, default=servers.run_dir("led-kill-"))
    args = parser.parse_args(argv)
    print(json.dumps(run(args.payloads, args.out, args.users, args.seconds, args.kill_at), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
