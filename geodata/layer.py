"""Read access to the built prefecture layer (see :mod:`geodata.build`).

Everything is loaded lazily on first use and kept per process; the artefacts on disk are shared
by all gunicorn workers.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from functools import lru_cache
from pathlib import Path

import pandas as pd

from geodata import build, names

log = logging.getLogger(__name__)

_lock = threading.Lock()

#: Files the browser may fetch (plus ``detail/<province>.pbf``).
PUBLIC_FILES = ("units.pbf", "inset.pbf", "provinces.pbf", "maritime.pbf")


@lru_cache(maxsize=1)
def artefacts() -> Path:
    """The artefact folder, built on first use if missing or corrupt."""
    with _lock:
        return build.ensure_built()


@lru_cache(maxsize=1)
def manifest() -> dict:
    return json.loads((artefacts() / "manifest.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def prefecture_layer():
    """The prefecture layer as a GeoDataFrame (geometry in map units, see :mod:`geodata.build`).

    Columns: ``adcode, source_code, name_zh, name_en, province_adcode, province_zh, province_en,
    unit_type, raw_area_km2, map_area_km2, detail_area_km2, geometry``.
    """
    import geopandas as gpd

    return gpd.read_parquet(artefacts() / "layer.parquet")


@lru_cache(maxsize=1)
def units() -> pd.DataFrame:
    """Attributes of the layer without geometry, indexed by nothing (``adcode`` is a column)."""
    return pd.DataFrame(prefecture_layer().drop(columns="geometry"))


def public_file(name: str) -> Path | None:
    """Path of a browser-facing artefact, or ``None`` when ``name`` is not one of them."""
    files = manifest()["files"]
    if name not in files or not (name in PUBLIC_FILES or name.startswith("detail/")):
        return None
    return artefacts() / name


def geometry_url(name: str) -> str:
    """Fingerprinted URL of an artefact: the build key changes whenever the content may."""
    return f"/geo/{manifest()['key']}/{name}"


def is_loaded() -> bool:
    return prefecture_layer.cache_info().currsize > 0


def warm() -> None:
    """Load everything a worker needs (called by gunicorn after fork, and by /healthz)."""
    manifest()
    prefecture_layer()
    units()
    names.remember_syllables(name_syllables())


@lru_cache(maxsize=1)
def name_syllables() -> dict[str, list[str]]:
    """Pinyin of every unit's and province's name core (:func:`geodata.names.name_syllables`).

    Written by the build next to the layer (:func:`geodata.build.syllables_file_name`); computed
    and written here, with pypinyin, only when that file is missing (a layer built by an older
    version). Serving then never imports pypinyin.
    """
    path = artefacts() / build.syllables_file_name()
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    log.warning("%s missing; computing the names' pinyin (loads pypinyin in this process)", path.name)
    u = units()
    table = names.name_syllables([*u["name_zh"], *u["province_zh"]])
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:  # a read-only cache: keep the table in memory only
        log.warning("cannot write %s: %s", path, exc)
        tmp.unlink(missing_ok=True)
    return table


@lru_cache(maxsize=1)
def _transformers():
    import pyproj

    crs = manifest()["crs"]
    return (
        pyproj.Transformer.from_crs(crs, "EPSG:4326", always_xy=True),
        pyproj.Transformer.from_crs("EPSG:4326", crs, always_xy=True),
    )


def map_to_lonlat(y: float, x: float) -> tuple[float, float]:
    """Map units (Leaflet ``[y, x]`` of the Simple CRS) → ``(lat, lng)`` in degrees."""
    ox, oy = manifest()["origin_m"]
    unit = manifest()["unit_m"]
    lng, lat = _transformers()[0].transform(x * unit + ox, y * unit + oy)
    return lat, lng


def lonlat_to_map(lat: float, lng: float) -> tuple[float, float]:
    """``(lat, lng)`` in degrees → map units ``[y, x]``."""
    ox, oy = manifest()["origin_m"]
    unit = manifest()["unit_m"]
    x, y = _transformers()[1].transform(lng, lat)
    return (y - oy) / unit, (x - ox) / unit


@lru_cache(maxsize=64)
def province_bounds(province_adcode: str) -> list[list[float]] | None:
    """Leaflet bounds ``[[y0, x0], [y1, x1]]`` of a province's units in map units, or ``None``."""
    gdf = prefecture_layer()
    part = gdf[gdf["province_adcode"] == province_adcode]
    if part.empty:
        return None
    x0, y0, x1, y1 = part.total_bounds
    return [[float(y0), float(x0)], [float(y1), float(x1)]]


@lru_cache(maxsize=1)
def label_points() -> dict[str, list[float]]:
    """A point inside each unit, Leaflet ``[y, x]`` in map units rounded to whole map units (1 km): where flow lines end.

    The point is the largest polygon part's ``representative_point`` (inside the unit even when it is
    crescent-shaped; on the mainland part of a unit with islands).
    """
    import shapely

    gdf = prefecture_layer()
    out = {}
    for code, geom in zip(gdf["adcode"], gdf.geometry, strict=True):
        parts = list(getattr(geom, "geoms", [geom]))
        largest = max(parts, key=lambda g: g.area)
        p = shapely.Point(largest.representative_point())
        out[str(code)] = [round(float(p.y)), round(float(p.x))]
    return out
