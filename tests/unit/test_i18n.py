"""Every interface string exists in Chinese and English."""

import pytest

from layouts import disparity, figures, i18n, select_tools, upload

TABLES = {
    "i18n": i18n.STRINGS,
    "figures": figures.STRINGS,
    "select_tools": select_tools.STRINGS,
    "disparity": disparity.STRINGS,
    "upload": upload.TEXT,
}


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
