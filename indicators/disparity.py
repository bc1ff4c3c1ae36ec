"""Regional disparity: Gini, Theil T with its between/within decomposition, Williamson's CV.

All measures take per-unit values (e.g. GDP per resident) and optional weights (e.g. resident
population). With population weights each unit stands for its residents, so the measures describe
inequality between *people* according to the average of the unit they live in; unweighted, each
unit counts once whatever its size.

Examples
--------
>>> round(gini([1, 2, 3, 4]), 4)
0.25
>>> d = theil_decomposition([1.0, 2.0, 3.0, 4.0], ["a", "a", "b", "b"])
>>> abs(d["between"] + d["within"] - d["total"]) < 1e-12
True
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd

from indicators.disparity_measures import MEASURES
from indicators.regions import macro_region, province_of

LANGS = ("en", "zh")
MIN_UNITS = 3


def _arrays(values, weights) -> tuple[np.ndarray, np.ndarray | None]:
    x = np.asarray(values, dtype=float).ravel()
    if np.isnan(x).any():
        raise ValueError("values contain NaN; drop them first (disparity_summary does)")
    if (x < 0).any():
        raise ValueError("values must be non-negative")
    if weights is None:
        return x, None
    w = np.asarray(weights, dtype=float).ravel()
    if w.shape != x.shape:
        raise ValueError(f"weights have shape {w.shape}, values {x.shape}")
    if np.isnan(w).any() or (w < 0).any() or w.sum() <= 0:
        raise ValueError("weights must be non-negative, not NaN, and not all zero")
    return x, w


def _degenerate(x: np.ndarray, what: str) -> bool:
    if x.size == 0 or x.sum() <= 0:
        warnings.warn(f"{what}: no units or zero total; returning NaN", UserWarning, stacklevel=3)
        return True
    return False


def _gini_unweighted(x: np.ndarray) -> float:
    """``inequality.gini.Gini(x).g`` (inequality 1.1, BSD-3-Clause), the same arithmetic in the same order.

    Written out here because ``import inequality`` loads matplotlib and SciPy's statistics (~25 MB
    in every worker that draws the disparity tab) for these three lines.

    >>> float(_gini_unweighted(np.array([1.0, 2, 3, 4])))
    0.25
    """
    n = len(x)
    x_sum = x.sum()
    n_x_sum = n * x_sum
    x = x.ravel()
    r_x = (2.0 * np.arange(1, len(x) + 1) * x[np.argsort(x)]).sum()
    return (r_x - n_x_sum - x_sum) / n_x_sum


def gini(values, weights=None) -> float:
    r"""Gini coefficient, unweighted or weighted.

    Unweighted, the value is :class:`inequality.gini.Gini`'s (mean absolute difference over all
    :math:`n^2` ordered pairs divided by twice the mean). Weighted:

    .. math:: G = \frac{\sum_i \sum_j w_i w_j |x_i - x_j|}{2 W^2 \mu_w}, \quad
              W = \sum_i w_i, \quad \mu_w = \sum_i w_i x_i / W

    which is the Gini of a population in which unit *i* is repeated :math:`w_i` times (equal weights
    give the unweighted value). Computed in :math:`O(n \log n)` from sorted values.

    Parameters
    ----------
    values : array-like
        Non-negative values (no NaN).
    weights : array-like, optional
        Non-negative weights, e.g. population.

    Returns
    -------
    float
        NaN with a warning when there are no units or the total is zero.

    Examples
    --------
    >>> gini([1, 2, 3, 4])
    0.25
    >>> math.isclose(gini([1, 3], weights=[3, 1]), gini([1, 1, 1, 3]))
    True
    """
    x, w = _arrays(values, weights)
    if _degenerate(x, "gini"):
        return math.nan
    if w is None:
        return float(_gini_unweighted(x))
    order = np.argsort(x, kind="stable")
    x, p = x[order], w[order] / w.sum()
    mean = float((p * x).sum())
    if mean <= 0:
        warnings.warn("gini: weighted mean is zero; returning NaN", UserWarning, stacklevel=2)
        return math.nan
    below = np.cumsum(p) - p  # weight share strictly before i in sorted order
    # sum_ij p_i p_j |x_i - x_j| = 2 sum_i p_i x_i (2 P_<i + p_i - 1)
    mad = 2.0 * float((p * x * (2.0 * below + p - 1.0)).sum())
    return mad / (2.0 * mean)


def _theil_parts(x: np.ndarray, w: np.ndarray | None) -> tuple[np.ndarray, float]:
    p = np.full(x.size, 1.0 / x.size) if w is None else w / w.sum()
    mean = float((p * x).sum())
    return p, mean


def _theil(x: np.ndarray, p: np.ndarray, mean: float) -> float:
    r = x / mean
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(r > 0, p * r * np.log(r), 0.0)  # 0 ln 0 = 0
    return float(terms.sum())


def theil_t(values, weights=None) -> float:
    r"""Theil's *T* index (GE(1)).

    .. math:: T = \sum_i p_i \frac{x_i}{\mu} \ln \frac{x_i}{\mu}, \quad \mu = \sum_i p_i x_i

    with :math:`p_i = w_i / W` (population shares) or :math:`1/n` unweighted. With population
    weights and :math:`x_i = Y_i / N_i` this is :math:`\sum_i (Y_i/Y) \ln[(Y_i/Y)/(N_i/N)]`, the
    usual regional Theil of income shares against population shares. Unweighted it equals
    :class:`inequality.theil.Theil`. Zero values contribute 0 (:math:`0 \ln 0 = 0`).

    Examples
    --------
    >>> round(theil_t([1.0, 1.0, 4.0]), 6)
    0.231049
    >>> theil_t([2.0, 2.0])
    0.0
    >>> math.isclose(theil_t([1.0, 3.0], weights=[3, 1]), theil_t([1.0, 1.0, 1.0, 3.0]))
    True
    """
    x, w = _arrays(values, weights)
    if _degenerate(x, "theil_t"):
        return math.nan
    p, mean = _theil_parts(x, w)
    return _theil(x, p, mean)


def theil_decomposition(values, groups, weights=None) -> dict:
    r"""Decompose Theil's *T* into between-group and within-group parts.

    .. math::

        T = \underbrace{\sum_g s_g \ln\frac{\mu_g}{\mu}}_{\text{between}}
          + \underbrace{\sum_g s_g T_g}_{\text{within}},
        \qquad s_g = \frac{P_g \mu_g}{\mu}

    where :math:`P_g` is the group's weight share (population share, or unit count share when
    unweighted), :math:`\mu_g` its weighted mean, :math:`s_g` its share of the total (e.g. of GDP) and
    :math:`T_g` the Theil index inside the group. The identity is exact, so
    ``between + within == total`` up to rounding.

    Implemented here (not :class:`inequality.theil.TheilD`) because ``TheilD`` has no weights: every
    unit counts once. Unweighted, the two agree (tested).

    Parameters
    ----------
    values : array-like
        Non-negative values, no NaN.
    groups : array-like
        Group label of each unit (province, macro-region ...), no missing labels.
    weights : array-like, optional
        Non-negative weights, e.g. population.

    Returns
    -------
    dict
        ``total``, ``between``, ``within``, ``n_groups``; NaNs (warned) for no units or zero total.

    Examples
    --------
    >>> d = theil_decomposition([1.0, 1.0, 4.0, 4.0], ["a", "a", "b", "b"])
    >>> round(d["between"], 6), round(d["within"], 6), round(d["total"], 6)
    (0.192745, 0.0, 0.192745)
    """
    x, w = _arrays(values, weights)
    g = pd.Series(list(groups) if not isinstance(groups, pd.Series) else groups.to_numpy())
    if len(g) != x.size:
        raise ValueError(f"groups have length {len(g)}, values {x.size}")
    if g.isna().any():
        raise ValueError("groups contain missing labels")
    if _degenerate(x, "theil_decomposition"):
        return {"total": math.nan, "between": math.nan, "within": math.nan, "n_groups": int(g.nunique())}
    p, mean = _theil_parts(x, w)
    total = _theil(x, p, mean)
    between = within = 0.0
    codes, _ = pd.factorize(g)
    for k in range(codes.max() + 1):
        m = codes == k
        pg = float(p[m].sum())
        mu_g = float((p[m] * x[m]).sum()) / pg
        if mu_g <= 0:
            continue  # a group with zero total contributes nothing
        s_g = pg * mu_g / mean
        between += s_g * math.log(mu_g / mean)
        within += s_g * _theil(x[m], p[m] / pg, mu_g)
    return {"total": total, "between": between, "within": within, "n_groups": int(codes.max() + 1)}


def cv_weighted(values, weights=None) -> float:
    r"""Williamson's population-weighted coefficient of variation.

    .. math:: CV_w = \frac{1}{\mu}\sqrt{\sum_i p_i (x_i - \mu)^2}, \quad p_i = \frac{N_i}{N},
              \quad \mu = \sum_i p_i x_i

    (Williamson 1965, with the national mean :math:`\mu` as the population-weighted mean). Without
    weights, the population coefficient of variation of the units.

    Examples
    --------
    >>> cv_weighted([1.0, 3.0], [1, 1])
    0.5
    >>> round(cv_weighted([1.0, 3.0], [3, 1]), 6)
    0.57735
    """
    x, w = _arrays(values, weights)
    if _degenerate(x, "cv_weighted"):
        return math.nan
    p, mean = _theil_parts(x, w)
    return math.sqrt(float((p * (x - mean) ** 2).sum())) / mean


def _nan_summary(n: int, n_dropped: int, weighted: bool) -> dict:
    out = {k: math.nan for k in MEASURES}
    out.update(n=n, n_dropped=n_dropped, weighted=weighted)
    return out


def disparity_summary(
    values: pd.Series,
    population: pd.Series | None = None,
    province: pd.Series | None = None,
    region: pd.Series | None = None,
) -> dict:
    """All disparity measures of one indicator across units, in one dict.

    Parameters
    ----------
    values : Series
        Indicator by adcode (e.g. GDP per resident).
    population : Series, optional
        Weights by adcode (e.g. residents). ``None``: every unit weighs the same.
    province, region : Series, optional
        Province and macro-region of each unit; by default derived from the adcode
        (:func:`indicators.regions.province_of`, :func:`indicators.regions.macro_region`).

    Returns
    -------
    dict
        ``gini, theil, theil_between_province, theil_within_province, theil_between_region,
        theil_within_region, cv_weighted, share_between_province, share_between_region`` (the last two
        are between / total), plus ``n`` (units used), ``n_dropped`` and ``weighted``. Units with a
        NaN value, a missing or non-positive population, or no province/region (HK, Macau, Taiwan)
        are dropped and counted in ``n_dropped``. With fewer than 3 units left, warns and returns NaN
        measures.

    Examples
    --------
    >>> v = pd.Series({"110000": 4.0, "120000": 4.0, "510100": 1.0, "520100": 1.0, "530100": None})
    >>> s = disparity_summary(v)
    >>> s["n"], s["n_dropped"], round(s["share_between_region"], 6)
    (4, 1, 1.0)
    """
    values = pd.Series(values, dtype=float)
    index = values.index.astype(str)
    values.index = index
    if province is None:
        province = pd.Series([province_of(c) for c in index], index=index, dtype=object)
    if region is None:
        region = pd.Series([macro_region(c) for c in index], index=index, dtype=object)
    frame = pd.DataFrame(
        {
            "x": values,
            "province": pd.Series(province).reindex(index),
            "region": pd.Series(region).reindex(index),
        }
    )
    weighted = population is not None
    frame["w"] = pd.Series(population, dtype=float).reindex(index) if weighted else 1.0
    keep = frame["x"].notna() & frame["province"].notna() & frame["region"].notna()
    keep &= frame["w"].notna() & (frame["w"] > 0)
    used = frame[keep]
    n, n_dropped = len(used), int((~keep).sum())
    if n < MIN_UNITS or used["x"].sum() <= 0:
        warnings.warn(
            f"disparity_summary: {n} usable unit(s) (need {MIN_UNITS} with a positive total); returning NaN",
            UserWarning,
            stacklevel=2,
        )
        return _nan_summary(n, n_dropped, weighted)
    if (used["x"] < 0).any():
        raise ValueError("values must be non-negative")
    x, w = used["x"].to_numpy(), (used["w"].to_numpy() if weighted else None)
    by_prov = theil_decomposition(x, used["province"], w)
    by_reg = theil_decomposition(x, used["region"], w)
    total = by_prov["total"]
    return {
        "gini": gini(x, w),
        "theil": total,
        "theil_between_province": by_prov["between"],
        "theil_within_province": by_prov["within"],
        "theil_between_region": by_reg["between"],
        "theil_within_region": by_reg["within"],
        "cv_weighted": cv_weighted(x, w),
        "share_between_province": by_prov["between"] / total if total > 0 else math.nan,
        "share_between_region": by_reg["between"] / total if total > 0 else math.nan,
        "n": n,
        "n_dropped": n_dropped,
        "weighted": weighted,
    }


def disparity_change(summary_a: dict, summary_b: dict) -> pd.DataFrame:
    """Compare two :func:`disparity_summary` results (e.g. 2010 and 2020), measure by measure.

    Returns
    -------
    DataFrame
        Indexed by measure (:data:`MEASURES` present in both) with columns ``a``, ``b``,
        ``change = b - a`` and ``pct_change = (b / a - 1) * 100`` (NaN when ``a`` is 0 or NaN).

    Examples
    --------
    >>> a = {"gini": 0.40, "theil": 0.30, "n": 300}
    >>> b = {"gini": 0.30, "theil": 0.30, "n": 310}
    >>> disparity_change(a, b).round(3).to_dict("index")["gini"]
    {'a': 0.4, 'b': 0.3, 'change': -0.1, 'pct_change': -25.0}
    """
    keys = [k for k in MEASURES if k in summary_a and k in summary_b]
    a = pd.Series({k: float(summary_a[k]) for k in keys}, dtype=float)
    b = pd.Series({k: float(summary_b[k]) for k in keys}, dtype=float)
    out = pd.DataFrame({"a": a, "b": b, "change": b - a})
    out["pct_change"] = (b / a.where(a != 0) - 1.0) * 100.0
    out.index.name = "measure"
    return out


def _pct(share: float) -> int:
    return int(round(share * 100))


_SENTENCES = {
    "en": (
        "Across {n} units, {between} % of the inequality in {label} lies between provinces and "
        "{within} % within them (Theil T{weighting}; Gini {gini:.2f})."
    ),
    "zh": (
        "在{n}个地区中，{label}的不平等有{between}%来自省际差异、{within}%来自省内差异"
        "（泰尔T指数{weighting}；基尼系数{gini:.2f}）。"
    ),
}
_WEIGHTING = {"en": (", population-weighted", ", each unit counted once"), "zh": ("，按人口加权", "，各地区等权")}
_NO_DATA = {
    "en": "Too few units with data ({n}) to describe inequality in {label}.",
    "zh": "{label}的有效地区太少（{n}个），无法描述不平等。",
}


def describe_disparity(summary: dict, label: str, lang: str = "en") -> str:
    """One plain sentence for a seminar audience about a :func:`disparity_summary`.

    Parameters
    ----------
    summary : dict
        Output of :func:`disparity_summary`.
    label : str
        What was measured, in the language of the sentence (e.g. ``'GDP per resident'``, ``'人均GDP'``).
    lang : {'en', 'zh'}

    Examples
    --------
    >>> s = {"share_between_province": 0.6049, "gini": 0.3123, "n": 329, "weighted": True}
    >>> print(describe_disparity(s, "GDP per resident"))  # doctest: +NORMALIZE_WHITESPACE
    Across 329 units, 60 % of the inequality in GDP per resident lies between provinces and 40 % within
    them (Theil T, population-weighted; Gini 0.31).
    >>> describe_disparity(s, "人均GDP", lang="zh")
    '在329个地区中，人均GDP的不平等有60%来自省际差异、40%来自省内差异（泰尔T指数，按人口加权；基尼系数0.31）。'
    >>> describe_disparity(s, "x", lang="fr")
    Traceback (most recent call last):
    ...
    ValueError: unknown language 'fr'; valid: ['en', 'zh']
    """
    if lang not in _SENTENCES:
        raise ValueError(f"unknown language {lang!r}; valid: {sorted(_SENTENCES)}")
    share = summary.get("share_between_province", math.nan)
    n = summary.get("n", 0)
    if share is None or not np.isfinite(share):
        return _NO_DATA[lang].format(n=n, label=label)
    between = _pct(share)
    weighting = _WEIGHTING[lang][0 if summary.get("weighted", False) else 1]
    return _SENTENCES[lang].format(
        n=n, label=label, between=between, within=100 - between, weighting=weighting, gini=summary.get("gini", math.nan)
    )
