"""County indicators: the issue's checks through the API, declarations, levels, LQs and change."""

from __future__ import annotations

import math

import numpy as np
import pytest

from indicators.county import county_catalog, county_flags, county_units, county_values
from indicators.county.values import nation_totals
from indicators.registry import COUNTY_REGISTRY, REGISTRY


def test_county_values_reproduce_the_issue_checks():
    assert county_values("pop_resident", 2020)["640104"] == pytest.approx(80.8282)
    assert round(county_values("migrants_other_prov_pct", 2020)["640104"], 1) == 21.9
    assert county_values("avg_schooling_years", 2020)["640104"] == 10.75
    assert round(county_values("migrants_other_prov_pct", 2020)["640522"], 1) == 0.9
    assert county_values("avg_schooling_years", 2020)["640522"] == 7.54
    assert round(county_values("census_emp_share_manuf", 2020)["640205"], 1) == 31.5


def test_county_values_index_is_the_unit_list_of_the_year():
    units = county_units().set_index("adcode")
    for year in (2010, 2020):
        v = county_values("urbanisation_rate", year)
        assert v.index.is_unique and set(v.index) <= set(units.index)
        assert v.dtype == float
    assert len(county_values("urbanisation_rate", 2020)) == int(units.in_2020.sum())


@pytest.mark.parametrize("key", sorted(COUNTY_REGISTRY))
def test_county_indicator_declares_metadata_and_computes(key):
    ind = COUNTY_REGISTRY[key]
    assert "county" in ind.levels and ind.unit_en and ind.source_en and ind.years
    published = {"avg_schooling_years", "illiteracy_rate"}  # figures as published: no formula
    assert ind.formula or key in published, f"{key}: a derived county indicator states its formula"
    for year in ind.years:
        v = county_values(key, year)
        assert v.notna().sum() > 1000, key
        assert np.isfinite(v.dropna()).all()
        assert county_flags(key, year).index.equals(v.index)


def test_county_catalog_lists_every_entry_with_levels():
    cat = county_catalog()
    assert [c["key"] for c in cat] == list(COUNTY_REGISTRY)
    assert {"key", "label_zh", "label_en", "unit_zh", "unit_en", "years", "source", "formula", "family"} <= set(cat[0])
    keys = {c["key"] for c in cat}
    assert {"avg_schooling_years", "illiteracy_rate", "renting_households_pct", "sector_potential",
            "occ_share_professional_technical", "occ_share_production_transport", "lqf_census_manuf",
            "lqp_census_manuf", "lq_census_manuf", "pop_change_2010_2020",
            "migrants_other_county_pct"} <= keys  # fmt: skip
    assert sum(k.startswith("census_emp_share_") for k in keys) == 19


def test_levels_of_prefecture_entries():
    assert REGISTRY["pop_resident"].levels == ("prefecture", "county")
    assert REGISTRY["gdp"].levels == ("prefecture",)
    assert "avg_schooling_years" not in REGISTRY  # county only: the prefecture store never sees it


def test_county_lq_nation_is_one_on_average_weighted_by_sample():
    """Employment-weighted mean of the LQs over all units is close to 1 (the uncoded zones are missing)."""
    from indicators.county.units import county_frame
    from indicators.county.values import sector_matrix

    mat = sector_matrix(county_frame(2020))
    lq = county_values("lq_census_manuf", 2020).reindex(mat.index)
    weights = mat.sum(axis=1)
    mean = float((lq * weights).sum() / weights.sum())
    nat = nation_totals(2020)
    assert mean == pytest.approx((mat["manuf"].sum() / mat.values.sum()) / (nat["manuf"] / nat.sum()))
    assert 0.95 < mean < 1.05


def test_county_change_only_on_unchanged_territories():
    change = county_values("pop_change_2010_2020", 2020)
    flags = county_flags("pop_change_2010_2020", 2020)
    assert math.isnan(change["110101"]) and "崇文" in flags["110101"]  # 东城 absorbed 崇文
    assert change["640104"] == pytest.approx((808282 / county_values("pop_resident", 2010)["640104"] / 1e4 - 1) * 100)
    assert flags[change.isna()].str.len().gt(0).all()


def test_county_merged_unit_schooling_is_missing_with_a_note():
    assert math.isnan(county_values("avg_schooling_years", 2020)["330105"])
    assert "merged" in county_flags("avg_schooling_years", 2020)["330105"]


def test_county_lq_prefecture_is_missing_for_province_direct_units():
    assert math.isnan(county_values("lqf_census_manuf", 2020)["429004"])
    assert county_values("lqf_census_manuf", 2020)["640205"] == pytest.approx(1.4136, abs=1e-3)


def test_county_unknown_key_or_year_raises_naming_valid_values():
    with pytest.raises(ValueError, match="valid keys"):
        county_values("gdp", 2020)
    with pytest.raises(ValueError, match="years: 2010, 2020"):
        county_values("pop_resident", 2015)
