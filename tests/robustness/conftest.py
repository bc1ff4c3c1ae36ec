"""Fixtures of the robustness tests: the app under gunicorn as in production, HTTP sessions, Chromium.

``robust_server`` starts ``gunicorn -c gunicorn.conf.py app:server`` with 2 workers on a free
loopback port once per session and waits (deadline-bounded) until ``/healthz`` answers.
``LED_ROBUSTNESS_WSGI`` names another WSGI entry point (``module:attribute``, found on
``PYTHONPATH``) -- only for trying a change before it is wired into ``app.py``.
"""

from __future__ import annotations

import pytest

from tests.chromium import chromium_or_skip
from tests.robustness.robust_helpers import CHROMIUM_ARGS, GunicornServer, start_gunicorn, stop_gunicorn


@pytest.fixture(scope="session")
def robust_server(tmp_path_factory) -> GunicornServer:
    """The app under gunicorn (2 workers) for the whole session."""
    server = start_gunicorn(tmp_path_factory.mktemp("robust-gunicorn"))
    yield server
    stop_gunicorn(server)


@pytest.fixture(scope="session")
def base_url(robust_server) -> str:
    return robust_server.base


@pytest.fixture(scope="session")
def http(robust_server):
    """A keep-alive HTTP session to the server."""
    import requests

    with requests.Session() as session:
        yield session


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium; browser tests skip without it, except in CI where they fail."""
    return chromium_or_skip()


@pytest.fixture(scope="session")
def in_browser(chromium_path):
    """``in_browser(fn)`` runs ``fn(browser)`` with its own headless Chromium in a separate thread.

    Playwright's sync API allows one instance per thread; the browser tests (``tests/browser``)
    keep theirs open for the whole session, so these tests start theirs in a thread of their own.
    """
    from concurrent.futures import ThreadPoolExecutor

    def run(fn):
        def job():
            from playwright.sync_api import sync_playwright

            with sync_playwright() as pw:
                chromium = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
                try:
                    return fn(chromium)
                finally:
                    chromium.close()

        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(job).result(timeout=120)

    return run
