"""Browser tests: what a person sees on the map, in headless Chromium against gunicorn.

The paths Leaflet draws do not carry the admin code, so the page gets a small init script that
records the Leaflet map (``L.Map.addInitHook``, public Leaflet API). Through it the tests find the
main layer (as opposed to the South China Sea inset, which shares the ``units`` pane), the path of a
given unit, and the screen position of a point given in map units.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import pytest

pytestmark = pytest.mark.browser

YINCHUAN = "640100"
SELECTED_STROKE = "#111111"

# Records every Leaflet map created on the page; installed before the page's own scripts run.
MAP_HOOK = """
(() => {
  let leaflet;
  Object.defineProperty(window, "L", {
    configurable: true,
    get() { return leaflet; },
    set(value) {
      leaflet = value;
      if (value && value.Map && !value.__testHooked) {
        value.__testHooked = true;
        value.Map.addInitHook(function () { (window.__testMaps = window.__testMaps || []).push(this); });
      }
    },
  });
})();
"""

# Page-side helpers, available to every snippet built with page_js().
HELPERS = """
const theMap = () => (window.__testMaps || [])[0];
const unitGroups = () => {
  const groups = [];
  const map = theMap();
  if (map) map.eachLayer((l) => { if (l instanceof L.GeoJSON && l.options.pane === "units") groups.push(l); });
  return groups;
};
// The main layer: the unit group whose features are not all inside the inset frame.
const mainLayer = (insetFrame) => {
  const inset = L.latLngBounds(insetFrame).pad(0.01);
  const main = unitGroups().filter((g) => g.getLayers().length && !inset.contains(g.getBounds()));
  return main.length === 1 ? main[0] : null;
};
const mainPaths = (insetFrame) => {
  const g = mainLayer(insetFrame);
  return g ? g.getLayers().map((l) => ({ a: l.feature.properties.a, path: l._path })) : [];
};
"""


def page_js(function: str) -> str:
    """A function expression for ``page.evaluate`` that can use the helpers above."""
    return f"(() => {{ {HELPERS}\n return {function.strip()}; }})()"


MAIN_LAYER_DRAWN = page_js(
    """
([insetFrame, n]) => {
  const paths = mainPaths(insetFrame);
  return paths.length >= n && paths.every((p) => p.path && p.path.getAttribute("fill"))
    && document.querySelectorAll("#legend .swatch").length > 0;
}
"""
)

# The legend as the browser computes it, and the fill of every main-layer path, in one snapshot.
SNAPSHOT = page_js(
    """
(insetFrame) => [
  [...document.querySelectorAll("#legend .legend-row")].map((row) => [
    getComputedStyle(row.querySelector(".swatch")).backgroundColor,
    row.querySelector(".legend-label").textContent,
    row.querySelector(".legend-count").textContent,
  ]),
  mainPaths(insetFrame).map((p) => [p.a, p.path.getAttribute("fill")]),
]
"""
)

UNIT_STROKE = page_js(
    """
([insetFrame, code]) => {
  const hit = mainPaths(insetFrame).find((p) => p.a === code);
  return hit ? hit.path.getAttribute("stroke") : null;
}
"""
)

SCREEN_POINT = page_js(
    """
([x, y]) => {
  const map = theMap();
  const p = map.latLngToContainerPoint([y, x]);  // Leaflet positions are [y, x]
  const box = map.getContainer().getBoundingClientRect();
  return [p.x + box.left, p.y + box.top];
}
"""
)

CODE_AT_POINT = page_js(
    """
([insetFrame, x, y]) => {
  const el = document.elementFromPoint(x, y);
  const hit = mainPaths(insetFrame).find((p) => p.path === el);
  return hit ? hit.a : null;
}
"""
)


def rgb(colour: str) -> tuple[int, int, int]:
    """``#rgb``, ``#rrggbb``, ``rgb(r, g, b)`` or ``rgba(r, g, b, a)`` as an ``(r, g, b)`` tuple."""
    text = colour.strip().lower()
    if text.startswith("#"):
        digits = text[1:]
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))
    match = re.fullmatch(r"rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*[\d.]+)?\)", text)
    assert match, f"not a colour: {colour!r}"
    return tuple(int(v) for v in match.groups())


def test_rgb_normalises_hex_and_css_colours():
    assert rgb("#CCCCCC") == rgb("#ccc") == rgb("rgb(204, 204, 204)") == rgb("rgba(204,204,204,1)") == (204, 204, 204)


@dataclass
class MapPage:
    """The loaded map page, with its recorded errors and how long the map took to appear."""

    recorded: object
    inset_frame: list
    seconds_to_map: float

    @property
    def page(self):
        return self.recorded.page

    def evaluate(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def snapshot(self) -> tuple[list[tuple[tuple[int, int, int], str, int]], dict[str, tuple[int, int, int]]]:
        """Legend rows ``(swatch colour, label, count)`` and main-layer fills, read in one go."""
        legend, fills = self.evaluate(SNAPSHOT, self.inset_frame)
        rows = [(rgb(colour), label.strip(), int(count.replace(",", ""))) for colour, label, count in legend]
        return rows, {code: rgb(fill) for code, fill in fills}

    def screen_point_of(self, code: str) -> tuple[float, float]:
        """Viewport position of the centre of the largest circle inside ``code``'s main-map polygon."""
        import shapely

        from geodata import layer

        geom = layer.prefecture_layer().set_index("adcode").geometry[code]
        x, y = shapely.maximum_inscribed_circle(geom).coords[0]
        px, py = self.evaluate(SCREEN_POINT, [x, y])
        hit = self.evaluate(CODE_AT_POINT, [self.inset_frame, px, py])
        assert hit == code, f"the point computed for {code} lies on {hit!r}"
        return px, py


@pytest.fixture(scope="session")
def geodata_manifest() -> dict:
    from geodata import layer

    return layer.manifest()


@pytest.fixture(scope="session")
def expected_default_view() -> dict:
    """The default indicator's English label and the "value unit (year)" text expected for Yinchuan."""
    from indicators import store
    from indicators.registry import get_indicator
    from state import model

    ind = get_indicator(model.DEFAULT_INDICATOR)
    value = float(store.indicator_values(ind.key, ind.latest_year)[YINCHUAN])
    shown = f"{value:,.{ind.decimals}f} {ind.unit_en} ({ind.latest_year})"
    return {"label": ind.label_en, "value_unit_year": shown}


@pytest.fixture
def map_page(recorded_page, geodata_manifest) -> MapPage:
    """The default page (English) opened in ``recorded_page``, waited on until all 370 units are coloured."""
    recorded_page.page.add_init_script(MAP_HOOK)
    start = time.perf_counter()
    recorded_page.page.goto("/?lang=en")
    recorded_page.page.wait_for_function(
        MAIN_LAYER_DRAWN, arg=[geodata_manifest["inset_frame"], geodata_manifest["units"]], polling=100
    )
    seconds = time.perf_counter() - start
    # The page then syncs its controls with the URL (a few callbacks, legend re-rendered): let them settle.
    recorded_page.page.wait_for_load_state("networkidle")
    # and puts in place what waits for the first paint (the indicator picker's list, the box / lasso tools)
    recorded_page.page.wait_for_function("document.documentElement.classList.contains('led-ready')", polling=100)
    return MapPage(recorded_page, geodata_manifest["inset_frame"], seconds)


def test_map_page_loads_without_console_errors(map_page, record_property):
    record_property("seconds_to_map", round(map_page.seconds_to_map, 3))
    print(f"map coloured {map_page.seconds_to_map * 1000:.0f} ms after navigation")
    assert map_page.recorded.errors == []


def test_map_draws_every_unit_in_a_legend_colour(map_page, geodata_manifest):
    n_paths = map_page.page.locator(".leaflet-units-pane path.unit").count()
    legend, fills = map_page.snapshot()
    swatches = {colour for colour, _label, _count in legend}

    assert n_paths >= geodata_manifest["units"] == 370
    assert len(fills) == 370  # the main layer alone; the inset adds its own paths to the pane
    assert len(swatches) >= 4
    off_legend = {code: fill for code, fill in fills.items() if fill not in swatches}
    assert off_legend == {}


def test_map_nodata_legend_count_equals_grey_units(map_page):
    rows, fills = map_page.snapshot()
    ((nodata_colour, _label, nodata_count),) = [r for r in rows if r[1] == "No data"]
    grey = sorted(code for code, fill in fills.items() if fill == nodata_colour)

    assert nodata_count > 0  # 2020 census: no values for the XPCC cities (6590xx) nor Taiwan
    assert len(grey) == nodata_count, grey
    # Every other legend row counts the units drawn in its colour, too.
    for colour, label, count in rows:
        assert sum(fill == colour for fill in fills.values()) == count, label


def test_map_tooltip_shows_names_value_unit_and_year(map_page, expected_default_view):
    x, y = map_page.screen_point_of(YINCHUAN)
    map_page.page.mouse.move(x, y)
    tooltip = map_page.page.locator(".leaflet-tooltip")
    tooltip.wait_for(state="visible")
    text = tooltip.inner_text()

    assert "Yinchuan" in text and "银川市" in text
    assert expected_default_view["value_unit_year"] in text, text
    assert expected_default_view["label"] in text


def test_map_click_selects_unit_with_outline_and_panel(map_page, expected_default_view, artifacts_dir):
    page = map_page.page
    assert map_page.evaluate(UNIT_STROKE, [map_page.inset_frame, YINCHUAN]) != SELECTED_STROKE

    x, y = map_page.screen_point_of(YINCHUAN)
    page.mouse.click(x, y)
    card = page.locator(f"#side-panel .unit-card[data-adcode='{YINCHUAN}']")
    card.wait_for(state="visible")
    page.mouse.move(5, 5)  # off the map: no hover style on top of the selection style
    page.wait_for_function(
        page_js(
            "([f, code, stroke]) => { const p = mainPaths(f).find((q) => q.a === code);"
            " return !!p && p.path.getAttribute('stroke') === stroke; }"
        ),
        arg=[map_page.inset_frame, YINCHUAN, SELECTED_STROKE],
        polling=100,
    )
    page.screenshot(path=str(artifacts_dir / "map.png"))

    assert page.locator("#side-panel .unit-card").count() == 1
    assert card.locator(".unit-name").inner_text() == "Yinchuan"
    assert "银川市" in card.locator(".unit-alt").inner_text()
    assert card.locator(".unit-value").inner_text() == expected_default_view["value_unit_year"]
    strokes = map_page.evaluate(
        page_js("(f) => mainPaths(f).filter((p) => p.path.getAttribute('stroke') === '#111111').map((p) => p.a)"),
        map_page.inset_frame,
    )
    assert strokes == [YINCHUAN]
    assert (artifacts_dir / "map.png").stat().st_size > 10_000
    assert map_page.recorded.errors == []


def test_map_initial_view_shows_the_whole_inset(map_page):
    sizes = map_page.evaluate(
        page_js(
            """() => {
      const map = theMap();
      const box = map.getContainer().getBoundingClientRect();
      const frame = document.querySelector(".leaflet-frame-pane path").getBoundingClientRect();
      return {leaflet: [map.getSize().x, map.getSize().y], container: [box.width, box.height],
              frame: [frame.left - box.left, frame.top - box.top, frame.right - box.left, frame.bottom - box.top]};
    }"""
        )
    )
    width, height = sizes["container"]
    left, top, right, bottom = sizes["frame"]
    assert sizes["leaflet"] == [round(width), round(height)], sizes
    assert 0 <= left and 0 <= top and right <= width and bottom <= height, sizes
