"""Disparity reports of a stored indicator: inequality, its province / macro-region split, spatial clustering.

Pure functions over the indicator store (:mod:`indicators.store`), the census population and the
Queen contiguity of the map layer (:func:`geodata.layer.prefecture_layer`). Results are plain,
JSON-ready dicts (``NaN`` becomes ``None``) cached per process by ``(key, year)``: Moran's I and LISA
with 999 permutations cost about a second each. The web layer turns :class:`DisparityLookupError` into
a 404.

Which units count
-----------------
The map units with a value in the store, **except flagged values** (series breaks, figures on a 2010
territory that differs from the map polygon, …: the same values the store leaves out of its aggregates,
plus informational notes such as the 2010 census boundaries). Inequality measures also need a
population weight and a province / macro-region, so Hong Kong, Macau, Taiwan and units without census
residents drop out of them (counted in ``n_without_weight_or_region``); Moran's I and LISA use every
unit with a usable value.

Weights
-------
Census residents (``pop_resident``, boundary-adjusted to 2020 units) of the census year nearest to the
indicator year: 2010 for years up to 2014, 2020 from 2015 on (2015 is equidistant; 2020 is chosen because
its units are the map's). The JSON states it (``weighted_by``, ``weight_year``).

Examples
--------
>>> weight_year(2012), weight_year(2015), weight_year(2023)
(2010, 2020, 2020)
>>> r = disparity_report("gdp_per_resident", 2020)
>>> abs(r["theil_between_province"] + r["theil_within_province"] - r["theil"]) < 1e-9
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

from indicators.disparity_measures import LISA_ALPHA, MEASURES, MORAN_MEASURES, MORAN_PERMUTATIONS
from indicators.registry import REGISTRY, Indicator, indicator_for_year

logger = logging.getLogger(__name__)

CENSUS_YEARS = (2010, 2020)
WEIGHT_KEY = "pop_resident"
SIGNIFICANCE = 0.05


class DisparityLookupError(LookupError):
    """Unknown indicator key or year; the message is one line, suitable for a 404 answer."""


def check(key, year) -> Indicator:
    """The registry entry of ``key`` when ``year`` is one of its years; otherwise :class:`DisparityLookupError`.

    Examples
    --------
    >>> check("gdp", 2020).key
    'gdp'
    >>> check("gdp", 1999)
    Traceback (most recent call last):
    ...
    indicators.disparity_report.DisparityLookupError: indicator 'gdp' has no year 1999 (years: 2000–2023)
    """
    return indicator_for_year(key, year, DisparityLookupError, "; see /api/indicators for the valid keys")


def weight_year(year: int) -> int:
    """The census year whose residents weight ``year``: the nearest of 2010 and 2020, ties to 2020."""
    return min(CENSUS_YEARS, key=lambda c: (abs(c - int(year)), -c))


def change_base_year(years, year: int) -> int | None:
    """Base year of the disparity change shown beside ``year``: 2010 when the indicator has it (and ``year``
    is later), else its first year; ``None`` when there is nothing earlier to compare with.

    >>> change_base_year((2010, 2020), 2020), change_base_year((2000, 2010, 2020), 2005), change_base_year((2020,), 2020)
    (2010, 2000, None)
    """
    earlier = [y for y in years if y < year]
    if not earlier:
        return None
    return 2010 if 2010 in earlier else min(earlier)


@lru_cache(maxsize=1)
def map_weights():
    """Queen contiguity of the map layer (islands linked to their nearest unit), built once per process."""
    from geodata.layer import prefecture_layer
    from indicators import spatial

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        w = spatial.queen_weights(prefecture_layer(), id_col="adcode", islands="attach")
    for c in caught:
        logger.info("queen weights: %s", c.message)
    return w


def _clean(value):
    """JSON-ready scalars: NaN/inf -> None, NumPy numbers -> Python numbers."""
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


def _usable_values(values: pd.Series, flags: pd.Series | None = None) -> tuple[pd.Series, dict]:
    """``values`` without the missing and flagged ones, and the counts of those left out."""
    missing = values.isna()
    if flags is None:
        flagged = pd.Series(False, index=values.index)
    else:
        flagged = values.notna() & (flags.reindex(values.index).fillna("") != "")
    info = {
        "n_units": int(len(values)),
        "n_missing": int(missing.sum()),
        "n_flagged_excluded": int(flagged.sum()),
        "flagged_excluded": sorted(values.index[flagged]),
    }
    return values[~missing & ~flagged], info


def _usable(key: str, year: int) -> tuple[pd.Series, dict]:
    """Values of the map units that enter the measures, and the counts of those that do not."""
    from indicators import store

    return _usable_values(store.indicator_values(key, year), store.indicator_flags(key, year))


def _population(year: int, index: pd.Index) -> pd.Series:
    from indicators import store

    return store.indicator_values(WEIGHT_KEY, weight_year(year)).reindex(index)


def _summary(values: pd.Series, population: pd.Series) -> dict:
    from indicators import disparity

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = disparity.disparity_summary(values, population)
    for c in caught:
        logger.info("disparity: %s", c.message)
    return out


def _moran(values: pd.Series) -> dict:
    from indicators import spatial

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        m = spatial.morans_i(values, map_weights(), permutations=MORAN_PERMUTATIONS)
    for c in caught:
        logger.info("moran: %s", c.message)
    return {
        "moran_i": m["I"],
        "moran_p": m["p_sim"],
        "moran_z": m["z_sim"],
        "moran_expected": m["EI"],
        "moran_n": m["n"],
    }


def _measures(ind: Indicator, year: int, values: pd.Series) -> dict:
    """Inequality measures (None for signed indicators) and Moran's I of ``values``."""
    population = _population(year, values.index)
    signed = bool((values < 0).any())
    if signed:
        summary = {k: math.nan for k in MEASURES}
        usable = values.notna() & population.gt(0)
        summary.update(n=int(usable.sum()), n_dropped=int((~usable).sum()), weighted=True)
    else:
        summary = _summary(values, population)
    out = {k: summary[k] for k in MEASURES}
    out.update(
        n=int(summary["n"]),
        n_without_weight_or_region=int(summary["n_dropped"]),
        weighted=bool(summary["weighted"]),
        signed=signed,
        weighted_by=f"census residents {weight_year(year)} ({WEIGHT_KEY})",
        weight_year=weight_year(year),
    )
    out.update(_moran(values))
    out["sentence_en"] = _sentence(out, ind.label_en, "en")
    out["sentence_zh"] = _sentence(out, ind.label_zh, "zh")
    return out


_MORAN_SENTENCES = {
    "en": {
        "positive": "Neighbouring units tend to have similar values (Moran's I = {i:.2f}, p = {p:.3f}).",
        "negative": "Neighbouring units tend to differ from each other (Moran's I = {i:.2f}, p = {p:.3f}).",
        "none": "No clear spatial pattern (Moran's I = {i:.2f}, p = {p:.3f}).",
    },
    "zh": {
        "positive": "相邻地区的数值往往相近（莫兰指数 I = {i:.2f}，p = {p:.3f}）。",
        "negative": "相邻地区的数值往往相差较大（莫兰指数 I = {i:.2f}，p = {p:.3f}）。",
        "none": "没有明显的空间集聚（莫兰指数 I = {i:.2f}，p = {p:.3f}）。",
    },
}
_SIGNED = {
    "en": "“{label}” takes negative values, so Gini and Theil (which need non-negative values) are not given.",
    "zh": "“{label}”含负值，基尼系数和泰尔指数（要求非负值）不适用。",
}


def moran_sentence(moran_i, moran_p, lang: str = "en") -> str:
    """One sentence about Moran's I for a seminar audience (``''`` when it could not be computed).

    Examples
    --------
    >>> moran_sentence(0.45, 0.001)
    "Neighbouring units tend to have similar values (Moran's I = 0.45, p = 0.001)."
    >>> moran_sentence(0.02, 0.3, "zh")
    '没有明显的空间集聚（莫兰指数 I = 0.02，p = 0.300）。'
    """
    if moran_i is None or moran_p is None or not (np.isfinite(moran_i) and np.isfinite(moran_p)):
        return ""
    kind = "none" if moran_p > SIGNIFICANCE else ("positive" if moran_i > 0 else "negative")
    return _MORAN_SENTENCES[lang][kind].format(i=moran_i, p=moran_p)


def _sentence(report: dict, label: str, lang: str) -> str:
    from indicators import disparity

    if report["signed"]:
        first = _SIGNED[lang].format(label=label)
    else:
        first = disparity.describe_disparity(report, label, lang)
    second = moran_sentence(report["moran_i"], report["moran_p"], lang)
    return first + ("" if not second else (" " if lang == "en" else "") + second)


def _report_of(ind: Indicator, year: int, values: pd.Series, info: dict) -> dict:
    out = {
        "indicator": ind.key,
        "year": year,
        "label_en": ind.label_en,
        "label_zh": ind.label_zh,
        "unit_en": ind.unit_en,
        "unit_zh": ind.unit_zh,
    }
    out.update(_measures(ind, year, values))
    out.update(info)
    return _clean(out)


@lru_cache(maxsize=256)
def _report(key: str, year: int) -> dict:
    values, info = _usable(key, year)
    return _report_of(REGISTRY[key], year, values, info)


def values_report(ind: Indicator, year: int, values: pd.Series, flags: pd.Series | None = None) -> dict:
    """:func:`disparity_report` of values that are not in the store (an uploaded dataset's, by map unit).

    ``ind`` gives the key, labels and units; the weights, contiguity and measures are the store's.
    """
    usable, info = _usable_values(values.reindex(map_weights().id_order), flags)
    return _report_of(ind, int(year), usable, info)


def disparity_report(key: str, year: int) -> dict:
    """Inequality of one indicator across the map units in one year, and its spatial clustering.

    Parameters
    ----------
    key, year
        A registry key and one of its years; otherwise :class:`DisparityLookupError`.

    Returns
    -------
    dict
        JSON-ready (``None`` for NaN):

        * ``gini``, ``theil``, ``theil_between_province``, ``theil_within_province``,
          ``theil_between_region``, ``theil_within_region`` (NBS macro-regions), ``cv_weighted``
          (Williamson), ``share_between_province``, ``share_between_region`` — population-weighted, see
          :func:`indicators.disparity.disparity_summary`; ``None`` for signed indicators (``signed``);
        * ``moran_i``, ``moran_p`` (pseudo p-value, 999 permutations), ``moran_z``, ``moran_expected``,
          ``moran_n`` — global Moran's I on Queen contiguity (:func:`indicators.spatial.morans_i`);
        * ``n`` (units in the inequality measures), ``n_units``, ``n_missing``, ``n_flagged_excluded``,
          ``flagged_excluded``, ``n_without_weight_or_region``;
        * ``weighted_by``, ``weight_year``; ``indicator``, ``year``, labels and units;
        * ``sentence_en``, ``sentence_zh``: the result in words.

    Examples
    --------
    >>> r = disparity_report("gdp_per_resident", 2020)
    >>> r["weight_year"], r["n"] > 300, 0 < r["gini"] < 1
    (2020, True, True)
    >>> disparity_report("nope", 2020)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    indicators.disparity_report.DisparityLookupError: unknown indicator 'nope'; ...
    """
    check(key, year)
    return copy.deepcopy(_report(key, int(year)))


@lru_cache(maxsize=256)
def _lisa(key: str, year: int) -> dict:
    from indicators import spatial

    values, _ = _usable(key, year)
    w = map_weights()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        labels = spatial.lisa_clusters(values, w, permutations=MORAN_PERMUTATIONS, alpha=LISA_ALPHA)
    for c in caught:
        logger.info("lisa: %s", c.message)
    return {str(code): str(label) for code, label in labels.items()}


def lisa_labels(key: str, year: int) -> dict[str, str]:
    """LISA cluster label of every map unit: ``{adcode: label}``.

    Labels are keys of :data:`indicators.spatial.LISA_LABELS` (``'high-high'``, ``'low-low'``,
    ``'high-low'``, ``'low-high'``, ``'not significant'``, ``'no data'``, ``'no neighbours'``);
    999 permutations, significance 0.05, flagged values count as ``'no data'``.

    Examples
    --------
    >>> labels = lisa_labels("gdp_per_resident", 2020)
    >>> len(labels), labels["310000"]
    (370, 'high-high')
    """
    check(key, year)
    return dict(_lisa(key, int(year)))


def _change_of(ind: Indicator, year_a: int, usable_a: tuple, year_b: int, usable_b: tuple) -> dict:
    from indicators import disparity

    (va, info_a), (vb, info_b) = usable_a, usable_b
    common = va.index.intersection(vb.index)
    ra = _measures(ind, year_a, va[common])
    rb = _measures(ind, year_b, vb[common])
    names = [k for k in (*MEASURES, *MORAN_MEASURES)]
    change = disparity.disparity_change({k: ra[k] for k in names}, {k: rb[k] for k in names})
    # disparity.disparity_change knows only its own measures; add Moran's I and p by hand
    extra = pd.DataFrame(
        {"a": [ra[k] for k in MORAN_MEASURES], "b": [rb[k] for k in MORAN_MEASURES]}, index=list(MORAN_MEASURES)
    )
    extra["change"] = extra["b"] - extra["a"]
    extra["pct_change"] = (extra["b"] / extra["a"].where(extra["a"] != 0) - 1.0) * 100.0
    change = pd.concat([change, extra.astype(float)])
    out = {
        "indicator": ind.key,
        "year_a": year_a,
        "year_b": year_b,
        "label_en": ind.label_en,
        "label_zh": ind.label_zh,
        "n_common": int(len(common)),
        "n_only_a": int(len(va.index.difference(common))),
        "n_only_b": int(len(vb.index.difference(common))),
        "a": ra,
        "b": rb,
        "change": {m: {c: row[c] for c in ("a", "b", "change", "pct_change")} for m, row in change.iterrows()},
        "excluded_flagged_a": info_a["flagged_excluded"],
        "excluded_flagged_b": info_b["flagged_excluded"],
    }
    out["sentence_en"] = _change_sentence(out, ind.label_en, "en")
    out["sentence_zh"] = _change_sentence(out, ind.label_zh, "zh")
    return _clean(out)


@lru_cache(maxsize=128)
def _change(key: str, year_a: int, year_b: int) -> dict:
    return _change_of(REGISTRY[key], year_a, _usable(key, year_a), year_b, _usable(key, year_b))


def values_change(ind: Indicator, year_a: int, values_a: pd.Series, year_b: int, values_b: pd.Series) -> dict:
    """:func:`disparity_change` of values that are not in the store (an uploaded dataset's two years)."""
    order = map_weights().id_order
    return _change_of(
        ind, int(year_a), _usable_values(values_a.reindex(order)), int(year_b), _usable_values(values_b.reindex(order))
    )


def _direction(a: float, b: float, lang: str) -> str:
    if lang == "en":
        return "rose" if b > a else ("fell" if b < a else "stayed")
    return "升至" if b > a else ("降至" if b < a else "保持为")


def _change_sentence(out: dict, label: str, lang: str) -> str:
    a, b = out["a"], out["b"]
    ya, yb, n = out["year_a"], out["year_b"], out["n_common"]
    ga, gb = a.get("gini"), b.get("gini")
    if ga is None or gb is None or not (np.isfinite(ga) and np.isfinite(gb)):
        mi_a, mi_b = a.get("moran_i"), b.get("moran_i")
        if mi_a is None or mi_b is None or not (np.isfinite(mi_a) and np.isfinite(mi_b)):
            return ""
        if lang == "en":
            return f"From {ya} to {yb}, on the same {n} units, Moran's I of {label} went from {mi_a:.2f} to {mi_b:.2f}."
        return f"{ya}年至{yb}年（同一批{n}个地区），{label}的莫兰指数从{mi_a:.2f}变为{mi_b:.2f}。"
    pct = (gb / ga - 1) * 100 if ga else math.nan
    sa, sb = a.get("share_between_province"), b.get("share_between_province")
    shares = sa is not None and sb is not None and np.isfinite(sa) and np.isfinite(sb)
    if lang == "en":
        text = (
            f"From {ya} to {yb}, on the same {n} units, the Gini of {label} {_direction(ga, gb, 'en')} from "
            f"{ga:.2f} to {gb:.2f} ({pct:+.0f} %)"
        )
        if shares:
            text += f"; the part of the inequality between provinces went from {sa * 100:.0f} % to {sb * 100:.0f} %"
        return text + "."
    text = f"{ya}年至{yb}年（同一批{n}个地区），{label}的基尼系数从{ga:.2f}{_direction(ga, gb, 'zh')}{gb:.2f}（{pct:+.0f}%）"
    if shares:
        text += f"；省际差异占不平等的比重从{sa * 100:.0f}%变为{sb * 100:.0f}%"
    return text + "。"


def disparity_change(key: str, year_a: int, year_b: int) -> dict:
    """How the gaps changed between two years (e.g. 2010 → 2020), on the units usable in both years.

    Each year keeps its own population weights (:func:`weight_year`). Comparing the same units keeps
    units that enter or leave the data from masquerading as convergence or divergence.

    Returns
    -------
    dict
        ``a`` and ``b``: the measures of each year (as in :func:`disparity_report`, without the unit
        lists); ``change``: per measure ``a, b, change = b − a, pct_change``; ``n_common``, ``n_only_a``,
        ``n_only_b``; ``excluded_flagged_a/_b``; ``sentence_en``, ``sentence_zh``.

    Examples
    --------
    >>> c = disparity_change("gdp_per_resident", 2010, 2020)
    >>> c["n_common"] > 300, sorted(c["change"]["gini"])
    (True, ['a', 'b', 'change', 'pct_change'])
    """
    check(key, year_a)
    check(key, year_b)
    return copy.deepcopy(_change(key, int(year_a), int(year_b)))


def balanced_report(report: dict, change: dict) -> dict:
    """``report`` (one year) measured on the balanced panel of ``change`` (the units with data in both
    years), so a headline and the change table below it state one number per fact.

    ``balanced_with`` names the other year; ``n`` becomes the panel's size and ``n_missing`` counts the
    units left out of it too.

    >>> r = {"year": 2020, "n": 329, "n_missing": 41, "share_between_province": 0.50, "gini": 0.3}
    >>> c = {"year_a": 2010, "year_b": 2020, "n_common": 313, "b": {"n": 313, "share_between_province": 0.54}}
    >>> b = balanced_report(r, c)
    >>> b["share_between_province"], b["n"], b["n_missing"], b["balanced_with"], b["gini"]
    (0.54, 313, 57, 2010, 0.3)
    """
    if not change or change.get("year_b") != report.get("year") or not isinstance(change.get("b"), dict):
        return report
    out = {**report, **{k: v for k, v in change["b"].items() if not k.startswith("sentence")}}
    out["n"] = int(change.get("n_common", out.get("n", 0)))
    out["n_missing"] = int(report.get("n_missing", 0)) + int(report.get("n", 0)) - out["n"]
    out["balanced_with"] = change.get("year_a")
    return out


def clear_caches() -> None:
    """Forget the cached reports (e.g. after the store was rebuilt in this process)."""
    _report.cache_clear()
    _lisa.cache_clear()
    _change.cache_clear()
