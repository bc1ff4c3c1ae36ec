"""User-uploaded indicator tables: read, validate, match to the map units, normalise, hash.

Pure functions (no Dash, Flask or database): :mod:`userdata.store` stores what
:func:`prepare_upload` returns and :mod:`callbacks.upload` shows its match report.

What an upload may be
---------------------
* **Format** — CSV (or tab-, semicolon- or ``|``-separated text; an Excel ``sep=;`` first line is
  honoured) or XLSX (first worksheet). Old ``.xls``, ODS, HTML tables saved as ``.xls``, PDF and
  other binaries are refused with a hint.
* **Encoding** (text files) — UTF-8 with or without BOM, UTF-16 with BOM, or GBK / GB18030 as Chinese
  Excel writes it; detected, never asked for.
* **Key** — a 6-digit admin code column (``adcode``, ``代码``, ``区划代码`` …; 4-digit ``6401`` and
  12-digit ``640100000000`` codes and Beijing/Tianjin/Shanghai city codes ``110100`` are read too; old
  codes of :data:`indicators.codes.RENAMES` are moved to the current unit) or a Chinese name column
  (``地区``, ``城市``, ``name`` …) with an optional province column (``省份``, ``province`` …). Names are
  matched with or without their suffix (``银川`` = ``银川市``, ``延边州`` = ``延边朝鲜族自治州``,
  ``毕节地区`` = ``毕节市``), with a leading province (``宁夏银川市``), and by the old names the code
  table knows (:data:`indicators.codes.CODE_CHANGES`). When the header names no key column, a first
  column of codes or unit names is used.
* **County files** — rows may instead be county-level units (区县): a 6-digit code of a 2020 census unit
  (a code the boundary crosswalk renamed, or a 2010 code of an unchanged territory, is read as the current
  unit with a note), or a county name with its prefecture: in the same cell (``兴庆区 银川市``,
  ``银川市兴庆区``, ``Xingqing District, Yinchuan``) or in a prefecture column beside a ``区县`` /
  ``county`` column. A bare name borne by several counties (``城关区``, ``新华区``) is ambiguous, never
  guessed (see :mod:`userdata.county_match`). Every row is matched at both levels and the file is read at
  the level with more matched rows (:mod:`userdata.levels`); the record keeps its ``level``.
* **Values** — every other column is a numeric value column, except a ``year`` column (``year``,
  ``年份``, ``年``, ``年度``) and descriptive columns that are ignored (``序号``, ``备注``, ``name_en``
  …, see :data:`userdata.columns.IGNORED_HEADERS`). Blank cells and the usual placeholders (``-``, ``—``, ``…``,
  ``NA``, ``无`` …) are missing values, never 0. Full-width digits and thousands separators
  (``1,234.5``) are read; ``12%``, ``(12)``, ``1,5`` and text are errors naming row and column. When
  there is no year column and every value column is a year (``2019``, ``2020年``), the table is read
  as one value per unit and year.
* **Layout** — one header row. Title rows above it (one cell, e.g. a merged title) are skipped; a
  header spanning two rows (merged group headings) is an error. Vertically merged cells in the data
  (a province merged over its prefectures) are filled down. Formulas in XLSX are refused (their cached
  results may be stale or absent): paste values.

Errors
------
Every problem is an :class:`~userdata.errors.UploadError` (``code``, English and Chinese message, row and column when
they apply), raised together in one :class:`~userdata.errors.UserDataError`; nothing else escapes for any input bytes.
The codes are the keys of :data:`userdata.errors.ERROR_CODES`.

Matching
--------
Each data row is ``matched`` (one map unit), ``ambiguous`` (could be more than one unit, or the code
and the name disagree) or ``unknown`` (no map unit: province totals, county codes, retired units,
typos; rows of the other level in a county or prefecture file); see :class:`~userdata.match.MatchRow`. Only
matched rows are kept; two matched rows for the same unit (and year) are a ``duplicate_key`` error.

Identity
--------
The accepted table is normalised (rows sorted by code and year, numbers as floats, texts NFC and
trimmed) and serialised canonically (:func:`userdata.record.canonical_payload`); its SHA-256 is the dataset's
``digest`` and the first :data:`~userdata.record.ID_LENGTH` hex digits its ``id``. The same data with the same label,
unit and source gives the same id whatever the file's encoding, delimiter, format or row order.

Examples
--------
>>> units = pd.DataFrame({"adcode": ["640100", "640300"], "name_zh": ["银川市", "吴忠市"],
...                       "province_zh": ["宁夏回族自治区"] * 2, "unit_type": ["prefecture"] * 2})
>>> data = "地区,人数\\n银川,12\\n吴忠市,7.5\\n宁夏回族自治区,19.5\\n".encode("gbk")
>>> up = prepare_upload(data, "test.csv", label="Test figures", unit="persons", source="made up",
...                     units=units)
>>> up.encoding, [(m.row, m.status, m.adcode) for m in up.matches]
('gb18030', [(2, 'matched', '640100'), (3, 'matched', '640300'), (4, 'unknown', None)])
>>> up.record.table.to_dict("list")
{'adcode': ['640100', '640300'], '人数': [12.0, 7.5]}
>>> len(up.record.id)
24
>>> prepare_upload(b"", "x.csv", label="x", unit="", source="y", units=units)
Traceback (most recent call last):
...
userdata.errors.UserDataError: empty_file: The file is empty.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

import pandas as pd

from userdata.columns import YEAR_HEADER_RE, fill_merges, find_header, read_layout
from userdata.county_match import CountyIndex, match_county, match_county_name
from userdata.errors import DEFAULT_LIMITS, Limits, UploadError, UserDataError, cap_errors, empty_file, err, fail
from userdata.levels import resolve_level
from userdata.match import MatchRow, UnitIndex, build_unit_index, match_code, match_code_and_name, match_name
from userdata.numbers import parse_number, parse_year
from userdata.read import decode_contents, read_table
from userdata.record import DatasetRecord, make_record
from userdata.text import Cell, cell_text, clean_text, is_blank, lookalike_words


@dataclass(frozen=True, eq=False)
class PreparedUpload:
    """A validated upload, ready to store: the record, the match report and how the file was read."""

    record: DatasetRecord
    matches: tuple[MatchRow, ...]
    key_kind: str
    format: str
    encoding: str | None
    delimiter: str | None
    notes: tuple[str, ...] = field(default_factory=tuple)

    def rows_with(self, status: str) -> list[MatchRow]:
        return [m for m in self.matches if m.status == status]

    def report(self) -> dict:
        """The match report as plain JSON-ready data (``matched``/``ambiguous``/``unknown`` row lists)."""
        return {
            "id": self.record.id,
            "label": self.record.label,
            "unit": self.record.unit,
            "source": self.record.source,
            "level": self.record.level,
            "matched": [m.as_dict() for m in self.rows_with("matched")],
            "ambiguous": [m.as_dict() for m in self.rows_with("ambiguous")],
            "unknown": [m.as_dict() for m in self.rows_with("unknown")],
            "columns": list(self.record.columns),
            "years": list(self.record.years),
            "key": self.key_kind,
            "format": self.format,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "notes": list(self.notes),
        }


def prepare_upload(
    content: bytes,
    filename: str = "",
    *,
    label: object,
    unit: object,
    source: object,
    units: pd.DataFrame | None = None,
    index: UnitIndex | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> PreparedUpload:
    """Read, validate and match an upload; the result is ready to store and to preview.

    Parameters
    ----------
    content
        The file's bytes (format and encoding are detected).
    filename
        For messages only; the content decides the format.
    label, unit, source
        The user's texts (plain text; ``label`` and ``source`` required, ``unit`` may be empty).
    units, index
        The map units (``adcode, name_zh, province_zh``) or their cached :func:`~userdata.match.build_unit_index`.
    limits
        Size, row, column and text limits.

    Returns
    -------
    PreparedUpload

    Raises
    ------
    UserDataError
        Listing every problem found (see :data:`~userdata.errors.ERROR_CODES`); never another exception for any bytes.
    """
    del filename  # the content decides; kept in the signature for callers that log it
    if index is None:
        if units is None:
            raise ValueError("prepare_upload needs units or index")
        index = build_unit_index(units)
    errors: list[UploadError] = []
    texts = {}
    for name, max_chars, required in (
        ("label", limits.label_chars, True),
        ("unit", limits.unit_chars, False),
        ("source", limits.source_chars, True),
    ):
        texts[name], errs = clean_text(
            {"label": label, "unit": unit, "source": source}[name], name, max_chars, required
        )
        errors.extend(errs)
    try:
        prepared = _prepare_table(content, index, limits, texts)
    except UserDataError as exc:
        raise UserDataError(errors + list(exc.errors)) from None
    if errors:
        raise UserDataError(errors)
    flagged = [
        f"the {name} mixes alphabets in {', '.join(repr(w) for w in words[:3])} (look-alike letters?)"
        for name, words in ((n, lookalike_words(texts[n])) for n in ("label", "unit", "source"))
        if words
    ]
    return dataclasses.replace(prepared, notes=prepared.notes + tuple(flagged)) if flagged else prepared


def prepare_contents(
    contents: str,
    filename: str | None,
    *,
    label: object,
    unit: object,
    source: object,
    index: UnitIndex,
    limits: Limits,
) -> PreparedUpload:
    """:func:`prepare_upload` of a ``dcc.Upload`` ``contents`` value (see :func:`~userdata.read.decode_contents`).

    Raises
    ------
    UserDataError
        As :func:`prepare_upload`, or for a malformed or too large ``contents``.
    """
    content = decode_contents(contents, limits)
    return prepare_upload(content, filename or "", label=label, unit=unit, source=source, index=index, limits=limits)


def _match_prefecture(number: int, cell, layout, index: UnitIndex) -> MatchRow:
    """One row matched to a prefecture-level unit (``cell(i)`` is the row's cell ``i``)."""
    if layout.key_kind == "adcode":
        if layout.name_col is not None:
            return match_code_and_name(
                number, cell(layout.key_col), cell(layout.name_col), cell(layout.province_col), index
            )
        return match_code(number, cell(layout.key_col), index)
    return match_name(number, cell(layout.key_col), cell(layout.province_col), index)


def _match_county(number: int, cell, layout, index: CountyIndex) -> MatchRow:
    """One row matched to a county-level unit; the prefecture and province columns narrow a name."""
    qualifiers = tuple(cell(i) for i in (layout.prefecture_col, layout.province_col) if i is not None)
    if layout.key_kind == "adcode":
        return match_county(number, cell(layout.key_col), cell(layout.name_col), qualifiers, index)
    return match_county_name(number, cell(layout.key_col), qualifiers, index)


def _prepare_table(content: bytes, index: UnitIndex, limits: Limits, texts: dict[str, str]) -> PreparedUpload:
    raw = read_table(content, limits)
    if not raw.rows:
        raise empty_file()
    h = find_header(raw)
    notes = list(raw.notes)
    if h:
        notes.append(f"title row(s) {', '.join(str(n) for n, _ in raw.rows[:h])} skipped")
    header_row, header_cells = raw.rows[h]
    data = [(n, list(c)) for n, c in raw.rows[h + 1 :]]
    fill_merges(data, raw.merges, header_row)
    if not data:
        raise fail(
            "no_data_rows",
            "The table has a header but no data rows.",
            "表格只有表头，没有数据行。",
            row=header_row,
        )
    if len(data) > limits.max_rows:
        raise fail(
            "too_many_rows",
            f"The table has more than {limits.max_rows} data rows; at most {limits.max_rows} are allowed.",
            f"数据行超过 {limits.max_rows} 行的上限。",
        )
    layout = read_layout(header_cells, data, header_row, index, raw.merges, limits)
    notes.extend(layout.notes)
    errors: list[UploadError] = []
    width = len(header_cells)
    header_names = {i: n for i, n in layout.value_cols}
    thousands = raw.delimiter != ";"
    prefecture_rows: list[MatchRow] = []
    county_rows: list[MatchRow] = []
    read: list[tuple[int, int | None, list[float]]] = []
    records: list[tuple[int, str, int | None, list[float]]] = []
    for number, cells in data:
        extra = [c for c in cells[width:] if not is_blank(c)]
        if extra and width:
            errors.append(
                err(
                    "extra_cells",
                    f"Row {number} has {len(cells)} cells but the header has {width} (a separator inside a value?).",
                    f"第 {number} 行有 {len(cells)} 个单元格，表头只有 {width} 列（数值中含分隔符？）。",
                    row=number,
                )
            )
            continue

        def cell(i: int | None, cells=cells) -> Cell:
            return cells[i] if i is not None and i < len(cells) else None

        values: list[float] = []
        for i, name in layout.value_cols:
            v = parse_number(cell(i), thousands)
            if isinstance(v, str):
                errors.append(
                    err(
                        "non_numeric",
                        f"Row {number}, column {name!r}: {v}.",
                        f"第 {number} 行“{name}”列：不是数字（{cell_text(cell(i))[:40]}）。",
                        row=number,
                        column=name,
                    )  # fmt: skip
                )
                v = math.nan
            values.append(v)
        year = None
        if layout.year_col is not None:
            y = parse_year(cell(layout.year_col))
            if isinstance(y, str):
                errors.append(
                    err("bad_year", f"Row {number}: {y}.", f"第 {number} 行：年份无效。", row=number, column="year")
                )
                continue
            year = y
        prefecture_rows.append(_match_prefecture(number, cell, layout, index))
        if index.county is not None:
            county_rows.append(_match_county(number, cell, layout, index.county))
        read.append((number, year, values))
    level, matches, level_notes = resolve_level(prefecture_rows, county_rows if index.county is not None else None)
    notes.extend(level_notes)
    names = index.names_at(level)
    for m, (number, year, values) in zip(matches, read, strict=True):
        if m.status == "matched":
            records.append((number, m.adcode, year, values))
    # duplicates
    first_row: dict[tuple, int] = {}
    expanded: list[tuple[int, str, int | None, list[float]]] = []
    if layout.wide_years:
        for number, code, _, values in records:
            for (_, name), v in zip(layout.value_cols, values, strict=True):
                expanded.append((number, code, int(YEAR_HEADER_RE.match(name).group(1)), [v]))
        columns: tuple[str, ...] = ("value",)
        notes.append("year columns read as one value per unit and year")
    else:
        expanded = records
        columns = tuple(header_names[i] for i, _ in layout.value_cols)
    for number, code, year, _ in expanded:
        k = (code, year)
        if k in first_row and first_row[k] != number:
            yr = f" in {year}" if year is not None else ""
            errors.append(
                err(
                    "duplicate_key",
                    f"Rows {first_row[k]} and {number} both give {names[code]} ({code}){yr}.",
                    f"第 {first_row[k]} 行和第 {number} 行都是{names[code]}（{code}）{yr.replace(' in ', ' ')}。",
                    row=number,
                )
            )
        first_row.setdefault(k, number)
    if not errors and not expanded:
        errors.append(
            err(
                "no_match",
                "No row matches a prefecture-level unit of the map: check the key column (6-digit codes such as "
                "640100, or names such as 银川市)."
                if index.county is None
                else "No row matches a prefecture-level or county-level unit of the map: check the key column "
                "(6-digit codes such as 640100 or 640104, names such as 银川市, or a county with its prefecture "
                "such as 兴庆区 银川市).",
                "没有任何行与地图上的地级单位匹配：请检查地区列（如 640100 或 银川市）。"
                if index.county is None
                else "没有任何行与地图上的地级或县级单位匹配：请检查地区列（如 640100、640104、银川市 或 兴庆区 银川市）。",
            )
        )
    if errors:
        raise UserDataError(cap_errors(errors))
    has_year = layout.year_col is not None or layout.wide_years
    frame = pd.DataFrame({"adcode": [r[1] for r in expanded]})
    if has_year:
        frame["year"] = [r[2] for r in expanded]
    for j, c in enumerate(columns):
        frame[c] = [r[3][j] for r in expanded]
    record = make_record(texts["label"], texts["unit"], texts["source"], columns, has_year, frame, level=level)
    return PreparedUpload(
        record, tuple(matches), layout.key_kind, raw.format, raw.encoding, raw.delimiter, tuple(notes)
    )
