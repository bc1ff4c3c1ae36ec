"""The URL is the state: controls write the query string, back/forward restore the controls.

One callback owns both directions (Dash allows a circular dependency inside one callback):
triggered by the location it parses the query and sets the controls; triggered by a control it
writes the query (only non-default values; :mod:`state.write`).
"""

from __future__ import annotations

from functools import lru_cache

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, ctx, no_update

from callbacks import charts
from callbacks import map as map_callbacks
from layouts import ids
from layouts.i18n import known_lang
from layouts.present import scene_children
from layouts.upload import DATASET as UPLOAD_DATASET
from state import controls, sources
from state import deployment as st
from state.model import MODES, state_with
from web.page import notice_items

CONTROL_OUTPUTS = (ids.INDICATOR, ids.YEAR, ids.SCHEME, ids.K, ids.BREAKS, ids.PALETTE, ids.TABS)


@callback(
    Output(ids.URL, "search"),
    Output(ids.INDICATOR, "value"),
    Output(ids.YEAR, "value"),
    Output(ids.SCHEME, "value"),
    Output(ids.K, "value"),
    Output(ids.BREAKS, "value"),
    Output(ids.PALETTE, "value"),
    Output(ids.TABS, "value"),
    Output(ids.MODE, "value"),
    Output(ids.SELECTION, "data", allow_duplicate=True),
    Output(ids.NOTICES, "children"),
    Output(ids.SCENE_CAPTION, "children"),
    Output(ids.RECOLOUR_ANSWER, "data", allow_duplicate=True),
    Output(ids.CHARTS_RESPONSE, "data", allow_duplicate=True),
    Input(ids.URL_EVENT, "data"),
    Input(ids.SCHEME, "value"),
    Input(ids.K, "value"),
    Input(ids.BREAKS, "value"),
    Input(ids.PALETTE, "value"),
    Input(ids.MODE, "value"),
    Input(ids.VIEW_STORE, "data"),
    State(ids.URL, "search"),
    State(ids.INDICATOR, "value"),
    State(ids.YEAR, "value"),
    State(ids.TABS, "value"),
    State(ids.SELECTION, "data"),
    State(ids.LANG, "data"),
    prevent_initial_call=True,
)
def sync_url(event, scheme, k, breaks, palette, mode, viewport, search, indicator, year, tab, selection, lang):
    """Back / forward set the controls from the URL; the classes, palette, mode and view write it.

    The indicator, year, tab and selection are written in the browser (``ledAtlas.writeUrl``):
    switching them needs no server round trip.
    """
    triggered = {t["prop_id"].split(".")[0] for t in ctx.triggered if t.get("prop_id")}
    if triggered == {ids.URL_EVENT}:  # back / forward: the URL wins
        search = event.get("search") if isinstance(event, dict) else None
        t = event.get("t") if isinstance(event, dict) else None
        return restore(search if isinstance(search, str) else "", lang, t)
    search = search if isinstance(search, str) else ""
    return (
        write(search, indicator, year, scheme, k, breaks, palette, tab, mode, selection, viewport, triggered),
        *(no_update,) * 13,
    )


def restore(search: str, lang, t=None):
    """The controls (and notices) of the URL ``search``; for a presenter's scene also its map colours and
    its chart (:func:`scene_answers`)."""
    current = st.parse(search)
    s = current.state
    scene, answers = no_update, (no_update, no_update)
    if s.present and st.scenes():
        s, scene, unstamped = scene_parts(s.scene, known_lang(s.lang or lang))  # presenter: a scene changed in the page
        if is_time(t):
            answers = tuple({**a, "t": t} if isinstance(a, dict) else a for a in unstamped)
    shown = map_controls(s)
    return (
        no_update,
        *(shown[k] for k in ("indicator", "year", "scheme", "k", "breaks", "palette")),
        s.tab,
        shown["mode"],
        list(s.sel),
        notice_items(current.notices, lang),
        scene,
        *answers,
    )


def map_controls(s) -> dict:
    """What the map's controls show for the state ``s`` -- also the request the browser then sends for its
    colours (assets/map.js ``switchMap``), so a scene's prepared colours are keyed by exactly these values."""
    c = s.classes
    return {
        "indicator": s.indicator,
        "year": s.year,
        "scheme": c.scheme,
        "k": c.k if c.scheme != "user_defined" else 5,
        "breaks": controls.breaks_text(c),
        "palette": s.palette or "auto",
        "mode": s.mode,
    }


def is_time(t) -> bool:
    """Whether ``t`` is a scene change's time (the browser's ``Date.now()``, a number)."""
    return isinstance(t, int | float) and not isinstance(t, bool)


@lru_cache(maxsize=64)
def scene_parts(scene: int, lang: str):
    """``(state, caption, answers)`` of the presenter's scene ``scene`` in ``lang``, the answers
    (:func:`scene_answers`) stamped with time 0. The same for every press of the scene's key (the deployment's
    scenes over the built-in figures): drawn once per process -- the gunicorn master draws every scene before
    it forks (gunicorn.conf.py), so no press waits for its ranking rows or disparity tables (50-300 ms)."""
    s = st.scene_state(scene, lang)
    return s, scene_children(st.scenes()[s.scene - 1], lang), scene_answers(s, 0)


def scene_answers(s, t):
    """A scene's map colours and chart tab in the same answer as its controls: what the browser would ask for
    next, once the controls are set (two more round trips on a loaded server). Each carries ``key``, the
    browser's request it answers, and ``t``, the scene change's time: the browser takes it instead of asking
    (assets/map.js ``switchMap`` / ``chartsRequest``, through ``ledAtlas.prepared``). The compare tab at
    prefecture level is drawn in the browser from the values bundle: not sent."""
    if not is_time(t):
        return no_update, no_update
    paint = map_controls(s)
    level = s.level or "prefecture"
    if level == "county":
        paint["level"] = "county"
    colours = map_callbacks.recolour_answer(paint, list(s.sel), s.lang)
    colours = {**colours, "key": paint, "t": t} if isinstance(colours, dict) else no_update
    chart = no_update
    if not (s.tab == "compare" and level != "county"):
        ask = {"tab": s.tab, "sel": list(s.sel), "indicator": s.indicator, "year": s.year, "lang": s.lang}
        ask["level"] = level
        ask["view"] = s.view if level == "county" and isinstance(s.view, str) else ""  # a drilled-down province
        answer = charts.charts_request({**ask, "present": True, "t": t})
        chart = {**answer, "key": ask} if isinstance(answer, dict) else no_update
    return colours, chart


def write(search, indicator, year, scheme, k, breaks, palette, tab, mode, selection, viewport, triggered=()):
    """The URL after a control change (the controls win), or ``no_update`` when it stays."""
    s = st.parse(search).state
    spec = controls.classes_from_controls(scheme, k, breaks) or s.classes
    ctx_ = st.context(s.ds).at_level(s.level)  # a county link: county indicators and county codes
    years = ctx_.indicator_years.get(indicator)
    if years is None:
        return no_update
    s = state_with(
        s,
        indicator=indicator,
        year=year if year in years else years[-1],
        classes=spec,
        palette=palette if palette in ctx_.palettes else None,
        tab=tab if tab in ctx_.tabs else ctx_.default_tab,
        mode=mode if mode in MODES else "values",
        sel=tuple(c for c in (selection or []) if isinstance(c, str) and c in ctx_.adcodes),
    )
    if ids.VIEW_STORE in triggered:  # the browser filters out the automatic fits
        new_view = controls.view_from_viewport(viewport)
        if new_view is not None:
            s = state_with(s, view=new_view)
    query = st.write(s)
    return no_update if query == search else query


# The indicator, year, tab and selection write the URL in the browser (assets/map.js ``writeUrl``);
# the first call rewrites the page's URL to its canonical form (no history entry).
clientside_callback(
    ClientsideFunction("ledAtlas", "writeUrl"),
    Output(ids.URL_SINK, "data"),
    Input(ids.INDICATOR, "value"),
    Input(ids.YEAR, "value"),
    Input(ids.TABS, "value"),
    Input(ids.SELECTION, "data"),
    State(ids.YEARS_STORE, "data"),
)

# Only back / forward reach the server's parser (not the page's own writes).
clientside_callback(
    ClientsideFunction("ledAtlas", "urlEvent"),
    Output(ids.URL_EVENT, "data"),
    Input(ids.URL, "search"),
    prevent_initial_call=True,
)

# The language and presenter links carry the current state.
clientside_callback(
    ClientsideFunction("ledAtlas", "links"),
    Output(ids.LANG_LINK, "href"),
    Output(ids.PRESENT_LINK, "href"),
    Input(ids.URL, "search"),
    State(ids.LANG, "data"),
)


# The map's moves reach the URL, except the first fit and the refits after a resize.
clientside_callback(
    ClientsideFunction("ledAtlas", "viewChanged"),
    Output(ids.VIEW_STORE, "data"),
    Input(ids.MAP, "center"),
    Input(ids.MAP, "zoom"),
    prevent_initial_call=True,
)


@callback(
    Output(ids.NAV, "href"),
    Input(UPLOAD_DATASET, "data"),
    State(ids.URL, "search"),
    State(ids.LANG, "data"),
    prevent_initial_call=True,
)
def open_dataset(ds_id, search, lang):
    """An accepted upload opens on the map at its own level (a county file: ``level=county``, the selection
    of the other level dropped): a new page whose URL carries ``ds`` (shareable)."""
    if not isinstance(ds_id, str) or st.dataset_in(f"ds={ds_id}") is None:
        return no_update
    s = st.parse(search or "").state
    if s.ds == ds_id:
        return no_update
    level = sources.dataset_level(ds_id) or "prefecture"
    if level != s.level:
        s = state_with(s, level=level, sel=())
    loaded = st.context(ds_id).at_level(level)  # validates ds_<id> as an indicator key at its level
    s = state_with(s, ds=ds_id, indicator=f"ds_{ds_id}", year=loaded.latest_year(f"ds_{ds_id}"), lang=lang)
    return "/" + st.write(s)
