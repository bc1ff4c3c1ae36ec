"""The peer of the benchmark: the standard Plotly way to draw the same choropleth.

A Dash app with one ``dcc.Graph`` holding a ``go.Choroplethmap`` trace (MapLibre, map style
``white-bg``: no tiles, no glyphs, no network) over the *same* simplified geometry as the LED Atlas
(``geodata.layer.prefecture_layer()``, reprojected from the Albers map units back to lon/lat degrees,
5 decimals, every vertex kept) and the *same* values (``indicators.store.indicator_values``). Every
change -- a new indicator or a click that selects a unit -- runs a server callback that builds and
returns the whole figure, geometry included, as Plotly apps usually do.

Served by gunicorn like the app (``bench/peer_gunicorn.conf.py``)::

    LED_BIND=127.0.0.1:8060 .venv/bin/gunicorn -c bench/peer_gunicorn.conf.py bench.peer_app:server

Offline: Dash serves plotly.js and its own bundles locally (``serve_locally=True``).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache

import dash
import numpy as np
import plotly.graph_objects as go
from dash import Input, Output, State, ctx, dcc, html
from flask import Flask

from geodata import layer
from indicators import classify as cls
from indicators import store
from indicators.registry import FAMILIES, REGISTRY, get_indicator
from layouts.page import indicator_options

INDICATOR = "indicator-picker"  # same id as the app's picker, so one browser script drives both
GRAPH = "peer-map"
SELECTION = "peer-selection"
DEFAULT_INDICATOR = "pop_resident"
DECIMALS = 5  # 4 decimals make a few polygons invalid (STACK-NOTES); 5 keep all 370 valid


@lru_cache(maxsize=1)
def geojson_lonlat() -> dict:
    """The app's national layer as a GeoJSON FeatureCollection in lon/lat degrees.

    ``prefecture_layer()`` holds the simplified coverage in map units (km from the frame's origin,
    Albers); the inverse of :func:`geodata.build.to_map_units` plus the inverse projection gives
    degrees. Each feature has ``id`` = adcode, so ``featureidkey`` is not needed.
    """
    import pyproj
    import shapely

    gdf = layer.prefecture_layer()
    manifest = layer.manifest()
    ox, oy = manifest["origin_m"]
    unit = manifest["unit_m"]
    to_deg = pyproj.Transformer.from_crs(manifest["crs"], "EPSG:4326", always_xy=True)

    def reproject(coords: np.ndarray) -> np.ndarray:
        lon, lat = to_deg.transform(coords[:, 0] * unit + ox, coords[:, 1] * unit + oy)
        return np.round(np.column_stack([lon, lat]), DECIMALS)

    geoms = shapely.transform(gdf.geometry.to_numpy(), reproject)
    features = [
        {"type": "Feature", "id": code, "properties": {"a": code}, "geometry": json.loads(shapely.to_geojson(g))}
        for code, g in zip(gdf["adcode"], geoms, strict=True)
        if not shapely.is_empty(g)
    ]
    return {"type": "FeatureCollection", "features": features}


@lru_cache(maxsize=1)
def unit_table():
    return layer.units()[["adcode", "name_en", "name_zh"]].reset_index(drop=True)


def figure(key: str, selected: list[str]) -> go.Figure:
    """The whole figure for one indicator (latest year), geometry included."""
    ind = get_indicator(key)
    year = ind.latest_year
    units = unit_table()
    values = store.indicator_values(key, year).reindex(units["adcode"]).to_numpy(dtype=float)
    colors = cls.palette_colors(ind.palette, 9)
    scale = [[i / (len(colors) - 1), c] for i, c in enumerate(colors)]
    finite = values[np.isfinite(values)]
    extra = {}
    if ind.diverging and finite.size:
        extra["zmid"] = 0.0
    chosen = [i for i, code in enumerate(units["adcode"]) if code in set(selected)]
    trace = go.Choroplethmap(
        geojson=geojson_lonlat(),
        locations=units["adcode"].tolist(),
        z=[None if not math.isfinite(v) else round(v, ind.decimals + 2) for v in values],
        text=units["name_en"].tolist(),
        colorscale=scale,
        marker={"line": {"width": 0.35, "color": "#ffffff"}, "opacity": 1},
        colorbar={"title": {"text": ind.unit_en}},
        hovertemplate="%{text}<br>%{z}<extra></extra>",
        selectedpoints=chosen or None,
        unselected={"marker": {"opacity": 0.35}},
        **extra,
    )
    fig = go.Figure(trace)
    fig.update_layout(
        map={"style": "white-bg", "center": {"lon": 104.5, "lat": 35.5}, "zoom": 2.55},
        margin={"l": 0, "r": 0, "t": 30, "b": 0},
        title={"text": f"{ind.label_en} ({year})"},
        meta=key,  # lets the benchmark see which indicator a drawn figure shows
        clickmode="event",
        uirevision="keep",
    )
    return fig


server = Flask(__name__)
# The same compression settings as the app (app.py): text, JSON and JavaScript are compressed.
server.config["COMPRESS_MIMETYPES"] = [
    "text/html",
    "text/css",
    "text/plain",
    "application/json",
    "application/javascript",
    "text/javascript",
]
app = dash.Dash(__name__, server=server, compress=True, serve_locally=True, title="Peer · Plotly choropleth")
app.layout = html.Div(
    [
        dcc.Dropdown(
            id=INDICATOR,
            options=indicator_options(list(REGISTRY.values()), FAMILIES, "en"),
            value=DEFAULT_INDICATOR,
            clearable=False,
            searchable=True,
            style={"width": "520px"},
        ),
        dcc.Store(id=SELECTION, data=[]),
        dcc.Graph(
            id=GRAPH,
            figure=figure(DEFAULT_INDICATOR, []),
            style={"width": "1100px", "height": "760px"},
            config={"displayModeBar": False},
        ),
    ]
)


@app.callback(
    Output(GRAPH, "figure"),
    Output(SELECTION, "data"),
    Input(INDICATOR, "value"),
    Input(GRAPH, "clickData"),
    State(SELECTION, "data"),
    prevent_initial_call=True,
)
def redraw(key, click, selected):
    """Standard Plotly flow: any change rebuilds and returns the whole figure."""
    selected = list(selected or [])
    if ctx.triggered_id == GRAPH and click and click.get("points"):
        code = click["points"][0].get("location")
        selected = [] if selected == [code] else [code]
    if key not in REGISTRY:
        key = DEFAULT_INDICATOR
    return figure(key, selected), selected


@server.get("/healthz")
def healthz():
    return {"status": "ok", "units": len(geojson_lonlat()["features"])}
