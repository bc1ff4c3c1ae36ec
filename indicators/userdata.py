"""User-uploaded indicator tables: read, validate, match to the map units, normalise, hash.

Pure functions (no Dash, Flask or database): :mod:`callbacks.datasets` stores what
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
* **Values** — every other column is a numeric value column, except a ``year`` column (``year``,
  ``年份``, ``年``, ``年度``) and descriptive columns that are ignored (``序号``, ``备注``, ``name_en``
  …, see :data:`IGNORED_HEADERS`). Blank cells and the usual placeholders (``-``, ``—``, ``…``,
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
Every problem is an :class:`UploadError` (``code``, English and Chinese message, row and column when
they apply), raised together in one :class:`UserDataError`; nothing else escapes for any input bytes.
The codes are the keys of :data:`ERROR_CODES`.

Matching
--------
Each data row is ``matched`` (one map unit), ``ambiguous`` (could be more than one unit, or the code
and the name disagree) or ``unknown`` (no map unit: province totals, county codes, retired units,
typos); see :class:`MatchRow`. Only matched rows are kept; two matched rows for the same unit (and
year) are a ``duplicate_key`` error.

Identity
--------
The accepted table is normalised (rows sorted by code and year, numbers as floats, texts NFC and
trimmed) and serialised canonically (:func:`canonical_payload`); its SHA-256 is the dataset's
``digest`` and the first :data:`ID_LENGTH` hex digits its ``id``. The same data with the same label,
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
indicators.userdata.UserDataError: empty_file: The file is empty.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import math
import re
import unicodedata
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time

import numpy as np
import pandas as pd

from geodata.names import split_name
from indicators.codes import CODE_CHANGES
from indicators.registry import FAMILIES, Indicator
from web import settings

# --------------------------------------------------------------------------------------------------
# Limits, errors
# --------------------------------------------------------------------------------------------------

#: Hex digits of the SHA-256 digest that form a dataset id (the URL accepts 8–64).
ID_LENGTH = 24
ID_RE = re.compile(r"^[0-9a-f]{8,64}$")
#: Version of :func:`canonical_payload`; part of the hash.
FORMAT_VERSION = 1
#: Year given to every value of a dataset without a year column (``Indicator.years`` needs one).
NO_YEAR = 0
YEAR_RANGE = (1900, 2100)
#: At most this many errors of one kind are listed (then a summary line).
MAX_ERRORS_PER_CODE = 10
#: An XLSX may not unpack to more than this multiple of the byte limit (zip bombs).
XLSX_EXPANSION = 20


@dataclass(frozen=True)
class Limits:
    """Upload limits (the web layer reads them from the environment; see :mod:`web.settings`)."""

    max_bytes: int = settings.UPLOAD_MAX_BYTES
    max_rows: int = settings.UPLOAD_MAX_ROWS
    max_columns: int = settings.UPLOAD_MAX_COLUMNS
    label_chars: int = 120
    unit_chars: int = 40
    source_chars: int = 300
    column_chars: int = 60


#: Error codes with a one-line description (the messages themselves name row, column and value).
ERROR_CODES: dict[str, str] = {
    "empty_file": "the file is empty (or holds only blank lines)",
    "file_too_large": "the file (or the unpacked workbook) is over the size limit",
    "unsupported_format": "not CSV/text or XLSX (old .xls, ODS, HTML, PDF, other binary)",
    "xlsx_unreadable": "a damaged or password-protected workbook",
    "encoding": "text that is neither UTF-8/UTF-16 nor GBK/GB18030",
    "delimiter": "no column separator found (comma, tab, semicolon, |)",
    "csv_syntax": "broken quoting in a CSV file",
    "formula": "an XLSX cell holds a formula",
    "merged_header": "the header spans several rows (merged cells)",
    "blank_column_name": "a column with data has no name",
    "bad_column_name": "a column name is too long, has control characters or looks like a formula",
    "duplicate_column": "two columns have the same name",
    "too_many_columns": "more columns than the limit",
    "too_many_rows": "more data rows than the limit",
    "no_data_rows": "a header but no data rows",
    "no_key_column": "no admin-code or name column",
    "no_value_column": "no numeric value column",
    "extra_cells": "a row has more cells than the header",
    "non_numeric": "a value cell is not a number",
    "bad_year": "a year cell is not a year",
    "duplicate_key": "two rows give the same unit (and year)",
    "no_match": "no row matches a map unit",
    "missing_text": "label or source is empty",
    "text_too_long": "label, unit or source is longer than the limit",
    "bad_text": "label, unit or source holds control characters",
}


@dataclass(frozen=True)
class UploadError:
    """One problem of an upload. ``row`` is the spreadsheet row (1-based, header included)."""

    code: str
    message: str
    message_zh: str
    row: int | None = None
    column: str | None = None

    def __post_init__(self) -> None:
        if self.code not in ERROR_CODES:
            raise ValueError(f"unknown upload error code {self.code!r}; valid: {', '.join(ERROR_CODES)}")

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "message": self.message,
            "message_zh": self.message_zh,
            "row": self.row,
            "column": self.column,
        }


class UserDataError(ValueError):
    """An upload that cannot be accepted; ``errors`` lists every problem found."""

    def __init__(self, errors: Iterable[UploadError]) -> None:
        self.errors: tuple[UploadError, ...] = tuple(errors)
        if not self.errors:
            raise ValueError("UserDataError needs at least one error")
        first = self.errors[0]
        more = f" (+{len(self.errors) - 1} more)" if len(self.errors) > 1 else ""
        super().__init__(f"{first.code}: {first.message}{more}")

    def as_dicts(self) -> list[dict]:
        return [e.as_dict() for e in self.errors]


def _err(code: str, en: str, zh: str, row: int | None = None, column: str | None = None) -> UploadError:
    return UploadError(code, en, zh, row, column)


def _fail(code: str, en: str, zh: str, row: int | None = None, column: str | None = None) -> UserDataError:
    """A :class:`UserDataError` with one error (``raise _fail(...)``)."""
    return UserDataError([_err(code, en, zh, row, column)])


def _cap(errors: list[UploadError]) -> list[UploadError]:
    """At most :data:`MAX_ERRORS_PER_CODE` errors per code, then one summary error for the rest."""
    seen: Counter[str] = Counter()
    out: list[UploadError] = []
    for e in errors:
        seen[e.code] += 1
        if seen[e.code] <= MAX_ERRORS_PER_CODE:
            out.append(e)
    for code, n in seen.items():
        if n > MAX_ERRORS_PER_CODE:
            extra = n - MAX_ERRORS_PER_CODE
            out.append(_err(code, f"… and {extra} more of this kind.", f"……另有 {extra} 处同类问题。"))
    return out


# --------------------------------------------------------------------------------------------------
# Plain text (label, unit, source, column names)
# --------------------------------------------------------------------------------------------------

_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_FIELD_ZH = {"label": "名称", "unit": "单位", "source": "来源"}


def clean_text(value: object, field_name: str, max_chars: int, required: bool) -> tuple[str, list[UploadError]]:
    """Plain text as the user typed it, NFC-normalised, whitespace runs collapsed, trimmed.

    Markup is kept as literal text (``'<b>x</b>'`` stays that string): whoever displays it must
    treat it as text. Control and bidi-override characters are refused.

    Examples
    --------
    >>> clean_text("  GDP\\n per  head ", "label", 120, True)
    ('GDP per head', [])
    >>> clean_text("<script>alert(1)</script>", "label", 120, True)[0]
    '<script>alert(1)</script>'
    >>> [e.code for e in clean_text("", "label", 120, True)[1]]
    ['missing_text']
    """
    zh = _FIELD_ZH.get(field_name, field_name)
    text = "" if value is None else str(value)
    text = " ".join(unicodedata.normalize("NFC", text).split())
    errors = []
    bad = [c for c in text if unicodedata.category(c) == "Cc" or c in _BIDI]
    if bad:
        errors.append(
            _err(
                "bad_text",
                f"The {field_name} contains control characters ({', '.join(f'U+{ord(c):04X}' for c in bad[:3])}).",
                f"{zh}包含控制字符。",
                column=field_name,
            )
        )
    if required and not text:
        errors.append(_err("missing_text", f"Please give a {field_name}.", f"请填写{zh}。", column=field_name))
    if len(text) > max_chars:
        errors.append(
            _err(
                "text_too_long",
                f"The {field_name} has {len(text)} characters; at most {max_chars} are allowed.",
                f"{zh}共 {len(text)} 个字符，最多 {max_chars} 个。",
                column=field_name,
            )
        )
    return text, errors


def _fold(text: str) -> str:
    """Header/name folding: NFKC, case-folded, without whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


# --------------------------------------------------------------------------------------------------
# Reading bytes into rows
# --------------------------------------------------------------------------------------------------

Cell = str | int | float | bool | datetime | date | time | None


@dataclass(frozen=True)
class RawTable:
    """Rows of the first sheet as read: ``rows`` are ``(row_number, cells)`` (no header detection yet).

    ``merges`` lists merged cell ranges of an XLSX as ``(min_row, min_col, max_row, max_col)``
    (1-based, inclusive); CSV has none.
    """

    rows: tuple[tuple[int, tuple[Cell, ...]], ...]
    format: str
    encoding: str | None = None
    delimiter: str | None = None
    merges: tuple[tuple[int, int, int, int], ...] = ()
    notes: tuple[str, ...] = ()


_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CJK_RANGES = (
    (0x00A0, 0x00FF),  # Latin-1 punctuation (·, ×, °)
    (0x2000, 0x206F),  # general punctuation (—, …, ‰)
    (0x2100, 0x218F),  # letterlike, number forms (℃, Ⅰ)
    (0x2460, 0x24FF),  # enclosed numbers
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # shapes (■, ○)
    (0x3000, 0x303F),  # CJK punctuation
    (0x3040, 0x30FF),  # kana
    (0x3100, 0x312F),  # bopomofo
    (0x3400, 0x4DBF),  # CJK ext. A
    (0x4E00, 0x9FFF),  # CJK unified
    (0xF900, 0xFAFF),  # CJK compatibility
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms
    (0x20000, 0x2FA1F),  # CJK ext. B+
)


def _plausible_chinese(text: str) -> bool:
    """True when ≥ 95 % of the non-ASCII characters are CJK, punctuation or full-width forms."""
    non_ascii = [c for c in text if ord(c) > 0x7F]
    if not non_ascii:
        return True
    ok = sum(any(lo <= ord(c) <= hi for lo, hi in _CJK_RANGES) for c in non_ascii)
    return ok >= 0.95 * len(non_ascii)


def detect_encoding(content: bytes) -> tuple[str, str]:
    """``(encoding, text)`` of a text file: UTF-8 (BOM or not), UTF-16 with BOM, else GB18030.

    GB18030 is a superset of GBK and GB2312, so GBK exports are read as ``'gb18030'``.

    Raises
    ------
    UserDataError
        ``encoding`` when none of these decodes the bytes into plausible text.

    Examples
    --------
    >>> detect_encoding("银川市".encode("gbk"))
    ('gb18030', '银川市')
    >>> detect_encoding(codecs.BOM_UTF8 + "银川".encode())
    ('utf-8-sig', '银川')
    """
    if content.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "gb18030"]
    for enc in candidates:
        try:
            text = content.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "gb18030" and not _plausible_chinese(text):
            continue
        if "\x00" in text:
            continue
        return enc, text
    raise _fail(
        "encoding",
        "The text encoding could not be recognised: save the file as 'CSV UTF-8' (or as GBK, as Chinese "
        "Excel does by default).",
        "无法识别文件编码：请另存为“CSV UTF-8”或 GBK 编码的 CSV。",
    )


_DELIMITERS = (",", "\t", ";", "|", "，")
_DELIM_NAMES = {",": "comma", "\t": "tab", ";": "semicolon", "|": "vertical bar", "，": "full-width comma"}


def detect_delimiter(text: str) -> str:
    """The column separator of a text table, among comma, tab, semicolon, ``|`` and ``，``.

    The separator that splits the most of the first 50 non-blank lines into the same number (≥ 2)
    of cells wins; ties go to the earlier one in that list.

    Examples
    --------
    >>> detect_delimiter("a;b;c\\n1;2,5;3\\n")
    ';'
    >>> detect_delimiter("a,b\\n1,2\\n")
    ','
    """
    lines = [ln for ln in text.splitlines() if ln.strip()][:50]
    best, best_score = None, (0, 0)
    for delim in _DELIMITERS:
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=delim) if len(r) >= 2]
        except csv.Error:
            continue
        if not counts:
            continue
        mode, n_mode = Counter(counts).most_common(1)[0]
        score = (n_mode, mode)
        if score > best_score:
            best, best_score = delim, score
    if best is None:
        raise _fail(
            "delimiter",
            "No column separator found: the file needs at least two columns separated by commas, "
            "tabs or semicolons (a key column and a value column).",
            "找不到列分隔符：文件至少需要两列（地区列和数值列），以逗号、制表符或分号分隔。",
        )
    return best


def _read_text(content: bytes, limits: Limits) -> RawTable:
    encoding, text = detect_encoding(content)
    if text.startswith("\ufeff"):
        text = text[1:]
    head = text.lstrip()[:200].casefold()
    if head.startswith(("<!doctype html", "<html", "<table", "<?xml")):
        raise _fail(
            "unsupported_format",
            "This is a web page or XML saved under a spreadsheet name, not a table file: open it in Excel "
            "and save it as .xlsx or .csv.",
            "这是网页或 XML 文件，并非表格文件：请在 Excel 中打开并另存为 .xlsx 或 .csv。",
        )
    notes = []
    sep = re.match(r"sep=(.)\r?\n", text)
    if sep:
        delimiter = sep.group(1)
        text = text[sep.end() :]
        notes.append(f"separator {delimiter!r} taken from the 'sep=' line")
    else:
        delimiter = detect_delimiter(text)
    if not text.strip():
        raise UserDataError([_err("empty_file", "The file is empty.", "文件为空。")])
    rows: list[tuple[int, tuple[Cell, ...]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for number, cells in enumerate(reader, start=1):
            if any(c.strip() for c in cells):
                rows.append((number, tuple(cells)))
                if len(rows) > limits.max_rows + 12:  # header and title rows; the exact check comes later
                    break
    except csv.Error as exc:
        raise _fail(
            "csv_syntax",
            f'Row {reader.line_num}: the CSV quoting is broken ({exc}); check for a stray " character.',
            f'第 {reader.line_num} 行：CSV 引号不匹配，请检查多余的 " 字符。',
            row=reader.line_num,
        ) from None
    return RawTable(tuple(rows), "csv", encoding, delimiter, (), tuple(notes))


def _zip_problem(content: bytes, limits: Limits) -> UploadError | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            names = set(zf.namelist())
            unpacked = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return _err(
            "xlsx_unreadable",
            "The workbook is damaged and cannot be read: open it in Excel and save it again.",
            "工作簿已损坏，无法读取：请在 Excel 中打开后重新保存。",
        )
    if "xl/workbook.xml" not in names:
        kind = "an OpenDocument spreadsheet (.ods)" if "content.xml" in names else "a ZIP archive, not a workbook"
        return _err(
            "unsupported_format",
            f"This is {kind}: save the table as .xlsx or .csv.",
            "不支持此文件格式：请将表格另存为 .xlsx 或 .csv。",
        )
    if unpacked > XLSX_EXPANSION * limits.max_bytes:
        return _err(
            "file_too_large",
            f"The workbook unpacks to {unpacked / 1e6:.0f} MB; at most {XLSX_EXPANSION * limits.max_bytes / 1e6:.0f} "
            "MB are allowed. Keep only the table to upload.",
            "工作簿解压后过大，请只保留需要上传的表格。",
        )
    return None


def _read_xlsx(content: bytes, limits: Limits) -> RawTable:
    problem = _zip_problem(content, limits)
    if problem:
        raise UserDataError([problem])
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(content), data_only=False, read_only=False)
    except Exception:  # noqa: BLE001 - openpyxl raises many types for damaged files
        raise _fail(
            "xlsx_unreadable",
            "The workbook cannot be read (damaged, or an unsupported feature): save it again as .xlsx or "
            "export the sheet as CSV.",
            "无法读取工作簿：请重新保存为 .xlsx 或导出为 CSV。",
        ) from None
    ws = wb.worksheets[0]
    notes = (
        [f"first worksheet {ws.title!r} read; {len(wb.worksheets) - 1} other(s) ignored"]
        if len(wb.worksheets) > 1
        else []
    )
    merges = tuple((m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges)
    rows: list[tuple[int, tuple[Cell, ...]]] = []
    formulas: list[UploadError] = []
    for row in ws.iter_rows():
        cells = []
        for cell in row:
            value = cell.value
            if cell.data_type == "f":
                formulas.append(
                    _err(
                        "formula",
                        f"Cell {cell.coordinate} holds a formula ({str(value)[:40]}); paste values only "
                        "(Excel: Paste Special → Values) and upload again.",
                        f"单元格 {cell.coordinate} 含公式，请“选择性粘贴 → 数值”后重新上传。",
                        row=cell.row,
                    )
                )
            elif not isinstance(value, (str, int, float, bool, datetime, date, time, type(None))):
                value = str(value)
            cells.append(value)
        if any(c is not None and not (isinstance(c, str) and not c.strip()) for c in cells):
            rows.append((row[0].row, tuple(cells)))
            if len(rows) > limits.max_rows + 12:
                break
    wb.close()
    if formulas:
        raise UserDataError(_cap(formulas))
    return RawTable(tuple(rows), "xlsx", None, None, merges, tuple(notes))


def read_table(content: bytes, limits: Limits = Limits()) -> RawTable:
    """Read the bytes of an upload into rows; the format is sniffed from the content, not the name.

    Raises
    ------
    UserDataError
        ``empty_file``, ``file_too_large``, ``unsupported_format``, ``xlsx_unreadable``, ``encoding``,
        ``delimiter``, ``csv_syntax`` or ``formula``.

    Examples
    --------
    >>> t = read_table("adcode;v\\n640100;1\\n".encode())
    >>> t.format, t.delimiter, t.rows
    ('csv', ';', ((1, ('adcode', 'v')), (2, ('640100', '1'))))
    """
    if not isinstance(content, (bytes, bytearray)):
        raise TypeError(f"content must be bytes, got {type(content).__name__}")
    if len(content) > limits.max_bytes:
        raise _fail(
            "file_too_large",
            f"The file has {len(content) / 1e6:.1f} MB; at most {limits.max_bytes / 1e6:.1f} MB are allowed.",
            f"文件大小 {len(content) / 1e6:.1f} MB，上限 {limits.max_bytes / 1e6:.1f} MB。",
        )
    content = bytes(content)
    stripped = content.strip(b" \t\r\n\x00")
    if not stripped or stripped in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise UserDataError([_err("empty_file", "The file is empty.", "文件为空。")])
    if content.startswith(_ZIP):
        return _read_xlsx(content, limits)
    if content.startswith(_OLE2):
        raise _fail(
            "unsupported_format",
            "This is an old Excel .xls workbook (or a password-protected one): save it as .xlsx or .csv.",
            "这是旧版 Excel .xls（或加密的）工作簿：请另存为 .xlsx 或 .csv。",
        )
    if content.startswith(b"%PDF"):
        raise UserDataError(
            [_err("unsupported_format", "This is a PDF, not a table file.", "这是 PDF 文件，不是表格文件。")]
        )
    utf16 = content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and b"\x00" in content[:4096]:
        raise _fail(
            "unsupported_format",
            "This is a binary file, not CSV or XLSX.",
            "这是二进制文件，不是 CSV 或 XLSX 表格。",
        )
    return _read_text(content, limits)


# --------------------------------------------------------------------------------------------------
# Header and columns
# --------------------------------------------------------------------------------------------------

ADCODE_HEADERS = frozenset(
    map(
        _fold,
        (
            "adcode", "ad_code", "code", "admin_code", "citycode", "city_code", "gbcode", "区划代码",
            "行政区划代码", "统计用区划代码", "代码", "地区代码", "城市代码", "行政代码", "编码", "区划编码",
        ),
    )
)  # fmt: skip
NAME_HEADERS = frozenset(
    map(
        _fold,
        (
            "name", "name_zh", "city", "prefecture", "region", "地区", "地区名称", "城市", "城市名称", "地级市",
            "地市", "市", "名称", "地名", "地区名", "城市名", "市名", "地市名称", "地级市名称", "区域", "行政区", "行政区划", "行政区划名称", "地级行政区", "单位名称",
        ),
    )
)  # fmt: skip
PROVINCE_HEADERS = frozenset(
    map(_fold, ("province", "province_zh", "省", "省份", "省区", "省级", "所属省份", "省名", "省份名称"))
)
YEAR_HEADERS = frozenset(map(_fold, ("year", "年份", "年", "年度", "统计年份", "统计年度")))
#: Descriptive columns that are neither key nor value; ignored (and named in the notes).
IGNORED_HEADERS = frozenset(
    map(
        _fold,
        (
            "name_en", "province_en", "province_adcode", "unit_type", "english", "英文名", "英文名称", "序号",
            "编号", "no", "no.", "#", "index", "rank", "排名", "排序", "备注", "说明", "注释", "note", "notes",
            "remark", "remarks",
        ),
    )
)  # fmt: skip
_YEAR_HEADER_RE = re.compile(r"^((?:19|20)\d\d)(?:年|年度)?$")


def _cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unicodedata.normalize("NFKC", str(value)).strip()


def _header_text(value: Cell) -> str:
    """A column name as written (NFC, whitespace runs collapsed): full-width brackets stay."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def _is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass(frozen=True)
class Layout:
    """Where things are: header row number, key/province/year column indexes, value columns."""

    header_row: int
    key_col: int
    key_kind: str  # 'adcode' or 'name'
    name_col: int | None
    province_col: int | None
    year_col: int | None
    value_cols: tuple[tuple[int, str], ...]
    wide_years: bool
    notes: tuple[str, ...]


def _fill_merges(rows: list[tuple[int, list[Cell]]], merges, header_row: int) -> None:
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


def _find_header(raw: RawTable) -> int:
    """Index (in ``raw.rows``) of the header: the first row that is not a title.

    A title row has a single non-blank cell, in the first column (a merged title across the table).
    """
    for i, (_number, cells) in enumerate(raw.rows[:12]):
        filled = [j for j, c in enumerate(cells) if not _is_blank(c)]
        if filled != [0]:
            return i
    raise _fail(
        "no_value_column" if raw.rows else "empty_file",
        "The table needs at least two columns: a key (admin code or name) and one or more values."
        if raw.rows
        else "The file is empty.",
        "表格至少需要两列：地区（代码或名称）列和数值列。" if raw.rows else "文件为空。",
    )


def _column_kind(name: str) -> str | None:
    folded = _fold(name)
    for kind, names in (
        ("adcode", ADCODE_HEADERS),
        ("name", NAME_HEADERS),
        ("province", PROVINCE_HEADERS),
        ("year", YEAR_HEADERS),
        ("ignored", IGNORED_HEADERS),
    ):
        if folded in names:
            return kind
    return None


# --------------------------------------------------------------------------------------------------
# Cells to numbers
# --------------------------------------------------------------------------------------------------

#: Cell texts read as missing values (compared case-folded).
MISSING_MARKERS = frozenset(
    ["", "-", "--", "—", "——", "–", "…", "……", "...", "na", "n/a", "nan", "null", "none", "#n/a", "无", "暂无"]
)
_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS_RE = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def parse_number(value: Cell, thousands: bool = True) -> float | str:
    """A cell as a float (``nan`` for missing), or the reason it is not a number (a ``str``).

    Examples
    --------
    >>> parse_number("１２.５"), parse_number("1,234.5"), parse_number("—"), parse_number("−3")
    (12.5, 1234.5, nan, -3.0)
    >>> parse_number("12%")
    "'12%' is not a number (write 12, and put % in the unit)"
    """
    if value is None:
        return math.nan
    if isinstance(value, bool) or isinstance(value, (datetime, date, time)):
        return f"{value!r} is not a number"
    if isinstance(value, (int, float)):
        v = float(value)
        return v if math.isfinite(v) else f"{value!r} is not a finite number"
    text = unicodedata.normalize("NFKC", str(value)).strip().replace("\u2212", "-").replace(" ", "")
    if text.casefold() in MISSING_MARKERS:
        return math.nan
    shown = str(value).strip()[:40]
    if _NUMBER_RE.match(text):
        v = float(text)
        return v if math.isfinite(v) else f"{shown!r} is not a finite number"
    if thousands and _THOUSANDS_RE.match(text):
        return float(text.replace(",", ""))
    if text.endswith("%") and _NUMBER_RE.match(text[:-1]):
        return f"{shown!r} is not a number (write {text[:-1]}, and put % in the unit)"
    if re.match(r"^[+-]?\d+,\d+$", text):
        return f"{shown!r} is not a number (decimal comma? write {text.replace(',', '.')})"
    if text.startswith("(") and text.endswith(")"):
        return f"{shown!r} is not a number (write negative numbers with a minus sign)"
    return f"{shown!r} is not a number"


def parse_year(value: Cell) -> int | str:
    """A year cell as an int in :data:`YEAR_RANGE`, or the reason it is not one (a ``str``).

    Examples
    --------
    >>> parse_year("2020年"), parse_year(2019.0), parse_year("20")
    (2020, 2019, "'20' is not a year (1900–2100)")
    """
    if isinstance(value, (datetime, date)):
        return f"{str(value)[:10]!r} is a date; write the year only"
    text = _cell_text(value)
    m = re.match(r"^(\d{4})(?:\.0+)?(?:年|年度)?$", text)
    if m and YEAR_RANGE[0] <= int(m.group(1)) <= YEAR_RANGE[1]:
        return int(m.group(1))
    return f"{text[:20]!r} is not a year ({YEAR_RANGE[0]}–{YEAR_RANGE[1]})" if text else "the year is blank"


# --------------------------------------------------------------------------------------------------
# Matching rows to map units
# --------------------------------------------------------------------------------------------------


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


def build_unit_index(units: pd.DataFrame) -> UnitIndex:
    """Lookup tables from a unit table (columns ``adcode, name_zh, province_zh``; ``source_code`` used
    when present).

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
        full[_fold(name)] = code
        core.setdefault(_fold(parts.core), code)
        if parts.suffix == "自治州":
            auto[_fold(parts.core)] = code
        pcore = split_name(province).core
        province_cores[province] = pcore
        province_names[_fold(province)] = province
        province_names[_fold(pcore)] = province
    old_full, old_core = {}, {}
    for change in CODE_CHANGES.values():
        if change.action not in ("renamed", "retired"):
            continue
        old_full.setdefault(_fold(change.name_zh), change.old_code)
        old_core.setdefault(_fold(split_name(change.name_zh).core), change.old_code)
    return UnitIndex(
        names, provinces, source_codes, full, core, auto, province_names, province_cores, old_full, old_core
    )


def _normalise_code(value: Cell) -> str | None:
    text = _cell_text(value)
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
    key = _cell_text(value)
    code = _normalise_code(value)
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
    folded = _fold(text)
    if folded in index.province_names:
        return index.province_names[folded]
    core = _fold(split_name(text).core) if text.strip() else ""
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
    core = _fold(split_name(folded).core) if folded else ""
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
    text = _cell_text(name)
    ptext = _cell_text(province)
    key = f"{ptext} {text}".strip() if ptext else text
    if not text:
        return MatchRow(row, "unknown", key, reason="no name in the key column", reason_zh="地区名称为空")
    wanted = _resolve_province(ptext, index) if ptext else None
    if ptext and wanted is None:
        return MatchRow(
            row, "unknown", key, reason=f"province {ptext!r} not recognised", reason_zh=f"无法识别省份“{ptext}”"
        )
    folded = _fold(text)
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
        as_province = index.province_names.get(_fold(split_name(folded).core))
    if as_province is not None and (code is None or index.names.get(code) != as_province):
        # the name is (also) a province: 吉林 / 海南 / 宁夏
        is_full_province = folded == _fold(as_province)
        if code is not None and not is_full_province and wanted is None:
            return MatchRow(
                row,
                "ambiguous",
                key,
                None,
                None,
                (code,),
                f"{text} is both {as_province} (province) and {index.names[code]}; write {index.names[code]} or add "
                "a province column",
                f"“{text}”既是{as_province}也是{index.names[code]}：请写全称或增加省份列",
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
            None,
            None,
            (code,),
            f"{change.name_zh} ({old}) is an old unit that no longer exists ({change.reason}); if the figures are for "
            f"{index.names[code]} ({code}), write that name",
            f"{change.name_zh}（{old}）是已撤销的旧单位；若数据属于{index.names[code]}（{code}），请写该名称",
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


def _match_both(row: int, code_cell: Cell, name_cell: Cell, province_cell: Cell, index: UnitIndex) -> MatchRow:
    """Code and name given: the code decides, the name must agree when it matches something."""
    by_code = match_code(row, code_cell, index)
    if _is_blank(code_cell) and not _is_blank(name_cell):
        return match_name(row, name_cell, province_cell, index)
    if by_code.status != "matched" or _is_blank(name_cell):
        return by_code
    by_name = match_name(row, name_cell, province_cell, index)
    if by_name.status == "matched" and by_name.adcode != by_code.adcode:
        return MatchRow(
            row,
            "ambiguous",
            f"{by_code.key} {_cell_text(name_cell)}",
            None,
            None,
            (by_code.adcode, by_name.adcode),
            f"code {by_code.adcode} is {by_code.name_zh} but the name says {by_name.name_zh}",
            f"代码 {by_code.adcode} 是{by_code.name_zh}，名称却是{by_name.name_zh}",
        )
    return by_code


# --------------------------------------------------------------------------------------------------
# The prepared upload and the stored record
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class DatasetRecord:
    """A normalised dataset: what is stored, hashed and shown.

    ``table`` has ``adcode`` (str), ``year`` (int; only when ``has_year``) and one float column per
    name in ``columns``, sorted by adcode and year.
    """

    id: str
    digest: str
    label: str
    unit: str
    source: str
    columns: tuple[str, ...]
    has_year: bool
    table: pd.DataFrame
    created_at: str | None = None

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted(int(y) for y in self.table["year"].unique())) if self.has_year else ()


def _canonical_float(v: float) -> float | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    v = float(v)
    return 0.0 if v == 0 else v


def canonical_payload(
    label: str, unit: str, source: str, columns: tuple[str, ...], has_year: bool, table: pd.DataFrame
) -> bytes:
    """The canonical bytes hashed into a dataset id (UTF-8 JSON, sorted keys, no spaces).

    Examples
    --------
    >>> t = pd.DataFrame({"adcode": ["640100"], "v": [1.5]})
    >>> canonical_payload("L", "u", "s", ("v",), False, t)
    b'{"columns":["v"],"format":1,"has_year":false,"label":"L","rows":[["640100",null,1.5]],"source":"s","unit":"u"}'
    """
    rows = []
    years = table["year"].tolist() if has_year else [None] * len(table)
    values = [table[c].tolist() for c in columns]
    for i, (code, year) in enumerate(zip(table["adcode"].tolist(), years, strict=True)):
        rows.append([str(code), None if year is None else int(year), *(_canonical_float(col[i]) for col in values)])
    doc = {
        "format": FORMAT_VERSION,
        "label": label,
        "unit": unit,
        "source": source,
        "columns": list(columns),
        "has_year": bool(has_year),
        "rows": rows,
    }
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode()


def make_record(
    label: str,
    unit: str,
    source: str,
    columns: tuple[str, ...],
    has_year: bool,
    table: pd.DataFrame,
    created_at: str | None = None,
) -> DatasetRecord:
    """A :class:`DatasetRecord` with its id and digest computed from the normalised table.

    The table is sorted and typed here, so any row order gives the same record.

    Examples
    --------
    >>> t = pd.DataFrame({"adcode": ["640300", "640100"], "v": [2.0, 1.0]})
    >>> a = make_record("L", "u", "s", ("v",), False, t)
    >>> b = make_record("L", "u", "s", ("v",), False, t.iloc[::-1])
    >>> a.id == b.id, a.table.adcode.tolist()
    (True, ['640100', '640300'])
    """
    keys = ["adcode", "year"] if has_year else ["adcode"]
    out = pd.DataFrame({"adcode": table["adcode"].astype(str).to_numpy(dtype=object)})
    if has_year:
        out["year"] = table["year"].astype("int64").to_numpy()
    for c in columns:
        out[c] = pd.to_numeric(table[c], errors="raise").astype("float64").to_numpy()
    out = out.sort_values(keys, kind="stable").reset_index(drop=True)
    payload = canonical_payload(label, unit, source, tuple(columns), has_year, out)
    digest = hashlib.sha256(payload).hexdigest()
    return DatasetRecord(digest[:ID_LENGTH], digest, label, unit, source, tuple(columns), has_year, out, created_at)


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


def _layout(header_cells: tuple[Cell, ...], data: list[tuple[int, list[Cell]]], header_row: int, index: UnitIndex,
            merges, limits: Limits) -> Layout:  # fmt: skip
    errors: list[UploadError] = []
    notes: list[str] = []
    width = len(header_cells)
    names = [_header_text(c) for c in header_cells]
    has_data = [any(i < len(c) and not _is_blank(c[i]) for _, c in data) for i in range(width)]
    used = [i for i in range(width) if names[i] or has_data[i]]
    if len(used) > limits.max_columns:
        raise _fail(
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
        and _is_blank(first_cell(used[0]))
        and any(
            not _is_blank(first_cell(i))
            and (isinstance(parse_number(first_cell(i)), str) or isinstance(parse_year(first_cell(i)), int))
            for i in blank_named
        )
    )
    if header_merged or second_header:
        rows_text = f"{header_row}–{header_row + 1}" if second_header else str(header_row)
        raise _fail(
            "merged_header",
            f"The header spans rows {rows_text} (merged cells): use one header row with one name per column, "
            "e.g. 地区, GDP_2019, GDP_2020.",
            f"表头跨越第 {rows_text} 行（合并单元格）：请只用一行表头，每列一个名称。",
            row=header_row,
        )
    for i in blank_named:
        errors.append(
            _err(
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
        elif any(unicodedata.category(c) == "Cc" or c in _BIDI for c in n):
            problem = "contains control characters"
        elif n[0] in "=+-@":
            problem = f"starts with {n[0]!r} (looks like a spreadsheet formula)"
        if problem:
            errors.append(
                _err(
                    "bad_column_name",
                    f"Column {i + 1} name {n[:40]!r} {problem}.",
                    f"第 {i + 1} 列的列名无效。",
                    row=header_row,
                    column=n[:40],
                )  # fmt: skip
            )
        folded = _fold(n)
        if folded in seen:
            errors.append(
                _err(
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
    kinds = {i: _column_kind(names[i]) if names[i] else None for i in used}
    first = {k: next((i for i in used if kinds[i] == k), None) for k in ("adcode", "name", "province", "year")}
    key_col, key_kind = (first["adcode"], "adcode") if first["adcode"] is not None else (first["name"], "name")
    name_col = first["name"] if key_kind == "adcode" else None
    if key_col is None:
        for i in [i for i in used if kinds[i] is None][:3]:
            key_col, key_kind = _guess_key(i, data, index)
            if key_col is not None:
                notes.append(f"column {i + 1} ({names[i] or 'no name'}) used as the key ({key_kind})")
                break
    if key_col is None:
        raise _fail(
            "no_key_column",
            "No key column: name one column 'adcode' (6-digit admin codes) or '地区' / 'name' (Chinese names of "
            "prefecture-level units), optionally with a '省份' / 'province' column.",
            "缺少地区列：请将一列命名为“代码”（6 位行政区划代码）或“地区”（地级单位中文名称），可另加“省份”列。",
            row=header_row,
        )
    taken = {key_col, name_col, first["province"], first["year"]}
    ignored = [names[i] for i in used if i not in taken and kinds[i] is not None]
    if ignored:
        notes.append(f"ignored column(s): {', '.join(ignored)}")
    value_cols = tuple((i, names[i]) for i in used if i not in taken and kinds[i] is None)
    dropped = [n for i, n in value_cols if not has_data[i]]
    if dropped:
        notes.append(f"empty column(s) dropped: {', '.join(dropped)}")
    value_cols = tuple((i, n) for i, n in value_cols if has_data[i])
    if not value_cols:
        raise _fail(
            "no_value_column",
            "No value column: besides the key (and year) columns, the table needs at least one column of numbers.",
            "缺少数值列：除地区列（和年份列）外，至少需要一列数字。",
            row=header_row,
        )
    wide = first["year"] is None and all(_YEAR_HEADER_RE.match(n) for _, n in value_cols)
    return Layout(header_row, key_col, key_kind, name_col, first["province"], first["year"], value_cols, wide,
                  tuple(notes))  # fmt: skip


def _guess_key(col: int, data, index: UnitIndex) -> tuple[int | None, str]:
    values = [c[col] for _, c in data if col < len(c) and not _is_blank(c[col])]
    if not values:
        return None, ""
    if all(_normalise_code(v) is not None for v in values):
        return col, "adcode"
    hits = sum(match_name(0, v, None, index).status == "matched" for v in values)
    if hits >= max(1, len(values) // 2):
        return col, "name"
    return None, ""


def prepare_upload(
    content: bytes,
    filename: str = "",
    *,
    label: object,
    unit: object,
    source: object,
    units: pd.DataFrame | None = None,
    index: UnitIndex | None = None,
    limits: Limits = Limits(),
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
        The map units (``adcode, name_zh, province_zh``) or their cached :func:`build_unit_index`.
    limits
        Size, row, column and text limits.

    Returns
    -------
    PreparedUpload

    Raises
    ------
    UserDataError
        Listing every problem found (see :data:`ERROR_CODES`); never another exception for any bytes.
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
    return prepared


def _prepare_table(content: bytes, index: UnitIndex, limits: Limits, texts: dict[str, str]) -> PreparedUpload:
    raw = read_table(content, limits)
    if not raw.rows:
        raise UserDataError([_err("empty_file", "The file is empty.", "文件为空。")])
    h = _find_header(raw)
    notes = list(raw.notes)
    if h:
        notes.append(f"title row(s) {', '.join(str(n) for n, _ in raw.rows[:h])} skipped")
    header_row, header_cells = raw.rows[h]
    data = [(n, list(c)) for n, c in raw.rows[h + 1 :]]
    _fill_merges(data, raw.merges, header_row)
    if not data:
        raise _fail(
            "no_data_rows",
            "The table has a header but no data rows.",
            "表格只有表头，没有数据行。",
            row=header_row,
        )
    if len(data) > limits.max_rows:
        raise _fail(
            "too_many_rows",
            f"The table has more than {limits.max_rows} data rows; at most {limits.max_rows} are allowed.",
            f"数据行超过 {limits.max_rows} 行的上限。",
        )
    layout = _layout(header_cells, data, header_row, index, raw.merges, limits)
    notes.extend(layout.notes)
    errors: list[UploadError] = []
    width = len(header_cells)
    header_names = {i: n for i, n in layout.value_cols}
    thousands = raw.delimiter != ";"
    matches: list[MatchRow] = []
    records: list[tuple[int, str, int | None, list[float]]] = []
    for number, cells in data:
        extra = [c for c in cells[width:] if not _is_blank(c)]
        if extra and width:
            errors.append(
                _err(
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
                    _err(
                        "non_numeric",
                        f"Row {number}, column {name!r}: {v}.",
                        f"第 {number} 行“{name}”列：不是数字（{_cell_text(cell(i))[:40]}）。",
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
                    _err("bad_year", f"Row {number}: {y}.", f"第 {number} 行：年份无效。", row=number, column="year")
                )
                continue
            year = y
        if layout.key_kind == "adcode":
            if layout.name_col is not None:
                m = _match_both(number, cell(layout.key_col), cell(layout.name_col), cell(layout.province_col), index)
            else:
                m = match_code(number, cell(layout.key_col), index)
        else:
            m = match_name(number, cell(layout.key_col), cell(layout.province_col), index)
        matches.append(m)
        if m.status == "matched":
            records.append((number, m.adcode, year, values))
    # duplicates
    first_row: dict[tuple, int] = {}
    expanded: list[tuple[int, str, int | None, list[float]]] = []
    if layout.wide_years:
        for number, code, _, values in records:
            for (_, name), v in zip(layout.value_cols, values, strict=True):
                expanded.append((number, code, int(_YEAR_HEADER_RE.match(name).group(1)), [v]))
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
                _err(
                    "duplicate_key",
                    f"Rows {first_row[k]} and {number} both give {index.names[code]} ({code}){yr}.",
                    f"第 {first_row[k]} 行和第 {number} 行都是{index.names[code]}（{code}）{yr.replace(' in ', ' ')}。",
                    row=number,
                )
            )
        first_row.setdefault(k, number)
    if not errors and not expanded:
        errors.append(
            _err(
                "no_match",
                "No row matches a prefecture-level unit of the map: check the key column (6-digit codes such as "
                "640100, or names such as 银川市).",
                "没有任何行与地图上的地级单位匹配：请检查地区列（如 640100 或 银川市）。",
            )
        )
    if errors:
        raise UserDataError(_cap(errors))
    has_year = layout.year_col is not None or layout.wide_years
    frame = pd.DataFrame({"adcode": [r[1] for r in expanded]})
    if has_year:
        frame["year"] = [r[2] for r in expanded]
    for j, c in enumerate(columns):
        frame[c] = [r[3][j] for r in expanded]
    record = make_record(texts["label"], texts["unit"], texts["source"], columns, has_year, frame)
    return PreparedUpload(
        record, tuple(matches), layout.key_kind, raw.format, raw.encoding, raw.delimiter, tuple(notes)
    )


# --------------------------------------------------------------------------------------------------
# Behaving like a built-in indicator
# --------------------------------------------------------------------------------------------------

#: Family of uploaded indicators when the registry knows it (see the report of issue #8).
USER_FAMILY = "user"
USER_DATA_EN = "User data"
USER_DATA_ZH = "用户数据"


def infer_decimals(values: Iterable[float], max_decimals: int = 4) -> int:
    """Fewest decimals (0 … ``max_decimals``) that show every value exactly.

    Examples
    --------
    >>> infer_decimals([1.0, 2.5, 3.25]), infer_decimals([100.0, 2.0]), infer_decimals([1 / 3])
    (2, 0, 4)
    """
    x = np.asarray([v for v in values if v is not None and math.isfinite(v)], dtype=float)
    for d in range(max_decimals + 1):
        if np.all(np.abs(np.round(x, d) - x) <= 1e-9 * np.maximum(1.0, np.abs(x))):
            return d
    return max_decimals


def dataset_indicator(
    record: DatasetRecord, units: pd.DataFrame | None = None
) -> tuple[Indicator, dict[tuple[str, int], pd.Series]]:
    """An uploaded dataset as a registry-style :class:`~indicators.registry.Indicator` and its values.

    Parameters
    ----------
    record
        From :func:`prepare_upload` (``.record``) or the dataset store.
    units
        When given, every series is reindexed to ``units.adcode`` (``NaN`` where the upload has no row),
        like :func:`indicators.store.indicator_values`.

    Returns
    -------
    (Indicator, dict)
        The indicator has key ``ds_<id>``, the user's label and unit in both languages, source
        ``"User data: <source>"`` / ``"用户数据：<source>"``, tag ``"user data"``, the years of the table
        (``(NO_YEAR,)`` without a year column), decimals inferred from the values and a diverging
        palette when the values have both signs. The dict maps ``(column, year)`` to a float Series
        indexed by adcode (``name`` = column), for every value column and year.

    Examples
    --------
    >>> t = pd.DataFrame({"adcode": ["640100", "640300"], "year": [2020, 2020], "v": [1.5, -2.0]})
    >>> ind, series = dataset_indicator(make_record("Test", "t", "made up", ("v",), True, t))
    >>> ind.key[:3], ind.years, ind.source_en, ind.diverging, ind.decimals
    ('ds_', (2020,), 'User data: made up', True, 1)
    >>> series[("v", 2020)].to_dict()
    {'640100': 1.5, '640300': -2.0}
    """
    table = record.table
    years = record.years or (NO_YEAR,)
    all_values = np.concatenate([table[c].to_numpy(dtype=float) for c in record.columns]) if len(table) else []
    finite = [v for v in all_values if math.isfinite(v)]
    diverging = bool(finite) and bool(min(finite) < 0 < max(finite))
    columns_text = ", ".join(record.columns)
    indicator = Indicator(
        key=f"ds_{record.id}",
        family=USER_FAMILY if USER_FAMILY in FAMILIES else next(iter(FAMILIES)),
        label_zh=record.label,
        label_en=record.label,
        description_en=f"{USER_DATA_EN} (dataset {record.id}; column(s): {columns_text}).",
        description_zh=f"{USER_DATA_ZH}（数据集 {record.id}；列：{columns_text}）。",
        unit_zh=record.unit,
        unit_en=record.unit,
        decimals=infer_decimals(finite),
        source_en=f"{USER_DATA_EN}: {record.source}",
        source_zh=f"{USER_DATA_ZH}：{record.source}",
        source_table=f"dataset {record.id}",
        years=tuple(years),
        direction="neutral",
        classification="quantiles",
        palette="RdBu" if diverging else "YlGnBu",
        diverging=diverging,
        caveat_en="Uploaded by a user; not checked by LED Atlas.",
        caveat_zh="由用户上传，LED Atlas 未核实。",
        tags=("user data", *record.columns),
        aggregation="none",
    )
    index = pd.Index(units["adcode"].astype(str), name="adcode") if units is not None else None
    series: dict[tuple[str, int], pd.Series] = {}
    for year in years:
        part = table[table["year"] == year] if record.has_year else table
        for column in record.columns:
            s = pd.Series(
                part[column].to_numpy(dtype=float), index=pd.Index(part["adcode"], name="adcode"), name=column
            )
            series[(column, int(year))] = s.reindex(index) if index is not None else s
    return indicator, series


def _csv_number(v: float) -> str:
    if v is None or not math.isfinite(v):
        return ""
    return str(int(v)) if float(v).is_integer() and abs(v) < 1e15 else repr(float(v))


def _csv_text(text: str) -> str:
    """Neutralise spreadsheet formula injection in exported text cells."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def dataset_csv(record: DatasetRecord, names: dict[str, str] | None = None) -> str:
    """The stored table as CSV text (UTF-8 BOM, ``adcode,name_zh,[year,]<columns>``; blank = missing).

    Uploading it again with the same label, unit and source gives the same dataset id.

    Examples
    --------
    >>> t = pd.DataFrame({"adcode": ["640100"], "v": [2.0]})
    >>> print(dataset_csv(make_record("L", "", "s", ("v",), False, t), {"640100": "银川市"}).lstrip("\\ufeff"))
    adcode,name_zh,v
    640100,银川市,2
    <BLANKLINE>
    """
    names = names or {}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["adcode", "name_zh", *(["year"] if record.has_year else []), *record.columns])
    t = record.table
    cols = [t[c].tolist() for c in record.columns]
    years = t["year"].tolist() if record.has_year else None
    for i, code in enumerate(t["adcode"].tolist()):
        w.writerow(
            [
                code,
                names.get(code, ""),
                *([int(years[i])] if years is not None else []),
                *(_csv_number(c[i]) for c in cols),
            ]
        )
    return "\ufeff" + buf.getvalue()


def indicator_csv(record: DatasetRecord, column: str, year: int, units: pd.DataFrame) -> str:
    """One column and year of a dataset in the format of :func:`indicators.export.indicator_csv`.

    Columns ``adcode,name_zh,name_en,province_zh,year,value,unit,source``, one line per unit of
    ``units`` (blank value where missing); ``source`` reads ``User data: …``.

    Raises
    ------
    LookupError
        Unknown column or year (the message lists the valid ones).
    """
    ind, series = dataset_indicator(record, units)
    if (column, year) not in series:
        raise LookupError(
            f"dataset {record.id} has no column {column!r} in year {year!r}; columns: {', '.join(record.columns)}; "
            f"years: {', '.join(map(str, ind.years))}"
        )
    s = series[(column, year)]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["adcode", "name_zh", "name_en", "province_zh", "year", "value", "unit", "source"])
    label = record.label if len(record.columns) == 1 else f"{record.label} — {column}"
    for rec in units[["adcode", "name_zh", "name_en", "province_zh"]].itertuples(index=False):
        w.writerow(
            [rec.adcode, rec.name_zh, rec.name_en, rec.province_zh, "" if year == NO_YEAR else year,
             _csv_number(s.get(str(rec.adcode))), _csv_text(record.unit), _csv_text(f"{ind.source_en} ({label})")]
        )  # fmt: skip
    return "\ufeff" + buf.getvalue()
