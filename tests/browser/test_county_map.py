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
    assert page.locator("#legend").inner_text().count("\n") >= 5
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


def test_county_search_with_its_prefecture_selects_the_county_and_the_charts_follow(recorded_page, artifacts_dir):
    """'兴庆区 银川' finds Xingqing district with its prefecture and province beside it; choosing it selects the
    county (side panel, outline), and the ranking tab draws the counties, the selection marked."""
    page = _open_counties(
        recorded_page, f"/?indicator=migrants_other_prov_pct&level=county&view={NINGXIA}&lang=en&v=1", 22
    )
    page.locator("#unit-search").click()
    search = page.locator("input.dash-dropdown-search")
    search.fill("兴庆区 银川")
    option = page.get_by_role("option", name="Xingqing District 兴庆区 · Yinchuan · Ningxia")
    option.wait_for()
    page.screenshot(path=str(artifacts_dir / "county-search.png"))
    option.click()
    page.locator("#side-panel .unit-card").filter(has_text="Xingqing District").wait_for()
    assert "Yinchuan · Ningxia" in page.locator("#side-panel").inner_text()
    page.wait_for_function("() => /[?&]sel=640104(&|$)/.test(window.location.search)", polling=100)
    page.wait_for_function(
        "() => { const h = window.ledAtlas.current.h; return h && h.sel && h.sel.indexOf('640104') >= 0; }", polling=100
    )
    page.locator("#chart-tabs").get_by_text("Ranking", exact=True).click()
    row = page.locator("#ranking-grid .ag-row").filter(has_text="Xingqing District")
    row.first.wait_for()
    assert "Yinchuan · Ningxia" in row.first.inner_text()
    page.screenshot(path=str(artifacts_dir / "county-search-ranking.png"))
    assert recorded_page.errors == []


def test_county_disparity_tab_splits_the_gap_in_three_levels(recorded_page, artifacts_dir):
    """At county level the disparity tab shows the three-level Theil of the map's indicator: a headline in
    words, a bar of three parts summing to 100 %, the table, and the change since 2010 on the same counties."""
    page = _open_counties(
        recorded_page,
        f"/?indicator=migrants_other_prov_pct&level=county&view={NINGXIA}&tab=disparity&lang=en&v=1",
        22,
    )
    panel = page.locator(".tab-disparity .county-disparity")
    panel.wait_for()
    assert "between China's counties in 2020" in panel.locator(".disparity-headline").inner_text()
    parts = page.locator(".county-disparity .disparity-bar > div")
    assert parts.count() == 3
    widths = [float(parts.nth(i).evaluate("(e) => parseFloat(e.style.width)")) for i in range(3)]
    assert sum(widths) == pytest.approx(100.0, abs=0.1)
    from indicators.county.disparity import county_disparity_change

    n = county_disparity_change("migrants_other_prov_pct", 2010, 2020, with_moran=False)["n_common"]
    assert f"Same {n} counties in both years" in page.locator(".tab-disparity .disparity-change").inner_text()
    page.screenshot(path=str(artifacts_dir / "county-disparity.png"))
    assert recorded_page.errors == []


def test_presenter_from_chongqings_counties_to_ningxias_draws_ningxias_county_file(recorded_page):
    """Scenes 7 (Chongqing's counties) and 8 (Ningxia's) draw different county files: → loads scene 8's
    page instead of leaving the map empty (it recoloured Chongqing's file with Ningxia's codes)."""
    page = recorded_page.page
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto("/?present=1&lang=en&scene=7")
    page.wait_for_function(COUNTIES_COLOURED, arg=38, polling=100)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => new URLSearchParams(location.search).get('scene') === '8'", polling=100)
    page.wait_for_function(COUNTIES_COLOURED, arg=22, polling=100)
    assert recorded_page.errors == []


def test_a_click_on_a_prefecture_points_the_county_link_at_its_provinces_counties(recorded_page, open_map):
    """Drill-down from a click: selecting Yinchuan on the prefecture map points "counties of the picked
    province" at Ningxia's counties; following it draws them."""
    page = open_map(recorded_page, "/?lang=en").page
    page.evaluate("window.dash_clientside.set_props('selection-store', {data: ['640100']})")
    link = page.locator("#county-province-link")
    page.wait_for_function(
        "() => /view=640000/.test(document.getElementById('county-province-link').getAttribute('href') || '')",
        polling=100,
    )
    assert "level=county" in link.get_attribute("href")
    link.click()
    page.wait_for_function(COUNTIES_COLOURED, arg=22, polling=100)
    assert "view=640000" in page.url and recorded_page.errors == []


#: Every row of the ranking grid (not only the rendered ones), once the grid is up: code, rank, province.
RANKING_GRID_ROWS = """
() => {
  let api = null;
  try { api = window.dash_ag_grid.getApi("ranking-grid"); } catch (e) { return null; }
  if (!api) return null;
  const rows = [];
  api.forEachNodeAfterFilterAndSort((n) => rows.push([n.data.adcode, n.data.rank, n.data.province]));
  return rows.length ? rows : null;
}
"""


def test_the_chongqing_counties_scene_ranks_chongqings_units_and_says_so(recorded_page):
    """Chongqing's county view (level=county&view=500000&tab=ranking) ranks Chongqing's districts and counties
    1..N, not China's (its top rows were development zones of Hohhot and Dongying), and says so above the grid;
    so does scene 7 on the projector, whose table shows the first and last of the same list."""
    from layouts.charts.ranking import PROJECTOR_BOTTOM, PROJECTOR_TOP
    from state import county_charts

    expected = county_charts.ranking_rows([], "migrants_other_county_pct", 2020, "en", CHONGQING)
    page = recorded_page.page
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"/?indicator=migrants_other_county_pct&level=county&year=2020&view={CHONGQING}&tab=ranking&lang=en")
    page.wait_for_function(COUNTIES_COLOURED, arg=38, polling=100)
    rows = page.wait_for_function(RANKING_GRID_ROWS, polling=100).json_value()
    assert [r[0] for r in rows] == [r["adcode"] for r in expected]
    assert all(province == "Chongqing" for _code, _rank, province in rows)
    assert [r[1] for r in rows] == list(range(1, len(expected) + 1))
    scope = page.locator("#chart-area .ranking-scope")
    assert scope.inner_text().startswith(f"Ranked among Chongqing's {len(expected)} districts and counties")
    first = page.locator("#ranking-grid .ag-row[row-index='0'] .ag-cell[col-id=name]").first
    assert first.inner_text() == expected[0]["name"]

    page.goto("/?present=1&lang=en&scene=7")
    page.wait_for_function(COUNTIES_COLOURED, arg=38, polling=100)
    page.locator("#ranking-list tr[data-adcode]").first.wait_for()
    shown = page.eval_on_selector_all("#ranking-list tr[data-adcode]", "rows => rows.map((r) => r.dataset.adcode)")
    codes = [r["adcode"] for r in expected]
    assert shown == codes[:PROJECTOR_TOP] + codes[-PROJECTOR_BOTTOM:]
    assert page.locator("#ranking-list tr.ranking-gap").inner_text() == f"⋯ {len(codes) - len(shown)} more ⋯"
    assert "Province" not in page.locator("#ranking-list thead").inner_text()  # all are Chongqing's
    assert (
        page.locator("#chart-area .ranking-scope")
        .inner_text()
        .startswith(f"Ranked among Chongqing's {len(expected)} districts and counties")
    )
    assert recorded_page.errors == []
