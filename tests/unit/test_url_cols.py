"""The ``cols`` URL parameter (the comparison table's columns): parse, write, round trip, notices."""

from __future__ import annotations

from state import deployment
from state.model import MAX_TABLE_COLUMNS, PARAMETERS, default_state, example_context, state_with
from state.parse import parse_query
from state.url_spec import url_spec
from state.write import write_query


def test_cols_is_written_after_the_flows_and_before_embed_and_the_version():
    assert PARAMETERS[-3:] == ("cols", "embed", "v")
    spec = url_spec(example_context())
    assert spec["order"][-2:] == ["cols", "embed"] and spec["defaults"]["cols"] == ""


def test_cols_round_trip_keeps_order():
    ctx = example_context()
    s = state_with(default_state(ctx), sel=("640100", "640200"), cols=("pop", "gdp_pc"), tab="profile")
    query = write_query(s, ctx)
    assert query == "?sel=640100~640200&tab=profile&cols=pop~gdp_pc&v=1"
    assert parse_query(query, ctx).state == s


def test_cols_default_is_not_written():
    ctx = example_context()
    assert write_query(state_with(default_state(ctx), cols=()), ctx) == ""


def test_cols_unknown_keys_dropped_with_a_notice_naming_them():
    r = parse_query("?cols=gdp_pc~bogus~pop&v=1", example_context())
    assert r.state.cols == ("gdp_pc", "pop")
    (notice,) = r.notices
    assert (notice.param, notice.value) == ("cols", "bogus")
    assert "bogus" in notice.message_en and "bogus" in notice.message_zh


def test_cols_all_unknown_falls_back_to_the_default_columns():
    r = parse_query("?cols=bogus~x&v=1", example_context())
    assert r.state.cols == ()
    assert [n.param for n in r.notices] == ["cols"] and "default columns" in r.notices[0].message_en


def test_cols_aliases_duplicates_and_limit():
    ctx = example_context()
    assert parse_query("?cols=gdp_per_capita~gdp_pc~pop&v=1", ctx).state.cols == ("gdp_pc", "pop")
    keys = "~".join(["pop", "gdp_pc"] * 40)
    assert parse_query(f"?cols={keys}&v=1", ctx).state.cols == ("pop", "gdp_pc")
    assert MAX_TABLE_COLUMNS >= 7


def test_cols_with_the_deployments_registry_round_trips():
    s = state_with(deployment.parse("").state, tab="table", sel=("640100",), cols=("gdp", "avg_wage"))
    query = deployment.write(s)
    assert query.endswith("&cols=gdp~avg_wage&v=1")
    assert deployment.parse(query).state == s
