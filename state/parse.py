"""The dashboard URL is the state: parse a query string into an :class:`AppState` and write it back.

A shared link must reopen exactly the same view, so the query string is the single source of truth.
This module is pure (standard library only, no Dash, Flask or Plotly): the callbacks call
:func:`parse_query` when a page opens and :func:`write_query` whenever the state changes.

Each query parameter has its own parser (``parse_<name>``) returning a :class:`Parsed` result whose
``status`` is ``"valid"``, ``"invalid"`` or ``"missing"``. An invalid value falls back to the default
and produces a :class:`Notice` (parameter, rejected value as plain text, message in English and
Chinese); nothing raises for any input string. Unknown parameters produce a notice and are otherwise
ignored; when a parameter is repeated the first value wins (with a notice). :func:`write_query`
writes only the values that differ from the defaults, in a fixed order, so the default view is the
empty query and ``parse_query(write_query(s, ctx), ctx).state == s`` for every valid state ``s``.

Everything that depends on the data (indicator keys and years, admin codes, tabs, palettes, number
of presentation scenes, zoom range) comes from a :class:`Context` built by the caller.

Parameter grammar (version 1)
-----------------------------
============  ===========================================  ========================================
parameter     value                                         default (not written)
============  ===========================================  ========================================
``indicator`` an indicator key of ``ctx.indicator_years``   ``ctx.default_indicator``
              (old keys renamed via ``ctx.indicator_aliases``)
``level``     ``prefecture`` or ``county`` (when ``ctx``       ``prefecture``
              has a county level); at ``county`` the
              indicator, year and ``sel`` are read with
              ``ctx.at_level("county")``
``year``      an integer among the indicator's years        the indicator's latest year
``classes``   ``quantiles-K``, ``fisher_jenks-K``,          ``quantiles-5``
              ``equal_interval-K`` with K in 3..9, or
              ``user_defined-B1_B2_…``: 2–8 strictly
              ascending finite numbers (K = breaks + 1)
``sel``       6-digit adcodes of ``ctx.adcodes`` joined     empty selection
              by ``~``; unknown codes dropped (notice),
              duplicates removed, order kept, at most 400
``view``      a province adcode of ``ctx.province_adcodes`` whole country (``None``)
              or ``lat,lng,zoom`` (finite, lat in ±90,
              lng in ±180, zoom in ``ctx.zoom_range``;
              rounded to 5 / 5 / 2 decimals)
``tab``       one of ``ctx.tabs``                           ``ctx.tabs[0]``
``lang``      ``zh`` or ``en``                              ``None`` (caller uses Accept-Language)
``present``   ``1``                                         off
``scene``     integer in 1..``ctx.scene_count``; only       ``1``
              with ``present=1``
``ds``        uploaded dataset id, 8–64 lowercase hex       ``None``
``palette``   one of ``ctx.palettes``                       ``None`` (the indicator's own palette)
``mode``      ``values``, ``lisa`` (LISA clusters),          ``values``
              ``change`` (first year → ``year``) or
              ``split`` (first year | ``year``, side by
              side); ``change`` and ``split`` need two
              years, ``split`` the prefecture level
``cols``      the table's indicator keys joined by ``~``    the table's default columns
``embed``     ``1``: only map, legend, caption (iframe)     off
``flows``,    Spring-Festival flows: see                    no flows
``window``,   :mod:`state.parse_flows`
``top``
``v``         URL format version, currently ``1``;          written whenever anything else is
============  ===========================================  ========================================

An empty value (``year=``) counts as missing. Numbers are ASCII digits only (no ``nan``, ``inf``,
``1_000`` or non-Latin digits).

Old links (no ``v``, version 0) are migrated first: see :mod:`state.migrations`.

Examples
--------
>>> ctx = example_context()
>>> result = parse_query("?indicator=gdp_pc&year=2015&sel=110100~999999&tab=trend", ctx)
>>> result.state.indicator, result.state.year, result.state.sel, result.state.tab
('gdp_pc', 2015, ('110100',), 'trend')
>>> [(n.param, n.value) for n in result.notices]
[('sel', '999999')]
>>> write_query(result.state, ctx)
'?indicator=gdp_pc&year=2015&sel=110100&tab=trend&v=1'
>>> write_query(default_state(ctx), ctx)
''
>>> parse_query("ind=gdp_pc&codes=110100,120100&lang=cn", ctx).state.sel  # a legacy link
('110100', '120100')
"""

from __future__ import annotations

import math
import re
from typing import TypeVar
from urllib.parse import unquote_plus

from state.migrations import CURRENT_VERSION, MIGRATIONS, Pairs
from state.model import (  # noqa: F401  (docstring examples)
    DEFAULT_CLASSES,
    FIXED_K_SCHEMES,
    LANGUAGES,
    LEVELS,
    MAX_BREAKS,
    MAX_K,
    MAX_PAIRS,
    MAX_QUERY_CHARS,
    MAX_SELECTION,
    MIN_BREAKS,
    MIN_K,
    MODES,
    NOTICE_VALUE_CHARS,
    PARAMETERS,
    USER_DEFINED,
    AppState,
    ClassSpec,
    Context,
    MapView,
    Notice,
    Parsed,
    ParseResult,
    default_state,
    example_context,
    format_float,
    strictly_ascending,
)
from state.parse_cols import parse_cols
from state.parse_flows import parse_flows, parse_top, parse_window
from state.parse_options import (
    parse_ds,
    parse_embed,
    parse_mode,
    parse_palette,
    parse_present,
    parse_scene,
    parse_version,
)
from state.write import write_query  # noqa: F401  (docstring examples)

T = TypeVar("T")

_INT_RE = re.compile(r"[0-9]{1,6}")
_FLOAT_RE = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]{1,4})?")
_FLOAT_MAX_CHARS = 40
_ADCODE_RE = re.compile(r"[0-9]{6}")

# --------------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------------

_MISSING: Parsed = Parsed("missing")


def _valid(value: T) -> Parsed[T]:
    return Parsed("valid", value)


def _invalid(message_en: str, message_zh: str) -> Parsed:
    return Parsed("invalid", None, message_en, message_zh)


def _clip(text: str, limit: int = NOTICE_VALUE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _parse_float(text: str) -> float | None:
    """A finite float from plain ASCII decimal notation, else ``None``."""
    if len(text) > _FLOAT_MAX_CHARS or not _FLOAT_RE.fullmatch(text):
        return None
    value = float(text)
    return value + 0.0 if math.isfinite(value) else None


def _name_some(items: list[str], limit: int = 5) -> str:
    named = ", ".join(_clip(item, 20) for item in items[:limit])
    return named if len(items) <= limit else f"{named} (+{len(items) - limit})"


# --------------------------------------------------------------------------------------------------
# One parser per parameter
# --------------------------------------------------------------------------------------------------


def parse_indicator(raw: str | None, ctx: Context) -> Parsed[str]:
    """Parse ``indicator``: a key of ``ctx.indicator_years`` or an old key in ``ctx.indicator_aliases``.

    Examples
    --------
    >>> ctx = example_context()
    >>> parse_indicator("gdp_pc", ctx).value, parse_indicator("gdp_per_capita", ctx).value
    ('gdp_pc', 'gdp_pc')
    >>> parse_indicator("nope", ctx).status, parse_indicator(None, ctx).status
    ('invalid', 'missing')
    """
    if not raw:
        return _MISSING
    key, seen = raw, set()
    while key not in ctx.indicator_years and key in ctx.indicator_aliases and key not in seen:
        seen.add(key)
        key = ctx.indicator_aliases[key]
    if key in ctx.indicator_years:
        return _valid(key)
    en, zh = ctx.indicator_labels.get(ctx.default_indicator, (ctx.default_indicator, ctx.default_indicator))
    if key in ctx.other_level:  # an uploaded dataset of the other level
        level = ctx.other_level[key]
        own_en, own_zh = ctx.indicator_labels.get(key, (key, key))
        level_zh = {"county": "县级", "prefecture": "地级"}.get(level, level)
        return _invalid(
            f"“{own_en}” holds {level}-level units and cannot be shown at this level (open it with level={level}); "
            f"showing {en}.",
            f"“{own_zh}”是{level_zh}单位的数据，本层级无法显示（请以 level={level} 打开），改为显示“{zh}”。",
        )
    return _invalid(f"Unknown indicator; showing {en}.", f"未知指标，改为显示“{zh}”。")


def parse_level(raw: str | None, ctx: Context) -> Parsed[str]:
    """Parse ``level``: ``prefecture`` or ``county`` (only when ``ctx`` has a county level).

    Examples
    --------
    >>> ctx = example_context()
    >>> parse_level("county", ctx).value, parse_level(None, ctx).status, parse_level("town", ctx).status
    ('county', 'missing', 'invalid')
    """
    if not raw:
        return _MISSING
    if raw in LEVELS and (raw != "county" or ctx.county is not None):
        return _valid(raw)
    return _invalid("Unknown map level; showing prefectures.", "未知的地图层级，改为显示地级单位。")


def parse_year(raw: str | None, years: tuple[int, ...]) -> Parsed[int]:
    """Parse ``year``: an integer among ``years`` (the indicator's years, ascending).

    Examples
    --------
    >>> parse_year("2015", (2010, 2015, 2020)).value
    2015
    >>> r = parse_year("2016", (2010, 2015, 2020))
    >>> r.status, r.message_en
    ('invalid', 'No data for 2016; showing the latest year, 2020.')
    """
    if not raw:
        return _MISSING
    latest = years[-1]
    if not _INT_RE.fullmatch(raw):
        return _invalid(
            f"Year must be a whole number; showing the latest year, {latest}.",
            f"年份须为整数，改为显示最新年份 {latest} 年。",
        )
    year = int(raw)
    if year not in years:
        return _invalid(
            f"No data for {year}; showing the latest year, {latest}.",
            f"{year} 年无数据，改为显示最新年份 {latest} 年。",
        )
    return _valid(year)


def parse_classes(raw: str | None) -> Parsed[ClassSpec]:
    """Parse ``classes``: ``<scheme>-<k>`` or ``user_defined-<b1>_<b2>_…``.

    Examples
    --------
    >>> parse_classes("equal_interval-4").value
    ClassSpec(scheme='equal_interval', k=4, breaks=())
    >>> parse_classes("user_defined--1_0_2.5").value.breaks
    (-1.0, 0.0, 2.5)
    >>> parse_classes("quantiles-12").message_en
    'Number of classes must be 3–9; using quantiles-5.'
    """
    if not raw:
        return _MISSING
    fallback_en, fallback_zh = f"using {DEFAULT_CLASSES.token}", f"改用 {DEFAULT_CLASSES.token}"
    scheme, sep, rest = raw.partition("-")
    if sep and scheme in FIXED_K_SCHEMES:
        if not _INT_RE.fullmatch(rest) or not MIN_K <= int(rest) <= MAX_K:
            return _invalid(
                f"Number of classes must be {MIN_K}–{MAX_K}; {fallback_en}.",
                f"分级数须为 {MIN_K}–{MAX_K}，{fallback_zh}。",
            )
        return _valid(ClassSpec(scheme, int(rest)))
    if sep and scheme == USER_DEFINED:
        tokens = rest.split("_", MAX_BREAKS)
        values = [_parse_float(token) for token in tokens]
        if (
            not MIN_BREAKS <= len(tokens) <= MAX_BREAKS
            or any(v is None for v in values)
            or not strictly_ascending(values)
        ):
            return _invalid(
                f"User-defined breaks must be {MIN_BREAKS}–{MAX_BREAKS} ascending numbers; {fallback_en}.",
                f"自定义分级断点须为 {MIN_BREAKS}–{MAX_BREAKS} 个递增的数，{fallback_zh}。",
            )
        return _valid(ClassSpec(USER_DEFINED, breaks=tuple(values)))
    return _invalid(
        f"Unknown classification; {fallback_en}.",
        f"未知的分级方法，{fallback_zh}。",
    )


def parse_sel(raw: str | None, ctx: Context) -> Parsed[tuple[str, ...]]:
    """Parse ``sel``: admin codes joined by ``~``.

    Codes not in ``ctx.adcodes`` are dropped and named in the message; duplicates are removed
    silently (first occurrence kept); at most :data:`MAX_SELECTION` codes are kept. The result is
    ``"valid"`` with the kept codes, and carries a message when codes were dropped.

    Examples
    --------
    >>> ctx = example_context()
    >>> r = parse_sel("120100~110100~120100~999999", ctx)
    >>> r.status, r.value, r.rejected, r.message_en
    ('valid', ('120100', '110100'), '999999', 'Unknown or outdated codes dropped: 999999.')
    """
    if not raw:
        return _MISSING
    kept: dict[str, None] = {}
    unknown: list[str] = []
    for token in raw.split("~"):
        token = token.strip()
        if not token:
            continue
        if token in ctx.adcodes and _ADCODE_RE.fullmatch(token):
            kept.setdefault(token)
        elif token not in unknown:
            unknown.append(token)
    codes = tuple(kept)
    overflow = codes[MAX_SELECTION:]
    codes = codes[:MAX_SELECTION]
    if not unknown and not overflow:
        return _valid(codes)
    parts_en, parts_zh = [], []
    if unknown:
        parts_en.append(f"Unknown or outdated codes dropped: {_name_some(unknown)}.")
        parts_zh.append(f"已移除未知或过时的代码：{_name_some(unknown)}。")
    if overflow:
        parts_en.append(f"At most {MAX_SELECTION} units can be selected; {len(overflow)} dropped.")
        parts_zh.append(f"最多可选 {MAX_SELECTION} 个单元，已移除 {len(overflow)} 个。")
    return Parsed("valid", codes, " ".join(parts_en), "".join(parts_zh), "~".join([*unknown, *overflow]))


def parse_view(raw: str | None, ctx: Context) -> Parsed[str | MapView]:
    """Parse ``view``: a province adcode, or ``lat,lng,zoom``.

    Examples
    --------
    >>> ctx = example_context()
    >>> parse_view("640000", ctx).value
    '640000'
    >>> parse_view("38.5,106.25,7", ctx).value
    MapView(lat=38.5, lng=106.25, zoom=7.0)
    >>> parse_view("38.5,106.25,99", ctx).status
    'invalid'
    """
    if not raw:
        return _MISSING
    if raw in ctx.province_adcodes:
        return _valid(raw)
    parts = raw.split(",", 3)
    numbers = [_parse_float(part.strip()) for part in parts]
    if len(parts) == 3 and all(n is not None for n in numbers):
        view = MapView(*numbers)
        lo, hi = ctx.zoom_range
        if -90 <= view.lat <= 90 and -180 <= view.lng <= 180 and lo <= view.zoom <= hi:
            return _valid(view)
    return _invalid(
        "Map view must be a province code or lat,lng,zoom "
        f"(zoom {format_float(ctx.zoom_range[0])}–{format_float(ctx.zoom_range[1])}); "
        "showing the whole country.",
        f"地图视图须为省级代码或 纬度,经度,缩放级别（缩放 {format_float(ctx.zoom_range[0])}–"
        f"{format_float(ctx.zoom_range[1])}），改为显示全国。",
    )


def parse_tab(raw: str | None, ctx: Context) -> Parsed[str]:
    """Parse ``tab``: one of ``ctx.tabs``.

    Examples
    --------
    >>> parse_tab("ranking", example_context()).value
    'ranking'
    """
    if not raw:
        return _MISSING
    if raw in ctx.tabs:
        return _valid(raw)
    return _invalid(
        f"Unknown chart tab; showing {ctx.default_tab}.",
        f"未知的图表标签，改为显示 {ctx.default_tab}。",
    )


def parse_lang(raw: str | None) -> Parsed[str]:
    """Parse ``lang``: ``zh`` or ``en``.

    Examples
    --------
    >>> parse_lang("en").value, parse_lang("fr").status
    ('en', 'invalid')
    """
    if not raw:
        return _MISSING
    if raw in LANGUAGES:
        return _valid(raw)
    return _invalid(
        "Language must be zh or en; using the browser's language.",
        "语言须为 zh 或 en，改用浏览器语言。",
    )


def _split_query(query: str) -> tuple[Pairs, list[Notice]]:
    """Decoded ``(key, value)`` pairs of ``query`` (``+`` is a space), with notices for what was cut."""
    notices = []
    if len(query) > MAX_QUERY_CHARS:
        cut = query[:MAX_QUERY_CHARS]
        cut = cut[: cut.rfind("&")] if "&" in cut else ""
        notices.append(
            Notice(
                "query",
                _clip(query[len(cut) :].lstrip("&")),
                f"The link is longer than {MAX_QUERY_CHARS} characters; the rest was ignored.",
                f"链接超过 {MAX_QUERY_CHARS} 个字符，其余部分已忽略。",
            )
        )
        query = cut
    parts = [part for part in query.split("&") if part]
    if len(parts) > MAX_PAIRS:
        notices.append(
            Notice(
                "query",
                _clip("&".join(parts[MAX_PAIRS:])),
                f"The link has more than {MAX_PAIRS} parameters; the rest were ignored.",
                f"链接参数超过 {MAX_PAIRS} 个，其余已忽略。",
            )
        )
        parts = parts[:MAX_PAIRS]
    pairs = []
    for part in parts:
        key, _, value = part.partition("=")
        pairs.append((unquote_plus(key, errors="replace"), unquote_plus(value, errors="replace")))
    return pairs, notices


def _unknown_notice(key: str, value: str) -> Notice:
    return Notice(_clip(key), _clip(value), "Unknown parameter ignored.", "未知参数，已忽略。")


def _repeated_notice(key: str, value: str) -> Notice:
    return Notice(key, _clip(value), "Repeated parameter; the first value is used.", "参数重复，使用第一个值。")


def _first_of_each(pairs: Pairs, known: tuple[str, ...]) -> tuple[dict[str, str], list[Notice]]:
    """First value of each known key; notices for unknown and repeated keys, in query order."""
    values: dict[str, str] = {}
    notices = []
    for key, value in pairs:
        if key not in known:
            notices.append(_unknown_notice(key, value))
        elif key in values:
            notices.append(_repeated_notice(key, value))
        else:
            values[key] = value
    return values, notices


def parse_query(query: str | None, ctx: Context) -> ParseResult:
    """Parse a query string (leading ``?`` optional) into an :class:`AppState`; never raises.

    Old links (no ``v``, or an older ``v``) are first migrated with :data:`MIGRATIONS`. Each
    parameter is then read by its own parser; invalid values fall back to the default and produce a
    :class:`Notice`, as do unknown and repeated parameters (the first value wins).

    Parameters
    ----------
    query
        The raw query string, percent-encoded as in the address bar (``None`` is the empty query).
    ctx
        What the data allows.

    Returns
    -------
    ParseResult
        ``state``, ``notices`` (in a stable order) and the ``version`` the link was read as.

    Examples
    --------
    >>> ctx = example_context()
    >>> r = parse_query("?indicator=gdp_pc&year=1999&tab=%3Cscript%3E&foo=1", ctx)
    >>> r.state.year, r.state.tab
    (2020, 'compare')
    >>> [(n.param, n.value) for n in r.notices]
    [('foo', '1'), ('year', '1999'), ('tab', '<script>')]
    >>> parse_query("", ctx).state == default_state(ctx)
    True
    """
    text = query if isinstance(query, str) else ""
    text = text[1:] if text.startswith("?") else text
    pairs, notices = _split_query(text)

    version_pairs = [value for key, value in pairs if key == "v"]
    pairs = [(key, value) for key, value in pairs if key != "v"]
    parsed_version = parse_version(version_pairs[0] if version_pairs else None)
    for extra in version_pairs[1:]:
        notices.append(_repeated_notice("v", extra))
    if parsed_version.status == "invalid":
        notices.append(Notice("v", _clip(version_pairs[0]), parsed_version.message_en, parsed_version.message_zh))
    version = {"valid": parsed_version.value, "missing": 0}.get(parsed_version.status, CURRENT_VERSION)
    for migrate in MIGRATIONS[version:]:
        pairs = migrate(pairs)

    raw, structural = _first_of_each(pairs, PARAMETERS)
    notices.extend(structural)
    results: dict[str, Parsed] = {}

    def use(name: str, parsed: Parsed, default):
        results[name] = parsed
        return parsed.value if parsed.status == "valid" else default

    level = use("level", parse_level(raw.get("level"), ctx), "prefecture")
    ctx = ctx.at_level(level)
    indicator = use("indicator", parse_indicator(raw.get("indicator"), ctx), ctx.default_indicator)
    years = ctx.indicator_years[indicator]
    present = use("present", parse_present(raw.get("present"), ctx), False)
    flows = use("flows", parse_flows(raw.get("flows"), ctx), None)
    state = AppState(
        indicator=indicator,
        year=use("year", parse_year(raw.get("year"), years), years[-1]),
        tab=use("tab", parse_tab(raw.get("tab"), ctx), ctx.default_tab),
        classes=use("classes", parse_classes(raw.get("classes")), DEFAULT_CLASSES),
        sel=use("sel", parse_sel(raw.get("sel"), ctx), ()),
        view=use("view", parse_view(raw.get("view"), ctx), None),
        lang=use("lang", parse_lang(raw.get("lang")), None),
        present=present,
        scene=use("scene", parse_scene(raw.get("scene"), ctx, present), 1),
        ds=use("ds", parse_ds(raw.get("ds")), None),
        palette=use("palette", parse_palette(raw.get("palette"), ctx), None),
        mode=use("mode", parse_mode(raw.get("mode"), years, level), "values"),
        cols=use("cols", parse_cols(raw.get("cols"), ctx), ()),
        embed=use("embed", parse_embed(raw.get("embed")), False),
        flows=flows,
        window=use("window", parse_window(raw.get("window"), ctx, flows), ctx.default_window),
        top=use("top", parse_top(raw.get("top"), ctx, flows), None),
        level=level,
    )
    for name in PARAMETERS:
        parsed = results.get(name)
        if parsed is not None and parsed.message_en:
            rejected = parsed.rejected if parsed.rejected is not None else raw[name]
            notices.append(Notice(name, _clip(rejected), parsed.message_en, parsed.message_zh))
    return ParseResult(state=state, notices=tuple(notices), version=version)
