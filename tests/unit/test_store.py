"""The indicator store: published totals, signs, flags, aggregation, queries, building."""

from __future__ import annotations

import logging
import math

import numpy as np
import pandas as pd
import pytest

from indicators import store as st
from indicators.ingest import load_table
from indicators.registry import REGISTRY
from indicators.tables import series_break_flags


def values(store_frame, key, year):
    return st.indicator_values(key, year, store=store_frame)


# --- published totals ----------------------------------------------------------------------------


def test_gdp_2020_ningxia_prefectures_sum_to_published_3921(store_frame):
    gdp = values(store_frame, "gdp", 2020)
    ningxia = gdp[["640100", "640200", "640300", "640400", "640500"]]
    assert ningxia.notna().all()
    assert ningxia.sum() == pytest.approx(3921, rel=0.005)


def test_gdp_2020_guangdong_cities_sum_to_published_110761(store_frame):
    gdp = values(store_frame, "gdp", 2020)
    guangdong = gdp[gdp.index.str.startswith("44")]
    assert len(guangdong) == 21 and guangdong.notna().all()
    assert guangdong.sum() == pytest.approx(110761, rel=0.005)


def test_gdp_province_sum_equals_unit_sum_and_incomplete_province_is_nan(store_frame):
    prov = st.province_values("gdp", 2020, store=store_frame)
    assert prov["640000"] == pytest.approx(3921, rel=0.005)
    assert prov["440000"] == pytest.approx(110761, rel=0.005)
    assert math.isnan(prov["420000"])  # Hubei's 4 province-administered units have no GDP row
    flag = st.indicator_flags("gdp", 2020, store=store_frame, level="province")["420000"]
    assert "429004" in flag and flag.startswith("not summed")


def test_census_residents_2020_chongqing_and_yinchuan(store_frame):
    pop = values(store_frame, "pop_resident", 2020)
    assert round(pop["500000"] * 1e4) == 32_054_159
    assert round(pop["640100"] * 1e4) == 2_859_074


def test_residents_from_other_provinces_2020_national_total_without_double_counting(store_frame):
    national = st.national_value("migrants_other_prov", 2020, store=store_frame)
    assert national == 124_837_153
    units = values(store_frame, "migrants_other_prov", 2020)
    assert units["110000"] == 8_418_418
    # prefecture subtotals add up to the national figure (within the compilers' 0.1 % check) ...
    assert units.sum() == pytest.approx(national, rel=0.002)
    # ... while summing every stored row (units + province rows) would count people twice
    rows = store_frame[(store_frame.indicator == "migrants_other_prov") & (store_frame.year == 2020)]
    assert rows[rows.adcode != st.NATIONAL_CODE].value.sum() > 1.5 * national
    assert st.province_values("migrants_other_prov", 2020, store=store_frame)["440000"] == 29_622_110


def test_national_census_agriculture_share_2010_matches_published_48_3(store_frame):
    assert st.national_value("census_emp_share_agri", 2010, store=store_frame) == pytest.approx(48.3, abs=0.05)


def test_urbanisation_province_is_ratio_of_sums(store_frame):
    pop = load_table("census_population")
    nx = pop[(pop.year == 2020) & pop.adcode.str.startswith("64")]
    expected = 100 * nx.pop_urban_10k.sum() / nx.pop_resident_10k.sum()
    got = st.province_values("urbanisation_rate", 2020, store=store_frame)["640000"]
    assert got == pytest.approx(expected, rel=1e-9)
    unit_mean = values(store_frame, "urbanisation_rate", 2020)[nx.adcode].mean()
    assert abs(got - unit_mean) > 0.1  # really weighted, not a plain mean


# --- signs ---------------------------------------------------------------------------------------


def test_net_inmigration_2020_top_five_and_zhoukou_among_most_negative(store_frame):
    net = values(store_frame, "net_inmigration_est", 2020).dropna().sort_values()
    assert set(net.index[-5:]) == {"440300", "441900", "440100", "310000", "110000"}
    assert "411600" in set(net.index[:5])
    assert net["411600"] < 0 < net["440300"]


def test_spring_festival_net_flow_signs(store_frame):
    flow = values(store_frame, "sf2020_net_per10k", 2020)
    assert flow["440300"] < 0 and flow["441900"] < 0
    assert flow["411600"] > 0
    expected = -159.368 / 1756.0061
    assert flow["440300"] == pytest.approx(expected, rel=1e-6)


# --- coverage, missing values --------------------------------------------------------------------


def test_every_indicator_has_values_in_each_of_its_years(store_frame):
    for key, ind in REGISTRY.items():
        assert st.available_years(key, store=store_frame) == ind.years, key


def test_missing_values_are_nan_not_zero(store_frame):
    pop = values(store_frame, "pop_resident", 2020)
    assert math.isnan(pop["659001"])  # XPCC city: no 2020 population in the source
    assert math.isnan(values(store_frame, "gdp", 2020)["710000"])
    # every GDP value of the store comes from a non-blank source cell
    gdp = load_table("gdp")
    stored = store_frame[(store_frame.indicator == "gdp") & store_frame.value.notna()]
    aggregates = set(st.province_values("gdp", 2020, store=store_frame).index) - set(st.MUNICIPALITIES)
    stored = stored[~stored.adcode.isin(aggregates | {st.NATIONAL_CODE})]
    assert len(stored) == gdp.gdp_100m_yuan.notna().sum()
    assert (stored.value != 0).all()


def test_indicator_values_shape(store_frame, map_units):
    s = values(store_frame, "gdp_share_tertiary", 2019)
    assert s.name == "gdp_share_tertiary"
    assert s.dtype == np.float64
    assert list(s.index) == list(map_units.adcode)


# --- flags ---------------------------------------------------------------------------------------


def test_yinchuan_table4_break_is_flagged_and_kept(store_frame):
    flags = {y: st.indicator_flags("emp_share_tertiary", y, store=store_frame)["640100"] for y in range(2012, 2018)}
    assert flags[2014] and flags[2015]
    assert not flags[2013] and not flags[2016]
    assert "outside [0.5, 2]" in flags[2014]
    assert values(store_frame, "emp_share_tertiary", 2014)["640100"] == 72.63


def test_gdp_gap_flag_blanks_growth(store_frame):
    shaoguan_flag = st.indicator_flags("gdp_share_secondary", 2012, store=store_frame)["440200"]
    assert "sector sum differs from GDP" in shaoguan_flag
    assert not math.isnan(values(store_frame, "gdp", 2012)["440200"])
    assert math.isnan(values(store_frame, "gdp_growth_nominal", 2012)["440200"])
    assert "2012 value flagged" in st.indicator_flags("gdp_growth_nominal", 2012, store=store_frame)["440200"]
    assert not math.isnan(values(store_frame, "gdp_growth_nominal", 2020)["640100"])


def test_territory_change_blanks_changes_with_a_note(store_frame):
    assert math.isnan(values(store_frame, "emp_nonprivate_change_2010_2019", 2019)["370100"])
    note = st.indicator_flags("emp_nonprivate_change_2010_2019", 2019, store=store_frame)["370100"]
    assert "莱芜" in note
    assert math.isnan(values(store_frame, "migrants_other_prov_pct_change", 2020)["370100"])
    assert not math.isnan(values(store_frame, "migrants_other_prov_pct_change", 2020)["110000"])


def test_retired_codes_are_stored_but_not_drawn(store_frame):
    laiwu = store_frame[(store_frame.indicator == "gdp") & (store_frame.adcode == "371200")]
    assert set(laiwu.year) >= {2010, 2018}
    assert "371200" not in values(store_frame, "gdp", 2010).index


def test_series_break_flags_excursion_level_shift_and_zero():
    df = pd.DataFrame(
        {
            "adcode": ["a"] * 6 + ["b"] * 4,
            "year": list(range(2000, 2006)) + list(range(2000, 2004)),
            "v": [10, 11, 30, 31, 12, 0, 10, 10, 25, 26],
        }
    )
    flags = series_break_flags(df, "v", "x")
    assert flags.ne("").tolist() == [False, False, True, True, False, True, False, False, True, False]
    assert "reported as 0" in flags[5]
    assert "series break" in flags[8]


# --- queries -------------------------------------------------------------------------------------


def test_unknown_key_lists_valid_keys(store_frame):
    with pytest.raises(ValueError, match=r"unknown indicator 'gdpp'; valid keys: .*gdp_growth_nominal"):
        st.indicator_values("gdpp", 2020, store=store_frame)


def test_unknown_year_lists_valid_years(store_frame):
    with pytest.raises(ValueError, match=r"no year 2015; valid years: 2010, 2020"):
        st.indicator_values("pop_resident", 2015, store=store_frame)


def test_aggregation_none_gives_nan_province_values(store_frame):
    prov = st.province_values("sf2020_net_per10k", 2020, store=store_frame)
    assert len(prov) == 31
    assert prov.drop(list(st.MUNICIPALITIES)).isna().all()
    assert prov["110000"] == values(store_frame, "sf2020_net_per10k", 2020)["110000"]  # a municipality is both
    assert math.isnan(st.national_value("sf2020_net_per10k", 2020, store=store_frame))


# --- building ------------------------------------------------------------------------------------


def test_build_store_writes_one_hashed_file_atomically(indicator_cache_dir):
    files = sorted(p.name for p in indicator_cache_dir.iterdir())
    assert len(files) == 1
    assert files[0].startswith(f"indicator_store_{st.STORE_VERSION}_") and files[0].endswith(".parquet")


def test_load_store_rebuilds_an_unreadable_file(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("LED_CACHE_DIR", str(tmp_path))
    st._LOADED.clear()
    path = st.store_path()
    path.write_bytes(b"not parquet")
    with caplog.at_level(logging.WARNING, logger="indicators.store"):
        frame = st.load_store()
    assert "unreadable" in caplog.text
    assert list(frame.columns) == st.COLUMNS
    assert pd.read_parquet(path).shape == frame.shape
    st._LOADED.clear()
