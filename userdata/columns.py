"""The header and the columns of an uploaded table: which row is the header, which column is the key,
the province, the year, which are values and which are ignored.

Examples
--------
>>> column_kind("区划代码"), column_kind("年份"), column_kind("GDP")
('adcode', 'year', None)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from userdata.county_match import match_county_name
from userdata.errors import Limits, UploadError, UserDataError, empty_file, err, fail
from userdata.match import UnitIndex, match_name, normalise_code
from userdata.numbers import parse_number, parse_year
from userdata.read import RawTable
from userdata.text import BIDI, Cell, fold, header_text, is_blank

ADCODE_HEADERS = frozenset(
    map(
        fold,
        (
            "adcode", "ad_code", "code", "admin_code", "citycode", "city_code", "gbcode", "区划代码",
            "行政区划代码", "统计用区划代码", "代码", "地区代码", "城市代码", "行政代码", "编码", "区划编码",
        ),
    )
)  # fmt: skip
NAME_HEADERS = frozenset(
    map(
        fold,
        (
            "name", "name_zh", "city", "prefecture", "region", "地区", "地区名称", "城市", "城市名称", "地级市",
            "地市", "市", "名称", "地名", "地区名", "城市名", "市名", "地市名称", "地级市名称", "区域", "行政区", "行政区划", "行政区划名称", "地级行政区", "单位名称",
            "所属地级市", "所属城市", "所属地市", "所属市",
        ),
    )
)  # fmt: skip
#: Headers of a column of county-level names (区县); a prefecture name column beside it narrows the county.
COUNTY_HEADERS = frozenset(
    map(
        fold,
        (
            "county", "county_name", "county_zh", "district", "区县", "县", "县区", "区县名称", "县名", "县区名称",
            "区县名", "县市区", "县级单位", "县级行政区", "县级行政区划", "县（市、区）", "县（区、市）", "县(市、区)",
        ),
    )
)  # fmt: skip
PROVINCE_HEADERS = frozenset(
    map(fold, ("province", "province_zh", "省", "省份", "省区", "省级", "所属省份", "省名", "省份名称"))
)
YEAR_HEADERS = frozenset(map(fold, ("year", "年份", "年", "年度", "统计年份", "统计年度")))
#: Descriptive columns that are neither key nor value; ignored (and named in the notes).
IGNORED_HEADERS = frozenset(
    map(
        fold,
        (
            "name_en", "province_en", "province_adcode", "unit_type", "english", "英文名", "英文名称", "序号",
            "编号", "no", "no.", "#", "index", "rank", "排名", "排序", "备注", "说明", "注释", "note", "notes",
            "remark", "remarks",
        ),
    )
)  # fmt: skip
YEAR_HEADER_RE = re.compile(r"^((?:19|20)\d\d)(?:年|年度)?$")


@dataclass(frozen=True)
class Layout:
    """Where things are: header row number, key/province/year column indexes, value columns.

    ``name_col`` is a name column beside a code key; ``prefecture_col`` a second name column (a county's
    prefecture), which only county matching reads.
    """

    header_row: int
    key_col: int
    key_kind: str  # 'adcode' or 'name'
    name_col: int | None
    province_col: int | None
    year_col: int | None
    value_cols: tuple[tuple[int, str], ...]
    wide_years: bool
    notes: tuple[str, ...]
    prefecture_col: int | None = None


def fill_merges(rows: list[tuple[int, list[Cell]]], merges, header_row: int) -> None:
    """Fill vertically merged data cells with their top-left value (in place)."""
    by_number = {n: cells for n, cells in rows}
    for r0, c0, r1, c1 in merges:
        if r0 <= header_row or c0 != c1:  # only vertical merges below the header (a province over its rows)
            continue
        top = by_number.get(r0)
        if top is None or c0 - 1 >= len(top):
            continue
        value = top[c0 - 1]
        for r in range(r0, r1 + 1):
            cells = by_number.get(r)
            if cells is None:
                continue
            for c in range(c0, c1 + 1):
                if c - 1 < len(cells) and (r, c) != (r0, c0):
                    cells[c - 1] = value


def find_header(raw: RawTable) -> int:
    """Index (in ``raw.rows``) of the header: the first row that is not a title.

    A title row has a single non-blank cell, in the first column (a merged title across the table).
    """
    for i, (_number, cells) in enumerate(raw.rows[:12]):
        filled = [j for j, c in enumerate(cells) if not is_blank(c)]
        if filled != [0]:
            return i
    if not raw.rows:
        raise empty_file()
    raise fail(
        "no_value_column",
        "The table needs at least two columns: a key (admin code or name) and one or more values.",
        "表格至少需要两列：地区（代码或名称）列和数值列。",
    )


def column_kind(name: str) -> str | None:
    folded = fold(name)
    for kind, names in (
        ("adcode", ADCODE_HEADERS),
        ("name", NAME_HEADERS),
        ("county", COUNTY_HEADERS),
        ("province", PROVINCE_HEADERS),
        ("year", YEAR_HEADERS),
        ("ignored", IGNORED_HEADERS),
    ):
        if folded in names:
            return kind
    return None


def read_layout(header_cells: tuple[Cell, ...], data: list[tuple[int, list[Cell]]], header_row: int, index: UnitIndex,
            merges, limits: Limits) -> Layout:  # fmt: skip
    errors: list[UploadError] = []
    notes: list[str] = []
    width = len(header_cells)
    names = [header_text(c) for c in header_cells]
    has_data = [any(i < len(c) and not is_blank(c[i]) for _, c in data) for i in range(width)]
    used = [i for i in range(width) if names[i] or has_data[i]]
    if len(used) > limits.max_columns:
        raise fail(
            "too_many_columns",
            f"The table has {len(used)} columns; at most {limits.max_columns} are allowed.",
            f"表格共 {len(used)} 列，最多 {limits.max_columns} 列。",
        )
    header_merged = [m for m in merges if m[0] <= header_row <= m[2] and (m[2] > m[0] or m[3] > m[1])]
    first_data = data[0][1] if data else []

    def first_cell(i: int) -> Cell:
        return first_data[i] if i < len(first_data) else None

    # a blank first column name is allowed (pivot-table exports): the key is then guessed from its cells
    blank_named = [i for i in used if not names[i] and i != used[0]]
    second_header = (
        bool(blank_named)
        and is_blank(first_cell(used[0]))
        and any(
            not is_blank(first_cell(i))
            and (isinstance(parse_number(first_cell(i)), str) or isinstance(parse_year(first_cell(i)), int))
            for i in blank_named
        )
    )
    if header_merged or second_header:
        rows_text = f"{header_row}–{header_row + 1}" if second_header else str(header_row)
        raise fail(
            "merged_header",
            f"The header spans rows {rows_text} (merged cells): use one header row with one name per column, "
            "e.g. 地区, GDP_2019, GDP_2020.",
            f"表头跨越第 {rows_text} 行（合并单元格）：请只用一行表头，每列一个名称。",
            row=header_row,
        )
    for i in blank_named:
        errors.append(
            err(
                "blank_column_name",
                f"Column {i + 1} has values but no name in the header (row {header_row}).",
                f"第 {i + 1} 列有数据但表头（第 {header_row} 行）没有列名。",
                row=header_row,
                column=f"#{i + 1}",
            )
        )
    seen: dict[str, int] = {}
    for i in used:
        n = names[i]
        if not n:
            continue
        problem = None
        if len(n) > limits.column_chars:
            problem = f"is longer than {limits.column_chars} characters"
        elif any(unicodedata.category(c) == "Cc" or c in BIDI for c in n):
            problem = "contains control characters"
        elif n[0] in "=+-@":
            problem = f"starts with {n[0]!r} (looks like a spreadsheet formula)"
        if problem:
            errors.append(
                err(
                    "bad_column_name",
                    f"Column {i + 1} name {n[:40]!r} {problem}.",
                    f"第 {i + 1} 列的列名无效。",
                    row=header_row,
                    column=n[:40],
                )  # fmt: skip
            )
        folded = fold(n)
        if folded in seen:
            errors.append(
                err(
                    "duplicate_column",
                    f"Columns {seen[folded] + 1} and {i + 1} are both named {n!r}.",
                    f"第 {seen[folded] + 1} 列与第 {i + 1} 列同名（{n}）。",
                    row=header_row,
                    column=n,
                )
            )
        seen.setdefault(folded, i)
    if errors:
        raise UserDataError(errors)
    kinds = {i: column_kind(names[i]) if names[i] else None for i in used}
    first = {k: next((i for i in used if kinds[i] == k), None) for k in ("adcode", "name", "county", "province", "year")}
    named = first["county"] if first["county"] is not None else first["name"]  # the unit's own name
    key_col, key_kind = (first["adcode"], "adcode") if first["adcode"] is not None else (named, "name")
    name_col = named if key_kind == "adcode" else None
    prefecture_col = next((i for i in used if kinds[i] == "name" and i not in (key_col, name_col)), None)
    if key_col is None:
        for i in [i for i in used if kinds[i] is None][:3]:
            key_col, key_kind = _guess_key(i, data, index)
            if key_col is not None:
                notes.append(f"column {i + 1} ({names[i] or 'no name'}) used as the key ({key_kind})")
                break
    if key_col is None:
        raise fail(
            "no_key_column",
            "No key column: name one column 'adcode' (6-digit admin codes), '地区' / 'name' (Chinese names of "
            "prefecture-level units, optionally with a '省份' / 'province' column) or '区县' / 'county' (county "
            "names, with a '地级市' / 'prefecture' column).",
            "缺少地区列：请将一列命名为“代码”（6 位行政区划代码）、“地区”（地级单位中文名称，可另加“省份”列）"
            "或“区县”（县级单位名称，另加“地级市”列）。",
            row=header_row,
        )
    taken = {key_col, name_col, prefecture_col, first["province"], first["year"]}
    ignored = [names[i] for i in used if i not in taken and kinds[i] is not None]
    if ignored:
        notes.append(f"ignored column(s): {', '.join(ignored)}")
    value_cols = tuple((i, names[i]) for i in used if i not in taken and kinds[i] is None)
    dropped = [n for i, n in value_cols if not has_data[i]]
    if dropped:
        notes.append(f"empty column(s) dropped: {', '.join(dropped)}")
    value_cols = tuple((i, n) for i, n in value_cols if has_data[i])
    if not value_cols:
        raise fail(
            "no_value_column",
            "No value column: besides the key (and year) columns, the table needs at least one column of numbers.",
            "缺少数值列：除地区列（和年份列）外，至少需要一列数字。",
            row=header_row,
        )
    wide = first["year"] is None and all(YEAR_HEADER_RE.match(n) for _, n in value_cols)
    return Layout(header_row, key_col, key_kind, name_col, first["province"], first["year"], value_cols, wide,
                  tuple(notes), prefecture_col)  # fmt: skip


def _guess_key(col: int, data, index: UnitIndex) -> tuple[int | None, str]:
    values = [c[col] for _, c in data if col < len(c) and not is_blank(c[col])]
    if not values:
        return None, ""
    if all(normalise_code(v) is not None for v in values):
        return col, "adcode"
    hits = sum(match_name(0, v, None, index).status == "matched" for v in values)
    if index.county is not None and hits < max(1, len(values) // 2):
        hits = max(hits, sum(match_county_name(0, v, (), index.county).status != "unknown" for v in values))
    if hits >= max(1, len(values) // 2):
        return col, "name"
    return None, ""
