"""Choropleth classification (mapclassify's algorithms) and colour palettes.

:func:`classify` puts a Series of values (indexed by admin code) into ``k`` classes with one of the
schemes in :data:`SCHEMES` and returns a :class:`Classes` record: the upper bounds of the classes, the
lower bound, the count per class, the number of missing values and the class of each unit (``<NA>``
where the value is missing). Degenerate input (all missing, fewer distinct values than ``k``) warns and
gives fewer classes; it never raises.

Diverging classification (for signed indicators such as net flows and changes) is symmetric around 0
in the number of classes: with ``m = k // 2``,

* classes ``0 … m−1`` hold the negative values, classified with the chosen scheme among themselves;
* for odd ``k``, class ``m`` holds the values exactly equal to 0 (the palette's neutral middle colour);
* the last ``m`` classes hold the positive values (for even ``k``: values ≥ 0), classified among themselves.

0 is therefore always a class break. When one side has fewer distinct values than ``m`` it gets fewer
classes, placed next to the centre, and the unused outer classes have count 0 and bound ``NaN``. The
bound reported for the last negative class is 0 (exclusive: those values are < 0).

The schemes are mapclassify 2.10's ``Quantiles``, ``FisherJenks``, ``EqualInterval`` and
``UserDefined`` bins, ported line by line to NumPy (mapclassify is BSD-3-Clause, © the PySAL
developers): importing mapclassify loads scikit-learn, SciPy and matplotlib, about 110 MB in every
gunicorn process, for four short functions. The port gives the same bins to the last bit, and the
same errors, on every indicator and year of the store and on random input.

Palettes are hard-coded so that nothing here needs plotly or matplotlib at run time:

* ColorBrewer schemes (YlGnBu, YlOrRd, Blues, Greens, Purples, OrRd; diverging RdBu, PuOr, BrBG), from
  ColorBrewer 2.0 by Cynthia A. Brewer, Mark Harrower and The Pennsylvania State University
  (colorbrewer2.org), © 2002, licensed under the Apache License 2.0. The hex strings are the packed form
  used by d3-scale-chromatic (six hex digits per colour, one string per ``k``) so they can be diffed
  against that source; PuOr is given in ColorBrewer's own order (orange → purple).
* viridis (van der Walt & Smith, CC0) and cividis (Nuñez, Anderton & Renslow 2018), sampled at
  ``k`` evenly spaced points of matplotlib's 256-colour tables.

Examples
--------
>>> import pandas as pd
>>> c = classify(pd.Series([1.0, 2, 3, 4, 5, 6, None], index=list("abcdefg")), "quantiles", 3)
>>> [round(b, 2) for b in c.bins], c.counts, c.n_missing
([2.67, 4.33, 6.0], (2, 2, 2), 1)
>>> c.classes.tolist()
[0, 0, 1, 1, 2, 2, <NA>]
>>> palette_colors("YlGnBu", 3)
['#edf8b1', '#7fcdbb', '#2c7fb8']
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

K_MIN, K_MAX = 3, 9
#: Fill colour of units without a value.
NO_DATA_COLOR = "#cccccc"


def _score_at_percentile(sorted_x: np.ndarray, per: float) -> float:
    """``scipy.stats.scoreatpercentile(x, per)`` ('fraction' interpolation) of sorted values."""
    idx = per / 100.0 * (sorted_x.shape[0] - 1)
    i = int(idx)
    if i == idx:
        return float(np.add.reduce(sorted_x[i : i + 1] * np.array(1)) / 1.0)
    j = i + 1
    weights = np.array([(j - idx), (idx - i)], float)
    return float(np.add.reduce(sorted_x[i : i + 2] * weights) / weights.sum())


def _quantiles(x: np.ndarray, k: int) -> np.ndarray:
    """Upper bounds of ``k`` quantile classes (``mapclassify.Quantiles(x, k).bins``).

    >>> _quantiles(np.arange(1000.0), 4).tolist()
    [249.75, 499.5, 749.25, 999.0]
    """
    w = 100.0 / k
    p = np.arange(w, 100 + w, w)
    if p[-1] > 100.0:
        p[-1] = 100.0
    sorted_x = np.sort(np.asarray(x).flatten())
    return np.unique(np.array([_score_at_percentile(sorted_x, pct) for pct in p]))


def _fisher_jenks_means(values: np.ndarray, classes: int) -> np.ndarray:
    """Jenks optimal breaks of sorted ``values`` (mapclassify's ``_fisher_jenks_means``, float32 sums)."""
    n_data = len(values)
    mat1 = np.zeros((n_data + 1, classes + 1), dtype=np.int32)
    mat2 = np.zeros((n_data + 1, classes + 1), dtype=np.float32)
    mat1[1, 1:] = 1
    mat2[2:, 1:] = np.inf
    v = np.float32(0)
    for _l in range(2, len(values) + 1):
        s1 = np.float32(0)
        s2 = np.float32(0)
        w = np.float32(0)
        for m in range(1, _l + 1):
            i3 = _l - m + 1
            val = np.float32(values[i3 - 1])
            s2 += val * val
            s1 += val
            w += np.float32(1)
            v = s2 - (s1 * s1) / w
            i4 = i3 - 1
            if i4 != 0:
                for j in range(2, classes + 1):
                    if mat2[_l, j] >= (v + mat2[i4, j - 1]):
                        mat1[_l, j] = i3
                        mat2[_l, j] = v + mat2[i4, j - 1]
        mat1[_l, 1] = 1
        mat2[_l, 1] = v
    k = len(values)
    kclass = np.zeros(classes + 1, dtype=values.dtype)
    kclass[classes] = values[len(values) - 1]
    kclass[0] = values[0]
    for count_num in range(classes, 1, -1):
        pivot = mat1[k, count_num]
        _id = int(pivot - 2)
        kclass[count_num - 1] = values[_id]
        k = int(pivot - 1)
    return np.delete(kclass, 0)


def _fisher_jenks(x: np.ndarray, k: int) -> np.ndarray:
    """Upper bounds of ``k`` Fisher-Jenks classes (``mapclassify.FisherJenks(x, k).bins``).

    >>> _fisher_jenks(np.array([1.0, 2, 3, 10, 11, 12, 30]), 3).tolist()
    [3.0, 12.0, 30.0]
    """
    nu = len(np.unique(x))
    if nu < k:
        raise ValueError(f"Fewer unique values ({nu}) than specified classes ({k}).")
    return _fisher_jenks_means(np.sort(np.asarray(x).flatten()).astype("f8"), classes=k)


def _equal_interval(x: np.ndarray, k: int) -> np.ndarray:
    """Upper bounds of ``k`` classes of equal width (``mapclassify.EqualInterval(x, k).bins``).

    >>> _equal_interval(np.array([0.0, 1, 10]), 5).tolist()
    [2.0, 4.0, 6.0, 8.0, 10.0]
    """
    y = np.asarray(x).flatten()
    if min(y) == max(y):
        raise ValueError(f"Not enough unique values in array to form {k} classes. All values in `y` are equal.")
    max_y = max(y)
    min_y = min(y)
    rg = max_y - min_y
    width = rg * 1.0 / k
    cuts = np.arange(min_y + width, max_y + width, width)
    if len(cuts) > k:  # handle overshooting
        cuts = cuts[0:k]
    cuts[-1] = max_y
    return cuts.copy()


def _user_defined(x: np.ndarray, breaks: tuple[float, ...]) -> np.ndarray:
    """The given upper bounds, plus ``max(x)`` when it exceeds the last (``mapclassify.UserDefined``).

    >>> _user_defined(np.array([1.0, 5, 12]), (4.0, 8.0)).tolist()
    [4.0, 8.0, 12.0]
    """
    bins = list(breaks)
    if bins[-1] < max(x):
        bins = np.append(bins, max(x))
    return np.array(bins)


#: Classification schemes: name -> function ``(values, k) -> upper bounds`` (user_defined takes breaks).
SCHEMES = {
    "quantiles": _quantiles,
    "fisher_jenks": _fisher_jenks,
    "equal_interval": _equal_interval,
    "user_defined": _user_defined,
}


@dataclass(frozen=True, eq=False)
class Classes:
    """Result of :func:`classify`.

    Attributes
    ----------
    scheme, k
        Scheme used and number of classes actually formed (may be below the requested ``k``).
    bins
        Upper bound of each class (inclusive), ascending; ``NaN`` for an empty diverging class.
    lower
        Smallest value classified (``NaN`` when none).
    counts
        Number of units per class.
    n_missing
        Number of missing values (class ``<NA>``).
    classes
        Class index per unit, ``Int64`` with ``<NA>`` for missing, same index as the input.
    diverging
        Whether the classes are split around 0.
    """

    scheme: str
    k: int
    bins: tuple[float, ...]
    lower: float
    counts: tuple[int, ...]
    n_missing: int
    classes: pd.Series
    diverging: bool = False

    def labels(self, decimals: int = 1) -> list[str]:
        """Legend labels ``'lower – upper'`` per class.

        ``'0'`` labels a diverging zero class and ``'–'`` an empty class.

        Examples
        --------
        >>> classify(pd.Series([1.0, 2, 3]), "equal_interval", 3).labels(1)
        ['1.0 – 1.7', '1.7 – 2.3', '2.3 – 3.0']
        """
        out = []
        low = self.lower
        for b in self.bins:
            if math.isnan(b):
                out.append("–")
                continue
            if self.diverging and b == 0 and low == 0:
                out.append(f"{0:.{decimals}f}")
            else:
                out.append(f"{low:.{decimals}f} – {b:.{decimals}f}")
            low = b
        return out

    def legend_labels(self, decimals: int = 1) -> list[str]:
        """:meth:`labels` as an audience reads them: no more decimals than tell the class bounds apart
        (:func:`legend_decimals`, at most ``decimals``) and thousands separated.

        Examples
        --------
        >>> c = classify(pd.Series([-0.1298, -0.0243, 0.0111, 0.0598, 0.2137]), "equal_interval", 3)
        >>> c.legend_labels(4)
        ['-0.13 – -0.02', '-0.02 – 0.10', '0.10 – 0.21']
        >>> classify(pd.Series([15702.0, 38156, 180871]), "equal_interval", 3).legend_labels(0)[0]
        '15,702 – 70,758'
        """
        edges = [self.lower, *self.bins]
        d = legend_decimals(edges, decimals)
        out = []
        low = self.lower
        for b in self.bins:
            if math.isnan(b):
                out.append("–")
                continue
            if self.diverging and b == 0 and low == 0:
                out.append(f"{0:,.{d}f}")
            else:
                out.append(f"{_legend_number(low, d)} – {_legend_number(b, d)}")
            low = b
        return out


def _legend_number(x: float, d: int) -> str:
    """``x`` with ``d`` decimals and thousands separators; never ``-0``."""
    r = round(float(x), d)
    return f"{(r if r != 0 else 0.0):,.{d}f}"


def legend_decimals(edges, decimals: int) -> int:
    """Fewest decimals (at most ``decimals``) that show the smallest gap between class bounds with two
    significant digits and keep every two neighbouring bounds apart.

    >>> legend_decimals([-0.13, -0.02, 0.1], 4), legend_decimals([15702, 38156], 0)
    (2, 0)
    >>> legend_decimals([1.0, 1.04, 1.05], 3)
    3
    """
    finite = sorted(float(e) for e in edges if e is not None and not math.isnan(float(e)))
    gaps = [b - a for a, b in zip(finite, finite[1:], strict=False) if b > a]
    if not gaps:
        return max(0, int(decimals))
    d = min(max(0, math.ceil(-math.log10(min(gaps))) + 1), max(0, int(decimals)))
    while d < decimals and any(round(a, d) == round(b, d) for a, b in zip(finite, finite[1:], strict=False) if b > a):
        d += 1
    return d


def _check_scheme(scheme: str) -> None:
    if scheme not in SCHEMES:
        raise ValueError(f"unknown classification scheme {scheme!r}; valid schemes: {', '.join(SCHEMES)}")


def _as_float(values: pd.Series) -> pd.Series:
    if not isinstance(values, pd.Series):
        raise TypeError(f"values must be a pandas Series, not {type(values).__name__}")
    try:
        out = pd.to_numeric(values, errors="raise").astype("float64")
    except (TypeError, ValueError) as exc:
        raise ValueError(f"values must be numeric: {exc}") from None
    if np.isinf(out).any():
        warnings.warn("infinite values are treated as missing", UserWarning, stacklevel=3)
        out = out.replace([np.inf, -np.inf], np.nan)
    return out


def _side_bins(x: np.ndarray, scheme: str, k: int, what: str) -> np.ndarray:
    """Upper bounds for ``x`` in at most ``k`` classes; fewer (with a warning) for degenerate input."""
    if x.size == 0:
        return np.array([])
    uniq = np.unique(x)
    if uniq.size < k:
        warnings.warn(
            f"{what}: only {uniq.size} distinct value(s) for {k} classes; using {uniq.size} class(es)",
            UserWarning,
            stacklevel=4,
        )
        return uniq.astype(float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bins = np.asarray(SCHEMES[scheme](x, k), dtype=float)
    bins = np.unique(bins)
    bins = np.append(bins[bins < x.max()], x.max())
    if bins.size < k:
        warnings.warn(
            f"{what}: {scheme} gave only {bins.size} distinct class bound(s) for {k} classes (tied values)",
            UserWarning,
            stacklevel=4,
        )
    return bins


def classify(
    values: pd.Series,
    scheme: str = "quantiles",
    k: int = 5,
    breaks: tuple[float, ...] | list[float] | None = None,
    diverging: bool = False,
) -> Classes:
    """Classify ``values`` for a choropleth.

    Parameters
    ----------
    values
        Numbers indexed by admin code; ``NaN`` is missing.
    scheme
        A key of :data:`SCHEMES`; unknown names raise ``ValueError`` listing the valid ones.
    k
        Number of classes, 3 to 9. Ignored for ``user_defined`` (the breaks decide).
    breaks
        Ascending class upper bounds for ``user_defined``; a last class up to the maximum is added when
        the maximum exceeds the last break.
    diverging
        Split the classes around 0 (see the module docstring). Ignored for ``user_defined``.

    Returns
    -------
    Classes

    Examples
    --------
    >>> s = pd.Series([-4.0, -1, 0, 2, 8, 9])
    >>> c = classify(s, "quantiles", 5, diverging=True)
    >>> c.classes.tolist(), c.bins
    ([0, 1, 2, 3, 3, 4], (-2.5, 0.0, 0.0, 8.0, 9.0))
    """
    _check_scheme(scheme)
    x_all = _as_float(values)
    if scheme == "user_defined":
        if breaks is None or len(breaks) == 0:
            raise ValueError("scheme 'user_defined' needs breaks (ascending class upper bounds)")
        b = np.asarray(breaks, dtype=float)
        if not np.all(np.isfinite(b)) or np.any(np.diff(b) <= 0):
            raise ValueError(f"breaks must be finite and strictly ascending, got {list(breaks)}")
    elif isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not K_MIN <= k <= K_MAX:
        raise ValueError(f"k must be an integer from {K_MIN} to {K_MAX}, got {k!r}")
    mask = x_all.notna()
    x = x_all[mask].to_numpy()
    n_missing = int((~mask).sum())
    classes = pd.Series(pd.array([pd.NA] * len(x_all), dtype="Int64"), index=x_all.index)
    if x.size == 0:
        warnings.warn("no values to classify (all missing)", UserWarning, stacklevel=2)
        return Classes(scheme, 0, (), float("nan"), (), n_missing, classes, diverging)
    if scheme == "user_defined":
        bins = np.asarray(breaks, dtype=float)
        if x.max() > bins[-1]:
            bins = np.append(bins, x.max())
        idx = np.searchsorted(bins, x, side="left")
        return _result(scheme, bins, x, idx, classes, mask, n_missing, False)
    if not diverging:
        bins = _side_bins(x, scheme, int(k), "values")
        idx = np.searchsorted(bins, x, side="left")
        return _result(scheme, bins, x, idx, classes, mask, n_missing, False)
    return _classify_diverging(scheme, int(k), x, classes, mask, n_missing)


def _result(scheme, bins, x, idx, classes, mask, n_missing, diverging) -> Classes:
    k = len(bins)
    counts = tuple(int(c) for c in np.bincount(idx, minlength=k)[:k])
    classes = classes.copy()
    classes[mask.to_numpy()] = idx.astype("int64")
    return Classes(scheme, k, tuple(float(b) for b in bins), float(x.min()), counts, n_missing, classes, diverging)


def _classify_diverging(scheme: str, k: int, x: np.ndarray, classes, mask, n_missing) -> Classes:
    m = k // 2
    odd = k % 2 == 1
    neg = x[x < 0]
    pos = x[x > 0] if odd else x[x >= 0]
    if neg.size == 0:
        warnings.warn("diverging classification: no negative values", UserWarning, stacklevel=3)
    if pos.size == 0:
        warnings.warn("diverging classification: no positive values", UserWarning, stacklevel=3)
    neg_bins = _side_bins(neg, scheme, m, "negative values")
    pos_bins = _side_bins(pos, scheme, m, "positive values")
    bins = np.full(k, np.nan)
    # negative side: classes next to the centre, the last bound reported as 0 (exclusive)
    if neg_bins.size:
        neg_bins = neg_bins.copy()
        neg_bins[-1] = 0.0
        bins[m - neg_bins.size : m] = neg_bins
    start = m + 1 if odd else m
    if odd:
        bins[m] = 0.0
    bins[start : start + pos_bins.size] = pos_bins
    idx = np.empty(x.size, dtype="int64")
    is_neg = x < 0
    if neg_bins.size:
        inner = np.searchsorted(neg_bins[:-1], x[is_neg], side="left")
        idx[is_neg] = m - neg_bins.size + inner
    if odd:
        idx[x == 0] = m
    is_pos = (x > 0) if odd else (x >= 0)
    if pos_bins.size:
        idx[is_pos] = start + np.searchsorted(pos_bins, x[is_pos], side="left")
    counts = tuple(int(c) for c in np.bincount(idx, minlength=k)[:k])
    out = classes.copy()
    out[mask.to_numpy()] = idx
    return Classes(scheme, k, tuple(float(b) for b in bins), float(x.min()), counts, n_missing, out, True)


# --------------------------------------------------------------------------------------------------
# Palettes
# --------------------------------------------------------------------------------------------------

# ColorBrewer (Apache-2.0, © Cynthia Brewer, Mark Harrower, Penn State), packed: one string per k = 3 ...
_SEQUENTIAL = {
    "YlGnBu": (
        "edf8b17fcdbb2c7fb8",
        "ffffcca1dab441b6c4225ea8",
        "ffffcca1dab441b6c42c7fb8253494",
        "ffffccc7e9b47fcdbb41b6c42c7fb8253494",
        "ffffccc7e9b47fcdbb41b6c41d91c0225ea80c2c84",
        "ffffd9edf8b1c7e9b47fcdbb41b6c41d91c0225ea80c2c84",
        "ffffd9edf8b1c7e9b47fcdbb41b6c41d91c0225ea8253494081d58",
    ),
    "YlOrRd": (
        "ffeda0feb24cf03b20",
        "ffffb2fecc5cfd8d3ce31a1c",
        "ffffb2fecc5cfd8d3cf03b20bd0026",
        "ffffb2fed976feb24cfd8d3cf03b20bd0026",
        "ffffb2fed976feb24cfd8d3cfc4e2ae31a1cb10026",
        "ffffccffeda0fed976feb24cfd8d3cfc4e2ae31a1cb10026",
        "ffffccffeda0fed976feb24cfd8d3cfc4e2ae31a1cbd0026800026",
    ),
    "Blues": (
        "deebf79ecae13182bd",
        "eff3ffbdd7e76baed62171b5",
        "eff3ffbdd7e76baed63182bd08519c",
        "eff3ffc6dbef9ecae16baed63182bd08519c",
        "eff3ffc6dbef9ecae16baed64292c62171b5084594",
        "f7fbffdeebf7c6dbef9ecae16baed64292c62171b5084594",
        "f7fbffdeebf7c6dbef9ecae16baed64292c62171b508519c08306b",
    ),
    "Greens": (
        "e5f5e0a1d99b31a354",
        "edf8e9bae4b374c476238b45",
        "edf8e9bae4b374c47631a354006d2c",
        "edf8e9c7e9c0a1d99b74c47631a354006d2c",
        "edf8e9c7e9c0a1d99b74c47641ab5d238b45005a32",
        "f7fcf5e5f5e0c7e9c0a1d99b74c47641ab5d238b45005a32",
        "f7fcf5e5f5e0c7e9c0a1d99b74c47641ab5d238b45006d2c00441b",
    ),
    "Purples": (
        "efedf5bcbddc756bb1",
        "f2f0f7cbc9e29e9ac86a51a3",
        "f2f0f7cbc9e29e9ac8756bb154278f",
        "f2f0f7dadaebbcbddc9e9ac8756bb154278f",
        "f2f0f7dadaebbcbddc9e9ac8807dba6a51a34a1486",
        "fcfbfdefedf5dadaebbcbddc9e9ac8807dba6a51a34a1486",
        "fcfbfdefedf5dadaebbcbddc9e9ac8807dba6a51a354278f3f007d",
    ),
    "OrRd": (
        "fee8c8fdbb84e34a33",
        "fef0d9fdcc8afc8d59d7301f",
        "fef0d9fdcc8afc8d59e34a33b30000",
        "fef0d9fdd49efdbb84fc8d59e34a33b30000",
        "fef0d9fdd49efdbb84fc8d59ef6548d7301f990000",
        "fff7ecfee8c8fdd49efdbb84fc8d59ef6548d7301f990000",
        "fff7ecfee8c8fdd49efdbb84fc8d59ef6548d7301fb300007f0000",
    ),
}
# Diverging, k = 3 ... 11 (low end first, as ColorBrewer lists them).
_DIVERGING = {
    "RdBu": (
        "ef8a62f7f7f767a9cf",
        "ca0020f4a58292c5de0571b0",
        "ca0020f4a582f7f7f792c5de0571b0",
        "b2182bef8a62fddbc7d1e5f067a9cf2166ac",
        "b2182bef8a62fddbc7f7f7f7d1e5f067a9cf2166ac",
        "b2182bd6604df4a582fddbc7d1e5f092c5de4393c32166ac",
        "b2182bd6604df4a582fddbc7f7f7f7d1e5f092c5de4393c32166ac",
        "67001fb2182bd6604df4a582fddbc7d1e5f092c5de4393c32166ac053061",
        "67001fb2182bd6604df4a582fddbc7f7f7f7d1e5f092c5de4393c32166ac053061",
    ),
    "PuOr": (
        "f1a340f7f7f7998ec3",
        "e66101fdb863b2abd25e3c99",
        "e66101fdb863f7f7f7b2abd25e3c99",
        "b35806f1a340fee0b6d8daeb998ec3542788",
        "b35806f1a340fee0b6f7f7f7d8daeb998ec3542788",
        "b35806e08214fdb863fee0b6d8daebb2abd28073ac542788",
        "b35806e08214fdb863fee0b6f7f7f7d8daebb2abd28073ac542788",
        "7f3b08b35806e08214fdb863fee0b6d8daebb2abd28073ac5427882d004b",
        "7f3b08b35806e08214fdb863fee0b6f7f7f7d8daebb2abd28073ac5427882d004b",
    ),
    "BrBG": (
        "d8b365f5f5f55ab4ac",
        "a6611adfc27d80cdc1018571",
        "a6611adfc27df5f5f580cdc1018571",
        "8c510ad8b365f6e8c3c7eae55ab4ac01665e",
        "8c510ad8b365f6e8c3f5f5f5c7eae55ab4ac01665e",
        "8c510abf812ddfc27df6e8c3c7eae580cdc135978f01665e",
        "8c510abf812ddfc27df6e8c3f5f5f5c7eae580cdc135978f01665e",
        "5430058c510abf812ddfc27df6e8c3c7eae580cdc135978f01665e003c30",
        "5430058c510abf812ddfc27df6e8c3f5f5f5c7eae580cdc135978f01665e003c30",
    ),
}
# matplotlib viridis (CC0) and cividis, sampled at linspace(0, 1, k), k = 3 ... 9.
_SAMPLED = {
    "viridis": (
        "44015421918cfde725",
        "44015431688e35b779fde725",
        "4401543b528b21918c5ec962fde725",
        "4401544144872a788e22a8847ad151fde725",
        "44015444398331688e21918c35b77990d743fde725",
        "44015446327e365c8d277f8e1fa1874ac16da0da39fde725",
        "440154472d7b3b528b2c728e21918c28ae805ec962addc30fde725",
    ),
    "cividis": (
        "00224e7d7c78fee838",
        "00224e575d6da59c74fee838",
        "00224e434e6c7d7c78bcae6cfee838",
        "00224e35456c666970948e77c8b866fee838",
        "00224e2a3f6d575d6d7d7c78a59c74d2c060fee838",
        "00224e213b6e4c556c6c6e728e8978b1a570d9c55cfee838",
        "00224e1a386f434e6c61656f7d7c789b9476bcae6cdec958fee838",
    ),
}

#: Palette name -> ``(kind, {k: packed hex})``; kind is ``'sequential'`` or ``'diverging'``.
PALETTES: dict[str, tuple[str, dict[int, str]]] = {
    **{n: ("sequential", {i + 3: s for i, s in enumerate(t)}) for n, t in _SEQUENTIAL.items()},
    **{n: ("sequential", {i + 3: s for i, s in enumerate(t)}) for n, t in _SAMPLED.items()},
    **{n: ("diverging", {i + 3: s for i, s in enumerate(t)}) for n, t in _DIVERGING.items()},
}


def palette_colors(name: str, k: int) -> list[str]:
    """``k`` hex colours of palette ``name``, light to dark (diverging: low end first).

    Parameters
    ----------
    name
        A key of :data:`PALETTES`; unknown names raise ``ValueError`` listing the valid ones.
    k
        Number of colours: 3–9 (diverging palettes 3–11).

    Examples
    --------
    >>> palette_colors("RdBu", 3)
    ['#ef8a62', '#f7f7f7', '#67a9cf']
    """
    if name not in PALETTES:
        raise ValueError(f"unknown palette {name!r}; valid palettes: {', '.join(PALETTES)}")
    kind, table = PALETTES[name]
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or int(k) not in table:
        raise ValueError(f"palette {name!r} ({kind}) has k = {min(table)}–{max(table)}, got {k!r}")
    packed = table[int(k)]
    return [f"#{packed[i : i + 6]}" for i in range(0, len(packed), 6)]


def class_colors(classes: Classes, palette: str) -> pd.Series:
    """Fill colour per unit: the palette colour of its class, :data:`NO_DATA_COLOR` where missing.

    With fewer than 3 classes (degenerate input) the colours are taken from the 3-colour palette.

    Examples
    --------
    >>> c = classify(pd.Series([1.0, 2, 3, None], index=list("abcd")), "quantiles", 3)
    >>> class_colors(c, "Blues").tolist()
    ['#deebf7', '#9ecae1', '#3182bd', '#cccccc']
    """
    if classes.k >= 3:
        colors = palette_colors(palette, classes.k)
    elif classes.k > 0:
        three = palette_colors(palette, 3)
        colors = [three[1]] if classes.k == 1 else [three[0], three[2]]
    else:
        colors = []
    return classes.classes.map(lambda i: NO_DATA_COLOR if pd.isna(i) else colors[int(i)]).astype(object)
