"""Selection tools: search, pilot views, whole province, box / lasso (issue #5 "Selecting").

Each tool writes the selection store and, except the lasso, moves the map there with the map's
``viewport`` (``fitBounds``/``flyToBounds``; dash-leaflet 1.1.3 reads ``bounds`` only when the map
is created). Spatial work is in :mod:`geodata.select`, components in :mod:`layouts.select_tools`.

At county level (``ids.LEVEL``: ``{"level": "county", "province": <drawn province or None>}``) every
tool works on the drawn counties instead: search by county name (narrowed by prefecture or province,
:mod:`geodata.county_search`), the pilots and the province picker select counties, and a box or lasso
selects the counties the map draws (the drilled-down province's, or the whole country's).
"""

from __future__ import annotations

from functools import lru_cache

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, ctx, no_update

from callbacks.selection import ADCODE
from geodata import county_search, layer, names
from geodata import select as geo_select
from geodata.suggest import nearest_units
from layouts import ids
from layouts import select_tools as tools
from state import county_display, sources
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


@lru_cache(maxsize=1)
def county_keys() -> county_search.CountyKeys:
    """Type-ahead keys of the drawn counties, built once per process (~1 s: pinyin of 2,836 names)."""
    return county_search.build_county_keys(county_display.search_table())


@lru_cache(maxsize=1)
def _county_rows() -> dict[str, dict]:
    return {row["adcode"]: row for row in county_display.search_table().astype(str).to_dict("records")}


def county_scope(level_state) -> tuple[bool, str | None]:
    """``(county level?, drawn province or None)`` from the ``ids.LEVEL`` store (anything odd: prefecture).

    >>> county_scope({"level": "county", "province": "640000"}), county_scope(None)
    ((True, '640000'), (False, None))
    """
    if not isinstance(level_state, dict) or level_state.get("level") != "county":
        return False, None
    province = level_state.get("province")
    return True, (province if isinstance(province, str) and ADCODE.match(province) else None)


def county_options(query: str, lang: str) -> list[dict]:
    """Search options at county level: each county with its prefecture and province; near names on a misspelling."""
    rows, keys = _county_rows(), county_keys()
    codes = county_search.search_counties(query, keys, SEARCH_LIMIT)
    # what was typed goes into each option's search text: the dropdown's own filter keeps what the server found
    typed = tuple(dict.fromkeys((query.strip().lower(), names.normalise_query(query))))
    if codes:
        return [tools.county_option(rows[c], lang, typed) for c in codes if c in rows]
    return [
        tools.suggestion_option(rows[c], lang, typed, build=tools.county_option)
        for c in nearest_units(query, keys.own)
        if c in rows
    ]


def province_choices() -> list[dict]:
    """``[{adcode, name_zh, name_en}, ...]`` for :func:`layouts.select_tools.select_toolbar`."""
    return geo_select.provinces()


def toolbar(lang: str, level: str = "prefecture"):
    """The selection toolbar for the page (reads the province list of the layer)."""
    return tools.select_toolbar(lang, province_choices(), level)


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


def fly_to(codes: list[str], counties: bool = False):
    """The map ``viewport`` that flies to the bounds of ``codes`` (prefectures, or counties); ``no_update``
    when none is on the main map (Sansha's districts are drawn only in the inset)."""
    gdf = county_display.county_geometry() if counties else None
    try:
        bounds = geo_select.bounds_of(codes, gdf)
    except ValueError:
        return no_update
    return {"bounds": bounds, "transition": "flyToBounds", "options": dict(FLY_OPTIONS)}


def _known(codes, counties: bool = False) -> list[str]:
    known = frozenset(county_display.drawn_units().index) if counties else sources.known_codes()
    return [c for c in codes if isinstance(c, str) and c in known]


def _county_units_of(province: str) -> list[str]:
    """The drawn counties of one province; ``ValueError`` when it has none."""
    return geo_select.province_units(province, county_display.county_geometry())


@callback(
    Output(tools.SEARCH, "options"),
    Input(tools.SEARCH, "search_value"),
    State(ids.LANG, "data"),
    State(ids.LEVEL, "data"),
    prevent_initial_call=True,
)
def search_options(query, lang, level_state=None):
    """Options matching what is typed; the last options stay while the box is empty."""
    if not isinstance(query, str) or not query.strip():
        return no_update
    if county_scope(level_state)[0]:
        return county_options(query, lang)
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
    State(ids.LEVEL, "data"),
    prevent_initial_call=True,
)
def choose_unit(code, current, level_state=None):
    """A chosen search result joins the selection and the map flies to it; the box is emptied."""
    counties = county_scope(level_state)[0]
    if not isinstance(code, str) or not _known([code], counties):
        return no_update, no_update, no_update
    return merge_selection(current, [code], add=True), fly_to([code], counties), None


@callback(
    Output(ids.SELECTION, "data", allow_duplicate=True),
    Output(ids.MAP, "viewport", allow_duplicate=True),
    Input(tools.PILOT_NINGXIA, "n_clicks"),
    Input(tools.PILOT_CHONGQING, "n_clicks"),
    State(ids.LEVEL, "data"),
    prevent_initial_call=True,
)
def pilot_view(_ningxia, _chongqing, level_state=None):
    """One click: exactly the pilot's units (at county level its counties), and the map on them."""
    name = {tools.PILOT_NINGXIA: "ningxia", tools.PILOT_CHONGQING: "chongqing"}.get(ctx.triggered_id)
    if name is None:
        return no_update, no_update
    if county_scope(level_state)[0]:
        codes = _county_units_of(county_display.PILOT_PROVINCES[name])
        return codes[:MAX_SELECTION], fly_to(codes, counties=True)
    codes = geo_select.pilot_units(name)
    return codes, fly_to(codes)


@callback(
    Output(ids.SELECTION, "data", allow_duplicate=True),
    Output(ids.MAP, "viewport", allow_duplicate=True),
    Input(tools.PROVINCE_GO, "n_clicks"),
    State(tools.PROVINCE, "value"),
    State(tools.LASSO_ADD, "value"),
    State(ids.SELECTION, "data"),
    State(ids.LEVEL, "data"),
    prevent_initial_call=True,
)
def select_province(_n, province, add, current, level_state=None):
    """All units of the chosen province (added when the add box is ticked), and the map on them."""
    counties = county_scope(level_state)[0]
    try:
        codes = _county_units_of(province) if counties else geo_select.province_units(province)
    except ValueError:
        return no_update, no_update
    return merge_selection(current, codes, add=bool(add)), fly_to(codes, counties)


# The box / lasso tools join the map once it is drawn (layouts/select_tools.py draw_layer).
clientside_callback(
    ClientsideFunction("ledAtlas", "afterPaint"),
    Output(tools.DRAW_GROUP, "children"),
    Input(tools.DRAW_LATER, "data"),
)


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
    State(ids.LEVEL, "data"),
    prevent_initial_call=True,
)
def lasso(geojson, add, current, toolbar_state, level_state=None):
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
    counties, province = county_scope(level_state)
    codes = geo_select.units_touching(shape, county_display.county_geometry(province) if counties else None)
    if not codes and not add:
        return no_update, clear
    return merge_selection(current, codes, add=bool(add)), clear
