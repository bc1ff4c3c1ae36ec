"""The county level's page pieces (state/county_display.py, web/county_page.py): one national scale,
the files a drill-down loads, the not-drawn note, the links between levels, the compare references."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators import classify as cls
from indicators.county import county_values
from state import county_display
from state import deployment as st
from state.model import state_with
from web import county_page

KEY, YEAR = "migrants_other_prov_pct", 2020


@pytest.fixture(scope="module")
def hideout():
    hide, _legend, _caption = county_display.county_choropleth(KEY, YEAR, "quantiles", 5, None, [], "en")
    return hide


def test_classes_come_from_the_national_county_distribution(hideout):
    drawn = county_display.drawn_units().index
    national = cls.classify(county_values(KEY, YEAR).reindex(drawn).astype(float), "quantiles", 5)
    expected = {a: int(c) for a, c in national.classes.items() if not pd.isna(c)}
    assert hideout["c"] == expected
    assert hideout["level"] == "county" and len(hideout["c"]) > 2700
    # a Ningxia-only classification would give other classes: the drill-down must not use it
    ningxia = [a for a in drawn if a.startswith("64")]
    local = cls.classify(county_values(KEY, YEAR).reindex(ningxia).astype(float), "quantiles", 5)
    assert any(int(local.classes[a]) != hideout["c"][a] for a in ningxia)


def test_hideout_values_reproduce_the_census_checks(hideout):
    assert hideout["v"]["640104"] == 21.9 and hideout["v"]["640522"] == 0.9


def test_functional_zones_are_neither_drawn_nor_classified(hideout):
    from indicators.county import county_units

    zones = county_units().query("unit_kind == 'functional_zone' and not drawable")["adcode"]
    assert len(zones) > 50 and not set(zones) & set(hideout["c"])


def test_the_map_says_how_many_residents_are_not_drawn():
    note = county_display.not_drawn_note(2020, "en")
    assert "102 census units of 2020" in note and "25.5 million residents are not drawn" in note
    assert "万" in county_display.not_drawn_note(2020, "zh")


def test_a_drill_down_loads_one_province_file_and_the_grey_context():
    state = st.parse("?level=county&view=640000&v=1").state
    urls, context = county_page.county_urls(state)
    assert urls["units"].endswith("/county/640000.pbf") and urls["inset"] is None
    assert context.endswith("/county/prefectures.pbf") and urls["provinces"].endswith("/county/lines.pbf")
    whole, no_context = county_page.county_urls(state_with(state, view=None))
    assert whole["units"].endswith("/county/all.pbf") and whole["inset"].endswith("/county/inset.pbf")
    assert no_context is None


def test_pilot_links_open_the_counties_and_keep_the_indicator():
    state = st.parse(f"?indicator={KEY}&sel=640100&v=1").state
    bar = county_page.drill_links(state, st.context(), "en")
    hrefs = {a.id: a.href for a in bar.children[0].children if getattr(a, "href", None)}
    assert hrefs["county-pilot-ningxia"] == f"/?indicator={KEY}&level=county&view=640000&v=1"
    assert hrefs["county-pilot-chongqing"] == f"/?indicator={KEY}&level=county&view=500000&v=1"
    gdp = st.parse("?indicator=gdp_per_resident&v=1").state  # a prefecture-only indicator: the county default
    hrefs = {
        a.id: a.href
        for a in county_page.drill_links(gdp, st.context(), "en").children[0].children
        if getattr(a, "id", None)
    }
    assert hrefs["county-whole-country"] == "/?level=county&v=1"


def test_county_compare_has_prefecture_province_and_nation_references():
    from indicators import store

    tab = county_display.compare_tab(["640104", "640522"], KEY, YEAR, "en")
    fig = _figure(tab)
    names = [tr["name"] for tr in fig["data"]]
    assert names[:3] == ["Selected", "Its prefecture", "Its province"]
    prefecture = dict(zip(fig["data"][1]["y"], fig["data"][1]["x"], strict=True))
    yinchuan = store.indicator_values(KEY, YEAR)["640100"]
    assert prefecture["Xingqing District · Yinchuan"] == pytest.approx(yinchuan)


def test_county_compare_of_a_count_uses_mean_county_values_not_totals():
    """A prefecture's total residents dwarf a county (the bars were squeezed to nothing beside China's 1.4
    billion): for a count the references are mean county values, named so."""
    tab = county_display.compare_tab(["640104", "640522"], "pop_resident", YEAR, "en")
    fig = _figure(tab)
    names = [tr["name"] for tr in fig["data"]]
    assert names == ["Selected", "Its prefecture, average of its counties", "Its province, average of its counties"]
    values = county_values("pop_resident", YEAR)
    units = county_display.drawn_units()
    yinchuan = values[units.index[units["prefecture_adcode"] == "640100"]].dropna()
    prefecture = dict(zip(fig["data"][1]["y"], fig["data"][1]["x"], strict=True))
    assert prefecture["Xingqing District · Yinchuan"] == pytest.approx(yinchuan.mean())
    # the axis spans the counties' values, not China's total
    assert fig["layout"]["xaxis"]["range"][1] < 2 * values.max()
    assert fig["layout"]["shapes"][0]["name"].startswith("China, average of counties")


def test_county_change_map_compares_the_censuses_where_the_territory_did_not_change():
    from indicators.county.crosswalk import code_changes

    hide, rows, caption = county_display.county_choropleth(KEY, YEAR, "quantiles", 5, None, [], "en", mode="change")
    assert hide["year"] == "2010 → 2020" and hide["level"] == "county"
    change, notes = county_display.county_change(KEY, 2010, 2020)
    # 兴庆区 kept its territory: 2020 share minus 2010 share, in the hideout's values
    expected = county_values(KEY, 2020)["640104"] - county_values(KEY, 2010)["640104"]
    assert change["640104"] == pytest.approx(expected) and hide["v"]["640104"] == pytest.approx(expected, abs=0.05)
    # a unit whose territory changed (Beijing's 东城区 absorbed 崇文区) has no change, and says why
    changed = code_changes().query("territory_changed").code_2020
    assert "110101" in set(changed) and pd.isna(change["110101"]) and "崇文区" in notes["110101"]
    assert "110101" not in hide["c"]
    assert "did not change" in _legend_text(rows)
    # a one-census indicator draws its values
    one, _rows, _cap = county_display.county_choropleth(
        "pop_change_2010_2020", 2020, "quantiles", 5, None, [], "en", mode="change"
    )
    assert one["year"] == 2020


def _figure(component):
    """The first dcc.Graph figure inside a component tree."""
    stack = [component]
    while stack:
        node = stack.pop()
        fig = getattr(node, "figure", None)
        if fig is not None:
            return fig
        children = getattr(node, "children", None)
        stack.extend(children if isinstance(children, list) else [children] if children is not None else [])
    raise AssertionError("no figure")


def _legend_text(rows) -> str:
    parts, stack = [], list(rows)
    while stack:
        node = stack.pop(0)
        children = getattr(node, "children", node if isinstance(node, list | str) else None)
        if isinstance(children, str):
            parts.append(children)
        elif isinstance(children, list):
            stack = list(children) + stack
        elif children is not None:
            stack.insert(0, children)
    return " | ".join(parts)


def test_county_lisa_mode_colours_the_clusters_of_the_county_contiguity_graph():
    from indicators.county.disparity import county_lisa_labels
    from indicators.display import LISA_COLORS, LISA_ORDER

    hide, legend, _caption = county_display.county_choropleth(
        "migrants_other_prov_pct", 2020, "quantiles", 5, None, [], "en", (), "lisa"
    )
    labels = county_lisa_labels("migrants_other_prov_pct", 2020)
    assert hide["level"] == "county" and hide["colors"] == list(LISA_COLORS)
    for code in ("640104", "640522", "500103"):
        assert hide["c"][code] == LISA_ORDER.index(labels[code]), code
    assert hide["v"]["640104"] == pytest.approx(21.9, abs=0.05)  # the tooltip still shows the value
    text = _legend_text(legend)
    assert "High-high" in text and "Queen neighbours, 999 permutations" in text
    assert sum(1 for c in hide["c"].values() if c == LISA_ORDER.index("high-high")) >= 50


def test_county_legend_uses_the_prefecture_maps_readable_labels():
    # one legend rule for both levels (state/map_parts.py): labels from Classes.legend_labels
    _values, classes, _flags = county_display._classified("migrants_other_prov_pct", 2020, "quantiles", 5)
    _hide, legend, _caption = county_display.county_choropleth(
        "migrants_other_prov_pct", 2020, "quantiles", 5, None, [], "en"
    )
    text = _legend_text(legend)
    assert all(lab in text for lab in classes.legend_labels(1))
    assert "a colour means the same number in every province" in text


def test_an_unknown_mode_at_county_level_draws_the_values():
    hide, _legend, _caption = county_display.county_choropleth(
        "pop_resident", 2020, "quantiles", 5, None, [], "en", (), "no-such-mode"
    )
    assert len(hide["colors"]) == 5 and hide["year"] == 2020
