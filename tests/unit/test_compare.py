"""Comparison analytics (indicators.compare) on tiny inline frames with hand-checked numbers."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from indicators.compare import (
    closest_year,
    extremes,
    national_rank,
    order_by_value,
    peer_distances,
    percentile_rank,
    provincial_rank,
    ranking_table,
    sector_quadrant,
    top_n,
    unit_profile,
    zscores,
)

# --------------------------------------------------------------------------------------------------
# Fixtures: five units in province P, two in Q
# --------------------------------------------------------------------------------------------------


@pytest.fixture
def values() -> pd.Series:
    return pd.Series({"p1": 10.0, "p2": 40.0, "p3": 30.0, "p4": 20.0, "p5": 50.0, "q1": 25.0, "q2": None})


@pytest.fixture
def province() -> pd.Series:
    return pd.Series({"p1": "P", "p2": "P", "p3": "P", "p4": "P", "p5": "P", "q1": "Q", "q2": "Q"})


# --------------------------------------------------------------------------------------------------
# Percentiles and ranks
# --------------------------------------------------------------------------------------------------


def test_percentile_rank_is_the_share_of_units_at_or_below(values):
    pct = percentile_rank(values)
    # six units with a value: 10 20 25 30 40 50 -> p1 is 1/6, q1 3/6, p5 6/6
    assert pct["p1"] == pytest.approx(100 / 6)
    assert pct["q1"] == pytest.approx(50.0)
    assert pct["p5"] == pytest.approx(100.0)
    assert math.isnan(pct["q2"])


def test_percentile_rank_ties_share_the_higher_percentile():
    pct = percentile_rank(pd.Series({"a": 1.0, "b": 2.0, "c": 2.0, "d": 3.0}))
    assert pct.tolist() == [25.0, 75.0, 75.0, 100.0]


def test_national_rank_puts_the_highest_first_and_leaves_missing_unranked(values):
    rank = national_rank(values)
    assert rank["p5"] == 1 and rank["p2"] == 2 and rank["p1"] == 6
    assert rank["q2"] is pd.NA


def test_provincial_rank_gives_3_of_5(values, province):
    pr = provincial_rank(values, province)
    # province P: 50 (p5), 40 (p2), 30 (p3), 20 (p4), 10 (p1)
    assert (pr.loc["p3", "rank"], pr.loc["p3", "n"]) == (3, 5)
    assert (pr.loc["p1", "rank"], pr.loc["p1", "n"]) == (5, 5)
    # province Q: only q1 has a value; q2 has no rank, but the count is still given
    assert (pr.loc["q1", "rank"], pr.loc["q1", "n"]) == (1, 1)
    assert pr.loc["q2", "rank"] is pd.NA and pr.loc["q2", "n"] == 1


def test_ranking_table_sorts_missing_to_the_bottom(values, province):
    table = ranking_table(values, province)
    assert table["adcode"].tolist() == ["p5", "p2", "p3", "q1", "p4", "p1", "q2"]
    last = table.iloc[-1]
    assert last["adcode"] == "q2" and math.isnan(last["value"]) and last["rank"] is pd.NA
    assert table.set_index("adcode").loc["p3", ["rank", "prov_rank", "prov_n"]].tolist() == [3, 3, 5]


# --------------------------------------------------------------------------------------------------
# Top-N and extremes
# --------------------------------------------------------------------------------------------------


def test_order_by_value_drops_duplicates_and_keeps_missing_last(values):
    assert order_by_value(values, ["q2", "p1", "p5", "p1", "zz"]) == ["p5", "p1", "q2", "zz"]


def test_top_n_keeps_the_highest_and_counts_the_others():
    vals = pd.Series({f"u{i:02d}": float(i) for i in range(20)})
    codes = [*vals.index, "nodata"]
    split = top_n(vals, codes, n=15)
    assert split.shown == [f"u{i:02d}" for i in range(19, 4, -1)]
    assert split.others == ["u04", "u03", "u02", "u01", "u00", "nodata"]
    assert len(split.shown) + len(split.others) == 21


def test_top_n_of_a_small_selection_shows_everything():
    split = top_n(pd.Series({"a": 1.0, "b": 2.0}), ["a", "b", "c"], n=15)
    assert split.shown == ["b", "a", "c"] and split.others == []


def test_top_n_rejects_n_below_one():
    with pytest.raises(ValueError, match="at least 1"):
        top_n(pd.Series(dtype=float), ["a"], n=0)


def test_extremes_gives_ten_highest_and_ten_lowest_without_missing():
    vals = pd.Series({f"u{i:02d}": float(i) for i in range(25)} | {"gap": None})
    split = extremes(vals)
    assert split.shown == [f"u{i:02d}" for i in range(24, 14, -1)]
    assert split.others == [f"u{i:02d}" for i in range(9, -1, -1)]


def test_extremes_do_not_overlap_when_few_units_have_values():
    vals = pd.Series({f"u{i:02d}": float(i) for i in range(13)})
    split = extremes(vals)
    assert len(split.shown) == 10 and split.others == ["u02", "u01", "u00"]


def test_closest_year_prefers_the_earlier_year_on_a_tie():
    assert closest_year((2010, 2020), 2015) == 2010
    assert closest_year((2000, 2010, 2020), 2018) == 2020
    with pytest.raises(ValueError):
        closest_year((), 2020)


# --------------------------------------------------------------------------------------------------
# Peers
# --------------------------------------------------------------------------------------------------


def test_zscores_use_the_population_sd_of_the_units_with_a_value():
    z = zscores(pd.DataFrame({"x": [1.0, 3.0, 1.0, 3.0, None], "k": [5.0] * 5}, index=list("ABCDE")))
    assert z["x"].tolist()[:4] == [-1.0, 1.0, -1.0, 1.0] and math.isnan(z.loc["E", "x"])
    assert z["k"].isna().all()  # no spread


@pytest.fixture
def peer_frame() -> pd.DataFrame:
    # x: mean 2, population sd 1 -> z = -1, 1, -1, 1; y: mean 2, sd 2 -> z = -1, -1, 1, 1
    return pd.DataFrame({"x": [1.0, 3.0, 1.0, 3.0], "y": [0.0, 0.0, 4.0, 4.0]}, index=list("ABCD"))


def test_peer_distances_are_euclidean_on_z_scores(peer_frame):
    result = peer_distances(peer_frame, "A", n=3)
    assert result.table.index.tolist() == ["B", "C", "D"]  # B and C tie at 2: adcode order
    np.testing.assert_allclose(result.table["distance"], [2.0, 2.0, math.sqrt(8)])
    assert result.n_compared == 3 and result.excluded == [] and result.dropped == []


def test_peer_distances_limit_to_n(peer_frame):
    assert peer_distances(peer_frame, "D", n=1).table.index.tolist() == ["B"]  # B (1,-1) vs C (-1,1): tie -> B


def test_peer_distances_exclude_and_count_units_missing_an_indicator(peer_frame):
    frame = pd.concat([peer_frame, pd.DataFrame({"x": [2.0], "y": [None]}, index=["E"])])
    result = peer_distances(frame, "A", n=5)
    assert result.excluded == ["E"] and "E" not in result.table.index and result.n_compared == 3
    # E's x still counts in the z-scores: x = 1 3 1 3 2, mean 2, sd sqrt(0.8); y unchanged (sd 2)
    d = result.table["distance"]
    assert d["C"] == pytest.approx(2.0)
    assert d["B"] == pytest.approx(2 / math.sqrt(0.8))  # 2.236
    assert d["D"] == pytest.approx(3.0)  # sqrt(5 + 4)


def test_peer_distances_refuse_a_target_without_values(peer_frame):
    frame = peer_frame.copy()
    frame.loc["A", "y"] = None
    with pytest.raises(ValueError, match=r"no value of \['y'\]"):
        peer_distances(frame, "A")
    with pytest.raises(ValueError, match="not among"):
        peer_distances(peer_frame, "Z")
    with pytest.raises(ValueError, match="no indicators"):
        peer_distances(peer_frame[[]], "A")


def test_peer_distances_drop_an_indicator_without_spread_with_a_warning(peer_frame):
    frame = peer_frame.assign(k=7.0)
    with pytest.warns(UserWarning, match="without spread"):
        result = peer_distances(frame, "A", n=3)
    assert result.dropped == ["k"]
    np.testing.assert_allclose(result.table["distance"], [2.0, 2.0, math.sqrt(8)])


# --------------------------------------------------------------------------------------------------
# Unit profile
# --------------------------------------------------------------------------------------------------


@pytest.fixture
def store_frame() -> pd.DataFrame:
    rows = [
        # indicator x: 2010 for all; 2020 missing for a (its latest is 2010)
        ("a", 2010, "x", 4.0),
        ("b", 2010, "x", 2.0),
        ("c", 2010, "x", 6.0),
        ("d", 2010, "x", 8.0),
        ("a", 2020, "x", None),
        ("b", 2020, "x", 3.0),
        ("c", 2020, "x", 1.0),
        ("d", 2020, "x", 5.0),
        ("P", 2010, "x", 99.0),  # a province row: never ranked with the units
        # indicator y: 2020 only
        ("a", 2020, "y", 0.5),
        ("b", 2020, "y", 0.7),
        ("c", 2020, "y", None),
        ("d", 2020, "y", 0.1),
    ]
    return pd.DataFrame(rows, columns=["adcode", "year", "indicator", "value"])


def test_unit_profile_takes_the_latest_year_with_a_value(store_frame):
    prov = pd.Series({"a": "P", "b": "P", "c": "P", "d": "Q"})
    p = unit_profile(store_frame, "a", ["a", "b", "c", "d"], prov, ["x", "y", "z"])
    x = p.loc["x"]
    assert x["year"] == 2010 and x["value"] == 4.0
    # 2010: 2 4 6 8 -> a is 2nd lowest: percentile 50, national rank 3 of 4, province P (4 6 2): 2nd of 3
    assert (x["percentile"], x["rank"], x["n"], x["prov_rank"], x["prov_n"]) == (50.0, 3, 4, 2, 3)
    y = p.loc["y"]
    # 2020: 0.1 0.5 0.7 (c missing) -> a: 2 of 3 below-or-equal -> 66.7 %; province P (0.5 0.7): 2nd of 2
    assert y["year"] == 2020 and y["percentile"] == pytest.approx(200 / 3)
    assert (y["rank"], y["n"], y["prov_rank"], y["prov_n"]) == (2, 3, 2, 2)
    assert p.at["z", "year"] is pd.NA and math.isnan(p.at["z", "value"]) and p.at["z", "prov_rank"] is pd.NA


# --------------------------------------------------------------------------------------------------
# Sector quadrant
# --------------------------------------------------------------------------------------------------


def _census(rows_2010, rows_2020):
    """Census-shaped frame: (adcode, unit_type, manuf, ict) per year; totals are the row sums."""
    recs = []
    for year, rows in ((2010, rows_2010), (2020, rows_2020)):
        for adcode, unit_type, manuf, ict in rows:
            recs.append(
                {
                    "adcode": adcode,
                    "year": year,
                    "unit_type": unit_type,
                    "emp_sample_total_persons": manuf + ict,
                    "emp_sample_manuf_persons": manuf,
                    "emp_sample_ict_persons": ict,
                }
            )
    return pd.DataFrame(recs)


@pytest.fixture
def census() -> pd.DataFrame:
    # Nation (one province row) 80 manuf / 120 ict in both years: national growth 0 in both sectors.
    base = [
        ("130100", "prefecture", 50.0, 50.0),
        ("130200", "prefecture", 30.0, 70.0),
        ("130000", "province", 80.0, 120.0),
    ]
    end = [
        ("130100", "prefecture", 60.0, 40.0),
        ("130200", "prefecture", 20.0, 80.0),
        ("130300", "prefecture", 10.0, 10.0),  # created after 2010
        ("130000", "province", 80.0, 120.0),
    ]
    return _census(base, end)


def _quadrant(census, adcode):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # 1 instead of 31 province rows
        return sector_quadrant(census, adcode, sectors=["manuf", "ict"])


def test_sector_quadrant_hand_checked(census):
    q = _quadrant(census, "130100")
    # LQ manuf = (60/100) / (80/200) = 1.5; growth 60/50 - 1 = +20 %, nation 0 -> specialised & growing
    assert q.loc["manuf", "lq"] == pytest.approx(1.5)
    assert q.loc["manuf", "share"] == pytest.approx(60.0)
    assert q.loc["manuf", "relative_growth"] == pytest.approx(20.0)
    assert q.loc["manuf", "quadrant"] == "specialised_growing"
    # LQ ict = 0.4 / 0.6 = 0.667; growth 40/50 - 1 = -20 % -> weak
    assert q.loc["ict", "lq"] == pytest.approx(2 / 3)
    assert q.loc["ict", "relative_growth"] == pytest.approx(-20.0)
    assert q.loc["ict", "quadrant"] == "weak"


def test_sector_quadrant_of_a_new_unit_has_lq_but_no_growth(census):
    q = _quadrant(census, "130300")
    assert q.loc["manuf", "lq"] == pytest.approx(0.5 / 0.4)
    assert q["relative_growth"].isna().all() and q["quadrant"].isna().all()


def test_sector_quadrant_of_an_unknown_unit_raises(census):
    with pytest.raises(ValueError, match="no census row"):
        _quadrant(census, "999999")
