"""Interface strings in Chinese and English: one table, one lookup.

The strings are data in :mod:`layouts.strings` (one module per area of the page); :data:`STRINGS`
merges them, and a key defined in two areas fails at import. Strings the browser needs reach it
through the values bundle's texts (``web/values.py``), never typed again in ``assets/*.js``.

>>> t("no_data", "zh")
'无数据'
>>> t("no_data", "fr")
'No data'
>>> t("others", "en", n=3, shown=15)
'+ 3 other selected units not shown (the 15 highest are drawn)'
"""

from __future__ import annotations

from collections.abc import Mapping

from layouts.strings import charts, county, disparity, flows, page, present, select_tools, table, time, upload
from state.model import LANGUAGES

#: The interface's languages (those a URL may ask for) and the one used for any other.
LANGS = LANGUAGES
DEFAULT_LANG = "en"

#: The tables of :mod:`layouts.strings` by area.
AREAS: dict[str, Mapping[str, dict[str, str]]] = {
    "page": page.STRINGS,
    "charts": charts.STRINGS,
    "select_tools": select_tools.STRINGS,
    "disparity": disparity.STRINGS,
    "upload": upload.STRINGS,
    "table": table.STRINGS,
    "time": time.STRINGS,
    "present": present.STRINGS,
    "flows": flows.STRINGS,
    "county": county.STRINGS,
}


def merge(areas: Mapping[str, Mapping[str, dict[str, str]]]) -> dict[str, dict[str, str]]:
    """One table of the areas' tables; a key in two areas raises ``ValueError`` naming both.

    >>> merge({"a": {"x": {"en": "X", "zh": "甲"}}, "b": {"x": {"en": "X", "zh": "甲"}}})
    Traceback (most recent call last):
    ...
    ValueError: string 'x' is defined in both 'a' and 'b'
    """
    table: dict[str, dict[str, str]] = {}
    home: dict[str, str] = {}
    for area, strings in areas.items():
        for key, entry in strings.items():
            if key in table:
                raise ValueError(f"string {key!r} is defined in both {home[key]!r} and {area!r}")
            table[key], home[key] = entry, area
    return table


STRINGS: dict[str, dict[str, str]] = merge(AREAS)


#: The words of a ``dcc.Dropdown`` (its ``labels`` property) and the strings that give them.
DROPDOWN_WORDS = {
    "select_all": "dd_select_all",
    "deselect_all": "dd_deselect_all",
    "selected_count": "dd_selected_count",
    "search": "dd_search",
    "clear_search": "dd_clear_search",
    "clear_selection": "dd_clear_selection",
    "no_options_found": "dd_no_options",
}


def dropdown_labels(lang: str, **overrides: str) -> dict[str, str]:
    """A ``dcc.Dropdown``'s ``labels`` in ``lang`` (Dash's own are English: "5 selected", "Search").

    >>> dropdown_labels("zh")["selected_count"]
    '已选 {num_selected} 项'
    """
    return {prop: t(key, lang) for prop, key in DROPDOWN_WORDS.items()} | overrides


def year_text(year, lang: str) -> str:
    """A year as the page shows it: an uploaded table without a year column has none (``NO_YEAR``).

    >>> year_text(2020, "zh"), year_text(0, "zh"), year_text(0, "en")
    ('2020', '未注明年份', 'no year given')
    """
    from userdata.indicator import NO_YEAR

    return t("no_year", lang) if year == NO_YEAR else str(year)


def known_lang(lang) -> str:
    """``lang`` when the interface has it, else :data:`DEFAULT_LANG`.

    >>> known_lang("zh"), known_lang("fr"), known_lang(None)
    ('zh', 'en', 'en')
    """
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str, **fmt) -> str:
    """The string ``key`` in ``lang`` (English when the language is unknown), formatted with ``fmt`` if given.

    An unknown key raises ``KeyError`` so that a missing translation fails the tests, not the page.
    Without ``fmt`` the string comes back as it is written (templates keep their ``{fields}``).
    """
    entry = STRINGS[key]
    text = entry.get(known_lang(lang), entry[DEFAULT_LANG])
    return text.format(**fmt) if fmt else text
