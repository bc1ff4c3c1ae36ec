"""Browser tests of the "2010 | 2020" comparison as two synchronised maps (``mode=split``, issue 17): both
years drawn in one set of classes with one legend, the maps move together, hover and click work on the
left map, the geometry is fetched once, the phone stacks the two maps, the URL (back / forward) is the state."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

pytestmark = pytest.mark.browser

KEY = "gdp_per_resident"
SPLIT = f"/?indicator={KEY}&mode=split&lang=en"
SPLIT_DRAWN = "() => !!(window.ledAtlas.split && window.ledAtlas.split.drawn && window.ledAtlas.split.on)"

# The fill of every unit path on each map (not the inset), as Leaflet draws it in the SVG.
FILLS = """
() => {
  const fills = (paths) => {
    const out = {};
    paths.forEach((l) => {
      const p = l.feature.properties;
      if (p._k !== "i" && l._path && l.options.fillOpacity !== 0) out[p.a] = l._path.getAttribute("fill");
    });
    return out;
  };
  return { right: fills(window.ledAtlas.unitLayers()), left: fills(window.ledAtlas.split.units) };
}
"""
# Each map's centre (in map units) and zoom.
VIEWS = """
() => {
  const v = (m) => { const c = m.getCenter(); return [c.lat, c.lng, m.getZoom()]; };
  return { right: v(window.ledAtlas.map), left: v(window.ledAtlas.split.map) };
}
"""
# The maps show the same view (within a pixel) and it is not `before`.
SAME_VIEW_MOVED = """
(before) => {
  const a = window.ledAtlas.map, b = window.ledAtlas.split.map;
  if (a.getZoom() !== b.getZoom()) return false;
  const d = a.project(a.getCenter()).subtract(a.project(b.getCenter()));
  const c = a.getCenter();
  const moved = Math.abs(c.lat - before[0]) + Math.abs(c.lng - before[1]) > 1 || a.getZoom() !== before[2];
  return moved && Math.abs(d.x) < 1 && Math.abs(d.y) < 1;
}
"""
# How many times either map moves in the next 20 animation frames (a feedback loop would keep them moving).
MOVES_IN_20_FRAMES = """
() => new Promise((resolve) => {
  let n = 0;
  const count = () => { n += 1; };
  const maps = [window.ledAtlas.map, window.ledAtlas.split.map];
  maps.forEach((m) => m.on("move", count));
  let frames = 0;
  const tick = () => {
    if (++frames < 20) { requestAnimationFrame(tick); return; }
    maps.forEach((m) => m.off("move", count));
    resolve(n);
  };
  requestAnimationFrame(tick);
})
"""
# Screen position of a point [x, y] (map units) on the right (main) or left map.
SCREEN = """
([which, x, y]) => {
  const m = which === "left" ? window.ledAtlas.split.map : window.ledAtlas.map;
  const p = m.latLngToContainerPoint([y, x]);
  const box = m.getContainer().getBoundingClientRect();
  return [p.x + box.left, p.y + box.top];
}
"""
STROKES = """
(code) => {
  const stroke = (paths) => {
    const l = paths.find((q) => q.feature.properties.a === code && q.feature.properties._k !== "i");
    return l && l._path ? l._path.getAttribute("stroke") : null;
  };
  return [stroke(window.ledAtlas.unitLayers()), stroke(window.ledAtlas.split.units)];
}
"""


def _settles(page) -> bool:
    """Whether the maps come to rest: a window of 20 frames without a move within 30 windows (the drag's
    inertia and the zoom animation end; a feedback loop between the maps would never let them rest)."""
    return any(page.evaluate(MOVES_IN_20_FRAMES) == 0 for _ in range(30))


def _open(recorded, open_map, path=SPLIT):
    rec = open_map(recorded, path)
    recorded.page.wait_for_function(SPLIT_DRAWN, polling=100)
    return rec


def _hex(css: str) -> str:
    if css.startswith("#"):
        return css.lower()
    r, g, b = (int(x) for x in css[css.index("(") + 1 : css.index(")")].split(",")[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def _unit_point(code: str) -> tuple[float, float]:
    from geodata import layer

    units = layer.prefecture_layer().set_index("adcode")
    ((x, y),) = shapely.get_coordinates(units.loc[code].geometry.representative_point())
    return float(x), float(y)


def test_split_draws_both_years_in_the_colours_of_one_legend(recorded_page, open_map):
    from state import display
    from state.sources import values_for

    page = recorded_page.page
    geometry = []
    page.on("request", lambda r: geometry.append(r.url) if r.url.endswith("/units.pbf") else None)
    rec = _open(recorded_page, open_map)
    assert page.locator(".legend").count() == 1
    legend = page.locator("#legend")
    assert "2010 | 2020" in legend.locator(".legend-unit").text_content()
    assert page.text_content("#split-stamp") == "2010" and page.text_content("#year-stamp") == "2020"
    swatches = [
        _hex(s)
        for s in legend.locator(".legend-row:not(.legend-nodata) .swatch").evaluate_all(
            "(els) => els.map((e) => getComputedStyle(e).backgroundColor)"
        )
    ]
    nodata = _hex(legend.locator(".legend-nodata .swatch").evaluate("(e) => getComputedStyle(e).backgroundColor"))
    # the classes of both years' values together (the server's rule), checked against the values themselves
    _values, pooled = display._pooled(KEY, 2010, 2020, "quantiles", 5, ())
    bins = np.asarray(pooled.classes.bins)
    assert len(swatches) == len(bins) == 5
    fills = page.evaluate(FILLS)
    assert len(fills["left"]) == len(fills["right"]) >= 360
    for side, year in (("left", 2010), ("right", 2020)):
        values = values_for(KEY, year)
        for code, fill in fills[side].items():
            v = values.get(code)
            if v is None or np.isnan(v):
                assert fill.lower() == nodata, (side, code)  # missing stays "no data", never 0
                continue
            cls = int(np.searchsorted(bins, v, side="left"))  # a class holds the values up to its upper bound
            assert cls == pooled.by_year[year][code]
            assert fill.lower() == swatches[cls], (side, code, v)
    # GDP per resident grew: the same classes put 2020 higher than 2010
    assert fills["left"] != fills["right"]
    # the left map's geometry is the main map's: the file is fetched once
    assert len(geometry) == 1, geometry
    assert rec.recorded.errors == []


def test_split_maps_move_together_without_feedback(recorded_page, open_map):
    rec = _open(recorded_page, open_map)
    page = recorded_page.page
    views = page.evaluate(VIEWS)
    assert views["left"] == pytest.approx(views["right"])
    # drag the left map: the right one follows
    box = page.locator("#split-map").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(cx, cy)
    page.mouse.down()
    for i in range(1, 11):
        page.mouse.move(cx + 8 * i, cy + 5 * i)
    page.mouse.up()
    page.wait_for_function(SAME_VIEW_MOVED, arg=views["right"], polling=100)
    assert _settles(page)  # no ping-pong between the maps
    page.wait_for_function(SAME_VIEW_MOVED, arg=views["right"], polling=100)  # at rest, still together
    # zoom the right map: the left one follows
    before = page.evaluate(VIEWS)["right"]
    page.locator(".led-map .leaflet-control-zoom-in").click()
    page.wait_for_function(SAME_VIEW_MOVED, arg=before, polling=100)
    after = page.evaluate(VIEWS)
    assert after["left"][2] == after["right"][2] > before[2]
    assert _settles(page)
    assert rec.recorded.errors == []


def test_split_left_map_hovers_with_its_year_and_selects_on_click(recorded_page, open_map):
    rec = _open(recorded_page, open_map)
    page = recorded_page.page
    code = "620100"  # Lanzhou: large enough to hit, a value in both years
    x, y = _unit_point(code)
    sx, sy = page.evaluate(SCREEN, ["left", x, y])
    page.mouse.move(sx, sy)
    tip = page.locator(".leaflet-tooltip .tt", has_text="Lanzhou")
    tip.wait_for(state="visible")
    text = tip.inner_text()
    assert "(2010)" in text and "yuan per person" in text
    page.mouse.click(sx, sy)
    page.wait_for_function(f"() => location.search.includes('sel={code}')", polling=100)
    page.wait_for_function(f"(c) => ({STROKES})(c).every((s) => s === '#111111')", arg=code, polling=100)
    assert rec.recorded.errors == []


def test_split_on_a_phone_stacks_the_two_maps_without_sideways_scrolling(recorded_page, open_map):
    page = recorded_page.page
    page.set_viewport_size({"width": 390, "height": 844})
    rec = _open(recorded_page, open_map, SPLIT + "&sel=640100~500000")
    left = page.locator("#split-map").bounding_box()
    right = page.locator(".led-map").bounding_box()
    assert left["height"] >= 0.35 * 844 and right["height"] >= 0.35 * 844
    assert left["y"] + left["height"] <= right["y"] + 1  # 2010 on top, 2020 below
    assert left["width"] >= 380 and right["width"] >= 380
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate(VIEWS)["left"][2] == page.evaluate(VIEWS)["right"][2]
    assert rec.recorded.errors == []


def test_split_mode_follows_the_mode_control_and_back_forward(recorded_page, open_map):
    page = recorded_page.page
    on_demand = []
    page.on("request", lambda r: on_demand.append(r.url) if "/on_demand/" in r.url else None)
    rec = open_map(recorded_page, f"/?indicator={KEY}&lang=en")
    assert not page.evaluate("document.querySelector('.map-wrap').classList.contains('split-on')")
    assert on_demand == [], "the side-by-side maps' files load with every page"
    page.locator(".mode-picker input[value='split']").check()
    page.wait_for_function(SPLIT_DRAWN, polling=100)
    page.wait_for_function("() => location.search.includes('mode=split')", polling=100)
    assert page.text_content("#split-stamp") == "2010"
    page.wait_for_function(
        "() => document.querySelector('#caption').textContent.includes('(2010 | 2020)')", polling=100
    )
    assert "2010 | 2020" in page.text_content("#legend")
    assert sorted(u.split("?")[0].rsplit("/", 1)[1] for u in on_demand) == ["split.css", "split.js"]
    page.go_back()
    page.wait_for_function("() => !location.search.includes('mode=split') && !window.ledAtlas.split.on", polling=100)
    assert not page.locator("#split-map").is_visible()
    page.go_forward()
    page.wait_for_function(SPLIT_DRAWN, polling=100)
    assert page.locator("#split-map").is_visible()
    assert rec.recorded.errors == []


def test_split_link_of_a_one_year_indicator_shows_its_values_with_a_notice(recorded_page, open_map):
    from indicators.registry import REGISTRY

    key = next(k for k, ind in REGISTRY.items() if len(ind.years) == 1)
    rec = open_map(recorded_page, f"/?indicator={key}&mode=split&lang=en")
    page = recorded_page.page
    assert "one year only" in page.text_content("#notices")
    assert not page.locator("#split-map").is_visible()
    assert "mode=" not in page.evaluate("location.search")
    assert rec.recorded.errors == []
