"""The map's first frame (issue 15, layouts/first_frame.py): the server-drawn picture shown until the live
map is drawn has the live map's colours at three unit centres, sits where Leaflet then fits the map, and
is hidden once the live map is drawn. The live map is held back by holding its geometry requests."""

from __future__ import annotations

import io

import numpy as np
import pytest
import shapely
from PIL import Image

pytestmark = pytest.mark.browser

QUERY = "/?indicator=gdp_per_resident&year=2020&lang=en"

# the live map's fill per unit (main layer)
FILLS = """
() => {
  const fills = {};
  window.ledAtlas.unitLayers().forEach((l) => {
    if (l.feature.properties._k !== "i" && l.options.fillOpacity !== 0 && l.options.fillColor) {
      fills[l.feature.properties.a] = l.options.fillColor.toLowerCase();
    }
  });
  return fills;
}
"""


def _hex(rgb) -> str:
    return "#" + "".join(f"{int(c):02x}" for c in rgb[:3])


def _rect(page, selector):
    return page.evaluate(
        "(s) => { const e = document.querySelector(s); if (!e) return null;"
        " const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }",
        selector,
    )


def test_first_frame_has_the_live_maps_colours_and_place_then_gives_way(recorded_page):
    from geodata import layer

    page = recorded_page.page
    held = []
    page.route("**/geo/**", lambda route: held.append(route))
    page.goto(QUERY)
    frame = page.locator("#first-frame")
    frame.wait_for(state="visible")
    page.wait_for_function(
        "(() => { const f = document.getElementById('first-frame'); return f.complete && f.naturalWidth > 0"
        " && (f.getAttribute('style') || '').includes('width'); })()"
    )
    assert not page.evaluate("document.querySelectorAll('.leaflet-units-pane path.unit').length")  # not drawn yet
    for _ in range(50):  # a screenshot taken while the frame stayed in place (the page may still be settling)
        box = frame.bounding_box()
        shot = np.asarray(Image.open(io.BytesIO(page.screenshot())).convert("RGB"))
        if frame.bounding_box() == box:
            break
    else:
        pytest.fail("the first frame never stayed in place for a screenshot")
    covered = [r for r in (_rect(page, "#legend"), _rect(page, ".time-bar"), _rect(page, ".map-keys")) if r]

    (fy0, fx0), (fy1, fx1) = layer.manifest()["frame"]
    units = layer.prefecture_layer().sort_values("map_area_km2", ascending=False)
    seen = {}
    for _, row in units.iterrows():
        x, y = shapely.get_coordinates(row.geometry.representative_point())[0]
        px = box["x"] + (x - fx0) / (fx1 - fx0) * box["width"]
        py = box["y"] + (fy1 - y) / (fy1 - fy0) * box["height"]
        if any(r[0] - 4 <= px <= r[2] + 4 and r[1] - 4 <= py <= r[3] + 4 for r in covered):
            continue
        colour = _hex(shot[int(round(py)), int(round(px))])
        if colour not in seen.values():
            seen[str(row.adcode)] = colour
        if len(seen) == 3:
            break
    assert len(seen) == 3

    for route in held:
        route.continue_()
    page.unroute("**/geo/**")
    page.wait_for_function("document.documentElement.classList.contains('led-live')")
    assert frame.is_hidden()
    fills = page.evaluate(FILLS)
    assert {a: fills[a] for a in seen} == seen  # the live map's colours at the same three units

    # the frame was drawn where Leaflet fits the map: the frame's corners are the fit's
    corners = page.evaluate(
        """([y0, x0, y1, x1]) => { const m = window.ledAtlas.map;
             const a = m.latLngToContainerPoint([y1, x0]), b = m.latLngToContainerPoint([y0, x1]);
             return [a.x, a.y, b.x, b.y]; }""",
        [fy0, fx0, fy1, fx1],
    )
    style = page.evaluate(
        "(() => { const s = document.getElementById('first-frame').style;"
        " return [s.left, s.top, s.width, s.height].map(parseFloat); })()"
    )
    left, top, width, height = style
    assert abs(left - corners[0]) < 1.5 and abs(top - corners[1]) < 1.5, (style, corners)
    assert abs(left + width - corners[2]) < 1.5 and abs(top + height - corners[3]) < 1.5, (style, corners)
    assert recorded_page.errors == []


def test_no_first_frame_where_the_live_map_starts_zoomed_in(recorded_page, open_map):
    """(The other cases -- county level, flows, the projector with units to show -- in tests/unit/test_first_frame.py.)"""
    open_map(recorded_page, "/?view=640000&lang=en")
    assert recorded_page.page.locator("#first-frame").count() == 0
    assert recorded_page.errors == []
