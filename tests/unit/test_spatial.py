"""Tests of ``indicators.spatial`` on small lattices built from WKT squares and ``libpysal.weights.lat2W``."""

from __future__ import annotations

import doctest

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from esda.moran import Moran
from libpysal.weights import lat2W
from shapely import wkt

from indicators import spatial
from indicators.spatial import LISA_LABELS, lisa_clusters, local_morans, morans_i, queen_weights


def square(col: int, row: int) -> str:
    return f"POLYGON(({col} {row}, {col + 1} {row}, {col + 1} {row + 1}, {col} {row + 1}, {col} {row}))"


@pytest.fixture
def grid_wkt() -> dict[str, str]:
    """A 7 x 7 grid of unit squares, ids ``c<row><col>``."""
    return {f"c{r}{c}": square(c, r) for r in range(7) for c in range(7)}


@pytest.fixture
def grid(grid_wkt) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"adcode": list(grid_wkt)}, geometry=[wkt.loads(g) for g in grid_wkt.values()])


@pytest.fixture
def grid_w(grid):
    return queen_weights(grid)


@pytest.fixture
def grid_with_island(grid_wkt) -> gpd.GeoDataFrame:
    shapes = {**grid_wkt, "isle": square(10, 3)}  # three units east of c36
    return gpd.GeoDataFrame({"adcode": list(shapes)}, geometry=[wkt.loads(g) for g in shapes.values()])


HOT = {f"c{r}{c}" for r in range(2, 5) for c in range(2, 5)}


@pytest.fixture
def hot_spot_values(grid) -> pd.Series:
    """10 in the central 3 x 3 block; 1.0-1.3 elsewhere (a fixed, slightly uneven background)."""

    def value(code: str) -> float:
        r, c = int(code[1]), int(code[2])
        return 10.0 if code in HOT else 1.0 + ((3 * r + 5 * c) % 4) / 10

    return pd.Series({code: value(code) for code in grid["adcode"]})


# ---------------------------------------------------------------- queen weights


def test_queen_weights_grid_neighbour_counts(grid_w):
    assert grid_w.n == 49
    assert grid_w.cardinalities["c00"] == 3  # corner
    assert grid_w.cardinalities["c03"] == 5  # edge
    assert grid_w.cardinalities["c33"] == 8  # interior: edges and vertices
    assert sorted(grid_w.neighbors["c00"]) == ["c01", "c10", "c11"]


def test_queen_weights_attaches_island_to_nearest_unit_and_warns(grid_with_island):
    with pytest.warns(UserWarning, match=r"1 unit\(s\) have no Queen neighbour: \['isle'\]; attached"):
        w = queen_weights(grid_with_island)
    assert w.neighbors["isle"] == ["c36"]
    assert "isle" in w.neighbors["c36"]
    assert w.islands == []


def test_queen_weights_drop_and_keep_islands(grid_with_island):
    with pytest.warns(UserWarning, match="dropped from W"):
        dropped = queen_weights(grid_with_island, islands="drop")
    assert "isle" not in dropped.id_order and dropped.n == 49
    with pytest.warns(UserWarning, match="kept without neighbours"):
        kept = queen_weights(grid_with_island, islands="keep")
    assert kept.islands == ["isle"]


def test_queen_weights_unknown_island_method_and_duplicate_ids_raise(grid):
    with pytest.raises(ValueError, match=r"valid: \['attach', 'drop', 'keep'\]"):
        queen_weights(grid, islands="bridge")
    grid.loc[1, "adcode"] = "c00"
    with pytest.raises(ValueError, match=r"duplicate ids in adcode: \['c00'\]"):
        queen_weights(grid)


# ---------------------------------------------------------------- Moran's I


def test_morans_i_matches_hand_formula_and_esda_on_lat2w():
    w = lat2W(5, 5, rook=False, id_type="string")
    y = np.array([3.0, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4, 6, 2, 6, 4, 3])
    full, _ = w.full()
    row = full / full.sum(axis=1, keepdims=True)
    z = y - y.mean()
    expected = len(y) / row.sum() * (z @ row @ z) / (z @ z)
    result = morans_i(pd.Series(y, index=w.id_order), w, permutations=99)
    assert result["I"] == pytest.approx(expected, abs=1e-12)
    assert result["I"] == pytest.approx(Moran(y, lat2W(5, 5, rook=False), permutations=0).I, abs=1e-12)
    assert result["EI"] == pytest.approx(-1 / 24)
    assert (result["n"], result["n_dropped"]) == (25, 0)


def test_morans_i_is_deterministic_and_leaves_inputs_and_global_rng_alone():
    w = lat2W(6, 6, id_type="string")
    values = pd.Series(np.arange(36.0) % 7, index=w.id_order)
    np.random.seed(1)
    before = np.random.get_state()[1].copy()
    first, second = morans_i(values, w, seed=3), morans_i(values, w, seed=3)
    assert first == second
    assert 0 < first["p_sim"] <= 1
    assert np.array_equal(np.random.get_state()[1], before)
    assert w.transform == "O"  # the caller's W was not row-standardised in place


def test_morans_i_drops_units_without_values():
    w = lat2W(3, 3, rook=False, id_type="string")
    values = pd.Series(np.arange(9.0), index=w.id_order)
    values["id4"] = np.nan  # the centre: every other cell keeps a neighbour
    result = morans_i(values, w, permutations=0)
    assert (result["n"], result["n_dropped"]) == (8, 1)
    assert np.isfinite(result["I"])


def test_morans_i_constant_values_warn_and_return_nan():
    w = lat2W(3, 3, id_type="string")
    with pytest.warns(UserWarning, match="constant"):
        result = morans_i(pd.Series(2.0, index=w.id_order), w)
    assert np.isnan(result["I"])


def test_morans_i_positive_on_planted_hot_spot(grid_w, hot_spot_values):
    result = morans_i(hot_spot_values, grid_w)
    assert result["I"] > 0.3 and result["p_sim"] <= 0.01


# ---------------------------------------------------------------- LISA


def test_lisa_clusters_planted_hot_spot_is_high_high(grid_w, hot_spot_values):
    labels = lisa_clusters(hot_spot_values, grid_w, seed=11)
    plus = {"c33", "c23", "c43", "c32", "c34"}  # centre of the hot block and its edge neighbours
    assert all(labels[c] == "high-high" for c in plus)
    high_high = set(labels.index[labels == "high-high"])
    assert high_high <= HOT
    assert not any(labels[c].startswith("low") for c in HOT)


def test_lisa_clusters_labels_missing_values_and_isolated_units(grid_w, hot_spot_values):
    values = hot_spot_values.copy()
    values[["c01", "c10", "c11"]] = np.nan  # c00 loses all its neighbours
    labels = lisa_clusters(values, grid_w)
    assert labels[["c01", "c10", "c11"]].tolist() == ["no data"] * 3
    assert labels["c00"] == "no neighbours"
    assert set(labels) <= set(LISA_LABELS)


def test_lisa_clusters_is_deterministic_with_a_seed(grid_w, hot_spot_values):
    a = local_morans(hot_spot_values, grid_w, seed=5)
    b = local_morans(hot_spot_values, grid_w, seed=5)
    pd.testing.assert_frame_equal(a, b)


def test_local_morans_rejects_alpha_outside_unit_interval(grid_w, hot_spot_values):
    with pytest.raises(ValueError, match="alpha"):
        local_morans(hot_spot_values, grid_w, alpha=5)


def test_spatial_docstring_examples_run():
    result = doctest.testmod(spatial)
    assert result.attempted > 3 and result.failed == 0
