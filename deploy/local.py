"""The multi-instance topology on one machine: nginx → two app instances → one PostgreSQL + one Redis.

    python deploy/local.py                # start everything, print the proxy's URL, stop on Ctrl-C
    python deploy/local.py compose-conf   # write deploy/nginx.compose.conf (for compose.yaml) from the template

The same topology as ``deploy/compose.yaml`` (for a real host), built from Debian's ``nginx`` and
``redis-server``, this repository's gunicorn configuration and ``scripts/postgres_for_tests.sh`` (or
the PostgreSQL of ``DATABASE_URL`` when it is set). Every port is a free loopback port; every file
lives in one temporary folder, removed by :func:`down`. ``tests/robustness/test_deployment.py``
starts it in CI: a dataset uploaded through one instance is served by the other, the upload limit
holds across both (Redis), and killing one instance under load loses no request beyond those in
flight on it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script: python deploy/local.py
    sys.path.insert(0, str(REPO))
from web import settings as web_settings  # noqa: E402 - the one reader of the environment

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
START_GUARD_S = 900.0  # a hang guard: a cold cache builds the geometry and the store first


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


@dataclass
class Topology:
    run_dir: Path
    proxy: str
    instances: list[str]
    database_url: str
    redis_url: str
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)
    own_postgres: bool = False

    def kill_instance(self, n: int) -> None:
        """SIGKILL instance ``n``'s gunicorn master and its workers (its process group)."""
        proc = self.procs[f"app{n}"]
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)


def nginx_config(
    run_dir: Path | str, listen: str, upstreams: list[str], page_rate: str = "30r/s", api_conns: int = 4
) -> str:
    """nginx's configuration from :data:`TEMPLATE` (the one source of the proxy's settings)."""
    text = TEMPLATE.read_text(encoding="utf-8")
    servers = "\n        ".join(f"server {u} max_fails=1 fail_timeout=5s;" for u in upstreams)
    return (
        text.replace("@@RUN_DIR@@", str(run_dir))
        .replace("@@LISTEN@@", listen)
        .replace("@@UPSTREAMS@@", servers)
        .replace("@@PAGE_RATE@@", page_rate)
        .replace("@@API_CONNS@@", str(api_conns))
    )


#: ``deploy/nginx.compose.conf``, used by ``compose.yaml``: the template for the compose services.
COMPOSE_CONF = Path(__file__).with_name("nginx.compose.conf")


def compose_nginx_config() -> str:
    return nginx_config("/tmp", "80", ["app1:8050", "app2:8050"])


def _start(cmd: list[str], log: Path, env: dict | None = None) -> subprocess.Popen:
    with open(log, "wb") as fh:
        return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)


def _wait(urls: list[str], procs: list[subprocess.Popen], what: str) -> None:
    deadline = time.monotonic() + START_GUARD_S
    while not all(answers(u) for u in urls):
        if any(p.poll() is not None for p in procs):
            raise RuntimeError(f"{what} exited while starting")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not answer within {START_GUARD_S:.0f} s")
        time.sleep(0.2)


def up(
    app_env: dict[str, str] | None = None, workers: int = 2, page_rate: str = "30r/s", api_conns: int = 4
) -> Topology:
    """Start Redis, PostgreSQL (unless ``DATABASE_URL`` is set), two instances and nginx.

    ``app_env`` adds settings of the instances; ``page_rate`` is nginx's per-client request rate and
    ``api_conns`` its per-client concurrent requests to ``/api/``.
    """
    for tool in ("nginx", "redis-server"):
        if not (shutil.which(tool) or Path(f"/usr/sbin/{tool}").exists()):
            raise FileNotFoundError(f"{tool} is not installed (Debian: apt-get install nginx-light redis-server)")
    run_dir = Path(tempfile.mkdtemp(prefix="led-deploy-"))
    run_dir.chmod(0o755)  # nginx workers run as 'nobody' when started as root
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run_dir / sub).mkdir(mode=0o777)
        (run_dir / sub).chmod(0o777)
    procs: dict[str, subprocess.Popen] = {}
    redis_port = free_port()
    procs["redis"] = _start(
        ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(run_dir)],
        run_dir / "redis.log",
    )  # fmt: skip
    redis_url = f"redis://127.0.0.1:{redis_port}/0"
    database_url = web_settings.database_url() or ""
    own_postgres = not database_url
    if own_postgres:
        out = subprocess.run(
            ["bash", "scripts/postgres_for_tests.sh", "start"],
            cwd=REPO, env={**os.environ, "LED_TEST_PG_STATE": str(run_dir / "pg.env")},
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        database_url = out.stdout.strip().split("DATABASE_URL=", 1)[1].strip("'\"")
    ports = [free_port(), free_port()]
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    instances = []
    for n, port in enumerate(ports, start=1):
        env = {
            **os.environ,
            "LED_BIND": f"127.0.0.1:{port}",
            "LED_WORKERS": str(workers),
            "LED_ACCESS_LOG": str(run_dir / f"app{n}-access.log"),
            "XDG_RUNTIME_DIR": str(run_dir),
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "LED_PROXY_HOPS": "1",
            **(app_env or {}),
        }
        env.pop("LED_DEBUG", None)
        procs[f"app{n}"] = _start([gunicorn, "-c", "gunicorn.conf.py", "app:server"], run_dir / f"app{n}.log", env)
        instances.append(f"http://127.0.0.1:{port}")
    listen = free_port()
    conf = run_dir / "nginx.conf"
    upstreams = [u.removeprefix("http://") for u in instances]
    conf.write_text(nginx_config(run_dir, f"127.0.0.1:{listen}", upstreams, page_rate, api_conns), encoding="utf-8")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    procs["nginx"] = _start([nginx, "-c", str(conf), "-g", "daemon off;"], run_dir / "nginx.log")
    topo = Topology(run_dir, f"http://127.0.0.1:{listen}", instances, database_url, redis_url, procs, own_postgres)
    try:
        _wait([f"{u}/healthz" for u in instances] + [f"{topo.proxy}/healthz"], list(procs.values()), "the topology")
    except Exception:
        down(topo)
        raise
    return topo


def down(topo: Topology) -> None:
    """Stop everything :func:`up` started and remove its folder."""
    for proc in reversed(list(topo.procs.values())):
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(proc.pid, signal.SIGKILL)
    if topo.own_postgres:
        subprocess.run(
            ["bash", "scripts/postgres_for_tests.sh", "stop"], cwd=REPO,
            env={**os.environ, "LED_TEST_PG_STATE": str(topo.run_dir / "pg.env")}, capture_output=True, check=False,
        )  # fmt: skip
    shutil.rmtree(topo.run_dir, ignore_errors=True)


def main() -> int:
    if sys.argv[1:] == ["compose-conf"]:  # regenerate deploy/nginx.compose.conf from the template
        COMPOSE_CONF.write_text(compose_nginx_config(), encoding="utf-8")
        return 0
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    topo = up()
    print(f"LED Atlas behind nginx: {topo.proxy}  (instances {', '.join(topo.instances)}; Redis {topo.redis_url})")
    try:
        signal.sigwait({signal.SIGINT, signal.SIGTERM})
    finally:
        down(topo)
    return 0


if __name__ == "__main__":
    sys.exit(main())
