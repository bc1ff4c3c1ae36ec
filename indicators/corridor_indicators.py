"""Indicators derived from the Spring-Festival corridors, one value per unit (``NaN`` where it has no flows).

Each pair's index is taken as in :func:`indicators.corridors.directed_flows` (the unit's own side first,
the other side's figure as a flagged fallback). :data:`DERIVED` holds the registry metadata of each
indicator with its function; :mod:`indicators.families.corridor` registers them in one loop.

Examples
--------
>>> share = outflow_cross_province_share("sf2020_pre")
>>> round(float(share["110000"]), 1) == 100.0  # a municipality is its own province
True
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from indicators.corridors import (
    FILE,
    SOURCE_EN,
    SOURCE_ZH,
    UNITS_EN,
    UNITS_ZH,
    WINDOWS,
    directed_flows,
    totals,
    unit_codes,
)


def _per_unit(values: pd.Series, table: pd.DataFrame | None, name: str) -> pd.Series:
    """``values`` on every unit of the table: ``NaN`` where a unit has no figure (never 0)."""
    out = values.reindex(unit_codes(table)).astype(float)
    out.name = name
    return out


def cross_province_share(window: str, direction: str = "out", table: pd.DataFrame | None = None) -> pd.Series:
    """Share of a unit's flow whose partner lies in another province, in %.

    ``share = Σ index over cross-province partners / Σ index over all partners × 100``, the index of
    each pair taken as in :func:`directed_flows` (own side first, the other side's figure as fallback).
    For the four municipalities (each its own province) it is 100 % by construction.

    Parameters
    ----------
    window : str
        A key of :data:`WINDOWS`.
    direction : {'out', 'in'}
        ``'out'``: share of the unit's outflow leaving the province; ``'in'``: share of its inflow coming
        from another province.
    table : pandas.DataFrame, optional
        The corridor table (default: :func:`load_corridors`).

    Returns
    -------
    pandas.Series
        Indexed by adcode (every unit of the table); ``NaN`` for a unit without flows in this window and
        direction, or whose flows sum to 0.

    Examples
    --------
    >>> s = cross_province_share("sf2020_pre", "out")
    >>> float(s["500000"]), float(s["110000"])
    (100.0, 100.0)
    """
    flows = directed_flows(window, direction, table)
    cross = flows[flows["cross_province"]].groupby("unit")["index"].sum()
    total = totals(flows)
    share = cross.reindex(total.index, fill_value=0.0) / total * 100
    return _per_unit(share, table, f"{window}_{direction}_cross_province_share")


def outflow_cross_province_share(window: str = "sf2020_pre", table: pd.DataFrame | None = None) -> pd.Series:
    """Share of a unit's outflow that leaves its province, in % (:func:`cross_province_share`, ``'out'``).

    ``share = Σ index_to_other_provinces / Σ index_to_all_partners × 100`` with the outflow index
    ``index_from_origin`` (falling back to ``index_from_dest``). Before the festival (``sf2020_pre``) a high
    share marks a work city whose migrant workers go home to other provinces.

    Examples
    --------
    >>> s = outflow_cross_province_share("sf2020_pre")
    >>> bool(s["441900"] > s["440100"])  # Dongguan's workers come from further away than Guangzhou's
    True
    """
    return cross_province_share(window, "out", table)


def partner_herfindahl(window: str, direction: str = "out", table: pd.DataFrame | None = None) -> pd.Series:
    """Concentration of a unit's partners: the Herfindahl index of the partner shares, from 0 to 1.

    ``HHI = Σ_p s_p²`` with ``s_p = index_p / Σ_q index_q`` over all partners ``q`` of the unit in this
    window and direction. 1 means a single partner; ``1/n`` means ``n`` equal partners (``1/HHI`` is the
    effective number of partners). With ``sf2020_pre`` and ``'out'`` it answers "do this city's workers
    come from a few home prefectures or from everywhere". Only listed partners count (top-100 lists), so the
    index is slightly higher than over all partners.

    Parameters
    ----------
    window, direction, table
        As in :func:`cross_province_share`.

    Returns
    -------
    pandas.Series
        Indexed by adcode; ``NaN`` for a unit without flows (never 0).

    Examples
    --------
    >>> import numpy as np
    >>> t = pd.DataFrame({"window": ["sf2020_pre"] * 2, "origin_adcode": ["440300", "440300"],
    ...     "origin_name_zh": ["深圳市", "深圳市"], "dest_adcode": ["441900", "441300"],
    ...     "dest_name_zh": ["东莞市", "惠州市"], "cross_province": [False, False],
    ...     "index_from_origin": [3.0, 1.0], "index_from_dest": [np.nan, np.nan]})
    >>> partner_herfindahl("sf2020_pre", "out", t).to_dict()  # 0.75² + 0.25²; the destinations have no outflow
    {'440300': 0.625, '441300': nan, '441900': nan}
    """
    flows = directed_flows(window, direction, table)
    total = totals(flows)
    shares = flows["index"] / flows["unit"].map(total)
    hhi = (shares**2).groupby(flows["unit"]).sum(min_count=1)
    hhi = hhi.where(total.reindex(hhi.index).notna())
    return _per_unit(hhi, table, f"{window}_{direction}_partner_hhi")


def top_partner_share(window: str, direction: str = "out", table: pd.DataFrame | None = None) -> pd.Series:
    """Share of a unit's flow that goes to (or comes from) its largest partner, in %.

    ``share = max_p index_p / Σ_q index_q × 100`` over all partners of the unit in this window and
    direction.

    Parameters
    ----------
    window, direction, table
        As in :func:`cross_province_share`.

    Returns
    -------
    pandas.Series
        Indexed by adcode; ``NaN`` for a unit without flows (never 0).

    Examples
    --------
    >>> s = top_partner_share("sf2020_pre", "out")
    >>> round(float(s["440300"]), 1)  # Shenzhen → Dongguan: 22.43 of 247.69 index points
    9.1
    """
    flows = directed_flows(window, direction, table)
    total = totals(flows)
    share = flows.groupby("unit")["index"].max() / total * 100
    return _per_unit(share, table, f"{window}_{direction}_top_partner_share")


_AGG_NOTE = "Not aggregated: shares of a city's listed partners do not add up to province or national figures."
_HHI_NOTE_EN = (
    " Herfindahl index of the partner shares: 1 = a single partner, 1/n = n equal partners; only partners in "
    "the top-100 lists count, which raises the index slightly."
)
_HHI_NOTE_ZH = "对方城市份额的赫芬达尔指数：1表示只有一个对方城市，1/n表示n个等量对方城市；只计入前100列表中的城市，指数因此略偏高。"


#: What a higher value means, per measure and direction (the legend's "Higher = …" line), English and Chinese.
_HIGHER = {
    ("cross_province_share", "out"): ("more of the travellers leave the province", "跨省迁出的比重越高"),
    ("cross_province_share", "in"): ("more of the returning travellers come from other provinces", "来自外省的比重越高"),
    ("partner_herfindahl", "out"): ("travellers go home to fewer cities", "迁出目的地越集中"),
    ("partner_herfindahl", "in"): ("returning workers come from fewer cities", "返程来源地越集中"),
    ("top_partner_share", "out"): ("more of the travellers go to the largest destination", "流向最大目的地的比重越高"),
    ("top_partner_share", "in"): ("more of the returning workers come from the largest origin", "来自最大来源地的比重越高"),
}


def _derived(
    key,
    function,
    window,
    direction,
    label_zh,
    label_en,
    description_en,
    description_zh,
    unit_zh,
    unit_en,
    decimals,
    formula,
    caveat_en="",
    caveat_zh="",
    palette="YlOrRd",
) -> dict:
    w = WINDOWS[window]
    return {
        "key": key,
        "family": "migrant",
        "function": function,
        "arguments": {"window": window, "direction": direction},
        "label_zh": label_zh,
        "label_en": label_en,
        "description_en": description_en,
        "description_zh": description_zh,
        "unit_zh": unit_zh,
        "unit_en": unit_en,
        "decimals": decimals,
        "source_en": SOURCE_EN,
        "source_zh": SOURCE_ZH,
        "source_table": f"{FILE}: window {window}, direction {direction}",
        "years": (int(w.start[:4]),),
        "formula": formula,
        "direction": "neutral",
        "higher_en": _HIGHER[function, direction][0],
        "higher_zh": _HIGHER[function, direction][1],
        "palette": palette,
        "aggregation": "none",
        "aggregation_note": _AGG_NOTE,
        "caveat_en": (caveat_en + " " if caveat_en else "") + UNITS_EN + ". " + w.caveat_en,
        "caveat_zh": caveat_zh + UNITS_ZH + "。" + w.caveat_zh,
    }


#: Metadata of the derived indicators, ready for the registry: each entry holds the fields of
#: :class:`indicators.registry.Indicator` plus ``function`` (a function of this module) and ``arguments``;
#: its values are ``globals()[function](**arguments)``. Pre-festival figures look at the outflow (workers
#: leaving for home), return-wave figures at the mirror flow, the inflow (workers coming back), so that both
#: describe the same people for a work city.
DERIVED: dict[str, dict] = {
    spec["key"]: spec
    for spec in (
        _derived(
            "sf2020_pre_out_cross_province_share",
            "cross_province_share",
            "sf2020_pre",
            "out",
            "2020年春运节前跨省迁出份额（城市对）",
            "Spring Festival 2020: share of pre-festival outflow leaving the province (city pairs)",
            "Share of the pre-festival outflow index whose destination lies in another province, from the city pairs.",
            "节前迁出指数中目的地为外省城市的份额（按城市对计算）。",
            "%",
            "%",
            1,
            "Σ index_out(partners in other provinces) / Σ index_out(all partners) × 100; "
            "index_out = index_from_origin, else index_from_dest",
            "100 % by construction for the 4 municipalities.",
            "四个直辖市按定义为100%。",
        ),
        _derived(
            "sf2020_pre_out_partner_hhi",
            "partner_herfindahl",
            "sf2020_pre",
            "out",
            "2020年春运节前迁出目的地集中度（赫芬达尔指数）",
            "Spring Festival 2020: concentration of pre-festival destinations (Herfindahl)",
            "Do this city's travellers go home to a few prefectures or to everywhere: Herfindahl index of the "
            "destination shares of its pre-festival outflow.",
            "该城市节前迁出者回到少数几个家乡城市还是分散各地：节前迁出目的地份额的赫芬达尔指数。",
            "指数（0–1）",
            "index (0–1)",
            3,
            "Σ_p (index_out_p / Σ_q index_out_q)²; index_out = index_from_origin, else index_from_dest",
            _HHI_NOTE_EN.strip(),
            _HHI_NOTE_ZH,
            "Purples",
        ),
        _derived(
            "sf2020_pre_out_top_partner_share",
            "top_partner_share",
            "sf2020_pre",
            "out",
            "2020年春运节前最大目的地份额",
            "Spring Festival 2020: top destination's share of pre-festival outflow",
            "Share of the pre-festival outflow index going to the single largest destination.",
            "节前迁出指数中流向最大目的地城市的份额。",
            "%",
            "%",
            1,
            "max_p index_out_p / Σ_q index_out_q × 100; index_out = index_from_origin, else index_from_dest",
            palette="Purples",
        ),
        _derived(
            "sf2021_post_in_cross_province_share",
            "cross_province_share",
            "sf2021_post",
            "in",
            "2021年春运节后跨省迁入份额（城市对）",
            "Spring Festival 2021: share of the return-wave inflow from other provinces (city pairs)",
            "Share of the return-wave inflow index whose origin lies in another province, from the city pairs.",
            "节后返程迁入指数中来源地为外省城市的份额（按城市对计算）。",
            "%",
            "%",
            1,
            "Σ index_in(partners in other provinces) / Σ index_in(all partners) × 100; "
            "index_in = index_from_dest, else index_from_origin",
            "100 % by construction for the 4 municipalities.",
            "四个直辖市按定义为100%。",
        ),
        _derived(
            "sf2021_post_in_partner_hhi",
            "partner_herfindahl",
            "sf2021_post",
            "in",
            "2021年春运节后返程来源地集中度（赫芬达尔指数）",
            "Spring Festival 2021: concentration of return-wave origins (Herfindahl)",
            "Do this city's returning workers come from a few home prefectures or from everywhere: Herfindahl "
            "index of the origin shares of its return-wave inflow.",
            "返回该城市的务工者来自少数几个家乡城市还是来自各地：节后返程迁入来源地份额的赫芬达尔指数。",
            "指数（0–1）",
            "index (0–1)",
            3,
            "Σ_p (index_in_p / Σ_q index_in_q)²; index_in = index_from_dest, else index_from_origin",
            _HHI_NOTE_EN.strip(),
            _HHI_NOTE_ZH,
            "Purples",
        ),
        _derived(
            "sf2021_post_in_top_partner_share",
            "top_partner_share",
            "sf2021_post",
            "in",
            "2021年春运节后最大来源地份额",
            "Spring Festival 2021: top origin's share of the return-wave inflow",
            "Share of the return-wave inflow index coming from the single largest origin.",
            "节后返程迁入指数中来自最大来源地城市的份额。",
            "%",
            "%",
            1,
            "max_p index_in_p / Σ_q index_in_q × 100; index_in = index_from_dest, else index_from_origin",
            palette="Purples",
        ),
    )
}


def derived_values(key: str, table: pd.DataFrame | None = None) -> pd.Series:
    """Values of one :data:`DERIVED` indicator, indexed by adcode; an unknown key raises ``ValueError``.

    Examples
    --------
    >>> round(float(derived_values("sf2020_pre_out_partner_hhi")["440300"]), 3)  # Shenzhen: homes everywhere
    0.026
    """
    if key not in DERIVED:
        raise ValueError(f"unknown derived indicator {str(key)[:60]!r}; valid keys: {', '.join(DERIVED)}")
    if table is None:
        return _table_values(key).copy()
    spec = DERIVED[key]
    function = {
        "cross_province_share": cross_province_share,
        "partner_herfindahl": partner_herfindahl,
        "top_partner_share": top_partner_share,
    }[spec["function"]]
    values = function(**spec["arguments"], table=table)
    values.name = key
    return values


@lru_cache(maxsize=32)
def _table_values(key: str) -> pd.Series:
    """:func:`derived_values` of the vendored table, computed once per process and key (0.8 s each)."""
    from indicators.corridors import load_corridors

    return derived_values(key, load_corridors())
