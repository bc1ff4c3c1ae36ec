"""Plain texts and cells: the user's label, unit and source, column names, cell values as text.

Examples
--------
>>> fold(" Ad Code "), cell_text(640100.0), is_blank("  ")
('adcode', '640100', True)
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, time

from userdata.errors import UploadError, err

#: A cell as read from CSV (``str``) or XLSX (any of these).
Cell = str | int | float | bool | datetime | date | time | None

BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_FIELD_ZH = {"label": "名称", "unit": "单位", "source": "来源"}


def clean_text(value: object, field_name: str, max_chars: int, required: bool) -> tuple[str, list[UploadError]]:
    """Plain text as the user typed it, NFC-normalised, whitespace runs collapsed, trimmed.

    Markup is kept as literal text (``'<b>x</b>'`` stays that string): whoever displays it must
    treat it as text. Control, bidi-override and invisible formatting characters (zero-width spaces
    and joiners, soft hyphens, private-use code points) are refused; see :func:`lookalike_words` for
    the mixed-script look-alikes that are flagged.

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
    bad = [c for c in text if unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs") or c in BIDI]
    if bad:
        errors.append(
            err(
                "bad_text",
                f"The {field_name} contains control or invisible formatting characters "
                f"({', '.join(f'U+{ord(c):04X}' for c in bad[:3])}).",
                f"{zh}包含控制字符或不可见的格式字符。",
                column=field_name,
            )
        )
    if required and not text:
        errors.append(err("missing_text", f"Please give a {field_name}.", f"请填写{zh}。", column=field_name))
    if len(text) > max_chars:
        errors.append(
            err(
                "text_too_long",
                f"The {field_name} has {len(text)} characters; at most {max_chars} are allowed.",
                f"{zh}共 {len(text)} 个字符，最多 {max_chars} 个。",
                column=field_name,
            )
        )
    return text, errors


_SCRIPTS = {"LATIN": "Latin", "CYRILLIC": "Cyrillic", "GREEK": "Greek"}


def _script(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    return next((v for k, v in _SCRIPTS.items() if name.startswith(k)), None)


def lookalike_words(text: str) -> list[str]:
    """Words that mix Latin with Cyrillic or Greek letters (``"Ѕhenzhen"`` with a Cyrillic Ѕ) — the
    look-alikes of a spoofed label. Chinese beside Latin is normal and not reported.

    Examples
    --------
    >>> lookalike_words("GDP \u0440er head")
    ['\u0440er']
    >>> lookalike_words("GDP per head, 元/人 (Δ 2010)")
    []
    """
    out = []
    for word in text.split():
        scripts = {s for s in map(_script, word) if s}
        if len(scripts) > 1:
            out.append(word)
    return out


def fold(text: str) -> str:
    """Header/name folding: NFKC, case-folded, without whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unicodedata.normalize("NFKC", str(value)).strip()


def header_text(value: Cell) -> str:
    """A column name as written (NFC, whitespace runs collapsed): full-width brackets stay."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
