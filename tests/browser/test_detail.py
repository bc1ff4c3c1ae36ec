"""Browser tests of the detail layers: a small view draws its provinces from their 150 m files.

Opening the Ningxia view fetches Ningxia's detail file (and its neighbours'), draws those units in
the "detail" pane in the same colours as the map, hides their coarse paths underneath, selects on a
click like the coarse map, follows an indicator switch, and gives the coarse map back when the view
is the whole country again.
"""

from __future__ import annotations

import pytest
from test_url_and_presenter import choose, wait_for_query

pytestmark = pytest.mark.browser

NINGXIA = "640000"
YINCHUAN = "640100"

# Per detail path: adcode, its fill and the colour the live hideout gives that adcode.
DETAIL_STATE = """
() => {
  const ns = window.ledAtlas, h = ns.current.h;
  const expected = (a) => (h.c && h.c[a] !== undefined && h.c[a] !== null ? h.colors[h.c[a]] : h.nodata);
  const detail = ns.unitLayers().filter((l) => l.feature.properties._k === "d");
  const coarse = ns.unitLayers().filter((l) => !l.feature.properties._k);
  return {
    slots: ns.detailSlots || [],
    shown: Object.keys(ns.detailShown).sort(),
    detail: detail.map((l) => [l.feature.properties.a, l.options.fillColor, expected(l.feature.properties.a)]),
    hiddenCoarse: coarse.filter((l) => l.options.fillOpacity === 0).map((l) => l.feature.properties.a),
  };
}
"""


def _wait_detail(page, province: str) -> dict:
    # the page's own marker: the detail paths are drawn and the map was restyled with them
    page.wait_for_function(
        "(p) => window.ledAtlas.detailStyled && window.ledAtlas.detailStyled[p] === true", arg=province, polling=100
    )
    return page.evaluate(DETAIL_STATE)


def test_a_province_view_draws_its_units_in_detail_in_the_map_colours(recorded_page, open_map, artifacts_dir):
    from geodata import layer

    page = open_map(recorded_page, f"/?view={NINGXIA}&lang=en").page
    state = _wait_detail(page, NINGXIA)

    ningxia = sorted(layer.units().query("province_adcode == @NINGXIA")["adcode"])
    drawn = {a for a, _fill, _want in state["detail"]}
    assert set(ningxia) <= drawn  # all five prefectures, from the detail file
    assert all(fill == want for _a, fill, want in state["detail"])  # the same colours as the map
    # the coarse paths of every province drawn in detail step aside, no others
    assert set(state["hiddenCoarse"]) == {a for a in drawn}
    assert NINGXIA in state["slots"] and len(state["slots"]) <= 4
    page.screenshot(path=str(artifacts_dir / "detail-ningxia.png"))
    assert recorded_page.errors == []


def test_a_click_on_a_detail_path_selects_and_a_switch_recolours_the_detail(recorded_page, open_map):
    from indicators.registry import get_indicator

    page = open_map(recorded_page, f"/?view={NINGXIA}&lang=en").page
    _wait_detail(page, NINGXIA)
    page.wait_for_function("!!window.ledAtlas.bundle", polling=100)

    # click the centre of Yinchuan's detail path
    x, y = page.evaluate(
        """(a) => {
          const l = window.ledAtlas.unitLayers().find((l) => l.feature.properties._k === "d" && l.feature.properties.a === a);
          const c = l._map.latLngToContainerPoint(l.getCenter()), r = l._map.getContainer().getBoundingClientRect();
          return [r.left + c.x, r.top + c.y];
        }""",
        YINCHUAN,
    )
    page.mouse.click(x, y)
    wait_for_query(page, sel=YINCHUAN)
    page.locator(f"#side-panel .unit-card[data-adcode='{YINCHUAN}']").wait_for()

    choose(page, "indicator-picker", get_indicator("urbanisation_rate").label_en, search="Urbanisation")
    wait_for_query(page, indicator="urbanisation_rate")
    page.wait_for_function(
        "(label) => document.querySelector('#legend').textContent.startsWith(label)",
        arg=get_indicator("urbanisation_rate").label_en,
        polling=100,
    )
    state = page.evaluate(DETAIL_STATE)
    assert state["detail"] and all(fill == want for _a, fill, want in state["detail"])
    strokes = page.evaluate(
        "(a) => window.ledAtlas.unitLayers().filter((l) => l.feature.properties._k === 'd'"
        " && l.feature.properties.a === a).map((l) => l.options.color)",
        YINCHUAN,
    )
    assert strokes == ["#111111"]  # the selection outline on the detail path
    assert recorded_page.errors == []


def test_the_whole_country_view_gives_the_coarse_map_back(recorded_page, open_map):
    from geodata import layer

    page = open_map(recorded_page, f"/?view={NINGXIA}&lang=en").page
    _wait_detail(page, NINGXIA)

    # a block body: returning the Leaflet map would make Playwright serialise it (two minutes)
    page.evaluate("(frame) => { window.ledAtlas.map.fitBounds(frame, {animate: false}); }", layer.manifest()["frame"])
    page.wait_for_function("Object.keys(window.ledAtlas.detailShown).length === 0", polling=100)
    page.wait_for_function("window.ledAtlas.unitLayers().every((l) => l.feature.properties._k !== 'd')", polling=100)
    state = page.evaluate(DETAIL_STATE)
    assert state["hiddenCoarse"] == [] and state["slots"] == [None, None, None, None]
    assert recorded_page.errors == []
