"""Tests of ``geodata.county_search``: a tiny inline table first, then the drawn counties of the census."""

from __future__ import annotations

import pandas as pd
import pytest

from geodata.county_search import build_county_keys, query_words, search_counties


@pytest.fixture
def counties() -> pd.DataFrame:
    """Two 朝阳区 and two 铁西区 (names repeat across China) and two Ningxia units."""
    return pd.DataFrame(
        {
            "adcode": ["110105", "220104", "210106", "210303", "640104", "640522"],
            "name_zh": ["朝阳区", "朝阳区", "铁西区", "铁西区", "兴庆区", "海原县"],
            "name_en": ["Chaoyang District", "Chaoyang District", "Tiexi District", "Tiexi District",
                        "Xingqing District", "Haiyuan County"],
            "prefecture_zh": ["北京市", "长春市", "沈阳市", "鞍山市", "银川市", "中卫市"],
            "prefecture_en": ["Beijing", "Changchun", "Shenyang", "Anshan", "Yinchuan", "Zhongwei"],
            "province_zh": ["北京市", "吉林省", "辽宁省", "辽宁省", "宁夏回族自治区", "宁夏回族自治区"],
            "province_en": ["Beijing", "Jilin", "Liaoning", "Liaoning", "Ningxia", "Ningxia"],
        }
    )


@pytest.fixture
def keys(counties):
    return build_county_keys(counties)


def test_search_counties_a_repeated_name_lists_every_county_in_table_order(keys):
    assert search_counties("朝阳区", keys) == ["110105", "220104"]
    assert search_counties("tiexi", keys) == ["210106", "210303"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("朝阳区 长春", ["220104"]),
        ("朝阳 长春市", ["220104"]),
        ("长春 朝阳区", ["220104"]),  # the prefecture first
        ("朝阳区长春", ["220104"]),  # written together, no space
        ("Chaoyang, Changchun", ["220104"]),
        ("chaoyang beijing", ["110105"]),
        ("铁西区 辽宁", ["210106", "210303"]),  # the province narrows to both of Liaoning's
        ("铁西区·鞍山", ["210303"]),
    ],
)
def test_search_counties_accepts_county_name_with_its_prefecture_or_province(keys, query, expected):
    assert search_counties(query, keys) == expected


def test_search_counties_a_qualifier_that_does_not_fit_finds_nothing(keys):
    assert search_counties("朝阳区 银川", keys) == []
    assert search_counties("兴庆区 北京", keys) == []


def test_search_counties_ranks_own_names_before_prefecture_and_province_names(counties):
    # a county named like another unit's prefecture: its own name comes first
    table = pd.concat(
        [counties, pd.DataFrame([{"adcode": "999901", "name_zh": "长春县", "name_en": "Changchun County",
                                  "prefecture_zh": "某市", "prefecture_en": "Moushi",
                                  "province_zh": "某省", "province_en": "Mousheng"}])],
        ignore_index=True,
    )
    assert search_counties("长春", build_county_keys(table)) == ["999901", "220104"]
    assert search_counties("宁夏", build_county_keys(table)) == ["640104", "640522"]


@pytest.mark.parametrize("query", [None, "", "   ", "<script>", "·,;", "x" * 500, 42])
def test_search_counties_odd_queries_find_nothing(keys, query):
    assert search_counties(query, keys) == []


def test_query_words_keeps_at_most_three_words():
    assert query_words("a b c d") == ["a", "b", "c"]


def test_build_county_keys_names_a_missing_column(counties):
    with pytest.raises(ValueError, match="prefecture_zh"):
        build_county_keys(counties.drop(columns="prefecture_zh"))


# --------------------------------------------------------------------------- the census's drawn counties


@pytest.fixture(scope="module")
def census_keys():
    from state import county_display

    table = county_display.search_table()
    return build_county_keys(table), table.set_index("adcode")


def test_xingqing_yinchuan_finds_640104_among_the_drawn_counties(census_keys):
    keys, table = census_keys
    assert search_counties("兴庆区 银川", keys) == ["640104"]
    assert search_counties("xingqing yinchuan", keys) == ["640104"]
    assert table.at["640104", "prefecture_zh"] == "银川市" and table.at["640104", "province_zh"] == "宁夏回族自治区"


def test_chaoyang_alone_lists_beijing_and_changchun_and_a_prefecture_narrows_it(census_keys):
    keys, table = census_keys
    found = search_counties("朝阳区", keys)
    assert {"110105", "220104"} <= set(found)
    assert all(table.at[c, "name_zh"] == "朝阳区" for c in found)
    assert search_counties("朝阳区 长春", keys) == ["220104"]
