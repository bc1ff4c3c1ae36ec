"""Classes fixed across years: one classification of the values of all years pooled, so that a colour
means the same value in every year of a time playback (and in the two maps of a year comparison).

Pure functions (pandas and :mod:`indicators.classify`); the map's colours for them come from
:func:`indicators.display.class_colors` as for a single year.

Examples
--------
>>> import pandas as pd
>>> frames = pooled_classes({2010: pd.Series([1.0, 2.0], index=["a", "b"]),
...                          2020: pd.Series([3.0, None], index=["a", "b"])}, "equal_interval", 3)
>>> [round(b, 2) for b in frames.classes.bins], frames.by_year[2010].tolist(), frames.by_year[2020].tolist()
([1.67, 2.33, 3.0], [0, 1], [2, <NA>])
>>> frames.counts[2010], frames.missing[2020]
((1, 1, 0), 1)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.classify import Classes, classify

#: Fisher-Jenks is quadratic in the number of values: above this many pooled values its breaks are
#: computed on this many evenly spaced order statistics of them (deterministic; the classes of every
#: value still follow those breaks).
FISHER_JENKS_MAX_VALUES = 400


@dataclass(frozen=True)
class PooledClasses:
    """One classification of all years' values and each year's classes, counts and missing values."""

    classes: Classes
    by_year: dict[int, pd.Series]
    counts: dict[int, tuple[int, ...]]
    missing: dict[int, int]


def pooled_classes(
    values_by_year: Mapping[int, pd.Series],
    scheme: str = "quantiles",
    k: int = 5,
    diverging: bool = False,
    breaks: tuple[float, ...] = (),
) -> PooledClasses:
    """Classify the values of all years together; split the classes by year.

    Parameters
    ----------
    values_by_year
        ``{year: values indexed by admin code}`` (the same index in every year is not required).
    scheme, k, diverging, breaks
        As :func:`indicators.classify.classify` (``user_defined`` breaks are the same in every year anyway).

    Raises
    ------
    ValueError
        For no years, or what :func:`~indicators.classify.classify` rejects.
    """
    if not values_by_year:
        raise ValueError("no years to classify")
    parts = []
    for year, values in sorted(values_by_year.items()):
        s = pd.to_numeric(values, errors="coerce").astype("float64")
        parts.append(pd.Series(s.to_numpy(), index=pd.MultiIndex.from_product([[int(year)], s.index.astype(str)])))
    pooled = pd.concat(parts)
    present = pooled.dropna()
    if scheme == "fisher_jenks" and len(present) > FISHER_JENKS_MAX_VALUES:
        ordered = np.sort(present.to_numpy())
        picks = np.unique(np.linspace(0, len(ordered) - 1, FISHER_JENKS_MAX_VALUES).round().astype(int))
        sample = classify(pd.Series(ordered[picks]), scheme, k, diverging=diverging)
        classes = classify(pooled, "user_defined", breaks=tuple(b for b in sample.bins if not np.isnan(b)))
    else:
        classes = classify(pooled, scheme, k, breaks=breaks or None, diverging=diverging)
    by_year, counts, missing = {}, {}, {}
    for year in sorted(values_by_year):
        c = classes.classes.xs(int(year), level=0)
        by_year[int(year)] = c
        present_c = c.dropna().astype(int)
        counts[int(year)] = tuple(int((present_c == i).sum()) for i in range(classes.k))
        missing[int(year)] = int(c.isna().sum())
    return PooledClasses(classes, by_year, counts, missing)


def missing_years(years) -> list[int]:
    """The years between the first and the last of ``years`` that have no data.

    >>> missing_years([2000, 2001, 2004, 2005])
    [2002, 2003]
    """
    ys = sorted({int(y) for y in years})
    return [y for y in range(ys[0], ys[-1] + 1) if y not in ys] if ys else []


def year_ranges(years) -> str:
    """Years written as runs: ``2003, 2011–2019``.

    >>> year_ranges([2003, 2011, 2012, 2013])
    '2003, 2011–2013'
    """
    ys = sorted({int(y) for y in years})
    runs: list[list[int]] = []
    for y in ys:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)
