"""Browser tests of the planner's workbench (issue 18): the comparison table tab (Ningxia's five
prefectures, default columns, columns in the URL) and the printable locality brief in zh and en.

They wait for what the page shows (grid cells, the brief's ready marker), never for time, and save
screenshots to ``test-artifacts/``.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from indicators.table import DEFAULT_COLUMNS

pytestmark = pytest.mark.browser

NINGXIA = ["640100", "640200", "640300", "640400", "640500"]
TABLE_PATH = "/?sel=" + "~".join(NINGXIA) + "&tab=table&lang={lang}&v=1"
# The grid's cells once drawn: [row name, [column id, cell text]...] per unit row, in row order.
GRID_CELLS = """() => {
  const grid = document.querySelector('#table-grid');
  if (!grid) return null;
  const rows = [...grid.querySelectorAll('.ag-center-cols-container .ag-row')];
  if (!rows.length || !grid.querySelector('.tc-value')) return null;
  const names = [...grid.querySelectorAll('.ag-pinned-left-cols-container .ag-row')]
    .sort((a, b) => +a.getAttribute('row-index') - +b.getAttribute('row-index'))
    .map(r => r.getAttribute('row-id'));
  const headers = [...grid.querySelectorAll('.ag-header-cell[col-id]')].map(h => h.getAttribute('col-id'));
  const pinned = [...grid.querySelectorAll('.ag-pinned-left-floating-bottom .ag-row')]
    .map(r => r.innerText.trim());
  const chips = grid.querySelectorAll('.ag-center-cols-container .tc-chip').length;
  return {names, headers, pinned, chips};
}"""


def cols_of(url: str) -> list[str]:
    values = parse_qs(urlsplit(url).query).get("cols", [])
    return values[0].split("~") if values else []


def test_table_tab_ningxia_default_columns_with_references(recorded_page, open_map, artifacts_dir):
    map_page = open_map(recorded_page, TABLE_PATH.format(lang="zh"))
    page = map_page.page
    grid = page.wait_for_function(GRID_CELLS, polling=100).json_value()
    assert grid["names"] == [f"unit-{c}" for c in NINGXIA]
    assert [h for h in grid["headers"] if h not in ("name", "province")] == list(DEFAULT_COLUMNS)
    assert grid["pinned"] == ["宁夏回族自治区", "全国"]
    assert grid["chips"] >= len(NINGXIA) * 5  # class colours in (almost) every unit cell
    text = page.locator("#table-grid").inner_text()
    assert "第28/292" in text  # Yinchuan's average wage 2020: national rank 28 of 292 units with a value
    page.locator(".tab-table").screenshot(path=str(artifacts_dir / "table-ningxia-zh.png"))
    links = page.locator("#table-links a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert links == ["/api/table.csv?sel=" + "~".join(NINGXIA) + "&year=2020",
                     "/api/table.xlsx?sel=" + "~".join(NINGXIA) + "&year=2020"]  # fmt: skip
    assert map_page.recorded.errors == []


def test_table_cols_from_the_url_and_a_removed_column_written_back(recorded_page, open_map):
    map_page = open_map(recorded_page, "/?sel=640100~640200&tab=table&lang=en&cols=gdp~avg_wage~urbanisation_rate&v=1")
    page = map_page.page
    grid = page.wait_for_function(GRID_CELLS, polling=100).json_value()
    assert [h for h in grid["headers"] if h not in ("name", "province")] == ["gdp", "avg_wage", "urbanisation_rate"]
    # remove "gdp" in the column picker: the grid and the URL follow
    page.locator("#table-cols").click()
    option = page.locator(".dash-dropdown-content [role=option]", has_text="Gross regional product").first
    option.click()
    page.wait_for_function("() => location.search.includes('cols=avg_wage~urbanisation_rate&')", polling=100)
    page.wait_for_function("() => !document.querySelector('#table-grid .ag-header-cell[col-id=gdp]')", polling=100)
    # ticked again, it comes back as the last column (the way to reorder)
    option.click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('cols=avg_wage~urbanisation_rate~gdp&')", polling=100)
    # the link reopens the same table
    page.goto(page.url)
    grid = page.wait_for_function(GRID_CELLS, polling=100).json_value()
    assert [h for h in grid["headers"] if h not in ("name", "province")] == ["avg_wage", "urbanisation_rate", "gdp"]
    assert cols_of(page.url) == ["avg_wage", "urbanisation_rate", "gdp"]
    assert map_page.recorded.errors == []


def test_table_unknown_cols_key_gives_a_notice(recorded_page, open_map):
    map_page = open_map(recorded_page, "/?sel=640100&tab=table&lang=en&cols=avg_wage~bogus_key&v=1")
    page = map_page.page
    page.wait_for_function(GRID_CELLS, polling=100)
    assert "bogus_key" in page.locator("#notices").inner_text()
    assert cols_of(page.url) == ["avg_wage"]  # the canonical URL drops the unknown key


@pytest.mark.parametrize("lang, heading, finding", [
    ("en", "Yinchuan", "Average wage, urban non-private units was 114,235 yuan per year in 2021"),
    ("zh", "银川市", "城镇非私营单位在岗职工平均工资为114,235元/年（2021年）"),
])  # fmt: skip
def test_brief_yinchuan_draws_in_both_languages(recorded_page, live_server, artifacts_dir, lang, heading, finding):
    page = recorded_page.page
    page.goto(f"{live_server}/brief?sel=640100&lang={lang}")
    page.locator("#brief[data-ready]").wait_for()
    assert page.locator("section.unit h2").inner_text().startswith(heading)
    assert finding in page.locator('.finding[data-family="employment"]').inner_text()
    assert page.locator("table.quadrant tbody tr").count() == 19
    assert page.locator("table.peers tbody tr").count() == 5
    page.screenshot(path=str(artifacts_dir / f"brief-yinchuan-{lang}.png"), full_page=True)
    # printing hides the buttons (print CSS)
    page.emulate_media(media="print")
    assert not page.locator(".brief-print").is_visible()
    assert recorded_page.errors == []


def test_panel_links_to_the_brief_of_the_selection(recorded_page, open_map):
    map_page = open_map(recorded_page, "/?sel=640100~640200&lang=zh&v=1")
    link = map_page.page.locator("#side-panel a.brief-link")
    link.wait_for()
    assert link.get_attribute("href") == "/brief?sel=640100~640200&lang=zh"


def test_table_tab_at_county_level_lists_the_counties_with_their_references(recorded_page, artifacts_dir):
    from state.county_table import COUNTY_DEFAULT_COLUMNS

    sel = ["640104", "640522"]  # 兴庆区, 海原县
    page = recorded_page.page
    page.goto(f"/?level=county&view=640000&indicator=migrants_other_prov_pct&sel={'~'.join(sel)}&tab=table&lang=en&v=1")
    grid = page.wait_for_function(GRID_CELLS, polling=100).json_value()
    assert grid["names"] == [f"unit-{c}" for c in sel]
    assert [h for h in grid["headers"] if h not in ("name", "province")] == list(COUNTY_DEFAULT_COLUMNS)
    assert grid["pinned"] == ["Yinchuan", "Zhongwei", "Ningxia", "China"]
    text = page.locator("#table-grid").inner_text()
    assert "Yinchuan · Ningxia" in text and "21.9" in text and "7.54" in text
    links = page.locator("#table-links a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert links == [f"/api/table.{ext}?level=county&sel={'~'.join(sel)}&year=2020" for ext in ("csv", "xlsx")]
    page.locator(".tab-table").screenshot(path=str(artifacts_dir / "table-county-ningxia-en.png"))
    assert recorded_page.errors == []
