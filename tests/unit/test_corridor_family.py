"""The six corridor indicators are registered like the others: store values, picker, bundle, metadata."""

from __future__ import annotations

import math

import pytest

from indicators import corridor_indicators as ci
from indicators import store
from indicators.registry import FAMILIES, REGISTRY, get_indicator
from layouts.page import indicator_options

KEYS = tuple(ci.DERIVED)


def test_every_derived_corridor_indicator_is_registered_in_the_migrant_family():
    assert len(KEYS) == 6
    for key in KEYS:
        ind = get_indicator(key)
        assert ind.family == "migrant"
        assert ind.formula and "index" in ind.formula
        assert "not persons" in ind.caveat_en and "不是人数" in ind.caveat_zh
        assert "fallback" in ind.caveat_en
        assert "baidu_spring_festival_corridors_2020_2021.csv.gz" in ind.source_table
        assert "persons" not in ind.unit_en and "人" not in ind.unit_zh


def test_pre_festival_indicators_are_2020_and_return_wave_ones_2021():
    assert {get_indicator(k).years for k in KEYS if k.startswith("sf2020_pre")} == {(2020,)}
    assert {get_indicator(k).years for k in KEYS if k.startswith("sf2021_post")} == {(2021,)}


def test_corridor_indicators_appear_in_the_indicator_picker_under_migrant_workers():
    options = indicator_options(list(REGISTRY.values()), FAMILIES, "en")
    values = [o["value"] for o in options]
    header = values.index("__family_migrant")
    following = values[header + 1 :]
    next_header = next(i for i, v in enumerate(following) if v.startswith("__family_"))
    assert set(KEYS) <= set(following[:next_header])


@pytest.mark.parametrize("key", KEYS)
def test_store_rows_equal_the_derived_function_and_missing_stays_missing(key):
    rows = store.compute_indicator(key)
    year = get_indicator(key).years[0]
    assert set(rows.year) == {year}
    stored = rows.set_index("adcode")["value"]
    expected = ci.derived_values(key)
    for code, value in expected.items():
        if math.isnan(value):
            assert code not in stored.index or math.isnan(stored[code]), code  # never 0
        else:
            assert stored[code] == pytest.approx(value)


def test_shenzhen_top_destination_share_and_concentration_in_the_store():
    top = store.compute_indicator("sf2020_pre_out_top_partner_share").set_index("adcode")["value"]
    hhi = store.compute_indicator("sf2020_pre_out_partner_hhi").set_index("adcode")["value"]
    assert round(float(top["440300"]), 1) == 9.1  # 东莞 22.43 of 247.69 index points
    assert round(float(hhi["440300"]), 3) == 0.026


def test_taiwan_has_no_return_wave_value_in_the_store_rather_than_zero():
    rows = store.compute_indicator("sf2021_post_in_top_partner_share").set_index("adcode")["value"]
    assert "710000" not in rows.index or math.isnan(rows["710000"])


def test_corridor_indicators_name_palettes_the_map_can_draw():
    from indicators.classify import PALETTES

    for key in KEYS:
        assert get_indicator(key).palette in PALETTES, key
