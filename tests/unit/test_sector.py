"""Tests of ``indicators.sector``: location quotients, shift-share, quadrants, potential, specialisation.

Every expected number is worked out by hand in the comment next to it.
"""

from __future__ import annotations

import doctest
import math

import numpy as np
import pandas as pd
import pytest

from indicators import sector
from indicators.sector import (
    ANALYSIS_SECTORS,
    POTENTIAL_SECTORS,
    SECTORS,
    census_national_totals,
    census_sector_matrix,
    get_sector,
    herfindahl_index,
    krugman_specialisation_index,
    location_quotient,
    three_sector_matrix,
)
from indicators.sector_change import (
    lq_growth_quadrant,
    potential_sectors,
    sector_growth,
    sector_potential_score,
    shift_share,
    shift_share_by_unit,
)


def frame(rows: dict[str, list[float]], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame.from_dict(rows, orient="index", columns=columns).rename_axis("adcode")


@pytest.fixture
def emp() -> pd.DataFrame:
    # Nation: manuf 40, ict 20, agri 40 -> shares .4 .2 .4 of E = 100.
    return frame(
        {"110000": [10.0, 10.0, 0.0], "130100": [20.0, 5.0, 25.0], "130200": [10.0, 5.0, 15.0]},
        ["manuf", "ict", "agri"],
    )


@pytest.fixture
def census_rows() -> pd.DataFrame:
    """A miniature census table: 2 provinces' rows plus their map units, two years."""
    cols = [
        "adcode",
        "year",
        "unit_type",
        "emp_sample_total_persons",
        "emp_sample_manuf_persons",
        "emp_sample_ict_persons",
        "emp_sample_intl_orgs_persons",
    ]
    rows = [
        ("110000", 2020, "municipality", 30.0, 10.0, 20.0, None),
        ("130000", 2020, "province", 70.0, 60.0, 9.0, 1.0),
        ("130100", 2020, "prefecture", 40.0, 35.0, None, None),
        ("130200", 2020, "prefecture", 30.0, 25.0, 4.0, 1.0),
        ("460300", 2020, "prefecture", None, None, None, None),
        ("110000", 2010, "municipality", 20.0, 10.0, 10.0, None),
    ]
    return pd.DataFrame(rows, columns=cols)


# ---------------------------------------------------------------- registry and loading


def test_sectors_registry_has_20_sections_and_19_analysis_sectors():
    assert len(SECTORS) == 20
    assert [s.section for s in SECTORS.values()] == list("ABCDEFGHIJKLMNOPQRST")
    assert "intl_orgs" not in ANALYSIS_SECTORS and len(ANALYSIS_SECTORS) == 19
    assert set(POTENTIAL_SECTORS) == set(ANALYSIS_SECTORS) - {"agri", "public_admin_social_orgs"}


def test_get_sector_gb_t_4754_names():
    assert get_sector("manuf").label_zh == "制造业"
    assert get_sector("ict").label("en") == "Information transmission, software & IT services"
    assert get_sector("ict").label_zh_2002 == "信息传输、计算机服务和软件业"


def test_get_sector_unknown_key_raises_listing_valid_keys():
    with pytest.raises(ValueError, match=r"unknown sector 'it'; valid keys: \[.*'ict'.*\]"):
        get_sector("it")


def test_census_sector_matrix_reads_blanks_as_zero_and_drops_rows_without_total(census_rows):
    m = census_sector_matrix(census_rows, 2020, sectors=["manuf", "ict"])
    assert list(m.index) == ["110000", "130100", "130200"]  # 460300 has no total; 130000 is a province
    assert m.loc["130100", "ict"] == 0.0
    assert m.loc["130200"].tolist() == [25.0, 4.0]


def test_census_sector_matrix_unknown_year_and_unit_type_raise(census_rows):
    with pytest.raises(ValueError, match=r"valid years: \[2010, 2020\]"):
        census_sector_matrix(census_rows, 2015)
    with pytest.raises(ValueError, match="unknown unit type"):
        census_sector_matrix(census_rows, 2020, unit_types=("county",))


def test_census_national_totals_sums_province_and_municipality_rows_and_warns_if_not_31(census_rows):
    with pytest.warns(UserWarning, match="expected 31 province-level rows in 2020, found 2"):
        nation = census_national_totals(census_rows, 2020, sectors=["manuf", "ict"])
    assert nation.to_dict() == {"manuf": 70.0, "ict": 29.0}  # 10 + 60, 20 + 9


def test_three_sector_matrix_groups_sections():
    m = frame({"A": [5.0, 3.0, 1.0, 2.0, 4.0]}, ["agri", "manuf", "construction", "ict", "education"])
    assert three_sector_matrix(m).loc["A"].tolist() == [5.0, 4.0, 6.0]


# ---------------------------------------------------------------- location quotients


def test_location_quotient_hand_checked(emp):
    lq = location_quotient(emp)
    # 110000: manuf share 10/20 = .5 vs .4 -> 1.25; ict .5 / .2 = 2.5; agri 0.
    assert lq.loc["110000"].tolist() == pytest.approx([1.25, 2.5, 0.0])
    # 130100: manuf 20/50 = .4 -> 1.0; ict .1 / .2 = .5; agri .5 / .4 = 1.25.
    assert lq.loc["130100"].tolist() == pytest.approx([1.0, 0.5, 1.25])


def test_location_quotient_of_the_nation_row_against_itself_is_one(emp):
    nation = emp.sum().to_frame("000000").T
    lq = location_quotient(nation, reference_totals=emp.sum())
    assert lq.loc["000000"].tolist() == pytest.approx([1.0, 1.0, 1.0])


def test_location_quotient_employment_weighted_mean_over_units_is_one(emp):
    lq = location_quotient(emp)
    weights = emp.sum(axis=1) / emp.to_numpy().sum()
    assert (lq.mul(weights, axis=0).sum()).tolist() == pytest.approx([1.0, 1.0, 1.0])


def test_location_quotient_uses_supplied_national_totals(emp):
    nation = pd.Series({"manuf": 50.0, "ict": 25.0, "agri": 25.0})  # shares .5 .25 .25
    lq = location_quotient(emp, reference_totals=nation)
    assert lq.loc["110000"].tolist() == pytest.approx([1.0, 2.0, 0.0])  # .5/.5, .5/.25


def test_location_quotient_against_province_sums(emp):
    lq = location_quotient(emp, reference="province")
    # Hebei (130100 + 130200): manuf 30, ict 10, agri 40 of 80. 130200: manuf 10/30 vs 30/80 -> 0.8889.
    assert lq.loc["130200", "manuf"] == pytest.approx((10 / 30) / (30 / 80))
    assert lq.loc["110000", ["manuf", "ict"]].tolist() == [1.0, 1.0]  # a municipality is its province
    assert math.isnan(lq.loc["110000", "agri"])  # Beijing's reference has no agri


def test_location_quotient_against_supplied_province_rows(emp):
    provinces = frame({"110000": [10.0, 10.0, 0.0], "130000": [10.0, 10.0, 80.0]}, ["manuf", "ict", "agri"])
    lq = location_quotient(emp, reference="province", reference_totals=provinces)
    assert lq.loc["130100", "manuf"] == pytest.approx(0.4 / 0.1)


def test_location_quotient_unknown_reference_raises_listing_valid(emp):
    with pytest.raises(ValueError, match=r"valid: \['nation', 'province'\]"):
        location_quotient(emp, reference="region")


def test_location_quotient_negative_counts_raise(emp):
    emp.loc["110000", "ict"] = -1.0
    with pytest.raises(ValueError, match="negative"):
        location_quotient(emp)


def test_location_quotient_missing_value_warns_and_gives_nan_row(emp):
    emp.loc["130200", "ict"] = np.nan
    with pytest.warns(UserWarning, match="missing sector values"):
        lq = location_quotient(emp, reference_totals=pd.Series({"manuf": 1.0, "ict": 1.0, "agri": 1.0}))
    assert lq.loc["130200"].isna().all()
    assert lq.loc["130100"].notna().all()


def test_location_quotient_unit_without_employment_is_nan(emp):
    emp.loc["130200"] = 0.0
    assert location_quotient(emp).loc["130200"].isna().all()


# ---------------------------------------------------------------- growth and shift-share


@pytest.fixture
def base() -> pd.DataFrame:
    return frame({"A": [10.0, 10.0], "B": [30.0, 0.0]}, ["manuf", "ict"])


@pytest.fixture
def end() -> pd.DataFrame:
    return frame({"A": [10.0, 20.0], "B": [30.0, 10.0]}, ["manuf", "ict"])


def test_shift_share_components_sum_to_total_change_for_every_unit_and_sector():
    rng = np.random.default_rng(4)
    b = pd.DataFrame(rng.integers(0, 500, (12, 5)).astype(float), columns=list("vwxyz"))
    e = pd.DataFrame(rng.integers(0, 500, (12, 5)).astype(float), columns=list("vwxyz"))
    b.iloc[0, 0] = 0.0  # a sector new to a unit
    ss = shift_share(b, e)
    assert len(ss) == 60
    parts = ss["national"] + ss["mix"] + ss["competitive"]
    np.testing.assert_allclose(parts, ss["end"] - ss["base"], rtol=0, atol=1e-9)
    np.testing.assert_allclose(ss["total"], ss["end"] - ss["base"], rtol=0, atol=0)


def test_shift_share_hand_checked(base, end):
    ss = shift_share(base, end).set_index(["adcode", "sector"])
    # Nation 50 -> 70: G = .4. manuf 40 -> 40: G_m = 0; ict 10 -> 30: G_i = 2.
    assert list(ss.columns) == ["base", "end", "national", "mix", "competitive", "total"]
    # A, ict: NS = 10 * .4 = 4; IM = 10 * (2 - .4) = 16; CS = 10 * (1 - 2) = -10; total 10.
    assert ss.loc[("A", "ict"), ["national", "mix", "competitive", "total"]].tolist() == pytest.approx(
        [4.0, 16.0, -10.0, 10.0]
    )
    # B, manuf: NS = 12; IM = 30 * (0 - .4) = -12; CS = 30 * (0 - 0) = 0.
    assert ss.loc[("B", "manuf"), ["national", "mix", "competitive"]].tolist() == pytest.approx([12.0, -12.0, 0.0])
    # B, ict is new: only the competitive term, = e1 = 10.
    assert ss.loc[("B", "ict"), ["national", "mix", "competitive"]].tolist() == [0.0, 0.0, 10.0]


def test_shift_share_uses_supplied_national_totals(base, end):
    ss = shift_share(
        base,
        end,
        national_base=pd.Series({"manuf": 100.0, "ict": 100.0}),
        national_end=pd.Series({"manuf": 150.0, "ict": 150.0}),
    )
    row = ss.set_index(["adcode", "sector"]).loc[("A", "manuf")]
    # G = G_m = .5: NS = 5, IM = 0, CS = 10 - 10 * 1.5 = -5.
    assert [row.national, row.mix, row.competitive] == pytest.approx([5.0, 0.0, -5.0])


def test_shift_share_on_sample_counts_scales_mix_and_competitive_by_end_fraction(base, end):
    full = shift_share(base, end).set_index(["adcode", "sector"])
    sample = shift_share(base * 0.10, end * 0.08).set_index(["adcode", "sector"])
    np.testing.assert_allclose(sample["mix"], 0.08 * full["mix"], atol=1e-12)
    np.testing.assert_allclose(sample["competitive"], 0.08 * full["competitive"], atol=1e-12)
    # ... while the national component absorbs the change of fraction: it is not 0.08 * full.
    assert not np.allclose(sample["national"], 0.08 * full["national"])


def test_shift_share_units_in_only_one_year_warn_and_are_left_out(base, end):
    end.loc["C"] = [5.0, 5.0]
    with pytest.warns(UserWarning, match=r"only one of base/end .*\['C'\]"):
        ss = shift_share(base, end)
    assert set(ss.adcode) == {"A", "B"}


def test_shift_share_by_unit_expresses_components_as_percent_of_base(base, end):
    by_unit = shift_share_by_unit(shift_share(base, end))
    # A: base 20; competitive 0 (manuf) + -10 (ict) = -10 -> -50 %.
    assert by_unit.loc["A", "competitive_pct_of_base"] == pytest.approx(-50.0)
    assert by_unit.loc["A", "total"] == 10.0


def test_sector_growth_local_and_national(base, end):
    g = sector_growth(base, end)
    assert g.local.loc["A"].tolist() == pytest.approx([0.0, 1.0])
    assert math.isnan(g.local.loc["B", "ict"])  # no base employment
    assert g.national.tolist() == pytest.approx([0.0, 2.0])


# ---------------------------------------------------------------- quadrants


def test_lq_growth_quadrant_labels_tiny_frame():
    lq = frame({"A": [1.5, 0.5], "B": [1.0, np.nan], "C": [0.99, 2.0]}, ["manuf", "ict"])
    growth = frame({"A": [0.3, 0.3], "B": [0.1, 0.9], "C": [0.1, 0.5]}, ["manuf", "ict"])
    national = pd.Series({"manuf": 0.1, "ict": 0.5})
    q = lq_growth_quadrant(lq, growth, national)
    assert q.loc["A"].tolist() == ["specialised_growing", "weak"]  # ict .3 < .5
    # LQ exactly 1 is specialised; growth equal to the nation's is not faster.
    assert q.loc["B", "manuf"] == "specialised_declining"
    assert q.loc["B", "ict"] is None
    assert q.loc["C"].tolist() == ["weak", "specialised_declining"]


def test_lq_growth_quadrant_series_with_scalar_national_growth():
    q = lq_growth_quadrant(pd.Series({"A": 0.5, "B": 3.0}), pd.Series({"A": 0.4, "B": np.nan}), 0.2)
    assert q.tolist() == ["emerging", None]


# ---------------------------------------------------------------- potential


@pytest.fixture
def potential_base() -> pd.DataFrame:
    # Three units, three non-farm sectors, equal structure in the base year: all LQs 1.
    return frame(
        {"A": [100.0, 100.0, 100.0], "B": [100.0, 100.0, 100.0], "C": [100.0, 100.0, 100.0]},
        ["manuf", "ict", "finance"],
    )


def test_potential_sectors_need_specialisation_and_share_gain_and_growth(potential_base):
    end = frame(
        {
            "A": [300.0, 100.0, 100.0],  # manuf boom
            "B": [100.0, 200.0, 100.0],  # ict grows
            "C": [20.0, 100.0, 100.0],
        },  # factories close: ict & finance shares rise
        ["manuf", "ict", "finance"],
    )
    # Nation end: manuf 420, ict 400, finance 300 of 1120; G_manuf = .4, G_ict = 1/3, G_fin = 0.
    flags = potential_sectors(potential_base, end, sectors=["manuf", "ict", "finance"])
    # A manuf: LQ (300/500)/(420/1120) = 1.6, up from 1, grew 200 % > 40 %.
    assert flags.loc["A"].tolist() == [True, False, False]
    # B ict: LQ (200/400)/(400/1120) = 1.4, grew 100 % > 33 %. B finance: LQ .93 < 1.
    assert flags.loc["B"].tolist() == [False, True, False]
    # C: ict LQ (100/220)/(400/1120) = 1.27 and finance (100/220)/(300/1120) = 1.70 both rose from 1,
    # but neither grew faster than the nation (0 % vs 33 % and 0 %): 'both' rejects them, while
    # 'share' alone accepts them (the shrinking-economy artefact).
    assert flags.loc["C"].tolist() == [False, False, False]
    share_only = potential_sectors(potential_base, end, sectors=["manuf", "ict", "finance"], criterion="share")
    assert share_only.loc["C"].tolist() == [False, True, True]
    growth_only = potential_sectors(potential_base, end, sectors=["manuf", "ict", "finance"], criterion="growth")
    assert growth_only.loc["C"].tolist() == [False, False, False]
    assert growth_only.loc["A"].tolist() == [True, False, False]


def test_potential_sectors_min_count_excludes_small_sectors(potential_base):
    end = frame(
        {"A": [300.0, 100.0, 100.0], "B": [100.0, 200.0, 100.0], "C": [20.0, 100.0, 100.0]}, ["manuf", "ict", "finance"]
    )
    flags = potential_sectors(potential_base, end, sectors=["manuf", "ict", "finance"], min_count=250)
    assert flags.loc["A", "manuf"] is True  # 300 >= 250
    assert flags.loc["B", "ict"] is False  # 200 < 250


def test_potential_sectors_unknown_criterion_raises(potential_base):
    with pytest.raises(ValueError, match=r"valid: \['both', 'growth', 'share'\]"):
        potential_sectors(potential_base, potential_base, sectors=["manuf"], criterion="fast")


def test_sector_potential_score_counts_and_weights_potential_sectors(potential_base):
    end = frame(
        {"A": [300.0, 100.0, 100.0], "B": [100.0, 200.0, 100.0], "C": [20.0, 100.0, 100.0]}, ["manuf", "ict", "finance"]
    )
    sectors = ["manuf", "ict", "finance"]
    assert sector_potential_score(potential_base, end, sectors=sectors).tolist() == [1.0, 1.0, 0.0]
    share = sector_potential_score(potential_base, end, sectors=sectors, method="employment_share")
    assert share.tolist() == pytest.approx([60.0, 50.0, 0.0])  # 300/500, 200/400


def test_sector_potential_score_ignores_agriculture_by_default():
    cols = list(ANALYSIS_SECTORS)
    base = pd.DataFrame(100.0, index=["A", "B"], columns=cols)
    end = base.copy()
    end.loc["A", "agri"] = 1000.0  # a farm boom is not a potential
    end.loc["B", "agri"] = 10.0
    end.loc["B", "manuf"] = 300.0
    score = sector_potential_score(base, end)
    # B manuf: within the 17 sectors, share 300/1900 vs nation 400/3600 -> LQ 1.42, grew 200 % vs 100 %.
    assert score.to_dict() == {"A": 0.0, "B": 1.0}


def test_sector_potential_score_unit_missing_from_base_is_nan_with_warning(potential_base):
    end = potential_base.copy()
    end.loc["D"] = [10.0, 10.0, 10.0]
    with pytest.warns(UserWarning, match=r"missing from base get NaN: \['D'\]"):
        score = sector_potential_score(potential_base, end, sectors=["manuf", "ict", "finance"])
    assert math.isnan(score["D"]) and score["A"] == 0.0


def test_sector_potential_score_unknown_method_raises(potential_base):
    with pytest.raises(ValueError, match=r"valid: \['count', 'employment_share'\]"):
        sector_potential_score(potential_base, potential_base, method="mean")


# ---------------------------------------------------------------- specialisation indices


def test_krugman_specialisation_index_hand_checked():
    m = frame({"X": [6.0, 2.0, 2.0], "Y": [2.0, 4.0, 4.0]}, ["a", "b", "c"])
    # Nation 8, 6, 6 of 20 -> .4 .3 .3. X: |.6-.4| + |.2-.3| + |.2-.3| = .4. Y: .2 + .1 + .1 = .4.
    assert krugman_specialisation_index(m).tolist() == pytest.approx([0.4, 0.4])
    # Against a supplied nation with the same shares as Y: Y scores 0, X 2 * .4 = .8.
    ref = pd.Series({"a": 1.0, "b": 2.0, "c": 2.0})
    assert krugman_specialisation_index(m, ref).tolist() == pytest.approx([0.8, 0.0])


def test_herfindahl_index_hand_checked():
    m = frame({"X": [6.0, 2.0, 2.0], "Y": [1.0, 1.0, 1.0], "Z": [5.0, 0.0, 0.0]}, ["a", "b", "c"])
    # X: .36 + .04 + .04 = .44; Y: 3 * (1/9) = 1/3; Z: 1.
    assert herfindahl_index(m).tolist() == pytest.approx([0.44, 1 / 3, 1.0])


def test_sector_module_docstring_examples_run():
    result = doctest.testmod(sector, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 10 and result.failed == 0
