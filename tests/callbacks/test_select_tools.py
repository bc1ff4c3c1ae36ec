"""The selection-tool callbacks called directly, on the built layer (``ctx`` set through ``context_value``)."""

from __future__ import annotations

import sys

import dash
import pytest
from dash import no_update
from dash._callback_context import context_value
from dash._utils import AttributeDict

from callbacks import select_tools as cb
from geodata import layer
from layouts import ids
from layouts import select_tools as tools
from layouts.strings import select_tools as tool_strings

NINGXIA = ["640100", "640200", "640300", "640400", "640500"]
PEARL_RIVER_DELTA = {"440100", "440300", "441900", "440600"}  # Guangzhou, Shenzhen, Dongguan, Foshan


def unit_bounds(code: str) -> tuple[float, float, float, float]:
    """``(y0, x0, y1, x1)`` of one unit in map units."""
    units = layer.prefecture_layer()
    x0, y0, x1, y1 = units.loc[units["adcode"] == code].total_bounds
    return y0, x0, y1, x1


def assert_viewport_contains(viewport: dict, y0: float, x0: float, y1: float, x1: float) -> None:
    assert viewport["transition"] == "flyToBounds"
    (vy0, vx0), (vy1, vx1) = viewport["bounds"]
    assert vy0 <= y0 < y1 <= vy1 and vx0 <= x0 < x1 <= vx1, (viewport["bounds"], (y0, x0, y1, x1))


def draw_feature(corners_latlng: list[tuple[float, float]], shape_type: str = "polygon") -> dict:
    """A feature as Leaflet.draw reports it in the Simple CRS: GeoJSON ``[x, y]`` in map units."""
    ring = [list(layer.lonlat_to_map(lat, lng)[::-1]) for lat, lng in corners_latlng]
    ring.append(ring[0])
    return {
        "type": "Feature",
        "properties": {"type": shape_type, "_leaflet_id": 101},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


PRD_BOX = [(22.45, 112.95), (23.35, 112.95), (23.35, 114.2), (22.45, 114.2)]

# --------------------------------------------------------------------------- search


@pytest.mark.parametrize("query", ["银川", "yinchuan", "Yinchuan", "银川市", "YINCHUAN "])
def test_search_options_find_yinchuan_first(query):
    options = cb.search_options(query, "en")
    assert options[0]["value"] == "640100"


def test_search_options_labels_follow_the_language():
    assert cb.search_options("yinchuan", "zh")[0]["label"] == "银川市 Yinchuan · 宁夏"
    assert cb.search_options("yinchuan", "en")[0]["label"] == "Yinchuan 银川市 · Ningxia"
    # A municipality is its own province: no " · 重庆" tail.
    assert cb.search_options("chongqing", "zh")[0]["label"] == "重庆市 Chongqing"


def test_search_options_carry_keys_for_the_dropdown_filter():
    # The dropdown filters options again in the browser by substrings of label/value/search:
    # pinyin initials are in no label, so they must be in `search`.
    options = cb.search_options("yc", "en")
    assert "640100" in [o["value"] for o in options]
    assert all("yc" in o["search"].split() for o in options)


def test_search_options_keep_the_last_options_while_the_box_is_empty():
    assert cb.search_options(None, "en") is no_update
    assert cb.search_options("   ", "en") is no_update


def test_search_options_nonsense_gives_no_options():
    assert cb.search_options("<script>alert(1)</script>", "en") == []
    assert cb.search_options("zzzzqqq", "zh") == []


def test_choose_unit_adds_it_and_flies_around_ningxia():
    selection, viewport, box = cb.choose_unit("640100", ["110000"])
    assert selection == ["110000", "640100"]
    assert_viewport_contains(viewport, *unit_bounds("640100"))
    # ... and stays near Ningxia: within its box grown by the minimum view size.
    (py0, px0), (py1, px1) = layer.province_bounds("640000")
    (vy0, vx0), (vy1, vx1) = viewport["bounds"]
    assert py0 - 150 < vy0 and vy1 < py1 + 150 and px0 - 150 < vx0 and vx1 < px1 + 150
    assert box is None  # the search box is emptied so the same unit can be chosen again


def test_choose_unit_twice_does_not_repeat_it():
    selection, _viewport, _box = cb.choose_unit("640100", ["640100"])
    assert selection == ["640100"]


@pytest.mark.parametrize("value", [None, "", "999999", "110000; DROP", 640100, ["640100"]])
def test_choose_unit_ignores_anything_but_a_known_code(value):
    assert cb.choose_unit(value, ["110000"]) == (no_update, no_update, no_update)


# --------------------------------------------------------------------------- pilots


def test_pilot_ningxia_selects_exactly_its_five_prefectures(triggered):
    triggered(tools.PILOT_NINGXIA, "n_clicks", 1)
    selection, viewport = cb.pilot_view(1, 0)
    assert selection == NINGXIA
    (py0, px0), (py1, px1) = layer.province_bounds("640000")
    assert_viewport_contains(viewport, py0, px0, py1, px1)


def test_pilot_chongqing_selects_the_municipality_and_its_neighbours(triggered):
    triggered(tools.PILOT_CHONGQING, "n_clicks", 1)
    selection, viewport = cb.pilot_view(0, 1)
    assert selection[0] == "500000"
    assert {"511600", "520300", "422800"} <= set(selection)  # Guang'an, Zunyi, Enshi
    assert len(selection) == len(set(selection))
    for code in ("500000", "520300", "422800"):
        assert_viewport_contains(viewport, *unit_bounds(code))


def test_pilot_view_triggered_by_something_else_changes_nothing(triggered):
    triggered(ids.SELECTION, "data", [])
    assert cb.pilot_view(0, 0) == (no_update, no_update)


def test_pilot_view_on_a_fresh_component_changes_nothing():
    # A button rendered later fires once with nothing in ``triggered_inputs``.
    token = context_value.set(AttributeDict(triggered_inputs=[]))
    try:
        assert cb.pilot_view(0, 0) == (no_update, no_update)
    finally:
        context_value.reset(token)


# --------------------------------------------------------------------------- province


def test_select_province_replaces_the_selection_and_zooms():
    selection, viewport = cb.select_province(1, "640000", [], ["110000"])
    assert selection == NINGXIA
    (py0, px0), (py1, px1) = layer.province_bounds("640000")
    assert_viewport_contains(viewport, py0, px0, py1, px1)


def test_select_province_adds_when_the_add_box_is_ticked():
    selection, _viewport = cb.select_province(1, "640000", ["add"], ["110000", "640100"])
    assert selection == ["110000", *NINGXIA]


def test_select_province_guangdong_has_its_21_prefectures():
    selection, _viewport = cb.select_province(1, "440000", [], [])
    assert len(selection) == 21 and all(code.startswith("44") for code in selection)


@pytest.mark.parametrize("province", [None, "", "990000", "640100"])
def test_select_province_without_a_valid_province_changes_nothing(province):
    assert cb.select_province(1, province, [], ["110000"]) == (no_update, no_update)


# --------------------------------------------------------------------------- lasso


def test_lasso_box_over_the_pearl_river_delta_selects_its_units_and_clears_the_drawing():
    geojson = {"type": "FeatureCollection", "features": [draw_feature(PRD_BOX, "rectangle")]}
    selection, toolbar = cb.lasso(geojson, [], ["110000"], None)
    assert PEARL_RIVER_DELTA <= set(selection)
    assert "110000" not in selection  # replaced
    assert toolbar == {"mode": "remove", "action": "clear all", "n_clicks": 1}


def test_lasso_uses_the_last_drawn_shape_and_counts_the_clears():
    ningxia_box = [(36.0, 105.5), (39.0, 105.5), (39.0, 106.8), (36.0, 106.8)]
    geojson = {"features": [draw_feature(PRD_BOX), draw_feature(ningxia_box)]}
    selection, toolbar = cb.lasso(geojson, [], [], {"mode": "remove", "action": "clear all", "n_clicks": 4})
    assert "640100" in selection and not PEARL_RIVER_DELTA & set(selection)
    assert toolbar["n_clicks"] == 5


def test_lasso_adds_when_the_add_box_is_ticked():
    selection, _toolbar = cb.lasso({"features": [draw_feature(PRD_BOX)]}, ["add"], ["640100"], None)
    assert selection[0] == "640100"
    assert PEARL_RIVER_DELTA <= set(selection)


def test_lasso_ignores_the_empty_collection_its_own_clearing_sends():
    assert cb.lasso({"type": "FeatureCollection", "features": []}, [], ["110000"], None) == (no_update, no_update)
    assert cb.lasso(None, [], ["110000"], None) == (no_update, no_update)


def test_lasso_over_open_sea_keeps_the_selection_but_clears_the_drawing():
    sea = [(10.0, 150.0), (12.0, 150.0), (12.0, 152.0)]
    selection, toolbar = cb.lasso({"features": [draw_feature(sea)]}, [], ["110000"], None)
    assert selection is no_update
    assert toolbar["action"] == "clear all"


def test_lasso_bad_shape_is_cleared_without_touching_the_selection():
    point = {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [3000, 2000]}}
    selection, toolbar = cb.lasso({"features": [point]}, [], ["110000"], None)
    assert selection is no_update and toolbar["action"] == "clear all"


# --------------------------------------------------------------------------- builders and wiring


def _ids(component) -> set[str]:
    found = set()
    stack = [component]
    while stack:
        node = stack.pop()
        if isinstance(node, list | tuple):
            stack.extend(node)
            continue
        if not hasattr(node, "to_plotly_json"):
            continue
        if getattr(node, "id", None):
            found.add(node.id)
        stack.append(getattr(node, "children", None))
    return found


def _output_ids(output) -> set[str]:
    """Component ids of a registered callback's ``Output`` (or list of them)."""
    return {o.component_id for o in (output if isinstance(output, list | tuple) else [output])}


def test_builders_hold_every_id_the_callbacks_use():
    mine = {"search_options", "choose_unit", "pilot_view", "select_province", "lasso"}
    registered = list(dash._callback.GLOBAL_CALLBACK_MAP.values())
    if "app" in sys.modules:  # a Dash app that served a request has taken the global callbacks over
        registered += list(sys.modules["app"].app.callback_map.values())
    used = set()
    for spec in registered:
        if getattr(spec.get("callback"), "__name__", None) in mine:
            used |= {dep["id"] for dep in spec["inputs"] + spec["state"]} | _output_ids(spec["output"])
    assert {tools.SEARCH, tools.DRAW, ids.MAP, ids.SELECTION} <= used, "selection-tool callbacks not registered"
    built = _ids(cb.toolbar("zh")) | _ids(tools.draw_layer()) | {tools.draw_control().id}
    page_ids = {ids.SELECTION, ids.LANG, ids.LEVEL, ids.MAP, ids.DRAWN}  # owned by the page and the map
    assert used - page_ids <= built, used - page_ids - built


def test_draw_layer_offers_only_box_and_polygon_above_the_units():
    pane = tools.draw_layer()
    assert pane.children.id == tools.DRAW_GROUP and pane.children.children == []  # filled after the first paint
    later = tools.draw_later().data
    assert later["target"] == tools.DRAW_GROUP and later["prop"] == "children"
    assert later["value"] == [tools.draw_control().to_plotly_json()] and later["value"][0]["type"] == "EditControl"
    control = tools.draw_control()
    assert control.id == tools.DRAW
    assert {k for k, v in control.draw.items() if v} == {"rectangle", "polygon"}
    assert control.draw["rectangle"]["shapeOptions"]["pane"] == pane.name
    assert pane.style["zIndex"] > 450  # above the units (400) and the border lines (450)


def test_toolbar_province_dropdown_lists_34_provinces_in_the_page_language():
    provinces = tools.province_options(cb.province_choices(), "zh")
    assert len(provinces) == 34
    assert {"label": "宁夏回族自治区 Ningxia", "value": "640000", "search": "宁夏回族自治区 ningxia"} in provinces


def test_every_interface_string_has_chinese_and_english():
    for key, entry in tool_strings.STRINGS.items():
        assert entry.get("zh") and entry.get("en"), key


def test_docstring_examples_run():
    import doctest

    for module in (cb, tools):
        result = doctest.testmod(module)
        assert result.attempted >= 2 and result.failed == 0, module.__name__
