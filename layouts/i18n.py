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

from layouts.strings import charts, county, disparity, page, select_tools, upload
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
