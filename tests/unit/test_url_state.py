"""Unit tests of :mod:`state.model`, :mod:`state.parse` and :mod:`state.write`: the query string <-> AppState round trip.

A small hand-made Context stands in for the real registry; every table row states the query, the
state expected (as changes to the default state) and the parameters expected to carry a notice.
"""

from __future__ import annotations

import ast
import doctest
import math
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from state import migrations, model, parse, write
from state import parse as us
from state.migrations import CURRENT_VERSION, MIGRATIONS
from state.model import (
    AppState,
    ClassSpec,
    Context,
    MapView,
    Notice,
    default_state,
    state_with,
)
from state.parse import parse_query
from state.write import write_query

TABS = ("compare", "profile", "trend", "scatter", "ranking", "sectors", "disparity")
PREFECTURES = ("110100", "120100", "130100", "130200", "640100", "640200", "650100")


def _small_context(**overrides) -> Context:
    fields = dict(
        indicator_years={"gdp_pc": (2010, 2015, 2020), "pop": (2020,), "green_share": (2018, 2019)},
        default_indicator="pop",
        adcodes=frozenset(PREFECTURES),
        province_adcodes=frozenset({"110000", "120000", "130000", "640000", "650000"}),
        tabs=TABS,
        palettes=("YlGnBu", "YlOrRd", "RdBu"),
        scene_count=3,
        zoom_range=(3.0, 12.0),
        indicator_aliases={"gdp_per_capita": "gdp_pc", "gdp_percap_old": "gdp_per_capita"},
    )
    fields.update(overrides)
    return Context(**fields)


CTX = _small_context()
DEFAULT = default_state(CTX)
FUZZ = settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture
def ctx() -> Context:
    return CTX


def _expect(**changes) -> AppState:
    return state_with(DEFAULT, **changes)


def _params(notices) -> tuple[str, ...]:
    return tuple(n.param for n in notices)


# --------------------------------------------------------------------------------------------------
# Table-driven: query -> (state, notice parameters), and the state written back reads the same
# --------------------------------------------------------------------------------------------------

CASES = [
    # -- missing / defaults
    ("", {}, ()),
    ("?", {}, ()),
    ("?year=&sel=&tab=", {}, ()),
    ("?v=1", {}, ()),
    # -- valid
    ("?indicator=gdp_pc", {"indicator": "gdp_pc", "year": 2020}, ()),
    ("indicator=gdp_pc&year=2015", {"indicator": "gdp_pc", "year": 2015}, ()),
    ("?classes=fisher_jenks-7&v=1", {"classes": ClassSpec("fisher_jenks", 7)}, ()),
    ("?classes=equal_interval-4", {"classes": ClassSpec("equal_interval", 4)}, ()),
    ("?classes=quantiles-3", {"classes": ClassSpec("quantiles", 3)}, ()),
    (
        "?classes=user_defined-0.5_1_2_5",
        {"classes": ClassSpec("user_defined", breaks=(0.5, 1.0, 2.0, 5.0))},
        (),
    ),
    (
        "?classes=user_defined--2.5_-1_0_1e3",
        {"classes": ClassSpec("user_defined", breaks=(-2.5, -1, 0, 1000))},
        (),
    ),
    ("?sel=640100~110100", {"sel": ("640100", "110100")}, ()),
    ("?sel=640100%7E110100", {"sel": ("640100", "110100")}, ()),
    ("?sel=640100~640100~110100~~", {"sel": ("640100", "110100")}, ()),
    ("?view=640000", {"view": "640000"}, ()),
    ("?view=38.5,106.25,7", {"view": MapView(38.5, 106.25, 7)}, ()),
    ("?view=38.123456789,106.000001,6.666", {"view": MapView(38.12346, 106.0, 6.67)}, ()),
    ("?view=-10,-170.5,3", {"view": MapView(-10, -170.5, 3)}, ()),
    ("?tab=disparity", {"tab": "disparity"}, ()),
    ("?lang=zh", {"lang": "zh"}, ()),
    ("?lang=en", {"lang": "en"}, ()),
    ("?present=1", {"present": True}, ()),
    ("?present=1&scene=3", {"present": True, "scene": 3}, ()),
    ("?ds=0123456789abcdef", {"ds": "0123456789abcdef"}, ()),
    ("?palette=RdBu", {"palette": "RdBu"}, ()),
    ("?indicator=gdp_per_capita&year=2010", {"indicator": "gdp_pc", "year": 2010}, ()),
    ("?indicator=gdp_percap_old", {"indicator": "gdp_pc", "year": 2020}, ()),
    (
        "?indicator=green_share&year=2018&classes=quantiles-9&sel=650100&view=650000&tab=ranking"
        "&lang=en&present=1&scene=2&ds=deadbeef&palette=YlOrRd&v=1",
        {
            "indicator": "green_share",
            "year": 2018,
            "classes": ClassSpec("quantiles", 9),
            "sel": ("650100",),
            "view": "650000",
            "tab": "ranking",
            "lang": "en",
            "present": True,
            "scene": 2,
            "ds": "deadbeef",
            "palette": "YlOrRd",
        },
        (),
    ),
    # -- invalid: default with a notice
    ("?indicator=nope", {}, ("indicator",)),
    ("?indicator=gdp_pc&year=2016", {"indicator": "gdp_pc", "year": 2020}, ("year",)),
    ("?indicator=nope&year=2015", {}, ("indicator", "year")),
    ("?year=abc", {}, ("year",)),
    ("?year=-2020", {}, ("year",)),
    ("?classes=quantiles-2", {}, ("classes",)),
    ("?classes=quantiles-10", {}, ("classes",)),
    ("?classes=quantiles", {}, ("classes",)),
    ("?classes=kmeans-5", {}, ("classes",)),
    ("?classes=user_defined-5_1", {}, ("classes",)),
    ("?classes=user_defined-1_1", {}, ("classes",)),
    ("?classes=user_defined-1", {}, ("classes",)),
    ("?classes=user_defined-1_2_3_4_5_6_7_8_9", {}, ("classes",)),
    ("?classes=user_defined-1_nan", {}, ("classes",)),
    ("?classes=user_defined-1_inf", {}, ("classes",)),
    ("?classes=user_defined-1_1e999", {}, ("classes",)),
    ("?classes=user_defined-1_", {}, ("classes",)),
    ("?sel=110100~999999", {"sel": ("110100",)}, ("sel",)),
    ("?sel=abc", {}, ("sel",)),
    ("?view=110100", {}, ("view",)),
    ("?view=38.5,106.25,13", {}, ("view",)),
    ("?view=91,106,5", {}, ("view",)),
    ("?view=30,181,5", {}, ("view",)),
    ("?view=nan,106,5", {}, ("view",)),
    ("?view=30,106", {}, ("view",)),
    ("?view=30,106,5,1", {}, ("view",)),
    ("?tab=map", {}, ("tab",)),
    ("?tab=Compare", {}, ("tab",)),
    ("?lang=cn&v=1", {}, ("lang",)),
    ("?lang=fr", {}, ("lang",)),
    ("?present=yes", {}, ("present",)),
    ("?scene=2", {}, ("scene",)),
    ("?present=1&scene=0", {"present": True}, ("scene",)),
    ("?present=1&scene=4", {"present": True}, ("scene",)),
    ("?ds=DEADBEEF", {}, ("ds",)),
    ("?ds=abc", {}, ("ds",)),
    ("?ds=" + "a" * 65, {}, ("ds",)),
    ("?palette=viridis", {}, ("palette",)),
    ("?v=2&tab=trend", {"tab": "trend"}, ("v",)),
    ("?v=x&tab=trend", {"tab": "trend"}, ("v",)),
    # -- unknown and repeated parameters
    ("?foo=1&tab=trend", {"tab": "trend"}, ("foo",)),
    ("?tab=trend&tab=ranking", {"tab": "trend"}, ("tab",)),
    ("?v=1&v=0&tab=trend", {"tab": "trend"}, ("v",)),
    ("?TAB=trend", {}, ("TAB",)),
    # -- legacy (version 0: no v)
    (
        "?ind=gdp_pc&codes=110100,120100&lang=cn",
        {"indicator": "gdp_pc", "year": 2020, "sel": ("110100", "120100"), "lang": "zh"},
        (),
    ),
    ("?ind=gdp_per_capita&year=2015", {"indicator": "gdp_pc", "year": 2015}, ()),
    ("?v=0&ind=gdp_pc&lang=cn", {"indicator": "gdp_pc", "year": 2020, "lang": "zh"}, ()),
    ("?codes=110100,999999", {"sel": ("110100",)}, ("sel",)),
    ("?ind=gdp_pc&indicator=pop", {"indicator": "gdp_pc", "year": 2020}, ("indicator",)),
    ("?ind=gdp_pc&v=1", {}, ("ind",)),
    ("?codes=110100,120100&v=1", {}, ("codes",)),
    # -- hostile strings
    ("?tab=<script>alert(1)</script>", {}, ("tab",)),
    ("?tab=%3Cscript%3Ealert(1)%3C%2Fscript%3E", {}, ("tab",)),
    ("?<script>=1", {}, ("<script>",)),
    ("?year=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%90", {}, ("year",)),  # full-width ２０２０
    ("?indicator=gdp_pc&year=%D9%A2%D9%A0%D9%A1%D9%A5", {"indicator": "gdp_pc", "year": 2020}, ("year",)),
    ("?year=2_020", {}, ("year",)),
    ("?year=" + "9" * 5000, {}, ("year",)),
    ("?classes=user_defined-" + "1" * 5000 + "_2", {}, ("classes",)),
    ("?classes=user_defined-%EF%BC%91_2", {}, ("classes",)),
    ("?tab=%ff%fe", {}, ("tab",)),
    ("?tab=%zz", {}, ("tab",)),
    ("?tab=compare%00", {}, ("tab",)),
    ("?sel=110100%0A~120100", {"sel": ("110100", "120100")}, ()),
    ("?view=640000'--", {}, ("view",)),
    ("?lang=zh;drop table", {}, ("lang",)),
    ("?=&&&=x", {}, ("", "")),
    ("??tab=trend", {}, ("?tab",)),
]


@pytest.mark.parametrize(("query", "changes", "notice_params"), CASES, ids=[c[0][:40] or "empty" for c in CASES])
def test_parse_query_table_gives_expected_state_and_notices(ctx, query, changes, notice_params):
    result = parse_query(query, ctx)
    assert result.state == _expect(**changes)
    assert _params(result.notices) == notice_params


@pytest.mark.parametrize(("query", "changes", "notice_params"), CASES, ids=[c[0][:40] or "empty" for c in CASES])
def test_write_query_table_states_round_trip_without_notices(ctx, query, changes, notice_params):
    state = _expect(**changes)
    written = write_query(state, ctx)
    again = parse_query(written, ctx)
    assert again.state == state
    assert again.notices == ()
    assert again.version == CURRENT_VERSION or written == ""


# --------------------------------------------------------------------------------------------------
# Writing: only non-defaults, fixed order, safe encoding
# --------------------------------------------------------------------------------------------------


def test_write_query_default_state_is_empty(ctx):
    assert write_query(default_state(ctx), ctx) == ""
    assert parse_query("", ctx).state == default_state(ctx)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"indicator": "gdp_pc", "year": 2020}, "?indicator=gdp_pc&v=1"),
        ({"indicator": "gdp_pc", "year": 2010}, "?indicator=gdp_pc&year=2010&v=1"),
        ({"classes": ClassSpec("quantiles", 5)}, ""),
        (
            {"classes": ClassSpec("user_defined", breaks=(0.5, 1, 2, 5))},
            "?classes=user_defined-0.5_1_2_5&v=1",
        ),
        ({"classes": ClassSpec("user_defined", breaks=(-1, 1e20))}, "?classes=user_defined--1_1e%2B20&v=1"),
        ({"sel": ("640100", "110100")}, "?sel=640100~110100&v=1"),
        ({"view": MapView(38.5, 106.25, 7)}, "?view=38.5,106.25,7&v=1"),
        ({"tab": "compare"}, ""),
        ({"tab": "trend", "lang": "zh"}, "?tab=trend&lang=zh&v=1"),
        ({"present": True}, "?present=1&v=1"),
        ({"present": True, "scene": 2}, "?present=1&scene=2&v=1"),
        ({"ds": "deadbeef", "palette": "RdBu"}, "?ds=deadbeef&palette=RdBu&v=1"),
        (
            {"palette": "RdBu", "sel": ("110100",), "indicator": "gdp_pc", "year": 2015, "lang": "en"},
            "?indicator=gdp_pc&year=2015&sel=110100&lang=en&palette=RdBu&v=1",
        ),
    ],
)
def test_write_query_writes_only_non_defaults_in_fixed_order(ctx, changes, expected):
    assert write_query(_expect(**changes), ctx) == expected


def test_write_query_encodes_unusual_indicator_keys(ctx):
    odd = _small_context(indicator_years={"pop": (2020,), "a&b=c ü": (2001, 2002)})
    state = AppState(indicator="a&b=c ü", year=2001, tab="compare")
    written = write_query(state, odd)
    assert written == "?indicator=a%26b%3Dc+%C3%BC&year=2001&v=1"
    assert parse_query(written, odd).state == state


# --------------------------------------------------------------------------------------------------
# Behaviours named in the design: sel, year, notices
# --------------------------------------------------------------------------------------------------


def test_parse_sel_unknown_codes_dropped_with_notice_naming_them(ctx):
    result = parse_query("?sel=110100~999999~120100~000000~999999", ctx)
    assert result.state.sel == ("110100", "120100")
    (notice,) = result.notices
    assert notice.param == "sel"
    assert notice.value == "999999~000000"
    assert "999999" in notice.message_en and "000000" in notice.message_en
    assert "999999" in notice.message_zh and "000000" in notice.message_zh


def test_parse_sel_keeps_at_most_400_codes_in_order(ctx):
    codes = tuple(f"{n:06d}" for n in range(100001, 100451))
    big = _small_context(adcodes=frozenset(codes))
    result = parse_query("?sel=" + "~".join(codes), big)
    assert result.state.sel == codes[:400]
    (notice,) = result.notices
    assert notice.param == "sel" and "50 dropped" in notice.message_en
    assert parse_query(write_query(result.state, big), big).state == result.state


def test_parse_year_invalid_for_indicator_falls_back_to_latest_with_notice(ctx):
    # 2020 is valid for pop (the default) but green_share only has 2018 and 2019.
    result = parse_query("?indicator=green_share&year=2020", ctx)
    assert (result.state.indicator, result.state.year) == ("green_share", 2019)
    (notice,) = result.notices
    assert (notice.param, notice.value) == ("year", "2020")
    assert "2019" in notice.message_en and "2019" in notice.message_zh
    assert write_query(result.state, ctx) == "?indicator=green_share&v=1"


def test_notice_keeps_hostile_value_as_plain_text(ctx):
    hostile = '<script>alert("x")</script>&amp;'
    result = parse_query("?palette=" + quote_plus(hostile), ctx)
    (notice,) = result.notices
    assert notice.param == "palette"
    assert notice.value == hostile  # decoded once, neither escaped nor stripped nor re-decoded
    assert hostile not in notice.message_en and hostile not in notice.message_zh
    assert result.state.palette is None


def test_notice_value_is_truncated_to_60_characters(ctx):
    result = parse_query("?tab=" + "x" * 500, ctx)
    (notice,) = result.notices
    assert len(notice.value) == 60
    assert notice.value == "x" * 59 + "…"


def test_notice_message_picks_language():
    notice = Notice("tab", "x", "Unknown chart tab.", "未知的图表标签。")
    assert notice.message("zh") == "未知的图表标签。"
    assert notice.message("en") == notice.message(None) == "Unknown chart tab."


def test_parse_query_every_notice_has_both_messages(ctx):
    query = "?indicator=x&level=x&year=x&classes=x&sel=x&view=x&tab=x&lang=x&present=x&scene=x&ds=x&palette=x&mode=x&flows=x&window=x&top=x&cols=x&embed=x&v=x&q=1"
    result = parse_query(query, ctx)
    assert set(_params(result.notices)) == set(us.PARAMETERS) | {"q"}
    assert all(n.message_en and n.message_zh for n in result.notices)


def test_parse_query_long_query_is_cut_at_a_parameter_with_notice(ctx):
    query = "?tab=trend&" + "x=" + "y" * us.MAX_QUERY_CHARS + "&lang=zh"
    result = parse_query(query, ctx)
    assert result.state == _expect(tab="trend")
    assert _params(result.notices) == ("query",)


def test_parse_query_too_many_parameters_are_ignored_with_notice(ctx):
    query = "?" + "&".join(["tab=trend"] + ["x=1"] * 100 + ["lang=zh"])
    result = parse_query(query, ctx)
    assert result.state == _expect(tab="trend")
    assert _params(result.notices)[0] == "query"
    assert len(result.notices) == 1 + us.MAX_PAIRS - 1


def test_parse_query_accepts_none_as_empty(ctx):
    assert parse_query(None, ctx).state == default_state(ctx)


# --------------------------------------------------------------------------------------------------
# Per-parameter parsers: valid / invalid / missing
# --------------------------------------------------------------------------------------------------

PARSER_CASES = [
    (lambda raw: us.parse_indicator(raw, CTX), "gdp_pc", "invalid-key"),
    (lambda raw: us.parse_year(raw, (2010, 2020)), "2010", "2011"),
    (us.parse_classes, "fisher_jenks-4", "fisher_jenks-1"),
    (lambda raw: us.parse_sel(raw, CTX), "110100", None),  # sel is repaired, never invalid
    (lambda raw: us.parse_view(raw, CTX), "640000", "640100"),
    (lambda raw: us.parse_tab(raw, CTX), "scatter", "map"),
    (us.parse_lang, "zh", "cn"),
    (lambda raw: us.parse_present(raw, CTX), "1", "true"),
    (lambda raw: us.parse_scene(raw, CTX, True), "3", "1.0"),
    (us.parse_ds, "abcdef12", "abcdef1"),
    (lambda raw: us.parse_palette(raw, CTX), "YlGnBu", "ylgnbu"),
    (us.parse_version, "0", "-1"),
]


@pytest.mark.parametrize(("parser", "good", "bad"), PARSER_CASES)
def test_parameter_parser_returns_valid_invalid_missing(parser, good, bad):
    assert parser(good).status == "valid"
    assert parser(None).status == "missing"
    assert parser("").status == "missing"
    if bad is not None:
        result = parser(bad)
        assert (result.status, result.value) == ("invalid", None)
        assert result.message_en and result.message_zh


def test_parse_present_without_scenes_is_invalid():
    assert us.parse_present("1", _small_context(scene_count=0)).status == "invalid"


# --------------------------------------------------------------------------------------------------
# Migrations
# --------------------------------------------------------------------------------------------------


def test_migrations_version_0_renames_legacy_parameters():
    legacy = [("ind", "gdp"), ("codes", "110100,120100"), ("lang", "cn"), ("tab", "trend"), ("lang", "en")]
    assert MIGRATIONS[0](legacy) == [
        ("indicator", "gdp"),
        ("sel", "110100~120100"),
        ("lang", "zh"),
        ("tab", "trend"),
        ("lang", "en"),
    ]


def test_migrations_current_version_counts_migrations(ctx):
    assert CURRENT_VERSION == len(MIGRATIONS) == 1
    assert parse_query("?ind=gdp_pc", ctx).version == 0
    assert parse_query("?tab=trend&v=1", ctx).version == 1
    assert parse_query("?tab=trend&v=9", ctx).version == CURRENT_VERSION


def test_migrations_legacy_link_is_rewritten_in_current_format(ctx):
    legacy = parse_query("?ind=gdp_per_capita&year=2015&codes=640100,640200&lang=cn", ctx)
    assert legacy.notices == ()
    assert write_query(legacy.state, ctx) == "?indicator=gdp_pc&year=2015&sel=640100~640200&lang=zh&v=1"


# --------------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------------


def test_state_with_replaces_fields_and_stores_sel_as_tuple(ctx):
    state = state_with(default_state(ctx), sel=["110100", "120100"], tab="trend")
    assert state.sel == ("110100", "120100") and state.tab == "trend"
    assert hash(state) == hash(state_with(state))
    with pytest.raises(TypeError):
        state_with(state, colour="red")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"scheme": "kmeans", "k": 5},
        {"scheme": "quantiles", "k": 2},
        {"scheme": "quantiles", "k": 10},
        {"scheme": "quantiles", "k": 5, "breaks": (1.0, 2.0)},
        {"scheme": "user_defined", "breaks": (1.0,)},
        {"scheme": "user_defined", "breaks": (2.0, 1.0)},
        {"scheme": "user_defined", "breaks": (1.0, math.inf)},
    ],
)
def test_class_spec_rejects_invalid_specs(kwargs):
    with pytest.raises(ValueError):
        ClassSpec(**kwargs)


def test_class_spec_user_defined_sets_k_from_breaks():
    assert ClassSpec("user_defined", breaks=(1, 2, 3)).k == 4


@pytest.mark.parametrize(
    "overrides",
    [
        {"default_indicator": "missing"},
        {"indicator_years": {"pop": ()}},
        {"tabs": ()},
        {"zoom_range": (5.0, 2.0)},
        {"scene_count": -1},
    ],
)
def test_context_rejects_inconsistent_setup(overrides):
    with pytest.raises(ValueError):
        _small_context(**overrides)


def test_url_state_module_is_pure():
    imported = set()
    for node in (
        n for m in (model, migrations, parse, write) for n in ast.walk(ast.parse(Path(m.__file__).read_text("utf-8")))
    ):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert not imported & {"dash", "flask", "plotly", "pandas", "numpy"}


def test_url_state_docstring_examples_run():
    results = [doctest.testmod(m, optionflags=doctest.ELLIPSIS) for m in (model, migrations, parse, write)]
    failed, attempted = sum(r.failed for r in results), sum(r.attempted for r in results)
    assert attempted >= 20
    assert failed == 0


# --------------------------------------------------------------------------------------------------
# Properties (hypothesis)
# --------------------------------------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "%3Cscript%3E",
    "javascript:alert(1)",
    "' OR 1=1 --",
    "\x00\x01\x7f",
    "\u202e\u200b\ufeff",
    "😀🇨🇳",
    "北京市",
    "１２３",
    "nan",
    "inf",
    "-0",
    "1e999",
    "9" * 5000,
    "x" * 20_000,
    "~".join(["110100"] * 500),
    "~" * 300,
    ",,,",
    "%",
    "%%25",
    "+",
    "=",
    "&",
]
KEYS = st.one_of(st.sampled_from((*us.PARAMETERS, "ind", "codes", "foo", "", "V", "lang ")), st.text(max_size=8))
VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    st.sampled_from(("gdp_pc", "pop", "2015", "2016", "quantiles-5", "user_defined-1_2", "640000", "1", "zh")),
    st.sampled_from(PREFECTURES).map(lambda c: c + "~120100,999999"),
    st.from_regex(r"-?[0-9]{1,3}(\.[0-9]{1,6})?,-?[0-9]{1,3}(\.[0-9]{1,3})?,[0-9]{1,2}(\.[0-9])?", fullmatch=True),
    st.from_regex(r"(quantiles|fisher_jenks|equal_interval)-[0-9]{1,2}", fullmatch=True),
    st.lists(st.floats(), min_size=0, max_size=10).map(lambda xs: "user_defined-" + "_".join(map(repr, xs))),
    st.integers().map(str),
    st.text(),
)


@st.composite
def query_strings(draw) -> str:
    pairs = draw(st.lists(st.tuples(KEYS, VALUES, st.sampled_from(("raw", "quote", "quote_plus"))), max_size=12))
    encoded = []
    for key, value, how in pairs:
        if how == "quote":
            key, value = quote(key, safe=""), quote(value, safe="~,")
        elif how == "quote_plus":
            key, value = quote_plus(key), quote_plus(value, safe="~,")
        encoded.append(f"{key}={value}" if draw(st.booleans()) or value else key)
    return draw(st.sampled_from(("", "?", "??"))) + "&".join(encoded)


def _assert_parses_to_round_tripping_state(query: str) -> None:
    result = parse_query(query, CTX)
    assert isinstance(result.state, AppState)
    assert all(isinstance(n, Notice) and len(n.value) <= 60 for n in result.notices)
    written = write_query(result.state, CTX)
    assert written.isascii()
    again = parse_query(written, CTX)
    assert again.state == result.state
    assert again.notices == ()


@FUZZ
@given(st.one_of(st.text(), st.text(alphabet="?&=~,%+-_.0123456789abcdefxyz<>/")))
def test_parse_query_fuzz_text_never_raises_and_round_trips(query):
    _assert_parses_to_round_tripping_state(query)


@FUZZ
@given(query_strings())
def test_parse_query_fuzz_structured_never_raises_and_round_trips(query):
    _assert_parses_to_round_tripping_state(query)


finite = st.floats(allow_nan=False, allow_infinity=False)
class_specs = st.one_of(
    st.builds(ClassSpec, st.sampled_from(us.FIXED_K_SCHEMES), st.integers(3, 9)),
    st.lists(finite, min_size=2, max_size=8, unique=True).map(
        lambda xs: ClassSpec("user_defined", breaks=tuple(sorted(xs)))
    ),
)
views = st.one_of(
    st.none(),
    st.sampled_from(sorted(CTX.province_adcodes)),
    st.builds(MapView, st.floats(-90, 90), st.floats(-180, 180), st.floats(3, 12)),
)


@st.composite
def valid_states(draw) -> AppState:
    indicator = draw(st.sampled_from(sorted(CTX.indicator_years)))
    present = draw(st.booleans())
    return AppState(
        indicator=indicator,
        year=draw(st.sampled_from(CTX.indicator_years[indicator])),
        tab=draw(st.sampled_from(CTX.tabs)),
        classes=draw(class_specs),
        sel=tuple(draw(st.lists(st.sampled_from(PREFECTURES), unique=True))),
        view=draw(views),
        lang=draw(st.sampled_from((None, "zh", "en"))),
        present=present,
        scene=draw(st.integers(1, CTX.scene_count)) if present else 1,
        ds=draw(st.none() | st.from_regex(r"[0-9a-f]{8,64}", fullmatch=True)),
        palette=draw(st.none() | st.sampled_from(CTX.palettes)),
    )


@settings(max_examples=400, deadline=None, database=None)
@given(valid_states())
def test_write_query_every_valid_state_round_trips(state):
    written = write_query(state, CTX)
    result = parse_query(written, CTX)
    assert result.state == state
    assert result.notices == ()
    assert (written == "") == (state == DEFAULT)


@pytest.mark.parametrize(("query", "mode"), [("?mode=lisa&v=1", "lisa"), ("", "values"), ("?mode=LISA&v=1", "values")])
def test_parse_query_mode_reads_lisa_and_defaults_to_values(ctx, query, mode):
    state = parse_query(query, ctx).state
    assert state.mode == mode
    assert parse_query(write_query(state, ctx), ctx).state == state
