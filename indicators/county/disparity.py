"""Disparity of a county indicator: Gini, Theil in three nested levels, Moran's I and LISA.

Units: the county-level units that the map draws (:func:`indicators.county.units.county_units`,
``drawable``) with a value; functional zones and other units without a polygon are left out (counted in
``n_not_drawn``), and so are 2010 figures on a territory that differs from the drawn unit's. Weights:
census residents of the same census year.

Three-level Theil (:func:`theil_three_level`): counties nest in prefectures, prefectures in provinces, so

``T = T_between_province + T_between_prefecture_within_province + T_within_prefecture``

exactly, where ``T_between_prefecture_within_province = B_prefecture − B_province`` (the between-group
parts of the one-level decompositions by prefecture and by province,
:func:`indicators.disparity.theil_decomposition`); :data:`THREE_LEVEL_SHARES` are the parts over ``T``.

The change 2010 → 2020 (:func:`county_disparity_change`) is measured on a balanced panel: the counties
usable in both years (a 2010 figure counts only on the drawn unit's territory, as above).

Examples
--------
>>> d = theil_three_level([1.0, 3.0, 2.0, 6.0], [1, 1, 1, 1], ["p", "p", "q", "q"], ["a", "b", "c", "c"])
>>> abs(d["theil_between_province"] + d["theil_between_prefecture_within_province"]
...     + d["theil_within_prefecture"] - d["theil"]) < 1e-12
True
"""

from __future__ import annotations

import copy
import logging
import math
import warnings
from functools import lru_cache

import numpy as np
import pandas as pd

from indicators.disparity_measures import LISA_ALPHA, MEASURES, MORAN_PERMUTATIONS

logger = logging.getLogger(__name__)
THREE_LEVEL = (
    "theil",
    "theil_between_province",
    "theil_between_prefecture_within_province",
    "theil_within_prefecture",
)
#: Each part of :data:`THREE_LEVEL` over the total (they sum to 1).
THREE_LEVEL_SHARES = (
    "share_between_province",
    "share_between_prefecture_within_province",
    "share_within_prefecture",
)
#: Measures compared between two census years (:func:`county_disparity_change`).
CHANGE_MEASURES = ("gini", *THREE_LEVEL, *THREE_LEVEL_SHARES, "moran_i", "moran_p")


def theil_three_level(values, weights, province, prefecture) -> dict:
    """Theil's *T* split into between provinces, between prefectures within provinces, within prefectures.

    Parameters
    ----------
    values, weights : array-like
        Non-negative values and weights (e.g. residents) of the units, no NaN.
    province, prefecture : array-like
        Group labels; every prefecture must lie in one province.

    Returns
    -------
    dict
        :data:`THREE_LEVEL` keys; the three parts sum to ``theil``.
    """
    from indicators.disparity import theil_decomposition

    prov = pd.Series(list(province), dtype=object)
    pref = pd.Series(list(prefecture), dtype=object)
    if (pd.DataFrame({"pref": pref, "prov": prov}).groupby("pref").prov.nunique() > 1).any():
        raise ValueError("a prefecture spans more than one province: the levels do not nest")
    by_prov = theil_decomposition(values, prov, weights)
    by_pref = theil_decomposition(values, pref, weights)
    return {
        "theil": by_prov["total"],
        "theil_between_province": by_prov["between"],
        "theil_between_prefecture_within_province": by_pref["between"] - by_prov["between"],
        "theil_within_prefecture": by_pref["within"],
    }


def three_level_shares(parts: dict) -> dict:
    """:data:`THREE_LEVEL_SHARES` of a :func:`theil_three_level` result (``NaN`` when the total is not positive).

    >>> three_level_shares({"theil": 0.5, "theil_between_province": 0.25,
    ...     "theil_between_prefecture_within_province": 0.15, "theil_within_prefecture": 0.1})
    {'share_between_province': 0.5, 'share_between_prefecture_within_province': 0.3, 'share_within_prefecture': 0.2}
    """
    total = parts.get("theil", math.nan)
    ok = isinstance(total, int | float) and math.isfinite(total) and total > 0
    pairs = zip(THREE_LEVEL_SHARES, THREE_LEVEL[1:], strict=True)
    return {share: (parts[part] / total if ok else math.nan) for share, part in pairs}


def _clean(value):
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else None
    return value


def _usable(key: str, year: int) -> tuple[pd.DataFrame, dict]:
    """The counties that enter the measures (``x`` value, ``w`` residents, province, prefecture) and the
    counts of those left out: ``n_missing`` (drawn, no value), ``n_no_polygon`` (no polygon on the map:
    functional zones, units gone by 2020), ``n_territory_differs`` (2010 only: drawn code, other territory);
    ``n_not_drawn`` is the sum of the last two."""
    from indicators.county import county_units, county_values

    values = county_values(key, year)
    units = county_units().set_index("adcode").reindex(values.index)
    has_polygon = units.drawable.fillna(False).astype(bool)
    drawn = has_polygon.copy()
    if year == 2010:  # a 2010 figure counts only where its territory is the drawn 2020 unit's
        from indicators.county.units import county_frame

        drawn &= county_frame(2010)["rekeyed_2010"].reindex(values.index).fillna(False).astype(bool)
    pop = county_values("pop_resident", year).reindex(values.index) * 1e4
    frame = pd.DataFrame(
        {"x": values, "w": pop, "province": units.province_adcode, "prefecture": units.prefecture_adcode}
    )[drawn & values.notna()]
    info = {
        "n_units": int(drawn.sum()),
        "n_missing": int((drawn & values.isna()).sum()),
        "n_not_drawn": int((~drawn).sum()),
        "n_no_polygon": int((~has_polygon).sum()),
        "n_territory_differs": int((has_polygon & ~drawn).sum()),
        "residents_not_drawn": float(pop[~drawn].sum()),
    }
    return frame, info


def _measures(frame: pd.DataFrame, with_moran: bool) -> dict:
    """Gini, Theil (one- and three-level, with shares), CV and Moran's I of a :func:`_usable` frame."""
    from indicators import disparity

    signed = bool((frame.x < 0).any())
    weighted = frame[frame.w.gt(0)]
    if signed:
        summary = {k: math.nan for k in MEASURES} | dict.fromkeys(THREE_LEVEL, math.nan)
    else:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            summary = disparity.disparity_summary(weighted.x, weighted.w, province=weighted.province)
            summary.update(theil_three_level(weighted.x, weighted.w, weighted.province, weighted.prefecture))
        for c in caught:
            logger.info("county disparity: %s", c.message)
    out = {k: summary.get(k, math.nan) for k in (*MEASURES, *THREE_LEVEL)}
    out.update(three_level_shares(out))
    out.update(n=int(len(weighted)), n_without_weight_or_region=int(len(frame) - len(weighted)), signed=signed)
    out["weighted"] = True  # every measure is weighted by census residents
    out.update(_moran(frame.x) if with_moran else {"moran_i": math.nan, "moran_p": math.nan})
    return out


def _heading(key: str) -> dict:
    from indicators.county import county_indicator

    ind = county_indicator(key)
    return {
        "indicator": key,
        "level": "county",
        "label_en": ind.label_en,
        "label_zh": ind.label_zh,
        "unit_en": ind.unit_en,
        "unit_zh": ind.unit_zh,
    }


@lru_cache(maxsize=128)
def _report(key: str, year: int, with_moran: bool) -> dict:
    from indicators import disparity
    from indicators.county import county_indicator

    ind = county_indicator(key, year)
    frame, info = _usable(key, year)
    out = _heading(key) | {
        "year": year,
        "weighted_by": f"census residents {year} (pop_resident, county table)",
        "weight_year": year,
    }
    out.update(_measures(frame, with_moran))
    out.update(info)
    signed = out["signed"]
    out["sentence_en"] = "" if signed else disparity.describe_disparity(out, ind.label_en, "en")
    out["sentence_zh"] = "" if signed else disparity.describe_disparity(out, ind.label_zh, "zh")
    return _clean(out)


def county_disparity_report(key: str, year: int, with_moran: bool = True) -> dict:
    """The disparity report of a county indicator (JSON-ready; ``None`` for NaN).

    Keys of :func:`indicators.disparity_report.disparity_report` (``gini``, ``theil``,
    ``theil_between_province``, ``theil_within_province``, region split, ``cv_weighted``, shares, ``moran_*``)
    plus :data:`THREE_LEVEL`, :data:`THREE_LEVEL_SHARES`, ``level`` (``"county"``), the counts of the units
    left out (``n_missing``, ``n_not_drawn`` = ``n_no_polygon`` + ``n_territory_differs``, see :func:`_usable`)
    and ``residents_not_drawn``.
    Unknown key or year: ``ValueError``. ``with_moran`` false skips Moran's I (no county contiguity needed).
    """
    return copy.deepcopy(_report(key, int(year), bool(with_moran)))


@lru_cache(maxsize=64)
def _change(key: str, year_a: int, year_b: int, with_moran: bool) -> dict:
    from indicators.county import county_indicator

    county_indicator(key, year_a)
    county_indicator(key, year_b)
    (fa, _), (fb, _) = _usable(key, year_a), _usable(key, year_b)
    usable_a, usable_b = fa.index[fa.w.gt(0)], fb.index[fb.w.gt(0)]
    common = usable_a.intersection(usable_b)
    ra, rb = _measures(fa.loc[common], with_moran), _measures(fb.loc[common], with_moran)
    change = {}
    for m in CHANGE_MEASURES:
        a, b = ra.get(m, math.nan), rb.get(m, math.nan)
        pct = (b / a - 1.0) * 100.0 if a else math.nan
        change[m] = {"a": a, "b": b, "change": b - a, "pct_change": pct}
    out = _heading(key) | {
        "year_a": year_a,
        "year_b": year_b,
        "n_common": int(len(common)),
        "n_only_a": int(len(usable_a.difference(common))),
        "n_only_b": int(len(usable_b.difference(common))),
        "a": ra,
        "b": rb,
        "change": change,
        "signed": bool(ra["signed"] or rb["signed"]),
    }
    return _clean(out)


def county_disparity_change(key: str, year_a: int, year_b: int, with_moran: bool = True) -> dict:
    """How the gaps of a county indicator changed between two census years, on a balanced panel.

    The panel is the counties usable in both years (:func:`county_disparity_report`'s rule: drawn, a value,
    residents, and in 2010 the drawn unit's territory); each year keeps its own census residents as weights.

    Returns
    -------
    dict
        ``a`` and ``b``: the measures of each year on the panel (:data:`CHANGE_MEASURES` and counts);
        ``change``: per measure of :data:`CHANGE_MEASURES` ``a, b, change = b − a, pct_change``;
        ``n_common`` (the panel), ``n_only_a``, ``n_only_b``; ``signed``; ``indicator``, ``level``, labels and
        units; ``year_a``, ``year_b``. Unknown key or year: ``ValueError``.

    Examples
    --------
    >>> c = county_disparity_change("migrants_other_prov_pct", 2010, 2020, with_moran=False)
    >>> c["n_common"] == c["a"]["n"] == c["b"]["n"] > 2000
    True
    >>> round(sum(c["b"][k] for k in THREE_LEVEL_SHARES), 12)
    1.0
    """
    return copy.deepcopy(_change(key, int(year_a), int(year_b), bool(with_moran)))


def _moran(values: pd.Series) -> dict:
    from indicators import spatial
    from indicators.county.contiguity import county_weights

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        m = spatial.morans_i(values, county_weights(), permutations=MORAN_PERMUTATIONS)
    for c in caught:
        logger.info("county moran: %s", c.message)
    return {"moran_i": m["I"], "moran_p": m["p_sim"], "moran_z": m["z_sim"], "moran_expected": m["EI"], "moran_n": m["n"]}


@lru_cache(maxsize=64)
def _lisa(key: str, year: int) -> dict:
    from indicators import spatial
    from indicators.county.contiguity import county_weights

    frame, _ = _usable(key, year)
    w = county_weights()
    values = frame.x.reindex(pd.Index(w.id_order, name="adcode"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        labels = spatial.lisa_clusters(values, w, permutations=MORAN_PERMUTATIONS, alpha=LISA_ALPHA)
    for c in caught:
        logger.info("county lisa: %s", c.message)
    return {str(code): str(label) for code, label in labels.items()}


def county_lisa_labels(key: str, year: int) -> dict[str, str]:
    """LISA cluster label of every drawn county unit, ``{adcode: label}`` (labels as :func:`indicators.spatial.lisa_clusters`)."""
    from indicators.county import county_indicator

    county_indicator(key, year)
    return dict(_lisa(key, int(year)))
