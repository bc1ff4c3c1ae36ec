"""The chart tabs at county level (issue 13), through the callbacks called directly with ``ids.LEVEL`` = county."""

from __future__ import annotations

import pytest
from dash import no_update

from callbacks import charts
from tests.callbacks.test_charts import text_of

COUNTY = {"level": "county", "province": "640000"}
XINGQING, HAIYUAN, YINCHUAN = "640104", "640522", "640100"
KEY = "migrants_other_prov_pct"


def request(tab, sel=(XINGQING,), lang="en"):
    return {"tab": tab, "sel": list(sel), "indicator": KEY, "year": 2020, "lang": lang, "level": "county", "t": 1}


def test_county_ranking_lists_every_census_unit_with_prefecture_and_province():
    rows, scroll, _notice = charts.update_ranking([XINGQING], KEY, 2020, "en", None, COUNTY)
    by_code = {r["adcode"]: r for r in rows}
    assert len(rows) > 2900  # the 2,836 drawn counties and the units the map cannot draw
    assert by_code[XINGQING]["value_text"] == "21.9" and by_code[XINGQING]["selected"]
    assert by_code[XINGQING]["province"] == "Yinchuan · Ningxia"
    assert by_code[HAIYUAN]["value_text"] == "0.9"
    assert sum("not drawn" in r["flag"] for r in rows) >= 100  # functional zones listed, with a note
    assert scroll == {"rowId": XINGQING, "rowPosition": "middle"}


def test_county_ranking_tab_is_drawn_not_refused():
    tree = charts.charts_request(request("ranking"))["tree"]
    assert "prefecture-level units only" not in text_of(tree)
    assert "2020" in text_of(tree)


def test_county_scatter_draws_the_drawn_counties_and_highlights_the_selection():
    fig, _notice, label = charts.update_scatter(None, [], [XINGQING], KEY, 2020, "en", COUNTY)
    codes = [c for trace in fig.data for c in (trace.customdata or [])]
    flat = {c[0] if isinstance(c, list | tuple) else c for c in codes}
    assert XINGQING in flat and len(flat) > 2700 and YINCHUAN not in flat
    assert "Urbanisation" in fig.layout.yaxis.title.text or "urban" in fig.layout.yaxis.title.text.lower()


def test_county_profile_names_the_county_its_prefecture_and_province():
    text = text_of(charts.charts_request(request("profile"))["tree"])
    assert "Xingqing District" in text and "Yinchuan · Ningxia" in text
    assert "Years of schooling" in text or "schooling" in text.lower()


def test_county_peers_are_drawn_counties():
    children, codes, disabled = charts.update_peers(
        ["urbanisation_rate", "avg_schooling_years"], 5, [XINGQING], "en", COUNTY
    )
    assert codes[0] == XINGQING and len(codes) == 6 and not disabled
    from state.county_display import drawn_units

    assert set(codes) <= set(drawn_units().index)


def test_county_trend_tab_has_no_county_version_and_says_why():
    text = text_of(charts.charts_request(request("trend"))["tree"])
    assert "two censuses" in text and "Back to prefectures" in text and "peers, sectors, disparity and table" in text


def test_a_chart_click_at_county_level_selects_a_drawn_county_only():
    assert charts.select_from_grid({"rowId": HAIYUAN}, [XINGQING], COUNTY) == [HAIYUAN]
    assert charts.select_from_grid({"rowId": YINCHUAN}, [XINGQING], COUNTY) is no_update  # a prefecture code
    assert charts.select_from_grid({"rowId": "540172"}, [], COUNTY) is no_update  # a development zone: not drawn
    assert charts.select_from_grid({"rowId": YINCHUAN}, [], None) == [YINCHUAN]  # prefecture level as before


def test_county_peer_button_keeps_drawn_counties():
    assert charts.select_peers(1, [XINGQING, YINCHUAN, HAIYUAN], COUNTY) == [XINGQING, HAIYUAN]


# -- a drilled-down province ranks its own units (presenter scene 7: Chongqing's districts and counties) --------

CHONGQING, NINGXIA = "500000", "640000"
SCENE_7_KEY = "migrants_other_county_pct"


def _province_units_with_a_value(province: str, key: str = SCENE_7_KEY) -> set[str]:
    """The census units of ``province`` with a 2020 value of ``key``, counted from the data."""
    from state import county_charts

    units = county_charts.units()
    values = county_charts.values(key, 2020)
    return {c for c in values.dropna().index if units["province_adcode"].get(c) == province}


def _ranking(view, lang="en", key=SCENE_7_KEY, sel=()):
    return charts.update_ranking(list(sel), key, 2020, lang, None, {"level": "county"}, view)[0]


def test_county_ranking_of_a_drilled_province_ranks_only_its_units_one_to_n():
    rows = _ranking(CHONGQING)
    chongqing = _province_units_with_a_value(CHONGQING)
    assert len(chongqing) > 30  # the data, not a typed count
    assert {r["adcode"] for r in rows} == chongqing
    assert [r["rank"] for r in rows] == list(range(1, len(chongqing) + 1))
    assert all(r["province"] == "Chongqing" for r in rows)
    values = [r["value"] for r in rows]
    assert values == sorted(values, reverse=True)


def test_county_ranking_of_a_drilled_province_keeps_the_national_percentile():
    national = {r["adcode"]: r for r in _ranking(None, key=KEY)}
    for r in _ranking(NINGXIA, key=KEY):
        assert r["percentile"] == national[r["adcode"]]["percentile"] and r["value"] == national[r["adcode"]]["value"]


def test_county_ranking_without_a_province_view_is_national():
    rows = _ranking(None)
    provinces = {r["adcode"][:2] for r in rows}
    assert len(rows) > 2900 and len(provinces) > 30
    assert rows[0]["rank"] == 1 and not rows[0]["adcode"].startswith("50")  # scene 7's national top is elsewhere


@pytest.mark.parametrize("view", ["999999", "170000", "38.5,106.25,7", "", 500000, ["500000"], {"a": 1}, True])
def test_county_ranking_with_a_hostile_view_is_national(view):
    assert _ranking(view) == _ranking(None)
    tree = charts.charts_request({**request("ranking"), "indicator": SCENE_7_KEY, "view": view})["tree"]
    text = text_of(tree)
    assert "Ranked among" not in text and "cannot be drawn" not in text


def test_county_ranking_tab_says_it_ranks_the_drilled_provinces_units():
    n = len(_province_units_with_a_value(CHONGQING))
    req = {**request("ranking", sel=()), "indicator": SCENE_7_KEY, "view": CHONGQING}
    en = text_of(charts.charts_request(req)["tree"])
    assert f"Ranked among Chongqing's {n} districts and counties" in en
    zh = text_of(charts.charts_request({**req, "lang": "zh"})["tree"])
    assert f"在重庆市的 {n} 个区县中排名" in zh


def test_county_ranking_following_the_selection_keeps_the_provinces_scope():
    req = {**request("ranking", sel=("500101",)), "indicator": SCENE_7_KEY, "view": CHONGQING, "only_selection": True}
    rows, scroll, _notice = charts.ranking_follows_selection(req, None)
    assert {r["adcode"] for r in rows} == _province_units_with_a_value(CHONGQING)
    assert scroll == {"rowId": "500101", "rowPosition": "middle"}
    assert [r["adcode"] for r in rows if r["selected"]] == ["500101"]
