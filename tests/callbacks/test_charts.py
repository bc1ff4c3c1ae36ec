"""Chart callbacks called directly: the selection reaches every chart, and chart clicks reach the selection.

Links tested in each direction: map -> charts (the selection store drives the figures and the grid),
grid -> map (row click), scatter -> map (dot click), peers -> map (button). ``ctx.triggered_id`` is
set through ``dash._callback_context.context_value`` as Dash does when it runs a callback.
"""

from __future__ import annotations

import dash
import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict

from callbacks import charts
from indicators import store
from indicators.bundle import display_number
from layouts import ids
from layouts.charts import peers
from state.model import TABS

YINCHUAN, SHENZHEN = "640100", "440300"


@pytest.fixture
def triggered():
    """Set what triggered the callback: ``triggered("selection-store.data")``; restored afterwards."""
    token = None

    def set_(*prop_ids):
        nonlocal token
        token = context_value.set(AttributeDict(triggered_inputs=[{"prop_id": p, "value": None} for p in prop_ids]))

    yield set_
    if token is not None:
        context_value.reset(token)


def find(component, predicate):
    """Every component of a Dash tree that satisfies ``predicate`` (depth first)."""
    found = []
    stack = [component]
    while stack:
        c = stack.pop()
        if isinstance(c, list | tuple):
            stack.extend(c)
            continue
        if c is None or isinstance(c, str | int | float):
            continue
        if predicate(c):
            found.append(c)
        stack.append(getattr(c, "children", None))
    return found


def graphs(tree):
    return find(tree, lambda c: isinstance(c, dash.dcc.Graph))


def text_of(tree) -> str:
    parts = []
    stack = [tree]
    while stack:
        c = stack.pop()
        if isinstance(c, list | tuple):
            stack.extend(c)
        elif isinstance(c, str):
            parts.append(c)
        elif c is not None and not isinstance(c, int | float):
            stack.append(getattr(c, "children", None))
    return " ".join(parts)


# --------------------------------------------------------------------------------------------------
# map -> charts
# --------------------------------------------------------------------------------------------------


def test_compare_chart_shows_the_selected_units_with_their_values(triggered):
    triggered(f"{ids.SELECTION}.data")
    tree = charts.render_tab("compare", [YINCHUAN, SHENZHEN], "pop_resident", 2020, "en")
    (graph,) = graphs(tree)
    bars = graph.figure.data[0]
    assert list(bars.customdata) == [SHENZHEN, YINCHUAN]  # highest first
    assert list(bars.y) == ["Shenzhen", "Yinchuan"]
    values = store.indicator_values("pop_resident", 2020)
    # bars show the published precision (1 decimal here), the digits the browser's bundle carries too
    assert list(bars.x) == [display_number(values[SHENZHEN], 1), display_number(values[YINCHUAN], 1)]
    assert list(bars.x) == pytest.approx([values[SHENZHEN], values[YINCHUAN]], abs=0.05)
    assert "2020" in graph.figure.layout.title.text and "10,000 persons" in graph.figure.layout.title.text


def test_compare_chart_follows_a_new_selection(triggered):
    triggered(f"{ids.SELECTION}.data")
    tree = charts.render_tab("compare", ["110000"], "pop_resident", 2020, "zh")
    (graph,) = graphs(tree)
    assert list(graph.figure.data[0].y) == ["北京市"]


def test_compare_chart_without_selection_shows_the_extremes_and_a_hint(triggered):
    triggered(f"{ids.TABS}.value")
    tree = charts.render_tab("compare", [], "pop_resident", 2020, "en")
    (graph,) = graphs(tree)
    top, bottom = graph.figure.data[0], graph.figure.data[1]
    assert len(top.y) == 10 and len(bottom.y) == 10
    assert "Shanghai" in top.y  # largest resident population in 2020 after Chongqing
    assert "Click units on the map" in text_of(tree)


def test_compare_chart_summarises_a_large_selection_as_others(triggered):
    triggered(f"{ids.SELECTION}.data")
    codes = charts.units().index[:40].tolist()
    tree = charts.render_tab("compare", codes, "pop_resident", 2020, "en")
    (graph,) = graphs(tree)
    assert len(graph.figure.data[0].y) == 15
    assert "+ 25 other selected units" in graph.figure.layout.title.subtitle.text


def test_unknown_code_in_the_selection_is_ignored_with_a_notice(triggered):
    triggered(f"{ids.SELECTION}.data")
    tree = charts.render_tab("compare", [YINCHUAN, "999999"], "pop_resident", 2020, "en")
    assert "999999" in text_of(tree)
    (graph,) = graphs(tree)
    assert list(graph.figure.data[0].customdata) == [YINCHUAN]


def test_selection_change_leaves_the_scatter_and_grid_tabs_to_their_own_callbacks():
    def request(tab, only_selection):
        return {
            "tab": tab,
            "sel": [YINCHUAN],
            "indicator": "pop_resident",
            "year": 2020,
            "lang": "en",
            "only_selection": only_selection,
        }

    assert charts.charts_request(request("ranking", True)) is dash.no_update
    assert charts.charts_request(request("scatter", True)) is dash.no_update
    assert charts.charts_request(request("ranking", False)) is not dash.no_update
    assert charts.charts_request(request("compare", True)) is not dash.no_update
    assert charts.charts_request({**request("compare", False), "t": 1700000000123})["t"] == 1700000000123


@pytest.mark.parametrize("bad", [None, [], "x", {"tab": 5, "sel": "640100", "year": "x", "lang": 3}])
def test_a_malformed_charts_request_draws_the_default_tab(bad):
    response = charts.charts_request(bad)
    assert response["t"] == 0 and graphs(response["tree"])


def test_trend_chart_draws_the_selected_units_and_the_nation(triggered):
    triggered(f"{ids.SELECTION}.data")
    tree = charts.render_tab("trend", [YINCHUAN, SHENZHEN], "urbanisation_rate", 2020, "en")
    (graph,) = graphs(tree)
    names = [tr.name for tr in graph.figure.data]
    assert names == ["Shenzhen", "Yinchuan", "China"]
    assert list(graph.figure.data[0].x) == [2010, 2020]


def test_trend_tab_with_one_year_says_so(triggered):
    triggered(f"{ids.TABS}.value")
    tree = charts.render_tab("trend", [YINCHUAN], "pop_change_2010_2020", 2020, "en")
    assert graphs(tree) == [] and "one year only" in text_of(tree)


def test_scatter_highlights_the_selected_units():
    fig, notice, label = charts.update_scatter("gdp_per_resident", [], [YINCHUAN, SHENZHEN], "pop_resident", 2020, "en")
    assert label.startswith("Scatter") and "GDP per census resident" in label  # the frame names what is drawn
    grey, selected = fig.data
    assert set(selected.customdata) == {YINCHUAN, SHENZHEN}
    assert YINCHUAN not in set(grey.customdata)
    assert len(grey.customdata) + len(selected.customdata) > 300
    assert notice == []


def test_ranking_grid_marks_the_selection_and_puts_missing_values_last():
    rows, scroll, _notice = charts.update_ranking([SHENZHEN], "gdp_per_resident", 2020, "en", None)
    assert len(rows) == 370
    selected = [r["adcode"] for r in rows if r["selected"]]
    assert selected == [SHENZHEN] and scroll == {"rowId": SHENZHEN, "rowPosition": "middle"}
    ranked = [r for r in rows if r["value"] is not None]
    missing = rows[len(ranked) :]
    assert [r["rank"] for r in ranked[:3]] == [1, 2, 3]
    assert missing and all(r["value"] is None and r["value_text"] == "No data" for r in missing)
    assert all(r["value"] != 0 for r in missing)


def test_ranking_grid_does_not_scroll_to_the_row_just_clicked():
    _rows, scroll, _ = charts.update_ranking([SHENZHEN], "gdp_per_resident", 2020, "en", {"rowId": SHENZHEN})
    assert scroll is dash.no_update


def test_profile_lists_every_indicator_with_provincial_rank(triggered):
    triggered(f"{ids.SELECTION}.data")
    tree = charts.render_tab("profile", [YINCHUAN], "pop_resident", 2020, "en")
    text = text_of(tree)
    assert "Yinchuan" in text and "Resident population" in text and " of 5" in text  # Ningxia has 5 units
    assert find(tree, lambda c: getattr(c, "id", None) == ids.PROFILE_PRINT)
    assert "printable-profile" in tree.className


def test_sectors_chart_of_the_first_selected_unit(triggered):
    triggered(f"{ids.SELECTION}.data")
    tree = charts.render_tab("sectors", [SHENZHEN, YINCHUAN], "pop_resident", 2020, "en")
    (graph,) = graphs(tree)
    points = sum(len(tr.x) for tr in graph.figure.data if tr.type == "scatter")  # one dot per sector
    names = [str(y) for tr in graph.figure.data for y in tr.y]
    assert points == 19 and "Shenzhen" in graph.figure.layout.title.text
    assert any("Manufacturing" in n for n in names)  # the sectors are named on the chart


def test_peers_of_the_first_selected_unit():
    children, codes, disabled = charts.update_peers(list(peers.DEFAULT_PEER_INDICATORS), 5, [YINCHUAN], "en")
    assert codes[0] == YINCHUAN and len(codes) == 6 and not disabled
    assert "excluded for a missing value" in text_of(children)


def test_peers_say_when_the_unit_lacks_an_indicator():
    # Hong Kong has no GDP per resident in the tables
    children, codes, disabled = charts.update_peers(["gdp_per_resident"], 5, ["810000"], "en")
    assert codes == [] and disabled and "has no value" in text_of(children)


# --------------------------------------------------------------------------------------------------
# charts -> map
# --------------------------------------------------------------------------------------------------


def test_grid_row_click_selects_the_unit():
    assert charts.select_from_grid({"rowId": SHENZHEN, "colId": "name", "value": "Shenzhen"}, [YINCHUAN]) == [SHENZHEN]


def test_grid_click_on_the_only_selected_unit_clears_it():
    assert charts.select_from_grid({"rowId": SHENZHEN}, [SHENZHEN]) == []


def test_grid_click_without_a_known_code_changes_nothing():
    assert charts.select_from_grid({"rowId": "999999"}, [YINCHUAN]) is dash.no_update
    assert charts.select_from_grid(None, [YINCHUAN]) is dash.no_update


def test_scatter_click_selects_the_unit():
    click = {"points": [{"curveNumber": 0, "pointIndex": 3, "customdata": YINCHUAN, "x": 1, "y": 2}]}
    assert charts.select_from_scatter(click, [SHENZHEN, "110000"]) == [YINCHUAN]


def test_scatter_click_round_trip_through_the_figure():
    fig, _, _ = charts.update_scatter("gdp_per_resident", [], [], "pop_resident", 2020, "en")
    code = fig.data[0].customdata[7]
    assert charts.select_from_scatter({"points": [{"customdata": code}]}, []) == [code]


def test_peer_button_selects_the_unit_and_its_peers():
    _children, codes, _ = charts.update_peers(list(peers.DEFAULT_PEER_INDICATORS), 10, [YINCHUAN], "en")
    assert charts.select_peers(1, codes) == codes and len(codes) == 11
    assert charts.select_peers(0, codes) is dash.no_update


def test_tab_builders_cover_every_tab_of_the_url_state():
    assert tuple(charts.TAB_BUILDERS) == TABS


def test_every_tab_renders_in_both_languages_without_an_error(triggered):
    triggered(f"{ids.TABS}.value")
    for tab in TABS:
        for lang in ("zh", "en"):
            tree = charts.render_tab(tab, [YINCHUAN, SHENZHEN], "gdp", 2020, lang)
            text = text_of(tree)
            assert "cannot be drawn" not in text and "无法绘制" not in text, (tab, lang)
            for g in graphs(tree):
                assert g.config["toImageButtonOptions"]["format"] == "png" and g.config["displaylogo"] is False
                fig = getattr(g, "figure", None)
                if fig is None:  # the scatter graph is filled by its own callback
                    continue
                assert fig.layout.template.layout.plot_bgcolor == "white"  # simple_white
                source = "来源" if lang == "zh" else "Source"
                assert any(a.text.startswith(source) for a in fig.layout.annotations), (tab, lang)


def test_disparity_tab_shows_the_disparity_panel(triggered):
    triggered(f"{ids.TABS}.value")
    tree = charts.render_tab("disparity", [], "gdp_per_resident", 2020, "en")
    text = text_of(tree)
    assert "How unequal is GDP per census resident? (2020)" in text
    assert "2010 → 2020" in text  # the change panel


def test_the_ranking_grid_follows_a_change_of_the_selection_alone():
    """Its rows are computed here only when the selection alone changed on the ranking tab; any other change
    redraws the whole tab (charts_request), so the rows are not computed twice."""
    request = {"tab": "ranking", "sel": [SHENZHEN], "indicator": "gdp_per_resident", "year": 2020, "lang": "en"}
    rows, scroll, _notice = charts.ranking_follows_selection({**request, "only_selection": True}, None)
    assert rows == charts.update_ranking([SHENZHEN], "gdp_per_resident", 2020, "en", None)[0]
    assert scroll["rowId"] == SHENZHEN
    for other in ({**request, "only_selection": False}, {**request, "tab": "compare", "only_selection": True}):
        assert charts.ranking_follows_selection(other, None) == (dash.no_update,) * 3
    assert charts.charts_request({**request, "only_selection": True, "t": 1}) is dash.no_update


@pytest.mark.parametrize("sel", [5, "440300", None, {"a": 1}, [5, None]])
def test_the_ranking_grid_takes_a_hostile_selection_as_none(sel):
    request = {"tab": "ranking", "only_selection": True, "sel": sel, "indicator": "gdp_per_resident", "year": 2020}
    rows, scroll, _notice = charts.ranking_follows_selection(request, None)
    assert len(rows) > 300 and scroll is dash.no_update


def test_the_ranking_on_the_projector_is_a_table_of_rank_name_province_and_value():
    """The audience reads four columns at 20 px, the first and the last units of the list (the grid's percentile
    and flag columns were cut off at 1280 x 720; its 1.3 MB of code took ~100 ms per scene change)."""
    import json

    from dash._utils import to_json

    from layouts.charts.common import on_projector
    from layouts.charts.ranking import PROJECTOR_BOTTOM, PROJECTOR_TOP
    from tests.component_tree import find_props, with_id

    def tree(projector):
        with on_projector(projector):
            return json.loads(to_json(charts.tab_content("ranking", [SHENZHEN], "gdp_per_resident", 2020, "en")))

    shown = tree(True)
    assert find_props(shown, with_id(ids.RANKING_GRID)) == []
    heads = [p["children"] for p in find_props(shown, lambda n: n.get("type") == "Th")]
    assert heads == ["Rank", "Name", "Province", "Value"]
    rows = find_props(shown, lambda n: n.get("type") == "Tr" and "data-rank" in n["props"])
    ranks = [int(r["data-rank"]) for r in rows]
    # Shenzhen (selected, ranked below the top rows) between the top and the bottom, highlighted
    assert (
        ranks[:PROJECTOR_TOP] == list(range(1, PROJECTOR_TOP + 1))
        and len(ranks) == PROJECTOR_TOP + 1 + PROJECTOR_BOTTOM
    )
    assert [r["data-adcode"] for r in rows if r.get("className") == "selected"] == [SHENZHEN]
    assert rows[PROJECTOR_TOP]["data-adcode"] == SHENZHEN
    desk = find_props(tree(False), with_id(ids.RANKING_GRID))[0]
    assert [c["field"] for c in desk["columnDefs"]][-2:] == ["percentile", "flag"]
