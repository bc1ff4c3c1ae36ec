"""Classes fixed across years (time playback) and the change map (2010 → 2020), issue 17."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from indicators.timeline import missing_years, pooled_classes, year_ranges


def test_pooled_classes_give_one_value_one_class_in_every_year():
    a = pd.Series([1.0, 5.0, 9.0, None], index=list("abcd"))
    b = pd.Series([5.0, 9.0, 13.0, 17.0], index=list("abcd"))
    p = pooled_classes({2010: a, 2020: b}, "equal_interval", 4)
    # 5 and 9 are in the same class whichever year they are in
    assert p.by_year[2010]["b"] == p.by_year[2020]["a"]
    assert p.by_year[2010]["c"] == p.by_year[2020]["b"]
    assert p.missing == {2010: 1, 2020: 0}
    assert sum(p.counts[2010]) + sum(p.counts[2020]) == 7


def test_pooled_classes_differ_from_per_year_classes():
    from indicators.classify import classify

    a = pd.Series([1.0, 2.0, 3.0], index=list("abc"))
    b = pd.Series([10.0, 20.0, 30.0], index=list("abc"))
    p = pooled_classes({2010: a, 2020: b}, "quantiles", 3)
    assert classify(a, "quantiles", 3).classes.tolist() == [0, 1, 2]
    assert p.by_year[2010].tolist() == [0, 0, 1]  # the low year sits in the low pooled classes


def test_pooled_fisher_jenks_on_many_values_is_deterministic():
    import numpy as np

    rng = np.random.default_rng(1)
    years = {y: pd.Series(rng.lognormal(size=300), index=[f"{i:06d}" for i in range(300)]) for y in range(2000, 2006)}
    p1 = pooled_classes(years, "fisher_jenks", 5)
    p2 = pooled_classes(years, "fisher_jenks", 5)
    assert p1.classes.bins == p2.classes.bins and p1.classes.k == 5


def test_missing_years_are_the_gaps_written_as_runs():
    assert missing_years([2010, 2020]) == list(range(2011, 2020))
    assert year_ranges(missing_years([2010, 2020])) == "2011–2019"
    assert missing_years([2019]) == []


def test_timeline_frames_share_labels_and_colours_across_years():
    from state import timeline

    data = timeline.frames("gdp_per_resident", "quantiles", 5, (), None, "en")
    assert data["years"] == [2010, 2020]
    assert len(data["colors"]) == len(data["labels"]) == 5
    assert "2011–2019" in data["note"] and "2010–2020" in data["note"]
    f10, f20 = data["frames"]["2010"], data["frames"]["2020"]
    # GDP per resident grew: the 2020 frame sits higher in the same classes than the 2010 frame
    mean = lambda f: sum(c for c in f["c"] if c is not None) / sum(1 for c in f["c"] if c is not None)  # noqa: E731
    assert mean(f20) > mean(f10) + 1
    # missing stays missing (drawn "no data"), never 0
    assert all((v is None) == (c is None) for v, c in zip(f10["v"], f10["c"], strict=True))


def test_timeline_route_reads_the_page_query():
    from app import server

    c = server.test_client()
    r = c.get("/api/timeline?indicator=census_emp_share_manuf&classes=equal_interval-4&lang=zh")
    data = json.loads(r.data)
    assert r.status_code == 200 and data["indicator"] == "census_emp_share_manuf" and len(data["labels"]) == 4
    assert "2010–2020年" in data["note"]
    # a bad query falls back to the default indicator, as the page does
    assert json.loads(c.get("/api/timeline?indicator=nope&classes=x").data)["indicator"] == "pop_resident"


def test_change_map_is_2020_minus_2010_with_a_diverging_legend():
    from state import display
    from state.sources import values_for

    parts = display.change_parts("gdp_per_resident", 2020, [], "en")
    assert (parts["base"], parts["year"]) == (2010, 2020)
    v = display.change_values("gdp_per_resident", 2010, 2020)
    code = v.dropna().index[0]
    expected = values_for("gdp_per_resident", 2020)[code] - values_for("gdp_per_resident", 2010)[code]
    assert v[code] == pytest.approx(expected)
    legend = parts["legend"]
    assert "2010 → 2020" in legend["title"] and legend["colors"][0] != legend["colors"][-1]
    assert legend["missing"] == int(v.isna().sum())
    # the same picture from the year 2010: the change still runs 2010 → 2020
    assert display.change_parts("gdp_per_resident", 2010, [], "en")["year"] == 2020


def test_change_mode_falls_back_to_values_for_a_one_year_indicator():
    from indicators.registry import REGISTRY
    from state import display

    key = next(k for k, ind in REGISTRY.items() if len(ind.years) == 1)
    hide, _legend, _caption = display.mode_choropleth("change", key, REGISTRY[key].years[0], "quantiles", 5, None, [], "en")
    assert "→" not in str(hide["year"])
