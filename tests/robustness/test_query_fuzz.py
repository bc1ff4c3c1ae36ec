"""Hypothesis-generated page queries against the running app: never a 5xx, never a traceback.

A derandomized hypothesis run generates 500 query strings. Each is sent as ``GET /?<query>`` and as
``GET /_dash-layout`` with ``Referer: <base>/?<query>`` (the layout reads the page's query from the
referrer). Both must answer 200 -- an unusable parameter falls back to its default with a notice --
and no body may show Python internals. The queries are generated first and then sent by a few
threads, so that the file stays well under a minute; a failure lists the offending queries.
"""

from __future__ import annotations

from urllib.parse import quote, quote_plus

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from state.model import PARAMETERS
from tests.robustness.robust_helpers import assert_no_traceback

pytestmark = pytest.mark.slow

FUZZ_SETTINGS = settings(
    max_examples=500,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
#: No compression: the test reads every body, and compressing 60 kB of layout 500 times costs time.
PLAIN = {"Accept-Encoding": "identity"}
#: Keep the request line below gunicorn's ``limit_request_line`` (8190) with room for the path.
MAX_QUERY_CHARS = 6000

KNOWN_KEYS = (*PARAMETERS, "ind", "codes")  # the URL's parameters (state.model) and legacy (version 0) names
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


def generated_queries() -> list[str]:
    """The query strings of a derandomized hypothesis run of :func:`query_strings` (500 examples)."""
    out: list[str] = []

    @FUZZ_SETTINGS
    @given(query=query_strings())
    def collect(query):
        out.append(query)

    collect()
    return out


def problems_of(session, base_url: str, query: str) -> list[str]:
    """What is wrong with the answers of ``GET /?query`` and ``GET /_dash-layout`` (Referer) -- empty if nothing."""
    found = []
    for what, url, headers in (
        ("GET /", f"{base_url}/?{query}", PLAIN),
        ("GET /_dash-layout", f"{base_url}/_dash-layout", {**PLAIN, "Referer": f"{base_url}/?{query}"}),
    ):
        resp = session.get(url, headers=headers, timeout=30)
        if resp.status_code != 200:
            found.append(f"{what} ?{query!r}: {resp.status_code} {resp.text[:200]}")
        try:
            assert_no_traceback(resp.text, f"{what} ?{query!r}")
        except AssertionError as exc:
            found.append(str(exc)[:400])
        if what == "GET /_dash-layout" and not resp.headers.get("Content-Type", "").startswith("application/json"):
            found.append(f"{what} ?{query!r}: not JSON")
    return found


def test_page_and_layout_never_fail_for_any_query(base_url):
    """500 generated queries, each to both routes; sent by 4 threads (2 workers × 2 threads) to keep the
    file well under a minute, every failing query listed."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    import requests

    queries = generated_queries()
    assert len(queries) >= 500, f"hypothesis generated only {len(queries)} examples"
    queries = list(dict.fromkeys(queries))  # ~97 % are distinct; each distinct query is sent once
    assert len(queries) >= 450
    local = threading.local()

    def check(query: str) -> list[str]:
        if not hasattr(local, "session"):
            local.session = requests.Session()  # keep-alive, one per thread
        return problems_of(local.session, base_url, query)

    with ThreadPoolExecutor(max_workers=4) as pool:
        problems = [p for found in pool.map(check, queries) for p in found]
    assert not problems, f"{len(problems)} problems, e.g.:\n" + "\n".join(problems[:10])


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
