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
