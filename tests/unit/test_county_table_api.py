"""The comparison table at county level (state/county_table.py through indicators/table.py) and its
routes (``/api/table.csv?level=county``, ``/api/table.xlsx?level=county``), on the real census."""

from __future__ import annotations

import csv
import io

import pytest
from flask import Flask

from indicators import table_export
from indicators.table import TableLookupError, comparison_table, resolve_columns
from state.county_table import COUNTY, COUNTY_DEFAULT_COLUMNS
from web.table_api import register_table_routes

XINGQING, HAIYUAN = "640104", "640522"


@pytest.fixture(scope="module")
def pair():
    return comparison_table([XINGQING, HAIYUAN], None, 2020, COUNTY)


@pytest.fixture(scope="module")
def client():
    app = Flask("county-table-test")
    register_table_routes(app)
    return app.test_client()


def _cell(table, kind, code, key):
    return {(r["kind"], r["adcode"]): r for r in table.rows()}[(kind, code)][key]


def _csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_county_default_columns_are_county_registry_keys():
    from indicators.registry import COUNTY_REGISTRY

    assert set(COUNTY_DEFAULT_COLUMNS) <= set(COUNTY_REGISTRY)
    assert resolve_columns([], COUNTY) == COUNTY_DEFAULT_COLUMNS


def test_county_table_values_are_the_census_figures(pair):
    assert _cell(pair, "unit", XINGQING, "pop_resident")["value"] == pytest.approx(80.8282)  # 808,282 persons
    assert round(_cell(pair, "unit", XINGQING, "migrants_other_prov_pct")["value"], 1) == 21.9
    assert _cell(pair, "unit", HAIYUAN, "avg_schooling_years")["value"] == pytest.approx(7.54)
    assert pair.level == "county" and pair.rows()[0]["province_en"] == "Yinchuan · Ningxia"


def test_county_table_rows_units_then_prefectures_province_nation(pair):
    assert [(r["kind"], r["adcode"]) for r in pair.rows()] == [
        ("unit", XINGQING), ("unit", HAIYUAN), ("prefecture", "640100"), ("prefecture", "640500"),
        ("province", "640000"), ("nation", "000000"),
    ]  # fmt: skip


def test_county_table_references_are_the_compare_charts(pair):
    from indicators.county import published_references

    prefecture, province, nation = published_references("urbanisation_rate", 2020)
    assert _cell(pair, "prefecture", "640500", "urbanisation_rate")["value"] == float(prefecture["640500"])
    assert _cell(pair, "province", "640000", "urbanisation_rate")["value"] == float(province["640000"])
    assert _cell(pair, "nation", "000000", "urbanisation_rate")["value"] == nation
    lacking = _cell(pair, "province", "640000", "avg_schooling_years")
    assert lacking["value"] != lacking["value"] and lacking["rank"] is None  # NaN: not published, not computed


def test_county_table_bad_input_raises_lookup_errors():
    with pytest.raises(TableLookupError, match="unknown unit code '640100'"):
        comparison_table([XINGQING, "640100"], None, 2020, COUNTY)  # a prefecture code is no county
    with pytest.raises(TableLookupError, match=r"unknown indicator 'gdp'; see /api/indicators\?level=county"):
        comparison_table([XINGQING], ["gdp"], 2020, COUNTY)


def test_api_county_table_csv_has_the_counties_and_a_bom(client, pair):
    resp = client.get(f"/api/table.csv?level=county&sel={XINGQING}~{HAIYUAN}&year=2020")
    assert resp.status_code == 200
    assert resp.data.startswith("\ufeff".encode())
    assert resp.data.decode("utf-8") == table_export.table_csv(pair)
    assert 'filename="led-atlas_county-comparison_2-counties_2020.csv"' in resp.headers["Content-Disposition"]
    rows = {(r["kind"], r["adcode"]): r for r in _csv_rows(resp.data)}
    xingqing, haiyuan = rows[("unit", XINGQING)], rows[("unit", HAIYUAN)]
    assert (xingqing["name_zh"], xingqing["province_zh"]) == ("兴庆区", "银川市 · 宁夏回族自治区")
    assert xingqing["pop_resident"] == "80.8" and xingqing["migrants_other_prov_pct"] == "21.9"
    assert haiyuan["avg_schooling_years"] == "7.54" and haiyuan["avg_schooling_years_year"] == "2020"
    assert rows[("prefecture", "640100")]["avg_schooling_years"] == ""  # missing stays missing
    assert rows[("prefecture", "640100")]["avg_schooling_years_source"] == ""


def test_county_table_csv_sources_name_where_each_row_is_from(pair):
    from indicators.registry import COUNTY_REGISTRY, REGISTRY

    rows = {(r["kind"], r["adcode"]): r for r in _csv_rows(table_export.table_csv(pair).encode())}
    county, prefecture = COUNTY_REGISTRY["urbanisation_rate"], REGISTRY["urbanisation_rate"]
    assert rows[("unit", XINGQING)]["urbanisation_rate_source"] == f"{county.source_en}; {county.source_table}"
    assert rows[("province", "640000")]["urbanisation_rate_source"] == f"{prefecture.source_en}; {prefecture.source_table}"


def test_api_county_table_cols_choose_county_columns(client):
    resp = client.get(f"/api/table.csv?level=county&sel={HAIYUAN}&cols=avg_schooling_years~lqf_census_manuf")
    assert resp.status_code == 200
    header = resp.data.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[6::5] == ["avg_schooling_years", "lqf_census_manuf"]


@pytest.mark.parametrize(
    "query, message",
    [
        ("level=county&sel=640104~999999", "unknown unit code '999999'"),
        ("level=county&sel=640100", "unknown unit code '640100'"),
        ("level=county&sel=640104&cols=gdp", "unknown indicator 'gdp'; see /api/indicators?level=county"),
        ("level=county&sel=640104&year=2015", "no column has the year 2015"),
        ("level=county&sel=640104&year=20x0", "year must be four digits"),
        ("level=county&sel=", "no unit selected"),
        ("level=town&sel=640104", "level must be one of"),
    ],
)
def test_api_county_table_bad_params_answer_400_one_line(client, query, message):
    for route in ("/api/table.csv", "/api/table.xlsx"):
        resp = client.get(f"{route}?{query}")
        assert resp.status_code == 400
        body = resp.data.decode()
        assert message in body and body.count("\n") == 1


def test_api_county_table_xlsx_has_data_and_metadata_sheets(client):
    from openpyxl import load_workbook

    resp = client.get(f"/api/table.xlsx?level=county&sel={XINGQING}~{HAIYUAN}")
    assert resp.status_code == 200
    assert 'filename="led-atlas_county-comparison_2-counties_2020.xlsx"' in resp.headers["Content-Disposition"]
    wb = load_workbook(io.BytesIO(resp.data), read_only=True)
    data = list(wb["comparison"].iter_rows(values_only=True))
    assert [r[0] for r in data[1:]] == ["unit", "unit", "prefecture", "prefecture", "province", "nation"]
    assert data[2][data[0].index("Average years of schooling (years, 2020)")] == 7.54
    meta = list(wb["metadata"].iter_rows(values_only=True))
    assert [r[0] for r in meta[1 : 1 + len(COUNTY_DEFAULT_COLUMNS)]] == list(COUNTY_DEFAULT_COLUMNS)
    assert "drawn counties" in meta[-1][1]
