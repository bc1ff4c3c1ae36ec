"""Spatial queries behind the selection tools: units touching a drawn shape, neighbours, provinces.

Everything works on a prefecture layer as from :func:`geodata.layer.prefecture_layer` (a
GeoDataFrame with at least ``adcode`` and ``province_adcode`` columns and geometry in map units) or
on any small frame with the same columns, which the tests build from WKT. ``layer=None`` means the
built layer, loaded lazily on first use (never at import). Results are adcodes in layer order.

Positions handed to Leaflet are ``[y, x]`` (the Simple CRS's ``[lat, lng]``), while GeoJSON and
shapely are ``[x, y]``: :func:`bounds_of` returns the former, :func:`shape_from_geojson` reads the
latter.

Examples
--------
>>> import geopandas as gpd
>>> from shapely import box
>>> grid = gpd.GeoDataFrame({"adcode": ["110000", "120000", "130100", "130200"],
...                          "province_adcode": ["110000", "120000", "130000", "130000"]},
...                         geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(0, 1, 1, 2), box(1, 1, 2, 2)])
>>> units_touching(box(0.2, 0.2, 0.4, 1.5), grid)
['110000', '130100']
>>> neighbours("110000", grid)
['120000', '130100', '130200']
>>> province_units("130000", grid)
['130100', '130200']
>>> bounds_of(["130100", "130200"], grid, pad=0, min_size=0)
[[1.0, 0.0], [2.0, 2.0]]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np
import shapely
from shapely.geometry import shape as _shape

#: Pilot views: one click selects these units (see :func:`pilot_units`).
PILOTS: dict[str, dict[str, str]] = {
    "ningxia": {"kind": "province", "adcode": "640000"},
    "chongqing": {"kind": "with_neighbours", "adcode": "500000"},
}

#: Drawn shapes with more vertices than this are refused (a hand-drawn lasso has a few dozen).
MAX_VERTICES = 5_000

#: Geometry types a drawn shape may have.
DRAWN_TYPES = ("Polygon", "MultiPolygon")


def _layer(layer):
    if layer is None:
        from geodata.layer import prefecture_layer

        return prefecture_layer()
    return layer


def _codes_at(layer, positions) -> list[str]:
    """Adcodes at integer ``positions`` of ``layer``, in layer order, without repeats."""
    positions = np.unique(np.asarray(positions, dtype=np.intp))
    return [str(code) for code in layer["adcode"].to_numpy()[positions]]


def _known(layer) -> set[str]:
    return {str(code) for code in layer["adcode"]}


def units_touching(geom, layer=None) -> list[str]:
    """Adcodes of the units that a geometry touches (shares at least one point with).

    The query runs on the layer's spatial index (``layer.sindex.query(geom, predicate='intersects')``),
    so a box drawn over part of a unit selects it, and so does a box that only reaches its border.

    Parameters
    ----------
    geom : shapely.Geometry
        In the layer's coordinates (map units for the built layer). An invalid polygon (a lasso
        that crosses itself) is repaired with :func:`shapely.make_valid` first.
    layer : geopandas.GeoDataFrame, optional
        Columns ``adcode`` and ``geometry``; the built prefecture layer when omitted.

    Returns
    -------
    list of str
        Adcodes in layer order; ``[]`` for an empty geometry or one outside every unit.

    Raises
    ------
    TypeError
        If ``geom`` is not a shapely geometry.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box, Polygon
    >>> pair = gpd.GeoDataFrame({"adcode": ["A", "B"]}, geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)])
    >>> units_touching(box(0.5, 0.5, 0.9, 0.9), pair), units_touching(box(0.5, 0.5, 1.0, 0.9), pair)
    (['A'], ['A', 'B'])
    >>> bowtie = Polygon([(0.2, 0.2), (1.8, 0.8), (1.8, 0.2), (0.2, 0.8)])  # crosses itself
    >>> units_touching(bowtie, pair), units_touching(box(5, 5, 6, 6), pair)
    (['A', 'B'], [])
    """
    if not isinstance(geom, shapely.Geometry):
        raise TypeError(f"geom must be a shapely geometry, got {type(geom).__name__}")
    if geom.is_empty:
        return []
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    gdf = _layer(layer)
    return _codes_at(gdf, gdf.sindex.query(geom, predicate="intersects"))


def neighbours(adcode: str, layer=None) -> list[str]:
    """Adcodes of the units sharing a border (or a corner point) with one unit.

    The built layer is a clean coverage (shared borders are identical lines, no overlaps), so
    ``intersects`` and ``touches`` agree; ``intersects`` on the spatial index is used and the unit
    itself is left out.

    Parameters
    ----------
    adcode : str
        A code of the layer, e.g. ``'500000'`` (Chongqing).
    layer : geopandas.GeoDataFrame, optional
        Columns ``adcode`` and ``geometry``; the built prefecture layer when omitted.

    Returns
    -------
    list of str
        In layer order; ``[]`` for an island.

    Raises
    ------
    ValueError
        If ``adcode`` is not in the layer.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> row = gpd.GeoDataFrame({"adcode": ["A", "B", "C", "D"]},
    ...                        geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(2, 0, 3, 1), box(5, 5, 6, 6)])
    >>> neighbours("B", row), neighbours("D", row)
    (['A', 'C'], [])
    >>> neighbours("X", row)
    Traceback (most recent call last):
    ...
    ValueError: unknown adcode 'X'
    """
    gdf = _layer(layer)
    codes = gdf["adcode"].astype(str).to_numpy()
    where = np.flatnonzero(codes == str(adcode))
    if not len(where):
        raise ValueError(f"unknown adcode {adcode!r}")
    own = gdf.geometry.iloc[int(where[0])]
    return [c for c in _codes_at(gdf, gdf.sindex.query(own, predicate="intersects")) if c != str(adcode)]


def province_units(province_adcode: str, layer=None) -> list[str]:
    """Adcodes of all units of one province-level unit.

    Parameters
    ----------
    province_adcode : str
        E.g. ``'640000'`` (Ningxia); municipalities and SARs are their own province.
    layer : geopandas.GeoDataFrame or pandas.DataFrame, optional
        Columns ``adcode`` and ``province_adcode``; the built prefecture layer when omitted.

    Returns
    -------
    list of str
        In layer order.

    Raises
    ------
    ValueError
        If no unit belongs to ``province_adcode`` (the message lists the valid codes).

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"adcode": ["640100", "640200", "500000"],
    ...                       "province_adcode": ["640000", "640000", "500000"]})
    >>> province_units("640000", table)
    ['640100', '640200']
    >>> province_units("990000", table)
    Traceback (most recent call last):
    ...
    ValueError: unknown province_adcode '990000'; valid: 500000, 640000
    """
    gdf = _layer(layer)
    part = gdf[gdf["province_adcode"].astype(str) == str(province_adcode)]
    if part.empty:
        valid = ", ".join(sorted({str(p) for p in gdf["province_adcode"]}))
        raise ValueError(f"unknown province_adcode {province_adcode!r}; valid: {valid}")
    return [str(c) for c in part["adcode"]]


def provinces(layer=None) -> list[dict[str, str]]:
    """The province-level units of the layer, by code: ``adcode``, ``name_zh``, ``name_en``.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"adcode": ["640100", "500000", "640200"],
    ...                       "province_adcode": ["640000", "500000", "640000"],
    ...                       "province_zh": ["宁夏回族自治区", "重庆市", "宁夏回族自治区"],
    ...                       "province_en": ["Ningxia", "Chongqing", "Ningxia"]})
    >>> [p["name_en"] for p in provinces(table)]
    ['Chongqing', 'Ningxia']
    """
    gdf = _layer(layer)
    rows = gdf[["province_adcode", "province_zh", "province_en"]].drop_duplicates("province_adcode")
    return [
        {"adcode": str(code), "name_zh": str(zh), "name_en": str(en)}
        for code, zh, en in sorted(rows.itertuples(index=False, name=None))
    ]


def pilot_units(name: str, layer=None) -> list[str]:
    """The units of a pilot view of :data:`PILOTS`.

    ``'ningxia'`` is the five prefectures of Ningxia; ``'chongqing'`` is the municipality and
    every unit sharing a border with it (:func:`neighbours`), the municipality first.

    Raises
    ------
    ValueError
        If ``name`` is not a pilot (the message lists the valid names).

    Examples
    --------
    >>> pilot_units("tianjin")
    Traceback (most recent call last):
    ...
    ValueError: unknown pilot 'tianjin'; valid: ningxia, chongqing
    """
    if name not in PILOTS:
        raise ValueError(f"unknown pilot {name!r}; valid: {', '.join(PILOTS)}")
    spec = PILOTS[name]
    if spec["kind"] == "province":
        return province_units(spec["adcode"], layer)
    return [spec["adcode"], *neighbours(spec["adcode"], layer)]


def bounds_of(adcodes: Iterable[str], layer=None, *, pad: float = 0.05, min_size: float = 150.0) -> list[list[float]]:
    """Leaflet bounds ``[[y0, x0], [y1, x1]]`` around some units, for ``fitBounds``.

    The box is widened by ``pad`` (a fraction of its size) on every side and, when smaller, grown
    around its centre to ``min_size`` in both directions so that a small unit (Macau, Shenzhen) is
    shown with its surroundings instead of at the maximum zoom.

    Parameters
    ----------
    adcodes : iterable of str
        Codes of the layer; repeats are fine.
    layer : geopandas.GeoDataFrame, optional
        Columns ``adcode`` and ``geometry``; the built prefecture layer when omitted.
    pad : float, default 0.05
        Margin as a fraction of the width and height (``0`` for none).
    min_size : float, default 150.0
        Smallest width and height in map units (km for the built layer).

    Returns
    -------
    list
        ``[[south, west], [north, east]]`` as plain floats, i.e. ``[[y0, x0], [y1, x1]]``.

    Raises
    ------
    ValueError
        If ``adcodes`` is empty or holds a code that is not in the layer, or ``pad``/``min_size``
        is negative.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> pair = gpd.GeoDataFrame({"adcode": ["A", "B"]}, geometry=[box(0, 0, 10, 4), box(10, 0, 20, 4)])
    >>> bounds_of(["A"], pair, pad=0, min_size=0)
    [[0.0, 0.0], [4.0, 10.0]]
    >>> bounds_of(["A", "B"], pair, pad=0.1, min_size=0)
    [[-0.4, -2.0], [4.4, 22.0]]
    >>> bounds_of(["A"], pair, pad=0, min_size=8)
    [[-2.0, 0.0], [6.0, 10.0]]
    >>> bounds_of(["Z"], pair)
    Traceback (most recent call last):
    ...
    ValueError: unknown adcode(s): Z
    """
    if not (pad >= 0 and min_size >= 0):
        raise ValueError(f"pad and min_size must be >= 0, got {pad!r} and {min_size!r}")
    wanted = list(dict.fromkeys(str(a) for a in adcodes))
    if not wanted:
        raise ValueError("adcodes is empty")
    gdf = _layer(layer)
    unknown = [a for a in wanted if a not in _known(gdf)]
    if unknown:
        raise ValueError(f"unknown adcode(s): {', '.join(unknown[:5])}" + (" ..." if len(unknown) > 5 else ""))
    part = gdf[gdf["adcode"].astype(str).isin(wanted)]
    x0, y0, x1, y1 = (float(v) for v in part.total_bounds)
    dx, dy = (x1 - x0) * pad, (y1 - y0) * pad
    x0, x1, y0, y1 = x0 - dx, x1 + dx, y0 - dy, y1 + dy
    if x1 - x0 < min_size:
        grow = (min_size - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    if y1 - y0 < min_size:
        grow = (min_size - (y1 - y0)) / 2
        y0, y1 = y0 - grow, y1 + grow
    return [[round(y0, 3), round(x0, 3)], [round(y1, 3), round(x1, 3)]]


def _check_positions(coords, depth: int, count: list[int]) -> None:
    """Walk nested coordinate lists; every position must be two or three finite numbers."""
    if not isinstance(coords, list | tuple):
        raise ValueError("coordinates must be nested lists")
    if depth == 0:
        if len(coords) not in (2, 3) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in coords
        ):
            raise ValueError(f"a position must be 2 finite numbers, got {coords!r}"[:120])
        count[0] += 1
        if count[0] > MAX_VERTICES:
            raise ValueError(f"more than {MAX_VERTICES} vertices")
        return
    for item in coords:
        _check_positions(item, depth - 1, count)


def shape_from_geojson(obj: Mapping) -> shapely.Geometry:
    """A shapely polygon from a drawn GeoJSON Feature or geometry (as Leaflet.draw reports it).

    Coordinates are ``[x, y]`` as in GeoJSON (in the Simple CRS the ``lng`` is the map's x). The
    result is made valid (a lasso may cross itself).

    Parameters
    ----------
    obj : mapping
        A ``Feature`` with a ``Polygon``/``MultiPolygon`` geometry, or such a geometry.

    Returns
    -------
    shapely.Geometry

    Raises
    ------
    ValueError
        If ``obj`` is not a polygon feature or geometry, a position is not two finite numbers, a
        ring has fewer than three distinct positions, or there are more than :data:`MAX_VERTICES`.

    Examples
    --------
    >>> feature = {"type": "Feature", "properties": {"type": "rectangle"},
    ...            "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [0, 2], [3, 2], [3, 0], [0, 0]]]}}
    >>> shape_from_geojson(feature).bounds
    (0.0, 0.0, 3.0, 2.0)
    >>> shape_from_geojson({"type": "Point", "coordinates": [1, 2]})
    Traceback (most recent call last):
    ...
    ValueError: a drawn shape must be a Polygon or MultiPolygon, got 'Point'
    """
    if not isinstance(obj, Mapping):
        raise ValueError(f"expected a GeoJSON mapping, got {type(obj).__name__}")
    geometry = obj.get("geometry") if obj.get("type") == "Feature" else obj
    if not isinstance(geometry, Mapping):
        raise ValueError("the feature has no geometry")
    kind = geometry.get("type")
    if kind not in DRAWN_TYPES:
        raise ValueError(f"a drawn shape must be a Polygon or MultiPolygon, got {kind!r}")
    _check_positions(geometry.get("coordinates"), 2 if kind == "Polygon" else 3, [0])
    try:
        geom = _shape({"type": kind, "coordinates": geometry["coordinates"]})
    except (ValueError, TypeError, IndexError, shapely.errors.ShapelyError) as exc:
        raise ValueError(f"not a usable polygon: {exc}") from exc
    if not geom.is_valid:  # before the area: a bow tie's two lobes cancel out in the raw ring's area
        geom = shapely.make_valid(geom)
    if geom.is_empty or geom.area == 0:
        raise ValueError("the drawn shape has no area")
    return geom
