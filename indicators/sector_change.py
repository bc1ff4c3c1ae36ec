"""Sector change between two years: growth, shift-share, LQ-growth quadrants, sector potential.

Matrices as in :mod:`indicators.sector` (``units x sectors``, index ``adcode``); ``base`` and ``end``
are the two years' matrices, national totals default to their column sums.

Examples
--------
>>> base = pd.DataFrame({"manuf": [50.0, 50.0], "ict": [50.0, 50.0]}, index=pd.Index(["A", "B"], name="adcode"))
>>> end = pd.DataFrame({"manuf": [60.0, 40.0], "ict": [50.0, 50.0]}, index=base.index)
>>> round(float(sector_growth(base, end).local.loc["A", "manuf"]), 6)
0.2
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from indicators.sector import (
    POTENTIAL_SECTORS,
    check_matrix,
    check_sectors,
    location_quotient,
    national_totals_of,
)

# --------------------------------------------------------------------------------------------
# Growth, shift-share and quadrants
# --------------------------------------------------------------------------------------------


class SectorGrowth(NamedTuple):
    """Growth rates ``end / base - 1``: ``local`` (units x sectors) and ``national`` (by sector)."""

    local: pd.DataFrame
    national: pd.Series


def _align(base: pd.DataFrame, end: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    base = check_matrix(base, "base")
    end = check_matrix(end, "end")
    sectors = [c for c in base.columns if c in end.columns]
    if not sectors:
        raise ValueError("base and end share no sector columns")
    only = sorted(set(base.index) ^ set(end.index))
    if only:
        warnings.warn(
            f"{len(only)} unit(s) present in only one of base/end are left out: {only[:10]}",
            UserWarning,
            stacklevel=3,
        )
    units = [u for u in base.index if u in set(end.index)]
    return base.loc[units, sectors], end.loc[units, sectors]


def sector_growth(
    base: pd.DataFrame,
    end: pd.DataFrame,
    national_base: pd.Series | None = None,
    national_end: pd.Series | None = None,
) -> SectorGrowth:
    """Local and national sector growth rates between two matrices.

    ``local = e1_ij / e0_ij - 1`` (NaN where ``e0_ij == 0``) and ``national = E1_j / E0_j - 1``, with
    ``E`` the column sums over **all** rows of each matrix unless national totals are given.

    Examples
    --------
    >>> base = pd.DataFrame({"manuf": [10.0, 10.0]}, index=["A", "B"])
    >>> end = pd.DataFrame({"manuf": [15.0, 9.0]}, index=["A", "B"])
    >>> g = sector_growth(base, end)
    >>> g.local["manuf"].round(6).tolist(), round(float(g.national["manuf"]), 6)
    ([0.5, -0.1], 0.2)
    """
    nat0 = national_totals_of(check_matrix(base, "base"), national_base, "national_base")
    nat1 = national_totals_of(check_matrix(end, "end"), national_end, "national_end")
    b, e = _align(base, end)
    local = e / b.where(b > 0)
    national = nat1.reindex(b.columns) / nat0.reindex(b.columns).where(nat0 > 0)
    return SectorGrowth(local - 1.0, national - 1.0)


def shift_share(
    base: pd.DataFrame,
    end: pd.DataFrame,
    national_base: pd.Series | None = None,
    national_end: pd.Series | None = None,
) -> pd.DataFrame:
    r"""Classic (Dunn 1960) shift-share decomposition of employment change, per unit and sector.

    .. math::

        e^1_{ij} - e^0_{ij} = \underbrace{e^0_{ij} G}_{\text{national}}
          + \underbrace{e^0_{ij}(G_j - G)}_{\text{mix}}
          + \underbrace{e^0_{ij}(g_{ij} - G_j)}_{\text{competitive}}

    with :math:`G = E^1/E^0 - 1` the national growth of all sectors, :math:`G_j = E^1_j/E^0_j - 1`
    national growth of sector *j*, :math:`g_{ij} = e^1_{ij}/e^0_{ij} - 1` local growth. The
    competitive term is computed as :math:`e^1_{ij} - e^0_{ij}(1 + G_j)`, which equals the formula when
    :math:`e^0_{ij} > 0` and stays defined when a sector is new (:math:`e^0_{ij} = 0`), so the three
    components sum to :math:`e^1_{ij} - e^0_{ij}` exactly for every row.

    **Census sample counts.** Applied to the ~10 % long-form sample, this decomposes the change in
    *sample* counts. If the sampling fraction is :math:`r_0` in the base year and :math:`r_1` in the
    end year, equal across units, then the sample mix and competitive components are exactly
    :math:`r_1` times their full-count values (the fractions cancel in :math:`G_j - G` and
    :math:`g_{ij} - G_j`), and any change of sampling fraction between censuses is absorbed by the
    national component. So mix and competitive are valid up to one common scale factor: compare them
    across units and sectors relative to the unit's own sample employment (e.g. as % of base, see
    :func:`shift_share_by_unit`), never as numbers of persons. Sampling noise remains large for small
    units and small sectors.

    Parameters
    ----------
    base, end : DataFrame
        Units x sectors non-negative counts in the base and end year, with the **same unit codes**
        (harmonise vintages first, e.g. :func:`indicators.regions.harmonise_adcodes`).
    national_base, national_end : Series, optional
        National totals by sector. Default: column sums over all rows of ``base`` / ``end`` (units
        present in only one of them still count toward the nation, but are left out of the output
        with a warning).

    Returns
    -------
    DataFrame
        Tidy, one row per unit and sector: ``adcode, sector, base, end, national, mix, competitive,
        total`` with ``total = end - base = national + mix + competitive``.

    Examples
    --------
    >>> base = pd.DataFrame({"manuf": [10.0, 30.0], "ict": [10.0, 0.0]},
    ...                     index=pd.Index(["A", "B"], name="adcode"))
    >>> end = pd.DataFrame({"manuf": [10.0, 30.0], "ict": [20.0, 10.0]},
    ...                    index=pd.Index(["A", "B"], name="adcode"))
    >>> ss = shift_share(base, end)
    >>> ss.loc[ss.sector == "ict", ["adcode", "national", "mix", "competitive", "total"]]
      adcode  national   mix  competitive  total
    1      A       4.0  16.0        -10.0   10.0
    3      B       0.0   0.0         10.0   10.0
    """
    nat0 = national_totals_of(check_matrix(base, "base"), national_base, "national_base")
    nat1 = national_totals_of(check_matrix(end, "end"), national_end, "national_end")
    b, e = _align(base, end)
    nat0, nat1 = nat0.reindex(b.columns), nat1.reindex(b.columns)
    if nat0.sum() <= 0:
        raise ValueError("national base employment is zero")
    big_g = nat1.sum() / nat0.sum() - 1.0
    g_j = nat1 / nat0.where(nat0 > 0) - 1.0
    national = b * big_g
    mix = b.mul(g_j - big_g, axis=1)
    competitive = e - b.mul(1.0 + g_j, axis=1)
    parts = {"base": b, "end": e, "national": national, "mix": mix, "competitive": competitive, "total": e - b}
    long = {k: v.rename_axis(index="adcode", columns="sector").stack(future_stack=True) for k, v in parts.items()}
    out = pd.DataFrame(long).reset_index()
    return out


def shift_share_by_unit(ss: pd.DataFrame) -> pd.DataFrame:
    """Sum a :func:`shift_share` table over sectors per unit, with components as % of base employment.

    The ``*_pct_of_base`` columns are the ones to compare across units on census sample counts: they
    are free of the unit-level count scale (see the note in :func:`shift_share`; with unequal census
    sampling fractions they share one common factor ``r1 / r0`` close to 1).

    Examples
    --------
    >>> ss = pd.DataFrame({"adcode": ["A", "A"], "sector": ["x", "y"], "base": [10.0, 10.0],
    ...     "end": [15.0, 5.0], "national": [0.0, 0.0], "mix": [2.0, -2.0],
    ...     "competitive": [3.0, -3.0], "total": [5.0, -5.0]})
    >>> shift_share_by_unit(ss).loc["A", ["mix", "competitive_pct_of_base"]].tolist()
    [0.0, 0.0]
    """
    cols = ["base", "end", "national", "mix", "competitive", "total"]
    out = ss.groupby("adcode")[cols].sum(min_count=1)
    base = out["base"].where(out["base"] > 0)
    for c in ("national", "mix", "competitive", "total"):
        out[f"{c}_pct_of_base"] = out[c] / base * 100.0
    return out


def lq_growth_quadrant(
    lq_end: pd.DataFrame | pd.Series,
    local_growth: pd.DataFrame | pd.Series,
    national_growth: pd.Series | float,
) -> pd.DataFrame | pd.Series:
    """Classify unit-sectors by specialisation (LQ >= 1) and relative growth (local > national).

    ============================  =========  ==================================
    label                         LQ         local sector growth
    ============================  =========  ==================================
    ``'specialised_growing'``     >= 1       > national growth of the sector
    ``'specialised_declining'``   >= 1       <= national growth
    ``'emerging'``                < 1        > national growth
    ``'weak'``                    < 1        <= national growth
    ============================  =========  ==================================

    "Declining" is relative: the sector grows no faster than it does nationally (it may still grow).

    Parameters
    ----------
    lq_end : DataFrame or Series
        End-year location quotients (units x sectors, or one sector's Series by unit).
    local_growth : DataFrame or Series
        Local sector growth rates, aligned with ``lq_end`` (e.g. :func:`sector_growth` ``.local``).
    national_growth : Series or float
        National growth per sector (index = sector columns) for a DataFrame, a float for a Series.

    Returns
    -------
    DataFrame or Series
        Object dtype labels; ``None`` where any input is missing.

    Examples
    --------
    >>> lq = pd.Series([1.5, 1.5, 0.5, 0.5, None], index=list("ABCDE"))
    >>> growth = pd.Series([0.3, 0.1, 0.3, 0.1, 0.3], index=list("ABCDE"))
    >>> lq_growth_quadrant(lq, growth, 0.2).tolist()
    ['specialised_growing', 'specialised_declining', 'emerging', 'weak', None]
    """
    if isinstance(lq_end, pd.DataFrame):
        local_growth = local_growth.reindex(index=lq_end.index, columns=lq_end.columns)
        if np.isscalar(national_growth):
            nat = pd.DataFrame(float(national_growth), index=lq_end.index, columns=lq_end.columns)
        else:
            nat_s = pd.Series(national_growth).astype(float).reindex(lq_end.columns)
            nat = pd.DataFrame(np.tile(nat_s.to_numpy(), (len(lq_end), 1)), index=lq_end.index, columns=lq_end.columns)
        lq, loc, nat_v = lq_end.to_numpy(float), local_growth.to_numpy(float), nat.to_numpy(float)
    else:
        if not np.isscalar(national_growth):
            raise TypeError("for a Series of LQs, national_growth must be a single number")
        local_growth = pd.Series(local_growth).reindex(lq_end.index)
        lq, loc = lq_end.to_numpy(float), local_growth.to_numpy(float)
        nat_v = np.full(lq.shape, float(national_growth))
    special = lq >= 1.0
    faster = loc > nat_v
    labels = np.select(
        [special & faster, special & ~faster, ~special & faster],
        ["specialised_growing", "specialised_declining", "emerging"],
        default="weak",
    ).astype(object)
    labels[np.isnan(lq) | np.isnan(loc) | np.isnan(nat_v)] = None
    if isinstance(lq_end, pd.DataFrame):
        return pd.DataFrame(labels, index=lq_end.index, columns=lq_end.columns, dtype=object)
    return pd.Series(labels, index=lq_end.index, name=lq_end.name, dtype=object)


# --------------------------------------------------------------------------------------------
# Sector potential
# --------------------------------------------------------------------------------------------


_POTENTIAL_CRITERIA = {
    "share": "LQ rose (the sector's share of the unit's jobs grew faster than nationally)",
    "growth": "the sector grew faster in the unit than nationally (positive competitive shift)",
    "both": "both of the above",
}


def potential_sectors(
    base: pd.DataFrame,
    end: pd.DataFrame,
    national_base: pd.Series | None = None,
    national_end: pd.Series | None = None,
    sectors: Sequence[str] = POTENTIAL_SECTORS,
    min_lq: float = 1.0,
    min_count: float = 50.0,
    criterion: str = "both",
) -> pd.DataFrame:
    r"""Units x sectors flags: is the sector a *potential* sector of the unit?

    Shares and LQs here are taken **within** ``sectors`` (by default the 17 market non-farm sectors,
    :data:`POTENTIAL_SECTORS`): :math:`s_{ij} = e_{ij} / \sum_{k \in \text{sectors}} e_{ik}`.
    Sector *j* is a potential sector of unit *i* when all of these hold:

    1. specialised at the end year: :math:`LQ^1_{ij} \ge` ``min_lq`` (default 1);
    2. gaining ground, by ``criterion``:

       * ``'share'``: its share of the unit's jobs grew faster than the nation's share,
         :math:`s^1_{ij}/s^0_{ij} > S^1_j/S^0_j`, i.e. :math:`LQ^1_{ij} > LQ^0_{ij}`;
       * ``'growth'``: it grew faster in the unit than in the nation,
         :math:`g_{ij} > G_j` - the competitive component of :func:`shift_share` is positive;
       * ``'both'`` (default): both.

    3. not a sampling artefact: at least ``min_count`` end-year sample persons (default 50, about
       500 workers in the ~10 % census sample).

    Why ``'both'``: on the 2010-2020 census each test alone is dominated by an artefact. ``'share'``
    rewards shrinking economies (when a city's factories close, all its other shares rise;
    鹤岗 and 大兴安岭 get 9-10 sectors) and is uncorrelated with ``'growth'`` (Spearman 0.04 over 360
    units); ``'growth'`` mostly measures overall non-farm job growth (Spearman 0.81 with it). The
    intersection asks for a sector that gains both inside the local economy and in the national market.

    Why shares within the non-farm sectors, not over all 19: the nation's farm share fell from 48 %
    to 21 %, which lowered every non-farm LQ of an already urban city (Beijing, Shanghai and Guangzhou
    had 0 potential sectors on 19-sector LQs) and raised those of de-agrarianising rural units.

    Sampling: the share test is free of each unit's census sampling fraction; the growth test
    assumes the fraction is the same in all units (the long form was a uniform ~10 % household
    sample); a change of fraction between censuses cancels in :math:`g_{ij} - G_j`.

    Returns
    -------
    DataFrame
        Object dtype, ``True`` / ``False``, NaN for units of ``end`` missing from ``base`` (warned)
        or without employment in ``sectors``.

    Examples
    --------
    >>> base = pd.DataFrame({"manuf": [50.0, 50.0], "ict": [50.0, 50.0]}, index=["A", "B"])
    >>> end = pd.DataFrame({"manuf": [120.0, 60.0], "ict": [80.0, 140.0]}, index=["A", "B"])
    >>> potential_sectors(base, end, sectors=["manuf", "ict"]).to_dict("index")
    {'A': {'manuf': True, 'ict': False}, 'B': {'manuf': False, 'ict': True}}
    >>> potential_sectors(base, end, sectors=["manuf"], criterion="fast")
    Traceback (most recent call last):
    ...
    ValueError: unknown criterion 'fast'; valid: ['both', 'growth', 'share']
    """
    if criterion not in _POTENTIAL_CRITERIA:
        raise ValueError(f"unknown criterion {criterion!r}; valid: {sorted(_POTENTIAL_CRITERIA)}")
    sectors = check_sectors(sectors)
    lacking = [s for s in sectors if s not in base.columns or s not in end.columns]
    if lacking:
        raise ValueError(f"sectors {lacking} are not columns of both base and end")
    base = check_matrix(base[sectors], "base")
    end = check_matrix(end[sectors], "end")
    new = sorted(set(end.index) - set(base.index))
    if new:
        warnings.warn(f"{len(new)} unit(s) missing from base get NaN: {new[:10]}", UserWarning, stacklevel=3)
    nat0 = national_totals_of(base, None if national_base is None else national_base[sectors], "national_base")
    nat1 = national_totals_of(end, None if national_end is None else national_end[sectors], "national_end")
    lq0 = location_quotient(base, reference_totals=nat0).reindex(index=end.index)
    lq1 = location_quotient(end, reference_totals=nat1)
    base_aligned = base.reindex(index=end.index)
    share_up = lq1 > lq0
    # g_ij > G_j  <=>  e1 > e0 (1 + G_j); also true for a sector new to the unit (e0 = 0, e1 > 0).
    growth_up = end.gt(base_aligned.mul(nat1 / nat0.where(nat0 > 0), axis=1))
    gaining = {"share": share_up, "growth": growth_up, "both": share_up & growth_up}[criterion]
    flag = (lq1 >= min_lq) & gaining & (end >= min_count)
    out = flag.astype(object)
    out[lq0.isna() | lq1.isna() | base_aligned.isna()] = np.nan
    return out


def _score_count(flags: pd.DataFrame, end: pd.DataFrame) -> pd.Series:
    return flags.fillna(False).astype(float).sum(axis=1)


def _score_employment_share(flags: pd.DataFrame, end: pd.DataFrame) -> pd.Series:
    total = end.sum(axis=1)
    inside = end.where(flags.fillna(False).astype(bool), 0.0).sum(axis=1)
    return inside / total.where(total > 0) * 100.0


_POTENTIAL_METHODS = {"count": _score_count, "employment_share": _score_employment_share}


def sector_potential_score(
    base: pd.DataFrame,
    end: pd.DataFrame,
    national_base: pd.Series | None = None,
    national_end: pd.Series | None = None,
    sectors: Sequence[str] = POTENTIAL_SECTORS,
    min_lq: float = 1.0,
    min_count: float = 50.0,
    method: str = "count",
    criterion: str = "both",
) -> pd.Series:
    """Sector potential of each unit: the sectors in which it is specialised **and** gaining ground.

    Built on :func:`potential_sectors`: a sector counts when, among the unit's jobs in ``sectors``,
    its end-year LQ is at least ``min_lq``; its share of the unit's jobs grew faster than the
    nation's share (LQ rose) **and** it grew faster in the unit than in the nation (positive
    competitive shift) - with the default ``criterion='both'``; and it has at least ``min_count``
    end-year sample persons. In words: *the sectors in which the place is specialised and gaining
    ground both within its own economy and in the national market.*

    ``sectors`` defaults to :data:`POTENTIAL_SECTORS`, the 17 market non-farm census sectors:

    * agriculture (A) is left out: its national share fell from 48 % to 21 % between the censuses, so
      a "rising" farm LQ mostly measures slower de-agrarianisation, not a development potential;
    * public administration, social security & social organisations (S) is left out: it is
      government, not market, employment, and its share rises where the private economy is thin.

    ``method`` (registry; an unknown key raises ``ValueError`` listing the valid ones):

    * ``'count'`` (default): number of potential sectors, 0-17 with the default sectors;
    * ``'employment_share'``: % of the unit's end-year employment in ``sectors`` that works in its
      potential sectors (weights each sector by its size; a manufacturing city with one large
      potential sector scores high here and 1 on the count).

    Parameters
    ----------
    base, end : DataFrame
        Units x sectors counts with the same unit codes (e.g. census 2010 re-keyed with
        :func:`indicators.regions.harmonise_adcodes`, and census 2020).
    national_base, national_end : Series, optional
        National sector totals (e.g. :func:`census_national_totals`); default column sums.
    sectors, min_lq, min_count, criterion
        See :func:`potential_sectors`.
    method : {'count', 'employment_share'}

    Returns
    -------
    Series
        Indexed by the adcodes of ``end``, named ``'sector_potential'``; NaN where the unit is
        missing from ``base`` or has no employment in ``sectors``.

    Examples
    --------
    >>> base = pd.DataFrame({"agri": [100.0, 100.0], "manuf": [50.0, 50.0], "ict": [50.0, 50.0]},
    ...                     index=pd.Index(["A", "B"], name="adcode"))
    >>> end = pd.DataFrame({"agri": [10.0, 900.0], "manuf": [120.0, 60.0], "ict": [80.0, 140.0]},
    ...                    index=pd.Index(["A", "B"], name="adcode"))
    >>> sector_potential_score(base, end, sectors=["manuf", "ict"]).tolist()
    [1.0, 1.0]
    >>> sector_potential_score(base, end, sectors=["manuf", "ict"], method="employment_share").tolist()
    [60.0, 70.0]
    >>> sector_potential_score(base, end, method="mean")
    Traceback (most recent call last):
    ...
    ValueError: unknown method 'mean'; valid: ['count', 'employment_share']
    """
    if method not in _POTENTIAL_METHODS:
        raise ValueError(f"unknown method {method!r}; valid: {sorted(_POTENTIAL_METHODS)}")
    flags = potential_sectors(base, end, national_base, national_end, sectors, min_lq, min_count, criterion)
    known = flags.notna().all(axis=1)
    score = _POTENTIAL_METHODS[method](flags, end[flags.columns].astype(float)).where(known)
    score.name = "sector_potential"
    return score
