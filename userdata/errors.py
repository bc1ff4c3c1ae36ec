"""Upload limits and the errors an upload can be refused with.

Every problem is an :class:`UploadError` (``code``, English and Chinese message, row and column when
they apply), raised together in one :class:`UserDataError`. The codes are the keys of
:data:`ERROR_CODES`.

Examples
--------
>>> str(UserDataError([err("empty_file", "The file is empty.", "文件为空。")]))
'empty_file: The file is empty.'
>>> UploadError("no_such_code", "x", "x")
Traceback (most recent call last):
...
ValueError: unknown upload error code 'no_such_code'; valid: empty_file, ...
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from web import settings

#: At most this many errors of one kind are listed (then a summary line).
MAX_ERRORS_PER_CODE = 10


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
    #: Address space (MB, above its start) and CPU seconds of the process that reads one XLSX.
    parse_memory_mb: int = settings.UPLOAD_PARSE_MEMORY_MB
    parse_seconds: int = settings.UPLOAD_PARSE_SECONDS


#: The limits of :mod:`web.settings`' defaults (the environment is read by :func:`userdata.settings.settings`).
DEFAULT_LIMITS = Limits()


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
    "xlsx_unsafe": "an XLSX part declares a DTD or entities (billion laughs, external entities)",
    "sheet_too_large": "a merged range or the count of filled cells of the sheet is over the row/column limits",
    "parse_limit": "reading the workbook took more than its memory or time budget",
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
        return error_dict(self.code, self.message, self.message_zh, self.row, self.column)


def error_dict(code: str, message: str, message_zh: str, row: int | None = None, column: str | None = None) -> dict:
    """The JSON form of an error, as answered by the API and listed by the upload panel.

    The web layer uses it for its own codes too (``no_file``, ``not_found``, ``storage_unavailable`` …).

    Examples
    --------
    >>> error_dict("not_found", "No dataset with this id.", "没有此编号的数据集。")["row"] is None
    True
    """
    return {"code": code, "message": message, "message_zh": message_zh, "row": row, "column": column}


#: What a caller shows when reading an upload failed with an unexpected exception (a bug).
INTERNAL_ERROR = error_dict("internal_error", "The upload could not be processed.", "无法处理此上传。")


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


def err(code: str, en: str, zh: str, row: int | None = None, column: str | None = None) -> UploadError:
    return UploadError(code, en, zh, row, column)


def fail(code: str, en: str, zh: str, row: int | None = None, column: str | None = None) -> UserDataError:
    """A :class:`UserDataError` with one error (``raise fail(...)``)."""
    return UserDataError([err(code, en, zh, row, column)])


def empty_file() -> UserDataError:
    """The error of a file without any table (``raise empty_file()``)."""
    return fail("empty_file", "The file is empty.", "文件为空。")


def cap_errors(errors: list[UploadError]) -> list[UploadError]:
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
            out.append(err(code, f"… and {extra} more of this kind.", f"……另有 {extra} 处同类问题。"))
    return out
