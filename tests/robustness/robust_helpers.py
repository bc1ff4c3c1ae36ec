"""Helpers of the robustness tests: run the app under gunicorn, find its workers, check responses."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: F401 (re-exported)

REPO_ROOT = Path(__file__).resolve().parents[2]
SERVER_START_TIMEOUT_S = 900.0  # a hang guard, not a timing check: a cold cache builds the layer and the store first (minutes on a busy machine)
POLL_INTERVAL_S = 0.1
#: Text of a Python traceback; never allowed in a response body.
TRACEBACK_MARKERS = ("Traceback (most recent call last)", 'File "/', "site-packages/")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def worker_pids(master: int) -> list[int]:
    """Direct children of the gunicorn master (``/proc/<pid>/task/*/children``)."""
    out: set[int] = set()
    for task in Path(f"/proc/{master}/task").glob("*"):
        try:
            out.update(int(p) for p in (task / "children").read_text().split())
        except OSError:
            continue
    return sorted(out)


@dataclass
class GunicornServer:
    """A gunicorn server run for the tests (its own process group, stopped at teardown)."""

    base: str
    proc: subprocess.Popen
    log_path: Path

    def log_tail(self, lines: int = 40) -> str:
        text = self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def workers(self) -> list[int]:
        return worker_pids(self.proc.pid)


def start_gunicorn(run_dir: Path, workers: int = 2, extra_env: dict[str, str] | None = None) -> GunicornServer:
    """Start the app like production and wait until ``/healthz`` answers and the workers are up.

    ``extra_env`` adds or overrides environment variables (settings of :mod:`web.settings`).
    """
    gunicorn = Path(sys.executable).parent / "gunicorn"
    if not gunicorn.exists():
        found = shutil.which("gunicorn")
        assert found, f"gunicorn not found beside {sys.executable} nor on PATH"
        gunicorn = Path(found)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    run_dir.chmod(0o700)
    log_path = run_dir / "gunicorn.log"
    env = {
        **os.environ,
        "LED_BIND": f"127.0.0.1:{port}",
        "LED_WORKERS": str(workers),
        "LED_ACCESS_LOG": str(run_dir / "access.log"),
        "XDG_RUNTIME_DIR": str(run_dir),  # gunicorn 27's control socket
        **(extra_env or {}),
    }
    env.pop("LED_DEBUG", None)
    wsgi = os.environ.get("LED_ROBUSTNESS_WSGI", "app:server")
    with open(log_path, "wb") as log_file:
        proc = subprocess.Popen(
            [str(gunicorn), "-c", "gunicorn.conf.py", wsgi],
            cwd=REPO_ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = GunicornServer(base, proc, log_path)
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while not (healthy(base + "/healthz") and len(server.workers()) >= workers):
        if proc.poll() is not None:
            pytest.fail(f"gunicorn exited with {proc.returncode} before /healthz answered:\n{server.log_tail()}")
        if time.monotonic() > deadline:
            stop_gunicorn(server)
            pytest.fail(f"/healthz did not answer within {SERVER_START_TIMEOUT_S:.0f} s:\n{server.log_tail()}")
        time.sleep(POLL_INTERVAL_S)  # poll interval of a deadline-bounded wait
    return server


def stop_gunicorn(server: GunicornServer) -> None:
    proc = server.proc
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)  # quick shutdown of master and workers
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


def assert_no_traceback(text: str, context: str) -> None:
    for marker in TRACEBACK_MARKERS:
        assert marker not in text, f"{context}: response shows Python internals ({marker!r}):\n{text[:800]}"
