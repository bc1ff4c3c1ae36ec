"""Start and stop the two servers of the benchmark (the app and the peer), each under gunicorn.

Both run as in production: ``gunicorn -c <conf> <module>:server`` with ``LED_WORKERS`` workers
(2 by default), on a free loopback port, in their own process group. :class:`Server` knows its
master pid, finds the worker pids through ``/proc`` and stops everything it started.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
START_TIMEOUT_S = 120.0
POLL_S = 0.1

APP = {"name": "LED Atlas", "conf": "gunicorn.conf.py", "wsgi": "app:server"}
PEER = {"name": "Plotly peer", "conf": "bench/peer_gunicorn.conf.py", "wsgi": "bench.peer_app:server"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_dir(prefix: str = "led-bench-") -> Path:
    """A private folder for logs and gunicorn's control socket (outside /tmp, which may be swept)."""
    root = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "led-bench"
    root.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=root))
    path.chmod(0o700)
    return path


def _get(url: str, timeout: float = 2.0) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def children(pid: int) -> list[int]:
    """Direct child pids of ``pid`` (``/proc/<pid>/task/*/children``)."""
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return sorted(set(out))


def rss_bytes(pid: int) -> int | None:
    """Resident set size of ``pid`` from ``/proc/<pid>/status`` (VmRSS)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def pss_uss_bytes(pid: int) -> tuple[int | None, int | None]:
    """Proportional and unique set size of ``pid`` (``/proc/<pid>/smaps_rollup``): shared pages
    of the preloaded master count once per sharer in PSS and not at all in USS."""
    try:
        fields = {}
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                fields[parts[0].rstrip(":")] = int(parts[1]) * 1024
        uss = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
        return fields.get("Pss"), uss
    except OSError:
        return None, None


@dataclass
class Server:
    """A gunicorn server started by the benchmark (stopped by :meth:`stop`)."""

    name: str
    conf: str
    wsgi: str
    workers: int = 2
    port: int = field(default_factory=free_port)
    folder: Path = field(default_factory=run_dir)
    proc: subprocess.Popen | None = None
    extra_env: dict = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.folder / "gunicorn.log"

    def start(self) -> Server:
        env = {
            **os.environ,
            "LED_BIND": f"127.0.0.1:{self.port}",
            "LED_WORKERS": str(self.workers),
            "XDG_RUNTIME_DIR": str(self.folder),  # gunicorn 27's control socket goes here
            **self.extra_env,
        }
        env.pop("LED_DEBUG", None)
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [str(GUNICORN), "--config", str(REPO_ROOT / self.conf), self.wsgi],
                cwd=REPO_ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + START_TIMEOUT_S
        while _get(self.base + "/healthz") != 200:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name}: gunicorn exited with {self.proc.returncode}:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(
                    f"{self.name}: /healthz did not answer in {START_TIMEOUT_S:.0f} s:\n{self.log_tail()}"
                )
            time.sleep(POLL_S)
        self.wait_workers(self.workers)
        return self

    def wait_workers(self, n: int, timeout: float = 60.0) -> list[int]:
        """Worker pids once ``n`` workers are up and /healthz answers (deadline-bounded)."""
        deadline = time.monotonic() + timeout
        while True:
            pids = self.worker_pids()
            if len(pids) >= n and _get(self.base + "/healthz") == 200:
                return pids
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name}: {len(pids)} of {n} workers after {timeout:.0f} s")
            time.sleep(POLL_S)

    def worker_pids(self) -> list[int]:
        return children(self.proc.pid) if self.proc else []

    def log_tail(self, lines: int = 30) -> str:
        text = self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGINT)  # gunicorn: quick shutdown of master and workers
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=5)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def app_server(workers: int = 2, **kw) -> Server:
    return Server(APP["name"], APP["conf"], APP["wsgi"], workers=workers, **kw)


def peer_server(workers: int = 2, **kw) -> Server:
    return Server(PEER["name"], PEER["conf"], PEER["wsgi"], workers=workers, **kw)
