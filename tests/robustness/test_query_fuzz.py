"""Hypothesis-generated page queries against the running app: never a 5xx, never a traceback.

Each example is one query string. It is sent as ``GET /?<query>`` and as ``GET /_dash-layout`` with
``Referer: <base>/?<query>`` (the layout reads the page's query from the referrer). Both must answer
200 -- an unusable parameter falls back to its default with a notice -- and the body must show no
Python internals.
"""

from __future__ import annotations

from urllib.parse import quote, quote_plus

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.robustness.robust_helpers import assert_no_traceback

pytestmark = pytest.mark.slow

FUZZ_SETTINGS = settings(
    max_examples=1000,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
#: Keep the request line below gunicorn's ``limit_request_line`` (8190) with room for the path.
MAX_QUERY_CHARS = 6000

KNOWN_KEYS = (
    "indicator", "year", "classes", "sel", "view", "tab", "lang", "present", "scene", "ds", "palette", "v",
    "ind", "codes",  # legacy (version 0) names
)  # fmt: skip
SCRIPTS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=window.__xss=1>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "'; DROP TABLE units; --",
    "{{7*7}}",
    "${7*7}",
    "../../etc/passwd",
    "%00",
    "\u202e\u0000\ufeff",
)
ADCODES = ("110000", "640100", "999999", "000000", "441900", "710000", "12345", "1234567", "abcdef")

values = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.sampled_from(SCRIPTS),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.lists(st.sampled_from(ADCODES), max_size=50).map("~".join),
    st.lists(st.sampled_from(ADCODES), max_size=50).map(",".join),
    st.builds(
        lambda s, k: f"{s}-{k}",
        st.sampled_from(["quantiles", "fisher_jenks", "equal_interval", "user_defined", "nope", ""]),
        st.text(alphabet="0123456789_.-eE,", max_size=30),
    ),
    st.builds(
        lambda a, b, c: f"{a},{b},{c}",
        st.floats(allow_nan=True),
        st.floats(allow_nan=True),
        st.floats(allow_nan=True),
    ),
    st.text(alphabet="x", min_size=500, max_size=1500),
)
keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=12))
encode = st.sampled_from([lambda s: quote(s, safe=""), quote_plus, lambda s: quote(s, safe="=&~,:;/?@!$'()*+")])


@st.composite
def query_strings(draw) -> str:
    """A query string as a browser would send it (percent-encoded), sometimes deliberately broken."""
    pairs = draw(st.lists(st.tuples(keys, values), max_size=12))
    enc = draw(encode)
    parts = [f"{enc(k)}={enc(v)}" for k, v in pairs]
    parts += draw(
        st.lists(st.sampled_from(["", "=", "==", "&", "%", "%zz", "%E4%B8", "x", "year", "sel="]), max_size=3)
    )
    order = draw(st.permutations(parts)) if parts else []
    query = "&".join(order)
    if draw(st.booleans()):  # raw printable ASCII, broken escapes and all
        raw = draw(
            st.text(
                alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E, exclude_characters="#"), max_size=300
            )
        )
        query = f"{query}&{raw}" if query else raw
    return query[:MAX_QUERY_CHARS]


def _check(resp, what: str, query: str) -> None:
    assert resp.status_code < 500, f"{what} answered {resp.status_code} for ?{query!r}"
    assert resp.status_code == 200, f"{what} answered {resp.status_code} for ?{query!r}: {resp.text[:300]}"
    assert_no_traceback(resp.text, f"{what} ?{query!r}")


@FUZZ_SETTINGS
@given(query=query_strings())
def test_page_and_layout_never_fail_for_any_query(http, base_url, query):
    index = http.get(f"{base_url}/?{query}", timeout=30)
    _check(index, "GET /", query)
    layout = http.get(f"{base_url}/_dash-layout", headers={"Referer": f"{base_url}/?{query}"}, timeout=30)
    _check(layout, "GET /_dash-layout", query)
    assert layout.headers["Content-Type"].startswith("application/json")


def test_query_fuzz_strategy_reaches_known_parameters():
    """The generator is not degenerate: it produces the app's own parameter names and script text."""
    seen = set()

    @settings(max_examples=300, derandomize=True, database=None)
    @given(query=query_strings())
    def collect(query):
        seen.update(k for k in KNOWN_KEYS if f"{k}=" in query)
        if "%3Cscript%3E" in query or "<script>" in query:
            seen.add("script")

    collect()
    assert {"indicator", "sel", "view", "script"} <= seen
