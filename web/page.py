"""The page layout, built per request from the URL so a shared link opens coloured at once."""

from __future__ import annotations

import json
from functools import lru_cache
from urllib.parse import urlsplit

from dash import dcc, html
from flask import has_request_context, request

from callbacks import select_tools
from geodata import layer
from indicators import corridors
from indicators.classify import NO_DATA_COLOR, palette_colors
from indicators.registry import FAMILIES
from layouts import first_frame, ids
from layouts import flows as flows_layout
from layouts import map as map_layout
from layouts import page as page_layout
from layouts import present as present_layout
from layouts import timeline as timeline_layout
from layouts.i18n import t
from layouts.upload import upload_panel
from state import controls, county_display, display, sources
from state import deployment as st
from state.model import TABS, MapView
from state.url_spec import url_spec_json
from userdata import cache as dataset_cache
from userdata.settings import settings as dataset_settings
from web import county_page, picker_options, settings
from web.upload_guard import panel_allowed
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


def removed_dataset_notice(query: str, lang: str):
    """A notice when the link's ``ds`` names a dataset that was taken down (else an empty list)."""
    ds = st.DS_RE.search(query or "")
    if not ds:
        return []
    try:
        removed = dataset_cache.default_store().status(ds.group(1)) == "removed"
    except Exception:  # noqa: BLE001 - a store that is down must not break the page
        removed = False
    return [html.Div(t("dataset_removed", lang), className="notice notice-removed")] if removed else []


def layout():
    state, notices, lang = request_state()
    manifest = layer.manifest()
    urls = {name: layer.geometry_url(f"{name}.pbf") for name in ("units", "inset", "provinces", "maritime")}
    classes = state.classes
    view_kwargs = initial_view(state)
    if state.level != "county":  # the county level's colours come below (a county-only key is no prefecture one)
        hide, legend_rows, caption = display.mode_choropleth(
            state.mode, state.indicator, state.year, classes.scheme, classes.k, state.palette, list(state.sel), lang,
            classes.breaks,
        )
    scene = st.scenes()[state.scene - 1] if state.present and st.scenes() else None
    query = st.write(state)
    context = st.context(state.ds)
    indicator_list = sources.indicators_in_order(state.ds)
    side = None
    context_url = None
    if state.level == "county":  # the county map (issue 13): county files, county values, one national scale
        urls, context_url = county_page.county_urls(state)
        urls["maritime"] = layer.geometry_url("maritime.pbf")
        hide, legend_rows, caption = county_display.county_choropleth(
            state.indicator, state.year, classes.scheme, classes.k, state.palette, list(state.sel), lang, classes.breaks,
            state.mode,
        )
        indicator_list = county_page.indicators(state.ds)
        side = county_display.side_panel(list(state.sel), state.indicator, state.year, lang)
    indicator_opts = page_layout.indicator_options(indicator_list, FAMILIES, lang)
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
                    indicator_opts,
                    state.indicator,
                    context.at_level(state.level).indicator_years[state.indicator],
                    state.year,
                    classes.scheme,
                    classes.k if classes.scheme != "user_defined" else 5,
                    controls.breaks_text(classes),
                    state.palette,
                    lang,
                    state.mode,
                    picker_options.later(indicator_opts, state.level, lang),
                ),
                links=page_layout.links(state, context, lang),
                map_component=map_layout.map_component(
                    manifest, urls, hide, lang, settings.tile_url(), view_kwargs, context_url
                ),
                first_frame=first_frame_img(state, hide),
                legend_rows=legend_rows,
                caption=caption,
                context_line=display.context_line(state.indicator, lang),
                notices=notice_items(notices, lang) + removed_dataset_notice(page_query(), lang),
                side_panel=side if side is not None else display.side_panel(list(state.sel), state.indicator, state.year, lang),
                tabs=page_layout.tabs(TABS, state.tab, lang),
                select_tools=select_tools.toolbar(lang, state.level),
                indicator_years={i.key: list(i.years) for i in indicator_list},
                values_url=values_bundle_url(),
                values_first_url=values_part_url(state.indicator),
                upload=(
                    upload_panel(lang, limits=dataset_settings().limits, dataset_id=state.ds)
                    if panel_allowed()
                    else None
                ),
                fit_bounds=json.dumps(view_kwargs["bounds"]) if "bounds" in view_kwargs else "",
                detail="" if state.level == "county" else json.dumps(detail_config(), separators=(",", ":")),
                query=query,
                url_spec=url_spec_json(context),
                map_data=map_layout.map_data(NO_DATA_COLOR),
                time_bar=timeline_layout.time_bar(lang, str(hide.get("year", state.year)), bool((scene or {}).get("step_years"))),
                scene_list=scene_list(state.lang) if state.present else "",
                embed=state.embed,
                flows_panel=flows_layout.flows_panel(flows_config(), lang),
                level=state.level,
                county_bar=county_page.drill_links(state, context, lang) if context.county is not None else None,
                level_province=county_page.drawn_province(state) if state.level == "county" else None,
                split_pane=map_layout.split_pane(lang, hide),
                split_on="split" in hide,
            ),
        ]
    )


def first_frame_img(state, hide: dict):
    """The map's first frame (:mod:`layouts.first_frame`) where it is what the live map first shows: the
    whole-country view at prefecture level, without flows (they dim the map), not on the projector
    with units to show (its fit keeps clear of the legend) and not beside a second map (``mode=split``);
    else ``None``."""
    if state.level == "county" or state.view is not None or state.flows or (state.present and state.sel):
        return None
    if "split" in hide:  # two maps side by side: the picture is of one whole-width map
        return None
    fills = {a: hide["colors"][c] for a, c in (hide.get("c") or {}).items() if c is not None}
    picture = first_frame.svg(fills, hide.get("nodata") or NO_DATA_COLOR, tuple(state.sel))
    return html.Img(
        src=first_frame.data_uri(picture),
        id=ids.FIRST_FRAME,
        className="first-frame",
        alt="",
        **{"data-units": len(first_frame.geometry()["units"]), "data-zoom-snap": map_layout.ZOOM_SNAP},
    )


def scene_list(lang: str | None) -> str:
    """Each scene's canonical query (in the page's language) and map view, for ``assets/present.js``."""
    out = []
    for n in range(1, len(st.scenes()) + 1):
        s = st.scene_state(n, lang)
        view = initial_view(s)
        fit = {"bounds": view["bounds"]} if "bounds" in view else {"center": view["center"], "zoom": view["zoom"]}
        out.append({"query": st.write(s), "fit": fit})
    return present_layout.scene_list_json(out)


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


@lru_cache(maxsize=1)
def flows_config() -> str:
    """The flows panel's ``data-flows`` (:func:`layouts.flows.flows_config`) from the corridor module's facts."""
    windows = [
        {
            "key": w.key,
            "label": {"zh": w.label_zh, "en": w.label_en},
            "caveat": {"zh": w.caveat_zh, "en": w.caveat_en},
        }
        for w in corridors.WINDOWS.values()
    ]
    top = {
        "min": corridors.TOP_MIN,
        "max": corridors.TOP_MAX,
        "unit": corridors.TOP_DEFAULT,
        "national": corridors.NATIONAL_TOP_DEFAULT,
    }
    return flows_layout.flows_config(
        layer.label_points(),
        windows,
        top,
        palette_colors(flows_layout.LINE_PALETTE, flows_layout.LINE_CLASSES),
        {"zh": corridors.UNITS_ZH, "en": corridors.UNITS_EN},
        {"zh": corridors.SOURCE_ZH, "en": corridors.SOURCE_EN},
    )
