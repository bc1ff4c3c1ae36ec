"""The "2010 | 2020" comparison as two maps side by side (``mode=split``, issue 17): the URL, the fall-backs,
one classification of both years' values, missing values kept missing, no first-frame picture."""

from __future__ import annotations

import pandas as pd
import pytest

import callbacks  # noqa: F401  (web.page and the callbacks import each other: the callbacks first, as app.py)
from indicators.registry import REGISTRY
from indicators.timeline import pooled_classes
from state import deployment as st
from state import display
from state.sources import values_for

KEY = "gdp_per_resident"  # census years 2010 and 2020
ONE_YEAR = next(k for k, ind in REGISTRY.items() if len(ind.years) == 1)


def _split(year=2020, scheme="quantiles", k=5, breaks=(), sel=()):
    return display.split_parts(KEY, year, scheme, k, None, list(sel), "en", breaks)


def test_parse_query_reads_split_and_writes_it_back():
    result = st.parse("indicator=gdp_per_resident&mode=split")
    assert result.state.mode == "split" and result.notices == ()
    assert st.write(result.state) == "?indicator=gdp_per_resident&mode=split&v=1"
    assert st.parse(st.write(result.state)).state == result.state


@pytest.mark.parametrize("mode", ["split", "change"])
def test_two_year_modes_fall_back_to_values_with_a_notice_for_a_one_year_indicator(mode):
    result = st.parse(f"indicator={ONE_YEAR}&mode={mode}")
    assert result.state.mode == "values" and result.state.indicator == ONE_YEAR
    assert [n.param for n in result.notices] == ["mode"]
    assert "one year only" in result.notices[0].message("en")
    assert "mode=" not in st.write(result.state)


def test_split_falls_back_to_values_with_a_notice_at_county_level():
    result = st.parse("level=county&mode=split")
    assert result.state.mode == "values" and [n.param for n in result.notices] == ["mode"]
    assert "prefecture level" in result.notices[0].message("en")
    assert st.parse("level=county&mode=change").state.mode == "change"  # the change map stays


def test_split_mode_of_a_one_year_indicator_draws_its_values():
    hide, _legend, _caption = display.mode_choropleth(
        "split", ONE_YEAR, REGISTRY[ONE_YEAR].years[0], "quantiles", 5, None, [], "en"
    )
    assert "split" not in hide


def test_split_shows_the_change_maps_two_years_left_first():
    parts = _split()
    assert (parts["base"], parts["year"]) == display.change_years(REGISTRY[KEY], 2020) == (2010, 2020)
    assert parts["hideout"]["year"] == 2020 and parts["hideout"]["split"]["year"] == 2010
    # asked for its first year, the right map shows the last (the change map's rule)
    assert _split(2010)["hideout"]["year"] == 2020


@pytest.mark.parametrize(
    ("scheme", "k", "breaks"),
    [("quantiles", 5, ()), ("equal_interval", 4, ()), ("user_defined", 4, (20000.0, 50000.0, 90000.0))],
)
def test_split_classes_come_from_both_years_values_together(scheme, k, breaks):
    parts = _split(scheme=scheme, k=k, breaks=breaks)
    values = {y: values_for(KEY, y) for y in (2010, 2020)}
    pooled = pooled_classes(values, scheme, k, breaks=breaks)
    legend = parts["legend"]
    assert legend["labels"] == pooled.classes.legend_labels(REGISTRY[KEY].decimals)
    assert "2010 | 2020" in legend["title"]
    for year, hide in ((2020, parts["hideout"]), (2010, parts["hideout"]["split"])):
        expected = {a: int(c) for a, c in pooled.by_year[year].items() if not pd.isna(c)}
        assert {a: c for a, c in hide["c"].items() if a in expected} == expected
        assert hide["colors"] == legend["colors"]
    # the two maps share one set of colours: a value has one class whichever year it is in
    h20, h10 = parts["hideout"], parts["hideout"]["split"]
    bounds = {}
    for h in (h10, h20):
        for a, c in h["c"].items():
            lo, hi = bounds.get(c, (float("inf"), float("-inf")))
            bounds[c] = (min(lo, h["v"][a]), max(hi, h["v"][a]))
    ordered = [bounds[c] for c in sorted(bounds)]
    assert all(a[1] <= b[0] for a, b in zip(ordered, ordered[1:], strict=False))
    # ... which is not how either year alone would be classified (quantiles of one year)
    if scheme == "quantiles":
        alone = display.choropleth_parts(KEY, 2010, scheme, k, None, [], "en")["legend"]["labels"]
        assert legend["labels"] != alone


def test_split_keeps_missing_values_missing_never_zero():
    parts = _split()
    legend = parts["legend"]
    for year, hide in ((2020, parts["hideout"]), (2010, parts["hideout"]["split"])):
        raw = values_for(KEY, year).reindex(list(hide["v"]))
        missing = set(raw[raw.isna()].index)
        assert missing, year  # there are units without a value in both years
        assert all(hide["v"][a] is None for a in missing)
        assert not missing & set(hide["c"])  # drawn in the no-data colour, not in the lowest class
    n10 = sum(v is None for v in parts["hideout"]["split"]["v"].values())
    n20 = sum(v is None for v in parts["hideout"]["v"].values())
    assert legend["missing"] == f"{n10} | {n20}"
    assert [sum(int(x.split(" | ")[i]) for x in legend["counts"]) for i in (0, 1)] == [
        len(parts["hideout"]["split"]["c"]),
        len(parts["hideout"]["c"]),
    ]


def test_split_outlines_the_selection_on_both_maps():
    parts = _split(sel=("640100", "500000"))
    assert parts["hideout"]["sel"] == parts["hideout"]["split"]["sel"] == ["640100", "500000"]


def test_split_page_has_the_left_map_and_no_first_frame_picture():
    from layouts import map as map_layout
    from web import page

    state = st.parse("indicator=gdp_per_resident&mode=split").state
    hide, _legend, caption = display.mode_choropleth(
        state.mode, state.indicator, state.year, "quantiles", 5, None, [], "en"
    )
    assert page.first_frame_img(state, hide) is None
    assert (
        page.first_frame_img(
            st.parse("indicator=gdp_per_resident").state,
            display.mode_choropleth("values", KEY, 2020, "quantiles", 5, None, [], "en")[0],
        )
        is not None
    )
    pane = map_layout.split_pane("en", hide)
    assert pane.children[1].children == "2010"
    assert "2010 | 2020" in str(caption) and "Source" in str(caption)
