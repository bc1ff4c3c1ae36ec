"""The table tab at county level (issues 13 and 18): the chart request and the column picker's callback
called directly with ``level`` = county, on the real census (Ningxia's 兴庆区 and 海原县)."""

from __future__ import annotations

import json

from callbacks import charts
from callbacks import table as table_callbacks
from state.county_table import COUNTY_DEFAULT_COLUMNS
from tests.callbacks.test_charts import text_of
from tests.callbacks.test_table_tab import _grid, _json
from tests.component_tree import find_props

COUNTY = {"level": "county", "province": "640000"}
XINGQING, HAIYUAN, YINCHUAN, WANZHOU = "640104", "640522", "640100", "500101"


def county_table(sel, lang="en", cols="", indicator="migrants_other_prov_pct", year=2020):
    request = {"tab": "table", "sel": list(sel), "indicator": indicator, "year": year, "lang": lang,
               "level": "county", "t": 1, "cols": cols}  # fmt: skip
    return charts.charts_request(request)["tree"]


def test_county_table_rows_are_the_counties_with_prefecture_province_and_nation_below():
    grid = _grid(county_table([XINGQING, HAIYUAN]))
    rows = grid["rowData"]
    assert [r["adcode"] for r in rows] == [XINGQING, HAIYUAN]
    assert [(r["name"], r["province"]) for r in rows] == [
        ("Xingqing District", "Yinchuan · Ningxia"),
        ("Haiyuan County", "Zhongwei · Ningxia"),
    ]
    refs = grid["dashGridOptions"]["pinnedBottomRowData"]
    assert [(r["kind"], r["adcode"], r["name"]) for r in refs] == [
        ("prefecture", YINCHUAN, "Yinchuan"),
        ("prefecture", "640500", "Zhongwei"),
        ("province", "640000", "Ningxia"),
        ("nation", "000000", "China"),
    ]
    assert refs[0]["kind_text"] == "(prefecture reference)"
    assert [c["field"] for c in grid["columnDefs"][2:]] == list(COUNTY_DEFAULT_COLUMNS)
    assert grid["columnDefs"][1]["headerName"] == "Prefecture · province" and not grid["columnDefs"][1]["hide"]


def test_county_table_cells_are_the_census_figures():
    rows = {r["adcode"]: r for r in _grid(county_table([XINGQING, HAIYUAN]))["rowData"]}
    xingqing, haiyuan = rows[XINGQING], rows[HAIYUAN]
    assert xingqing["pop_resident"] == 80.828  # 808,282 residents in 10,000 persons (sort key: 1 + 2 decimals)
    assert xingqing["pop_resident__cell"]["text"] == "80.8"
    assert xingqing["migrants_other_prov_pct__cell"]["text"] == "21.9"
    assert haiyuan["avg_schooling_years__cell"]["text"] == "7.54"
    # ranks among the drawn counties: 兴庆区 far above 海原县 in schooling
    from state.county_display import drawn_units

    rank, n = haiyuan["avg_schooling_years__cell"]["rank"].split("/")
    assert int(n) <= len(drawn_units()) and int(rank) > 2000
    assert haiyuan["avg_schooling_years__cell"]["color"]  # the county map's class colour


def test_county_table_reference_cells_are_published_figures_or_empty_with_a_note():
    from indicators.county import published_references

    tree = county_table([XINGQING, HAIYUAN])
    refs = {(r["kind"], r["adcode"]): r for r in _grid(tree)["dashGridOptions"]["pinnedBottomRowData"]}
    prefecture, province, nation = published_references("migrants_other_prov_pct", 2020)
    assert refs[("prefecture", YINCHUAN)]["migrants_other_prov_pct"] == round(float(prefecture[YINCHUAN]), 3)
    assert refs[("province", "640000")]["migrants_other_prov_pct"] == round(float(province["640000"]), 3)
    assert refs[("nation", "000000")]["migrants_other_prov_pct"] == round(float(nation), 3)
    # no prefecture-level figure of schooling: empty ("no data"), never computed from the counties
    assert refs[("prefecture", YINCHUAN)]["avg_schooling_years"] is None
    assert refs[("prefecture", YINCHUAN)]["avg_schooling_years__cell"]["text"] == "No data"
    assert "No published prefecture, province or national figure for: Average years of schooling" in text_of(tree)


def test_county_table_of_a_municipality_district_has_no_prefecture_row():
    refs = _grid(county_table([WANZHOU]))["dashGridOptions"]["pinnedBottomRowData"]
    assert [(r["kind"], r["adcode"]) for r in refs] == [("province", "500000"), ("nation", "000000")]


def test_county_table_links_carry_level_county_and_the_default_columns_store():
    text = _json(county_table([XINGQING, HAIYUAN]))
    assert '"/api/table.csv?level=county&sel=640104~640522&year=2020"' in text
    assert '"/api/table.xlsx?level=county&sel=640104~640522&year=2020"' in text
    assert json.dumps("~".join(COUNTY_DEFAULT_COLUMNS)) in text


def test_county_table_picker_offers_county_indicators_only():
    tree = json.loads(_json(county_table([XINGQING])))
    found = find_props(tree, lambda node: node["props"].get("id") == "table-cols" or node.get("type") == "Dropdown")
    values = {o["value"] for o in found[0]["options"]}
    assert "avg_schooling_years" in values and "lqf_census_manuf" in values
    assert "gdp" not in values and "avg_wage" not in values


def test_county_table_takes_cols_and_notes_unknown_keys_as_at_prefecture_level():
    tree = county_table([XINGQING], cols="avg_schooling_years~gdp~ds_0123abcd")
    assert [c["field"] for c in _grid(tree)["columnDefs"][2:]] == ["avg_schooling_years"]
    assert "Uploaded data cannot be a table column: gdp, ds_0123abcd" in text_of(tree)
    assert '"/api/table.csv?level=county&sel=640104&cols=avg_schooling_years&year=2020"' in _json(tree)


def test_county_table_ignores_codes_that_are_not_drawn_counties_and_hints_without_selection():
    tree = county_table([YINCHUAN, XINGQING])  # a prefecture code at county level
    assert [r["adcode"] for r in _grid(tree)["rowData"]] == [XINGQING]
    assert YINCHUAN in text_of(tree)
    empty = county_table([])
    assert _grid(empty) is None and "Select units on the map" in text_of(empty)


def test_county_table_year_the_indicator_lacks_is_its_latest():
    tree = county_table([XINGQING], indicator="pop_change_2010_2020", year=2010)
    assert "(2020)" in text_of(tree)


def test_update_table_at_county_level_follows_the_picker():
    wrap, links = table_callbacks.update_table(
        ["avg_schooling_years", "urbanisation_rate"], [XINGQING, HAIYUAN], "migrants_other_prov_pct", 2020, "zh", COUNTY
    )
    grid = _grid(wrap)
    assert [c["field"] for c in grid["columnDefs"][2:]] == ["avg_schooling_years", "urbanisation_rate"]
    assert [r["name"] for r in grid["rowData"]] == ["兴庆区", "海原县"]
    assert "以下指标无地级、省级或全国公布值，参照行留空" in text_of(wrap)
    assert "level=county&sel=640104~640522&cols=avg_schooling_years~urbanisation_rate&year=2020" in _json(links)


def test_update_table_at_county_level_without_a_drawn_county_clears():
    assert table_callbacks.update_table(["pop_resident"], [YINCHUAN], "pop_resident", 2020, "en", COUNTY) == (
        None,
        None,
    )


def test_update_table_at_prefecture_level_is_unchanged_by_the_level_store():
    grid, links = table_callbacks.update_table(["gdp"], [YINCHUAN], "pop_resident", 2020, "en", {"level": "prefecture"})
    assert [c["field"] for c in _grid(grid)["columnDefs"][2:]] == ["gdp"]
    assert "level=" not in _json(links)
