"""Type-ahead search of counties: names are not unique across China, so a county is found by its own
name and may be narrowed by its prefecture or province ("兴庆区 银川", "朝阳区 北京", "xingqing yinchuan").

Pure: a table of counties in, adcodes out. Keys of each county's own name come from
:func:`geodata.names.name_keys` (Chinese with and without suffix, English, pinyin, initials); the
qualifiers are the Chinese, English and pinyin keys of its prefecture and province.

Ranking (best first): the county's own name with a qualifier that matches (several words, or one
Chinese word "县名地级名" written together); the own name alone; the prefecture's name (all its
counties); the province's name. Within each: exact before prefix before substring, Chinese before
English before pinyin before initials, the shorter key, then table order.

Examples
--------
>>> import pandas as pd
>>> counties = pd.DataFrame({
...     "adcode": ["640104", "110105", "210303", "640522"],
...     "name_zh": ["兴庆区", "朝阳区", "铁西区", "海原县"],
...     "name_en": ["Xingqing District", "Chaoyang District", "Tiexi District", "Haiyuan County"],
...     "prefecture_zh": ["银川市", "北京市", "鞍山市", "中卫市"],
...     "prefecture_en": ["Yinchuan", "Beijing", "Anshan", "Zhongwei"],
...     "province_zh": ["宁夏回族自治区", "北京市", "辽宁省", "宁夏回族自治区"],
...     "province_en": ["Ningxia", "Beijing", "Liaoning", "Ningxia"]})
>>> keys = build_county_keys(counties)
>>> search_counties("兴庆区 银川", keys), search_counties("兴庆区银川", keys), search_counties("银川 兴庆", keys)
(['640104'], ['640104'], ['640104'])
>>> search_counties("朝阳区 银川", keys)  # no Chaoyang district in Yinchuan
[]
>>> search_counties("zhongwei", keys), search_counties("宁夏", keys)
(['640522'], ['640104', '640522'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from geodata.names import MAX_QUERY_CHARS, SearchKey, SearchKeys, match_tier, name_keys, normalise_query

#: Columns of the county table.
COLUMNS = ("adcode", "name_zh", "name_en", "prefecture_zh", "prefecture_en", "province_zh", "province_en")
#: What separates the words of a query ("兴庆区 银川", "兴庆区,银川", "兴庆区·银川", "兴庆区+银川").
WORD_SEPARATORS = re.compile(r"[\s,，、;；·・+/|()（）]+")

_KIND_RANK = {"zh": 0, "en": 1, "pinyin": 2, "initials": 3}
# groups of the ranking: own name + qualifier, own name, prefecture name, province name
_QUALIFIED, _OWN, _PREFECTURE, _PROVINCE = range(4)


@dataclass(frozen=True)
class CountyKeys:
    """Precomputed keys of a county table, from :func:`build_county_keys`.

    ``own`` holds the keys of the counties' own names (as :mod:`geodata.suggest` reads them);
    ``prefecture`` and ``province`` the qualifier keys by adcode.
    """

    own: SearchKeys
    prefecture: dict[str, tuple[str, ...]]
    province: dict[str, tuple[str, ...]]
    by_zh: dict[str, tuple[str, ...]]  # a Chinese own key -> adcodes (for "县名地级名" written together)


def _qualifier_keys(name_zh: str, name_en: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(k for k, kind in name_keys(name_zh, name_en) if kind != "initials"))


def build_county_keys(counties: pd.DataFrame) -> CountyKeys:
    """Keys of every county of ``counties`` (columns :data:`COLUMNS`); the caller caches the result.

    Raises
    ------
    ValueError
        If a column of :data:`COLUMNS` is missing (the message names it).
    """
    missing = [c for c in COLUMNS if c not in counties.columns]
    if missing:
        raise ValueError(f"county table lacks column(s): {', '.join(missing)}")
    rows = counties[list(COLUMNS)].astype(str).itertuples(index=False, name=None)
    keys: list[SearchKey] = []
    prefecture: dict[str, tuple[str, ...]] = {}
    province: dict[str, tuple[str, ...]] = {}
    by_zh: dict[str, list[str]] = {}
    cache: dict[tuple[str, str], tuple[str, ...]] = {}
    adcodes = []
    for adcode, name_zh, name_en, pref_zh, pref_en, prov_zh, prov_en in rows:
        adcodes.append(adcode)
        for key, kind in name_keys(name_zh, name_en):
            keys.append(SearchKey(adcode, key, kind, True))
            if kind == "zh":
                by_zh.setdefault(key, []).append(adcode)
        for name, target in (((pref_zh, pref_en), prefecture), ((prov_zh, prov_en), province)):
            if name not in cache:
                cache[name] = _qualifier_keys(*name)
            target[adcode] = cache[name]
    return CountyKeys(
        own=SearchKeys(adcodes=tuple(adcodes), keys=tuple(keys)),
        prefecture=prefecture,
        province=province,
        by_zh={k: tuple(dict.fromkeys(v)) for k, v in by_zh.items()},
    )


def query_words(query: object) -> list[str]:
    """The normalised words of a query, at most 3 (``[]`` for anything that is not a usable string).

    >>> query_words(" 兴庆区  银川 "), query_words("Xingqing, Yinchuan"), query_words(None)
    (['兴庆区', '银川'], ['xingqing', 'yinchuan'], [])
    """
    if not isinstance(query, str) or not query.strip() or len(query.strip()) > MAX_QUERY_CHARS:
        return []
    words = [normalise_query(w) for w in WORD_SEPARATORS.split(query.strip())]
    return [w for w in words if w][:3]


def _qualifies(word: str, adcode: str, keys: CountyKeys) -> bool:
    return any(k.startswith(word) for k in (*keys.prefecture[adcode], *keys.province[adcode]))


def search_counties(query: object, keys: CountyKeys, limit: int = 12) -> list[str]:
    """Adcodes of the counties matching ``query``, best first (see the module's ranking).

    A query of several words needs one word to match the county's own name and every other word
    to start a name of its prefecture or province. Anything odd (``None``, blank, too long, only
    punctuation) gives ``[]``.
    """
    words = query_words(query)
    if not words or limit <= 0:
        return []
    best: dict[str, tuple[int, int, int, int]] = {}

    def offer(adcode: str, score: tuple[int, int, int, int]) -> None:
        if adcode not in best or score < best[adcode]:
            best[adcode] = score

    for entry in keys.own.keys:
        if not entry.own:
            continue
        for i, word in enumerate(words):
            substring = entry.kind != "initials" and (not word.isascii() or len(word) >= 3)
            tier = match_tier(word, entry.key, substring)
            if tier is None:
                continue
            others = words[:i] + words[i + 1 :]
            if others and not all(_qualifies(w, entry.adcode, keys) for w in others):
                continue
            group = _QUALIFIED if others else _OWN
            offer(entry.adcode, (group, tier, _KIND_RANK[entry.kind], len(entry.key)))
    if len(words) == 1:
        word = words[0]
        if not word.isascii():  # "兴庆区银川": a county's Chinese name, then its prefecture or province
            for cut in range(1, len(word)):
                for adcode in keys.by_zh.get(word[:cut], ()):
                    if _qualifies(word[cut:], adcode, keys):
                        offer(adcode, (_QUALIFIED, 0, 0, cut))
        for adcode in keys.own.adcodes:
            for group, names in ((_PREFECTURE, keys.prefecture[adcode]), (_PROVINCE, keys.province[adcode])):
                tiers = [t for t in (match_tier(word, k, False) for k in names) if t is not None]
                if tiers:
                    offer(adcode, (group, min(tiers), 0, 0))
    order = {a: i for i, a in enumerate(keys.own.adcodes)}
    return sorted(best, key=lambda a: (best[a], order.get(a, len(order))))[:limit]
