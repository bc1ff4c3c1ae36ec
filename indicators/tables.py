"""The reconciled tables of one store build and the flag rules applied to their values.

:class:`Tables` loads each vendored table once per build (codes reconciled by
:func:`indicators.codes.reconcile`) and caches break flags and derived frames shared by several
recipes. The flag rules (see :mod:`indicators.store`, "Flags"):

* :func:`series_break_flags`: a yearly series jumps (year-on-year ratio outside
  [:data:`BREAK_LOW`, :data:`BREAK_HIGH`]) or a count is reported as 0;
* :func:`mismatch_flags`: a 2010 figure on a territory that differs from the unit's 2020 territory
  (:func:`indicators.codes.census_2010_territory_mismatch`).

Examples
--------
>>> join("a", "", "b")
'a; b'
>>> df = pd.DataFrame({"adcode": ["110000", "110000"], "year": [2010, 2011], "v": [1.0, 5.0]})
>>> series_break_flags(df, "v", "x").tolist()[1][:16]
'x: series break,'
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import pandas as pd

from indicators import codes
from indicators.ingest import load_table

#: Year-on-year ratio bounds of the break rule.
BREAK_LOW, BREAK_HIGH = 0.5, 2.0
#: Longest excursion (years) that counts as a temporary outlier run rather than a level shift.
BREAK_MAX_RUN = 3


class Tables:
    """Reconciled tables, loaded once per build."""

    def __init__(self) -> None:
        self._cache: dict[str, pd.DataFrame] = {}
        self._flags: dict[tuple[str, str], pd.Series] = {}
        self._derived: dict[str, object] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._cache:
            self._cache[name] = codes.reconcile(load_table(name), name)
        return self._cache[name]

    def breaks(self, name: str, column: str, label: str) -> pd.Series:
        """:func:`series_break_flags` of one table column, computed once."""
        if (name, column) not in self._flags:
            self._flags[(name, column)] = series_break_flags(self[name], column, label)
        return self._flags[(name, column)]

    def derived(self, name: str, compute: Callable[[Tables], object]) -> object:
        """``compute(self)`` (e.g. a sector matrix shared by several recipes), computed once per build."""
        if name not in self._derived:
            self._derived[name] = compute(self)
        return self._derived[name]


def join(*parts: str) -> str:
    """The non-empty flag texts joined with ``"; "``."""
    return "; ".join(p for p in parts if p)


def join_series(*series: pd.Series) -> pd.Series:
    """Element-wise :func:`join` of flag Series, aligned on the first one's index."""
    out = series[0].fillna("")
    for s in series[1:]:
        s = s.reindex(out.index).fillna("")
        out = pd.Series([join(a, b) for a, b in zip(out, s, strict=True)], index=out.index, dtype=object)
    return out


def series_break_flags(frame: pd.DataFrame, column: str, label: str) -> pd.Series:
    """Flag texts for the breaks of one yearly series, aligned with ``frame``'s index.

    Rule: consecutive years whose ratio ``v_t / v_(t−1)`` lies outside [0.5, 2] form a jump. If within
    :data:`BREAK_MAX_RUN` years the series returns to within [0.5, 2] of the level before the jump, the
    years in between are flagged as an excursion and the return year is not; otherwise the first year
    after the jump is flagged as a level shift. A value of exactly 0 is flagged as such and skipped.

    Parameters
    ----------
    frame
        Columns ``adcode``, ``year`` and ``column``.
    column
        The series to screen.
    label
        Short name used in the flag text.

    Returns
    -------
    pandas.Series
        Object dtype, ``""`` where nothing is flagged.

    Examples
    --------
    >>> df = pd.DataFrame(
    ...     {"adcode": ["640100"] * 5, "year": range(2012, 2017), "v": [33.5, 35, 78.5, 78.7, 35.5]}
    ... )
    >>> series_break_flags(df, "v", "emp").str.len().gt(0).tolist()
    [False, False, True, True, False]
    """
    flags = pd.Series("", index=frame.index, dtype=object)
    present = frame[frame[column].notna()]
    for _code, group in present.sort_values("year").groupby("adcode", sort=False):
        years = group["year"].to_numpy()
        values = group[column].to_numpy(dtype=float)
        index = group.index.to_numpy()
        for i, v in enumerate(values):
            if v == 0:
                flags[index[i]] = join(flags[index[i]], f"{label}: reported as 0")
        i = 1
        while i < len(values):
            prev, cur = values[i - 1], values[i]
            if years[i] - years[i - 1] != 1 or prev == 0 or cur == 0:
                i += 1
                continue
            ratio = cur / prev
            if BREAK_LOW <= ratio <= BREAK_HIGH:
                i += 1
                continue
            back = None
            for j in range(i + 1, min(i + 1 + BREAK_MAX_RUN, len(values))):
                if years[j] - years[j - 1] != 1:
                    break
                if values[j] != 0 and BREAK_LOW <= values[j] / prev <= BREAK_HIGH:
                    back = j
                    break
            if back is not None:
                for t in range(i, back):
                    flags[index[t]] = join(
                        flags[index[t]],
                        f"{label}: {years[t]} value {values[t]:g} out of line with {years[i - 1]} "
                        f"({prev:g}) and "
                        f"{years[back]} ({values[back]:g}); year-on-year ratio outside [0.5, 2]",
                    )
                i = back + 1
            else:
                flags[index[i]] = join(
                    flags[index[i]],
                    f"{label}: series break, {cur:g} against {prev:g} in {years[i - 1]} (ratio {ratio:.2f}, "
                    "outside [0.5, 2])",
                )
                i += 1
    return flags


@lru_cache(maxsize=1)
def mismatch_2010() -> dict[str, tuple[str, float]]:
    """Units of :func:`indicators.codes.census_2010_territory_mismatch`: code -> (text, 2010 gap %)."""
    mm = codes.census_2010_territory_mismatch()
    return {
        r.adcode: (
            f"2010 census-yearbook territory differs from the 2020 unit (yearbook 2010 population "
            f"{r.gap_2010_pct:+.1f} % vs the boundary-adjusted figure, {r.gap_2020_pct:+.1f} % in 2020)",
            float(r.gap_2010_pct),
        )
        for r in mm.itertuples()
    }


def mismatch_flags(frame: pd.DataFrame, text: str | None = None) -> pd.Series:
    """Flag the 2010 rows of units whose 2010 territory differs from 2020.

    Without ``text``: the census-yearbook units (tables 7 and 8) of the mismatch rule. With ``text``:
    figures that combine table 1's boundary-adjusted 2010 residents with 2010 figures on 2010
    boundaries; only units whose 2010 gap itself exceeds the threshold are flagged (a gap seen only in
    2020 concerns the 2020 bulletin, not the 2010 territory).
    """
    mm = mismatch_2010()
    if text is not None:
        mm = {c: v for c, v in mm.items() if abs(v[1]) > codes.CENSUS_TERRITORY_GAP_PP}
    return pd.Series(
        [
            (text or mm[c][0]) if (y == 2010 and c in mm) else ""
            for c, y in zip(frame["adcode"], frame["year"], strict=True)
        ],
        index=frame.index,
        dtype=object,
    )
