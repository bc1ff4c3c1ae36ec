"""The two corridor scenes of the presenter are built from the data, and the flows panel's facts from Python."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd

from indicators import corridors
from layouts import flows as flows_layout
from state import flow_scenes
from state.model import example_context
from state.parse import parse_query


def _units() -> pd.DataFrame:
    codes = sorted(corridors.unit_codes())
    return pd.DataFrame({"adcode": codes, "name_zh": [f"zh{c}" for c in codes], "name_en": [f"en{c}" for c in codes],
                         "province_zh": ["p"] * len(codes)})


def test_scene_captions_name_the_top_partners_with_their_index_from_the_table():
    go_home, come_back = flow_scenes.flow_scenes(7, units=_units())
    # Shenzhen's first three destinations and Chongqing's first three return-wave origins, as the table has them
    for code, window, direction, scene in (("440300", "sf2020_pre", "out", go_home),
                                           ("500000", "sf2021_post", "in", come_back)):
        top = corridors.partners(code, window, direction, 5).head(3)
        for partner, index in zip(top["adcode"], top["index"], strict=True):
            assert f"en{partner} ({index:.2f})" in scene["caption_en"]
            assert f"zh{partner}（{index:.2f}）" in scene["caption_zh"]
    assert "not persons" in go_home["caption_en"] and "不是人数" in come_back["caption_zh"]


def test_scene_captions_change_when_the_data_changes(monkeypatch):
    real = corridors.partners

    def shifted(*args, **kwargs):
        frame = real(*args, **kwargs).copy()
        frame["index"] = frame["index"] + 1
        return frame

    monkeypatch.setattr(corridors, "partners", shifted)
    go_home, _ = flow_scenes.flow_scenes(1, units=_units())
    assert "(23.43)" in go_home["caption_en"]  # Dongguan 22.43 + 1: the caption is computed, not typed


def test_scene_queries_open_flows_for_the_named_units_without_notices():
    go_home, come_back = flow_scenes.flow_scenes(7, units=_units())
    base = example_context()
    years = {**base.indicator_years, "sf2020_pre_out_cross_province_share": (2020,),
             "sf2021_post_in_cross_province_share": (2021,)}
    ctx = dataclasses.replace(base, indicator_years=years, adcodes=frozenset({"440300", "441900", "500000", "640100"}))
    a, b = parse_query(go_home["query"], ctx), parse_query(come_back["query"], ctx)
    assert a.notices == () and b.notices == ()
    assert (a.state.sel, a.state.flows, a.state.window) == (("440300", "441900"), "out", "sf2020_pre")
    assert (b.state.sel, b.state.flows, b.state.window) == (("500000", "640100"), "in", "sf2021_post")
    assert go_home["title_en"].startswith("7 · ") and come_back["title_zh"].startswith("8 · ")


def test_a_municipality_gets_no_cross_province_share_in_its_caption():
    _, come_back = flow_scenes.flow_scenes(8, units=_units())
    assert "every partner lies in another province" in come_back["caption_en"]
    assert "100.0 %" not in come_back["caption_en"]


def test_flows_config_carries_words_in_both_languages_and_the_facts_given():
    cfg = json.loads(
        flows_layout.flows_config({"440300": [1, 2]}, [{"key": "w"}], {"min": 5}, ["#fff"], {"en": "u"}, {"en": "s"})
    )
    assert set(cfg["words"]) == {"zh", "en"} and cfg["words"]["zh"]["flows_in"] == "迁入（来源）"
    assert cfg["top"]["choices"] == list(flows_layout.TOP_CHOICES) and cfg["selectionStore"] == "selection-store"
