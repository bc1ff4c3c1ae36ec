"""Disparity of a county indicator: Gini, Theil in three nested levels, Moran's I and LISA.

Units: the county-level units that the map draws (:func:`indicators.county.units.county_units`,
``drawable``) with a value; functional zones and other units without a polygon are left out (counted in
``n_not_drawn``), and so are 2010 figures on a territory that differs from the drawn unit's. Weights:
census residents of the same census year.

Three-level Theil (:func:`theil_three_level`): counties nest in prefectures, prefectures in provinces, so

``T = T_between_province + T_between_prefecture_within_province + T_within_prefecture``

exactly, where ``T_between_prefecture_within_province = B_prefecture − B_province`` (the between-group
parts of the one-level decompositions by prefecture and by province,
:func:`indicators.disparity.theil_decomposition`).

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

from indicators.disparity_measures import MEASURES

logger = logging.getLogger(__name__)
THREE_LEVEL = (
    "theil",
    "theil_between_province",
    "theil_between_prefecture_within_province",
    "theil_within_prefecture",
)
MORAN_PERMUTATIONS = 999
LISA_ALPHA = 0.05


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
    from indicators.county import county_units, county_values

    values = county_values(key, year)
    units = county_units().set_index("adcode").reindex(values.index)
    drawn = units.drawable.fillna(False).astype(bool)
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
        "residents_not_drawn": float(pop[~drawn].sum()),
    }
    return frame, info


@lru_cache(maxsize=128)
def _report(key: str, year: int, with_moran: bool) -> dict:
    from indicators import disparity
    from indicators.county import county_indicator

    ind = county_indicator(key, year)
    frame, info = _usable(key, year)
    out = {
        "indicator": key,
        "year": year,
        "level": "county",
        "label_en": ind.label_en,
        "label_zh": ind.label_zh,
        "unit_en": ind.unit_en,
        "unit_zh": ind.unit_zh,
        "weighted_by": f"census residents {year} (pop_resident, county table)",
        "weight_year": year,
    }
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
    out.update({k: summary.get(k, math.nan) for k in (*MEASURES, *THREE_LEVEL)})
    out.update(n=int(len(weighted)), n_without_weight_or_region=int(len(frame) - len(weighted)), signed=signed)
    out["weighted"] = True  # every measure is weighted by census residents
    out.update(info)
    out.update(_moran(frame.x) if with_moran else {"moran_i": math.nan, "moran_p": math.nan})
    out["sentence_en"] = "" if signed else disparity.describe_disparity(out, ind.label_en, "en")
    out["sentence_zh"] = "" if signed else disparity.describe_disparity(out, ind.label_zh, "zh")
    return _clean(out)


def county_disparity_report(key: str, year: int, with_moran: bool = True) -> dict:
    """The disparity report of a county indicator (JSON-ready; ``None`` for NaN).

    Keys of :func:`indicators.disparity_report.disparity_report` (``gini``, ``theil``,
    ``theil_between_province``, ``theil_within_province``, region split, ``cv_weighted``, shares, ``moran_*``)
    plus :data:`THREE_LEVEL`, ``level`` (``"county"``), ``n_not_drawn`` and ``residents_not_drawn``.
    Unknown key or year: ``ValueError``. ``with_moran`` false skips Moran's I (no county contiguity needed).
    """
    return copy.deepcopy(_report(key, int(year), bool(with_moran)))


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
