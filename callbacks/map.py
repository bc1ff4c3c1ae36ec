"""Map callbacks: the indicator, year and classes recolour the map (only ``hideout`` travels)."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, no_update

from callbacks import view
from layouts import ids


@callback(
    Output(ids.YEAR, "options"),
    Output(ids.YEAR, "value"),
    Input(ids.INDICATOR, "value"),
    State(ids.YEAR, "value"),
    prevent_initial_call=True,
)
def year_options(indicator, year):
    """Years of the chosen indicator; keep the year when it exists, else the latest."""
    try:
        years = view.years_of(indicator)
    except ValueError:
        return no_update, no_update
    return [{"label": str(y), "value": y} for y in years], (year if year in years else max(years))


@callback(
    Output(ids.UNITS, "hideout"),
    Output(ids.INSET, "hideout"),
    Output(ids.LEGEND, "children"),
    Output(ids.CAPTION, "children"),
    Input(ids.INDICATOR, "value"),
    Input(ids.YEAR, "value"),
    Input(ids.SCHEME, "value"),
    Input(ids.K, "value"),
    State(ids.SELECTION, "data"),
    State(ids.LANG, "data"),
    prevent_initial_call=True,  # the layout carries the first colours (dash-leaflet drops early hideouts)
)
def recolour(indicator, year, scheme, k, selection, lang):
    try:
        years = view.years_of(indicator)
    except ValueError:
        return no_update, no_update, no_update, no_update
    year = year if year in years else max(years)
    scheme = scheme if scheme in ("quantiles", "fisher_jenks", "equal_interval") else "quantiles"
    k = k if isinstance(k, int) and 3 <= k <= 9 else 5
    hide, legend, caption = view.choropleth(indicator, year, scheme, k, None, selection or [], lang)
    return hide, hide, legend, caption


# Selection outlines: merge the selected codes into both layers' hideout in the browser.
clientside_callback(
    ClientsideFunction("ledAtlas", "mergeSelection"),
    Output(ids.UNITS, "hideout", allow_duplicate=True),
    Output(ids.INSET, "hideout", allow_duplicate=True),
    Input(ids.SELECTION, "data"),
    State(ids.UNITS, "hideout"),
    prevent_initial_call=True,
)
