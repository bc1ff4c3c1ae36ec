"""The table tab's callbacks: the column picker redraws the grid and writes ``cols`` to the URL (in the
browser, ``assets/table.js``); dragging a column header reorders the picker's columns."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, no_update

from callbacks.charts import chart_inputs
from layouts import ids
from state.table_view import table_update


@callback(
    Output(ids.TABLE_WRAP, "children"),
    Output(ids.TABLE_LINKS, "children"),
    Input(ids.TABLE_COLS, "value"),
    State(ids.SELECTION, "data"),
    State(ids.INDICATOR, "value"),
    State(ids.YEAR, "value"),
    State(ids.LANG, "data"),
    prevent_initial_call=True,
)
def update_table(cols, selection, indicator, year, lang):
    lang, sel, _ignored, _ind, year = chart_inputs(selection, indicator, year, lang)
    return table_update(sel, cols, year, lang)


@callback(
    Output(ids.TABLE_COLS, "value"),
    Input(ids.TABLE_GRID, "columnState"),
    State(ids.TABLE_COLS, "value"),
    prevent_initial_call=True,
)
def reorder_columns(state, current):
    """A header dragged to a new place: the picker (and so the URL) takes the grid's order."""
    if not isinstance(state, list) or not isinstance(current, list):
        return no_update
    order = [c.get("colId") for c in state if isinstance(c, dict) and c.get("colId") in current]
    if sorted(order) != sorted(current) or order == current:
        return no_update
    return order


# The columns reach the URL through the browser's one writer (ledAtlas.writeQuery).
clientside_callback(
    ClientsideFunction("ledAtlas", "tableCols"),
    Output(ids.TABLE_DEFAULT_COLS, "clear_data"),
    Input(ids.TABLE_COLS, "value"),
    State(ids.TABLE_DEFAULT_COLS, "data"),
    prevent_initial_call=True,
)
