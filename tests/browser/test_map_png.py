"""Browser test of the map's PNG export (issue #6): the file shows the map as drawn.

The "Map PNG" button downloads the Leaflet panes drawn onto one canvas at twice the screen size; at
the centre of a unit the PNG has that unit's fill colour (the unit panes are not covered by the
province lines or drawn in the wrong order), also with detail layers on top.
"""

from __future__ import annotations

import base64

import pytest

pytestmark = pytest.mark.browser

# Screen point (page coordinates) of a unit's centre in the topmost layer that draws it, and its fill.
UNIT_POINT = """
(a) => {
  const ls = window.ledAtlas.unitLayers().filter((l) => l.feature.properties.a === a && l.options.fillOpacity > 0);
  const l = ls.find((x) => x.feature.properties._k === "d") || ls.find((x) => !x.feature.properties._k);
  const c = l._map.latLngToContainerPoint(l.getCenter()), r = l._map.getContainer().getBoundingClientRect();
  return { x: c.x, y: c.y, fill: l.options.fillColor, w: r.width, h: r.height };
}
"""

# Pixel of a PNG (base64) at (x, y): [r, g, b, a], and its size.
PNG_PIXEL = """
async ([b64, x, y]) => {
  const img = new Image();
  img.src = "data:image/png;base64," + b64;
  await img.decode();
  const c = document.createElement("canvas");
  c.width = img.width; c.height = img.height;
  const g = c.getContext("2d");
  g.drawImage(img, 0, 0);
  return { px: Array.from(g.getImageData(x, y, 1, 1).data), w: img.width, h: img.height };
}
"""


def _rgb(hex_colour: str) -> list[int]:
    h = hex_colour.lstrip("#")
    return [int(h[i : i + 2], 16) for i in (0, 2, 4)]


@pytest.mark.parametrize(("path", "code"), [("/?lang=en", "620100"), ("/?view=640000&lang=en", "640100")])
def test_map_png_has_the_unit_colours_where_the_units_are(recorded_page, open_map, path, code):
    page = open_map(recorded_page, path).page
    if "view=" in path:
        page.wait_for_function("window.ledAtlas.detailStyled['640000'] === true", polling=100)
    point = page.evaluate(UNIT_POINT, code)

    with page.expect_download() as info:
        page.locator("#map-png-button").click()
    download = info.value
    assert download.suggested_filename == "led-atlas-map.png"
    data = open(download.path(), "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"

    shot = page.evaluate(PNG_PIXEL, [base64.b64encode(data).decode(), int(point["x"] * 2), int(point["y"] * 2)])
    assert (shot["w"], shot["h"]) == (round(point["w"] * 2), round(point["h"] * 2))
    want = _rgb(point["fill"])
    assert all(abs(a - b) <= 3 for a, b in zip(shot["px"][:3], want, strict=True)), (shot["px"], point["fill"])
    assert recorded_page.errors == []
