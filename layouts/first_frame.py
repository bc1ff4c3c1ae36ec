"""The map's first frame: an SVG picture of the coloured units, sent inside the page's layout.

Leaflet draws the live map only after dash-leaflet's code, the geometry files and the decoding are
done (~1.2 s on this machine kind); the page's layout arrives earlier. The layout therefore carries a
picture of the whole-country map -- the same outlines (:mod:`geodata.outlines`, simplified to about
one screen pixel), the same colours (the layout's own hideout, the one the live map starts from), the
same frame and inset -- shown in the map's box until the live map is drawn, then hidden
(``assets/map.js`` ``painted``). It is drawn only where it matches what the live map will show: the
whole-country view at prefecture level; the benchmark reports "first coloured map" (this picture) and
"interactive map" (the live one) separately.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

import numpy as np
import shapely

from layouts.preview_image import INSET_EDGE, INSET_FILL, MARITIME_LINE, PROVINCE_LINE, SELECTED_EDGE, UNIT_EDGE

#: One unit of the picture's grid, in km (map units): the whole-country map shows 8 km per pixel at 1440 px wide, 5.6 at 1920.
GRID_KM = 7.0
#: Douglas-Peucker tolerance in grid units before the coordinates are rounded to the grid.
TOLERANCE = 0.8
#: Line widths in grid units (~px), as the live map's (assets/map.js style / lineStyle).
UNIT_EDGE_WIDTH, SELECTED_WIDTH, PROVINCE_WIDTH, MARITIME_WIDTH = 0.35, 2.5, 0.9, 1.6


def ring_path(coords: np.ndarray, origin: tuple[float, float], height: float, closed: bool = True) -> str:
    """SVG path data of one ring or line in grid units (y down), simplified and rounded; ``""`` when it
    shrinks below a few grid cells.

    >>> square = np.array([[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], float) * GRID_KM  # 10 grid cells a side
    >>> ring_path(square, (0, 0), 20)
    'M0 20l10 0 0-10-10 0z'
    >>> ring_path(np.array([[0, 0], [1, 0], [1, 1], [0, 0]], float), (0, 0), 20)
    ''
    """
    x0, y0 = origin
    pts = np.column_stack([(coords[:, 0] - x0) / GRID_KM, height - (coords[:, 1] - y0) / GRID_KM])
    pts = shapely.get_coordinates(shapely.simplify(shapely.linestrings(pts), TOLERANCE))
    pts = np.round(pts).astype(np.int64)
    keep = np.ones(len(pts), dtype=bool)
    keep[1:] = np.any(pts[1:] != pts[:-1], axis=1)
    pts = pts[keep]
    if len(pts) < (4 if closed else 2):
        return ""
    steps = np.diff(pts, axis=0)
    if closed:
        steps = steps[:-1]  # "z" draws the last edge
    moves = " ".join(f"{dx} {dy}" for dx, dy in steps.tolist()).replace(" -", "-")
    return f"M{pts[0][0]} {pts[0][1]}l{moves}" + ("z" if closed else "")


def _paths(rings, origin, height, kinds=None, closed=True) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    for i, owner in enumerate(rings.owners):
        if kinds is not None and owner not in kinds:
            continue
        d = ring_path(rings.coords[rings.starts[i] : rings.starts[i + 1]], origin, height, closed)
        if d:
            out.setdefault(owner, []).append(d)
    return {k: "".join(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def geometry() -> dict:
    """The picture's outlines as path data, computed once per process (~1 s): ``units`` (adcode -> path of
    its main and inset rings), ``lines`` (province borders and the maritime line), ``inset`` (the inset's
    box), ``size`` (width, height) in grid units."""
    from geodata import layer, outlines

    o = outlines.outlines()
    manifest = layer.manifest()
    (fy0, fx0), (fy1, fx1) = manifest["frame"]
    origin, height = (fx0, fy0), (fy1 - fy0) / GRID_KM
    units = _paths(o.units, origin, height)
    for adcode, d in _paths(o.inset, origin, height).items():
        units[adcode] = units.get(adcode, "") + d
    (iy0, ix0), (iy1, ix1) = manifest["inset_frame"]
    box = np.array([[ix0, iy0], [ix1, iy0], [ix1, iy1], [ix0, iy1], [ix0, iy0]], float)
    return {
        "units": units,
        "provinces": "".join(_paths(o.provinces, origin, height, closed=False).values()),
        "maritime": "".join(_paths(o.maritime, origin, height, closed=False).values()),
        "inset": ring_path(box, origin, height),
        "size": (round((fx1 - fx0) / GRID_KM), round(height)),
    }


def svg(fills: dict[str, str], nodata: str, selected=(), geo: dict | None = None) -> str:
    """The picture: every unit of ``geo["units"]`` filled with ``fills[adcode]`` (``nodata`` when it has
    none), units of one colour in one path, white unit edges, the selected units outlined, the province
    borders and the maritime line on top.

    >>> g = {"units": {"1": "M0 0l4 0 0 4z", "2": "M5 5l4 0 0 4z"}, "provinces": "", "maritime": "", "inset": "",
    ...      "size": (10, 10)}
    >>> print(svg({"1": "#aaaaaa"}, "#cccccc", ["2"], g))  # doctest: +NORMALIZE_WHITESPACE
    <svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'><g stroke='#ffffff' stroke-width='0.35'
    stroke-linejoin='round'><path fill='#aaaaaa' d='M0 0l4 0 0 4z'/><path fill='#cccccc' d='M5 5l4 0 0 4z'/></g><path
    fill='none' stroke='#111111' stroke-width='2.5' d='M5 5l4 0 0 4z'/></svg>
    """
    geo = geo or geometry()
    width, height = geo["size"]
    by_colour: dict[str, list[str]] = {}
    for adcode, d in geo["units"].items():
        by_colour.setdefault(fills.get(adcode) or nodata, []).append(d)
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'>"]
    if geo["inset"]:
        parts.append(f"<path fill='{INSET_FILL}' stroke='{INSET_EDGE}' stroke-width='1' d='{geo['inset']}'/>")
    parts.append(f"<g stroke='{UNIT_EDGE}' stroke-width='{UNIT_EDGE_WIDTH}' stroke-linejoin='round'>")
    parts += [f"<path fill='{colour}' d='{''.join(ds)}'/>" for colour, ds in by_colour.items()]
    parts.append("</g>")
    if geo["provinces"]:
        parts.append(
            f"<path fill='none' stroke='{PROVINCE_LINE}' stroke-opacity='0.85' stroke-width='{PROVINCE_WIDTH}'"
            f" d='{geo['provinces']}'/>"
        )
    if geo["maritime"]:
        parts.append(
            f"<path fill='none' stroke='{MARITIME_LINE}' stroke-opacity='0.9' stroke-width='{MARITIME_WIDTH}'"
            f" stroke-dasharray='6 4' d='{geo['maritime']}'/>"
        )
    outline = "".join(geo["units"].get(a, "") for a in selected)
    if outline:
        parts.append(f"<path fill='none' stroke='{SELECTED_EDGE}' stroke-width='{SELECTED_WIDTH}' d='{outline}'/>")
    parts.append("</svg>")
    return "".join(parts)


def data_uri(picture: str) -> str:
    """``picture`` as a ``data:`` URL for an ``<img>`` (only the characters a URL cannot carry are escaped).

    >>> data_uri("<svg fill='#fff'/>")
    "data:image/svg+xml,%3Csvg fill='%23fff'/%3E"
    """
    return "data:image/svg+xml," + quote(picture, safe=" '=/:.,-")
