"""The map's first frame (issue 15): a picture of the live map's first view, in its colours, only where
the live map starts from that view."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

import callbacks  # noqa: F401  (web.page and the callbacks import each other: the callbacks first, as app.py)
from layouts import first_frame
from state import deployment as st
from state import display
from web import page


def _picture(img) -> str:
    assert img.src.startswith("data:image/svg+xml,")
    return unquote(img.src[len("data:image/svg+xml,") :])


def _groups(svg: str) -> dict[str, str]:
    """``{fill colour: path data}`` of the unit paths (inside the white-edged group)."""
    units = svg.split("<g ", 1)[1].split("</g>", 1)[0]
    return dict(re.findall(r"<path fill='(#[0-9a-fA-F]{6})' d='([^']*)'/>", units))


def _state(query: str):
    return st.parse(query).state


def _hide(state):
    c = state.classes
    return display.mode_choropleth(
        state.mode, state.indicator, state.year, c.scheme, c.k, state.palette, list(state.sel), "en", c.breaks
    )[0]


@pytest.mark.parametrize(
    "query", ["", "indicator=gdp_per_resident&year=2010&sel=640100~500000", "mode=change&indicator=gdp_per_resident"]
)
def test_every_unit_is_drawn_in_its_hideout_colour(query):
    state = _state(query)
    hide = _hide(state)
    img = page.first_frame_img(state, hide)
    svg = _picture(img)
    groups = _groups(svg)
    paths = first_frame.geometry()["units"]
    # every unit but those smaller than the picture's grid (Macau, 49 km², under one 7 km cell)
    from geodata import layer

    units = layer.prefecture_layer()
    small = set(units.loc[units["map_area_km2"] < first_frame.GRID_KM**2 * 2, "adcode"].astype(str))
    assert set(units["adcode"].astype(str)) - small <= set(paths)
    for adcode, d in paths.items():
        c = hide["c"].get(adcode)
        colour = hide["colors"][c] if c is not None else hide["nodata"]
        assert d in groups[colour], adcode
    assert img.to_plotly_json()["props"]["data-units"] == len(paths)
    for adcode in state.sel:  # outlined on top
        assert re.search(rf"stroke='#111111' stroke-width='[0-9.]+' d='[^']*{re.escape(paths[adcode])}", svg)


@pytest.mark.parametrize(
    "query",
    [
        "level=county",
        "view=640000",
        "view=36.1,103.8,2",
        "flows=out&sel=440300",
        "present=1&scene=4",
    ],
)
def test_no_frame_where_the_live_map_starts_elsewhere(query):
    state = _state(query)
    if state.present:
        state = st.scene_state(state.scene, state.lang)
    assert page.first_frame_img(state, {}) is None


def test_the_frame_stays_small():
    """It travels inside the page's layout, before the map: ~70 kB as text, ~22 kB compressed."""
    import gzip

    img = page.first_frame_img(_state(""), _hide(_state("")))
    assert len(img.src) < 90_000
    assert len(gzip.compress(img.src.encode())) < 28_000
