"""The indicator registry: completeness of every entry, required keys, lookup errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from indicators.families.employment import CENSUS_SHARE_SECTORS
from indicators.registry import AGGREGATIONS, REGISTRY, get_indicator
from indicators.store import RECIPES

REQUIRED = {
    "pop_resident",
    "urbanisation_rate",
    "pop_change_2010_2020",
    "emp_nonprivate",
    "emp_nonprivate_per100_resident",
    "emp_private_selfemployed",
    "emp_share_primary",
    "emp_share_secondary",
    "emp_share_tertiary",
    "avg_wage",
    "avg_wage_rel_median",
    "unemployment_rate_reg",
    "emp_nonprivate_change_2010_2019",
    "migrants_other_prov",
    "migrants_other_prov_pct",
    "migrants_other_prov_pct_change",
    "migrants_other_county",
    "migrants_other_county_pct",
    "migrants_other_county_pct_change",
    "net_inmigration_est",
    "net_inmigration_est_pct",
    "sf2020_net_per10k",
    "sf2020_out_in_ratio",
    "sf2020_outflow_interprov_share",
    "gdp",
    "gdp_per_resident",
    "gdp_growth_nominal",
    "gdp_share_primary",
    "gdp_share_secondary",
    "gdp_share_tertiary",
}


def test_registry_import_gives_the_full_registry_in_a_fresh_interpreter():
    code = "from indicators.registry import REGISTRY; print(len(REGISTRY))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(out.stdout) == len(REGISTRY) >= len(REQUIRED) + 19


def test_registry_has_required_indicators_and_19_census_sectors():
    assert REQUIRED <= set(REGISTRY)
    census = {k for k in REGISTRY if k.startswith("census_emp_share_")}
    assert len(census) == 19 == len(CENSUS_SHARE_SECTORS)
    assert "census_emp_share_intl_orgs" not in REGISTRY


def test_every_entry_states_unit_source_years_and_labels():
    for ind in REGISTRY.values():
        for attr in ("label_zh", "label_en", "description_zh", "description_en", "unit_zh", "unit_en"):
            assert getattr(ind, attr).strip(), (ind.key, attr)
        assert ind.source_en.strip() and ind.source_zh.strip(), ind.key
        assert ".csv: " in ind.source_table or ".csv.gz: " in ind.source_table, ind.key
        assert ind.years and list(ind.years) == sorted(set(ind.years)), ind.key
        assert ind.aggregation in AGGREGATIONS, ind.key
        if ind.aggregation != "none" or ind.key.startswith("sf2020"):
            assert ind.aggregation_note.strip(), ind.key


def test_derived_indicators_state_their_formula():
    derived = {k for k in REGISTRY if k.endswith(("_pct", "_change", "_per100_resident", "_per100_hukou"))}
    derived |= {
        "urbanisation_rate",
        "gdp_per_resident",
        "gdp_growth_nominal",
        "unemployment_rate_reg",
        "avg_wage_rel_median",
        "sf2020_net_per10k",
        "net_inmigration_est",
    }
    derived |= {k for k in REGISTRY if k.startswith(("census_emp_share_", "gdp_share_"))}
    for key in derived:
        assert REGISTRY[key].formula.strip(), key


def test_signed_indicators_are_diverging():
    for key in (
        "net_inmigration_est",
        "net_inmigration_est_pct",
        "sf2020_net_per10k",
        "pop_change_2010_2020",
        "migrants_other_prov_pct_change",
        "emp_nonprivate_change_2010_2019",
        "gdp_growth_nominal",
    ):
        assert REGISTRY[key].diverging, key
    assert not REGISTRY["gdp"].diverging


def test_caveats_from_sources_are_carried():
    assert "mean of 2019 and 2021" in REGISTRY["net_inmigration_est"].caveat_en
    assert "5 %" in REGISTRY["gdp_share_secondary"].caveat_en
    assert "approximation" in REGISTRY["unemployment_rate_reg"].caveat_en
    assert "nominal" in REGISTRY["gdp_growth_nominal"].description_en


def test_every_indicator_has_a_recipe():
    assert set(RECIPES) == set(REGISTRY)


def test_get_indicator_unknown_key_lists_valid_keys():
    with pytest.raises(ValueError, match=r"unknown indicator 'nope'; valid keys: .*pop_resident"):
        get_indicator("nope")
    with pytest.raises(ValueError, match="unknown indicator"):
        get_indicator(None)


def test_registry_order_is_pop_resident_then_the_families_in_catalogue_order():
    keys = list(REGISTRY)
    assert keys[:3] == ["pop_resident", "urbanisation_rate", "pop_change_2010_2020"]
    order = ["population", "migrant", "employment", "economy", "sector"]
    families = [order.index(REGISTRY[k].family) for k in keys if REGISTRY[k].family != "population"]
    assert families == sorted(families) and keys[-1] == "lq_va_tertiary"


def test_every_entry_says_in_plain_words_what_higher_means():
    from indicators.registry import COUNTY_REGISTRY

    for registry in (REGISTRY, COUNTY_REGISTRY):
        for key, ind in registry.items():
            assert ind.higher_en and ind.higher_zh, f"{key}: no 'Higher = …' words"
            assert ind.higher_en[0].islower() or ind.higher_en[:2].isupper(), f"{key}: {ind.higher_en!r}"
    assert get_indicator("migrants_other_prov").higher_en == "more residents from other provinces"
    # a county entry of a prefecture key says the same as its prefecture entry
    assert COUNTY_REGISTRY["census_emp_share_manuf"].higher_zh == get_indicator("census_emp_share_manuf").higher_zh
    # a signed indicator says what below 0 means
    assert all("below 0" in ind.higher_en and "小于0" in ind.higher_zh for ind in REGISTRY.values() if ind.diverging)
