"""Reading the bytes of an upload into rows: format sniffing, text encodings, separators, XLSX.

* **Format** — CSV (or tab-, semicolon- or ``|``-separated text; an Excel ``sep=;`` first line is
  honoured) or XLSX (first worksheet). Old ``.xls``, ODS, HTML tables saved as ``.xls``, PDF and
  other binaries are refused with a hint.
* **Encoding** (text files) — UTF-8 with or without BOM, UTF-16 with BOM, or GBK / GB18030 as Chinese
  Excel writes it; detected, never asked for.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import csv
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass

from userdata.errors import DEFAULT_LIMITS, Limits, UploadError, UserDataError, empty_file, err, fail
from userdata.text import Cell
from userdata.xlsx import XLSX_EXPANSION, read_xlsx


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
    raise fail(
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
        raise fail(
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
        raise fail(
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
        raise empty_file()
    rows: list[tuple[int, tuple[Cell, ...]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for number, cells in enumerate(reader, start=1):
            if any(c.strip() for c in cells):
                rows.append((number, tuple(cells)))
                if len(rows) > limits.max_rows + 12:  # header and title rows; the exact check comes later
                    break
    except csv.Error as exc:
        raise fail(
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
        return err(
            "xlsx_unreadable",
            "The workbook is damaged and cannot be read: open it in Excel and save it again.",
            "工作簿已损坏，无法读取：请在 Excel 中打开后重新保存。",
        )
    if "xl/workbook.xml" not in names:
        kind = "an OpenDocument spreadsheet (.ods)" if "content.xml" in names else "a ZIP archive, not a workbook"
        return err(
            "unsupported_format",
            f"This is {kind}: save the table as .xlsx or .csv.",
            "不支持此文件格式：请将表格另存为 .xlsx 或 .csv。",
        )
    if unpacked > XLSX_EXPANSION * limits.max_bytes:
        return err(
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
    rows, merges, notes = read_xlsx(content, limits)
    return RawTable(rows, "xlsx", None, None, merges, notes)


def read_table(content: bytes, limits: Limits = DEFAULT_LIMITS) -> RawTable:
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
        raise fail(
            "file_too_large",
            f"The file has {len(content) / 1e6:.1f} MB; at most {limits.max_bytes / 1e6:.1f} MB are allowed.",
            f"文件大小 {len(content) / 1e6:.1f} MB，上限 {limits.max_bytes / 1e6:.1f} MB。",
        )
    content = bytes(content)
    stripped = content.strip(b" \t\r\n\x00")
    if not stripped or stripped in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise empty_file()
    if content.startswith(_ZIP):
        return _read_xlsx(content, limits)
    if content.startswith(_OLE2):
        raise fail(
            "unsupported_format",
            "This is an old Excel .xls workbook (or a password-protected one): save it as .xlsx or .csv.",
            "这是旧版 Excel .xls（或加密的）工作簿：请另存为 .xlsx 或 .csv。",
        )
    if content.startswith(b"%PDF"):
        raise UserDataError(
            [err("unsupported_format", "This is a PDF, not a table file.", "这是 PDF 文件，不是表格文件。")]
        )
    utf16 = content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and b"\x00" in content[:4096]:
        raise fail(
            "unsupported_format",
            "This is a binary file, not CSV or XLSX.",
            "这是二进制文件，不是 CSV 或 XLSX 表格。",
        )
    return _read_text(content, limits)


def _unreadable_upload() -> UserDataError:
    return fail("unsupported_format", "The upload could not be read.", "无法读取上传的文件。")


def decode_contents(contents: str, limits: Limits) -> bytes:
    """The file bytes of a ``dcc.Upload`` ``contents`` value (``data:<type>;base64,<data>``).

    Raises
    ------
    UserDataError
        ``file_too_large`` (checked before decoding) or ``unsupported_format`` for a malformed value.

    Examples
    --------
    >>> decode_contents("data:text/csv;base64,YSxiCg==", Limits())
    b'a,b\\n'
    """
    header, sep, data = (contents if isinstance(contents, str) else "").partition(",")
    if not sep or not header.startswith("data:") or ";base64" not in header:
        raise _unreadable_upload()
    if len(data) * 3 // 4 > limits.max_bytes + 3:
        raise fail(
            "file_too_large",
            f"The file is over the limit of {limits.max_bytes / 1e6:.1f} MB.",
            f"文件超过 {limits.max_bytes / 1e6:.1f} MB 的上限。",
        )
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise _unreadable_upload() from None
