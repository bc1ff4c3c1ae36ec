"""A presenter's scene change in one round trip (issue 17): the server's answer to the scene's URL carries, beside
the controls, the scene's map colours and chart tab -- exactly what the browser would ask for next, keyed by
that request so the browser takes them instead of asking (assets/map.js switchMap / chartsRequest)."""

from __future__ import annotations

import json

import pytest
from dash import no_update
from dash._utils import to_json

from callbacks import charts, url
from callbacks import map as map_callbacks
from layouts.charts.ranking import PROJECTOR_BOTTOM, PROJECTOR_TOP
from state import county_charts
from state import deployment as st

T = 1_796_455_388_781  # the scene change's time (the browser's Date.now())

# restore's outputs: search, the seven controls, mode, selection, notices, scene caption, colours, chart
CONTROLS, COLOURS, CHART = slice(1, 8), -2, -1


def _scene_search(n: int) -> str:
    return f"?present=1&scene={n}&lang=en"


@pytest.mark.parametrize("n", [1, 2, 3, 6])
def test_a_scene_brings_the_colours_and_chart_the_browser_would_ask_for(n):
    out = url.restore(_scene_search(n), "en", T)
    s = st.scene_state(n, "en")
    indicator, year, scheme, k, breaks, palette, tab = out[CONTROLS]
    colours, chart = out[COLOURS], out[CHART]
    # the key is the browser's own request, built from the controls this answer sets
    assert colours["key"] == {
        "indicator": indicator,
        "year": year,
        "scheme": scheme,
        "k": k,
        "breaks": breaks,
        "palette": palette,
        "mode": out[8],
    }
    assert colours["t"] == T
    asked = map_callbacks.recolour_answer(colours["key"], list(s.sel), "en")
    assert colours["hideout"] == asked["hideout"]
    assert to_json(colours["legend"]) == to_json(asked["legend"])
    assert chart["key"] == {
        "tab": tab,
        "sel": out[9],
        "indicator": indicator,
        "year": year,
        "lang": "en",
        "level": "prefecture",
        "view": "",
    }
    assert chart["t"] == T
    again = charts.charts_request({**chart["key"], "present": True, "t": T})
    assert to_json(chart["tree"]) == to_json(again["tree"])


def _table_rows(tree) -> list[tuple[str, int]]:
    """``(code, rank)`` of the rows of the projector's ranking table in ``tree``."""
    from tests.component_tree import find_props

    rows = find_props(json.loads(to_json(tree)), lambda n: n.get("type") == "Tr" and "data-rank" in n["props"])
    return [(r["data-adcode"], int(r["data-rank"])) for r in rows]


def test_a_drilled_province_scene_ranks_its_own_counties_keyed_by_its_view():
    # scene 7: Chongqing's districts and counties (level=county&view=500000&tab=ranking), not China's
    n = next(
        i
        for i, scene in enumerate(st.scenes(), 1)
        if "level=county" in scene["query"] and "tab=ranking" in scene["query"]
    )
    s = st.scene_state(n, "en")
    out = url.restore(_scene_search(n), "en", T)
    chart = out[CHART]
    assert chart["key"]["level"] == "county" and chart["key"]["view"] == s.view == "500000"
    rows = _table_rows(chart["tree"])  # the projector's table: the first and the last of Chongqing's units
    n = len([r for r in county_charts.ranking_rows([], s.indicator, s.year, "en", "500000") if r["rank"] is not None])
    assert rows and {code[:2] for code, _ in rows} == {"50"}
    assert [rank for _, rank in rows] == [*range(1, PROJECTOR_TOP + 1), *range(n - PROJECTOR_BOTTOM + 1, n + 1)]
    again = charts.charts_request({**chart["key"], "present": True, "t": T})
    assert to_json(chart["tree"]) == to_json(again["tree"])


def test_the_compare_tab_at_prefecture_level_is_left_to_the_browser():
    # scene 4: the Ningxia pilot's compare chart is drawn in the page from the values bundle
    out = url.restore(_scene_search(4), "en", T)
    assert out[CHART] is no_update and isinstance(out[COLOURS], dict)


@pytest.mark.parametrize("t", [None, "1", True, [], {"a": 1}])
def test_without_a_scene_change_time_nothing_is_prepared(t):
    out = url.restore(_scene_search(2), "en", t)
    assert out[COLOURS] is no_update and out[CHART] is no_update


def test_back_and_forward_outside_presenter_mode_prepare_nothing():
    out = url.restore("?indicator=gdp_per_resident&year=2020&lang=en", "en", T)
    assert out[COLOURS] is no_update and out[CHART] is no_update
    assert out[1] == "gdp_per_resident"


def test_back_and_forward_leave_the_scene_caption_as_it_is():
    out = url.restore("?indicator=gdp_per_resident&year=2020&lang=en", "en", T)
    assert out[11] is no_update and len(out) == 14


def test_each_press_is_stamped_with_its_own_time_over_one_drawing_of_the_scene():
    first, again = url.restore(_scene_search(2), "en", T), url.restore(_scene_search(2), "en", T + 500)
    assert (first[COLOURS]["t"], again[COLOURS]["t"]) == (T, T + 500)
    assert (first[CHART]["t"], again[CHART]["t"]) == (T, T + 500)
    assert again[CHART]["tree"] is first[CHART]["tree"]  # drawn once (url.scene_parts), not per press
    assert to_json(again[COLOURS]["hideout"]) == to_json(first[COLOURS]["hideout"])


@pytest.mark.parametrize("lang", [["zh"], {"x": 1}, "fr", None])
def test_a_hostile_language_in_the_store_draws_the_scene_in_the_default_language(lang):
    out = url.restore(_scene_search(2), lang, T)
    assert out[CHART]["key"]["lang"] == "en"
