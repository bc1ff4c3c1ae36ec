"""Parsers of the flows parameters of the URL (``flows``, ``window``, ``top``); pure, standard library only.

=========  ============================================  =================================================
parameter  value                                         default (not written)
=========  ============================================  =================================================
``flows``  ``out`` (travellers leaving the selected      absent: no flows on the map
           units) or ``in`` (arriving)
``window`` one of ``ctx.flow_windows`` (``sf2020_pre``,  ``ctx.flow_windows[0]``; written only with
           ``sf2021_post``)                              ``flows``
``top``    an integer in ``ctx.flow_top_range``          absent: 20 partners per unit, 50 corridors in
           (5–100): partners per unit, or corridors in   the national view; written only with ``flows``
           the national view
=========  ============================================  =================================================

A bad value falls back to the default with a notice; ``top`` outside the range is not clamped (the notice
names the range).

Examples
--------
>>> from state.model import example_context
>>> ctx = example_context()
>>> parse_flows("out", ctx).value, parse_flows("up", ctx).status, parse_flows(None, ctx).status
('out', 'invalid', 'missing')
>>> parse_window("sf2021_post", ctx, "out").value, parse_window("sf2019", ctx, "out").message_en
('sf2021_post', 'Unknown flow window; showing sf2020_pre (valid: sf2020_pre, sf2021_post).')
>>> parse_top("50", ctx, "in").value, parse_top("500", ctx, "in").message_en
(50, 'top must be a whole number from 5 to 100; using the default.')
>>> parse_top("50", ctx, None).message_en
'top is only used with flows=out or flows=in; ignored.'
"""

from __future__ import annotations

import re

from state.model import FLOW_DIRECTIONS, Context, Parsed

_TOP_RE = re.compile(r"[0-9]{1,4}")
_MISSING: Parsed = Parsed("missing")


def _invalid(message_en: str, message_zh: str) -> Parsed:
    return Parsed("invalid", None, message_en, message_zh)


def _without_flows(name: str) -> Parsed:
    return _invalid(
        f"{name} is only used with flows=out or flows=in; ignored.",
        f"{name} 仅在 flows=out 或 flows=in 时有效，已忽略。",
    )


def parse_flows(raw: str | None, ctx: Context) -> Parsed[str]:
    """Parse ``flows``: ``out`` or ``in`` (flows need corridor windows in ``ctx``)."""
    if not raw:
        return _MISSING
    if not ctx.flow_windows:
        return _invalid("No flow data is available; no flows are drawn.", "没有迁徙流数据，不绘制流线。")
    if raw in FLOW_DIRECTIONS:
        return Parsed("valid", raw)
    return _invalid(
        "flows must be out (leaving) or in (arriving); no flows are drawn.",
        "flows 须为 out（迁出）或 in（迁入），不绘制流线。",
    )


def parse_window(raw: str | None, ctx: Context, flows: str | None) -> Parsed[str]:
    """Parse ``window``: one of ``ctx.flow_windows``, only used with ``flows`` (the parsed direction)."""
    if not raw:
        return _MISSING
    if flows is None:
        return _without_flows("window")
    if raw in ctx.flow_windows:
        return Parsed("valid", raw)
    valid = ", ".join(ctx.flow_windows)
    return _invalid(
        f"Unknown flow window; showing {ctx.default_window} (valid: {valid}).",
        f"未知的迁徙时段，改为显示 {ctx.default_window}（可选：{valid}）。",
    )


def parse_top(raw: str | None, ctx: Context, flows: str | None) -> Parsed[int]:
    """Parse ``top``: a whole number in ``ctx.flow_top_range`` (ASCII digits only), only used with ``flows``."""
    if not raw:
        return _MISSING
    if flows is None:
        return _without_flows("top")
    lo, hi = ctx.flow_top_range
    if _TOP_RE.fullmatch(raw) and lo <= int(raw) <= hi:
        return Parsed("valid", int(raw))
    return _invalid(
        f"top must be a whole number from {lo} to {hi}; using the default.",
        f"top 须为 {lo} 至 {hi} 的整数，改用默认值。",
    )
