"""Spring-Festival corridors: city-pair flows from Baidu Qianxi, the partners of one unit, the national view.

The indicators derived from them (cross-province share, partner concentration) are in
:mod:`indicators.corridor_indicators`.

The table ``baidu_spring_festival_corridors_2020_2021.csv.gz`` (section 10 of ``data/SOURCES.md``) holds
one row per ordered city pair and window, with the pair's Baidu index summed over the window's days as seen
from the origin's daily top-100 destinations (``index_from_origin``) and from the destination's daily
top-100 origins (``index_from_dest``). Pure functions (no Flask, no Dash); the web layer turns
:class:`UnknownUnitError` into a 404.

Which figure is used
--------------------
``direction="out"`` (where a unit's travellers go): rows with ``origin_adcode == unit``, the partner is the
destination, the index is ``index_from_origin``; where the origin's top-100 list never held the pair, the
destination's figure ``index_from_dest`` is used instead and the row's ``fallback`` is ``True``.
``direction="in"`` mirrors this (rows with ``dest_adcode == unit``, ``index_from_dest`` first). The two
estimates agree closely (correlation 0.9995 over the pairs seen from both sides). Pairs with neither
figure carry no information and are left out.

Units: Baidu index points, dimensionless and comparable across pairs -- **never persons**.

Examples
--------
>>> top = partners("440300", "sf2020_pre", "out", top=5)
>>> list(top["name_zh"])
['东莞市', '惠州市', '广州市', '梅州市', '茂名市']
>>> [round(v, 2) for v in top["index"]]
[22.43, 17.22, 11.66, 9.35, 8.18]
>>> sorted(WINDOWS)
['sf2020_pre', 'sf2021_post']
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from indicators.ingest import DATA_DIR

FILE = "baidu_spring_festival_corridors_2020_2021.csv.gz"
COLUMNS = (
    "window",
    "origin_adcode",
    "origin_name_zh",
    "dest_adcode",
    "dest_name_zh",
    "cross_province",
    "index_from_origin",
    "days_origin",
    "index_from_dest",
    "days_dest",
    "files_out",
    "files_in",
)
#: Bounds of ``top`` (inclusive); values outside are rejected, not clamped.
TOP_MIN, TOP_MAX = 5, 100
TOP_DEFAULT = 20
NATIONAL_TOP_DEFAULT = 50
UNIT_COLUMNS = ("adcode", "name_zh", "name_en", "province_zh")
#: Fields of one row of :func:`partners` (and of the unit API's JSON objects and CSV columns), in order.
PARTNER_FIELDS = ("adcode", "name_zh", "name_en", "province_zh", "index", "share_pct", "cross_province", "fallback")
#: Fields of one row of :func:`top_corridors` (the national view), in order.
CORRIDOR_FIELDS = (
    "origin_adcode",
    "origin_name_zh",
    "origin_name_en",
    "origin_province_zh",
    "dest_adcode",
    "dest_name_zh",
    "dest_name_en",
    "dest_province_zh",
    "index",
    "share_pct",
    "cross_province",
    "fallback",
)
BOM = "\ufeff"

UNITS_EN = "Baidu index points (summed over the window's days; not persons)"
UNITS_ZH = "百度迁徙指数点数（时段内逐日合计；不是人数）"
FALLBACK_CAVEAT_EN = (
    "Outflows use the index seen from the origin's daily top-100 destinations, inflows the index seen from "
    "the destination's daily top-100 origins; where a unit's own list never held the pair, the other side's "
    "figure is used instead (flagged 'fallback'). Partners outside both top-100 lists are missing, so totals "
    "and shares cover the listed partners only (about 90 % of Baidu's migration scale)."
)
FALLBACK_CAVEAT_ZH = (
    "迁出用迁出地每日前100目的地列表中的指数，迁入用目的地每日前100来源地列表中的指数；本方列表中没有该城市对时，"
    "改用对方列表中的数值（标记为 fallback）。不在双方前100列表中的城市缺失，因此合计与占比只覆盖列出的对方城市"
    "（约为百度迁徙规模的90%）。"
)


@dataclass(frozen=True)
class Window:
    """One observation window of the corridor table."""

    key: str
    label_zh: str
    label_en: str
    start: str
    end: str
    days: int
    caveat_en: str
    caveat_zh: str


WINDOWS: dict[str, Window] = {
    "sf2020_pre": Window(
        key="sf2020_pre",
        label_zh="2020年春运节前（1月10日—24日）",
        label_en="Spring Festival 2020, before the festival (10–24 Jan)",
        start="2020-01-10",
        end="2020-01-24",
        days=15,
        caveat_en=(
            "15 days from the start of chunyun to New Year's Eve, before COVID-19 restrictions: migrant "
            "workers travelling from work cities to home prefectures. Short trips between neighbouring cities "
            "dominate the largest pairs. " + FALLBACK_CAVEAT_EN
        ),
        caveat_zh=(
            "春运开始至除夕共15天，疫情管控之前：外出务工者由务工城市返回家乡。最大的城市对以相邻城市间的短途出行为主。"
            + FALLBACK_CAVEAT_ZH
        ),
    ),
    "sf2021_post": Window(
        key="sf2021_post",
        label_zh="2021年春运节后返程（2月12日—3月8日）",
        label_en="Spring Festival 2021, return wave (12 Feb – 8 Mar)",
        start="2021-02-12",
        end="2021-03-08",
        days=25,
        caveat_en=(
            "25 days from New Year's Day: the return wave to work cities, depressed by the 2021 'celebrate "
            "where you are' (就地过年) policy, so flows are smaller than in a normal year. " + FALLBACK_CAVEAT_EN
        ),
        caveat_zh="大年初一起25天：返回务工城市的返程潮；受2021年“就地过年”政策影响，流量低于正常年份。"
        + FALLBACK_CAVEAT_ZH,
    ),
}
#: ``direction`` → (label zh, label en, the unit's side, the partner's side).
DIRECTIONS: dict[str, tuple[str, str, str, str]] = {
    "out": ("迁出（去向）", "outflow (where travellers go)", "origin", "dest"),
    "in": ("迁入（来源）", "inflow (where travellers come from)", "dest", "origin"),
}
SOURCE_EN = (
    "Baidu Qianxi (百度迁徙) daily top-100 OD flows, via a1317934217/Baidu_migrationData; "
    "© Baidu, non-commercial use with attribution"
)
SOURCE_ZH = "百度迁徙每日前100城市迁入迁出数据，经 a1317934217/Baidu_migrationData 整理；© 百度，非商业使用须注明来源"


class UnknownUnitError(LookupError):
    """A unit code that the corridor table does not hold; the message is one line, suitable for a 404."""


# --- loading and validation ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def load_corridors() -> pd.DataFrame:
    """The vendored corridor table, read once per process; callers must not modify it.

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`COLUMNS`; adcodes as 6-digit strings, ``cross_province`` as bool, missing
        index figures as ``NaN``.

    Examples
    --------
    >>> t = load_corridors()
    >>> t.groupby("window").size().to_dict()
    {'sf2020_pre': 86142, 'sf2021_post': 105374}
    """
    path = DATA_DIR / FILE
    frame = pd.read_csv(path, dtype={"origin_adcode": str, "dest_adcode": str, "window": str})
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{FILE}: missing columns {missing}")
    frame = frame[list(COLUMNS)]
    frame["cross_province"] = frame["cross_province"].astype(bool)
    return frame


def _check_choice(value, choices, what: str) -> str:
    """``value`` when it is a key of ``choices``, else ``ValueError`` naming the valid ones (value cut to 40 characters)."""
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"unknown {what} {str(value)[:40]!r}; valid {what}s: {', '.join(choices)}")
    return value


def check_window(window) -> str:
    """``window`` when it is a key of :data:`WINDOWS`, else ``ValueError`` naming the valid ones.

    Examples
    --------
    >>> check_window("sf2020_pre")
    'sf2020_pre'
    >>> check_window("sf2021_pre")
    Traceback (most recent call last):
    ...
    ValueError: unknown window 'sf2021_pre'; valid windows: sf2020_pre, sf2021_post
    """
    return _check_choice(window, WINDOWS, "window")


def check_direction(direction) -> str:
    """``direction`` when it is ``'out'`` or ``'in'``, else ``ValueError`` naming them.

    Examples
    --------
    >>> check_direction("up")
    Traceback (most recent call last):
    ...
    ValueError: unknown direction 'up'; valid directions: out, in
    """
    return _check_choice(direction, DIRECTIONS, "direction")


def check_top(top) -> int:
    """``top`` when it is an integer from :data:`TOP_MIN` to :data:`TOP_MAX`; otherwise ``ValueError``.

    Out-of-range values are rejected rather than clamped, so a request never silently gets fewer or
    more rows than it asked for.

    Examples
    --------
    >>> check_top(20)
    20
    >>> check_top(200)
    Traceback (most recent call last):
    ...
    ValueError: top must be an integer from 5 to 100, not 200
    """
    if isinstance(top, bool) or not isinstance(top, int | np.integer) or not TOP_MIN <= top <= TOP_MAX:
        raise ValueError(f"top must be an integer from {TOP_MIN} to {TOP_MAX}, not {top!r:.40}")
    return int(top)


def unit_codes(table: pd.DataFrame | None = None) -> pd.Index:
    """Every adcode of the table (as origin or destination, in any window), sorted.

    The derived indicators are indexed by these codes.

    Examples
    --------
    >>> len(unit_codes())
    369
    """
    if table is None:
        return _table_unit_codes().copy()
    return pd.Index(sorted(set(table["origin_adcode"]) | set(table["dest_adcode"])), name="adcode")


@lru_cache(maxsize=1)
def _table_unit_codes() -> pd.Index:
    """:func:`unit_codes` of the vendored table, computed once per process (0.8 s)."""
    return unit_codes(load_corridors())


# --- one direction of one window -------------------------------------------------------------------


def directed_flows(window: str, direction: str, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The window's pairs seen from one side, with the fallback applied.

    Parameters
    ----------
    window : str
        A key of :data:`WINDOWS`.
    direction : {'out', 'in'}
        ``'out'``: the unit is the origin and ``index = index_from_origin``, falling back to
        ``index_from_dest``; ``'in'``: the unit is the destination and ``index = index_from_dest``,
        falling back to ``index_from_origin``.
    table : pandas.DataFrame, optional
        A frame with the corridor columns (default: :func:`load_corridors`; that result is cached and
        must not be modified).

    Returns
    -------
    pandas.DataFrame
        Columns ``unit, partner, partner_name_zh, index, cross_province, fallback``; pairs with neither
        figure are dropped.

    Examples
    --------
    >>> t = pd.DataFrame({"window": ["sf2020_pre"] * 2, "origin_adcode": ["110000", "110000"],
    ...     "origin_name_zh": ["北京市", "北京市"], "dest_adcode": ["131000", "120000"],
    ...     "dest_name_zh": ["廊坊市", "天津市"], "cross_province": [True, True],
    ...     "index_from_origin": [24.3, np.nan], "index_from_dest": [24.1, 10.9]})
    >>> directed_flows("sf2020_pre", "out", t)[["partner", "index", "fallback"]]
      partner  index  fallback
    0  131000   24.3     False
    1  120000   10.9      True
    """
    check_window(window)
    check_direction(direction)
    if table is None:
        return default_directed(window, direction)
    return _directed(table, window, direction)


@lru_cache(maxsize=8)
def default_directed(window: str, direction: str) -> pd.DataFrame:
    return _directed(load_corridors(), window, direction)


def _directed(table: pd.DataFrame, window: str, direction: str) -> pd.DataFrame:
    _, _, own, other = DIRECTIONS[direction]
    rows = table[table["window"] == window]
    own_index = rows[f"index_from_{own}"].astype(float)
    other_index = rows[f"index_from_{other}"].astype(float)
    out = pd.DataFrame(
        {
            "unit": rows[f"{own}_adcode"].astype(str),
            "partner": rows[f"{other}_adcode"].astype(str),
            "partner_name_zh": rows[f"{other}_name_zh"],
            "index": own_index.fillna(other_index),
            "cross_province": rows["cross_province"].astype(bool),
            "fallback": own_index.isna() & other_index.notna(),
        }
    )
    return out[out["index"].notna()].reset_index(drop=True)


def totals(flows: pd.DataFrame) -> pd.Series:
    """Sum of ``index`` per unit; ``NaN`` where the sum is not positive (no share can be formed)."""
    total = flows.groupby("unit")["index"].sum()
    return total.where(total > 0)


# --- partners of one unit --------------------------------------------------------------------------


def partners(
    unit: str,
    window: str = "sf2020_pre",
    direction: str = "out",
    top: int = TOP_DEFAULT,
    *,
    units: pd.DataFrame | None = None,
    table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The ``top`` strongest partners of one unit in one window and direction, strongest first.

    Parameters
    ----------
    unit : str
        6-digit adcode of the unit; one the table does not hold raises :class:`UnknownUnitError`.
    window : str
        A key of :data:`WINDOWS` (``ValueError`` otherwise).
    direction : {'out', 'in'}
        ``'out'``: the unit's destinations ranked by ``index_from_origin``; ``'in'``: its origins ranked by
        ``index_from_dest``; each falling back to the other side's figure (see :func:`directed_flows`).
    top : int
        Number of rows, :data:`TOP_MIN` to :data:`TOP_MAX`; outside that range ``ValueError``.
    units : pandas.DataFrame, optional
        Names of the partners, columns ``adcode, name_zh, name_en, province_zh`` (the route passes the map
        layer's units). Without it, or for a partner it lacks, ``name_zh`` comes from the corridor table
        and ``name_en``/``province_zh`` are ``None``.
    table : pandas.DataFrame, optional
        The corridor table (default: :func:`load_corridors`).

    Returns
    -------
    pandas.DataFrame
        Columns of :data:`PARTNER_FIELDS`. ``index`` in Baidu index points;
        ``share_pct = index / (sum of index over ALL the unit's partners in this window and direction)
        × 100`` (``NaN`` when that sum is 0); ``fallback`` is ``True`` where the other side's figure was
        used. Ties are broken by adcode. A unit of the table without flows in this window and direction
        gives an empty frame.

    Examples
    --------
    >>> p = partners("500000", "sf2020_pre", "out", top=5)
    >>> [(n, round(v, 2)) for n, v in zip(p["name_zh"][:3], p["index"][:3])]
    [('广安市', 9.14), ('成都市', 7.25), ('达州市', 5.99)]
    >>> partners("999999")
    Traceback (most recent call last):
    ...
    indicators.corridors.UnknownUnitError: unit '999999' is not in the corridor table
    """
    check_window(window)
    check_direction(direction)
    top = check_top(top)
    t = load_corridors() if table is None else table
    code = str(unit)
    if code not in _codes(t):
        raise UnknownUnitError(f"unit {code[:40]!r} is not in the corridor table")
    flows = directed_flows(window, direction, table)
    mine = flows[flows["unit"] == code]
    total = mine["index"].sum()
    ranked = mine.sort_values(["index", "partner"], ascending=[False, True], kind="stable").head(top)
    out = pd.DataFrame(
        {
            "adcode": ranked["partner"].to_numpy(),
            "partner_name_zh": ranked["partner_name_zh"].to_numpy(),
            "index": ranked["index"].to_numpy(dtype=float),
            "share_pct": ranked["index"].to_numpy(dtype=float) / total * 100 if total > 0 else np.nan,
            "cross_province": ranked["cross_province"].to_numpy(dtype=bool),
            "fallback": ranked["fallback"].to_numpy(dtype=bool),
        }
    )
    out = _with_names(out, "adcode", units, "partner_name_zh")
    return out[list(PARTNER_FIELDS)].reset_index(drop=True)


def _codes(table: pd.DataFrame) -> frozenset[str]:
    if table is load_corridors():
        return _default_codes()
    return frozenset(unit_codes(table))


@lru_cache(maxsize=1)
def _default_codes() -> frozenset[str]:
    return frozenset(unit_codes())


def _with_names(
    frame: pd.DataFrame, code_column: str, units: pd.DataFrame | None, table_name: str, prefix: str = ""
) -> pd.DataFrame:
    """Add ``{prefix}name_zh, {prefix}name_en, {prefix}province_zh`` from ``units``, else from the table."""
    out = frame.copy()
    if units is not None:
        missing = [c for c in UNIT_COLUMNS if c not in units.columns]
        if missing:
            raise ValueError(f"units needs columns {list(UNIT_COLUMNS)}; missing {missing}")
        lookup = units[list(UNIT_COLUMNS)].drop_duplicates("adcode").set_index("adcode")
    else:
        lookup = pd.DataFrame(columns=list(UNIT_COLUMNS[1:]), index=pd.Index([], name="adcode"))
    codes = out[code_column]
    for column in UNIT_COLUMNS[1:]:
        values = codes.map(lookup[column]).astype(object)
        if column == "name_zh":
            values = values.where(values.notna(), out[table_name])
        out[prefix + column] = values.where(values.notna(), None)
    return out


# --- the national view -----------------------------------------------------------------------------


def top_corridors(
    window: str = "sf2020_pre",
    top: int = NATIONAL_TOP_DEFAULT,
    cross_province_only: bool = True,
    direction: str = "out",
    *,
    units: pd.DataFrame | None = None,
    table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The strongest corridors of the whole country in one window, strongest first.

    Parameters
    ----------
    window, top, units, table
        As in :func:`partners` (``top`` from :data:`TOP_MIN` to :data:`TOP_MAX`).
    cross_province_only : bool
        Keep only pairs whose origin and destination lie in different provinces (default).
    direction : {'out', 'in'}
        Which figure ranks a pair: ``'out'`` ``index_from_origin`` (falling back to ``index_from_dest``),
        ``'in'`` the reverse.

    Returns
    -------
    pandas.DataFrame
        Columns of :data:`CORRIDOR_FIELDS`, one row per ordered pair. ``share_pct`` is the pair's share of
        the origin's total outflow (``direction='out'``) or of the destination's total inflow
        (``direction='in'``), over all its partners, × 100.

    Examples
    --------
    >>> c = top_corridors("sf2020_pre", top=5)
    >>> [(o, d, round(v, 1)) for o, d, v in zip(c.origin_name_zh, c.dest_name_zh, c["index"])][:4]
    [('北京市', '廊坊市', 24.3), ('廊坊市', '北京市', 23.5), ('上海市', '苏州市', 20.2), ('苏州市', '上海市', 19.2)]
    """
    check_window(window)
    check_direction(direction)
    top = check_top(top)
    flows = directed_flows(window, direction, table)
    total = totals(flows)
    chosen = flows[flows["cross_province"]] if cross_province_only else flows
    ranked = chosen.sort_values(["index", "unit", "partner"], ascending=[False, True, True], kind="stable").head(top)
    own, other = ("origin", "dest") if direction == "out" else ("dest", "origin")
    names = _default_table_names() if table is None else _table_names(table)
    out = pd.DataFrame(
        {
            f"{own}_adcode": ranked["unit"].to_numpy(),
            f"{other}_adcode": ranked["partner"].to_numpy(),
            "index": ranked["index"].to_numpy(dtype=float),
            "share_pct": (ranked["index"] / ranked["unit"].map(total) * 100).to_numpy(dtype=float),
            "cross_province": ranked["cross_province"].to_numpy(dtype=bool),
            "fallback": ranked["fallback"].to_numpy(dtype=bool),
        }
    )
    for side in ("origin", "dest"):
        out[f"{side}_table_name"] = out[f"{side}_adcode"].map(names)
        out = _with_names(out, f"{side}_adcode", units, f"{side}_table_name", prefix=f"{side}_")
    return out[list(CORRIDOR_FIELDS)].reset_index(drop=True)


@lru_cache(maxsize=1)
def _default_table_names() -> pd.Series:
    """:func:`_table_names` of the vendored table, computed once per process (callers must not modify it)."""
    return _table_names(load_corridors())


def _table_names(table: pd.DataFrame) -> pd.Series:
    """``adcode → name_zh`` as the corridor table spells it (first non-missing spelling)."""
    pairs = pd.concat(
        [
            table[["origin_adcode", "origin_name_zh"]].set_axis(["adcode", "name_zh"], axis=1),
            table[["dest_adcode", "dest_name_zh"]].set_axis(["adcode", "name_zh"], axis=1),
        ]
    ).dropna()
    return pairs.drop_duplicates("adcode").set_index("adcode")["name_zh"]


# --- output for the web layer ----------------------------------------------------------------------


def _plain(value):
    """A JSON-ready scalar: numpy types unwrapped, ``NaN`` → ``None``, floats rounded to 4 decimals."""
    if value is None:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else round(float(value), 4)
    return value


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows of :func:`partners` or :func:`top_corridors` as JSON-ready dicts (``NaN`` → ``None``).

    Examples
    --------
    >>> records(partners("440300", top=5))[0]["name_zh"]
    '东莞市'
    """
    return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def to_csv(frame: pd.DataFrame) -> str:
    """CSV text of :func:`partners` or :func:`top_corridors` rows: a UTF-8 BOM, a header, one line per row.

    Missing values are empty cells (never 0); booleans are written ``1``/``0``.

    Examples
    --------
    >>> text = to_csv(partners("440300", top=5))
    >>> text.startswith(BOM), text.lstrip(BOM).splitlines()[0]
    (True, 'adcode,name_zh,name_en,province_zh,index,share_pct,cross_province,fallback')
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        cells = []
        for value in row:
            plain = _plain(value)
            cells.append("" if plain is None else int(plain) if isinstance(plain, bool) else plain)
        writer.writerow(cells)
    return BOM + buf.getvalue()
