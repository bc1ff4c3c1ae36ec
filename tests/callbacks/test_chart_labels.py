"""Charts named for screen readers: every chart of every tab sits in a ``role="img"`` frame whose
``aria-label`` says what it shows (kind, indicator, unit, year, source), in the page's language.

The tabs are built as the chart callback builds them (``charts.tab_content``); the texts expected are
taken from the indicator registry, not copied from the code under test.
"""

from __future__ import annotations

import pytest

from callbacks import charts
from indicators.registry import get_indicator
from layouts.charts import common as fg
from layouts.charts import disparity

YINCHUAN, SHENZHEN = "640100", "440300"
INDICATOR, YEAR = "pop_resident", 2020
KINDS = {"compare": ("Bar chart", "条形图"), "trend": ("Line chart", "折线图"), "sectors": ("Dot and bar chart", "点图与条形图")}


def frames(tree) -> list:
    """The chart frames (``className="chart-frame"``) of a Dash tree, depth first."""
    found, stack = [], [tree]
    while stack:
        c = stack.pop()
        if isinstance(c, list | tuple):
            stack.extend(c)
        elif c is not None and not isinstance(c, str | int | float):
            if getattr(c, "className", None) == "chart-frame":
                found.append(c)
            stack.append(getattr(c, "children", None))
    return found


def aria(component) -> dict:
    props = component.to_plotly_json()["props"]
    return {k: v for k, v in props.items() if k in ("role", "aria-label", "tabIndex")}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("tab", ["compare", "trend", "sectors", "scatter"])
def test_chart_frame_names_kind_indicator_unit_and_year(tab, lang):
    ind = get_indicator(INDICATOR)
    label, unit = (ind.label_zh, ind.unit_zh) if lang == "zh" else (ind.label_en, ind.unit_en)

    (frame,) = frames(charts.tab_content(tab, [YINCHUAN, SHENZHEN], INDICATOR, YEAR, lang))
    attrs = aria(frame)

    assert attrs["role"] == "img" and attrs["tabIndex"] == "0"
    text = attrs["aria-label"]
    assert "<" not in text and "■" not in text, text  # plain text: no Plotly markup, no key symbols
    if tab == "sectors":  # the sector chart is about the unit, not the map's indicator
        assert text.startswith(KINDS[tab][lang == "zh"]) and ("银川市" if lang == "zh" else "Yinchuan") in text
        assert "2010→2020" in text
    elif tab == "scatter":
        assert text.startswith("散点图" if lang == "zh" else "Scatter chart") and label in text and unit in text
    else:
        assert text.startswith(KINDS[tab][lang == "zh"]), text
        assert label in text and unit in text and "2020" in text, text
    if tab != "scatter":
        assert ("来源" if lang == "zh" else "Source: ") in text


def test_compare_chart_label_lists_the_bar_values():
    (frame,) = frames(charts.tab_content("compare", [YINCHUAN], INDICATOR, YEAR, "en"))
    text = aria(frame)["aria-label"]
    (graph,) = [frame.children]
    shown = graph.figure.data[0].hovertext[0]  # "Yinchuan: 285.9 10,000 persons"

    assert shown.startswith("Yinchuan: ") and f"Values: {shown}" in text


def test_unwrap_joins_latin_lines_with_a_space_and_chinese_lines_without():
    assert fg.unwrap(fg.wrap("Residents with hukou in another province", 20)) == (
        "Residents with hukou in another province"
    )
    assert fg.unwrap(fg.wrap("常住人口常住人口常住人口", 8)) == "常住人口常住人口常住人口"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Where the inequality in GDP per census resident (2020) lies: 50 % between provinces, 50 % within"),
        ("zh", "人均地区生产总值（2020年）的不平等构成：省际50%，省内50%"),
    ],
)
def test_disparity_split_bar_names_indicator_and_year(lang, expected):
    report = {
        "indicator": "gdp_per_resident",
        "year": 2020,
        "label_en": "GDP per census resident",
        "label_zh": "人均地区生产总值",
        "share_between_province": 0.5,
    }
    panel = disparity.disparity_panel(report, lang)
    (bar,) = [c for c in panel.children if getattr(c, "className", None) == "disparity-bar"]

    assert aria(bar)["role"] == "img"
    assert aria(bar)["aria-label"].startswith(expected)
