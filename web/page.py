"""The page layout, built per request from the URL so a shared link opens coloured at once."""

from __future__ import annotations

import json
from functools import lru_cache
from urllib.parse import urlsplit

from dash import dcc, html
from flask import has_request_context, request

from callbacks import select_tools
from geodata import layer
from indicators.classify import NO_DATA_COLOR
from indicators.registry import FAMILIES
from layouts import ids
from layouts import map as map_layout
from layouts import page as page_layout
from layouts.upload import upload_panel
from state import controls, display, sources
from state import deployment as st
from state.model import TABS, MapView
from state.url_spec import url_spec_json
from userdata.settings import settings as dataset_settings
from web import settings
from web.values import values_bundle_url, values_part_url


def page_query() -> str:
    """The query string of the page being built.

    Dash fetches the layout with an XHR to ``/_dash-layout``; the page's own URL is then the
    request's referrer (same origin, so the referrer policy keeps the query).
    """
    if not has_request_context():
        return ""
    if request.path.endswith("/_dash-layout"):
        return urlsplit(request.referrer or "").query
    return request.query_string.decode("utf-8", "replace")


def request_state():
    """``(state, notices, lang)`` from the page's query string and Accept-Language."""
    query = page_query()
    parsed = st.parse(query)
    state = parsed.state
    if state.present and st.scenes():
        state = st.scene_state(state.scene, state.lang)
    lang = state.lang
    if lang is None:
        lang = request.accept_languages.best_match(["zh", "en"], default="en") if has_request_context() else "en"
        lang = lang or "en"
    return state, parsed.notices, lang


def initial_view(state) -> dict:
    """MapContainer keyword arguments for the state's view (``bounds`` or ``zoom``, plus ``center``)."""
    manifest = layer.manifest()
    if isinstance(state.view, MapView):
        y, x = layer.lonlat_to_map(state.view.lat, state.view.lng)
        return {"center": [y, x], "zoom": state.view.zoom}
    bounds = layer.province_bounds(state.view) if isinstance(state.view, str) else None
    bounds = bounds or manifest["frame"]
    (y0, x0), (y1, x1) = bounds
    return {"center": [(y0 + y1) / 2, (x0 + x1) / 2], "bounds": bounds}


def notice_items(notices, lang: str):
    return [html.Div(f"{n.message(lang)} ({n.param}={n.value!s})", className="notice") for n in notices]


def layout():
    state, notices, lang = request_state()
    manifest = layer.manifest()
    urls = {name: layer.geometry_url(f"{name}.pbf") for name in ("units", "inset", "provinces", "maritime")}
    classes = state.classes
    view_kwargs = initial_view(state)
    hide, legend_rows, caption = display.choropleth(
        state.indicator, state.year, classes.scheme, classes.k, state.palette, list(state.sel), lang, classes.breaks
    )
    if state.mode == "lisa":
        try:
            hide, legend_rows, caption = display.lisa_choropleth(state.indicator, state.year, list(state.sel), lang)
        except Exception:  # noqa: BLE001 - fall back to the values map
            pass
    scene = st.scenes()[state.scene - 1] if state.present and st.scenes() else None
    query = st.write(state)
    context = st.context(state.ds)
    return html.Div(
        [
            dcc.Store(id=ids.LANG, data=lang),
            page_layout.page(
                lang=lang,
                selection=list(state.sel),
                present=state.present,
                scene=scene,
                scene_count=len(st.scenes()),
                control_row=page_layout.controls(
                    page_layout.indicator_options(sources.indicators_in_order(state.ds), FAMILIES, lang),
                    state.indicator,
                    sources.years_of(state.indicator),
                    state.year,
                    classes.scheme,
                    classes.k if classes.scheme != "user_defined" else 5,
                    controls.breaks_text(classes),
                    state.palette,
                    lang,
                    state.mode,
                ),
                links=page_layout.links(state, context, lang),
                map_component=map_layout.map_component(manifest, urls, hide, lang, settings.tile_url(), view_kwargs),
                legend_rows=legend_rows,
                caption=caption,
                context_line=display.context_line(state.indicator, lang),
                notices=notice_items(notices, lang),
                side_panel=display.side_panel(list(state.sel), state.indicator, state.year, lang),
                tabs=page_layout.tabs(TABS, state.tab, lang),
                select_tools=select_tools.toolbar(lang),
                indicator_years={i.key: list(i.years) for i in sources.indicators_in_order(state.ds)},
                values_url=values_bundle_url(),
                values_first_url=values_part_url(state.indicator),
                upload=upload_panel(lang, limits=dataset_settings().limits, dataset_id=state.ds),
                fit_bounds=json.dumps(view_kwargs["bounds"]) if "bounds" in view_kwargs else "",
                detail=json.dumps(detail_config(), separators=(",", ":")),
                query=query,
                url_spec=url_spec_json(context),
                map_data=map_layout.map_data(NO_DATA_COLOR),
            ),
        ]
    )


#: Views at most this wide (km) draw the provinces in them from their detail files.
DETAIL_MAX_WIDTH_KM = 1600


@lru_cache(maxsize=1)
def detail_config() -> dict:
    """What the browser needs to draw provinces in detail (assets/map.js ``updateDetail``).

    ``url`` with ``{code}`` for the province adcode, the view width below which details are drawn,
    the number of layers (provinces at once) and each province's bounds ``[[y0, x0], [y1, x1]]``.
    """
    provinces = {}
    for name in sorted(layer.manifest()["files"]):
        if name.startswith("detail/") and name.endswith(".pbf"):
            code = name[len("detail/") : -len(".pbf")]
            bounds = layer.province_bounds(code)
            if bounds:
                provinces[code] = bounds
    return {
        "url": layer.geometry_url("detail/{code}.pbf"),
        "maxWidth": DETAIL_MAX_WIDTH_KM,
        "slots": map_layout.DETAIL_SLOTS,
        "provinces": provinces,
    }
