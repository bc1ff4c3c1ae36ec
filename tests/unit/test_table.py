"""The comparison table (indicators/table.py), its files (indicators/table_export.py) and its routes
(web/table_api.py), on the real store with Ningxia's five prefectures."""

from __future__ import annotations

import io

import pytest
from flask import Flask

from indicators import table_export
from indicators.table import DEFAULT_COLUMNS, TableLookupError, comparison_table, resolve_columns
from web.table_api import register_table_routes

NINGXIA = ["640100", "640200", "640300", "640400", "640500"]


@pytest.fixture(scope="module")
def ningxia():
    return comparison_table(NINGXIA, None, 2020)


@pytest.fixture(scope="module")
def client():
    app = Flask("table-test")
    register_table_routes(app)
    return app.test_client()


def _cell(table, kind, code, key):
    rows = {(r["kind"], r["adcode"]): r for r in table.rows()}
    return rows[(kind, code)][key]


def test_table_default_columns_one_per_family_and_rows_units_then_references(ningxia):
    assert tuple(c.key for c in ningxia.columns) == DEFAULT_COLUMNS
    families = {c.indicator.family for c in ningxia.columns}
    assert families == {"employment", "migrant", "sector", "economy"}
    rows = ningxia.rows()
    assert [(r["kind"], r["adcode"]) for r in rows] == [
        *(("unit", c) for c in NINGXIA),
        ("province", "640000"),
        ("nation", "000000"),
    ]
    assert rows[0]["name_zh"] == "银川市" and rows[0]["province_en"] == "Ningxia"


def test_table_yinchuan_values_match_the_yearbook_and_census(ningxia):
    wage = _cell(ningxia, "unit", "640100", "avg_wage")
    assert wage["value"] == 105653.0 and wage["year"] == 2020  # CCSY avg_wage_nonprivate_yuan_per_year
    emp = _cell(ningxia, "unit", "640100", "emp_nonprivate_per100_resident")
    assert emp["value"] == pytest.approx(34.979 / 285.9074 * 100)  # employment 10k / census residents 10k
    # national rank among the units with a value: 1 = highest, n = units with a value
    assert 1 <= wage["rank"] <= wage["n"] <= 370
    wages = {c: _cell(ningxia, "unit", c, "avg_wage")["value"] for c in NINGXIA}
    ranks = {c: _cell(ningxia, "unit", c, "avg_wage")["rank"] for c in NINGXIA}
    assert sorted(NINGXIA, key=lambda c: -wages[c]) == sorted(NINGXIA, key=lambda c: ranks[c])


def test_table_references_have_values_but_no_rank_or_colour(ningxia):
    prov = _cell(ningxia, "province", "640000", "emp_nonprivate_per100_resident")
    nation = _cell(ningxia, "nation", "000000", "emp_nonprivate_per100_resident")
    assert prov["value"] > 0 and nation["value"] > 0
    assert prov["rank"] is None and prov["color"] is None and nation["color"] is None


def test_table_colours_are_the_maps_opening_classes(ningxia):
    from indicators.classify import classify
    from indicators.display import class_colors
    from indicators.registry import get_indicator
    from indicators.store import indicator_values

    ind = get_indicator("avg_wage")
    classes = classify(indicator_values("avg_wage", 2020), "quantiles", 5, diverging=ind.diverging)
    colors = class_colors(classes, ind.palette)
    for code in NINGXIA:
        cell = _cell(ningxia, "unit", code, "avg_wage")
        assert cell["cls"] == int(classes.classes[code])
        assert cell["color"] == colors[cell["cls"]]


def test_table_missing_is_nan_never_zero():
    t = comparison_table(["640100"], ["sector_potential"], 2020)
    nation = _cell(t, "nation", "000000", "sector_potential")
    assert nation["value"] != nation["value"]  # NaN: no national score
    assert "" == table_export.table_csv(t).splitlines()[-1].split(",")[6]


def test_table_year_an_indicator_lacks_uses_its_closest_year():
    t = comparison_table(["640100"], ["avg_wage", "pop_resident"], 2023)
    assert [(c.key, c.year) for c in t.columns] == [("avg_wage", 2021), ("pop_resident", 2020)]


def test_table_bad_input_raises_one_line_lookup_errors():
    with pytest.raises(TableLookupError, match="unknown unit code '999999'"):
        comparison_table(["999999"], None, 2020)
    with pytest.raises(TableLookupError, match="unknown indicator 'nope'"):
        resolve_columns(["gdp", "nope"])
    with pytest.raises(TableLookupError, match="no unit"):
        comparison_table([], None, 2020)


def test_table_csv_has_bom_and_five_fields_per_column(ningxia):
    text = table_export.table_csv(ningxia)
    assert text.startswith("\ufeff")
    header = text[1:].splitlines()[0].split(",")
    assert header[:6] == ["kind", "adcode", "name_zh", "name_en", "province_zh", "province_en"]
    assert header[6:11] == [DEFAULT_COLUMNS[0] + s for s in ("", "_year", "_rank", "_unit", "_source")]
    assert len(header) == 6 + 5 * len(DEFAULT_COLUMNS)
    assert table_export.file_name(ningxia, "xlsx") == "led-atlas_comparison_5-units_2020.xlsx"


def test_api_table_csv_serves_the_same_table(client, ningxia):
    resp = client.get("/api/table.csv?sel=" + "~".join(NINGXIA) + "&year=2020")
    assert resp.status_code == 200
    assert resp.data.startswith("\ufeff".encode())
    assert resp.data.decode("utf-8") == table_export.table_csv(ningxia)
    assert 'filename="led-atlas_comparison_5-units_2020.csv"' in resp.headers["Content-Disposition"]


def test_api_table_csv_cols_choose_the_columns(client):
    resp = client.get("/api/table.csv?sel=640100~640200&cols=gdp~avg_wage&year=2019")
    header = resp.data.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[6::5] == ["gdp", "avg_wage"]


@pytest.mark.parametrize(
    "query, message",
    [
        ("sel=640100&cols=nope", "unknown indicator 'nope'"),
        ("sel=999999", "unknown unit code"),
        ("sel=", "no unit selected"),
        ("sel=640100&year=20x0", "year must be four digits"),
        ("sel=640100&year=1990", "no column has the year 1990"),
    ],
)
def test_api_table_bad_params_answer_400_one_line(client, query, message):
    resp = client.get("/api/table.csv?" + query)
    assert resp.status_code == 400
    body = resp.data.decode()
    assert message in body and body.count("\n") == 1


def test_api_table_xlsx_has_data_and_metadata_sheets(client):
    from openpyxl import load_workbook

    resp = client.get("/api/table.xlsx?sel=" + "~".join(NINGXIA))
    assert resp.status_code == 200
    assert 'filename="led-atlas_comparison_5-units_2020.xlsx"' in resp.headers["Content-Disposition"]
    wb = load_workbook(io.BytesIO(resp.data), read_only=True)
    assert wb.sheetnames == ["comparison", "metadata"]
    data = list(wb["comparison"].iter_rows(values_only=True))
    assert data[0][:2] == ("kind", "adcode") and data[1][:4] == ("unit", "640100", "银川市", "Yinchuan")
    assert data[1][data[0].index("Average wage, urban non-private units (yuan per year, 2020)")] == 105653
    assert [r[0] for r in data[1:]] == ["unit"] * 5 + ["province", "nation"]
    meta = list(wb["metadata"].iter_rows(values_only=True))
    assert meta[0] == ("indicator", "label_zh", "label_en", "unit_zh", "unit_en", "year", "source", "formula", "caveat")
    assert [r[0] for r in meta[1 : 1 + len(DEFAULT_COLUMNS)]] == list(DEFAULT_COLUMNS)
    assert meta[1][5] == 2020 and "pop_resident_10k" in meta[1][7]
