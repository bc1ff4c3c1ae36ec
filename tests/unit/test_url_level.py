"""The ``level`` URL parameter (issue 13): prefecture (default) or county; old links open as before."""

from __future__ import annotations

import dataclasses

import pytest

from state.model import PARAMETERS, Context, default_state, state_with
from state.parse import parse_query
from state.url_spec import url_spec
from state.write import write_query

PREFECTURE_CTX = Context(
    indicator_years={"pop_resident": (2010, 2020, 2023), "gdp_pc": (2010, 2020)},
    default_indicator="pop_resident",
    adcodes=frozenset({"640100", "640500", "500000"}),
    province_adcodes=frozenset({"640000", "500000"}),
    tabs=("compare", "ranking"),
    palettes=("YlGnBu",),
    scene_count=2,
)
COUNTY_CTX = dataclasses.replace(
    PREFECTURE_CTX,
    county=dataclasses.replace(
        PREFECTURE_CTX,
        indicator_years={"pop_resident": (2010, 2020), "schooling_years": (2010, 2020)},
        adcodes=frozenset({"640104", "640522", "500101"}),
    ),
)

OLD_LINKS = [
    "",
    "?indicator=gdp_pc&year=2010&sel=640100~500000&view=640000&tab=ranking&v=1",
    "?ind=gdp_pc&codes=640100,640500&lang=cn",  # version 0
    "?sel=640104&v=1",  # a county code at prefecture level is still unknown
    "?year=2023&v=1",
]


def test_level_comes_right_after_indicator():
    assert PARAMETERS.index("level") == PARAMETERS.index("indicator") + 1


@pytest.mark.parametrize("query", OLD_LINKS)
def test_links_without_level_open_exactly_as_before(query):
    """A deployment with a county level reads a link without ``level`` as one without it does."""
    before = parse_query(query, PREFECTURE_CTX)
    after = parse_query(query, COUNTY_CTX)
    assert after.state == before.state
    assert after.state.level == "prefecture"
    assert [(n.param, n.value) for n in after.notices] == [(n.param, n.value) for n in before.notices]
    assert write_query(after.state, COUNTY_CTX) == write_query(before.state, PREFECTURE_CTX)


def test_county_level_reads_county_codes_and_its_own_years():
    r = parse_query("?level=county&sel=640104~640100~500101&year=2020&v=1", COUNTY_CTX)
    assert r.state.level == "county"
    assert r.state.sel == ("640104", "500101")  # the prefecture code is not a county
    assert r.state.year == 2020
    assert [n.param for n in r.notices] == ["sel"]
    assert write_query(r.state, COUNTY_CTX) == "?level=county&sel=640104~500101&v=1"  # 2020: the latest


def test_county_level_rejects_a_prefecture_only_indicator():
    r = parse_query("?indicator=gdp_pc&level=county&v=1", COUNTY_CTX)
    assert (r.state.level, r.state.indicator, r.state.year) == ("county", "pop_resident", 2020)
    assert [n.param for n in r.notices] == ["indicator"]


@pytest.mark.parametrize("value", ["town", "County", "1", "<b>"])
def test_unknown_level_falls_back_to_prefecture_with_a_notice(value):
    r = parse_query(f"?level={value}&v=1", COUNTY_CTX)
    assert r.state.level == "prefecture"
    assert [(n.param, n.value) for n in r.notices] == [("level", value)]


def test_county_level_is_refused_where_the_deployment_has_none():
    r = parse_query("?level=county&v=1", PREFECTURE_CTX)
    assert r.state.level == "prefecture" and [n.param for n in r.notices] == ["level"]


@pytest.mark.parametrize(
    "changes",
    [
        {"level": "county", "year": 2020},
        {"level": "county", "indicator": "schooling_years", "year": 2010, "sel": ("640522",)},
        {"level": "county", "year": 2010, "view": "640000", "tab": "ranking"},
        {"level": "prefecture", "year": 2010},
    ],
)
def test_county_states_round_trip(changes):
    state = state_with(default_state(COUNTY_CTX), **changes)
    assert parse_query(write_query(state, COUNTY_CTX), COUNTY_CTX).state == state


def test_url_spec_gives_the_browser_the_county_defaults():
    spec = url_spec(COUNTY_CTX)
    assert spec["defaults"]["level"] == "prefecture"
    assert spec["default_by"]["indicator"]["defaults"] == {
        "": "pop_resident",
        "prefecture": "pop_resident",
        "county": "pop_resident",
    }
    assert spec["default_by"]["year"]["defaults"]["pop_resident"] == 2023
    assert spec["default_by"]["year"]["level_defaults"]["county"]["pop_resident"] == 2020
    assert "indicator" not in url_spec(PREFECTURE_CTX)["default_by"]
