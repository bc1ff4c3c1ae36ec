"""The page layout, built per request from the URL so a shared link opens coloured at once."""

from __future__ import annotations

from dash import dcc, html
from flask import has_request_context, request

from callbacks import view
from geodata import config, layer
from indicators.registry import FAMILIES, get_indicator
from layouts import ids
from layouts import map as map_layout
from layouts import page as page_layout
from layouts.i18n import LANGS


def _initial_state() -> dict:
    args = request.args if has_request_context() else {}
    state = {"indicator": view.DEFAULT_INDICATOR, "year": None, "scheme": "quantiles", "k": 5, "sel": [], "lang": "en"}
    key = args.get("indicator")
    try:
        if key:
            get_indicator(key)
            state["indicator"] = key
    except ValueError:
        pass
    ind = get_indicator(state["indicator"])
    year = args.get("year", "")
    state["year"] = int(year) if year.isdigit() and int(year) in ind.years else ind.latest_year
    lang = args.get("lang")
    if lang in LANGS:
        state["lang"] = lang
    elif has_request_context():
        state["lang"] = request.accept_languages.best_match(["zh", "en"], default="en") or "en"
    known = view.known_codes()
    state["sel"] = [c for c in args.get("sel", "").split("~") if c in known]
    return state


def layout():
    s = _initial_state()
    lang = s["lang"]
    manifest = layer.manifest()
    urls = {name: layer.geometry_url(f"{name}.pbf") for name in ("units", "inset", "provinces", "maritime")}
    hide, legend_rows, caption = view.choropleth(s["indicator"], s["year"], s["scheme"], s["k"], None, s["sel"], lang)
    return html.Div(
        [
            dcc.Store(id=ids.LANG, data=lang),
            page_layout.page(
                lang=lang,
                selection=s["sel"],
                control_row=page_layout.controls(
                    page_layout.indicator_options(view.indicators_in_order(), FAMILIES, lang),
                    s["indicator"],
                    view.years_of(s["indicator"]),
                    s["year"],
                    s["scheme"],
                    s["k"],
                    lang,
                ),
                map_component=map_layout.map_component(manifest, urls, hide, lang, config.tile_url()),
                legend_rows=legend_rows,
                caption=caption,
                context_line=None,
                side_panel=view.side_panel(s["sel"], s["indicator"], s["year"], lang),
            ),
        ]
    )
