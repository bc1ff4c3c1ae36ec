"""Browser tests of issue 17's time half and link preview: the preview PNG has the browser's colours,
play steps the years in classes fixed across the years, scene 6 shows the change 2010 → 2020."""

from __future__ import annotations

import io
import urllib.request

import numpy as np
import pytest
import shapely
from PIL import Image

pytestmark = pytest.mark.browser

# The fill colour of every unit on the main map (not the inset), as Leaflet styles its SVG paths.
FILLS = """
() => {
  const fills = {};
  window.ledAtlas.unitLayers().forEach((l) => {
    // the visible path of each unit (a province drawn in detail hides its coarse paths)
    if (l.feature.properties._k !== "i" && l.options.fillOpacity !== 0 && l.options.fillColor) {
      fills[l.feature.properties.a] = l.options.fillColor;
    }
  });
  return fills;
}
"""
# Every legend the page shows from now on, with the year stamp and the URL's query.
RECORD_FRAMES = """
() => {
  window.__frames = [];
  const record = () => {
    const labels = [...document.querySelectorAll("#legend .legend-row:not(.legend-nodata) .legend-label")].map((e) => e.textContent);
    const colors = [...document.querySelectorAll("#legend .legend-row:not(.legend-nodata) .swatch")].map((e) => e.style.background);
    const title = (document.querySelector("#legend .legend-unit") || {}).textContent || "";
    window.__frames.push({ title, labels, colors, stamp: document.querySelector("#year-stamp").textContent,
                           search: location.search, fill: window.ledAtlas.current.h.c });
  };
  new MutationObserver(record).observe(document.querySelector("#legend"), { childList: true, subtree: true, characterData: true });
}
"""


def _hex(rgb) -> str:
    return "#" + "".join(f"{int(c):02x}" for c in rgb[:3])


@pytest.mark.parametrize(
    "query",
    ["indicator=gdp_per_resident&year=2020&lang=en", "indicator=census_emp_share_manuf&year=2010&view=510000&lang=zh"],
)
def test_preview_png_has_the_browser_colours_at_three_unit_centres(recorded_page, open_map, live_server, query):
    from geodata import layer
    from layouts import preview_image
    from web import preview

    open_map(recorded_page, "/?" + query)
    fills = recorded_page.page.evaluate(FILLS)
    with urllib.request.urlopen(f"{live_server}/preview.png?{query}", timeout=120) as resp:
        assert resp.headers["Content-Type"] == "image/png"
        img = np.asarray(Image.open(io.BytesIO(resp.read())).convert("RGB"))
    state, lang = preview.state_of(query)
    bounds, _inset = preview.view_bounds(state)
    tf = preview_image.map_transform(bounds)
    gdf = layer.prefecture_layer()
    # three large units inside the view, of three different browser colours
    x0, y0, x1, y1 = bounds
    inside = gdf[gdf.geometry.centroid.x.between(x0, x1) & gdf.geometry.centroid.y.between(y0, y1)]
    chosen, colours = [], set()
    for _, row in inside.sort_values("map_area_km2", ascending=False).iterrows():
        if row.adcode in fills and fills[row.adcode] not in colours:
            chosen.append(row)
            colours.add(fills.get(row.adcode))
        if len(chosen) == 3:
            break
    assert len(chosen) == 3
    for row in chosen:
        point = shapely.get_coordinates(row.geometry.representative_point())
        px, py = preview_image.to_pixels(point, tf)[0].round().astype(int)
        assert _hex(img[py, px]) == fills[row.adcode].lower(), (row.adcode, row.name_en)


def test_play_steps_the_years_in_classes_fixed_across_them(recorded_page, open_map):
    from state import display

    rec = open_map(recorded_page, "/?indicator=gdp_per_resident&lang=en")
    page = recorded_page.page
    page.evaluate("window.ledAtlas.PLAY_STEP_MS = 200")
    page.evaluate(RECORD_FRAMES)
    page.click("#play-years")
    page.wait_for_function(
        "() => window.ledAtlas.timeline.active && !window.ledAtlas.timeline.playing &&"
        " window.__frames.some((f) => f.title.includes('2020') && f.labels.length)",
        polling=100,
    )
    frames = [f for f in page.evaluate("window.__frames") if f["labels"]]
    years_seen = [y for y in (2010, 2020) if any(f"· {y} ·" in f["title"] for f in frames)]
    assert years_seen == [2010, 2020]
    # the same classes (bounds and colours) in every frame ...
    assert len({tuple(f["labels"]) for f in frames}) == 1 and len({tuple(f["colors"]) for f in frames}) == 1
    # ... which are not the classes either year gets on its own
    for year in (2010, 2020):
        alone = display.choropleth_parts("gdp_per_resident", year, "quantiles", 5, None, [], "en")["legend"]["labels"]
        assert frames[0]["labels"] != alone
    assert any("2010" in f["search"] for f in frames)  # the URL's year is the frame
    assert "2011–2019" in page.text_content("#time-note")  # missing years said so
    assert page.text_content("#year-stamp") == "2020"
    assert rec.recorded.errors == []


def test_scene_6_shows_the_change_and_steps_the_two_years(recorded_page, open_map):
    rec = open_map(recorded_page, "/?present=1&scene=6&lang=en")
    page = recorded_page.page
    assert "2010 → 2020" in page.text_content("#legend")
    assert page.text_content("#year-stamp") == "2010 → 2020"
    assert "change = value 2020 − value 2010" in page.text_content("#legend")  # the formula, with the classes
    assert "blue: rose · red: fell" in page.text_content("#legend")
    change_fills = page.evaluate(FILLS)
    assert page.evaluate("window.ledAtlas.sceneStepsYears()")
    page.evaluate("window.ledAtlas.stepYear(1)")
    page.wait_for_function("() => document.querySelector('#year-stamp').textContent === '2010'", polling=100)
    page.wait_for_function("() => document.querySelector('#legend').textContent.includes('· 2010 ·')", polling=100)
    assert page.evaluate(FILLS) != change_fills
    assert page.evaluate("window.ledAtlas.stepYear(1)") is True
    page.wait_for_function("() => document.querySelector('#year-stamp').textContent === '2020'", polling=100)
    assert page.evaluate("window.ledAtlas.stepYear(1)") is False  # the last year: the keys move on
    assert rec.recorded.errors == []
