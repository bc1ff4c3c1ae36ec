"""Parsers of the URL's presentation and option parameters (``present``, ``embed``, ``scene``, ``ds``,
``palette``, ``mode``, ``v``); pure, standard library only. The grammar of every parameter is in
:mod:`state.parse`, which reads the whole query.
"""

from __future__ import annotations

import re

from state.migrations import CURRENT_VERSION
from state.model import COUNTY_MODES, MODES, TWO_YEAR_MODES, Context, Parsed, example_context  # noqa: F401  (docstring examples)

_INT_RE = re.compile(r"[0-9]{1,6}")
_DATASET_RE = re.compile(r"[0-9a-f]{8,64}")


def parse_present(raw: str | None, ctx: Context) -> Parsed[bool]:
    """Parse ``present``: ``1`` turns presentation mode on (when ``ctx`` has scenes).

    Examples
    --------
    >>> parse_present("1", example_context()).value
    True
    """
    if not raw:
        return Parsed("missing")
    if raw != "1":
        return Parsed(
            "invalid", None, "present must be 1; presentation mode is off.", "present 须为 1，演示模式未开启。"
        )
    if ctx.scene_count < 1:
        return Parsed(
            "invalid",
            None,
            "No presentation scenes are available; presentation mode is off.",
            "没有可用的演示场景，演示模式未开启。",
        )
    return Parsed("valid", True)


def parse_embed(raw: str | None) -> Parsed[bool]:
    """Parse ``embed``: ``1`` shows only the map, legend, caption and an "open full view" link.

    Examples
    --------
    >>> parse_embed("1").value, parse_embed(None).status, parse_embed("yes").status
    (True, 'missing', 'invalid')
    """
    if not raw:
        return Parsed("missing")
    if raw != "1":
        return Parsed("invalid", None, "embed must be 1; showing the full view.", "embed 须为 1，显示完整页面。")
    return Parsed("valid", True)


def parse_scene(raw: str | None, ctx: Context, present: bool) -> Parsed[int]:
    """Parse ``scene``: an integer in 1..``ctx.scene_count``, only used with ``present=1``.

    Examples
    --------
    >>> ctx = example_context()
    >>> parse_scene("2", ctx, present=True).value
    2
    >>> parse_scene("2", ctx, present=False).message_en
    'scene is only used with present=1; ignored.'
    """
    if not raw:
        return Parsed("missing")
    if not present:
        return Parsed(
            "invalid", None, "scene is only used with present=1; ignored.", "scene 仅在 present=1 时有效，已忽略。"
        )
    if not _INT_RE.fullmatch(raw) or not 1 <= int(raw) <= ctx.scene_count:
        return Parsed(
            "invalid",
            None,
            f"Scene must be 1–{ctx.scene_count}; showing scene 1.",
            f"场景须为 1–{ctx.scene_count}，改为显示第 1 个场景。",
        )
    return Parsed("valid", int(raw))


def parse_ds(raw: str | None) -> Parsed[str]:
    """Parse ``ds``: an uploaded dataset id, 8–64 lowercase hexadecimal characters.

    Examples
    --------
    >>> parse_ds("0123abcd").value, parse_ds("0123ABCD").status
    ('0123abcd', 'invalid')
    """
    if not raw:
        return Parsed("missing")
    if _DATASET_RE.fullmatch(raw):
        return Parsed("valid", raw)
    return Parsed(
        "invalid",
        None,
        "Dataset id must be 8–64 lowercase hexadecimal characters; ignored.",
        "数据集编号须为 8–64 位小写十六进制字符，已忽略。",
    )


def parse_palette(raw: str | None, ctx: Context) -> Parsed[str]:
    """Parse ``palette``: one of ``ctx.palettes``.

    Examples
    --------
    >>> parse_palette("YlOrRd", example_context()).value
    'YlOrRd'
    """
    if not raw:
        return Parsed("missing")
    if raw in ctx.palettes:
        return Parsed("valid", raw)
    return Parsed(
        "invalid",
        None,
        "Unknown palette; using the indicator's default palette.",
        "未知的配色方案，改用该指标的默认配色。",
    )


def parse_mode(raw: str | None, years: tuple[int, ...] | None = None, level: str = "prefecture") -> Parsed[str]:
    """Parse ``mode``: ``values`` (the default), ``lisa`` (LISA cluster map), ``change`` (the change
    from the indicator's first year to ``year``) or ``split`` (the first year and ``year`` side by side).

    ``change`` and ``split`` compare two years: for an indicator of one year (``years``) they are
    replaced by the values with a notice; ``split`` is drawn at prefecture level only (``level``).

    Examples
    --------
    >>> parse_mode("lisa").value, parse_mode("x").status
    ('lisa', 'invalid')
    >>> parse_mode("split", (2010, 2020)).value, parse_mode("split", (2020,)).status
    ('split', 'invalid')
    >>> parse_mode("split", (2010, 2020), "county").status, parse_mode("change", (2010, 2020), "county").value
    ('invalid', 'change')
    """
    if not raw:
        return Parsed("missing")
    if raw not in MODES:
        return Parsed("invalid", None, "Unknown map mode; showing the values.", "未知的地图模式，改为显示数值。")
    if raw in TWO_YEAR_MODES and years is not None and len(years) < 2:
        return Parsed(
            "invalid",
            None,
            "This indicator has one year only: there are no two years to compare; showing the values.",
            "本指标只有一个年份，无法对比两个年份，改为显示数值。",
        )
    if level == "county" and raw not in COUNTY_MODES:
        return Parsed(
            "invalid",
            None,
            "The two maps side by side are drawn at prefecture level only; showing the values.",
            "左右并排的两幅地图仅适用于地级单位，改为显示数值。",
        )
    return Parsed("valid", raw)


def parse_version(raw: str | None) -> Parsed[int]:
    """Parse ``v``: the URL format version, 0..:data:`CURRENT_VERSION` (missing means 0, legacy).

    Examples
    --------
    >>> parse_version("1").value, parse_version(None).status, parse_version("7").status
    (1, 'missing', 'invalid')
    """
    if not raw:
        return Parsed("missing")
    if _INT_RE.fullmatch(raw) and int(raw) <= CURRENT_VERSION:
        return Parsed("valid", int(raw))
    return Parsed(
        "invalid",
        None,
        "Unknown link version; read as the current format.",
        "未知的链接版本，按当前格式读取。",
    )
