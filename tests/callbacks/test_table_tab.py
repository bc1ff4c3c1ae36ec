"""The table tab's builder and callbacks, called directly (issue 18)."""

from __future__ import annotations

import json

import plotly

from callbacks import charts
from callbacks import table as table_callbacks
from indicators.table import DEFAULT_COLUMNS
from state.table_view import table_keys
from tests.component_tree import find_props

NINGXIA = ["640100", "640200", "640300", "640400", "640500"]


def _json(tree) -> str:
    return json.dumps(tree, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


def _grid(tree):
    found = find_props(json.loads(_json(tree)), lambda node: node.get("type") == "AgGrid")
    return found[0] if found else None


def test_table_tab_for_ningxia_has_units_references_and_default_columns():
    grid = _grid(charts.render_tab("table", NINGXIA, "pop_resident", 2020, "zh"))
    assert [r["adcode"] for r in grid["rowData"]] == NINGXIA
    assert [r["name"] for r in grid["dashGridOptions"]["pinnedBottomRowData"]] == ["宁夏回族自治区", "全国"]
    assert [c["field"] for c in grid["columnDefs"][2:]] == list(DEFAULT_COLUMNS)
    yinchuan = grid["rowData"][0]
    assert yinchuan["avg_wage"] == 105653.0 and yinchuan["avg_wage__cell"]["rank"] == "第28/292"


def test_table_tab_takes_cols_from_the_request_and_notes_uploaded_keys():
    tree = charts.render_tab("table", ["640100"], "pop_resident", 2020, "en", "gdp~ds_0123abcd~avg_wage")
    grid = _grid(tree)
    assert [c["field"] for c in grid["columnDefs"][2:]] == ["gdp", "avg_wage"]
    assert "Uploaded data cannot be a table column: ds_0123abcd" in _json(tree)
    assert '"/api/table.csv?sel=640100&cols=gdp~avg_wage&year=2020"' in _json(tree)


def test_table_tab_without_selection_shows_the_hint():
    text = _json(charts.render_tab("table", [], "pop_resident", 2020, "en"))
    assert (
        "Select units on the map" in text and _grid(charts.render_tab("table", [], "pop_resident", 2020, "en")) is None
    )


def test_update_table_follows_the_picker():
    grid, links = table_callbacks.update_table(["avg_wage", "gdp"], NINGXIA[:2], "pop_resident", 2020, "en")
    props = json.loads(_json(grid))["props"]
    assert [c["field"] for c in props["columnDefs"][2:]] == ["avg_wage", "gdp"]
    assert "cols=avg_wage~gdp" in _json(links)


def test_table_keys_default_columns_are_not_named_in_the_url():
    assert table_keys("~".join(DEFAULT_COLUMNS)) == (DEFAULT_COLUMNS, (), [])
