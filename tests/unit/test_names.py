"""Tests of ``geodata.names``: English names of the 370 units and 34 provinces, type-ahead search."""

from __future__ import annotations

import doctest
import re

import pandas as pd
import pytest
from pypinyin import Style, lazy_pinyin

from geodata import names
from geodata.names import (
    ENGLISH_OVERRIDES,
    PINYIN_OVERRIDES,
    build_search_keys,
    english_name,
    normalise_query,
    search_units,
    split_name,
    unit_names,
)
from geodata.source import province_table, unit_table

ENGLISH_CHARS = re.compile(r"[A-Za-z][A-Za-z' -]*[A-Za-z]")
NINGXIA = {"640100", "640200", "640300", "640400", "640500"}


@pytest.fixture(scope="module")
def units() -> pd.DataFrame:
    return unit_table()


@pytest.fixture(scope="module")
def named_units(units) -> pd.DataFrame:
    return unit_names(units)


@pytest.fixture(scope="module")
def keys(named_units):
    return build_search_keys(named_units)


@pytest.fixture(scope="module")
def name_en(named_units) -> dict[str, str]:
    return dict(zip(named_units.adcode, named_units.name_en, strict=True))


@pytest.fixture
def tiny_units() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "adcode": ["640100", "360900", "610100"],
            "name_zh": ["银川市", "宜春市", "西安市"],
            "province_zh": ["宁夏回族自治区", "江西省", "陕西省"],
            "unit_type": ["prefecture"] * 3,
        }
    )


# ----------------------------------------------------------------------------- english names


@pytest.mark.parametrize(
    ("adcode", "expected"),
    [
        ("610100", "Xi'an"),
        ("341500", "Lu'an"),
        ("230100", "Harbin"),
        ("650100", "Urumqi"),
        ("150100", "Hohhot"),
        ("222400", "Yanbian Korean Autonomous Prefecture"),
        ("500000", "Chongqing"),
        ("810000", "Hong Kong"),
        ("820000", "Macau"),
        ("710000", "Taiwan"),
        ("110000", "Beijing"),
        ("140400", "Changzhi"),  # pypinyin alone reads zhang
        ("411100", "Luohe"),  # pypinyin alone reads ta
        ("211300", "Chaoyang"),  # pypinyin alone reads zhao
        ("340300", "Bengbu"),
        ("341600", "Bozhou"),
        ("331000", "Taizhou"),
        ("321200", "Taizhou"),
        ("530800", "Pu'er"),
        ("653100", "Kashgar Prefecture"),
        ("232700", "Daxing'anling Prefecture"),
        ("152500", "Xilingol League"),
        ("513400", "Liangshan Yi Autonomous Prefecture"),
        ("522600", "Qiandongnan Miao and Dong Autonomous Prefecture"),
        ("632500", "Hainan Tibetan Autonomous Prefecture"),
        ("632800", "Haixi Mongol and Tibetan Autonomous Prefecture"),
        ("653000", "Kizilsu Kirghiz Autonomous Prefecture"),
        ("652700", "Bortala Mongol Autonomous Prefecture"),
        ("540300", "Qamdo"),
        ("429021", "Shennongjia Forestry District"),
        ("469021", "Ding'an County"),
        ("469029", "Baoting Li and Miao Autonomous County"),
        ("419001", "Jiyuan"),
    ],
)
def test_english_name_hand_checked_units(name_en, adcode, expected):
    assert name_en[adcode] == expected


def test_unit_names_every_unit_has_an_ascii_english_name(named_units):
    bad = [
        (row.adcode, row.name_en)
        for row in named_units.itertuples()
        if not (row.name_en.isascii() and ENGLISH_CHARS.fullmatch(row.name_en))
    ]
    assert len(named_units) == 370
    assert bad == []


def test_unit_names_english_names_unique_within_each_province(named_units):
    duplicated = named_units[named_units.duplicated(["province_adcode", "name_en"], keep=False)]
    assert duplicated[["adcode", "name_en"]].to_numpy().tolist() == []


def test_unit_names_same_name_in_two_provinces_needs_the_province(named_units):
    # 苏州 (Jiangsu) and 宿州 (Anhui) are both Suzhou: only the province tells them apart.
    suzhou = named_units[named_units.name_en == "Suzhou"]
    assert sorted(suzhou.province_en) == ["Anhui", "Jiangsu"]


def test_unit_names_adds_columns_without_touching_the_input(units):
    before = units.copy()
    out = unit_names(units)
    pd.testing.assert_frame_equal(units, before)
    assert list(out.columns) == [*units.columns, "name_en", "province_en"]
    assert out.set_index("adcode").loc["640100", ["name_en", "province_en"]].tolist() == ["Yinchuan", "Ningxia"]


def test_unit_names_missing_column_raises_naming_it(units):
    with pytest.raises(ValueError, match="province_zh"):
        unit_names(units.drop(columns="province_zh"))


def test_english_name_all_provinces():
    expected = {
        "110000": "Beijing",
        "120000": "Tianjin",
        "130000": "Hebei",
        "140000": "Shanxi",
        "150000": "Inner Mongolia",
        "210000": "Liaoning",
        "220000": "Jilin",
        "230000": "Heilongjiang",
        "310000": "Shanghai",
        "320000": "Jiangsu",
        "330000": "Zhejiang",
        "340000": "Anhui",
        "350000": "Fujian",
        "360000": "Jiangxi",
        "370000": "Shandong",
        "410000": "Henan",
        "420000": "Hubei",
        "430000": "Hunan",
        "440000": "Guangdong",
        "450000": "Guangxi",
        "460000": "Hainan",
        "500000": "Chongqing",
        "510000": "Sichuan",
        "520000": "Guizhou",
        "530000": "Yunnan",
        "540000": "Tibet",
        "610000": "Shaanxi",
        "620000": "Gansu",
        "630000": "Qinghai",
        "640000": "Ningxia",
        "650000": "Xinjiang",
        "710000": "Taiwan",
        "810000": "Hong Kong",
        "820000": "Macau",
    }
    provinces = province_table()
    got = {code: english_name(name, "province") for code, name in zip(provinces.adcode, provinces.name_zh, strict=True)}
    assert got == expected


def test_english_name_unit_province_en_matches_province_table(named_units):
    provinces = province_table()
    by_code = {
        code: english_name(name, "province") for code, name in zip(provinces.adcode, provinces.name_zh, strict=True)
    }
    assert (named_units.province_en == named_units.province_adcode.map(by_code)).all()


def test_english_name_unknown_unit_type_raises_listing_valid_types():
    with pytest.raises(ValueError, match="unknown unit_type 'city'; valid: prefecture"):
        english_name("银川市", "city")


@pytest.mark.parametrize("bad", ["", "   ", None])
def test_english_name_empty_name_raises(bad):
    with pytest.raises(ValueError, match="non-empty"):
        english_name(bad, "prefecture")


def test_split_name_keeps_mongol_inside_inner_mongolia():
    assert split_name("内蒙古自治区").core == "内蒙古"
    assert split_name("博尔塔拉蒙古自治州").ethnic == ("蒙古",)


def test_pinyin_overrides_each_correct_a_real_pypinyin_error():
    # An entry that pypinyin already gets right is dead weight; one that no unit uses is a typo.
    cores = {split_name(n).core for n in [*unit_table().name_zh, *province_table().name_zh]}
    for core, syllables in PINYIN_OVERRIDES.items():
        assert core in cores, core
        assert tuple(lazy_pinyin(core, style=Style.NORMAL)) != syllables, core


def test_english_overrides_each_name_a_unit_or_province():
    cores = {split_name(n).core for n in [*unit_table().name_zh, *province_table().name_zh]}
    assert set(ENGLISH_OVERRIDES) - cores == set()


# ----------------------------------------------------------------------------- search


@pytest.mark.parametrize(
    "query", ["银川", "yinchuan", "Yinchuan", "银川市", "YINCHUAN", "  yin chuan ", "ｙｉｎｃｈｕａｎ"]
)
def test_search_units_yinchuan_spellings_put_640100_first(units, keys, query):
    assert search_units(query, units, keys=keys)[0] == "640100"


def test_search_units_pinyin_initials_match(units, keys):
    found = search_units("yc", units, limit=20, keys=keys)
    assert "640100" in found
    assert {"360900", "230700"} <= set(found)  # 宜春, 伊春


@pytest.mark.parametrize(
    ("query", "adcode"),
    [
        ("Kashgar", "653100"),
        ("kashi", "653100"),
        ("haerbin", "230100"),
        ("Harbin", "230100"),
        ("Ürümqi", "650100"),
        ("xi'an", "610100"),
        ("lu'an", "341500"),
        ("luliang", "141100"),
        ("hong kong", "810000"),
        ("Macau", "820000"),
        ("延边", "222400"),
        ("Yanbian Korean Autonomous Prefecture", "222400"),
        ("changzhi", "140400"),
    ],
)
def test_search_units_finds_english_and_pinyin_names(units, keys, query, adcode):
    assert search_units(query, units, keys=keys)[0] == adcode


def test_search_units_exact_before_prefix(units, keys):
    found = search_units("xian", units, keys=keys)
    assert found[0] == "610100"  # 西安 exact, before 咸阳 xianyang, 仙桃 xiantao ...
    assert {"610400", "429004"} <= set(found)


def test_search_units_prefix_before_substring(units, keys):
    found = search_units("安", units, limit=40, keys=keys)
    prefix = {"340800", "410500", "520400", "610900"}  # 安庆 安阳 安顺 安康
    substring = {"610100", "341500", "360800"}  # 西安 六安 吉安
    assert set(found[: len(prefix)]) == prefix
    assert substring <= set(found[len(prefix) :])


def test_search_units_province_name_lists_its_units(units, keys):
    assert set(search_units("宁夏", units, keys=keys)) == NINGXIA
    assert set(search_units("Ningxia", units, keys=keys)) == NINGXIA
    assert set(search_units("宁夏回族自治区", units, keys=keys)) == NINGXIA


def test_search_units_own_name_before_province(units, keys):
    found = search_units("海南", units, limit=30, keys=keys)
    assert found[0] == "632500"  # 海南藏族自治州 in Qinghai
    assert all(code.startswith("46") for code in found[1:])
    assert len(found) == 1 + 19
    jilin = search_units("吉林", units, keys=keys)
    assert jilin[0] == "220200" and all(code.startswith("22") for code in jilin)


def test_search_units_limit(units, keys):
    assert len(search_units("a", units, limit=3, keys=keys)) == 3
    assert search_units("a", units, limit=0, keys=keys) == []
    with pytest.raises(ValueError, match="limit"):
        search_units("a", units, limit=-1, keys=keys)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "\t\n",
        None,
        123,
        b"yinchuan",
        ["银川"],
        "x" * 10_000,
        "银川" * 5_000,
        ".*",
        "(((",
        "[",
        "\\",
        "^$",
        "<script>alert(1)</script>",
        "<b>银川</b>",  # tags are not stripped: 'b银川b' matches nothing
        "'; DROP TABLE units; --",
        "\x00",
        "\ud800",
        "🙂",
        "zzzz",
    ],
)
def test_search_units_hostile_input_returns_empty(units, keys, query):
    assert search_units(query, units, keys=keys) == []


@pytest.mark.parametrize("query", ["%s%n", "a" * 100, "a" * 101, "\u200b", "yin\u0301", "\ufeff银", "i\u0307"])
def test_search_units_odd_input_never_raises_and_returns_known_codes(units, keys, query):
    found = search_units(query, units, keys=keys)
    assert isinstance(found, list) and len(found) <= 10
    assert set(found) <= set(units.adcode)


@pytest.mark.parametrize("query", ["银川.*", "(银川)", " " * 10_000 + "银川", "银川\x00"])
def test_search_units_odd_input_around_a_name_still_finds_it(units, keys, query):
    assert search_units(query, units, keys=keys)[:1] == ["640100"]


def test_search_units_builds_keys_when_not_given(tiny_units):
    assert search_units("xian", tiny_units) == search_units("xian", tiny_units, keys=build_search_keys(tiny_units))
    assert search_units("xian", tiny_units) == ["610100"]


def test_build_search_keys_computes_english_when_missing(tiny_units):
    keys = build_search_keys(tiny_units)
    own = {k.key for k in keys.keys if k.adcode == "610100" and k.own}
    province = {k.key for k in keys.keys if k.adcode == "610100" and not k.own}
    assert {"西安市", "西安", "xian", "xa"} <= own
    assert {"陕西省", "陕西", "shaanxi", "shanxi"} <= province


def test_build_search_keys_missing_column_raises(tiny_units):
    with pytest.raises(ValueError, match="unit_type"):
        build_search_keys(tiny_units.drop(columns="unit_type"))


def test_normalise_query_folds_case_width_accents_and_punctuation():
    assert normalise_query(" Xi'an ") == "xian"
    assert normalise_query("Ürümqi") == "urumqi"
    assert normalise_query("Ｙｉｎｃｈｕａｎ") == "yinchuan"
    assert normalise_query("<b>银川</b>") == "b银川b"
    assert normalise_query(None) == ""


def test_names_docstring_examples_pass():
    result = doctest.testmod(names, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
