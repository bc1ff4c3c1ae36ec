"""Every interface string exists in Chinese and English."""

import pytest

from layouts import i18n

TABLES = {"merged": i18n.STRINGS, **i18n.AREAS}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_strings_every_entry_has_zh_and_en(name):
    missing = [
        key
        for key, entry in TABLES[name].items()
        if not isinstance(entry, dict) or not str(entry.get("zh", "")).strip() or not str(entry.get("en", "")).strip()
    ]
    assert missing == []


@pytest.mark.parametrize("name", sorted(TABLES))
def test_strings_chinese_entries_are_not_english_copies(name):
    # a Chinese string identical to the English one is a missing translation (codes and units aside)
    copies = [
        key
        for key, entry in TABLES[name].items()
        if entry["zh"] == entry["en"] and any(c.isalpha() and c.isascii() for c in entry["en"]) and len(entry["en"]) > 4
    ]
    assert copies == []


def test_t_falls_back_to_english_for_an_unknown_language_and_fails_for_an_unknown_key():
    assert i18n.t("no_data", "fr") == "No data"
    with pytest.raises(KeyError):
        i18n.t("no_such_string", "en")


def test_strings_one_table_holds_every_area_and_no_key_twice():
    assert len(i18n.STRINGS) == sum(len(area) for area in i18n.AREAS.values())
    with pytest.raises(ValueError, match="'no_data' is defined in both 'a' and 'b'"):
        i18n.merge({"a": {"no_data": {"zh": "无", "en": "None"}}, "b": {"no_data": {"zh": "无", "en": "None"}}})


def test_t_formats_its_fields():
    assert i18n.t("rank_of", "zh", rank=3, n=5) == "5个中第3"
