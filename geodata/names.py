"""English names and a type-ahead search index for the prefecture-level units.

English names are built from the Chinese name: the administrative suffix (``市``, ``地区``,
``盟``, ``自治州`` with the ethnic groups before it, ``县``, ``林区``, ``省``, ``自治区``,
``特别行政区`` ...) is stripped, the core is romanised with pypinyin (tones dropped,
syllables joined, an apostrophe before a syllable starting with *a*, *o* or *e*: Xi'an,
Lu'an) and an English descriptor is added back (``Kashgar Prefecture``, ``Xilingol League``,
``Yanbian Korean Autonomous Prefecture``). Two small tables correct what pinyin alone gets
wrong: :data:`PINYIN_OVERRIDES` (polyphonic characters read wrongly by pypinyin) and
:data:`ENGLISH_OVERRIDES` (established English names that are not pinyin: Harbin, Hohhot,
Urumqi, Inner Mongolia, Shaanxi, Hong Kong ...).

Search keys are built by :func:`build_search_keys` when called, never at import; the caller
caches the result and passes it to :func:`search_units`.

pypinyin is imported only when a core's syllables are not known yet: its phrase dictionary costs
about 55 MB in every process that imports it. :func:`geodata.layer.warm` seeds the syllables of
every unit and province name (:func:`name_syllables`, computed when the layer is built) with
:func:`remember_syllables`, so serving the search never loads pypinyin.

Examples
--------
>>> english_name("西安市", "prefecture"), english_name("内蒙古自治区", "province")
("Xi'an", 'Inner Mongolia')
>>> english_name("黔东南苗族侗族自治州", "prefecture")
'Qiandongnan Miao and Dong Autonomous Prefecture'
"""

from __future__ import annotations

import operator
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

#: Values of ``unit_type`` accepted by :func:`english_name` (``province`` for the 34
#: province-level units of :func:`geodata.source.province_table`).
UNIT_TYPES = ("prefecture", "municipality", "province_direct_county", "sar_or_taiwan", "province")

#: Administrative suffixes, longest first, with the English descriptor they become.
#: ``None`` means the English name carries no descriptor (cities, provinces, SARs).
SUFFIXES: tuple[tuple[str, str | None], ...] = (
    ("特别行政区", None),
    ("自治区", None),
    ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"),
    ("地区", "Prefecture"),
    ("林区", "Forestry District"),
    ("盟", "League"),
    ("县", "County"),
    ("市", None),
    ("省", None),
)

#: Ethnic groups named in the autonomous units, as they appear in the Chinese name.
ETHNIC_GROUPS: dict[str, str] = {
    "朝鲜族": "Korean",
    "土家族": "Tujia",
    "苗族": "Miao",
    "藏族": "Tibetan",
    "羌族": "Qiang",
    "彝族": "Yi",
    "布依族": "Bouyei",
    "侗族": "Dong",
    "哈尼族": "Hani",
    "壮族": "Zhuang",
    "傣族": "Dai",
    "白族": "Bai",
    "景颇族": "Jingpo",
    "傈僳族": "Lisu",
    "回族": "Hui",
    "黎族": "Li",
    "蒙古族": "Mongol",
    "蒙古": "Mongol",
    "哈萨克": "Kazakh",
    "柯尔克孜": "Kirghiz",
    "维吾尔": "Uyghur",
}

#: Cores whose reading pypinyin 0.55 gets wrong (polyphonic characters), as toneless syllables.
PINYIN_OVERRIDES: dict[str, tuple[str, ...]] = {
    "长治": ("chang", "zhi"),  # pypinyin: zhang zhi
    "漯河": ("luo", "he"),  # pypinyin: ta he
    "朝阳": ("chao", "yang"),  # pypinyin: zhao yang
    "昌都": ("chang", "du"),  # pypinyin: chang dou
    "锡林郭勒": ("xi", "lin", "guo", "le"),  # pypinyin: ... lei
    "阿勒泰": ("a", "le", "tai"),  # pypinyin: a lei tai
    "克孜勒苏": ("ke", "zi", "le", "su"),  # pypinyin: ke zi lei su
}

#: Established English names that are not the pinyin of the core.
ENGLISH_OVERRIDES: dict[str, str] = {
    # province-level
    "内蒙古": "Inner Mongolia",
    "西藏": "Tibet",
    "陕西": "Shaanxi",
    "香港": "Hong Kong",
    "澳门": "Macau",
    # Heilongjiang
    "哈尔滨": "Harbin",
    "齐齐哈尔": "Qiqihar",
    # Inner Mongolia
    "呼和浩特": "Hohhot",
    "鄂尔多斯": "Ordos",
    "呼伦贝尔": "Hulunbuir",
    "巴彦淖尔": "Bayannur",
    "乌兰察布": "Ulanqab",
    "兴安": "Hinggan",
    "锡林郭勒": "Xilingol",
    "阿拉善": "Alxa",
    # Tibet
    "拉萨": "Lhasa",
    "日喀则": "Shigatse",
    "昌都": "Qamdo",
    "林芝": "Nyingchi",
    "那曲": "Nagqu",
    "阿里": "Ngari",
    # Sichuan, Qinghai
    "甘孜": "Garze",
    "果洛": "Golog",
    # Xinjiang
    "乌鲁木齐": "Urumqi",
    "克拉玛依": "Karamay",
    "吐鲁番": "Turpan",
    "博尔塔拉": "Bortala",
    "巴音郭楞": "Bayingolin",
    "阿克苏": "Aksu",
    "克孜勒苏": "Kizilsu",
    "喀什": "Kashgar",
    "和田": "Hotan",
    "伊犁": "Ili",
    "阿勒泰": "Altay",
    "阿拉尔": "Aral",
    "图木舒克": "Tumxuk",
    "可克达拉": "Kokdala",
}

_REQUIRED_COLUMNS = ("adcode", "name_zh", "province_zh", "unit_type")
_APOSTROPHE_BEFORE = ("a", "o", "e")
#: Queries longer than this (after trimming) cannot match any key and return ``[]`` at once.
MAX_QUERY_CHARS = 100


@dataclass(frozen=True)
class NameParts:
    """A Chinese unit name split into its parts.

    ``core`` is the place name proper, ``ethnic`` the ethnic groups of an autonomous unit
    (in the order of the Chinese name) and ``suffix`` the administrative suffix (``''`` if none).
    """

    core: str
    ethnic: tuple[str, ...]
    suffix: str


def split_name(name_zh: str) -> NameParts:
    """Split a Chinese unit name into core, ethnic groups and administrative suffix.

    Ethnic groups are only looked for before ``自治州``, ``自治县`` and ``自治区`` and are
    only removed while at least two characters of core remain (so ``内蒙古`` keeps its
    ``蒙古``).

    Parameters
    ----------
    name_zh : str
        Official Chinese name, e.g. ``'延边朝鲜族自治州'``.

    Returns
    -------
    NameParts

    Raises
    ------
    ValueError
        If ``name_zh`` is not a non-empty string.

    Examples
    --------
    >>> split_name("延边朝鲜族自治州")
    NameParts(core='延边', ethnic=('朝鲜族',), suffix='自治州')
    >>> split_name("海西蒙古族藏族自治州")
    NameParts(core='海西', ethnic=('蒙古族', '藏族'), suffix='自治州')
    >>> split_name("内蒙古自治区")
    NameParts(core='内蒙古', ethnic=(), suffix='自治区')
    """
    if not isinstance(name_zh, str) or not name_zh.strip():
        raise ValueError(f"name_zh must be a non-empty string, got {name_zh!r}")
    core = name_zh.strip()
    suffix = ""
    for candidate, _ in SUFFIXES:
        if core.endswith(candidate) and len(core) > len(candidate):
            core, suffix = core[: -len(candidate)], candidate
            break
    ethnic: list[str] = []
    if suffix in ("自治州", "自治县", "自治区"):
        by_length = sorted(ETHNIC_GROUPS, key=len, reverse=True)
        stripped = True
        while stripped:
            stripped = False
            for group in by_length:
                if core.endswith(group) and len(core) - len(group) >= 2:
                    core = core[: -len(group)]
                    ethnic.insert(0, group)
                    stripped = True
                    break
    return NameParts(core=core, ethnic=tuple(ethnic), suffix=suffix)


def pinyin_syllables(core: str) -> tuple[str, ...]:
    """Toneless pinyin syllables of a name core, with :data:`PINYIN_OVERRIDES` applied.

    ``ü`` is written ``v`` (pypinyin's ``Style.NORMAL``). Characters that are not Chinese
    are passed through as one chunk.

    Examples
    --------
    >>> pinyin_syllables("长治"), pinyin_syllables("吕梁")
    (('chang', 'zhi'), ('lv', 'liang'))
    """
    if core in PINYIN_OVERRIDES:
        return PINYIN_OVERRIDES[core]
    known = _KNOWN_SYLLABLES.get(core)
    if known is not None:
        return known
    from pypinyin import Style, lazy_pinyin

    return tuple(s.lower() for s in lazy_pinyin(core, style=Style.NORMAL) if s.strip())


#: Syllables computed in advance (:func:`remember_syllables`), looked up before pypinyin.
_KNOWN_SYLLABLES: dict[str, tuple[str, ...]] = {}


def name_syllables(names: Sequence[str]) -> dict[str, list[str]]:
    """:func:`pinyin_syllables` of the core of each Chinese name, keyed by core (JSON-ready).

    Examples
    --------
    >>> name_syllables(["长治市", "宁夏回族自治区"])
    {'长治': ['chang', 'zhi'], '宁夏': ['ning', 'xia']}
    """
    cores = dict.fromkeys(split_name(n).core for n in names)
    return {core: list(pinyin_syllables(core)) for core in cores}


def remember_syllables(table: Mapping[str, Sequence[str]]) -> None:
    """Let :func:`pinyin_syllables` answer for these cores without pypinyin.

    ``table`` is the output of :func:`name_syllables` for the same version of this module (the
    caller keys its cache by this file's content); entries are added, never removed.
    """
    _KNOWN_SYLLABLES.update({core: tuple(syllables) for core, syllables in table.items()})


def join_syllables(syllables: tuple[str, ...] | list[str]) -> str:
    """Join pinyin syllables into one capitalised word, with an apostrophe before a syllable
    that starts with *a*, *o* or *e* and follows another syllable.

    Examples
    --------
    >>> join_syllables(("xi", "an")), join_syllables(("pu", "er")), join_syllables(("yin", "chuan"))
    ("Xi'an", "Pu'er", 'Yinchuan')
    """
    word = ""
    for syllable in syllables:
        if word and syllable[:1] in _APOSTROPHE_BEFORE:
            word += "'"
        word += syllable
    return word[:1].upper() + word[1:]


def english_core(core: str) -> str:
    """English form of a name core: :data:`ENGLISH_OVERRIDES`, else the joined pinyin.

    Examples
    --------
    >>> english_core("哈尔滨"), english_core("六安")
    ('Harbin', "Lu'an")
    """
    if core in ENGLISH_OVERRIDES:
        return ENGLISH_OVERRIDES[core]
    return join_syllables(pinyin_syllables(core))


def english_name(name_zh: str, unit_type: str) -> str:
    """English name of a prefecture-level or province-level unit.

    The Chinese suffix decides the English form: cities, municipalities, provinces,
    autonomous regions and SARs get the bare name (``Yinchuan``, ``Beijing``, ``Guangxi``,
    ``Hong Kong``); ``地区`` becomes ``Prefecture``, ``盟`` ``League``, ``自治州``
    ``<Ethnic> Autonomous Prefecture``, ``县`` ``County``, ``自治县``
    ``<Ethnic> Autonomous County`` and ``林区`` ``Forestry District``.

    Parameters
    ----------
    name_zh : str
        Official Chinese name as in :func:`geodata.source.unit_table` or
        :func:`geodata.source.province_table`.
    unit_type : str
        One of :data:`UNIT_TYPES`. It is validated only: the suffix of ``name_zh``
        already determines the English form.

    Returns
    -------
    str
        ASCII letters, spaces and apostrophes.

    Raises
    ------
    ValueError
        If ``unit_type`` is unknown (the message lists the valid ones) or ``name_zh`` is empty.

    Examples
    --------
    >>> [english_name(n, "prefecture") for n in ("银川市", "喀什地区", "锡林郭勒盟")]
    ['Yinchuan', 'Kashgar Prefecture', 'Xilingol League']
    >>> [english_name(n, "province_direct_county") for n in ("保亭黎族苗族自治县", "神农架林区")]
    ['Baoting Li and Miao Autonomous County', 'Shennongjia Forestry District']
    >>> english_name("香港特别行政区", "sar_or_taiwan")
    'Hong Kong'
    >>> english_name("银川市", "city")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown unit_type 'city'; valid: prefecture, municipality, ...
    """
    if unit_type not in UNIT_TYPES:
        raise ValueError(f"unknown unit_type {unit_type!r}; valid: {', '.join(UNIT_TYPES)}")
    parts = split_name(name_zh)
    words = [english_core(parts.core)]
    descriptor = dict(SUFFIXES).get(parts.suffix)
    if descriptor:
        # Ethnic groups are named for autonomous prefectures and counties, not for the
        # autonomous regions (Guangxi, not Guangxi Zhuang).
        if parts.ethnic:
            groups = list(dict.fromkeys(ETHNIC_GROUPS[group] for group in parts.ethnic))
            words.append(groups[0] if len(groups) == 1 else ", ".join(groups[:-1]) + " and " + groups[-1])
        words.append(descriptor)
    return " ".join(words)


def _require_columns(units: pd.DataFrame, columns: tuple[str, ...]) -> None:
    if not isinstance(units, pd.DataFrame):
        raise TypeError(f"units must be a pandas DataFrame, got {type(units).__name__}")
    missing = [c for c in columns if c not in units.columns]
    if missing:
        raise ValueError(f"units lacks column(s) {missing}; required: {list(columns)}")


def unit_names(units: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``units`` with ``name_en`` and ``province_en`` columns added.

    Parameters
    ----------
    units : pandas.DataFrame
        At least ``name_zh``, ``province_zh`` and ``unit_type``, as from
        :func:`geodata.source.unit_table`.

    Returns
    -------
    pandas.DataFrame
        The input columns plus ``name_en`` and ``province_en`` (replaced if present).

    Raises
    ------
    ValueError
        If a required column is missing or a ``unit_type`` is unknown.

    Examples
    --------
    >>> units = pd.DataFrame({"adcode": ["640100", "341500"], "name_zh": ["银川市", "六安市"],
    ...                       "province_zh": ["宁夏回族自治区", "安徽省"],
    ...                       "unit_type": ["prefecture", "prefecture"]})
    >>> unit_names(units)[["adcode", "name_en", "province_en"]].to_numpy().tolist()
    [['640100', 'Yinchuan', 'Ningxia'], ['341500', "Lu'an", 'Anhui']]
    """
    _require_columns(units, ("name_zh", "province_zh", "unit_type"))
    out = units.copy()
    out["name_en"] = [english_name(n, t) for n, t in zip(units["name_zh"], units["unit_type"], strict=True)]
    out["province_en"] = [english_name(p, "province") for p in units["province_zh"]]
    return out


# --------------------------------------------------------------------------- search


@dataclass(frozen=True)
class SearchKey:
    """One normalised search key of one unit.

    ``kind`` is ``'zh'``, ``'en'``, ``'pinyin'`` or ``'initials'``; ``own`` is ``False`` for
    keys taken from the unit's province (ranked after every match on the unit's own name).
    """

    adcode: str
    key: str
    kind: str
    own: bool


@dataclass(frozen=True)
class SearchKeys:
    """Precomputed keys of a unit table, from :func:`build_search_keys`.

    ``adcodes`` keeps the table order, used to break ties.
    """

    adcodes: tuple[str, ...]
    keys: tuple[SearchKey, ...]


_KIND_RANK = {"zh": 0, "en": 1, "pinyin": 2, "initials": 3}


def normalise_query(text: object) -> str:
    """Fold text for matching: NFKC, case-folded, accents and everything but letters and
    digits removed (spaces, apostrophes, hyphens, punctuation, markup characters).

    Anything that is not a string gives ``''``.

    Examples
    --------
    >>> normalise_query("  Xi'an ")
    'xian'
    >>> normalise_query("Ürümqi"), normalise_query("ＹＩＮＣＨＵＡＮ"), normalise_query("银川 市")
    ('urumqi', 'yinchuan', '银川市')
    >>> normalise_query(None)
    ''
    """
    if not isinstance(text, str):
        return ""
    folded = unicodedata.normalize("NFKC", text).casefold()
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


def name_keys(name_zh: str, name_en: str) -> list[tuple[str, str]]:
    """(key, kind) pairs of one Chinese name and its English form."""
    parts = split_name(name_zh)
    syllables = pinyin_syllables(parts.core)
    pinyin = "".join(syllables)
    pairs = [
        (name_zh, "zh"),
        (parts.core, "zh"),
        (name_en, "en"),
        (english_core(parts.core), "en"),
        (pinyin, "pinyin"),
        (pinyin.replace("v", "u"), "pinyin"),  # lv -> lu for users without a v habit
        ("".join(s[:1] for s in syllables), "initials"),
    ]
    out: list[tuple[str, str]] = []
    for text, kind in pairs:
        key = normalise_query(text)
        if key and (key, kind) not in out:
            out.append((key, kind))
    return out


def build_search_keys(units: pd.DataFrame) -> SearchKeys:
    """Precompute the type-ahead keys of a unit table (the caller caches the result).

    Each unit is findable by its Chinese name with or without suffix (``银川市``, ``银川``),
    its English name and English core, the toneless pinyin of its core (``yinchuan``) and
    the pinyin initials (``yc``); and, ranked after those, by its province's Chinese name,
    core, English name and pinyin.

    Parameters
    ----------
    units : pandas.DataFrame
        Columns ``adcode, name_zh, province_zh, unit_type``; ``name_en`` and ``province_en``
        are used when present and computed otherwise.

    Returns
    -------
    SearchKeys

    Raises
    ------
    TypeError, ValueError
        If ``units`` is not a DataFrame or lacks a required column.

    Examples
    --------
    >>> units = pd.DataFrame({"adcode": ["640100"], "name_zh": ["银川市"],
    ...                       "province_zh": ["宁夏回族自治区"], "unit_type": ["prefecture"]})
    >>> keys = build_search_keys(units)
    >>> sorted({k.key for k in keys.keys if k.own})
    ['yc', 'yinchuan', '银川', '银川市']
    """
    _require_columns(units, _REQUIRED_COLUMNS)
    if "name_en" not in units.columns or "province_en" not in units.columns:
        units = unit_names(units)
    keys: list[SearchKey] = []
    province_cache: dict[tuple[str, str], list[tuple[str, str]]] = {}
    adcodes = tuple(str(a) for a in units["adcode"])
    for adcode, name_zh, name_en, province_zh, province_en in zip(
        adcodes, units["name_zh"], units["name_en"], units["province_zh"], units["province_en"], strict=True
    ):
        for key, kind in name_keys(name_zh, name_en):
            keys.append(SearchKey(adcode, key, kind, True))
        if (province_zh, province_en) not in province_cache:
            pairs = name_keys(province_zh, province_en)
            province_cache[province_zh, province_en] = [(k, kind) for k, kind in pairs if kind != "initials"]
        for key, kind in province_cache[province_zh, province_en]:
            keys.append(SearchKey(adcode, key, kind, False))
    return SearchKeys(adcodes=adcodes, keys=tuple(keys))


def match_tier(query: str, key: str, allow_substring: bool) -> int | None:
    """0 exact, 1 prefix, 2 substring, ``None`` no match."""
    if key == query:
        return 0
    if key.startswith(query):
        return 1
    if allow_substring and query in key:
        return 2
    return None


def search_units(query: str, units: pd.DataFrame, limit: int = 10, *, keys: SearchKeys | None = None) -> list[str]:
    """Adcodes of the units matching a type-ahead query, best first.

    Ranking: matches on the unit's own name before matches on its province; within each,
    exact before prefix before substring; then Chinese before English before pinyin before
    initials; then the shorter key; then table order. Substring matches are used for queries
    with non-ASCII characters or of three characters or more, never for initials or province
    names. Matching ignores case, accents, spaces, apostrophes and punctuation.

    Parameters
    ----------
    query : str
        What the user typed. Anything odd (``None``, non-strings, empty or blank strings,
        strings longer than :data:`MAX_QUERY_CHARS`, only punctuation or markup) gives ``[]``.
    units : pandas.DataFrame
        The unit table (see :func:`build_search_keys`); only read when ``keys`` is ``None``.
    limit : int, default 10
        Maximum number of adcodes returned; ``0`` gives ``[]``.
    keys : SearchKeys, optional
        Keys from :func:`build_search_keys`, cached by the caller. Built from ``units``
        when omitted (slower: pinyin for every unit).

    Returns
    -------
    list of str

    Raises
    ------
    ValueError
        If ``limit`` is not a non-negative integer (a programming error, not user input).

    Examples
    --------
    >>> units = pd.DataFrame({
    ...     "adcode": ["640100", "640200", "360900"],
    ...     "name_zh": ["银川市", "石嘴山市", "宜春市"],
    ...     "province_zh": ["宁夏回族自治区", "宁夏回族自治区", "江西省"],
    ...     "unit_type": ["prefecture"] * 3})
    >>> keys = build_search_keys(units)
    >>> search_units("yinchuan", units, keys=keys), search_units("银川市", units, keys=keys)
    (['640100'], ['640100'])
    >>> search_units("yc", units, keys=keys)
    ['640100', '360900']
    >>> search_units("宁夏", units, keys=keys)
    ['640100', '640200']
    >>> search_units("<script>", units, keys=keys), search_units(None, units, keys=keys)
    ([], [])
    """
    try:
        count = -1 if isinstance(limit, bool) else operator.index(limit)
    except TypeError:
        count = -1
    if count < 0:
        raise ValueError(f"limit must be a non-negative integer, got {limit!r}")
    if not isinstance(query, str) or count == 0:
        return []
    trimmed = query.strip()
    if not trimmed or len(trimmed) > MAX_QUERY_CHARS:
        return []
    q = normalise_query(trimmed)
    if not q:
        return []
    if keys is None:
        keys = build_search_keys(units)
    allow_substring = not q.isascii() or len(q) >= 3
    order = {adcode: i for i, adcode in enumerate(keys.adcodes)}
    best: dict[str, tuple[int, int, int, int]] = {}
    for entry in keys.keys:
        tier = match_tier(q, entry.key, allow_substring and entry.own and entry.kind != "initials")
        if tier is None:
            continue
        score = (0 if entry.own else 1, tier, _KIND_RANK[entry.kind], len(entry.key))
        if entry.adcode not in best or score < best[entry.adcode]:
            best[entry.adcode] = score
    ranked = sorted(best, key=lambda a: (best[a], order.get(a, len(order))))
    return ranked[:count]
