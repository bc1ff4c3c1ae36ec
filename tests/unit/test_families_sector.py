"""The "sector" family: registry entries, store identities on the real data, exclusions, CSV export."""

from __future__ import annotations

import csv
import io
import math
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

from indicators import store as st
from indicators.classify import PALETTES
from indicators.export import BOM, indicator_csv
from indicators.families.sector_common import (
    change_excluded,
    lq_counterpart,
    lq_key,
    sector_keys,
)
from indicators.regions import BOUNDARY_CHANGED_2010_2020, harmonise_adcodes
from indicators.registry import FAMILIES, REGISTRY
from indicators.sector import (
    ANALYSIS_SECTORS,
    census_national_totals,
    census_sector_matrix,
)
from indicators.sector_change import sector_potential_score
from indicators.tables import Tables

CHANGE_KEYS = ("sector_potential", *(f"ss_competitive_{s}" for s in ANALYSIS_SECTORS))
XPCC_NEW = ("659005", "659006", "659007", "659008", "659009", "659010")  # created after the 2010 census


def values(store_frame, key, year):
    return st.indicator_values(key, year, store=store_frame)


def flags(store_frame, key, year):
    return st.indicator_flags(key, year, store=store_frame)


# --- registry ------------------------------------------------------------------------------------


def test_sector_family_holds_exactly_the_catalog_keys():
    family = [k for k, ind in REGISTRY.items() if ind.family == "sector"]
    assert family == list(sector_keys())
    assert len(family) == 66  # potential, Krugman, Herfindahl, 19 x (LQ nation, LQ province, shift), 3 + 3 LQs
    assert FAMILIES["sector"] == ("产业潜力", "Sector potential")
    for s in ANALYSIS_SECTORS:
        assert {f"lq_census_{s}", f"lqp_census_{s}", f"ss_competitive_{s}"} <= set(family)
    assert {"lq_emp_primary", "lq_emp_secondary", "lq_emp_tertiary"} <= set(family)
    assert {"lq_va_primary", "lq_va_secondary", "lq_va_tertiary"} <= set(family)
    assert "lq_census_intl_orgs" not in REGISTRY


def test_every_sector_entry_states_unit_source_years_formula_and_its_data():
    for key in sector_keys():
        ind = REGISTRY[key]
        assert ind.unit_en.strip() and ind.unit_zh.strip(), key
        assert ind.source_en.strip() and ind.source_zh.strip() and ".csv: " in ind.source_table, key
        assert ind.years and list(ind.years) == sorted(set(ind.years)), key
        assert ind.formula.strip() and ind.aggregation_note.strip(), key
        census = key.startswith(("lq_census_", "lqp_census_", "ss_competitive_", "sector_", "krugman", "herfindahl"))
        data_en = "Data: the 19 census sectors" if census else "Data: three broad sectors"
        data_zh = "19个普查行业" if census else "三次产业"
        assert data_en in ind.description_en and data_zh in ind.description_zh, key


def test_years_of_the_sector_entries():
    assert REGISTRY["lq_census_manuf"].years == (2010, 2020) == REGISTRY["lqp_census_ict"].years
    assert REGISTRY["krugman_census"].years == (2010, 2020) == REGISTRY["herfindahl_census"].years
    assert REGISTRY["sector_potential"].years == (2020,) == REGISTRY["ss_competitive_ict"].years
    assert REGISTRY["lq_emp_secondary"].years == tuple(range(2006, 2020))
    assert REGISTRY["lq_va_tertiary"].years == tuple(range(2000, 2024))


def test_signed_sector_indicators_use_a_diverging_palette_and_the_others_do_not():
    for key in sector_keys():
        ind = REGISTRY[key]
        signed = key.startswith("ss_competitive_")
        assert ind.diverging is signed, key
        assert PALETTES[ind.palette][0] == ("diverging" if signed else "sequential"), key


def test_potential_formula_states_the_four_conditions():
    formula = REGISTRY["sector_potential"].formula
    for part in ("LQ_2020 ≥ 1", "LQ_2020 > LQ_2010", "competitive", "≥ 50 sample persons"):
        assert part in formula


def test_lq_key_and_counterpart():
    assert lq_key("manuf") == "lq_census_manuf" and lq_key("manuf", "province") == "lqp_census_manuf"
    assert lq_counterpart(lq_key("ict")) == lq_key("ict", "province")
    assert lq_counterpart(lq_key("ict", "province")) == "lq_census_ict"
    assert lq_counterpart("lq_emp_primary") is None and lq_counterpart("gdp") is None
    with pytest.raises(ValueError, match="unknown census sector 'intl_orgs'"):
        lq_key("intl_orgs")
    with pytest.raises(ValueError, match=r"unknown reference 'world'; valid: \['nation', 'province'\]"):
        lq_key("manuf", "world")


def test_importing_the_sector_catalog_first_still_gives_the_full_registry():
    code = (
        "import indicators.families.sector_census as sc; from indicators.registry import REGISTRY; "
        "from indicators.families import KEYS; from indicators.store import RECIPES; "
        "print(len(REGISTRY), len(KEYS), set(RECIPES) == set(REGISTRY), KEYS[-1])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    n, n_keys, complete, last = out.stdout.split()
    assert int(n) == int(n_keys) == len(REGISTRY) and complete == "True" and last == "lq_va_tertiary"


def test_store_hash_covers_the_sector_modules():
    assert {
        "families/sector_census.py",
        "families/sector_three.py",
        "families/sector_common.py",
        "sector.py",
        "regions.py",
    } <= set(st._SOURCE_MODULES)


# --- values in the store ---------------------------------------------------------------------------


def test_every_sector_entry_has_values_in_each_of_its_years(store_frame):
    for key in sector_keys():
        ind = REGISTRY[key]
        assert st.available_years(key, store=store_frame) == ind.years, key
        for year in ind.years:
            assert values(store_frame, key, year).notna().sum() >= 1, (key, year)


def test_census_lq_employment_weighted_mean_over_the_census_units_is_one_in_2020(store_frame, emp2020):
    # the census map units (every unit with a 2020 sample total) tile the nation: weights = 19-sector sample
    weights = emp2020.sum(axis=1)
    for s in ANALYSIS_SECTORS:
        lq = values(store_frame, f"lq_census_{s}", 2020).reindex(emp2020.index)
        assert lq.notna().all(), s
        assert (lq * weights).sum() / weights.sum() == pytest.approx(1.0, abs=1e-9), s


def test_census_lq_of_the_nation_is_one_and_provinces_are_their_own_lq(store_frame, census):
    for s in ANALYSIS_SECTORS:
        for year in (2010, 2020):
            assert st.national_value(f"lq_census_{s}", year, store=store_frame) == pytest.approx(1.0, abs=1e-12)
    nation = census_national_totals(census, 2020)
    rows = census_sector_matrix(census, 2020, unit_types=("province", "municipality"))
    expected = rows["manuf"] / rows.sum(axis=1) / (nation["manuf"] / nation.sum())
    got = st.province_values("lq_census_manuf", 2020, store=store_frame)
    np.testing.assert_allclose(got[expected.index].to_numpy(), expected.to_numpy(), rtol=1e-12)


def test_province_lq_weighted_mean_within_each_province_is_one_in_2020(store_frame, emp2020):
    weights = emp2020.sum(axis=1)
    province = emp2020.index.str[:2]
    for s in ("manuf", "ict", "agri", "finance"):
        lq = values(store_frame, f"lqp_census_{s}", 2020).reindex(emp2020.index)
        mean = (lq * weights).groupby(province).sum() / weights.groupby(province).sum()
        np.testing.assert_allclose(mean.to_numpy(), 1.0, atol=1e-9)
    beijing = values(store_frame, "lqp_census_ict", 2020)["110000"]
    assert beijing == pytest.approx(1.0) and "own province" in flags(store_frame, "lqp_census_ict", 2020)["110000"]


def _reference_mean(store_frame, key, year, weights: pd.Series) -> float:
    """Weighted mean of the unflagged unit values of ``key`` in ``year``."""
    lq = values(store_frame, key, year)
    ok = lq.notna() & (flags(store_frame, key, year) == "") & weights.reindex(lq.index).notna()
    w = weights.reindex(lq.index)[ok]
    return float((lq[ok] * w).sum() / w.sum())


def test_three_sector_employment_lq_weighted_mean_is_one(store_frame):
    tab = Tables()["employment_sectors"]
    year = 2019  # the table's last year (the 2020 check of the brief is run on the value-added LQs)
    rows = tab[tab.year == year].set_index("adcode")
    for s in ("primary", "secondary", "tertiary"):
        key = f"lq_emp_{s}"
        weights = rows.emp_units_total_10k.where(rows[f"emp_share_{s}_pct"].notna())
        assert _reference_mean(store_frame, key, year, weights) == pytest.approx(1.0, abs=1e-9), s
        for y in REGISTRY[key].years:
            assert st.national_value(key, y, store=store_frame) == pytest.approx(1.0, abs=1e-9), (s, y)


def test_three_sector_value_added_lq_gdp_weighted_mean_is_one_in_2020(store_frame):
    tab = Tables()["gdp"]
    rows = tab[tab.year == 2020].set_index("adcode")
    for s in ("primary", "secondary", "tertiary"):
        key = f"lq_va_{s}"
        weights = rows.gdp_100m_yuan.where(rows[f"gdp_{s}_100m_yuan"].notna())
        assert _reference_mean(store_frame, key, 2020, weights) == pytest.approx(1.0, abs=1e-9), s
        assert st.national_value(key, 2020, store=store_frame) == pytest.approx(1.0, abs=1e-9)


def test_hand_checked_location_quotients_2020(store_frame, census):
    # SOURCES.md section 7: Dongguan 58.1 % manufacturing against 18.1 % nationally; Beijing leads ICT
    manuf = values(store_frame, "lq_census_manuf", 2020)
    assert manuf["441900"] == pytest.approx(58.1 / 18.1, rel=0.01)
    assert manuf.idxmax() == "441900"
    assert values(store_frame, "lq_census_ict", 2020).idxmax() == "110000"
    # value-added LQ by hand: Shenzhen's tertiary share over the covered nation's
    tab = Tables()["gdp"]
    y = tab[tab.year == 2020]
    nation = y.gdp_tertiary_100m_yuan.sum() / y.gdp_100m_yuan[y.gdp_tertiary_100m_yuan.notna()].sum()
    sz = y.set_index("adcode").loc["440300"]
    expected = sz.gdp_tertiary_100m_yuan / sz.gdp_100m_yuan / nation
    assert values(store_frame, "lq_va_tertiary", 2020)["440300"] == pytest.approx(expected, rel=0.01)


def test_competitive_shift_of_the_nation_is_zero_and_matches_a_hand_computation(store_frame, census):
    for s in ANALYSIS_SECTORS:
        assert st.national_value(f"ss_competitive_{s}", 2020, store=store_frame) == pytest.approx(0.0, abs=1e-9)
    n0, n1 = census_national_totals(census, 2010), census_national_totals(census, 2020)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        base = harmonise_adcodes(census_sector_matrix(census, 2010))
    end = census_sector_matrix(census, 2020)
    code = "330100"  # Hangzhou: same territory, large ICT base
    expected = (end.loc[code, "ict"] / base.loc[code, "ict"] - n1["ict"] / n0["ict"]) * 100
    assert values(store_frame, "ss_competitive_ict", 2020)[code] == pytest.approx(expected, rel=1e-9)
    assert expected > 0


# --- territory changes ------------------------------------------------------------------------------


def test_units_whose_territory_changed_are_blank_with_a_flag_in_change_indicators(store_frame):
    excluded = change_excluded()
    assert set(BOUNDARY_CHANGED_2010_2020) <= set(excluded)
    assert {"220100", "220300", "610100", "610400"} <= set(excluded)  # census-yearbook mismatches of the store
    for key in CHANGE_KEYS:
        v, f = values(store_frame, key, 2020), flags(store_frame, key, 2020)
        for code in [*excluded, *XPCC_NEW]:
            assert math.isnan(v[code]), (key, code)
            assert f[code].startswith("no 2010→2020 change"), (key, code)
        assert "territory" in f["340100"] and "巢湖" in f["340100"]


def test_jinan_is_compared_because_laiwu_completes_its_2010_territory(store_frame):
    tables = Tables()
    pop = tables["census_population"]
    mig = tables["census_migration"]
    adjusted = pop[(pop.year == 2010) & (pop.adcode == "370100")].pop_resident_10k.iloc[0] * 1e4
    yearbook = mig[(mig.year == 2010) & mig.adcode.isin(["370100", "371200"])].pop_census_persons.sum()
    assert yearbook == pytest.approx(adjusted, rel=1e-6)
    assert "370100" not in change_excluded()
    assert not math.isnan(values(store_frame, "sector_potential", 2020)["370100"])
    # ... while the 2010 level of 济南 (without 莱芜) keeps the store's territory note
    assert "territory differs" in flags(store_frame, "lq_census_manuf", 2010)["370100"]


def test_sector_potential_matches_the_analytics_function_for_the_compared_units(store_frame, census, emp2020):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        base = harmonise_adcodes(census_sector_matrix(census, 2010))
        score = sector_potential_score(
            base, emp2020, census_national_totals(census, 2010), census_national_totals(census, 2020)
        )
    stored = values(store_frame, "sector_potential", 2020)
    compared = [c for c in score.index if c not in change_excluded() and not math.isnan(score[c])]
    assert len(compared) == 360 - 21
    np.testing.assert_array_equal(stored[compared].to_numpy(), score[compared].to_numpy())
    assert stored.dropna().between(0, 17).all() and stored.notna().sum() == len(compared)


# --- CSV export -----------------------------------------------------------------------------------


@pytest.mark.parametrize("key, year", [("lq_census_manuf", 2020), ("sector_potential", 2020), ("lq_va_primary", 2000)])
def test_every_layer_unit_appears_in_the_csv_of_a_sector_key(store_frame, key, year):
    from geodata.layer import units

    layer_units = units()
    text = indicator_csv(key, year, layer_units, store=store_frame)
    rows = list(csv.DictReader(io.StringIO(text.removeprefix(BOM))))
    assert [r["adcode"] for r in rows] == list(layer_units.adcode) and len(rows) == 370
    v = values(store_frame, key, year)
    for r in rows:
        expected = v[r["adcode"]]
        assert (r["value"] == "") if math.isnan(expected) else float(r["value"]) == pytest.approx(expected), r
    assert rows[0]["source"].startswith(REGISTRY[key].source_en)
