"""Matching data rows to the county-level units (区县), by 6-digit code or by name with its prefecture.

County names repeat across China (城关区 is in 兰州 and in 拉萨, 新华区 in three prefectures), so a
name alone matches only when one unit bears it; otherwise the row is ``ambiguous`` with the candidates
and the user is asked to add the prefecture ("城关区 兰州市", "兰州市城关区", a prefecture column, or
"Chengguan District, Lanzhou"). A code matches a 2020 census unit (:func:`indicators.county.county_units`,
``in_2020``); a census code the boundary crosswalk renamed, and a 2010 code whose territory is unchanged,
are read as the current unit with a note. A code of a unit merged into another is not: the figure of a
part is not the figure of the merged unit.

Pure: unit tables in, :class:`~userdata.match.MatchRow` out. :func:`build_county_index` is built once
and cached by the caller (:func:`userdata.cache.default_unit_index`).

Examples
--------
>>> units = pd.DataFrame({"adcode": ["640104", "620102", "540102"], "name_zh": ["兴庆区", "城关区", "城关区"],
...     "name_en": ["Xingqing District", "Chengguan District", "Chengguan District"],
...     "prefecture_adcode": ["640100", "620100", "540100"], "prefecture_name_zh": ["银川市", "兰州市", "拉萨市"],
...     "province_zh": ["宁夏回族自治区", "甘肃省", "西藏自治区"]})
>>> idx = build_county_index(units)
>>> match_county_name(2, "兴庆区", (), idx).adcode, match_county_name(3, "城关区 兰州市", (), idx).adcode
('640104', '620102')
>>> m = match_county_name(4, "城关区", (), idx)
>>> m.status, m.candidates
('ambiguous', ('540102', '620102'))
>>> match_county_name(5, "城关区", ("拉萨",), idx).adcode, match_county_code(6, "640104", idx).name_zh
('540102', '兴庆区')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from geodata.names import split_name
from userdata.match import MatchRow, normalise_code
from userdata.text import Cell, cell_text, fold, is_blank

#: Administrative suffixes of county-level names, longest first (``沙县`` → ``沙``, ``兴庆区`` → ``兴庆``).
COUNTY_SUFFIXES = ("自治县", "自治旗", "林区", "特区", "县", "区", "市", "旗")
#: English descriptors stripped from an English county name (``Xingqing District`` → ``xingqing``).
ENGLISH_SUFFIXES = (
    "autonomous county",
    "autonomous banner",
    "forestry district",
    "district",
    "county",
    "city",
    "banner",
)
#: What separates a county from its prefecture in one cell besides spaces ("Xingqing District, Yinchuan",
#: "兴庆区·银川市", "兴庆区（银川市）").
SEPARATORS = re.compile(r"[,，、;；·・/|()（）]+")
#: Candidates named in an ambiguity message (the full list is in ``candidates``).
SHOWN_CANDIDATES = 6


@dataclass(frozen=True)
class CountyIndex:
    """Lookup tables of the county-level units; build with :func:`build_county_index`."""

    names: dict[str, str]  # adcode -> name_zh
    prefecture_names: dict[str, str]  # adcode -> its prefecture's name_zh
    qualifiers: dict[str, frozenset[str]]  # adcode -> folded names (full, core, English) of its prefecture and province
    by_name: dict[str, tuple[str, ...]]  # folded full name (zh or en) -> adcodes
    by_core: dict[str, tuple[str, ...]]  # folded core (zh, >= 2 characters, or en) -> adcodes
    places: tuple[str, ...]  # every folded prefecture / province name, longest first ("银川市兴庆区")
    moved: dict[str, tuple[str | None, str, str]]  # old code -> (current adcode or None, note en, note zh)


def county_core(name: str) -> str:
    """A county name without its administrative suffix.

    >>> county_core("兴庆区"), county_core("鄂温克族自治旗"), county_core("沙县")
    ('兴庆', '鄂温克族', '沙')
    """
    for suffix in COUNTY_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def _english_core(name: str) -> str:
    folded = " ".join(name.casefold().split())
    for suffix in ENGLISH_SUFFIXES:
        if folded.endswith(" " + suffix):
            return fold(folded[: -len(suffix)])
    return fold(folded)


def _place_keys(name_zh: str, name_en: str = "") -> set[str]:
    keys = {fold(name_zh)} if name_zh else set()
    if name_zh:
        try:
            keys.add(fold(split_name(name_zh).core))
        except ValueError:
            pass
    if name_en:
        keys.add(fold(name_en))
    return {k for k in keys if k}


def build_county_index(
    units: pd.DataFrame, crosswalk: pd.DataFrame | None = None, pairs_2010: pd.DataFrame | None = None
) -> CountyIndex:
    """Lookup tables from a county unit table.

    Parameters
    ----------
    units
        Columns ``adcode, name_zh, prefecture_adcode, prefecture_name_zh, province_zh``; ``name_en``,
        ``prefecture_en`` and ``province_en`` are used when present.
    crosswalk
        The census → boundary crosswalk (``census_code, census_name_zh, action, boundary_code``) of
        :func:`indicators.county.crosswalk.boundary_crosswalk`.
    pairs_2010
        2010 codes whose territory is unchanged (``code_2010, name_2010, code_2020``).

    Raises
    ------
    ValueError
        When a required column is missing (the message names it).
    """
    needed = ("adcode", "name_zh", "prefecture_adcode", "prefecture_name_zh", "province_zh")
    missing = [c for c in needed if c not in getattr(units, "columns", ())]
    if missing:
        raise ValueError(f"county units lack column(s) {missing}")

    def column(name: str) -> list[str]:
        return units[name].fillna("").astype(str).tolist() if name in units.columns else [""] * len(units)

    names, prefectures, qualifiers = {}, {}, {}
    by_name: dict[str, list[str]] = {}
    by_core: dict[str, list[str]] = {}
    places: set[str] = set()
    rows = zip(
        column("adcode"), column("name_zh"), column("name_en"), column("prefecture_name_zh"),
        column("prefecture_en"), column("province_zh"), column("province_en"), strict=True,
    )  # fmt: skip
    for code, zh, en, pref_zh, pref_en, prov_zh, prov_en in rows:
        names[code] = zh
        prefectures[code] = pref_zh
        quals = _place_keys(pref_zh, pref_en) | _place_keys(prov_zh, prov_en)
        qualifiers[code] = frozenset(quals)
        places |= {q for q in quals if not q.isascii()}
        for key in {fold(zh), fold(en)} - {""}:
            by_name.setdefault(key, []).append(code)
        core = fold(county_core(zh))
        cores = {core} if len(core) >= 2 else set()
        cores |= {_english_core(en)} - {""}
        for key in cores:
            by_core.setdefault(key, []).append(code)
    moved: dict[str, tuple[str | None, str, str]] = {}
    if crosswalk is not None:
        for old, old_name, action, new in zip(
            crosswalk.census_code, crosswalk.census_name_zh, crosswalk.action, crosswalk.boundary_code, strict=True
        ):
            if old in names:
                continue
            if action == "renamed" and new in names:
                moved[old] = (new, f"census code {old} ({old_name}) read as {new} ({names[new]})",
                              f"普查代码 {old}（{old_name}）按 {new}（{names[new]}）读取")  # fmt: skip
            elif action == "merged" and new in names:
                moved[old] = (None, f"{old_name} ({old}) was merged into {names[new]} ({new}): the figure of a part "
                              f"is not the figure of the merged unit; give the figure of {names[new]}",
                              f"{old_name}（{old}）已并入{names[new]}（{new}），部分的数值不能代表合并后的单位")  # fmt: skip
    if pairs_2010 is not None:
        for old, old_name, new in zip(pairs_2010.code_2010, pairs_2010.name_2010, pairs_2010.code_2020, strict=True):
            if old not in names and old not in moved and new in names:
                moved[old] = (new, f"2010 code {old} ({old_name}) read as {new} ({names[new]}), same territory",
                              f"2010 年代码 {old}（{old_name}）按 {new}（{names[new]}）读取，辖区未变")  # fmt: skip
    return CountyIndex(
        names,
        prefectures,
        qualifiers,
        {k: tuple(sorted(set(v))) for k, v in by_name.items()},
        {k: tuple(sorted(set(v))) for k, v in by_core.items()},
        tuple(sorted(places, key=len, reverse=True)),
        moved,
    )


def display_name(code: str, index: CountyIndex) -> str:
    """``"兴庆区（银川市）"``: a county with its prefecture (municipality districts: with the city)."""
    prefecture = index.prefecture_names.get(code, "")
    name = index.names[code]
    return f"{name}（{prefecture}）" if prefecture and prefecture != name else name


def match_county_code(row: int, value: Cell, index: CountyIndex) -> MatchRow:
    """Match a 6-digit code cell to a county-level unit (see the module docstring).

    >>> idx = build_county_index(pd.DataFrame({"adcode": ["640104"], "name_zh": ["兴庆区"],
    ...     "prefecture_adcode": ["640100"], "prefecture_name_zh": ["银川市"], "province_zh": ["宁夏回族自治区"]}))
    >>> match_county_code(2, 640104, idx).status, match_county_code(3, "640100", idx).status
    ('matched', 'unknown')
    """
    key = cell_text(value)
    code = normalise_code(value)
    if code is None:
        return MatchRow(row, "unknown", key, reason="not a 6-digit admin code", reason_zh="不是 6 位行政区划代码")
    if code in index.names:
        return MatchRow(row, "matched", key, code, index.names[code])
    if code in index.moved:
        new, en, zh = index.moved[code]
        if new is None:
            return MatchRow(row, "unknown", key, reason=en, reason_zh=zh)
        return MatchRow(row, "matched", key, new, index.names[new], (), en, zh)
    return MatchRow(
        row, "unknown", key, reason="not the code of a county-level unit of the 2020 census",
        reason_zh="不是 2020 年普查县级单位的代码",
    )  # fmt: skip


def _candidates(word: str, index: CountyIndex) -> tuple[str, ...]:
    folded = fold(word)
    if folded in index.by_name:
        return index.by_name[folded]
    core = fold(county_core(folded)) if not folded.isascii() else _english_core(word)
    return index.by_core.get(core, ())


def _strip_places(folded: str, index: CountyIndex) -> tuple[str, list[str]]:
    """``"宁夏银川市兴庆区"`` → ``("兴庆区", ["宁夏", "银川市"])``: leading prefecture / province names."""
    found: list[str] = []
    changed = True
    while changed and folded not in index.by_name:
        changed = False
        for place in index.places:
            if folded.startswith(place) and len(folded) - len(place) >= 2:
                found.append(place)
                folded = folded[len(place) :]
                changed = True
                break
    return folded, found


def _readings(text: str, index: CountyIndex) -> list[tuple[str, list[str]]]:
    """Ways to read a cell as ``(county name, qualifier words)``, most likely first."""
    if fold(text) in index.by_name:  # "兴庆区", "Xingqing District"
        return [(text, [])]
    parts = [p.strip() for p in SEPARATORS.split(text) if p.strip()]
    if len(parts) == 1:
        parts = text.split()
    if len(parts) > 1:  # "兴庆区 银川市", "银川市 兴庆区", "Xingqing, Yinchuan": any part may be the county
        return [(word, parts[:i] + parts[i + 1 :]) for i, word in enumerate(parts)]
    if text.isascii():
        return [(text, [])]
    word, places = _strip_places(fold(text), index)  # "宁夏银川市兴庆区"
    readings = [(word, places)]
    if _candidates(word, index):
        return readings
    for place in index.places:  # "兴庆区银川市": the prefecture written after the county
        if word.endswith(place) and len(word) - len(place) >= 2:
            readings.append((word[: -len(place)], [*places, place]))
            break
    return readings


def _in_place(code: str, qualifiers: list[str], index: CountyIndex) -> bool:
    quals = index.qualifiers.get(code, frozenset())
    return all(fold(q) in quals or (not q.isascii() and fold(split_name(q).core) in quals) for q in qualifiers)


def match_county_name(row: int, name: Cell, qualifier_cells: tuple[Cell, ...], index: CountyIndex) -> MatchRow:
    """Match a county name, with its prefecture or province in the same cell or in ``qualifier_cells``.

    A name borne by several units and not narrowed to one by the qualifiers is ``ambiguous`` (with the
    candidates), never guessed; a qualifier that fits none of the name's units makes the row ``unknown``.
    """
    text = cell_text(name)
    extra = [cell_text(c) for c in qualifier_cells if not is_blank(c)]
    key = " ".join([text, *extra]).strip()
    if not text:
        return MatchRow(row, "unknown", key, reason="no name in the key column", reason_zh="地区名称为空")
    named: set[str] = set()  # units bearing the name, whatever the qualifiers say
    fits: set[str] = set()
    for word, quals in _readings(text, index):
        candidates = _candidates(word, index)
        named |= set(candidates)
        fits |= {c for c in candidates if _in_place(c, [*quals, *extra], index)}
    if len(fits) == 1:
        code = next(iter(fits))
        return MatchRow(row, "matched", key, code, index.names[code])
    if len(fits) > 1:
        codes = tuple(sorted(fits))
        shown = "、".join(display_name(c, index) for c in codes[:SHOWN_CANDIDATES])
        more = f" and {len(codes) - SHOWN_CANDIDATES} more" if len(codes) > SHOWN_CANDIDATES else ""
        return MatchRow(
            row, "ambiguous", key, None, None, codes,
            f"{len(codes)} county-level units bear this name: {shown}{more}; add the prefecture "
            f"(e.g. '{index.names[codes[0]]} {index.prefecture_names[codes[0]]}') or a prefecture column",
            f"有 {len(codes)} 个县级单位同名：{shown}；请加上地级市（如“{index.names[codes[0]]} "
            f"{index.prefecture_names[codes[0]]}”）或增加地级市列",
        )  # fmt: skip
    if named:
        where = "、".join(display_name(c, index) for c in sorted(named)[:SHOWN_CANDIDATES])
        return MatchRow(
            row, "unknown", key, reason=f"no unit of this name in the prefecture or province given (there is {where})",
            reason_zh=f"所给地级市或省份内没有此名称的县级单位（有 {where}）",
        )  # fmt: skip
    return MatchRow(row, "unknown", key, reason="no county-level unit of this name", reason_zh="没有此名称的县级单位")


def match_county(
    row: int, code_cell: Cell, name_cell: Cell, qualifier_cells: tuple[Cell, ...], index: CountyIndex
) -> MatchRow:
    """Code and/or name given: the code decides, the name (when it names a unit) must agree."""
    if is_blank(code_cell):
        return match_county_name(row, name_cell, qualifier_cells, index)
    by_code = match_county_code(row, code_cell, index)
    if by_code.status != "matched" or is_blank(name_cell):
        return by_code
    by_name = match_county_name(row, name_cell, qualifier_cells, index)
    if by_name.status == "matched" and by_name.adcode != by_code.adcode:
        return MatchRow(
            row, "ambiguous", f"{by_code.key} {cell_text(name_cell)}", None, None, (by_code.adcode, by_name.adcode),
            f"code {by_code.adcode} is {display_name(by_code.adcode, index)} but the name says "
            f"{display_name(by_name.adcode, index)}",
            f"代码 {by_code.adcode} 是{display_name(by_code.adcode, index)}，名称却是{display_name(by_name.adcode, index)}",
        )  # fmt: skip
    return by_code
