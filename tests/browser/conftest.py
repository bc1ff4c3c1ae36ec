"""Fixtures of the browser tests: the app served by gunicorn exactly as in production, headless Chromium.

The server and the browser are started once per session; each test gets a fresh page (its own
browser context) that records every console error and uncaught page error.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.chromium import CHROMIUM, CHROMIUM_ARGS, chromium_or_skip  # noqa: F401 (re-exported)
from tests.robustness.robust_helpers import start_gunicorn, stop_gunicorn

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of Debian's Chromium; the browser tests skip without it, except in CI where they fail."""
    return chromium_or_skip()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory) -> str:
    """Base URL of the app run as in production: ``gunicorn -c gunicorn.conf.py app:server``, 2 workers.

    Waits (deadline-bounded) until ``/healthz`` answers 200 and the workers are up; stops it at the end.
    """
    server = start_gunicorn(tmp_path_factory.mktemp("gunicorn"))
    yield server.base
    stop_gunicorn(server)


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


@contextmanager
def _recorded(browser, live_server):
    """A fresh browser context and page on ``live_server`` that records errors; closed afterwards."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=live_server, locale="en-US")
    # every wait is for the page's own ready state; this bound only ends a hung test (the first profile
    # tab of a worker took 13-17 s with the machine at load 12, past the 15 s this was before)
    context.set_default_timeout(120_000)
    page = context.new_page()
    rec = RecordedPage(page)
    page.on("console", lambda msg: rec.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: rec.page_errors.append(str(exc)))
    try:
        yield rec
    finally:
        context.close()


@pytest.fixture
def recorded_page(browser, live_server):
    """A fresh browser context and page on ``live_server`` that records errors."""
    with _recorded(browser, live_server) as rec:
        yield rec


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """``test-artifacts/`` at the repository root (git-ignored), created when missing."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# -- shared by test_selection_flow.py and test_url_and_presenter.py ---------------------------------


@pytest.fixture
def second_recorded_page(browser, live_server):
    """Another visitor: a second, independent browser context that records errors like ``recorded_page``."""
    with _recorded(browser, live_server) as rec:
        yield rec


@pytest.fixture(scope="session")
def open_map():
    """``open_map(recorded, path)`` opens ``path`` and returns a ``test_map.MapPage`` once the map is ready.

    Installs ``test_map.MAP_HOOK`` (once per page) so the Leaflet map is reachable, then waits until
    every unit of the main layer is coloured, the page has synced its controls with the URL
    (network idle) and put in place what waits for the first paint (``led-ready``), as the ``map_page``
    fixture of ``test_map.py`` does for the default page.
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
        # what waits for the first paint (the indicator picker's list, the box / lasso tools) is in place
        page.wait_for_function("document.documentElement.classList.contains('led-ready')", polling=100)
        return MapPage(recorded, manifest["inset_frame"], seconds)

    return open_
