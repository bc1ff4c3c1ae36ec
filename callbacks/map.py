"""Map callbacks: the browser recolours the paths in place; the server only for what the values bundle lacks."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, html, no_update

from layouts import ids
from layouts.caption import caption as caption_of
from layouts.i18n import t
from state import controls, county_display, display, sources
from state import deployment as st

# The indicator picker's whole list, given to it once the map is drawn (web/picker_options.py).
clientside_callback(
    ClientsideFunction("ledAtlas", "afterPaint"),
    Output(ids.INDICATOR, "options"),
    Input(ids.INDICATOR_OPTIONS, "data"),
)

# Years of the chosen indicator, from the page's table of years (no server round trip): keep the
# year when it exists, else the latest.
clientside_callback(
    ClientsideFunction("ledAtlas", "yearOptions"),
    Output(ids.YEAR, "options"),
    Output(ids.YEAR, "value", allow_duplicate=True),
    Input(ids.INDICATOR, "value"),
    State(ids.YEAR, "value"),
    State(ids.YEARS_STORE, "data"),
    prevent_initial_call=True,
)

# An indicator / year switch with the default classes is coloured in the browser from the values
# bundle; anything else (other schemes, breaks, palettes, LISA, uploads, bundle not loaded yet)
# becomes a request for the server callback below.
# The browser restyles the paths in place (no server round trip) and writes the legend, caption and
# migrant-survey line from the bundle.
clientside_callback(
    ClientsideFunction("ledAtlas", "switchMap"),
    Output(ids.LEGEND, "children", allow_duplicate=True),
    Output(ids.RECOLOUR_REQUEST, "data"),
    Output(ids.CAPTION, "children", allow_duplicate=True),
    Output(ids.CONTEXT_LINE, "children", allow_duplicate=True),
    Input(ids.INDICATOR, "value"),
    Input(ids.YEAR, "value"),
    Input(ids.SCHEME, "value"),
    Input(ids.K, "value"),
    Input(ids.BREAKS, "value"),
    Input(ids.PALETTE, "value"),
    Input(ids.MODE, "value"),
    State(ids.SELECTION, "data"),
    State(ids.LANG, "data"),
    State(ids.RECOLOUR_ANSWER, "data"),  # a presenter's scene brings its colours (callbacks/url.py scene_answers)
    prevent_initial_call=True,  # the layout carries the first colours (dash-leaflet drops early hideouts)
)


def recolour_request(request, selection, lang):
    """Server-side colouring for what the browser cannot do from the values bundle:
    ``(hideout, legend rows, breaks field class)``."""
    r = request if isinstance(request, dict) else {}
    hide, _inset, legend, breaks_class = recolour(
        r.get("indicator"),
        r.get("year"),
        r.get("scheme"),
        r.get("k"),
        r.get("breaks"),
        r.get("palette"),
        r.get("mode"),
        selection,
        lang,
        r.get("level"),
    )
    return hide, legend, breaks_class


@callback(
    Output(ids.RECOLOUR_ANSWER, "data"),
    Input(ids.RECOLOUR_REQUEST, "data"),
    State(ids.SELECTION, "data"),
    State(ids.LANG, "data"),
    prevent_initial_call=True,
)
def recolour_answer(request, selection, lang):
    """The colours, legend, breaks field, caption and context line of one request of the browser (``switchMap``),
    in one round trip; a part that stays as it is is left out."""
    if not isinstance(request, dict) or not request:
        return no_update
    parts = (*recolour_request(request, selection, lang), *describe_request(request, lang))
    names = ("hideout", "legend", "breaks", "caption", "context")
    return {name: part for name, part in zip(names, parts, strict=True) if part is not no_update}


# The answer: the paths restyled in place (assets/map.js ``restyle``), the legend, breaks field, caption and
# context line replaced.
clientside_callback(
    ClientsideFunction("ledAtlas", "recolourAnswer"),
    Output(ids.LEGEND, "children"),
    Output(ids.BREAKS, "className"),
    Output(ids.CAPTION, "children"),
    Output(ids.CONTEXT_LINE, "children"),
    Input(ids.RECOLOUR_ANSWER, "data"),
    prevent_initial_call=True,
)


def recolour(indicator, year, scheme, k, breaks, palette, mode, selection, lang, level=None):
    """``(hideout, inset hideout, legend rows, breaks field class)`` for one map state."""
    if level == "county":
        return county_recolour(indicator, year, scheme, k, breaks, palette, selection, lang, mode)
    try:
        years = sources.years_of(indicator)
    except (ValueError, TypeError):
        return (no_update,) * 4
    year = year if year in years else max(years)
    spec = controls.classes_from_controls(scheme, k, breaks)
    breaks_class = "breaks-input" + (" invalid" if spec is None else "")
    if spec is None:  # unusable breaks: keep the map; the caption says why
        return no_update, no_update, no_update, breaks_class
    palette = palette if palette in st.context().palettes else None  # palettes do not depend on ds
    hide, legend, _caption = display.mode_choropleth(
        mode, indicator, year, spec.scheme, spec.k, palette, selection or [], lang, spec.breaks
    )
    return hide, hide, legend, breaks_class


def county_recolour(indicator, year, scheme, k, breaks, palette, selection, lang, mode=None):
    """The county map's colours on the national county scale, or its LISA clusters (``mode="lisa"``)."""
    try:
        ind = county_display.county_indicator(indicator)
    except ValueError:
        return (no_update,) * 4
    spec = controls.classes_from_controls(scheme, k, breaks)
    breaks_class = "breaks-input" + (" invalid" if spec is None else "")
    if spec is None:
        return no_update, no_update, no_update, breaks_class
    palette = palette if palette in st.context().palettes else None
    year = year if isinstance(year, int) and ind.has_year(year) else ind.latest_year
    hide, legend, _caption = county_display.county_choropleth(
        ind.key, year, spec.scheme, spec.k, palette, selection or [], lang, spec.breaks, mode
    )
    return hide, hide, legend, breaks_class


def describe_request(request, lang):
    """The caption of a state the browser could not colour itself (see ``switchMap``)."""
    r = request if isinstance(request, dict) else {}
    if r.get("level") == "county":
        ind = county_display.county_indicator(r.get("indicator"))
        year = r.get("year") if isinstance(r.get("year"), int) and ind.has_year(r.get("year")) else ind.latest_year
        return caption_of(ind, year, lang), None
    return describe(
        r.get("indicator"), r.get("year"), r.get("scheme"), r.get("k"), r.get("breaks"), lang, r.get("mode")
    )


def describe(indicator, year, scheme, k, breaks, lang, mode=None):
    """Unit, year, source, formula and caveats under the map; the migrant-survey context line."""
    try:
        ind = sources.resolve(indicator)
    except (ValueError, TypeError):
        return no_update, no_update
    year = year if year in ind.years else ind.latest_year
    caption = caption_of(ind, year, lang)
    if mode == "change":
        try:
            caption = display.change_caption(display.change_parts(ind.key, year, [], lang), lang)
        except (ValueError, KeyError):
            pass
    if mode == "split":
        try:
            base, to = display.change_years(ind, year)
            caption = display.split_caption({"base": base, "year": to, "indicator": ind}, lang)
        except ValueError:  # one year only: the values' caption
            pass
    if controls.classes_from_controls(scheme, k, breaks) is None:
        caption = [html.Div(t("bad_breaks", lang), className="caveat"), *caption]
    return caption, display.context_line(indicator, lang)


# Selection outlines drawn on the existing paths in the browser; the clear button follows the selection.
clientside_callback(
    ClientsideFunction("ledAtlas", "mergeSelection"),
    Output(ids.STYLE_SINK, "data", allow_duplicate=True),
    Output(ids.CLEAR, "disabled"),
    Input(ids.SELECTION, "data"),
    prevent_initial_call=True,
)

# The breaks field is shown only for user-defined classes (no server round trip).
clientside_callback(
    "function (scheme) { return scheme === 'user_defined' ? 'control control-breaks' : 'control control-breaks hidden'; }",
    Output(ids.BREAKS + "-field", "className"),
    Input(ids.SCHEME, "value"),
    prevent_initial_call=True,
)

# Export links follow the indicator, year and selection in the browser.
clientside_callback(
    ClientsideFunction("ledAtlas", "csvLinks"),
    Output(ids.CSV_ALL, "href"),
    Output(ids.CSV_SEL, "href"),
    Input(ids.INDICATOR, "value"),
    Input(ids.YEAR, "value"),
    Input(ids.SELECTION, "data"),
)

clientside_callback(
    ClientsideFunction("ledAtlas", "mapPng"),
    Output(ids.MAP_PNG, "title"),
    Input(ids.MAP_PNG, "n_clicks"),
    prevent_initial_call=True,
)

# "Copy link" copies the page's URL (the URL is the state).
clientside_callback(
    "function (n) { return n ? window.location.href : window.dash_clientside.no_update; }",
    Output(ids.COPY_LINK, "content"),
    Input(ids.COPY_LINK, "n_clicks"),
    prevent_initial_call=True,
)

# The browser tab's title follows the page language.
clientside_callback(
    "function (lang) { var el = document.querySelector('.app'); var t = el && el.getAttribute('data-title');"
    " if (t) { document.title = t; } return window.dash_clientside.no_update; }",
    Output(ids.TITLE_SINK, "data"),
    Input(ids.LANG, "data"),
)
