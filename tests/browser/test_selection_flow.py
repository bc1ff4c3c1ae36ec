"""Browser tests of selecting units (issue #5): map clicks, search, pilot view and lasso, as a person does them.

Each test drives the page with the mouse and keyboard in headless Chromium against gunicorn and then
looks at what is shown: the side panel's cards, the compare chart's bars, the highlighted rows of the
ranking grid and the ``sel`` parameter of the URL (the URL is the state). The Leaflet map is reached
through the init script of ``test_map.py`` (fixture ``open_map`` in ``conftest.py``).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from test_map import page_js

pytestmark = pytest.mark.browser

YINCHUAN, LANZHOU = "640100", "620100"
NINGXIA = ["640100", "640200", "640300", "640400", "640500"]
PEARL_RIVER_DELTA = {"440100": "Guangzhou", "440300": "Shenzhen", "441900": "Dongguan", "440600": "Foshan"}
# A quadrilateral (lat, lng) around the four cities, drawn clockwise from the north-west corner.
PRD_LASSO = [(23.35, 112.85), (23.35, 114.25), (22.55, 114.25), (22.55, 112.85)]
# Background of a selected row of the ranking grid (getRowStyle in layouts/charts/ranking.py: #fde2c4).
SELECTED_ROW_BACKGROUND = "rgb(253, 226, 196)"


def url_selection(url: str) -> list[str]:
    """The adcodes of the URL's ``sel`` parameter, in order."""
    values = parse_qs(urlsplit(url).query).get("sel", [])
    return values[0].split("~") if values else []


def test_url_selection_reads_codes_in_order():
    assert url_selection("http://h/?indicator=gdp&sel=640100~620100&v=1") == ["640100", "620100"]
    assert url_selection("http://h/?v=1") == []


def wait_for_callbacks(page) -> None:
    """Wait until no Dash callback is in flight (no component marked ``data-dash-is-loading``).

    Call it after a condition that shows the last action was taken up (a new URL, a card ...): the
    callbacks it started then re-render the caption and the legend, which can resize the map, and
    Leaflet then moves every unit on screen.
    """
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')", polling=100)


def click_unit(map_page, code: str, add: bool = False) -> None:
    """Click ``code`` on the map once the page is still (shift-click when ``add``)."""
    page = map_page.page
    wait_for_callbacks(page)
    x, y = map_page.screen_point_of(code)
    if add:
        page.keyboard.down("Shift")
    page.mouse.click(x, y)
    if add:
        page.keyboard.up("Shift")


def card_codes(page) -> list[str]:
    """Adcodes of the side panel's unit cards, in their order."""
    return page.evaluate("[...document.querySelectorAll('#side-panel .unit-card')].map((c) => c.dataset.adcode)")


def wait_for_selection(page, codes) -> None:
    """Wait until the URL's ``sel`` and the side panel's cards both hold exactly ``codes`` (any order)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        _wait_for_selection(page, codes)
    except PlaywrightTimeout:
        pytest.fail(f"selection never became {codes}: URL {page.url}, cards {card_codes(page)}")


def _wait_for_selection(page, codes) -> None:
    page.wait_for_function(
        """(codes) => {
          const sel = new URLSearchParams(location.search).get("sel");
          const cards = [...document.querySelectorAll("#side-panel .unit-card")].map((c) => c.dataset.adcode);
          const same = (xs) => xs.length === codes.length && codes.every((c) => xs.includes(c));
          return sel !== null && same(sel.split("~")) && same(cards);
        }""",
        arg=list(codes),
        polling=100,
    )


# The units of the compare chart's bars: the customdata (adcodes) of its bar traces, and the y tick labels.
COMPARE_BARS = """
() => {
  const plot = document.querySelector("#chart-area .tab-compare .js-plotly-plot");
  if (!plot || !plot.data) return null;
  const bars = plot.data.filter((t) => t.type === "bar");
  return {
    codes: bars.flatMap((t) => [...(t.customdata || [])]),
    ticks: [...plot.querySelectorAll(".ytick text")].map((t) => t.textContent),
  };
}
"""

# Bring one row of the ranking grid into view (as scrolling would) and report the rendered rows' backgrounds.
GRID_ROWS_AROUND = """
(code) => {
  let api = null;
  try {
    api = window.dash_ag_grid.getApi("ranking-grid");
  } catch (e) {
    return null;  // the grid is not initialised yet
  }
  const node = api && api.getRowNode(code);
  if (!node) return null;
  api.ensureNodeVisible(node, "middle");
  const rows = [...document.querySelectorAll("#ranking-grid .ag-center-cols-container .ag-row[row-id]")];
  if (!rows.some((r) => r.getAttribute("row-id") === code)) return null;
  return rows.map((r) => [r.getAttribute("row-id"), getComputedStyle(r).backgroundColor]);
}
"""


def test_selection_click_and_shift_click_compare_and_highlight_in_ranking(recorded_page, open_map):
    map_page = open_map(recorded_page, "/?lang=en")
    page = map_page.page

    click_unit(map_page, YINCHUAN)
    wait_for_selection(page, [YINCHUAN])
    click_unit(map_page, LANZHOU, add=True)
    wait_for_selection(page, [YINCHUAN, LANZHOU])

    bars = page.wait_for_function(
        f"(() => {{ const b = ({COMPARE_BARS})(); return b && b.codes.length === 2 && b; }})()", polling=100
    ).json_value()
    assert url_selection(page.url) == [YINCHUAN, LANZHOU]
    assert sorted(bars["codes"]) == sorted([YINCHUAN, LANZHOU])
    assert sorted(bars["ticks"]) == ["Lanzhou", "Yinchuan"]

    page.locator("#chart-tabs .chart-tab", has_text="Ranking").click()
    page.locator("#chart-tabs .chart-tab--selected", has_text="Ranking").wait_for()
    highlighted, seen = set(), set()
    for code in (YINCHUAN, LANZHOU):  # far apart in the ranking: scroll to each in turn
        rows = page.wait_for_function(GRID_ROWS_AROUND, arg=code, polling=100).json_value()
        seen.update(row for row, _bg in rows)
        highlighted.update(row for row, bg in rows if bg == SELECTED_ROW_BACKGROUND)
    assert highlighted == {YINCHUAN, LANZHOU}
    assert len(seen) > 10  # the other rows were on screen too, not highlighted
    assert map_page.recorded.errors == []


def test_selection_search_in_chinese_selects_yinchuan(recorded_page, open_map):
    map_page = open_map(recorded_page, "/?lang=en")
    page = map_page.page

    page.locator("#unit-search").click()
    popover = page.locator(".dash-dropdown-content[data-state=open]")
    popover.locator("input.dash-dropdown-search").fill("银川")
    first = popover.get_by_role("option").first
    first.wait_for()
    assert "Yinchuan 银川市" in first.inner_text()
    first.click()
    wait_for_selection(page, [YINCHUAN])

    card = page.locator(f"#side-panel .unit-card[data-adcode='{YINCHUAN}']")
    assert card.locator(".unit-name").inner_text() == "Yinchuan"
    assert url_selection(page.url) == [YINCHUAN]
    assert map_page.recorded.errors == []


def test_selection_ningxia_pilot_selects_exactly_its_five_prefectures(recorded_page, open_map):
    map_page = open_map(recorded_page, "/?sel=110000&lang=en&v=1")  # Beijing selected before: replaced
    page = map_page.page
    assert card_codes(page) == ["110000"]

    page.locator("#pilot-ningxia").click()
    wait_for_selection(page, NINGXIA)

    assert sorted(url_selection(page.url)) == NINGXIA
    assert sorted(card_codes(page)) == NINGXIA
    assert map_page.recorded.errors == []


# The screen position of a map point given in map units [y, x].
MAP_TO_SCREEN = page_js(
    """
([y, x]) => {
  const map = theMap();
  const p = map.latLngToContainerPoint([y, x]);
  const box = map.getContainer().getBoundingClientRect();
  return [p.x + box.left, p.y + box.top];
}
"""
)

# Leaflet.draw's polygon handler (the listener context of its mouse marker) is ready for the next click:
# it holds ``n`` vertices and its 50 ms guard against double clicks (``_disableMarkers``) is over.
POLYGON_READY_FOR_CLICK = page_js(
    """
(n) => {
  let handler = null;
  theMap().eachLayer((l) => {
    const icon = l.options && l.options.icon;
    if (icon && /leaflet-mouse-marker/.test(icon.options.className || "") && l._events && l._events.mousedown) {
      handler = l._events.mousedown[0].ctx;
    }
  });
  return !!handler && !handler._disableMarkers && handler._markers.length === n;
}
"""
)


def test_selection_lasso_over_pearl_river_delta_selects_its_cities(recorded_page, open_map, artifacts_dir):
    from geodata import layer

    map_page = open_map(recorded_page, "/?view=440000&lang=en&v=1")  # the map fitted to Guangdong
    page = map_page.page
    vertices = [map_page.evaluate(MAP_TO_SCREEN, list(layer.lonlat_to_map(lat, lng))) for lat, lng in PRD_LASSO]
    xs, ys = [x for x, _ in vertices], [y for _, y in vertices]
    assert max(xs) - min(xs) > 80 and max(ys) - min(ys) > 50, vertices  # far apart on screen

    page.locator(".leaflet-draw-draw-polygon").click()
    for n, (x, y) in enumerate(vertices):
        page.wait_for_function(POLYGON_READY_FOR_CLICK, arg=n, polling=100)
        page.mouse.click(x, y)
    page.wait_for_function(POLYGON_READY_FOR_CLICK, arg=len(vertices), polling=100)
    page.screenshot(path=str(artifacts_dir / "lasso.png"))
    page.mouse.click(*vertices[0])  # the first vertex closes the polygon
    page.wait_for_function(
        "(codes) => { const sel = new URLSearchParams(location.search).get('sel');"
        " return !!sel && codes.every((c) => sel.split('~').includes(c)); }",
        arg=list(PEARL_RIVER_DELTA),
        polling=100,
    )
    page.wait_for_function(
        "(codes) => codes.every((c) => document.querySelector(`#side-panel .unit-card[data-adcode='${c}']`))",
        arg=list(PEARL_RIVER_DELTA),
        polling=100,
    )

    selected = url_selection(page.url)
    assert set(PEARL_RIVER_DELTA) <= set(selected), selected
    assert all(code.startswith(("44", "81", "82")) for code in selected), selected  # nothing outside the delta region
    assert set(PEARL_RIVER_DELTA) <= set(card_codes(page))
    assert page.locator(".leaflet-draw-actions:visible").count() == 0  # drawing finished
    assert map_page.recorded.errors == []
