"""Fixtures of the browser tests: the app served by gunicorn exactly as in production, headless Chromium.

The server and the browser are started once per session; each test gets a fresh page (its own
browser context) that records every console error and uncaught page error.
"""

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
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: F401 (re-exported)

REPO_ROOT = Path(__file__).resolve().parents[2]
SERVER_START_TIMEOUT_S = 90.0  # a cold cache builds the layer first (~10 s); a warm start takes a few seconds
POLL_INTERVAL_S = 0.1
ARTIFACTS = REPO_ROOT / "test-artifacts"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _log_tail(path: Path, lines: int = 40) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of Debian's Chromium; the browser tests skip without it, except in CI where they fail."""
    if not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} is missing (install the Debian package 'chromium' to run the browser tests)"
        if os.environ.get("CI"):
            pytest.fail(reason + "; CI must run the browser tests")
        pytest.skip(reason)
    return CHROMIUM


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> str:
    """Base URL of the app run as in production: ``gunicorn -c gunicorn.conf.py app:server``, 2 workers.

    Waits until ``/healthz`` answers 200 (polled up to a deadline); stops the server at the end.
    """
    gunicorn = Path(sys.executable).parent / "gunicorn"
    if not gunicorn.exists():
        found = shutil.which("gunicorn")
        assert found, f"gunicorn not found beside {sys.executable} nor on PATH"
        gunicorn = Path(found)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    run_dir = tmp_path_factory.mktemp("gunicorn")
    run_dir.chmod(0o700)
    log_path = run_dir / "gunicorn.log"
    # XDG_RUNTIME_DIR: gunicorn 27 puts its control socket there instead of the shared ~/.gunicorn/gunicorn.ctl
    # (gunicorn.conf.py's ``no_control_socket`` is not a gunicorn setting, so the socket is always created).
    env = {**os.environ, "LED_BIND": f"127.0.0.1:{port}", "LED_WORKERS": "2", "XDG_RUNTIME_DIR": str(run_dir)}
    with open(log_path, "wb") as log_file:
        proc = subprocess.Popen(
            [str(gunicorn), "-c", "gunicorn.conf.py", "app:server"],
            cwd=REPO_ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the workers are stopped with it
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not _healthy(base + "/healthz"):
            if proc.poll() is not None:
                pytest.fail(f"gunicorn exited with {proc.returncode} before /healthz answered:\n{_log_tail(log_path)}")
            if time.monotonic() > deadline:
                pytest.fail(f"/healthz did not answer within {SERVER_START_TIMEOUT_S:.0f} s:\n{_log_tail(log_path)}")
            time.sleep(POLL_INTERVAL_S)  # poll interval of a deadline-bounded wait, not a fixed delay
        yield base
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)  # gunicorn: quick shutdown of master and workers
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)


@pytest.fixture(scope="session")
def browser(chromium_path):
    """Headless Debian Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@dataclass
class RecordedPage:
    """A page and everything it reported: console errors and uncaught exceptions."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return [f"console: {m}" for m in self.console_errors] + [f"pageerror: {m}" for m in self.page_errors]


@pytest.fixture
def recorded_page(browser, live_server):
    """A fresh browser context and page on ``live_server`` that records errors."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=live_server, locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    rec = RecordedPage(page)
    page.on("console", lambda msg: rec.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: rec.page_errors.append(str(exc)))
    yield rec
    context.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """``test-artifacts/`` at the repository root (git-ignored), created when missing."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# -- shared by test_selection_flow.py and test_url_and_presenter.py ---------------------------------


@pytest.fixture
def second_recorded_page(browser, live_server):
    """Another visitor: a second, independent browser context that records errors like ``recorded_page``."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=live_server, locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    rec = RecordedPage(page)
    page.on("console", lambda msg: rec.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: rec.page_errors.append(str(exc)))
    yield rec
    context.close()


@pytest.fixture(scope="session")
def open_map():
    """``open_map(recorded, path)`` opens ``path`` and returns a ``test_map.MapPage`` once the map is ready.

    Installs ``test_map.MAP_HOOK`` (once per page) so the Leaflet map is reachable, then waits until
    every unit of the main layer is coloured and the page has synced its controls with the URL
    (network idle), as the ``map_page`` fixture of ``test_map.py`` does for the default page.
    """
    import weakref

    from test_map import MAIN_LAYER_DRAWN, MAP_HOOK, MapPage

    from geodata import layer

    manifest = layer.manifest()
    hooked = weakref.WeakSet()

    def open_(recorded: RecordedPage, path: str):
        page = recorded.page
        if page not in hooked:
            page.add_init_script(MAP_HOOK)
            hooked.add(page)
        start = time.perf_counter()
        page.goto(path)
        page.wait_for_function(MAIN_LAYER_DRAWN, arg=[manifest["inset_frame"], manifest["units"]], polling=100)
        seconds = time.perf_counter() - start
        page.wait_for_load_state("networkidle")
        return MapPage(recorded, manifest["inset_frame"], seconds)

    return open_
