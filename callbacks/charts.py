"""Chart tabs: every chart follows the selection, and clicks in the charts select units on the map.

``render_tab`` draws the active tab into ``ids.CHARTS`` from the selection, indicator, year and
language. The scatter and ranking tabs own their redraw on a selection change (so the grid keeps its
sort and filter, the scatter its second indicator); the peers tab recomputes on its own controls.
Three callbacks write the selection back: a scatter dot, a grid row, the peer button.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import pandas as pd
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, html, no_update

from callbacks.selection import ADCODE, toggle_selection
from geodata import layer
from indicators import compare, store
from indicators.registry import REGISTRY, get_indicator
from layouts import ids
from layouts.charts import ranking as ranking_chart
from layouts.charts import scatter as scatter_chart
from layouts.charts.common import (
    chart_label,
    error_tab,
    html_hint,
    ignored_notice,
    meta,
    notices,
    on_projector,
    unit_names,
)
from layouts.charts.compare import compare_tab
from layouts.charts.disparity import disparity_change_panel, disparity_panel
from layouts.charts.peers import PEER_COUNTS, peers_tab, peers_table
from layouts.charts.profile import profile_tab
from layouts.charts.sectors import sectors_tab
from layouts.charts.trend import trend_tab
from layouts.i18n import known_lang, t
from state import county_charts, sources
from state.model import DEFAULT_INDICATOR, MAX_SELECTION
from state.table_view import table_content
from web.values import compare_references, display_values, uploaded

log = logging.getLogger(__name__)
SELECTION_TABS = ("scatter", "ranking")  # tabs that redraw themselves on a selection change


# --------------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def units() -> pd.DataFrame:
    """The map units' attributes indexed by adcode."""
    return layer.units().set_index("adcode")


def clean_selection(selection) -> tuple[list[str], list[str]]:
    """``(known codes, ignored codes)`` of a selection; duplicates and non-strings dropped.

    >>> clean_selection(["640100", "999999", "640100", 5])[1]
    ['999999']
    """
    known = set(units().index)
    valid, ignored = [], []
    codes = selection if isinstance(selection, list | tuple) else []  # a hostile payload: no selection
    for code in dict.fromkeys(c for c in codes if isinstance(c, str)):
        (valid if code in known else ignored).append(code)
    return valid[:MAX_SELECTION], ignored


def indicator_year(indicator, year):
    """The indicator (default when unknown) and the year (its latest when not one of its years)."""
    try:
        ind = sources.resolve(indicator)  # a registry indicator or an uploaded dataset (ds_<id>)
    except ValueError:
        ind = get_indicator(DEFAULT_INDICATOR)
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = ind.latest_year
    return ind, (year if year in ind.years else ind.latest_year)


def chart_inputs(selection, indicator, year, lang):
    """A chart's inputs made safe: ``(language, known codes, ignored codes, indicator, year)``."""
    sel, ignored = clean_selection(selection)
    ind, year = indicator_year(indicator, year)
    return known_lang(lang), sel, ignored, ind, year


def _national(key: str, year: int) -> float:
    try:
        return store.national_value(key, year)
    except (ValueError, KeyError):
        return float("nan")


# --------------------------------------------------------------------------------------------------
# Tabs
# --------------------------------------------------------------------------------------------------


def compare_content(sel, ind, year, lang, notes):
    # Bars, order and axis at the published precision (ties keep the layer's order), and the same
    # references as the values bundle: the browser draws this tab alike from it (assets/compare.js).
    values = display_values(ind.key, year)
    # a total dwarfs every unit, an upload has no province or national figure: compare with mean unit values
    averages = ind.aggregation == "sum" or uploaded(ind.key)
    province_ref, national_ref = compare_references(ind.key, year)
    m = meta(ind, year, lang)
    return compare_tab(values, sel, units(), province_ref, national_ref, m, lang, notes, averages)


def trend_content(sel, ind, year, lang, notes):
    years = sources.available_years(ind.key)
    m = meta(ind, year, lang)
    if len(years) < 2:
        panel = sources.panel_for(ind.key, years) if years else None
        return trend_tab(panel, sel, units(), None, m, lang, notes)
    panel = sources.panel_for(ind.key, years)
    # a total dwarfs every unit, an upload has no national figure: compare with the mean unit value
    averages = ind.aggregation == "sum" or uploaded(ind.key)
    national = panel.mean() if averages else compare.national_series(ind.key, years)
    return trend_tab(panel, sel, units(), national, m, lang, notes, averages)


def scatter_figure(sel, x_ind, year, y_key, log_axes, lang):
    try:
        y_ind = get_indicator(y_key)
    except ValueError:
        y_ind = get_indicator(scatter_chart.default_scatter_y(x_ind.key))
    y_year = compare.closest_year(y_ind.years, year)
    return scatter_chart.scatter_figure(
        sources.values_for(x_ind.key, year),
        store.indicator_values(y_ind.key, y_year),
        sel,
        units(),
        meta(x_ind, year, lang),
        meta(y_ind, y_year, lang),
        lang,
        log_x="x" in (log_axes or []),
        log_y="y" in (log_axes or []),
    )


def ranking_rows(sel, ind, year, lang):
    values = sources.values_for(ind.key, year).reindex(units().index)
    table = compare.ranking_table(values, units()["province_adcode"])
    flags = sources.flags_for(ind.key, year)
    return ranking_chart.ranking_rows(table, units(), flags, sel, meta(ind, year, lang), lang)


def ranking_content(sel, ind, year, lang, notes):
    return ranking_chart.ranking_tab(ranking_rows(sel, ind, year, lang), sel, meta(ind, year, lang), lang, notes)


def unit_record(code: str) -> dict:
    u = units().loc[code]
    return {"adcode": code, **{k: u[k] for k in ("name_zh", "name_en", "province_zh", "province_en")}}


def profile_content(sel, ind, year, lang, notes):
    if not sel:
        return html_hint(t("profile_hint", lang), notes)
    code = sel[0]
    profile = compare.unit_profile(
        store.load_store(), code, list(units().index), units()["province_adcode"], list(REGISTRY)
    )
    return profile_tab(unit_record(code), profile, REGISTRY, lang, len(sel) - 1, notes)


def peers_content(sel, ind, year, lang, notes):
    if not sel:
        return html_hint(t("peers_hint", lang), notes)
    name = unit_names([sel[0]], units(), lang)[sel[0]]
    return peers_tab(name, list(REGISTRY.values()), lang, len(sel) - 1, notes)


def sectors_content(sel, ind, year, lang, notes):
    if not sel:
        return html_hint(t("sectors_hint", lang), notes)
    code = sel[0]
    name = unit_names([code], units(), lang)[code]
    src = get_indicator("census_emp_share_manuf")
    source = src.source_zh if lang == "zh" else src.source_en
    try:
        quadrant = compare.census_quadrant(code)
    except ValueError:
        quadrant = None
    return sectors_tab(quadrant, name, source, code, lang, len(sel) - 1, notes)


def disparity_content(sel, ind, year, lang, notes):
    from indicators import disparity_report

    base = disparity_report.change_base_year(ind.years, year)
    report, change = sources.disparity_for(ind.key, year, base)
    if change:  # one number per fact: the headline on the change table's balanced panel
        report = disparity_report.balanced_report(report, change)
    parts = [*notices(notes), disparity_panel(report, lang)]
    if change is not None:
        parts.append(disparity_change_panel(change, lang))
    return html.Div(parts, className="chart-tab-content tab-disparity")


def scatter_content(sel, ind, year, lang, notes):
    return scatter_chart.scatter_tab(
        ind.key, scatter_chart.default_scatter_y(ind.key), list(REGISTRY.values()), lang, notes
    )


#: The content builder of each tab of :data:`state.model.TABS`.
TAB_BUILDERS = {
    "compare": compare_content,
    "trend": trend_content,
    "scatter": scatter_content,
    "ranking": ranking_content,
    "profile": profile_content,
    "peers": peers_content,
    "sectors": sectors_content,
    "disparity": disparity_content,
    "table": table_content,
}


def tab_content(tab, selection, indicator, year, lang, cols=None):
    """The children of ``ids.CHARTS`` for one state (a visible notice instead of a traceback on bad data);
    ``cols``: the table tab's columns (the URL's ``cols``)."""
    lang, sel, ignored, ind, year = chart_inputs(selection, indicator, year, lang)
    notes = [ignored_notice(ignored, lang)]
    build = TAB_BUILDERS.get(tab, compare_content)
    try:
        if build is table_content:
            return table_content(sel, ind, year, lang, notes, cols)
        return build(sel, ind, year, lang, notes)
    except (ValueError, LookupError) as exc:  # LookupError: KeyError, DisparityLookupError
        log.warning("chart tab %s failed for %s/%s: %s", tab, ind.key, year, exc)
        return error_tab(str(exc), lang, notes)


# --------------------------------------------------------------------------------------------------
# Callbacks
# --------------------------------------------------------------------------------------------------


# The active tab is drawn once the map is drawn and the grid's code has loaded (assets/map.js).
clientside_callback(
    ClientsideFunction("ledAtlas", "chartsRequest"),
    Output(ids.CHARTS, "children", allow_duplicate=True),
    Output(ids.CHARTS_REQUEST, "data"),
    Input(ids.TABS, "value"),
    Input(ids.SELECTION, "data"),
    Input(ids.INDICATOR, "value"),
    Input(ids.YEAR, "value"),
    Input(ids.LANG, "data"),
    State(ids.YEARS_STORE, "data"),
    State(ids.CHARTS_RESPONSE, "data"),  # a presenter's scene brings its chart (callbacks/url.py scene_answers)
    prevent_initial_call="initial_duplicate",  # the first tab is drawn too
)


@callback(
    Output(ids.CHARTS_RESPONSE, "data"),
    Input(ids.CHARTS_REQUEST, "data"),
    prevent_initial_call=True,
)
def charts_request(request):
    """``{"t": the request's time, "tree": the tab}``: the browser shows it unless it drew a newer tab itself."""
    r = request if isinstance(request, dict) else {}
    if r.get("only_selection") is True and r.get("tab") in SELECTION_TABS:
        return no_update  # the tab's own callback follows the selection
    t = r.get("t") if isinstance(r.get("t"), int | float) and not isinstance(r.get("t"), bool) else 0
    with on_projector(r.get("present") is True):  # presenter mode: the projector's text style
        args = (r.get("tab"), r.get("sel"), r.get("indicator"), r.get("year"), r.get("lang"), r.get("cols"))
        # issue 13: the county tabs (state/county_charts.py); a drilled-down province (the URL's view) ranks its own
        tree = county_tab(*args, r.get("view")) if r.get("level") == "county" else render_tab(*args)
    return {"t": t, "tree": tree}


# A server-drawn tab replaces the charts unless the browser drew a newer one meanwhile (assets/map.js).
clientside_callback(
    ClientsideFunction("ledAtlas", "chartsResponse"),
    Output(ids.CHARTS, "children"),
    Input(ids.CHARTS_RESPONSE, "data"),
    prevent_initial_call=True,
)


def render_tab(tab, selection, indicator, year, lang, cols=None):
    return tab_content(tab, selection, indicator, year, lang, cols)


def county_tab(tab, selection, indicator, year, lang, cols=None, view=None):
    """A chart tab at county level (a visible notice instead of a traceback on bad data); ``view``: the URL's."""
    lang = known_lang(lang)
    try:
        return county_charts.tab_content(tab, selection, indicator, year, lang, cols, view)
    except (ValueError, LookupError) as exc:
        log.warning("county chart tab %s failed for %s/%s: %s", tab, indicator, year, exc)
        return error_tab(str(exc), lang, [])


def is_county(level_state) -> bool:
    """Whether the ``ids.LEVEL`` store says the page draws counties."""
    return isinstance(level_state, dict) and level_state.get("level") == "county"


@callback(
    Output(ids.SCATTER_GRAPH, "figure"),
    Output(ids.SCATTER_NOTICE, "children"),
    Output(ids.SCATTER_FRAME, "aria-label"),
    Input(ids.SCATTER_Y, "value"),
    Input(ids.SCATTER_LOG, "value"),
    Input(ids.SELECTION, "data"),
    State(ids.INDICATOR, "value"),
    State(ids.YEAR, "value"),
    State(ids.LANG, "data"),
    State(ids.LEVEL, "data"),
)
def update_scatter(y_key, log_axes, selection, indicator, year, lang, level_state=None):
    if is_county(level_state):
        lang = known_lang(lang)
        sel, ignored = county_charts.clean_selection(selection)
        fig = county_charts.scatter_figure(sel, indicator, year, y_key, log_axes, lang)
        return fig, notices([ignored_notice(ignored, lang)]), chart_label(fig, "scatter", lang)
    lang, sel, ignored, ind, year = chart_inputs(selection, indicator, year, lang)
    fig = scatter_figure(sel, ind, year, y_key, log_axes, lang)
    # the frame's label names what is drawn now (the second indicator, the log axes)
    return fig, notices([ignored_notice(ignored, lang)]), chart_label(fig, "scatter", lang)


@callback(
    Output(ids.RANKING_GRID, "rowData"),
    Output(ids.RANKING_GRID, "scrollTo"),
    Output(ids.RANKING_NOTICE, "children"),
    Input(ids.CHARTS_REQUEST, "data"),
    State(ids.RANKING_GRID, "cellClicked"),
    prevent_initial_call=True,
)
def ranking_follows_selection(request, clicked):
    """The ranking grid's rows after a change of the selection alone (the grid keeps its sort and filter).
    Any other change redraws the whole tab (``charts_request``): the rows are not computed twice."""
    r = request if isinstance(request, dict) else {}
    if r.get("only_selection") is not True or r.get("tab") != "ranking":
        return no_update, no_update, no_update
    level = {"level": r.get("level")}
    return update_ranking(r.get("sel"), r.get("indicator"), r.get("year"), r.get("lang"), clicked, level, r.get("view"))


def update_ranking(selection, indicator, year, lang, clicked, level_state=None, view=None):
    """``(rows, scroll, notice)`` of the ranking grid; at county level ``view`` (the URL's) may limit it to a province."""
    if is_county(level_state):
        lang = known_lang(lang)
        sel, ignored = county_charts.clean_selection(selection)
        rows = county_charts.ranking_rows(sel, indicator, year, lang, county_charts.ranking_province(view))
    else:
        lang, sel, ignored, ind, year = chart_inputs(selection, indicator, year, lang)
        rows = ranking_rows(sel, ind, year, lang)
    clicked_code = (clicked or {}).get("rowId") if isinstance(clicked, dict) else None
    scroll = {"rowId": sel[0], "rowPosition": "middle"} if sel and clicked_code not in sel else no_update
    return rows, scroll, notices([ignored_notice(ignored, lang)])


def _select(code, current, level_state=None):
    """New selection after a chart click on ``code`` (plain click: replace, or clear when it was the only one)."""
    known = county_charts.selectable(code) if is_county(level_state) else code in units().index
    if not isinstance(code, str) or not ADCODE.match(code) or not known:
        return no_update
    current = [c for c in (current or []) if isinstance(c, str)][:MAX_SELECTION]
    return toggle_selection(current, code, False)


@callback(
    Output(ids.SELECTION, "data", allow_duplicate=True),
    Input(ids.SCATTER_GRAPH, "clickData"),
    State(ids.SELECTION, "data"),
    State(ids.LEVEL, "data"),
    prevent_initial_call=True,
)
def select_from_scatter(click, current, level_state=None):
    points = (click or {}).get("points") if isinstance(click, dict) else None
    code = points[0].get("customdata") if points and isinstance(points[0], dict) else None
    if isinstance(code, list):
        code = code[0] if code else None
    return _select(code, current, level_state)


@callback(
    Output(ids.SELECTION, "data", allow_duplicate=True),
    Input(ids.RANKING_GRID, "cellClicked"),
    State(ids.SELECTION, "data"),
    State(ids.LEVEL, "data"),
    prevent_initial_call=True,
)
def select_from_grid(cell, current, level_state=None):
    code = cell.get("rowId") if isinstance(cell, dict) else None
    return _select(code, current, level_state)


@callback(
    Output(ids.PEER_RESULTS, "children"),
    Output(ids.PEER_CODES, "data"),
    Output(ids.PEER_SELECT, "disabled"),
    Input(ids.PEER_INDICATORS, "value"),
    Input(ids.PEER_N, "value"),
    State(ids.SELECTION, "data"),
    State(ids.LANG, "data"),
    State(ids.LEVEL, "data"),
)
def update_peers(keys, n, selection, lang, level_state=None):
    lang = known_lang(lang)
    if is_county(level_state):
        return county_charts.peers_result(keys, n, county_charts.clean_selection(selection)[0], lang)
    sel, _ignored = clean_selection(selection)
    if not sel:
        return None, [], True
    keys = [k for k in (keys or []) if k in REGISTRY]
    if not keys:
        return notices([t("peer_none", lang)]), [], True
    target = sel[0]
    n = n if n in PEER_COUNTS else PEER_COUNTS[0]
    used = {k: meta(REGISTRY[k], compare.peer_year(REGISTRY[k].years), lang) for k in keys}
    frame = pd.DataFrame({k: store.indicator_values(k, m.year) for k, m in used.items()})
    lacking = [used[k].label for k in keys if compare.is_missing(frame.at[target, k])]
    if lacking:
        name = unit_names([target], units(), lang)[target]
        return notices([t("peer_target_missing", lang).format(name=name, labels=", ".join(lacking))]), [], True
    try:
        result = compare.peer_distances(frame, target, n)
    except ValueError as exc:
        return notices([t("chart_error", lang).format(reason=exc)]), [], True
    codes = [target, *result.table.index]
    return peers_table(target, result, units(), used, lang), codes, False


@callback(
    Output(ids.SELECTION, "data", allow_duplicate=True),
    Input(ids.PEER_SELECT, "n_clicks"),
    State(ids.PEER_CODES, "data"),
    State(ids.LEVEL, "data"),
    prevent_initial_call=True,
)
def select_peers(n_clicks, codes, level_state=None):
    if not n_clicks or not codes:
        return no_update
    county = is_county(level_state)
    known = set() if county else set(units().index)
    sel = [c for c in codes if (county_charts.selectable(c) if county else isinstance(c, str) and c in known)]
    return sel or no_update


# The profile's Print button: the browser's print dialog (the page's print CSS shows only the profile).
clientside_callback(
    "function (n) { if (n) { window.print(); } return window.dash_clientside.no_update; }",
    Output(ids.PROFILE_PRINT, "title"),
    Input(ids.PROFILE_PRINT, "n_clicks"),
    prevent_initial_call=True,
)
