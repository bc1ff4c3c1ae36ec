"""Selection tools: search, pilot views, whole province, box / lasso (issue #5 "Selecting").

Each tool writes the selection store and, except the lasso, moves the map there with the map's
``viewport`` (``fitBounds``/``flyToBounds``; dash-leaflet 1.1.3 reads ``bounds`` only when the map
is created). Spatial work is in :mod:`geodata.select`, components in :mod:`layouts.select_tools`.
"""

from __future__ import annotations

from functools import lru_cache

from dash import Input, Output, State, callback, clientside_callback, ctx, no_update

from geodata import layer, names
from geodata import select as geo_select
from geodata.suggest import nearest_units
from layouts import ids
from layouts import select_tools as tools
from state import sources
from state.model import MAX_SELECTION

#: Most search results shown.
SEARCH_LIMIT = 12
#: How the map moves to a new selection (dash-leaflet ``viewport``).
FLY_OPTIONS = {"padding": [24, 24], "duration": 0.6}


@lru_cache(maxsize=1)
def search_keys() -> names.SearchKeys:
    """Type-ahead keys of the layer's units, built once per process (~20 ms)."""
    return names.build_search_keys(layer.units())


@lru_cache(maxsize=1)
def _unit_keys() -> dict[str, tuple[str, ...]]:
    """Every search key of each unit (its own names and its province's), for the options' ``search``."""
    keys: dict[str, list[str]] = {}
    for k in search_keys().keys:
        keys.setdefault(k.adcode, []).append(k.key)
    return {a: tuple(dict.fromkeys(v)) for a, v in keys.items()}


@lru_cache(maxsize=1)
def _unit_rows() -> dict[str, dict]:
    cols = ["adcode", "name_zh", "name_en", "province_adcode", "province_zh", "province_en"]
    return {row["adcode"]: row for row in layer.units()[cols].astype(str).to_dict("records")}


def province_choices() -> list[dict]:
    """``[{adcode, name_zh, name_en}, ...]`` for :func:`layouts.select_tools.select_toolbar`."""
    return geo_select.provinces()


def toolbar(lang: str):
    """The selection toolbar for the page (reads the province list of the layer)."""
    return tools.select_toolbar(lang, province_choices())


def merge_selection(current: list[str] | None, codes: list[str], add: bool) -> list[str]:
    """The new selection: ``codes`` alone, or appended to ``current`` when ``add``.

    Keeps the order, drops repeats and anything that is not a string, and stops at
    :data:`MAX_SELECTION` codes.

    >>> merge_selection(["110000"], ["640100", "640200"], add=False)
    ['640100', '640200']
    >>> merge_selection(["110000", "640100"], ["640100", "640200"], add=True)
    ['110000', '640100', '640200']
    """
    base = [c for c in (current or []) if isinstance(c, str)] if add else []
    return list(dict.fromkeys([*base, *codes]))[:MAX_SELECTION]


def fly_to(codes: list[str]) -> dict:
    """The map ``viewport`` that flies to the bounds of ``codes``."""
    return {"bounds": geo_select.bounds_of(codes), "transition": "flyToBounds", "options": dict(FLY_OPTIONS)}


def _known(codes) -> list[str]:
    known = sources.known_codes()
    return [c for c in codes if isinstance(c, str) and c in known]


@callback(
    Output(tools.SEARCH, "options"),
    Input(tools.SEARCH, "search_value"),
    State(ids.LANG, "data"),
    prevent_initial_call=True,
)
def search_options(query, lang):
    """Options matching what is typed; the last options stay while the box is empty."""
    if not isinstance(query, str) or not query.strip():
        return no_update
    codes = names.search_units(query, layer.units(), SEARCH_LIMIT, keys=search_keys())
    rows, keys = _unit_rows(), _unit_keys()
    if not codes:  # a misspelling ("Yinchaun"): the nearest names, which the box keeps for what was typed
        typed = query.strip().lower()
        return [
            tools.suggestion_option(rows[c], lang, (*keys.get(c, ()), typed))
            for c in nearest_units(query, search_keys())
            if c in rows
        ]
    return [tools.search_option(rows[c], lang, keys.get(c, ())) for c in codes if c in rows]


@callback(
    Output(ids.SELECTION, "data", allow_duplicate=True),
    Output(ids.MAP, "viewport", allow_duplicate=True),
    Output(tools.SEARCH, "value"),
    Input(tools.SEARCH, "value"),
    State(ids.SELECTION, "data"),
    prevent_initial_call=True,
)
def choose_unit(code, current):
    """A chosen search result joins the selection and the map flies to it; the box is emptied."""
    if not isinstance(code, str) or not _known([code]):
        return no_update, no_update, no_update
    return merge_selection(current, [code], add=True), fly_to([code]), None


@callback(
    Output(ids.SELECTION, "data", allow_duplicate=True),
    Output(ids.MAP, "viewport", allow_duplicate=True),
    Input(tools.PILOT_NINGXIA, "n_clicks"),
    Input(tools.PILOT_CHONGQING, "n_clicks"),
    prevent_initial_call=True,
)
def pilot_view(_ningxia, _chongqing):
    """One click: exactly the pilot's units, and the map on them."""
    name = {tools.PILOT_NINGXIA: "ningxia", tools.PILOT_CHONGQING: "chongqing"}.get(ctx.triggered_id)
    if name is None:
        return no_update, no_update
    codes = geo_select.pilot_units(name)
    return codes, fly_to(codes)


@callback(
    Output(ids.SELECTION, "data", allow_duplicate=True),
    Output(ids.MAP, "viewport", allow_duplicate=True),
    Input(tools.PROVINCE_GO, "n_clicks"),
    State(tools.PROVINCE, "value"),
    State(tools.LASSO_ADD, "value"),
    State(ids.SELECTION, "data"),
    prevent_initial_call=True,
)
def select_province(_n, province, add, current):
    """All units of the chosen province (added when the add box is ticked), and the map on them."""
    try:
        codes = geo_select.province_units(province)
    except ValueError:
        return no_update, no_update
    return merge_selection(current, codes, add=bool(add)), fly_to(codes)


# Only a drawn shape reaches the server: the draw control also reports its empty collection when it
# mounts and after each clear.
clientside_callback(
    """function (g) {
        var f = g && g.features;
        return f && f.length ? g : window.dash_clientside.no_update;
    }""",
    Output(ids.DRAWN, "data"),
    Input(tools.DRAW, "geojson"),
    prevent_initial_call=True,
)


@callback(
    Output(ids.SELECTION, "data", allow_duplicate=True),
    Output(tools.DRAW, "editToolbar"),
    Input(ids.DRAWN, "data"),
    State(tools.LASSO_ADD, "value"),
    State(ids.SELECTION, "data"),
    State(tools.DRAW, "editToolbar"),
    prevent_initial_call=True,
)
def lasso(geojson, add, current, toolbar_state):
    """The last drawn box or polygon selects every unit it touches; the drawing is then cleared.

    The map stays where it is. Clearing fires the control's own update (no features), ignored here.
    """
    features = (geojson or {}).get("features") if isinstance(geojson, dict) else None
    if not isinstance(features, list) or not features:
        return no_update, no_update
    n = (toolbar_state or {}).get("n_clicks", 0) if isinstance(toolbar_state, dict) else 0
    clear = {"mode": "remove", "action": "clear all", "n_clicks": (n if isinstance(n, int) else 0) + 1}
    try:
        shape = geo_select.shape_from_geojson(features[-1])
    except ValueError:
        return no_update, clear
    codes = geo_select.units_touching(shape)
    if not codes and not add:
        return no_update, clear
    return merge_selection(current, codes, add=bool(add)), clear
