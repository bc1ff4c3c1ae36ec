"""The flows parameters of the URL (``flows``, ``window``, ``top``): parsing, notices, writing, old links."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from state.model import PARAMETERS, AppState, default_state, example_context, state_with
from state.parse import parse_query
from state.url_spec import url_spec
from state.write import write_query

CTX = example_context()
#: The same context without corridor windows: how every link parsed before the flows parameters existed.
BEFORE = dataclasses.replace(CTX, flow_windows=(), flow_top_range=(1, 1))


def test_flows_parameters_come_right_after_mode():
    i = PARAMETERS.index("mode")
    assert PARAMETERS[i + 1 : i + 4] == ("flows", "window", "top")


@pytest.mark.parametrize(
    ("query", "flows", "window", "top", "notices"),
    [
        ("", None, "sf2020_pre", None, []),
        ("?flows=out&v=1", "out", "sf2020_pre", None, []),
        ("?flows=in&window=sf2021_post&top=50&v=1", "in", "sf2021_post", 50, []),
        ("?flows=out&top=5&v=1", "out", "sf2020_pre", 5, []),
        ("?flows=out&top=100&v=1", "out", "sf2020_pre", 100, []),
        ("?flows=sideways&v=1", None, "sf2020_pre", None, ["flows"]),
        ("?flows=OUT&v=1", None, "sf2020_pre", None, ["flows"]),
        ("?flows=out&window=sf2019_pre&v=1", "out", "sf2020_pre", None, ["window"]),
        ("?flows=out&top=4&v=1", "out", "sf2020_pre", None, ["top"]),
        ("?flows=out&top=101&v=1", "out", "sf2020_pre", None, ["top"]),
        ("?flows=out&top=ten&v=1", "out", "sf2020_pre", None, ["top"]),
        ("?flows=out&top=-5&v=1", "out", "sf2020_pre", None, ["top"]),
        ("?flows=out&top=２０&v=1", "out", "sf2020_pre", None, ["top"]),
        ("?window=sf2021_post&top=20&v=1", None, "sf2020_pre", None, ["window", "top"]),
        ("?flows=out&flows=in&v=1", "out", "sf2020_pre", None, ["flows"]),
    ],
)
def test_parse_flows_window_top_with_notices_for_bad_values(query, flows, window, top, notices):
    result = parse_query(query, CTX)
    assert (result.state.flows, result.state.window, result.state.top) == (flows, window, top)
    assert [n.param for n in result.notices] == notices
    for n in result.notices:
        assert n.message_en and n.message_zh


def test_a_bad_top_notice_names_the_range_in_both_languages():
    (notice,) = parse_query("?flows=out&top=500", CTX).notices
    assert "5" in notice.message_en and "100" in notice.message_en
    assert "5" in notice.message_zh and "100" in notice.message_zh


def test_flows_is_rejected_with_a_notice_where_there_are_no_corridor_windows():
    result = parse_query("?flows=out", BEFORE)
    assert result.state.flows is None
    assert [n.param for n in result.notices] == ["flows"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"flows": "out"}, "?flows=out&v=1"),
        ({"flows": "in", "window": "sf2021_post"}, "?flows=in&window=sf2021_post&v=1"),
        ({"flows": "out", "window": "sf2020_pre", "top": 50}, "?flows=out&top=50&v=1"),
        ({"flows": None, "window": "sf2021_post", "top": 50}, ""),  # window and top only with flows
        ({"sel": ("640100",), "mode": "lisa", "flows": "out"}, "?sel=640100&mode=lisa&flows=out&v=1"),
    ],
)
def test_write_query_writes_flows_last_and_window_top_only_with_flows(changes, expected):
    assert write_query(state_with(default_state(CTX), **changes), CTX) == expected


OLD_LINKS = [
    "",
    "?indicator=gdp_pc&year=2015&sel=110100~640100&tab=trend&v=1",
    "?classes=user_defined-0.5_1_2_5&sel=640100~640200&view=38.5,106.25,7&lang=zh&v=1",
    "?indicator=gdp_pc&present=1&scene=2&palette=RdBu&mode=lisa&v=1",
    "ind=gdp_pc&codes=110100,120100&lang=cn",  # a legacy (version 0) link
    "?ds=0123abcd&tab=ranking&v=1",
]


@pytest.mark.parametrize("query", OLD_LINKS)
def test_old_links_parse_and_write_exactly_as_before_the_flows_parameters(query):
    now, before = parse_query(query, CTX), parse_query(query, BEFORE)
    assert now.state.flows is None and now.state.top is None
    assert [(n.param, n.value) for n in now.notices] == [(n.param, n.value) for n in before.notices]
    assert write_query(now.state, CTX) == write_query(before.state, BEFORE)
    assert {f.name: getattr(now.state, f.name) for f in dataclasses.fields(AppState) if f.name != "window"} == {
        f.name: getattr(before.state, f.name) for f in dataclasses.fields(AppState) if f.name != "window"
    }


def test_url_spec_gives_the_browser_the_flows_defaults_and_only_with():
    spec = url_spec(CTX)
    i = spec["order"].index("mode")
    assert spec["order"][i + 1 : i + 4] == ["flows", "window", "top"]
    assert spec["defaults"]["flows"] == "" and spec["defaults"]["top"] == ""
    assert spec["defaults"]["window"] == "sf2020_pre"
    assert spec["only_with"]["window"] == "flows" and spec["only_with"]["top"] == "flows"


@st.composite
def flow_states(draw) -> AppState:
    flows = draw(st.sampled_from((None, "out", "in")))
    return state_with(
        default_state(CTX),
        sel=tuple(draw(st.lists(st.sampled_from(sorted(CTX.adcodes)), unique=True))),
        flows=flows,
        window=draw(st.sampled_from(CTX.flow_windows)) if flows else CTX.default_window,
        top=draw(st.none() | st.integers(5, 100)) if flows else None,
    )


@settings(max_examples=200, deadline=None, database=None)
@given(flow_states())
def test_every_valid_flows_state_round_trips_without_notices(state):
    result = parse_query(write_query(state, CTX), CTX)
    assert result.state == state and result.notices == ()


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(("flows", "window", "top", "sel")),
            st.one_of(st.sampled_from(("out", "in", "sf2020_pre", "sf2021_post", "5", "100", "0")), st.text(max_size=6)),
        ),
        max_size=5,
    )
)
def test_any_flows_query_parses_to_a_state_that_round_trips(pairs):
    query = "&".join(f"{k}={v}" for k, v in pairs)
    state = parse_query(query, CTX).state
    again = parse_query(write_query(state, CTX), CTX)
    assert again.state == state and again.notices == ()
