"""The first-paint budget (issue 15): what the page requests before the map is visible stays small.

Like a bundle-size check: a later change cannot quietly bring plotly.js, the ranking grid or the
values bundle back onto the first paint. Bytes come from Playwright's network events (transferred
response headers and bodies of every request started before the map was visible); the moment the map
is visible is the page's own first animation frame with every unit of the main layer coloured, as
``bench/browser.py`` takes it. No time is asserted.
"""

from __future__ import annotations

import pytest

#: Bytes (as transferred: compressed bodies plus headers) the page may request before the map is visible.
FIRST_PAINT_BUDGET_BYTES = 600_000
#: Files that are never needed for the first paint of the default page.
NOT_ON_FIRST_PAINT = ("plotly", "dash_ag_grid", "/values/", "dash_table", "async-graph")

# The first animation frame in which every unit path of the main map has a fill (performance.now()).
DRAWN_AT = """
(() => {
  window.__drawnAt = null;
  const poll = () => {
    const paths = document.querySelectorAll(".leaflet-units-pane path.unit");
    if (paths.length >= 300 && [...paths].every((p) => p.getAttribute("fill"))) {
      window.__drawnAt = performance.now();
      return;
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();
"""


def first_paint_requests(recorded, path: str) -> tuple[list[tuple[str, int]], list[str]]:
    """``([(url, bytes) of the requests started before the map was visible], [every URL of the load])``."""
    page = recorded.page
    requests = []
    page.on("request", lambda request: requests.append(request))
    page.add_init_script(DRAWN_AT)
    page.goto(path)
    page.wait_for_function("window.__drawnAt !== null", polling=100)
    visible_at = page.evaluate("performance.timeOrigin + window.__drawnAt")
    page.wait_for_load_state("networkidle")
    before = []
    for request in list(requests):
        if request.url.startswith(("data:", "blob:")):
            continue
        started = request.timing["startTime"]  # epoch ms, once the response has arrived
        if started <= 0 or started > visible_at:
            continue
        sizes = request.sizes()
        before.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"]))
    return before, [r.url for r in requests]


@pytest.mark.parametrize("path", ["/?lang=en", "/?lang=zh&indicator=urbanisation_rate&sel=640100&v=1"])
def test_bytes_requested_before_the_map_is_visible_stay_within_the_budget(recorded_page, path):
    before, _ = first_paint_requests(recorded_page, path)
    total = sum(size for _, size in before)
    largest = sorted(before, key=lambda us: -us[1])[:8]
    assert total <= FIRST_PAINT_BUDGET_BYTES, f"{total:,} B before the map is visible; largest: {largest}"
    heavy = [url for url, _ in before if any(name in url for name in NOT_ON_FIRST_PAINT)]
    assert heavy == []
    assert any("/geo/" in url for url, _ in before)  # the count did include the map's own files
    assert recorded_page.errors == []


def test_the_ranking_grid_script_loads_only_when_its_tab_opens(recorded_page):
    """No click, no grid: dash-ag-grid (350 kB) is fetched once the ranking tab is opened, then drawn."""
    page = recorded_page.page
    _, urls = first_paint_requests(recorded_page, "/?lang=en")
    assert not any("dash_ag_grid" in url for url in urls)
    page.locator("#chart-tabs .chart-tab").nth(3).click()  # Ranking
    page.locator("#chart-area #ranking-grid").wait_for()
    assert recorded_page.errors == []


def test_values_of_the_pages_family_first_and_the_whole_bundle_once_the_picker_is_reached(recorded_page):
    """In idle time after the first paint the page fetches only its indicator family's part of the values
    bundle (12 kB for the default page); the whole bundle (~450 kB) once the person opens the picker."""
    page = recorded_page.page
    values_urls = []
    page.on("request", lambda request: values_urls.append(request.url) if "/values/" in request.url else None)
    first_paint_requests(recorded_page, "/?lang=en")
    page.wait_for_function("!!(window.ledAtlas && window.ledAtlas.bundle)", polling=100)
    assert page.evaluate("Object.values(window.ledAtlas.bundle.indicators).every((e) => e.family === 'population')")
    assert not page.evaluate("!!window.ledAtlas.bundleFull")
    assert [url.rsplit("/", 1)[1].split("-")[:2] for url in values_urls] == [["part", "population"]]
    page.locator("#indicator-picker").click()
    page.wait_for_function("!!window.ledAtlas.bundleFull", polling=100)
    assert [url.rsplit("/", 1)[1].split("-")[0] for url in values_urls] == ["part", "values"]
    assert recorded_page.errors == []


def test_charts_load_the_basic_plotly_bundle_never_the_full_one(recorded_page):
    """The compare chart on the first screen is drawn with the vendored basic bundle (layouts/shell.py
    PLOTLY_BUNDLE, ~330 kB as sent), requested only after the map is visible; the full plotly.min.js
    (~1,230 kB) is never requested."""
    from layouts import shell

    page = recorded_page.page
    before, _ = first_paint_requests(recorded_page, "/?lang=en")
    page.locator("#chart-area .js-plotly-plot .main-svg").first.wait_for()
    page.wait_for_load_state("networkidle")
    loaded = page.evaluate("performance.getEntriesByType('resource').map((e) => e.name)")
    assert any(shell.PLOTLY_BUNDLE in url for url in loaded), loaded
    assert not any("package_data/plotly" in url for url in loaded)
    assert not any("plotly" in url for url, _ in before)
    # the bars are drawn: a bar of each of the 20 units of the "highest and lowest ten" chart
    assert page.locator("#chart-area .js-plotly-plot .barlayer .point").count() >= 20
    assert recorded_page.errors == []


def test_what_waits_for_the_first_paint_comes_after_it(recorded_page):
    """The indicator picker's whole list (web/picker_options.py) and the box / lasso tools (Leaflet.draw) are not
    in the first paint; once the map is drawn they come, and the page's first callbacks did not wait for them (the
    URL was written in its canonical form at once)."""
    from indicators.registry import REGISTRY

    page = recorded_page.page
    before, _ = first_paint_requests(recorded_page, "/?lang=en&indicator=gdp_per_resident")
    assert not any("EditControl" in url or "/picker/" in url for url, _ in before)
    page.wait_for_function(
        "() => { const l = window.dash_component_api.getLayout('indicator-picker');"
        " return l && l.props.options.length > 100; }",
        polling=100,
    )
    options = page.evaluate("window.dash_component_api.getLayout('indicator-picker').props.options")
    assert {o["value"] for o in options if not o.get("disabled")} == set(REGISTRY)
    assert all(o.get("search") for o in options if not o.get("disabled"))
    page.locator(".leaflet-draw-draw-rectangle").wait_for()
    assert page.evaluate("location.search") == "?indicator=gdp_per_resident&lang=en&v=1"
    assert recorded_page.errors == []
