"""Browser tests of the county level (issue 13): drill-down, one national colour scale, pilots, hover.

Every wait is for the page's own state (the county paths drawn and coloured from the live hideout),
never for time.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

NINGXIA, CHONGQING = "640000", "500000"

#: The county paths once all ``n`` are drawn and each is coloured as the live hideout says.
COUNTIES_COLOURED = """
(n) => {
  const ns = window.ledAtlas, h = ns && ns.current && ns.current.h;
  if (!h || h.level !== "county" || !h.colors) return false;
  const paths = ns.unitLayers().filter((l) => l.feature.properties.f && !l.feature.properties._k);
  if (paths.length !== n) return false;
  const want = (a) => (h.c[a] !== undefined && h.c[a] !== null ? h.colors[h.c[a]] : h.nodata);
  return paths.every((l) => l.options.fillColor === want(l.feature.properties.a));
}
"""

COUNTY_FILLS = """
() => {
  const ns = window.ledAtlas, h = ns.current.h;
  const paths = ns.unitLayers().filter((l) => l.feature.properties.f && !l.feature.properties._k);
  return {
    fills: Object.fromEntries(paths.map((l) => [l.feature.properties.a, l.options.fillColor])),
    colors: h.colors, classes: h.c, nodata: h.nodata,
  };
}
"""


def _open_counties(recorded, path: str, n: int):
    page = recorded.page
    page.goto(path)
    page.wait_for_function(COUNTIES_COLOURED, arg=n, polling=100)
    page.wait_for_load_state("networkidle")
    return page


def _national_classes(key: str, year: int) -> dict[str, int]:
    from state import county_display

    _values, classes, _flags = county_display._classified(key, year, "quantiles", 5)
    return {a: int(c) for a, c in classes.classes.items() if c == c}


def test_ningxia_drill_down_colours_22_counties_on_the_national_scale(recorded_page, artifacts_dir):
    page = _open_counties(
        recorded_page, f"/?indicator=migrants_other_prov_pct&level=county&view={NINGXIA}&lang=en&v=1", 22
    )
    state = page.evaluate(COUNTY_FILLS)
    assert len(state["fills"]) == 22 and all(a.startswith("64") for a in state["fills"])
    national = _national_classes("migrants_other_prov_pct", 2020)
    # each county has the class it has among all of China's counties (not among Ningxia's 22)
    for code, fill in state["fills"].items():
        assert fill == state["colors"][national[code]], code
    assert national["640104"] > national["640522"]  # Xingqing (21.9 %) above Haiyuan (0.9 %)
    note = page.locator("#county-note").inner_text()
    assert "residents are not drawn" in note
    page.screenshot(path=str(artifacts_dir / "county-ningxia.png"))
    assert recorded_page.errors == []


def test_chongqing_pilot_is_one_click_from_the_prefecture_map(recorded_page, open_map, artifacts_dir):
    page = open_map(recorded_page, "/?lang=en").page
    page.locator("#county-pilot-chongqing").click()
    page.wait_for_function(COUNTIES_COLOURED, arg=38, polling=100)
    page.wait_for_load_state("networkidle")
    assert "level=county" in page.url and f"view={CHONGQING}" in page.url
    assert page.locator(".legend").inner_text().count("\n") >= 5
    page.screenshot(path=str(artifacts_dir / "county-chongqing.png"))
    assert recorded_page.errors == []


def test_a_county_hover_names_its_prefecture_and_province(recorded_page):
    page = _open_counties(recorded_page, f"/?level=county&view={NINGXIA}&lang=en&v=1", 22)
    x, y = page.evaluate(
        """() => {
          const ns = window.ledAtlas;
          const l = ns.unitLayers().find((p) => p.feature.properties.a === "640522");
          const pt = ns.map.latLngToContainerPoint(l.getCenter());
          const box = ns.map.getContainer().getBoundingClientRect();
          return [box.left + pt.x, box.top + pt.y];
        }"""
    )
    page.mouse.move(x, y)
    page.mouse.move(x + 2, y + 1)
    tooltip = page.locator(".leaflet-tooltip .tt")
    tooltip.wait_for()
    text = tooltip.inner_text()
    assert "Haiyuan County" in text and "Zhongwei" in text and "Ningxia" in text
