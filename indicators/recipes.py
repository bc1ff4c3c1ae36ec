"""Shared building blocks of the indicator recipes (how each registry indicator is computed).

A :class:`Recipe` turns the reconciled tables (:class:`indicators.tables.Tables`) into rows
``adcode, year, value, flag, suspect, level`` plus component columns ``c0, c1, ...`` (built with
:func:`rows`); its ``combine`` maps summed components to a province or national value (``ratio``
aggregation, e.g. :func:`ratio`, :func:`pct_change`, :func:`pp_change`). :data:`RECIPES` holds one
recipe per registry key; the family modules (:mod:`indicators.families`) fill it together with the
registry, and :mod:`indicators.store` runs it.

Examples
--------
>>> ratio()(1.0, 4.0), ratio(1.0)(1.0, 4.0)
(25.0, 0.25)
>>> round(pct_change(110.0, 100.0), 9), round(pp_change(30.0, 100.0, 20.0, 100.0), 9)
(10.0, 10.0)
>>> r = rows(pd.DataFrame({"adcode": ["110000"], "year": [2020]}), [1.5], [[3.0], [2.0]], level="unit")
>>> list(r.columns), bool(r.suspect[0])
(['adcode', 'year', 'value', 'flag', 'suspect', 'level', 'c0', 'c1'], False)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators import codes
from indicators.tables import Tables, join_series, mismatch_flags

#: A GDP row whose three sectors differ from GDP by more than this (%) is flagged.
GDP_GAP_LIMIT_PCT = 5.0


@dataclass(frozen=True)
class Recipe:
    """How one indicator is computed.

    ``compute`` returns rows ``adcode, year, value, flag, level`` plus component columns ``c0, c1, ...``
    (``level`` is ``'unit'`` or ``'province'``; province rows only for census tables). ``combine`` maps
    the summed components to a value (``ratio`` aggregation); for ``sum`` the values are added.
    """

    compute: Callable[[Tables], pd.DataFrame]
    combine: Callable[..., float] | None = None


def rows(frame: pd.DataFrame, value, comps=(), flag=None, level=None, informational: bool = False) -> pd.DataFrame:
    """Assemble recipe output. ``informational`` flags are notes that do not cast doubt on the value
    (they do not exclude it from aggregates); all other flags do."""
    out = pd.DataFrame({"adcode": frame["adcode"].to_numpy(), "year": frame["year"].to_numpy()})
    out["value"] = np.asarray(value, dtype=float)
    out["flag"] = (flag.to_numpy() if flag is not None else "") if not isinstance(flag, str) else flag
    out["suspect"] = False if informational else (out["flag"].astype(str) != "")
    if level is None:
        level = np.where(
            frame.get("unit_type", pd.Series("", index=frame.index)).to_numpy() == "province",
            "province",
            "unit",
        )
    out["level"] = level
    for i, c in enumerate(comps):
        out[f"c{i}"] = np.asarray(c, dtype=float)
    return out


def ratio_rows(frame: pd.DataFrame, num, den, flag=None, scale: float = 100.0, **kwargs) -> pd.DataFrame:
    """:func:`rows` of a ratio indicator: value ``scale × num / den``, components ``num, den``.

    Its ``combine`` is ``ratio(scale)``, so a province's value is ``scale × Σ num / Σ den``; ``kwargs``
    (``level``, ``informational``) go to :func:`rows`.

    Examples
    --------
    >>> frame = pd.DataFrame({"adcode": ["110000"], "year": [2020], "n": [1.0], "d": [4.0]})
    >>> r = ratio_rows(frame, frame.n, frame.d, level="unit")
    >>> float(r.value[0]), float(r.c0[0]), float(r.c1[0])
    (25.0, 1.0, 4.0)
    """
    return rows(frame, scale * num / den, [num, den], flag, **kwargs)


def ratio(scale: float = 100.0) -> Callable[..., float]:
    """``combine`` of a ratio indicator: ``scale × numerator / denominator``."""
    return lambda n, d: scale * n / d


def pct_change(n: float, d: float) -> float:
    """Percentage change from ``d`` to ``n``: ``(n / d − 1) × 100``."""
    return (n / d - 1) * 100


def pp_change(n1: float, d1: float, n0: float, d0: float) -> float:
    """Change of a share in percentage points: ``100 × (n1 / d1 − n0 / d0)``."""
    return 100 * (n1 / d1 - n0 / d0)


def residents(t: Tables, frame: pd.DataFrame, year: int | None = None) -> pd.Series:
    """Census residents (10,000 persons) of each row of ``frame`` (its ``adcode`` and ``year``, or ``year``).

    ``NaN`` where the census table has no figure; aligned with ``frame``'s index.
    """
    pop = t["census_population"].set_index(["adcode", "year"])["pop_resident_10k"]
    years = frame["year"] if year is None else [year] * len(frame)
    return pd.Series([pop.get((c, y), np.nan) for c, y in zip(frame["adcode"], years, strict=True)], index=frame.index)


def per_census_resident(
    t: Tables,
    frame: pd.DataFrame,
    column: str,
    flags: pd.Series,
    figure: str,
    scale: float = 100.0,
    num_scale: float = 1.0,
    den_scale: float = 1.0,
) -> pd.DataFrame:
    """Rows of ``scale × column / census residents`` for the census years (2010, 2020) of ``frame``.

    Components are ``column × num_scale`` and ``residents × den_scale`` (so ``combine`` is
    ``ratio(scale)``). ``flags`` (aligned with ``frame``) are joined with the note that 2010 residents
    are on 2020 boundaries while the 2010 ``figure`` is on 2010 boundaries, where that territory changed.

    Examples
    --------
    >>> frame = pd.DataFrame({"adcode": ["640100", "640100"], "year": [2019, 2020], "emp": [50.0, 60.0]})
    >>> r = per_census_resident(Tables(), frame, "emp", pd.Series(["", ""]), "2010 employment")
    >>> r.year.tolist(), round(float(r.value[0]), 2), round(float(r.c1[0]), 2)  # 60 / 285.91 × 100
    ([2020], 20.99, 285.91)
    """
    sel = frame.year.isin([2010, 2020])
    f = frame[sel]
    note = join_series(
        flags[sel],
        mismatch_flags(f, f"2010 census residents are on 2020 boundaries, {figure} on 2010 boundaries"),
    )
    num, den = f[column] * num_scale, residents(t, f) * den_scale
    return ratio_rows(f, num, den, note, scale, level="unit")


def census_agri_notes(census: pd.DataFrame) -> pd.Series:
    """The census industry table's agriculture correction notes (Hebei 2010), ``""`` elsewhere; aligned."""
    note = census.data_note.fillna("").astype(str)
    return note.where(note.str.startswith("agri"), "")


def change_between(
    frame: pd.DataFrame, column: str, flags: pd.Series, start: int, end: int, label: str
) -> pd.DataFrame:
    """Percentage change of ``column`` from ``start`` to ``end`` per code (shown at ``end``).

    The change is ``NaN`` with a note when either value is flagged or the unit's territory changed in
    between (:func:`indicators.codes.territory_break_between`).
    """
    f = frame[["adcode", "year", column]].assign(_flag=flags.to_numpy())
    a = f[f.year == start].set_index("adcode")
    b = f[f.year == end].set_index("adcode")
    j = a.merge(b, how="inner", left_index=True, right_index=True, suffixes=("_a", "_b"))
    j = j[j[f"{column}_a"].notna() & j[f"{column}_b"].notna()]
    notes = []
    for code, fa, fb in zip(j.index, j["_flag_a"], j["_flag_b"], strict=True):
        reasons = []
        if fa:
            reasons.append(f"{start} value flagged ({fa})")
        if fb:
            reasons.append(f"{end} value flagged ({fb})")
        event = codes.territory_break_between(code, start, end)
        if event is not None:
            reasons.append(f"territory changed in {event.year}: {event.reason}")
        notes.append(f"no {label} {start}→{end}: " + "; ".join(reasons) if reasons else "")
    blocked = np.array([bool(n) for n in notes], dtype=bool)
    n = j[f"{column}_b"].to_numpy(dtype=float).copy()
    d = j[f"{column}_a"].to_numpy(dtype=float).copy()
    n[blocked] = np.nan
    d[blocked] = np.nan
    out = pd.DataFrame({"adcode": j.index.to_numpy(), "year": end})
    return rows(out, pct_change(n, d), [n, d], pd.Series(notes, dtype=object), level="unit")


def gdp_flags(t: Tables) -> pd.Series:
    """Flags of the GDP table: sector sum off GDP by more than :data:`GDP_GAP_LIMIT_PCT`, and GDP series breaks."""
    g = t["gdp"]
    gap = g.sector_sum_gap_pct
    gap_flag = pd.Series(
        [
            f"sector sum differs from GDP by {x:+.1f} % (limit ±{GDP_GAP_LIMIT_PCT:g} %)"
            if abs(x) > GDP_GAP_LIMIT_PCT
            else ""
            for x in gap.fillna(0)
        ],
        index=g.index,
        dtype=object,
    )
    return join_series(gap_flag, t.breaks("gdp", "gdp_100m_yuan", "GDP"))


#: Registry key -> recipe; filled by :func:`indicators.families.common.declare` with the registry.
RECIPES: dict[str, Recipe] = {}
