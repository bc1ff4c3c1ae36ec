"""The browser's URL writer writes exactly what the Python model writes (one rule, two languages).

``state/write.py`` ``write_query`` is the model; ``assets/map.js`` ``ledAtlas.writeQuery``
reads the parameter order, defaults and version the page emits (``state/url_spec.py``). For a
table of states both must write the same query string, character for character.
"""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

pytestmark = pytest.mark.browser

WRITE_ALL = "(states) => states.map((s) => window.ledAtlas.writeQuery(s))"
REWRITE_ALL = "(queries) => queries.map((q) => window.ledAtlas.writeQuery(window.ledAtlas.readQuery(q)))"
WRITER_READY = (
    "() => !!(window.ledAtlas && window.ledAtlas.writeQuery && document.querySelector('.app[data-url-spec]'))"
)


@pytest.fixture(scope="module")
def ctx():
    from state import deployment as st

    return st.context()


def _states(ctx) -> dict[str, object]:
    from state.model import ClassSpec, MapView, default_state, state_with

    d = default_state(ctx)
    latest = ctx.latest_year("avg_wage")
    ningxia = ("640100", "640200", "640300")
    return {
        "defaults": d,
        "defaults written out": state_with(d, year=ctx.latest_year(d.indicator), classes=ClassSpec("quantiles", 5)),
        "indicator at its latest year": state_with(d, indicator="avg_wage", year=latest),
        "indicator and an earlier year": state_with(d, indicator="avg_wage", year=2015),
        "several codes": state_with(d, sel=ningxia),
        "fisher_jenks-7": state_with(d, classes=ClassSpec("fisher_jenks", 7)),
        "user_defined breaks": state_with(d, classes=ClassSpec("user_defined", breaks=(-1.5, 0, 2.25, 1e6))),
        "palette": state_with(d, palette="YlOrRd"),
        "mode lisa": state_with(d, mode="lisa"),
        "lang zh": state_with(d, lang="zh"),
        "lang en, tab ranking": state_with(d, lang="en", tab="ranking"),
        "present, scene 3": state_with(d, present=True, scene=3, lang="en"),
        "present, scene 1": state_with(d, present=True, scene=1),
        "scene without present": state_with(d, scene=2),
        "dataset": state_with(d, ds="0123abcd", indicator="ds_0123abcd", year=2021),
        "province view": state_with(d, view="640000"),
        "map view": state_with(d, view=MapView(38.5, 106.25, 2.75)),
        "text to encode": state_with(d, indicator="a b/ü&=?", tab="x+y"),
        "flows out": state_with(d, flows="out"),
        "flows in, return wave, top 50": state_with(d, sel=ningxia, flows="in", window="sf2021_post", top=50),
        "window and top without flows": state_with(d, window="sf2021_post", top=50),
        "everything": state_with(
            d,
            indicator="avg_wage",
            year=2015,
            classes=ClassSpec("user_defined", breaks=(100, 300, 600)),
            sel=ningxia,
            view=MapView(-12.5, 100, 1),
            tab="trend",
            lang="zh",
            present=True,
            scene=4,
            ds="fedcba9876543210",
            palette="RdBu",
            mode="lisa",
        ),
    }


def _js_state(state, ctx) -> dict:
    """``state`` as the browser's writer takes it: each parameter's query text (codes as a list)."""
    from state.model import MapView, default_state, state_with
    from state.write import write_query

    view = state.view
    if isinstance(view, MapView):  # its text as the model writes it
        view = parse_qs(write_query(state_with(default_state(ctx), view=view), ctx)[1:])["view"][0]
    return {
        "indicator": state.indicator,
        "year": state.year,
        "classes": state.classes.token,
        "sel": list(state.sel),
        "view": view,
        "tab": state.tab,
        "lang": state.lang,
        "present": "1" if state.present else False,
        "scene": state.scene,
        "ds": state.ds,
        "palette": state.palette,
        "mode": state.mode,
        "flows": state.flows,
        "window": state.window,
        "top": state.top,
    }


def test_url_writers_write_the_same_query_in_python_and_in_the_browser(recorded_page, ctx):
    from state.write import write_query

    page = recorded_page.page
    page.goto("/?lang=en")
    page.wait_for_function(WRITER_READY, polling=100)
    states = _states(ctx)
    expected = {name: write_query(s, ctx) for name, s in states.items()}

    written = page.evaluate(WRITE_ALL, [_js_state(s, ctx) for s in states.values()])

    assert dict(zip(states, written, strict=True)) == expected
    assert expected["defaults"] == "" and expected["everything"].endswith("&v=1")  # the table means something


def test_url_writers_browser_reads_back_what_python_wrote(recorded_page, ctx):
    from state.write import write_query

    page = recorded_page.page
    page.goto("/?lang=en")
    page.wait_for_function(WRITER_READY, polling=100)
    queries = [write_query(s, ctx) for s in _states(ctx).values()]

    assert page.evaluate(REWRITE_ALL, queries) == queries
    assert recorded_page.errors == []
