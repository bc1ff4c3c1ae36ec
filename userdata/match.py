"""Matching data rows to the map units, by admin code or by Chinese name (with an optional province).

Each data row is ``matched`` (one map unit), ``ambiguous`` (could be more than one unit, or the code
and the name disagree) or ``unknown`` (no map unit: province totals, county codes, retired units,
typos); see :class:`MatchRow`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from geodata.names import split_name
from indicators.codes import CODE_CHANGES
from userdata.text import Cell, cell_text, fold, is_blank


@dataclass(frozen=True)
class MatchRow:
    """How one data row was matched.

    ``status`` is ``'matched'`` (``adcode`` set), ``'ambiguous'`` (``candidates`` lists the possible
    units) or ``'unknown'``; ``key`` is what the row says (code or name, with the province when given);
    ``reason`` explains anything but a plain match, in English and Chinese.
    """

    row: int
    status: str
    key: str
    adcode: str | None = None
    name_zh: str | None = None
    candidates: tuple[str, ...] = ()
    reason: str = ""
    reason_zh: str = ""

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "status": self.status,
            "key": self.key,
            "adcode": self.adcode,
            "name_zh": self.name_zh,
            "candidates": list(self.candidates),
            "reason": self.reason,
            "reason_zh": self.reason_zh,
        }


@dataclass(frozen=True)
class UnitIndex:
    """Lookup tables of the map units for :func:`match_code` and :func:`match_name`.

    Build once with :func:`build_unit_index` and cache it (the caller's job).
    """

    names: dict[str, str]  # adcode -> name_zh
    provinces: dict[str, str]  # adcode -> province_zh
    source_codes: dict[str, str]  # alternative code -> adcode
    full: dict[str, str]  # folded full name -> adcode
    core: dict[str, str]  # folded core -> adcode
    autonomous_core: dict[str, str]  # core of a 自治州 -> adcode
    province_names: dict[str, str]  # folded province full name or core -> province_zh
    province_cores: dict[str, str]  # province_zh -> core
    old_full: dict[str, str]  # folded old full name -> old code
    old_core: dict[str, str]  # folded old core -> old code
    county: object | None = None  # a userdata.county_match.CountyIndex: county-level files are recognised too

    def names_at(self, level: str) -> dict[str, str]:
        """Names (``name_zh``) by adcode of the units of ``level`` (``prefecture`` or ``county``)."""
        if level == "county":
            return getattr(self.county, "names", {})
        return self.names


def build_unit_index(units: pd.DataFrame, county: object | None = None) -> UnitIndex:
    """Lookup tables from a unit table (columns ``adcode, name_zh, province_zh``; ``source_code`` used
    when present); ``county`` is the :func:`userdata.county_match.build_county_index` of the county-level
    units, when uploads may be county files.

    Examples
    --------
    >>> idx = build_unit_index(pd.DataFrame({"adcode": ["640100"], "name_zh": ["银川市"],
    ...                                      "province_zh": ["宁夏回族自治区"]}))
    >>> idx.core["银川"], idx.province_names["宁夏"]
    ('640100', '宁夏回族自治区')
    """
    missing = [c for c in ("adcode", "name_zh", "province_zh") if c not in getattr(units, "columns", ())]
    if missing:
        raise ValueError(f"units lacks column(s) {missing}")
    names, provinces, source_codes, full, core, auto = {}, {}, {}, {}, {}, {}
    province_names: dict[str, str] = {}
    province_cores: dict[str, str] = {}
    sources = units["source_code"] if "source_code" in units.columns else units["adcode"]
    for code, name, province, source in zip(units.adcode, units.name_zh, units.province_zh, sources, strict=True):
        code, name, province = str(code), str(name), str(province)
        names[code] = name
        provinces[code] = province
        if str(source) != code:
            source_codes[str(source)] = code
        parts = split_name(name)
        full[fold(name)] = code
        core.setdefault(fold(parts.core), code)
        if parts.suffix == "自治州":
            auto[fold(parts.core)] = code
        pcore = split_name(province).core
        province_cores[province] = pcore
        province_names[fold(province)] = province
        province_names[fold(pcore)] = province
    old_full, old_core = {}, {}
    for change in CODE_CHANGES.values():
        if change.action not in ("renamed", "retired"):
            continue
        old_full.setdefault(fold(change.name_zh), change.old_code)
        old_core.setdefault(fold(split_name(change.name_zh).core), change.old_code)
    return UnitIndex(
        names, provinces, source_codes, full, core, auto, province_names, province_cores, old_full, old_core, county
    )


def normalise_code(value: Cell) -> str | None:
    text = cell_text(value)
    m = re.match(r"^(\d+)(?:\.0+)?$", text)
    if not m:
        return None
    digits = m.group(1)
    if len(digits) == 12 and digits.endswith("000000"):
        return digits[:6]
    if len(digits) == 4:
        return digits + "00"
    return digits if len(digits) == 6 else None


def _old_code_row(row: int, key: str, old: str, index: UnitIndex) -> MatchRow:
    change = CODE_CHANGES[old]
    if change.action == "renamed" and change.new_code in index.names:
        new = change.new_code
        return MatchRow(
            row,
            "matched",
            key,
            new,
            index.names[new],
            (),
            f"old unit {change.name_zh} ({old}) → {index.names[new]} ({new})",
            f"旧区划 {change.name_zh}（{old}）→ {index.names[new]}（{new}）",
        )
    return MatchRow(
        row,
        "unknown",
        key,
        None,
        None,
        (),
        f"{change.name_zh} ({old}) no longer exists: {change.reason}",
        f"{change.name_zh}（{old}）已撤销，不在地图上",
    )


def match_code(row: int, value: Cell, index: UnitIndex) -> MatchRow:
    """Match an admin code cell.

    Examples
    --------
    >>> idx = build_unit_index(pd.DataFrame({"adcode": ["640100", "520500"], "name_zh": ["银川市", "毕节市"],
    ...                                      "province_zh": ["宁夏回族自治区", "贵州省"]}))
    >>> match_code(2, "640100", idx).status, match_code(3, "522400", idx).adcode
    ('matched', '520500')
    >>> match_code(4, "640000", idx).status
    'unknown'
    """
    key = cell_text(value)
    code = normalise_code(value)
    if code is None:
        return MatchRow(row, "unknown", key, reason="not a 6-digit admin code", reason_zh="不是 6 位行政区划代码")
    if code in index.names:
        return MatchRow(row, "matched", key, code, index.names[code])
    if code in index.source_codes:
        new = index.source_codes[code]
        return MatchRow(
            row, "matched", key, new, index.names[new], (), f"code {code} read as {new}", f"代码 {code} 按 {new} 读取"
        )
    if code in CODE_CHANGES:
        return _old_code_row(row, key, code, index)
    if code.endswith("0000"):
        return MatchRow(
            row,
            "unknown",
            key,
            reason="a province-level code, not a prefecture-level unit",
            reason_zh="省级代码，不是地级单位",
        )
    parent = code[:4] + "00"
    if parent in index.names:
        return MatchRow(
            row,
            "unknown",
            key,
            reason=f"a county-level code within {index.names[parent]} ({parent})",
            reason_zh=f"县级代码（属 {index.names[parent]}，{parent}）",
        )
    return MatchRow(row, "unknown", key, reason="not the code of a map unit", reason_zh="不是地图单位的代码")


def _resolve_province(text: str, index: UnitIndex) -> str | None:
    folded = fold(text)
    if folded in index.province_names:
        return index.province_names[folded]
    core = fold(split_name(text).core) if text.strip() else ""
    return index.province_names.get(core)


def _lookup_name(folded: str, index: UnitIndex) -> tuple[str | None, str | None]:
    """``(adcode, old_code)`` for a folded name.

    ``adcode`` is a current unit (full name, core, ``<core>州`` of an autonomous prefecture);
    ``old_code`` an old unit of :data:`~indicators.codes.CODE_CHANGES` whose full name is ``folded``
    (or, when no current unit matched, whose core is). Both can be set (``伊犁地区``).
    """
    old = index.old_full.get(folded)
    if folded in index.full:
        return index.full[folded], old
    core = fold(split_name(folded).core) if folded else ""
    if core in index.core:
        return index.core[core], old
    if folded.endswith("州") and folded[:-1] in index.autonomous_core:  # 延边州, 大理州
        return index.autonomous_core[folded[:-1]], old
    return None, old or index.old_core.get(core)


def match_name(row: int, name: Cell, province: Cell, index: UnitIndex) -> MatchRow:
    """Match a Chinese name cell, with an optional province cell to disambiguate.

    Examples
    --------
    >>> idx = build_unit_index(pd.DataFrame({"adcode": ["220200", "640100"], "name_zh": ["吉林市", "银川市"],
    ...                                      "province_zh": ["吉林省", "宁夏回族自治区"]}))
    >>> match_name(2, "银川", None, idx).adcode, match_name(3, "宁夏银川市", None, idx).adcode
    ('640100', '640100')
    >>> match_name(4, "吉林", None, idx).status, match_name(5, "吉林", "吉林省", idx).status
    ('ambiguous', 'matched')
    >>> match_name(6, "银川市", "甘肃省", idx).status
    'unknown'
    """
    text = cell_text(name)
    ptext = cell_text(province)
    key = f"{ptext} {text}".strip() if ptext else text
    if not text:
        return MatchRow(row, "unknown", key, reason="no name in the key column", reason_zh="地区名称为空")
    wanted = _resolve_province(ptext, index) if ptext else None
    if ptext and wanted is None:
        return MatchRow(
            row, "unknown", key, reason=f"province {ptext!r} not recognised", reason_zh=f"无法识别省份“{ptext}”"
        )
    folded = fold(text)
    code, old = _lookup_name(folded, index)
    if code is None and old is None:
        # a leading province: 宁夏银川市, 宁夏回族自治区银川市
        for pname in sorted(index.province_names, key=len, reverse=True):
            if folded.startswith(pname) and len(folded) - len(pname) >= 2:
                code, old = _lookup_name(folded[len(pname) :], index)
                if code or old:
                    wanted = wanted or index.province_names[pname]
                    break
    as_province = index.province_names.get(folded)
    if as_province is None and folded and split_name(folded).suffix in ("", "省", "自治区", "特别行政区"):
        as_province = index.province_names.get(fold(split_name(folded).core))
    if as_province is not None and (code is None or index.names.get(code) != as_province):
        # the name is (also) a province: 吉林 / 海南 / 宁夏
        is_full_province = folded == fold(as_province)
        if code is not None and not is_full_province and wanted is None:
            return MatchRow(
                row,
                "ambiguous",
                key,
                candidates=(code,),
                reason=f"{text} is both {as_province} (province) and {index.names[code]}; write "
                f"{index.names[code]} or add a province column",
                reason_zh=f"“{text}”既是{as_province}也是{index.names[code]}：请写全称或增加省份列",
            )
        if code is None or is_full_province:
            return MatchRow(
                row,
                "unknown",
                key,
                reason=f"{as_province} is a province, not a prefecture-level unit",
                reason_zh=f"{as_province}是省级单位，不是地级单位",
            )
    if code is not None and old is not None and CODE_CHANGES[old].action == "retired":
        change = CODE_CHANGES[old]
        return MatchRow(
            row,
            "ambiguous",
            key,
            candidates=(code,),
            reason=f"{change.name_zh} ({old}) is an old unit that no longer exists ({change.reason}); if the figures "
            f"are for {index.names[code]} ({code}), write that name",
            reason_zh=f"{change.name_zh}（{old}）是已撤销的旧单位；若数据属于{index.names[code]}（{code}），请写该名称",
        )
    if code is None and old is not None:
        result = _old_code_row(row, key, old, index)
        if result.adcode is None or wanted is None or index.provinces[result.adcode] == wanted:
            return result
        code = result.adcode
    if code is None:
        return MatchRow(row, "unknown", key, reason="no map unit of this name", reason_zh="没有此名称的地图单位")
    if wanted is not None and index.provinces[code] != wanted:
        return MatchRow(
            row,
            "unknown",
            key,
            reason=f"{index.names[code]} is in {index.provinces[code]}, not in {wanted}",
            reason_zh=f"{index.names[code]}属于{index.provinces[code]}，不属于{wanted}",
        )
    return MatchRow(row, "matched", key, code, index.names[code])


def match_code_and_name(row: int, code_cell: Cell, name_cell: Cell, province_cell: Cell, index: UnitIndex) -> MatchRow:
    """Code and name given: the code decides, the name must agree when it matches something."""
    by_code = match_code(row, code_cell, index)
    if is_blank(code_cell) and not is_blank(name_cell):
        return match_name(row, name_cell, province_cell, index)
    if by_code.status != "matched" or is_blank(name_cell):
        return by_code
    by_name = match_name(row, name_cell, province_cell, index)
    if by_name.status == "matched" and by_name.adcode != by_code.adcode:
        return MatchRow(
            row,
            "ambiguous",
            f"{by_code.key} {cell_text(name_cell)}",
            None,
            None,
            (by_code.adcode, by_name.adcode),
            f"code {by_code.adcode} is {by_code.name_zh} but the name says {by_name.name_zh}",
            f"代码 {by_code.adcode} 是{by_code.name_zh}，名称却是{by_name.name_zh}",
        )
    return by_code
