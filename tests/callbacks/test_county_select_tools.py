"""The selection tools at county level (``ids.LEVEL`` = county), called directly on the built county layer."""

from __future__ import annotations

from dash import no_update

from callbacks import select_tools as cb
from layouts import select_tools as tools
from state import county_display
from tests.callbacks.test_select_tools import assert_viewport_contains, draw_feature

WHOLE = {"level": "county", "province": None}
NINGXIA = {"level": "county", "province": "640000"}
CHONGQING_COUNTIES = 38


def county_bounds(code: str) -> tuple[float, float, float, float]:
    gdf = county_display.county_geometry()
    x0, y0, x1, y1 = gdf.loc[gdf["adcode"] == code].total_bounds
    return y0, x0, y1, x1


def test_county_search_shows_prefecture_and_province_beside_a_repeated_name():
    options = cb.search_options("朝阳区", "zh", WHOLE)
    labels = {o["value"]: o["label"] for o in options}
    assert labels["110105"] == "朝阳区 Chaoyang District · 北京市"
    assert labels["220104"] == "朝阳区 Chaoyang District · 长春市 · 吉林"


def test_county_search_accepts_county_and_prefecture_names():
    assert [o["value"] for o in cb.search_options("兴庆区 银川", "en", WHOLE)] == ["640104"]
    assert cb.search_options("兴庆区 银川", "en", WHOLE)[0]["label"] == "Xingqing District 兴庆区 · Yinchuan · Ningxia"


def test_county_search_offers_near_names_for_a_misspelling():
    options = cb.search_options("Haiyaun", "en", WHOLE)  # Haiyuan, but Haiyan (海盐县) is as near
    assert "640522" in [o["value"] for o in options]
    assert all(o["label"].startswith("Did you mean") for o in options)


def test_prefecture_search_is_unchanged_without_the_level():
    assert cb.search_options("yinchuan", "en", None)[0]["value"] == "640100"
    assert cb.search_options("yinchuan", "en", {"level": "prefecture", "province": None})[0]["value"] == "640100"


def test_choose_unit_at_county_level_adds_the_county_and_flies_to_it():
    selection, viewport, box = cb.choose_unit("640104", ["640522"], NINGXIA)
    assert selection == ["640522", "640104"] and box is None
    assert_viewport_contains(viewport, *county_bounds("640104"))


def test_choose_unit_at_county_level_refuses_a_prefecture_code():
    assert cb.choose_unit("640100", [], WHOLE) == (no_update, no_update, no_update)


def test_county_pilots_select_the_counties_of_ningxia_and_chongqing(triggered):
    triggered(tools.PILOT_NINGXIA, "n_clicks", 1)
    selection, viewport = cb.pilot_view(1, 0, WHOLE)
    assert len(selection) == 22 and all(c.startswith("64") for c in selection)
    assert "640104" in selection and "640522" in selection
    triggered(tools.PILOT_CHONGQING, "n_clicks", 1)
    selection, _viewport = cb.pilot_view(0, 1, WHOLE)
    assert len(selection) == CHONGQING_COUNTIES and all(c.startswith("50") for c in selection)


def test_whole_province_at_county_level_selects_its_counties():
    selection, viewport = cb.select_province(1, "640000", [], ["110105"], WHOLE)
    assert len(selection) == 22 and "110105" not in selection
    selection, _viewport = cb.select_province(1, "640000", ["add"], ["110105"], WHOLE)
    assert selection[0] == "110105" and len(selection) == 23


YINCHUAN_BOX = [(38.3, 106.1), (38.6, 106.1), (38.6, 106.45), (38.3, 106.45)]


def test_lasso_at_county_level_selects_counties_not_prefectures():
    selection, toolbar = cb.lasso({"features": [draw_feature(YINCHUAN_BOX, "rectangle")]}, [], [], None, NINGXIA)
    assert "640104" in selection  # Xingqing district
    assert "640100" not in selection and all(c.startswith("64") for c in selection)
    assert toolbar["action"] == "clear all"


def test_lasso_in_a_drill_down_selects_only_the_drawn_province():
    # a box over the Ningxia–Inner Mongolia border: in the Ningxia drill-down only Ningxia's counties
    border = [(38.8, 106.0), (39.4, 106.0), (39.4, 107.0), (38.8, 107.0)]
    drilled, _ = cb.lasso({"features": [draw_feature(border)]}, [], [], None, NINGXIA)
    whole, _ = cb.lasso({"features": [draw_feature(border)]}, [], [], None, WHOLE)
    assert drilled and all(c.startswith("64") for c in drilled)
    assert set(drilled) < set(whole) and any(c.startswith("15") for c in whole)
