"""Browser tests of the compare tab drawn from the values bundle (issue #7, ``assets/compare.js``).

``ledAtlas.compareTab(indicator, year, sel, lang)`` must return exactly the component tree the server
sends for the compare tab (``charts.tab_content("compare", ...)``): the figure with its data, layout
and template, the config, the hint, the notices and the chart frame's ARIA label. Compared as JSON,
with no tolerance: numbers as numbers (``-0.0`` included), booleans as booleans.

One page serves every case (the map and the bundle load once per module).
"""

from __future__ import annotations

import json
import statistics
from types import SimpleNamespace

import pytest

pytestmark = pytest.mark.browser

YINCHUAN, SHIZUISHAN, SHENZHEN, BEIJING = "640100", "640200", "440300", "110000"
#: Five pairs of units with the same English name (Suzhou, Taizhou, Yichun, Fuzhou, Yulin).
SAME_ENGLISH_NAMES = "320500 341300 321200 331000 230700 360900 350100 361000 450900 610800".split()
#: Taiwan, Hong Kong and Macau: no value for most indicators and no province reference.
WITHOUT_DATA = ["710000", "810000", "820000"]
BAISHAN = "220600"  # its nominal GDP growth in 2020 is shown as -0.0


def first_units(n: int) -> list[str]:
    from callbacks import charts

    return charts.units().index[:n].tolist()


def every_tenth_unit(n: int) -> list[str]:
    from callbacks import charts

    return charts.units().index[::10][:n].tolist()


# (case id, indicator, year, selection, language)
CASES = [
    ("none-count-en", "pop_resident", 2020, [], "en"),
    ("none-count-zh", "pop_resident", 2010, [], "zh"),
    ("one-rate-en", "urbanisation_rate", 2020, [YINCHUAN], "en"),
    ("three-rate-zh", "urbanisation_rate", 2010, [YINCHUAN, SHENZHEN, BEIJING], "zh"),
    ("forty-count-en-others", "pop_resident", 2020, "first 40", "en"),
    ("eighteen-many-years-zh", "gdp_share_tertiary", 2005, "every tenth 18", "zh"),
    ("sixteen-count-many-years-en", "emp_nonprivate", 2003, "every tenth 16", "en"),
    ("missing-values-zh", "urbanisation_rate", 2020, [*WITHOUT_DATA, YINCHUAN], "zh"),
    ("missing-and-no-national-en", "sf2020_net_per10k", 2020, [*WITHOUT_DATA, YINCHUAN, BEIJING], "en"),
    ("signed-en", "net_inmigration_est_pct", 2020, [BEIJING, "120000", YINCHUAN, "620100", "650100"], "en"),
    ("signed-none-zh", "pop_change_2010_2020", 2020, [], "zh"),
    ("signed-count-zh", "net_inmigration_est", 2010, [BEIJING, YINCHUAN, SHIZUISHAN], "zh"),
    ("negative-zero-en", "gdp_growth_nominal", 2020, [BAISHAN, YINCHUAN, BEIJING], "en"),
    ("same-names-en", "pop_resident", 2020, SAME_ENGLISH_NAMES, "en"),
    ("same-names-zh", "pop_resident", 2020, SAME_ENGLISH_NAMES[:4], "zh"),
    ("unknown-and-repeated-codes-en", "pop_resident", 2020, [YINCHUAN, "999999", YINCHUAN, 5], "en"),
    ("thousands-no-decimals-en", "avg_wage", 2005, [BEIJING, SHENZHEN, YINCHUAN], "en"),
    ("two-decimals-none-zh", "census_emp_share_ict", 2020, [], "zh"),
    ("unknown-language-falls-back-to-en", "lq_va_secondary", 2023, [SHENZHEN], "fr"),
]

COMPARE_TAB = "([i, y, s, l]) => window.ledAtlas.compareTab(i, y, s, l)"


def selection_of(sel) -> list:
    if sel == "first 40":
        return first_units(40)
    if isinstance(sel, str) and sel.startswith("every tenth"):
        return every_tenth_unit(int(sel.rsplit(" ", 1)[1]))
    return list(sel)


def canonical(obj):
    """JSON text that tells ``1`` from ``True`` and keeps ``-0.0``; integers and floats alike (``1 == 1.0``)."""

    def norm(x):
        if isinstance(x, bool) or x is None or isinstance(x, str):
            return x
        if isinstance(x, int | float):
            return float(x)
        if isinstance(x, dict):
            return {k: norm(v) for k, v in x.items()}
        if isinstance(x, list | tuple):
            return [norm(v) for v in x]
        raise TypeError(f"not JSON: {type(x)}")

    return json.dumps(norm(obj), sort_keys=True, ensure_ascii=False)


def first_difference(a, b, path="$"):
    """Where two JSON values first differ (for a readable failure)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}: only in {'browser' if k in b else 'server'}"
            found = first_difference(a[k], b[k], f"{path}.{k}")
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items on the server, {len(b)} in the browser"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None
    return None if canonical(a) == canonical(b) else f"{path}: server {a!r} != browser {b!r}"


def server_tree(indicator, year, sel, lang):
    import plotly.utils

    from callbacks import charts

    component = charts.tab_content("compare", sel, indicator, year, lang)
    return json.loads(json.dumps(component.to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder))


@pytest.fixture(scope="module")
def bundle_page(browser, live_server, open_map):
    """One page with the map drawn and the values bundle loaded, shared by the tests of this module."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=live_server, locale="en-US")
    context.set_default_timeout(120_000)  # the whole values bundle on a busy machine (as conftest.py)
    page = context.new_page()
    recorded = SimpleNamespace(page=page, errors=[])
    page.on("console", lambda msg: recorded.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: recorded.errors.append(str(exc)))
    open_map(recorded, "/?lang=en")
    # the page fetches its indicator's family part first; these cases span every family: the whole bundle
    page.wait_for_function("!!(window.ledAtlas && window.ledAtlas.bundle)", polling=100)
    page.evaluate("window.ledAtlas.loadFullBundle()")
    page.wait_for_function("!!window.ledAtlas.bundleFull", polling=100)
    yield recorded
    context.close()


@pytest.mark.parametrize(("indicator", "year", "sel", "lang"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_compare_tab_in_the_browser_is_the_server_tab(bundle_page, indicator, year, sel, lang):
    sel = selection_of(sel)
    drawn = bundle_page.page.evaluate(COMPARE_TAB, [indicator, year, sel, lang])
    served = server_tree(indicator, year, sel, lang)

    assert drawn is not None, "compareTab gave up on a case the bundle covers"
    assert canonical(drawn) == canonical(served), first_difference(served, drawn)
    assert bundle_page.errors == []


def test_compare_tab_cases_cover_what_they_claim():
    """The table holds what its ids say: selections of 1, 3 and 16+, counts, missing values, repeated names."""
    from callbacks import charts
    from indicators import compare, store
    from indicators.registry import get_indicator

    sizes = {len(selection_of(c[3])) for c in CASES}
    assert {0, 1, 3} <= sizes and max(sizes) > compare.MAX_BARS
    assert {c[4] for c in CASES} >= {"en", "zh"}
    assert any(get_indicator(c[1]).aggregation == "sum" for c in CASES)
    assert any(get_indicator(c[1]).diverging for c in CASES)
    assert any(len(get_indicator(c[1]).years) > 20 for c in CASES)
    values = store.indicator_values("urbanisation_rate", 2020)
    assert values.reindex(WITHOUT_DATA).isna().all() and values.notna()[YINCHUAN]
    names = charts.units().loc[SAME_ENGLISH_NAMES, "name_en"]
    assert names.value_counts().eq(2).all()
    assert str(store.indicator_values("gdp_growth_nominal", 2020)[BAISHAN].round(1)) == "-0.0"


# (case id, indicator, year, selection, language): the compare charts of the presenter's scenes, on the projector
PROJECTOR_CASES = [
    ("chongqing-pilot-en", "migrants_other_county_pct", 2020, "pilot chongqing", "en"),
    ("ningxia-pilot-zh", "gdp_per_resident", 2020, "pilot ningxia", "zh"),
    ("none-count-en", "pop_resident", 2020, [], "en"),
    ("missing-and-no-national-en", "sf2020_net_per10k", 2020, [*WITHOUT_DATA, YINCHUAN, BEIJING], "en"),
]


@pytest.mark.parametrize(
    ("indicator", "year", "sel", "lang"), [c[1:] for c in PROJECTOR_CASES], ids=[c[0] for c in PROJECTOR_CASES]
)
def test_compare_tab_on_the_projector_in_the_browser_is_the_server_tab(bundle_page, indicator, year, sel, lang):
    """In presenter mode both draw the projector's style (``compare.PROJECTOR_COMPARE``): no x-axis labels, no
    source line under the chart, rows packed closer."""
    from geodata.select import pilot_units
    from layouts.charts.common import on_projector

    if isinstance(sel, str):
        sel = pilot_units(sel.split()[1])
    drawn = bundle_page.page.evaluate(
        """([i, y, s, l]) => { const app = document.querySelector('.app'), was = app.getAttribute('data-present');
          app.setAttribute('data-present', '1');
          try { return window.ledAtlas.compareTab(i, y, s, l); } finally { app.setAttribute('data-present', was); } }""",
        [indicator, year, sel, lang],
    )
    with on_projector():
        served = server_tree(indicator, year, sel, lang)

    assert drawn is not None, "compareTab gave up on a case the bundle covers"
    assert canonical(drawn) == canonical(served), first_difference(served, drawn)
    layout = served["props"]["children"][-1]["props"]["children"]["props"]["figure"]["layout"]
    assert layout["xaxis"]["showticklabels"] is False
    assert not any(a["text"].startswith("Source") or a["text"].startswith("来源") for a in layout["annotations"])
    assert canonical(drawn) != canonical(server_tree(indicator, year, sel, lang)), (
        "the desk's chart, not the projector's"
    )
    assert bundle_page.errors == []


@pytest.mark.parametrize(
    ("indicator", "year", "sel"),
    [
        ("no_such_indicator", 2020, [YINCHUAN]),  # the server falls back to its default indicator
        ("ds_0123456789ab", 2020, [YINCHUAN]),  # an uploaded dataset is not in the bundle
        ("pop_resident", 2021, [YINCHUAN]),  # not one of its years: the server picks the latest
        ("pop_resident", None, []),
        ("__proto__", 2020, []),
        ("pop_resident", 2020, YINCHUAN),  # a selection that is not a list
    ],
)
def test_compare_tab_leaves_what_the_bundle_cannot_draw_to_the_server(bundle_page, indicator, year, sel):
    assert bundle_page.page.evaluate(COMPARE_TAB, [indicator, year, sel, "en"]) is None
    assert bundle_page.errors == []


def test_text_width_agrees_with_python_for_every_assigned_character(bundle_page):
    """``_width`` (CJK ideographs and punctuation, fullwidth forms: 2 columns) for all of Unicode."""
    import unicodedata

    wide = bundle_page.page.evaluate(
        """() => {
          const w = window.ledAtlas.compareText.width, out = [];
          for (let cp = 0; cp < 0x110000; cp++) {
            if (cp >= 0xd800 && cp <= 0xdfff) continue;
            if (w(String.fromCodePoint(cp)) === 2) out.push(cp);
          }
          return out;
        }"""
    )
    wide = set(wide)
    disagree = [
        hex(cp)
        for cp in range(0x110000)
        if unicodedata.category(chr(cp)) != "Cn"
        and (unicodedata.east_asian_width(chr(cp)) in ("W", "F")) != (cp in wide)
    ]
    assert disagree == []
    assert {0x3001, 0xFF08, 0xFF1A, 0x4E2D} <= wide and not {0xB7, 0x2013, 0x2026, 0x25A0} & wide


def test_wrapping_and_shortening_agree_with_python_on_every_label_and_name(bundle_page):
    from callbacks import charts
    from indicators.registry import REGISTRY
    from layouts.charts import common as fg
    from layouts.i18n import AREAS, t

    texts = [getattr(ind, f) for ind in REGISTRY.values() for f in ("label_en", "label_zh", "source_en", "source_zh")]
    texts += [t(k, lang) for k in AREAS["charts"] for lang in ("en", "zh")]
    names = [n for col in ("name_en", "name_zh") for n in charts.units()[col]]
    drawn = bundle_page.page.evaluate(
        """([texts, names]) => {
          const c = window.ledAtlas.compareText;
          return [texts.map((s) => [c.wrap(s, 52), c.wrap(s), c.unwrap(c.wrap(s, 30))]), names.map((n) => c.shorten(n, 20))];
        }""",
        [texts, names],
    )
    assert drawn[0] == [[fg.wrap(s, 52), fg.wrap(s), fg.unwrap(fg.wrap(s, 30))] for s in texts]
    assert drawn[1] == [fg.shorten(n, 20) for n in names]


def test_compare_tab_takes_a_few_milliseconds(bundle_page):
    """Median of 20 calls, for no selection and for a 40-unit selection (printed with ``-s``)."""
    timing = bundle_page.page.evaluate(
        """(sel) => {
          const median = (args) => {
            const times = [];
            for (let i = 0; i < 20; i++) {
              const t0 = performance.now();
              window.ledAtlas.compareTab(...args);
              times.push(performance.now() - t0);
            }
            times.sort((a, b) => a - b);
            return (times[9] + times[10]) / 2;
          };
          return { none: median(["pop_resident", 2020, [], "en"]), forty: median(["pop_resident", 2020, sel, "zh"]) };
        }""",
        first_units(40),
    )
    print(
        f"\ncompareTab median of 20 calls: {timing['none']:.2f} ms (no selection), {timing['forty']:.2f} ms (40 units)"
    )
    assert statistics.fmean(timing.values()) < 50
