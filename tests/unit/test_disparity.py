"""Tests of ``indicators.disparity`` and of the province / macro-region grouping in ``indicators.regions``."""

from __future__ import annotations

import doctest
import itertools
import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from inequality.gini import Gini
from inequality.theil import Theil, TheilD

from indicators import disparity, regions
from indicators.disparity import (
    cv_weighted,
    describe_disparity,
    disparity_change,
    disparity_summary,
    gini,
    theil_decomposition,
    theil_t,
)
from indicators.regions import (
    PROVINCES,
    harmonise_adcodes,
    macro_region,
    macro_region_label,
    macro_regions,
    province_of,
)

# ---------------------------------------------------------------- regions


def test_macro_region_nbs_division_counts_10_6_12_3():
    counts = Counter(p.region for p in PROVINCES.values())
    assert counts == {"west": 12, "east": 10, "central": 6, "northeast": 3, None: 3}


@pytest.mark.parametrize(
    ("adcode", "expected"),
    [
        ("110000", "east"),
        ("460200", "east"),
        ("140100", "central"),
        ("429004", "central"),
        ("150200", "west"),
        ("500000", "west"),
        ("650100", "west"),
        ("210200", "northeast"),
        ("810000", None),
        ("710000", None),
    ],
)
def test_macro_region_of_units(adcode, expected):
    assert macro_region(adcode) == expected


def test_province_of_uses_the_two_digit_prefix():
    assert province_of("441900") == "440000"
    assert province_of(659001) == "650000"


def test_province_of_invalid_codes_raise():
    with pytest.raises(ValueError, match="6-digit"):
        province_of("4419")
    with pytest.raises(ValueError, match=r"no province prefix '99'; valid prefixes: \['11', "):
        province_of("990100")


def test_macro_region_label_zh_en_and_unknown_key():
    assert macro_region_label("central", "zh") == "中部地区"
    with pytest.raises(ValueError, match="valid keys"):
        macro_region_label("middle")
    with pytest.raises(ValueError, match="unknown language"):
        macro_region_label("east", "de")


def test_macro_regions_series_indexed_by_adcode():
    s = macro_regions(["310000", "820000"])
    assert s.index.tolist() == ["310000", "820000"] and s.tolist() == ["east", None]


def test_harmonise_adcodes_renames_sums_merges_and_drops_splits_with_warning():
    data = pd.DataFrame({"gdp": [10.0, 2.0, 1.0, 5.0, 7.0]}, index=["370100", "371200", "542400", "341400", "340100"])
    with pytest.warns(UserWarning, match=r"dropped split 2010 unit\(s\) \['341400'\]"):
        out = harmonise_adcodes(data)
    assert out["gdp"].to_dict() == {"340100": 7.0, "370100": 12.0, "540600": 1.0}


def test_harmonise_adcodes_keeps_nan_when_all_parts_missing():
    out = harmonise_adcodes(pd.Series({"370100": np.nan, "371200": np.nan, "652100": 3.0}))
    assert math.isnan(out["370100"]) and out["650400"] == 3.0


# ---------------------------------------------------------------- Gini


def test_gini_hand_computed_example():
    # Sum over all 16 ordered pairs of |xi - xj| = 20; 20 / (2 * 16 * 2.5) = 0.25.
    assert gini([1, 2, 3, 4]) == pytest.approx(0.25)


def test_gini_equal_values_is_zero_and_one_holder_is_one_minus_one_over_n():
    assert gini([5, 5, 5]) == pytest.approx(0.0)
    assert gini([0, 0, 0, 8]) == pytest.approx(0.75)


def test_gini_weighted_equals_gini_of_replicated_values():
    replicated = float(Gini(np.array([1, 1, 4, 2, 2, 2.0])).g)
    assert gini([1.0, 4.0, 2.0], weights=[2, 1, 3]) == pytest.approx(replicated)


def test_gini_weighted_matches_brute_force_pairs():
    x, w = np.array([3.0, 1.0, 7.0, 7.0, 2.0]), np.array([0.5, 2.0, 1.0, 0.25, 3.0])
    units = list(zip(x, w, strict=True))
    pairs = sum(wi * wj * abs(xi - xj) for (xi, wi), (xj, wj) in itertools.product(units, repeat=2))
    mean = (w * x).sum() / w.sum()
    assert gini(x, w) == pytest.approx(pairs / (2 * w.sum() ** 2 * mean))


def test_gini_equal_weights_equals_unweighted():
    x = [2.0, 9.0, 4.0, 4.0, 1.0]
    assert gini(x, [3.0] * 5) == pytest.approx(gini(x))


def test_gini_zero_total_warns_and_returns_nan():
    with pytest.warns(UserWarning, match="zero total"):
        assert math.isnan(gini([0.0, 0.0]))


def test_gini_rejects_negative_values_and_nan():
    with pytest.raises(ValueError, match="non-negative"):
        gini([1.0, -1.0])
    with pytest.raises(ValueError, match="NaN"):
        gini([1.0, np.nan])


# ---------------------------------------------------------------- Theil


def test_theil_t_unweighted_matches_inequality_theil():
    x = np.array([1.0, 2.0, 3.0, 10.0, 0.5])
    assert theil_t(x) == pytest.approx(float(Theil(x).T), abs=1e-12)


def test_theil_t_population_weighted_is_income_share_against_population_share():
    gdp, pop = np.array([100.0, 300.0, 600.0]), np.array([50.0, 30.0, 20.0])
    y, n = gdp / gdp.sum(), pop / pop.sum()
    assert theil_t(gdp / pop, pop) == pytest.approx(float((y * np.log(y / n)).sum()))


def test_theil_t_hand_checked():
    # mean 2; x/mean = .5 .5 2: (1/3)(2 * .5 ln .5 + 2 ln 2) = (1/3) ln 2.
    assert theil_t([1.0, 1.0, 4.0]) == pytest.approx(math.log(2) / 3)


def test_theil_decomposition_between_plus_within_equals_total():
    rng = np.random.default_rng(7)
    x, w = rng.lognormal(10, 0.6, 60), rng.integers(10, 1000, 60).astype(float)
    groups = rng.choice(list("abcde"), 60)
    d = theil_decomposition(x, groups, w)
    assert d["between"] + d["within"] == pytest.approx(d["total"], abs=1e-9)
    assert d["total"] == pytest.approx(theil_t(x, w), abs=1e-12)
    assert d["n_groups"] == 5


def test_theil_decomposition_unweighted_matches_inequality_theild():
    x = np.array([1.0, 2.0, 3.0, 10.0, 4.0, 6.0, 0.5])
    groups = np.array(["a", "a", "b", "b", "b", "c", "c"])
    ours, ref = theil_decomposition(x, groups), TheilD(x, groups)
    assert ours["between"] == pytest.approx(float(np.squeeze(ref.bg)), abs=1e-12)
    assert ours["within"] == pytest.approx(float(np.squeeze(ref.wg)), abs=1e-12)


def test_theil_decomposition_hand_checked_groups_equal_inside():
    # Groups a = {1, 1}, b = {4, 4}: no within inequality, all between: (1/4)(2*.4 ln .4 + 2*1.6 ln 1.6).
    d = theil_decomposition([1.0, 1.0, 4.0, 4.0], ["a", "a", "b", "b"])
    expected = 0.25 * (2 * 0.4 * math.log(0.4) + 2 * 1.6 * math.log(1.6))
    assert d["within"] == pytest.approx(0.0, abs=1e-15)
    assert d["between"] == pytest.approx(expected)


def test_theil_decomposition_rejects_missing_group_labels():
    with pytest.raises(ValueError, match="missing labels"):
        theil_decomposition([1.0, 2.0], ["a", None])


# ---------------------------------------------------------------- Williamson CV


def test_cv_weighted_hand_checked():
    # mean (3*1 + 1*3)/4 = 1.5; variance (3*.25 + 1*2.25)/4 = .75; sqrt(.75)/1.5 = .57735.
    assert cv_weighted([1.0, 3.0], [3, 1]) == pytest.approx(math.sqrt(0.75) / 1.5)
    assert cv_weighted([2.0, 2.0], [1, 5]) == 0.0


# ---------------------------------------------------------------- summary, change, sentence


@pytest.fixture
def values() -> pd.Series:
    return pd.Series(
        {
            "110000": 10.0,
            "120000": 8.0,  # east, own provinces
            "130100": 6.0,
            "130200": 4.0,  # Hebei, east
            "410100": 5.0,
            "410200": 3.0,  # Henan, central
            "510100": 4.0,
            "510300": 2.0,  # Sichuan, west
            "520100": np.nan,  # no data
            "810000": 20.0,  # Hong Kong: no macro-region
        }
    )


@pytest.fixture
def population() -> pd.Series:
    return pd.Series(
        {
            "110000": 20.0,
            "120000": 10.0,
            "130100": 10.0,
            "130200": 8.0,
            "410100": 12.0,
            "410200": 5.0,
            "510100": 20.0,
            "510300": 3.0,
            "520100": 6.0,
            "810000": 7.0,
        }
    )


def test_disparity_summary_drops_nan_and_unassigned_units_and_counts_them(values, population):
    s = disparity_summary(values, population)
    assert (s["n"], s["n_dropped"], s["weighted"]) == (8, 2, True)
    keep = values.drop(["520100", "810000"])
    assert s["gini"] == pytest.approx(gini(keep, population[keep.index]))
    assert s["theil"] == pytest.approx(theil_t(keep, population[keep.index]))


def test_disparity_summary_decompositions_add_up(values, population):
    s = disparity_summary(values, population)
    for level in ("province", "region"):
        assert s[f"theil_between_{level}"] + s[f"theil_within_{level}"] == pytest.approx(s["theil"], abs=1e-9)
    assert s["share_between_province"] == pytest.approx(s["theil_between_province"] / s["theil"])
    # Coarser groups explain less: macro-regions nest provinces.
    assert s["theil_between_region"] <= s["theil_between_province"] + 1e-12


def test_disparity_summary_uses_supplied_groups(values):
    keep = values.drop(["520100", "810000"])
    groups = pd.Series("one", index=keep.index)
    s = disparity_summary(keep, province=groups, region=groups)
    assert s["theil_between_province"] == pytest.approx(0.0, abs=1e-15)
    assert s["share_between_region"] == pytest.approx(0.0, abs=1e-12)


def test_disparity_summary_fewer_than_three_units_warns_and_returns_nan():
    with pytest.warns(UserWarning, match="2 usable unit"):
        s = disparity_summary(pd.Series({"110000": 1.0, "120000": 2.0, "130100": np.nan}))
    assert math.isnan(s["gini"]) and math.isnan(s["theil_within_region"])
    assert (s["n"], s["n_dropped"]) == (2, 1)


def test_disparity_summary_drops_units_without_population(values, population):
    population = population.drop("110000")
    assert disparity_summary(values, population)["n"] == 7


def test_disparity_change_reports_difference_and_percent():
    a = {"gini": 0.4, "theil": 0.2, "n": 300}
    b = {"gini": 0.3, "theil": 0.0, "n": 310}
    out = disparity_change(a, b)
    assert out.loc["gini", "change"] == pytest.approx(-0.1)
    assert out.loc["gini", "pct_change"] == pytest.approx(-25.0)
    assert out.loc["theil", "pct_change"] == pytest.approx(-100.0)
    assert "n" not in out.index


def test_describe_disparity_english_and_chinese():
    s = {"share_between_province": 0.596, "gini": 0.284, "n": 323, "weighted": True}
    en = describe_disparity(s, "GDP per resident")
    assert en == (
        "Across 323 units, 60 % of the inequality in GDP per resident lies between provinces "
        "and 40 % within them (Theil T, population-weighted; Gini 0.28)."
    )
    zh = describe_disparity({**s, "weighted": False}, "人均GDP", lang="zh")
    assert zh.startswith("在323个地区中，人均GDP的不平等有60%来自省际差异、40%来自省内差异")
    assert "各地区等权" in zh


def test_describe_disparity_without_data_says_so():
    s = {"share_between_province": math.nan, "n": 2}
    assert describe_disparity(s, "wages") == "Too few units with data (2) to describe inequality in wages."


def test_disparity_and_regions_docstring_examples_run():
    for module in (disparity, regions):
        result = doctest.testmod(module)
        assert result.attempted > 3 and result.failed == 0
