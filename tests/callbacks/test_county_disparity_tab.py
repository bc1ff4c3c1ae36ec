"""The disparity tab at county level (issue 13): three-level Theil, Gini, Moran's I, the counties left out,
the change 2010→2020 on the same counties; through the chart callback called directly."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from callbacks import charts
from indicators.county.disparity import THREE_LEVEL, county_disparity_change, county_disparity_report
from tests.callbacks.test_charts import text_of
from web.analytics_api import register_analytics_routes

KEY = "migrants_other_prov_pct"
PART_CLASSES = ("disparity-bar-between", "disparity-bar-prefecture", "disparity-bar-within")
SHARES = ("share_between_province", "share_between_prefecture_within_province", "share_within_prefecture")


def tab(key=KEY, year=2020, lang="en", present=False):
    request = {"tab": "disparity", "sel": [], "indicator": key, "year": year, "lang": lang, "level": "county", "t": 1}
    return charts.charts_request({**request, "present": present})["tree"]


def find(tree, class_name: str) -> list:
    """Every component under ``tree`` whose class list has ``class_name``."""
    found, stack = [], [tree]
    while stack:
        c = stack.pop()
        if isinstance(c, list | tuple):
            stack.extend(c)
        elif c is not None and not isinstance(c, str | int | float):
            if class_name in str(getattr(c, "className", "") or "").split():
                found.append(c)
            stack.append(getattr(c, "children", None))
    return found


def bar_percentages(tree) -> list[float]:
    (bar,) = find(tree, "disparity-bar")
    assert [p.className for p in bar.children] == list(PART_CLASSES)
    return [float(re.search(r"([\d.]+)%$", p.children).group(1)) for p in bar.children]


@pytest.fixture(scope="module")
def api():
    app = Flask("county-disparity-tab-test")
    register_analytics_routes(app)
    return app.test_client()


@pytest.mark.parametrize("year", [2010, 2020])
def test_county_disparity_tab_three_parts_sum_to_100_and_match_the_report_and_api(api, year):
    tree = tab(year=year)
    shown = bar_percentages(tree)
    assert sum(shown) == pytest.approx(100.0, abs=0.1)
    report = county_disparity_report(KEY, year)
    body = api.get(f"/api/disparity?level=county&indicator={KEY}&year={year}").get_json()
    for pct, share in zip(shown, SHARES, strict=True):
        assert pct == pytest.approx(report[share] * 100, abs=0.05)
        assert pct == pytest.approx(body[share] * 100, abs=0.05)
    (panel,) = find(tree, "county-disparity")
    text = text_of(panel)
    for part in THREE_LEVEL:  # the table: Theil T and its three parts as the report gives them
        assert f"{report[part]:.3f}" in text
    assert f"{report['gini']:.3f}" in text and f"{report['moran_i']:.3f}" in text and "p = 0.001" in text
    assert f"Of the gap in {report['label_en']} between China's counties in {year}, {shown[0]} % lies between" in text
    assert f"{report['n']} counties used" in text and "Source: NBS population censuses" in text
    assert "Indicator unit: %" in text and "Theil T = Σᵢ" in text


def test_county_disparity_tab_2020_shows_the_change_on_the_same_counties():
    tree = tab(year=2020)
    (change_panel,) = find(tree, "disparity-change")
    change = county_disparity_change(KEY, 2010, 2020)
    text = text_of(change_panel)
    assert f"Same {change['n_common']} counties in both years" in text
    assert change["n_common"] == change["a"]["n"] == change["b"]["n"] < county_disparity_report(KEY, 2020)["n"]
    assert f"{change['b']['theil']:.3f}" in text and f"{change['a']['theil']:.3f}" in text
    assert not find(tab(year=2010), "disparity-change")  # nothing earlier than 2010 to compare with


def test_county_disparity_tab_reports_the_counties_left_out():
    report = county_disparity_report("avg_schooling_years", 2020)
    assert report["n_missing"] > 0
    text = text_of(tab("avg_schooling_years", 2020))
    assert f"Left out: {report['n_missing']} counties on the map without a value" in text
    assert f"{report['n_no_polygon']} census units without a polygon on the map (development zones" in text
    old = county_disparity_report(KEY, 2010)
    assert f"Also left out: {old['n_territory_differs']} figures of 2010 on a territory that differs" in text_of(
        tab(year=2010)
    )


def test_county_disparity_tab_gives_the_reason_for_a_signed_indicator():
    tree = tab("pop_change_2010_2020", 2020)
    text = text_of(tree)
    assert "takes negative values" in text and not find(tree, "disparity-bar") and not find(tree, "disparity-table")
    assert "Moran's I" in text  # the spatial pattern is still given


@pytest.mark.parametrize(
    ("key", "year", "notice"),
    [
        ("gdp", 2020, "“gdp” has no county figures: showing"),
        (KEY, 2015, "has no county figures for 2015: showing 2020"),
        (KEY, "2020; drop", "has no county figures for 2020; drop: showing 2020"),
    ],
)
def test_county_disparity_tab_bad_key_or_year_gives_a_visible_notice(key, year, notice):
    tree = tab(key, year)
    notices = find(tree, "chart-notice")
    assert any(notice in text_of(n) for n in notices)
    assert find(tree, "disparity-panel")


def test_county_disparity_tab_failure_is_a_notice_not_a_traceback(monkeypatch):
    import indicators.county.disparity as county_disparity

    def broken(*_args, **_kwargs):
        raise ValueError("county contiguity unreadable")

    monkeypatch.setattr(county_disparity, "county_disparity_report", broken)
    text = text_of(tab())
    assert "This chart cannot be drawn: county contiguity unreadable" in text


def test_county_disparity_tab_in_chinese_and_on_the_projector():
    tree = tab(lang="zh", present=True)
    text = text_of(tree)
    assert "全国各区县" in text and "来自省与省之间" in text and "同一批" in text
    # the prefecture panel's classes, which the projector's CSS (assets/screens.css) styles
    for name in ("disparity-panel", "disparity-title", "disparity-headline", "disparity-bar", "disparity-table"):
        assert find(tree, name), name
    assert find(tree, "tab-disparity")
