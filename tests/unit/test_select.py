"""Tests of ``geodata.select``: tiny frames from WKT first, then the built prefecture layer."""

from __future__ import annotations

import doctest

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely import wkt

from geodata import select
from geodata.select import (
    MAX_VERTICES,
    bounds_of,
    neighbours,
    pilot_units,
    province_units,
    provinces,
    shape_from_geojson,
    units_touching,
)

# --------------------------------------------------------------------------- tiny frames


def square(col: int, row: int) -> str:
    return f"POLYGON(({col} {row}, {col + 1} {row}, {col + 1} {row + 1}, {col} {row + 1}, {col} {row}))"


@pytest.fixture
def grid_wkt() -> dict[str, str]:
    """A 3 x 3 grid of unit squares; code ``<row+1><col+1>0000`` style: '110000' is bottom left."""
    return {f"{r + 1}{c + 1}0000": square(c, r) for r in range(3) for c in range(3)}


@pytest.fixture
def grid(grid_wkt) -> gpd.GeoDataFrame:
    """The grid as a layer: the bottom row is province 'P1', the two upper rows province 'P2'."""
    codes = list(grid_wkt)
    return gpd.GeoDataFrame(
        {
            "adcode": codes,
            "province_adcode": ["P1" if c.startswith("1") else "P2" for c in codes],
            "province_zh": ["一省" if c.startswith("1") else "二省" for c in codes],
            "province_en": ["One" if c.startswith("1") else "Two" for c in codes],
        },
        geometry=[wkt.loads(g) for g in grid_wkt.values()],
    )


@pytest.fixture
def grid_with_island(grid) -> gpd.GeoDataFrame:
    island = gpd.GeoDataFrame(
        {"adcode": ["990000"], "province_adcode": ["P9"], "province_zh": ["岛"], "province_en": ["Isle"]},
        geometry=[wkt.loads(square(10, 10))],
    )
    return pd.concat([grid, island], ignore_index=True)


def test_units_touching_box_inside_one_unit_selects_it(grid):
    assert units_touching(wkt.loads("POLYGON((1.2 1.2, 1.8 1.2, 1.8 1.8, 1.2 1.8, 1.2 1.2))"), grid) == ["220000"]


def test_units_touching_box_across_a_border_selects_both_sides(grid):
    assert units_touching(shapely.box(0.5, 0.2, 1.5, 0.8), grid) == ["110000", "120000"]


def test_units_touching_box_reaching_only_a_border_selects_the_unit_beyond(grid):
    # x = 1 is the border of column 0 and column 1: touching it is touching both.
    assert units_touching(shapely.box(0.2, 0.2, 1.0, 0.8), grid) == ["110000", "120000"]


def test_units_touching_corner_point_selects_the_four_units_meeting_there(grid):
    assert units_touching(shapely.Point(1, 1), grid) == ["110000", "120000", "210000", "220000"]


def test_units_touching_returns_layer_order_without_repeats(grid):
    # Two parts over the same unit, listed right-to-left.
    parts = shapely.MultiPolygon(
        [shapely.box(2.2, 0.2, 2.4, 0.4), shapely.box(0.2, 0.2, 0.4, 0.4), shapely.box(2.6, 0.6, 2.8, 0.8)]
    )
    assert units_touching(parts, grid) == ["110000", "130000"]


def test_units_touching_outside_and_empty_give_nothing(grid):
    assert units_touching(shapely.box(5, 5, 6, 6), grid) == []
    assert units_touching(shapely.Polygon(), grid) == []


def test_units_touching_repairs_a_self_crossing_lasso(grid):
    bowtie = shapely.Polygon([(0.2, 0.2), (2.8, 0.8), (2.8, 0.2), (0.2, 0.8)])  # crosses itself at (1.5, 0.5)
    assert not bowtie.is_valid
    # Two triangles in the bottom row, meeting in the middle unit.
    assert units_touching(bowtie, grid) == ["110000", "120000", "130000"]


def test_units_touching_rejects_what_is_not_a_geometry(grid):
    with pytest.raises(TypeError, match="shapely geometry"):
        units_touching({"type": "Polygon"}, grid)


def test_neighbours_centre_has_all_eight_queen_neighbours(grid):
    assert neighbours("220000", grid) == [
        "110000",
        "120000",
        "130000",
        "210000",
        "230000",
        "310000",
        "320000",
        "330000",
    ]


def test_neighbours_corner_unit_has_three(grid):
    assert neighbours("110000", grid) == ["120000", "210000", "220000"]


def test_neighbours_island_has_none(grid_with_island):
    assert neighbours("990000", grid_with_island) == []


def test_neighbours_unknown_code_raises(grid):
    with pytest.raises(ValueError, match="unknown adcode '999999'"):
        neighbours("999999", grid)


def test_province_units_lists_the_province_in_layer_order(grid):
    assert province_units("P1", grid) == ["110000", "120000", "130000"]
    assert len(province_units("P2", grid)) == 6


def test_province_units_unknown_raises_listing_valid_codes(grid):
    with pytest.raises(ValueError, match="valid: P1, P2"):
        province_units("P3", grid)


def test_provinces_one_row_per_province_sorted_by_code(grid_with_island):
    assert provinces(grid_with_island) == [
        {"adcode": "P1", "name_zh": "一省", "name_en": "One"},
        {"adcode": "P2", "name_zh": "二省", "name_en": "Two"},
        {"adcode": "P9", "name_zh": "岛", "name_en": "Isle"},
    ]


def test_bounds_of_is_leaflet_order_y_then_x(grid):
    # Bottom row: x 0..3, y 0..1 -> [[y0, x0], [y1, x1]].
    assert bounds_of(["110000", "120000", "130000"], grid, pad=0, min_size=0) == [[0.0, 0.0], [1.0, 3.0]]


def test_bounds_of_pads_by_a_fraction_of_the_size(grid):
    assert bounds_of(["110000", "130000"], grid, pad=0.1, min_size=0) == [[-0.1, -0.3], [1.1, 3.3]]


def test_bounds_of_grows_small_boxes_around_their_centre(grid):
    assert bounds_of(["220000"], grid, pad=0, min_size=2) == [[0.5, 0.5], [2.5, 2.5]]
    # Already wide enough in x: only y grows.
    assert bounds_of(["110000", "130000"], grid, pad=0, min_size=2) == [[-0.5, 0.0], [1.5, 3.0]]


def test_bounds_of_ignores_repeats(grid):
    assert bounds_of(["220000", "220000"], grid, pad=0, min_size=0) == bounds_of(["220000"], grid, pad=0, min_size=0)


@pytest.mark.parametrize(
    ("codes", "kwargs", "message"),
    [
        ([], {}, "empty"),
        (["110000", "777777"], {}, "unknown adcode.*777777"),
        (["110000"], {"pad": -0.1}, ">= 0"),
        (["110000"], {"min_size": -1}, ">= 0"),
    ],
)
def test_bounds_of_bad_input_raises(grid, codes, kwargs, message):
    with pytest.raises(ValueError, match=message):
        bounds_of(codes, grid, **kwargs)


def _feature(coords, kind="Polygon", shape_type="polygon"):
    return {
        "type": "Feature",
        "properties": {"type": shape_type, "_leaflet_id": 77},
        "geometry": {"type": kind, "coordinates": coords},
    }


def test_shape_from_geojson_reads_a_leaflet_draw_rectangle():
    ring = [[0.5, 0.5], [0.5, 1.5], [2.5, 1.5], [2.5, 0.5], [0.5, 0.5]]
    geom = shape_from_geojson(_feature([ring], shape_type="rectangle"))
    assert geom.bounds == (0.5, 0.5, 2.5, 1.5)  # GeoJSON [x, y]: x first


def test_shape_from_geojson_accepts_a_bare_geometry_and_an_unclosed_ring():
    geom = shape_from_geojson({"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0]]]})
    assert geom.area == pytest.approx(1.0)


def test_shape_from_geojson_makes_a_self_crossing_lasso_valid():
    geom = shape_from_geojson(_feature([[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]))
    assert geom.is_valid
    assert geom.area == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        ("POLYGON((0 0, 1 0, 1 1, 0 0))", "mapping"),
        ({"type": "Feature", "properties": {}}, "no geometry"),
        ({"type": "Point", "coordinates": [1, 2]}, "Polygon or MultiPolygon"),
        ({"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, "Polygon or MultiPolygon"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [0, float("nan")], [1, 1], [0, 0]]]}, "finite"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [0, "1"], [1, 1], [0, 0]]]}, "finite"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [0, True], [1, 1], [0, 0]]]}, "finite"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]}, "usable polygon"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [2, 2], [0, 0]]]}, "no area"),
        ({"type": "Polygon", "coordinates": "[[0, 0]]"}, "nested lists"),
    ],
)
def test_shape_from_geojson_bad_input_raises_value_error(obj, message):
    with pytest.raises(ValueError, match=message):
        shape_from_geojson(obj)


def test_shape_from_geojson_refuses_more_than_max_vertices():
    angles = np.linspace(0, 2 * np.pi, MAX_VERTICES + 1)
    ring = [[float(np.cos(a)), float(np.sin(a))] for a in angles]
    with pytest.raises(ValueError, match=f"more than {MAX_VERTICES}"):
        shape_from_geojson({"type": "Polygon", "coordinates": [ring]})


def test_pilot_units_unknown_name_lists_the_pilots():
    with pytest.raises(ValueError, match="valid: ningxia, chongqing"):
        pilot_units("shenzhen")


def test_docstring_examples_run():
    result = doctest.testmod(select)
    assert result.attempted >= 8
    assert result.failed == 0


# --------------------------------------------------------------------------- the built layer

NINGXIA = ["640100", "640200", "640300", "640400", "640500"]


@pytest.fixture(scope="module")
def real_layer() -> gpd.GeoDataFrame:
    from geodata import layer

    return layer.prefecture_layer()


def lonlat_box(lat0: float, lat1: float, lng0: float, lng1: float, steps: int = 16) -> shapely.Polygon:
    """A lon/lat box projected to map units, edges densified (parallels are curves in Albers)."""
    from geodata import layer

    t = np.linspace(0, 1, steps, endpoint=False)
    corners = (
        [(lat0, lng0 + (lng1 - lng0) * s) for s in t]
        + [(lat0 + (lat1 - lat0) * s, lng1) for s in t]
        + [(lat1, lng1 - (lng1 - lng0) * s) for s in t]
        + [(lat1 - (lat1 - lat0) * s, lng0) for s in t]
    )
    return shapely.Polygon([layer.lonlat_to_map(lat, lng)[::-1] for lat, lng in corners])  # (y, x) -> (x, y)


def test_real_province_units_ningxia_is_exactly_its_five_prefectures(real_layer):
    assert province_units("640000", real_layer) == NINGXIA
    assert pilot_units("ningxia", real_layer) == NINGXIA


def test_real_units_touching_pearl_river_delta_box(real_layer):
    found = units_touching(lonlat_box(22.45, 23.35, 112.95, 114.2), real_layer)
    assert {"440100", "440300", "441900", "440600"} <= set(found)  # Guangzhou, Shenzhen, Dongguan, Foshan
    # Not too much: only the delta's units (Guangdong, Hong Kong, Macau), never the whole province.
    assert all(code[:2] in ("44", "81", "82") for code in found), found
    assert len(found) <= 9, found
    assert not {"441200", "441800", "440200"} & set(found)  # Zhaoqing, Qingyuan, Shaoguan lie outside


def test_real_units_touching_agrees_with_a_brute_force_intersects(real_layer):
    shape = lonlat_box(29.0, 31.5, 105.0, 109.0)
    expected = real_layer.loc[real_layer.intersects(shape), "adcode"].tolist()
    assert units_touching(shape, real_layer) == expected


def test_real_neighbours_of_chongqing(real_layer):
    found = neighbours("500000", real_layer)
    assert {"511600", "520300", "422800"} <= set(found)  # Guang'an, Zunyi, Enshi
    assert "500000" not in found
    # Every neighbour is in a province that borders Chongqing: Sichuan, Guizhou, Hubei, Hunan, Shaanxi.
    assert {code[:2] for code in found} <= {"51", "52", "42", "43", "61"}
    assert "510100" not in found  # Chengdu does not reach Chongqing


def test_real_neighbours_are_symmetric(real_layer):
    for code in ("500000", "640100", "440300", "110000"):
        for other in neighbours(code, real_layer):
            assert code in neighbours(other, real_layer), (code, other)


def test_real_pilot_chongqing_is_the_municipality_then_its_neighbours(real_layer):
    codes = pilot_units("chongqing", real_layer)
    assert codes[0] == "500000"
    assert codes[1:] == neighbours("500000", real_layer)


def test_real_bounds_of_ningxia_contains_the_province(real_layer):
    from geodata import layer

    (py0, px0), (py1, px1) = layer.province_bounds("640000")
    (y0, x0), (y1, x1) = bounds_of(NINGXIA, real_layer)
    assert y0 < py0 < py1 < y1 and x0 < px0 < px1 < x1
    assert (y1 - y0) < 1.2 * (py1 - py0)  # only the 5 % margins, not the country


def test_real_bounds_of_macau_keeps_the_minimum_size(real_layer):
    (y0, x0), (y1, x1) = bounds_of(["820000"], real_layer)
    assert y1 - y0 == pytest.approx(150.0) and x1 - x0 == pytest.approx(150.0)
