"""The table tab's callbacks: the column picker redraws the grid (at either level: ``ids.LEVEL``) and
writes ``cols`` to the URL (in the browser, ``assets/table.js``)."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback

from callbacks.charts import chart_inputs, is_county
from layouts import ids
from layouts.i18n import known_lang
from state import county_charts
from state.table_view import table_update


@callback(
    Output(ids.TABLE_WRAP, "children"),
    Output(ids.TABLE_LINKS, "children"),
    Input(ids.TABLE_COLS, "value"),
    State(ids.SELECTION, "data"),
    State(ids.INDICATOR, "value"),
    State(ids.YEAR, "value"),
    State(ids.LANG, "data"),
    State(ids.LEVEL, "data"),
    prevent_initial_call=True,
)
def update_table(cols, selection, indicator, year, lang, level_state=None):
    if is_county(level_state):
        return county_charts.table_update(selection, cols, indicator, year, known_lang(lang))
    lang, sel, _ignored, _ind, year = chart_inputs(selection, indicator, year, lang)
    return table_update(sel, cols, year, lang)


# The columns reach the URL through the browser's one writer (ledAtlas.writeQuery).
clientside_callback(
    ClientsideFunction("ledAtlas", "tableCols"),
    Output(ids.TABLE_DEFAULT_COLS, "clear_data"),
    Input(ids.TABLE_COLS, "value"),
    State(ids.TABLE_DEFAULT_COLS, "data"),
    prevent_initial_call=True,
)
