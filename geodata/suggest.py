"""Suggestions for a misspelt unit name: the nearest names when the type-ahead search finds nothing.

"Yinchaun" finds no unit in :func:`geodata.names.search_units`; :func:`nearest_units` offers
Yinchuan (and other close names) by :mod:`difflib` similarity over the units' own English, pinyin and
Chinese keys. Pure: keys in, adcodes out.
"""

from __future__ import annotations

import difflib

from geodata.names import SearchKeys, normalise_query

#: Similarity (``difflib`` ratio, 0–1) below which a name is not offered.
CUTOFF = 0.75
#: Key kinds compared: the unit's own names (initials are too short to compare).
KINDS = ("en", "pinyin", "zh")


def nearest_units(query: object, keys: SearchKeys, limit: int = 5, cutoff: float = CUTOFF) -> list[str]:
    """Adcodes of the units whose own name is closest to ``query``, best first (at most ``limit``).

    Examples
    --------
    >>> import pandas as pd
    >>> from geodata.names import build_search_keys
    >>> units = pd.DataFrame({"adcode": ["640100", "640200"], "name_zh": ["银川市", "石嘴山市"],
    ...     "province_zh": ["宁夏回族自治区"] * 2, "unit_type": ["prefecture"] * 2})
    >>> nearest_units("Yinchaun", build_search_keys(units))
    ['640100']
    >>> nearest_units("zzzz", build_search_keys(units)), nearest_units(None, build_search_keys(units))
    ([], [])
    """
    q = normalise_query(query) if isinstance(query, str) else ""
    if len(q) < 2 or limit <= 0:
        return []
    by_key: dict[str, list[str]] = {}
    for entry in keys.keys:
        if entry.own and entry.kind in KINDS:
            by_key.setdefault(entry.key, []).append(entry.adcode)
    found: dict[str, None] = {}
    for key in difflib.get_close_matches(q, list(by_key), n=limit * 2, cutoff=cutoff):
        found.update(dict.fromkeys(by_key[key]))
    return list(found)[:limit]
