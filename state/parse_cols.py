"""Parse ``cols``: the comparison table's columns, indicator keys joined by ``~``. Pure (standard library).

Unknown keys are dropped and named in a notice (the rest is kept, in order); old keys are renamed by
``ctx.indicator_aliases``; duplicates are removed; at most :data:`~state.model.MAX_TABLE_COLUMNS` are
kept. ``missing`` (no ``cols``) means the table's default columns.

Examples
--------
>>> from state.model import example_context
>>> r = parse_cols("gdp_pc~nope~pop~gdp_per_capita", example_context())
>>> r.status, r.value, r.rejected, r.message_en
('valid', ('gdp_pc', 'pop'), 'nope', 'Unknown indicators left out of the table: nope.')
>>> parse_cols("nope", example_context()).status
'invalid'
"""

from __future__ import annotations

from state.model import MAX_TABLE_COLUMNS, Context, Parsed

#: Longest key text named in a notice.
_NAME_CHARS = 20


def _resolve(key: str, ctx: Context) -> str | None:
    seen = set()
    while key not in ctx.indicator_years and key in ctx.indicator_aliases and key not in seen:
        seen.add(key)
        key = ctx.indicator_aliases[key]
    return key if key in ctx.indicator_years else None


def _names(items: list[str], limit: int = 5) -> str:
    named = ", ".join(item if len(item) <= _NAME_CHARS else item[: _NAME_CHARS - 1] + "…" for item in items[:limit])
    return named if len(items) <= limit else f"{named} (+{len(items) - limit})"


def parse_cols(raw: str | None, ctx: Context) -> Parsed[tuple[str, ...]]:
    """Parse ``cols`` (see the module docstring); ``invalid`` when no key is known."""
    if not raw:
        return Parsed("missing")
    kept: dict[str, None] = {}
    unknown: list[str] = []
    for token in raw.split("~"):
        token = token.strip()
        if not token:
            continue
        key = _resolve(token, ctx)
        if key is not None:
            kept.setdefault(key)
        elif token not in unknown:
            unknown.append(token)
    keys = tuple(kept)
    overflow, keys = keys[MAX_TABLE_COLUMNS:], keys[:MAX_TABLE_COLUMNS]
    en, zh = [], []
    if unknown:
        en.append(f"Unknown indicators left out of the table: {_names(unknown)}.")
        zh.append(f"表格中已略去未知指标：{_names(unknown)}。")
    if overflow:
        en.append(f"The table holds at most {MAX_TABLE_COLUMNS} columns; {len(overflow)} left out.")
        zh.append(f"表格最多 {MAX_TABLE_COLUMNS} 列，已略去 {len(overflow)} 列。")
    if not keys:
        return Parsed("invalid", None, " ".join(en) + " Showing the default columns.", "".join(zh) + "显示默认列。")
    if not en:
        return Parsed("valid", keys)
    return Parsed("valid", keys, " ".join(en), "".join(zh), "~".join([*unknown, *overflow]))
