"""Read access to the built county layer (see :mod:`geodata.county_build`).

Loaded lazily on first use and kept per process (a page at prefecture level never loads it); the
artefacts on disk are shared by all gunicorn workers.
"""

from __future__ import annotations

import json
import re
import threading
from functools import lru_cache
from pathlib import Path

import pandas as pd

from geodata import county_build

_lock = threading.Lock()

#: Browser-facing county files: the whole country, the inset, the context and lines, one per province.
PUBLIC_NAME_RE = re.compile(r"^county/(all|inset|prefectures|lines|\d{6})\.pbf$")


@lru_cache(maxsize=1)
def artefacts() -> Path:
    """The county artefact folder, built on first use if missing or corrupt."""
    with _lock:
        return county_build.ensure_built()


@lru_cache(maxsize=1)
def manifest() -> dict:
    return json.loads((artefacts() / "manifest.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def county_layer():
    """The counties as a GeoDataFrame (geometry in map units, one coverage).

    Columns: ``adcode, name_zh, prefecture_adcode, prefecture_zh, province_adcode, province_zh,
    name_en, prefecture_en, province_en, raw_area_km2, map_area_km2, geometry``.
    """
    import geopandas as gpd

    return gpd.read_parquet(artefacts() / "counties.parquet")


@lru_cache(maxsize=1)
def county_units() -> pd.DataFrame:
    """Attributes of the county layer without geometry (``adcode`` is a column)."""
    return pd.DataFrame(county_layer().drop(columns="geometry"))


def drawn_adcodes() -> frozenset[str]:
    """Codes of the counties that have a polygon on the map."""
    return frozenset(county_units()["adcode"])


@lru_cache(maxsize=1)
def county_weights():
    """Queen contiguity weights between the drawn counties, keyed by adcode (for Moran's I / LISA).

    The counties are one coverage, so neighbours share edges exactly; islands are attached to
    their nearest county (:func:`indicators.spatial.queen_weights`). Counties with nothing on the
    main map (Sansha's districts, drawn only in the inset) are left out.
    """
    import warnings

    from indicators.spatial import queen_weights

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        gdf = county_layer()
        return queen_weights(gdf[~gdf.geometry.is_empty], "adcode")


def public_file(name: str) -> Path | None:
    """Path of a browser-facing county artefact, or ``None`` when ``name`` is not one of them."""
    if not PUBLIC_NAME_RE.match(name) or name not in manifest()["files"]:
        return None
    return artefacts() / name


def geometry_url(name: str) -> str:
    """Fingerprinted URL of a county artefact (``/geo/<county key>/county/...``)."""
    return f"/geo/{manifest()['key']}/{name}"


def province_codes() -> list[str]:
    """Province adcodes that have a county file."""
    return list(manifest()["provinces"])
