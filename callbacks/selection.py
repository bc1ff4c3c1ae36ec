"""Selection: a click on a unit toggles it (shift/ctrl/cmd adds), the side panel describes it."""

from __future__ import annotations

import re

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, ctx, no_update

from layouts import ids
from layouts.map import DETAIL_SLOTS
from state import county_display, display, sources
from state.model import MAX_SELECTION

ADCODE = re.compile(r"^\d{6}$")


def toggle_selection(current: list[str], code: str, additive: bool) -> list[str]:
    """New selection after a click on ``code``.

    A plain click selects only ``code`` (or clears it when it was the only one selected);
    an additive click (shift / ctrl / cmd) adds it, or removes it when already selected.

    >>> toggle_selection(["110000"], "640100", False)
    ['640100']
    >>> toggle_selection(["110000"], "640100", True)
    ['110000', '640100']
    >>> toggle_selection(["110000", "640100"], "640100", True)
    ['110000']
    """
    if additive:
        return [c for c in current if c != code] if code in current else [*current, code]
    return [] if current == [code] else [code]


@callback(
    Output(ids.SELECTION, "data"),
    Input(ids.UNITS, "clickData"),
    Input(ids.INSET, "clickData"),
    Input(ids.CLEAR, "n_clicks"),
    *(Input(f"{ids.DETAIL}-{i}", "clickData") for i in range(DETAIL_SLOTS)),
    State(ids.SELECTION, "data"),
    prevent_initial_call=True,
)
def select(units_click, inset_click, clear_clicks, *details_and_current):
    *detail_clicks, current = details_and_current
    if ctx.triggered_id == ids.CLEAR:
        return [] if clear_clicks else no_update  # only a real click (n_clicks > 0) clears
    clicks = {ids.UNITS: units_click, ids.INSET: inset_click}
    clicks.update({f"{ids.DETAIL}-{i}": c for i, c in enumerate(detail_clicks)})
    click = clicks.get(ctx.triggered_id)
    code = (click or {}).get("a") if isinstance(click, dict) else None
    if not isinstance(code, str) or not ADCODE.match(code) or code not in sources.known_codes(include_counties=True):
        return no_update
    current = [c for c in (current or []) if isinstance(c, str)][:MAX_SELECTION]
    return toggle_selection(current, code, bool(click.get("add")))


# The side panel asks the server only when it shows (or showed) selected units (assets/map.js).
clientside_callback(
    ClientsideFunction("ledAtlas", "panelRequest"),
    Output(ids.PANEL_REQUEST, "data"),
    Input(ids.SELECTION, "data"),
    Input(ids.INDICATOR, "value"),
    Input(ids.YEAR, "value"),
    State(ids.YEARS_STORE, "data"),
    prevent_initial_call=True,
)


@callback(
    Output(ids.SIDE_PANEL, "children"),
    Input(ids.PANEL_REQUEST, "data"),
    State(ids.LANG, "data"),
    prevent_initial_call=True,
)
def panel_request(request, lang):
    r = request if isinstance(request, dict) else {}
    return side_panel(r.get("sel"), r.get("indicator"), r.get("year"), lang, r.get("level"))


def side_panel(selection, indicator, year, lang, level=None):
    selection = selection if isinstance(selection, list) else []
    if level == "county":
        return county_display.side_panel(selection, indicator, year, lang)
    return display.side_panel(selection, indicator, year, lang)
