"""Browser test of a planner's walk (issue 18): the map's view follows the URL state.

After the Ningxia pilot zoom, an indicator whose caption grows (the migrant-survey line) resized the
map; the resize refitted the whole country while the URL kept the Ningxia view, so the sender of a
link saw China and its recipient Ningxia.
"""

from __future__ import annotations

import pytest
from test_url_and_presenter import choose, wait_for_query

pytestmark = pytest.mark.browser

# The map's zoom, the URL's view zoom, and whether the map shows Yinchuan (map units [y, x]).
VIEW_NOW = """
() => {
  const map = (window.__testMaps || [])[0];
  const view = new URLSearchParams(location.search).get("view") || "";
  return { zoom: map.getZoom(), urlZoom: Number(view.split(",")[2]), view };
}
"""

# Resolves after two animation frames: every ResizeObserver callback of the layout change has run.
AFTER_LAYOUT = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"


def test_view_stays_on_the_pilot_after_an_indicator_switch_that_resizes_the_map(recorded_page, open_map):
    from indicators.registry import get_indicator

    page = open_map(recorded_page, "/?lang=en").page
    page.wait_for_function("!!(window.ledAtlas && window.ledAtlas.bundle)", polling=100)
    page.locator("#pilot-ningxia").click()
    page.wait_for_function("(new URLSearchParams(location.search).get('view') || '').split(',').length === 3")
    page.wait_for_load_state("networkidle")
    before = page.evaluate(VIEW_NOW)
    assert before["zoom"] == pytest.approx(before["urlZoom"], abs=0.01)

    label = get_indicator("migrants_other_prov").label_en
    choose(page, "indicator-picker", label, search=label)
    wait_for_query(page, indicator="migrants_other_prov")
    page.wait_for_function("document.querySelector('#context-line').textContent.length > 0", polling=100)
    page.wait_for_load_state("networkidle")
    page.evaluate(AFTER_LAYOUT)

    after = page.evaluate(VIEW_NOW)
    assert after["view"] == before["view"], "the URL's view changed"
    assert after["zoom"] == pytest.approx(after["urlZoom"], abs=0.01), (
        f"the map shows zoom {after['zoom']} while the URL keeps the Ningxia view {after['view']}"
    )
    assert recorded_page.errors == []


# The map's view now, and its Dash props' (what dash-leaflet moves the map to when they change).
MAP_VIEW = """
() => {
  const map = (window.__testMaps || [])[0];
  const c = map.getCenter();
  return { zoom: map.getZoom(), center: [c.lat, c.lng] };
}
"""


def test_a_late_render_of_an_earlier_fits_props_is_neither_written_to_the_url_nor_kept(recorded_page, open_map):
    """dash-leaflet moves the map to its ``zoom`` / ``center`` props whenever they change. On a busy machine the
    props reported after one automatic fit can be rendered after the next fit (a resize): the map jumps back to
    the older fit. That view is the page's, not the person's: it must not reach the URL (one CI run wrote
    ``view=30.2052,107.71355,0.25`` after the Chongqing pilot), and the map is fitted to its box again."""
    page = open_map(recorded_page, "/?lang=en").page
    page.wait_for_load_state("networkidle")
    first = page.evaluate(MAP_VIEW)
    # a resize refits the map (the page's own move) ...
    page.set_viewport_size({"width": 1000, "height": 640})
    page.wait_for_function(f"() => window.__testMaps[0].getZoom() !== {first['zoom']}", polling=100)
    page.wait_for_load_state("networkidle")
    page.evaluate(AFTER_LAYOUT)
    refitted = page.evaluate(MAP_VIEW)
    # ... then the first fit's props arrive late, as on a busy machine: dash-leaflet moves the map back
    page.evaluate(
        "(v) => window.dash_clientside.set_props('map', { zoom: v.zoom, center: v.center })",
        first,
    )
    page.wait_for_function(
        f"() => window.__testMaps[0].getZoom() === {refitted['zoom']} && !window.ledAtlas.refitting", polling=100
    )
    page.wait_for_load_state("networkidle")
    page.evaluate(AFTER_LAYOUT)
    assert "view=" not in page.url
    now = page.evaluate(MAP_VIEW)
    assert now["zoom"] == refitted["zoom"] and now["center"] == pytest.approx(refitted["center"])
    assert recorded_page.errors == []
