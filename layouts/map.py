"""The map: geometry layers loaded once by URL, coloured in the browser from ``hideout``."""

from __future__ import annotations

import json
import math
import re

import dash_leaflet as dl
from dash import html

from layouts import ids
from layouts.i18n import t
from layouts.select_tools import draw_layer

STYLE_FN = {"variable": "ledAtlas.style"}
#: Zoom levels the map snaps to (a fit floors to them): the first frame is drawn at the same scale.
ZOOM_SNAP = 0.25
TOOLTIP_FN = {"variable": "ledAtlas.bindTooltip"}
INSET_FN = {"variable": "ledAtlas.bindInset"}
DETAIL_FN = {"variable": "ledAtlas.bindDetail"}
#: Detail layers: at most this many provinces are drawn in detail at once.
DETAIL_SLOTS = 4
LINE_STYLE_FN = {"variable": "ledAtlas.lineStyle"}
CONTEXT_STYLE_FN = {"variable": "ledAtlas.contextStyle"}
CLICK_HANDLERS = {"click": {"variable": "ledAtlas.onClick"}}


def format_value(value: float | None, decimals: int) -> str:
    """A value for display with thousands separators; ``None``/NaN gives an en dash.

    >>> format_value(2859.074, 1), format_value(float("nan"), 1)
    ('2,859.1', '–')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:,.{decimals}f}"


#: Interface words the browser's map switch writes (legend, tooltip), emitted by :func:`map_data`.
MAP_WORDS = (
    "no_data",
    "legend_higher",
    "flagged",
    "no_year",
    # assets/keyboard.js
    "kbd_hint",
    "kbd_role",
    "kbd_of",
    "kbd_selected",
    "kbd_now_selected",
    "kbd_added",
    "kbd_removed",
    "kbd_cleared",
    "kbd_sep",
    "kbd_stop",
    "kbd_year",
    # assets/select_tools.js
    "draw_polygon",
    "draw_rectangle",
    "draw_cancel_title",
    "draw_cancel",
    "draw_finish_title",
    "draw_finish",
    "draw_undo_title",
    "draw_undo",
    "draw_polygon_start",
    "draw_polygon_cont",
    "draw_polygon_end",
    "draw_polyline_error",
    "draw_rectangle_start",
    "draw_shape_end",
)
#: How the legend title and the caption join words and values: the server (:func:`fill`) and the
#: browser's switch (``assets/map.js``, emitted by :func:`map_data`) fill the same templates.
FORMATS = {
    "legend_title": "{label} · {year} · {unit}",
    "caption_title": "{label} ({year})",
    "caption_fact": " · {word}: {text}",
    "caption_detail": "{word}: {text}",
}


def fill(name: str, **values) -> str:
    """The template ``FORMATS[name]`` filled with ``values``.

    >>> fill("legend_title", label="GDP", year=2020, unit="yuan")
    'GDP · 2020 · yuan'
    """
    return FORMATS[name].format(**values)


#: A long English unit name on the projector (scene labels, the ranking table) by its place name: "Enshi Tujia and
#: Miao Autonomous Prefecture" -> "Enshi" (group 1). The browser's labels use the same pattern (``map_data``).
SHORT_NAME_EN = r"^(\S+)(\s.*)?\s(Autonomous \S+|Forestry District)$"


def short_name_en(name: str) -> str:
    """``name`` by its place name when :data:`SHORT_NAME_EN` matches it.

    >>> short_name_en("Golog Tibetan Autonomous Prefecture"), short_name_en("Ngari Prefecture")
    ('Golog', 'Ngari Prefecture')
    """
    return re.sub(SHORT_NAME_EN, r"\1", name) if isinstance(name, str) else name


def map_data(no_data_color: str) -> str:
    """JSON for the map's ``data-map`` attribute: the no-data colour, the map's words in each language
    and the :data:`FORMATS`.

    ``assets/map.js`` (``switchMap``, ``style``) reads them instead of typing them again; ``main`` is the
    main units layer's id.

    >>> json.loads(map_data("#ccc"))["words"]["zh"]["no_data"]
    '无数据'
    """
    from userdata.indicator import NO_YEAR

    words = {lang: {w: t(w, lang) for w in MAP_WORDS} for lang in ("zh", "en")}
    # the main layer's id: the page counts as drawn (charts may load) once that layer is styled, not the inset
    data = {"nodata": no_data_color, "words": words, "formats": FORMATS, "no_year": NO_YEAR, "main": ids.UNITS}
    data["short_name_en"] = SHORT_NAME_EN  # assets/screens.js: the scene's labels
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def hideout(
    values: dict[str, float | None],
    classes: dict[str, int],
    colors: list[str],
    no_data_color: str,
    selected: list[str],
    meta: dict,
    flags: dict[str, str] | None = None,
) -> dict:
    """The ``hideout`` the browser-side style function reads.

    Only numbers and codes: the geometry never travels again.

    >>> h = hideout({"640100": 285.9}, {"640100": 2}, ["#a", "#b", "#c"], "#ccc", [], {"dec": 1})
    >>> h["c"]["640100"], h["colors"][2]
    (2, '#c')
    """
    return {
        "v": values,
        "c": classes,
        "colors": colors,
        "nodata": no_data_color,
        "sel": list(selected),
        "flags": flags or {},
        **meta,
    }


def _unit_layer(layer_id: str, url: str | None, bind: dict, initial_hideout: dict) -> dl.GeoJSON:
    """A layer of selectable units: coloured by the style function, clicks handled by ``ledAtlas.onClick``."""
    return dl.GeoJSON(
        id=layer_id,
        url=url,
        format="geobuf",
        style=STYLE_FN,
        onEachFeature=bind,
        hideout=initial_hideout,
        bubblingMouseEvents=False,
        eventHandlers=CLICK_HANDLERS,
        disableDefaultEventHandlers=True,
    )


def map_component(
    manifest: dict,
    urls: dict[str, str],
    initial_hideout: dict,
    lang: str,
    tile_url: str | None,
    view: dict,
    context_url: str | None = None,
):
    """The Leaflet map in Simple CRS (geometry pre-projected to Albers, see geodata.build).

    Positions given to Leaflet are ``[y, x]``. ``view`` holds ``center`` with either ``bounds``
    (no ``zoom``: dash-leaflet ignores ``bounds`` when ``zoom`` is given) or ``zoom``.
    At county level ``urls`` name county files and ``context_url`` the grey prefectures around a
    drilled-down province (web/county_page.py).
    """
    frame = manifest["frame"]
    (y0, x0), (y1, x1) = frame
    inset = manifest["inset_frame"]
    children = []
    if tile_url:  # only meaningful with a projected tile service; off by default (offline first)
        children.append(dl.TileLayer(url=tile_url))
    unit_layers = [
        _unit_layer(layer_id, urls[name], bind, initial_hideout)
        for layer_id, name, bind in ((ids.UNITS, "units", TOOLTIP_FN), (ids.INSET, "inset", INSET_FN))
    ]
    # Empty until the view is small enough: then the browser sets each slot's url to a province's
    # detail file (150 m instead of 1 km) and colours it like the units (assets/view.js, updateDetail).
    detail_layers = [_unit_layer(f"{ids.DETAIL}-{i}", None, DETAIL_FN, {}) for i in range(DETAIL_SLOTS)]
    line_layers = [
        dl.GeoJSON(
            id=layer_id,
            url=urls[name],
            format="geobuf",
            style=LINE_STYLE_FN,
            hideout={"kind": kind},
            interactive=False,
        )
        for layer_id, name, kind in ((ids.PROVINCES, "provinces", "province"), (ids.MARITIME, "maritime", "maritime"))
    ]
    # Panes fix the drawing order whatever order the files arrive in: frame < units < lines.
    children += [
        dl.Pane(
            dl.Rectangle(
                id=ids.INSET_FRAME,
                bounds=inset,
                pathOptions={"color": "#555", "weight": 1, "fill": True, "fillColor": "#f7fbff", "fillOpacity": 1},
                interactive=False,
            ),
            name="frame",
            style={"zIndex": 350},
        ),
        *(
            [
                dl.Pane(
                    dl.GeoJSON(
                        id=ids.COUNTY_CONTEXT, url=context_url, format="geobuf", style=CONTEXT_STYLE_FN, interactive=False
                    ),
                    name="context",
                    style={"zIndex": 390},
                )
            ]
            if context_url
            else []
        ),
        dl.Pane(unit_layers, name="units", style={"zIndex": 400}),
        dl.Pane(detail_layers, name="detail", style={"zIndex": 420}),
        dl.Pane(line_layers, name="lines", style={"zIndex": 450, "pointerEvents": "none"}),
        draw_layer(),  # box / lasso selection
    ]
    return dl.MapContainer(
        id=ids.MAP,
        crs="Simple",
        **view,
        maxBounds=[[y0 - (y1 - y0) * 0.5, x0 - (x1 - x0) * 0.5], [y1 + (y1 - y0) * 0.5, x1 + (x1 - x0) * 0.5]],
        minZoom=-4,
        maxZoom=6,
        zoomSnap=ZOOM_SNAP,
        zoomDelta=0.5,
        attributionControl=False,
        trackViewport=True,
        keyboard=True,
        style={"width": "100%", "height": "100%", "background": "#eef3f8"},
        children=children,
        className="led-map",
    )


def split_pane(lang: str, hide: dict | None = None):
    """The left map of ``mode=split`` (the indicator's first year beside the main map's ``year``): an empty
    container ``assets/on_demand/split.js`` draws into from the main map's geometry and the hideout's ``split``, with
    its year stamp; hidden unless the map area has the class ``split-on``.

    >>> split_pane("en", {"split": {"year": 2010}}).children[1].children
    '2010'
    """
    year = ((hide or {}).get("split") or {}).get("year", "")
    return html.Div(
        [
            html.Div(id=ids.SPLIT_MAP, className="split-leaflet"),
            html.Div(str(year), id=ids.SPLIT_STAMP, className="year-stamp split-stamp", **{"aria-live": "polite"}),
        ],
        id=ids.SPLIT_PANE,
        className="split-pane",
        role="region",
        **{"aria-label": t("split_map", lang)},
    )


def legend_note(text: str):
    """A line of text under the legend's rows (e.g. the county level's one national scale)."""
    return html.Div(text, className="legend-note")


def higher_line(words: str, lang: str) -> str:
    """The legend's plain-words line from an indicator's ``higher_en`` / ``higher_zh`` (empty without words).

    >>> higher_line("more residents from other provinces", "en"), higher_line("", "en")
    ('Higher = more residents from other provinces', '')
    """
    return t("legend_higher", lang, text=words) if words else ""


def legend(
    labels: list[str],
    colors: list[str],
    counts: list[int],
    n_missing: int,
    no_data_color: str,
    unit: str,
    lang: str,
    higher: str = "",
):
    """Legend rows: the title, the "Higher = …" line (``higher``, see :func:`higher_line`; shown on the
    projector), a swatch, the class bounds and how many units fall in each class, then "no data"."""
    rows = [html.Div(unit, className="legend-unit")]
    if higher:
        rows.append(html.Div(higher, className="legend-higher"))
    for label, color, count in zip(labels, colors, counts, strict=True):
        rows.append(
            html.Div(
                [
                    html.Span(className="swatch", style={"background": color}),
                    html.Span(label, className="legend-label"),
                    html.Span(f"{count}", className="legend-count"),
                ],
                className="legend-row",
            )
        )
    rows.append(
        html.Div(
            [
                html.Span(className="swatch swatch-nodata", style={"background": no_data_color}),
                html.Span(t("no_data", lang), className="legend-label"),
                html.Span(f"{n_missing}", className="legend-count"),
            ],
            className="legend-row legend-nodata",
        )
    )
    return rows
