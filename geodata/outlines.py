"""The map's outlines as coordinate arrays, for pictures drawn on the server (the link preview).

The same geometry the browser draws: the units of ``layer.parquet`` (identical to ``units.pbf``), and
the decoded ``inset.pbf``, ``provinces.pbf`` and ``maritime.pbf``. Coordinates are map units
``[x, y]`` (km, y up, origin at the frame's lower-left corner, see :mod:`geodata.build`). Loaded once
per process on first use.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely

from geodata import layer

_lock = threading.Lock()


@dataclass(frozen=True)
class Outlines:
    """Rings and lines of the map, each an ``(n, 2)`` float array of ``[x, y]`` map units.

    ``units`` and ``inset`` are ``(adcode, rings)`` pairs (polygons have no holes in this layer);
    ``provinces`` and ``maritime`` are ``(kind, lines)`` pairs with kind ``main`` or ``inset``.
    """

    units: tuple[tuple[str, tuple[np.ndarray, ...]], ...]
    inset: tuple[tuple[str, tuple[np.ndarray, ...]], ...]
    provinces: tuple[tuple[str, tuple[np.ndarray, ...]], ...]
    maritime: tuple[tuple[str, tuple[np.ndarray, ...]], ...]


def polygon_rings(geometry) -> tuple[np.ndarray, ...]:
    """The exterior rings of a (multi)polygon as coordinate arrays.

    >>> [r.shape for r in polygon_rings(shapely.box(0, 0, 1, 1))]
    [(5, 2)]
    """
    parts = shapely.get_parts(np.asarray([geometry]))
    return tuple(shapely.get_coordinates(p.exterior) for p in parts if p.geom_type == "Polygon")


def _geojson_rings(geometry: dict) -> tuple[np.ndarray, ...]:
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Polygon":
        return (np.asarray(coords[0], dtype=float),)
    if kind == "MultiPolygon":
        return tuple(np.asarray(p[0], dtype=float) for p in coords)
    if kind == "LineString":
        return (np.asarray(coords, dtype=float),)
    if kind == "MultiLineString":
        return tuple(np.asarray(line, dtype=float) for line in coords)
    return ()


def _decoded(name: str, key: str) -> tuple[tuple[str, tuple[np.ndarray, ...]], ...]:
    import geobuf

    fc = geobuf.decode((layer.artefacts() / name).read_bytes())
    return tuple((str(f["properties"].get(key, "")), _geojson_rings(f["geometry"])) for f in fc["features"])


@lru_cache(maxsize=1)
def outlines() -> Outlines:
    """The map's outlines (loaded once per process; about 1 s the first time)."""
    with _lock:
        gdf = layer.prefecture_layer()
        units = tuple((str(a), polygon_rings(g)) for a, g in zip(gdf["adcode"], gdf.geometry.values, strict=True))
        return Outlines(
            units=units,
            inset=_decoded("inset.pbf", "a"),
            provinces=_decoded("provinces.pbf", "k"),
            maritime=_decoded("maritime.pbf", "k"),
        )
