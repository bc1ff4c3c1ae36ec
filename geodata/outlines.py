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
class Rings:
    """Rings or lines of one layer packed for drawing: ``coords`` of all of them one after another,
    ring ``i`` is ``coords[starts[i]:starts[i + 1]]``, owned by ``owners[i]`` (adcode or kind), with the
    bounding box ``boxes[i] = (x0, y0, x1, y1)``.
    """

    coords: np.ndarray
    starts: np.ndarray
    owners: tuple[str, ...]
    boxes: np.ndarray


def pack(items) -> Rings:
    """:class:`Rings` of ``(owner, arrays)`` pairs.

    >>> r = pack([("a", (np.zeros((3, 2)), np.ones((4, 2))))])
    >>> r.starts.tolist(), r.owners, r.boxes.tolist()
    ([0, 3, 7], ('a', 'a'), [[0.0, 0.0, 0.0, 0.0], [1.0, 1.0, 1.0, 1.0]])
    """
    arrays = [(owner, a) for owner, parts in items for a in parts if len(a)]
    if not arrays:
        return Rings(np.zeros((0, 2)), np.zeros(1, dtype=np.int64), (), np.zeros((0, 4)))
    lengths = np.array([len(a) for _, a in arrays])
    boxes = np.array([[a[:, 0].min(), a[:, 1].min(), a[:, 0].max(), a[:, 1].max()] for _, a in arrays])
    return Rings(
        np.concatenate([a for _, a in arrays]),
        np.concatenate([[0], np.cumsum(lengths)]),
        tuple(o for o, _ in arrays),
        boxes,
    )


@dataclass(frozen=True)
class Outlines:
    """Rings and lines of the map in ``[x, y]`` map units, packed (:class:`Rings`).

    ``units`` and ``inset`` are owned by adcodes (polygons have no holes in this layer); ``provinces``
    and ``maritime`` by their kind, ``main`` or ``inset``.
    """

    units: Rings
    inset: Rings
    provinces: Rings
    maritime: Rings


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
            units=pack(units),
            inset=pack(_decoded("inset.pbf", "a")),
            provinces=pack(_decoded("provinces.pbf", "k")),
            maritime=pack(_decoded("maritime.pbf", "k")),
        )
