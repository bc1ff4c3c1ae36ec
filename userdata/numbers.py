"""Cells to numbers: values (missing markers, full-width digits, thousands separators) and years."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time

from userdata.text import Cell, cell_text

YEAR_RANGE = (1900, 2100)
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
    text = cell_text(value)
    m = re.match(r"^(\d{4})(?:\.0+)?(?:年|年度)?$", text)
    if m and YEAR_RANGE[0] <= int(m.group(1)) <= YEAR_RANGE[1]:
        return int(m.group(1))
    return f"{text[:20]!r} is not a year ({YEAR_RANGE[0]}–{YEAR_RANGE[1]})" if text else "the year is blank"
