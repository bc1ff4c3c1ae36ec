"""Comparison analytics behind the chart tabs: ranks, percentiles, top-N, peers, unit profiles, sector quadrants.

The functions are pure: Series and DataFrames indexed by ``adcode`` in, Series and DataFrames out
(the tests use tiny inline frames). The readers at the end of the module fetch those frames from the
indicator store and the census table; they have no Dash or Plotly imports either.

Conventions
-----------
* Rank 1 is the **highest** value (as in the side panel); ties share the best rank (``method='min'``).
* The national percentile of a unit is the share (%) of units with a value **less than or equal to**
  its own: the highest unit has 100, the lowest ``100 / n``.
* Missing values stay missing (``NaN`` / ``<NA>``): they get no rank and no percentile, never 0, and
  sort after every unit with a value.

Examples
--------
>>> v = pd.Series({"a": 10.0, "b": 30.0, "c": 20.0, "d": None})
>>> national_rank(v).tolist()
[3, 1, 2, <NA>]
>>> top_n(v, ["a", "b", "c", "d"], n=2)
TopN(shown=['b', 'c'], others=['a', 'd'])
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from indicators import sector as sec
from indicators import sector_change

#: Bars drawn by the comparison chart before the rest is summarised as "others (n)".
MAX_BARS = 15
#: Units shown at each end of the national distribution when nothing is selected.
EXTREMES = 10
#: Year the peer search prefers (the census year: most indicators have it).
PEER_YEAR = 2020


# --------------------------------------------------------------------------------------------------
# Ranks and percentiles
# --------------------------------------------------------------------------------------------------


def percentile_rank(values: pd.Series) -> pd.Series:
    """National percentile of every unit: share (%) of units with a value ``<=`` its own.

    Parameters
    ----------
    values : Series
        Values by adcode; ``NaN`` where missing.

    Returns
    -------
    Series
        Floats in ``(0, 100]``, ``NaN`` where the value is missing. Missing units are not counted.

    Examples
    --------
    >>> percentile_rank(pd.Series({"a": 10.0, "b": 20.0, "c": 20.0, "d": 5.0, "e": None})).tolist()
    [50.0, 100.0, 100.0, 25.0, nan]
    """
    return (values.astype(float).rank(method="max", pct=True, na_option="keep") * 100.0).rename("percentile")


def national_rank(values: pd.Series) -> pd.Series:
    """Rank of every unit, 1 = highest value; ties share the best rank; ``<NA>`` where missing.

    Examples
    --------
    >>> national_rank(pd.Series({"a": 5.0, "b": 9.0, "c": 9.0, "d": None})).tolist()
    [3, 1, 1, <NA>]
    """
    return values.astype(float).rank(ascending=False, method="min", na_option="keep").astype("Int64").rename("rank")


def provincial_rank(values: pd.Series, province: pd.Series) -> pd.DataFrame:
    """Rank of every unit within its province (1 = highest) and the number of ranked units there.

    Parameters
    ----------
    values : Series
        Values by adcode.
    province : Series
        Province adcode by unit adcode; units without a province get no rank.

    Returns
    -------
    DataFrame
        Index as ``values``; ``rank`` (``Int64``, ``<NA>`` where the value is missing) and ``n`` (units
        of the province with a value; also given for a unit whose own value is missing).

    Examples
    --------
    >>> v = pd.Series({"a": 1.0, "b": 3.0, "c": 2.0, "d": None, "e": 7.0})
    >>> p = pd.Series({"a": "P", "b": "P", "c": "P", "d": "P", "e": "Q"})
    >>> provincial_rank(v, p).to_dict("list")
    {'rank': [3, 1, 2, None, 1], 'n': [3, 3, 3, 3, 1]}
    """
    values = values.astype(float)
    prov = province.reindex(values.index)
    rank = values.groupby(prov).rank(ascending=False, method="min", na_option="keep")
    n = values.notna().groupby(prov).transform("sum")
    return pd.DataFrame(
        {
            "rank": rank.reindex(values.index).astype("Int64"),
            "n": n.reindex(values.index).fillna(0).astype(int),
        },
        index=values.index,
    )


def order_by_value(values: pd.Series, codes: Iterable[str]) -> list[str]:
    """``codes`` (duplicates dropped) ordered by value, highest first, missing last (stable).

    Examples
    --------
    >>> order_by_value(pd.Series({"a": 1.0, "b": 3.0}), ["x", "a", "b", "a"])
    ['b', 'a', 'x']
    """
    codes = list(dict.fromkeys(codes))
    v = values.astype(float).reindex(codes)
    have = v.dropna().sort_values(ascending=False, kind="mergesort")
    return [*have.index, *(c for c in codes if c not in have.index)]


class TopN(NamedTuple):
    """Units drawn (``shown``, highest first) and those summarised as "others" (highest first, missing last)."""

    shown: list[str]
    others: list[str]


def top_n(values: pd.Series, codes: Sequence[str], n: int = MAX_BARS) -> TopN:
    """Split a selection into the ``n`` units with the highest values and the others.

    Units without a value come last, so they are shown only when the selection is small enough.

    Examples
    --------
    >>> v = pd.Series({"a": 1.0, "b": 5.0, "c": 3.0})
    >>> top_n(v, ["a", "b", "c", "z"], n=3)
    TopN(shown=['b', 'c', 'a'], others=['z'])
    >>> top_n(v, ["a", "z"], n=3)
    TopN(shown=['a', 'z'], others=[])
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    ordered = order_by_value(values, codes)
    return TopN(ordered[:n], ordered[n:])


def extremes(values: pd.Series, n: int = EXTREMES) -> TopN:
    """The ``n`` highest and ``n`` lowest units (``shown`` = highest, ``others`` = lowest), both highest first.

    With fewer than ``2 n`` values the two lists do not overlap: the lowest get what is left.

    Examples
    --------
    >>> extremes(pd.Series({"a": 1.0, "b": 5.0, "c": 3.0, "d": None, "e": 4.0}), n=2)
    TopN(shown=['b', 'e'], others=['c', 'a'])
    >>> extremes(pd.Series({"a": 1.0, "b": 5.0, "c": 3.0}), n=2)
    TopN(shown=['b', 'c'], others=['a'])
    """
    ordered = values.astype(float).dropna().sort_values(ascending=False, kind="mergesort").index.tolist()
    top = ordered[:n]
    bottom = ordered[max(n, len(ordered) - n) :]
    return TopN(top, bottom)


def unit_averages(values: pd.Series, province: pd.Series) -> tuple[pd.Series, float]:
    """Mean unit value per province and over all units (the reference for counts, whose totals dwarf a unit).

    Returns ``(Series by province adcode, national mean)``; units without a value are left out.

    Examples
    --------
    >>> v = pd.Series({"a": 1.0, "b": 3.0, "c": 8.0, "d": None})
    >>> prov, nat = unit_averages(v, pd.Series({"a": "P", "b": "P", "c": "Q", "d": "Q"}))
    >>> prov.to_dict(), nat
    ({'P': 2.0, 'Q': 8.0}, 4.0)
    """
    values = values.astype(float)
    by_province = values.groupby(province.reindex(values.index)).mean()
    have = values.dropna()
    return by_province.dropna(), (float(have.mean()) if len(have) else float("nan"))


def closest_year(years: Sequence[int], year: int) -> int:
    """The year of ``years`` closest to ``year`` (the earlier one on a tie).

    Examples
    --------
    >>> closest_year((2010, 2020), 2019), closest_year((2010, 2020), 2015), closest_year((2014,), 2020)
    (2020, 2010, 2014)
    """
    if not years:
        raise ValueError("no years to choose from")
    return min(sorted(years), key=lambda y: abs(int(y) - int(year)))


# --------------------------------------------------------------------------------------------------
# Ranking table and unit profile
# --------------------------------------------------------------------------------------------------


def ranking_table(values: pd.Series, province: pd.Series | None = None) -> pd.DataFrame:
    """All units ranked: ``adcode, value, rank, percentile`` (+ ``prov_rank, prov_n``), missing at the bottom.

    Parameters
    ----------
    values : Series
        Values by adcode.
    province : Series, optional
        Province adcode by unit; adds the provincial rank columns.

    Examples
    --------
    >>> t = ranking_table(pd.Series({"a": 2.0, "b": None, "c": 8.0}))
    >>> t[["adcode", "rank", "percentile"]].to_dict("list")
    {'adcode': ['c', 'a', 'b'], 'rank': [1, 2, None], 'percentile': [100.0, 50.0, nan]}
    """
    values = values.astype(float)
    out = pd.DataFrame(
        {"value": values, "rank": national_rank(values), "percentile": percentile_rank(values)}, index=values.index
    )
    if province is not None:
        pr = provincial_rank(values, province)
        out["prov_rank"], out["prov_n"] = pr["rank"], pr["n"]
    order = order_by_value(values, values.index)
    out = out.loc[order]
    out.index.name = "adcode"
    return out.reset_index()


def unit_profile(
    store_frame: pd.DataFrame,
    adcode: str,
    unit_codes: Sequence[str],
    province: pd.Series,
    keys: Sequence[str],
) -> pd.DataFrame:
    """One unit's latest value of every indicator with its national percentile and provincial rank.

    Parameters
    ----------
    store_frame : DataFrame
        Long table ``adcode, year, indicator, value`` (the indicator store, see :mod:`indicators.store`).
    adcode : str
        The unit.
    unit_codes : sequence of str
        The units ranked against each other (the map units; province and national rows are ignored).
    province : Series
        Province adcode by unit adcode.
    keys : sequence of str
        Indicator keys, in the order of the result.

    Returns
    -------
    DataFrame
        Index ``keys``; columns ``year`` (latest year in which the unit has a value, ``<NA>`` if none),
        ``value``, ``percentile``, ``rank``, ``n`` (units ranked nationally that year), ``prov_rank``, ``prov_n``.

    Examples
    --------
    >>> st = pd.DataFrame({"adcode": ["a", "b", "a", "b", "P"], "year": [2010, 2010, 2020, 2020, 2020],
    ...     "indicator": ["x"] * 5, "value": [1.0, 2.0, None, 5.0, 9.0]})
    >>> p = unit_profile(st, "a", ["a", "b"], pd.Series({"a": "P", "b": "P"}), ["x", "y"])
    >>> [float(p.loc["x", c]) for c in ("year", "value", "percentile", "prov_rank", "prov_n")]
    [2010.0, 1.0, 50.0, 2.0, 2.0]
    >>> p.loc["y", "year"] is pd.NA
    True
    """
    unit_codes = list(unit_codes)
    keys = list(keys)
    rows = store_frame[store_frame["indicator"].isin(keys) & store_frame["adcode"].isin(unit_codes)]
    own = rows[(rows["adcode"] == adcode) & rows["value"].notna()]
    latest = own.groupby("indicator")["year"].max().rename("year").reset_index()
    needed = rows.merge(latest, on=["indicator", "year"]).drop_duplicates(["indicator", "adcode"])
    wide = needed.pivot(index="adcode", columns="indicator", values="value").astype(float)
    wide = wide.reindex(index=unit_codes, columns=[k for k in keys if k in set(latest["indicator"])])
    prov = province.reindex(wide.index)
    present = wide.notna()
    out = pd.DataFrame(index=pd.Index(keys, name="indicator"))
    out["year"] = latest.set_index("indicator")["year"].reindex(keys).astype("Int64")
    out["value"] = wide.loc[adcode].reindex(keys) if adcode in wide.index else np.nan
    out["percentile"] = (wide.rank(method="max", pct=True) * 100.0).loc[adcode].reindex(keys)
    out["rank"] = wide.rank(ascending=False, method="min").loc[adcode].reindex(keys).astype("Int64")
    out["n"] = present.sum().reindex(keys).fillna(0).astype(int)
    out["prov_rank"] = wide.groupby(prov).rank(ascending=False, method="min").loc[adcode].reindex(keys).astype("Int64")
    prov_n = present.groupby(prov).transform("sum")
    out["prov_n"] = prov_n.loc[adcode].reindex(keys) if adcode in prov_n.index else pd.Series(0, index=out.index)
    out["prov_n"] = out["prov_n"].fillna(0).astype(int)
    return out


# --------------------------------------------------------------------------------------------------
# Peers
# --------------------------------------------------------------------------------------------------


def zscores(frame: pd.DataFrame) -> pd.DataFrame:
    """Column-wise z-scores ``(x - mean) / sd`` over the units that have a value (population sd, ``ddof=0``).

    A column without spread (sd 0 or fewer than two values) gives ``NaN``.

    Examples
    --------
    >>> zscores(pd.DataFrame({"x": [1.0, 3.0, None]}, index=list("abc")))["x"].tolist()
    [-1.0, 1.0, nan]
    """
    frame = frame.astype(float)
    sd = frame.std(ddof=0)
    return (frame - frame.mean()) / sd.where(sd > 0)


class PeerResult(NamedTuple):
    """Outcome of :func:`peer_distances`.

    ``table``: the nearest units (index adcode, column ``distance``), nearest first. ``n_compared``: units
    compared (all indicators present, the target excluded). ``excluded``: units left out because an
    indicator is missing. ``dropped``: indicators without spread, left out of the distance.
    """

    table: pd.DataFrame
    n_compared: int
    excluded: list[str]
    dropped: list[str]


def peer_distances(frame: pd.DataFrame, target: str, n: int = 5) -> PeerResult:
    r"""The ``n`` units most similar to ``target`` by standardised Euclidean distance.

    .. math:: d(i, t) = \sqrt{\sum_k (z_{ik} - z_{tk})^2}

    with :math:`z_{ik}` the z-score of indicator *k* over all units having it (:func:`zscores`).
    Units missing any indicator are excluded (and listed); ties are broken by adcode.

    Parameters
    ----------
    frame : DataFrame
        Units x indicators (index adcode).
    target : str
        The unit to find peers for; it must have every indicator.
    n : int
        Number of peers.

    Raises
    ------
    ValueError
        No indicators, unknown target, or a target missing indicators (named in the message).

    Examples
    --------
    >>> f = pd.DataFrame({"x": [1.0, 3.0, 1.0, 3.0], "y": [0.0, 0.0, 4.0, 4.0]}, index=list("ABCD"))
    >>> r = peer_distances(f, "A", n=3)
    >>> r.table["distance"].round(3).to_dict()
    {'B': 2.0, 'C': 2.0, 'D': 2.828}
    """
    if frame.shape[1] == 0:
        raise ValueError("no indicators given for the peer search")
    if target not in frame.index:
        raise ValueError(f"unit {target!r} is not among the compared units")
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    missing = [c for c in frame.columns if pd.isna(frame.loc[target, c])]
    if missing:
        raise ValueError(f"unit {target!r} has no value of {missing}")
    z = zscores(frame)
    dropped = [c for c in z.columns if z[c].isna().all()]
    if dropped:
        warnings.warn(f"indicators without spread left out of the distance: {dropped}", UserWarning, stacklevel=2)
        z = z.drop(columns=dropped)
        if z.shape[1] == 0:
            raise ValueError("no indicator with spread left for the peer search")
    complete = frame.drop(columns=dropped).notna().all(axis=1)
    excluded = sorted(c for c in frame.index[~complete] if c != target)
    others = z[complete & (z.index != target)]
    dist = np.sqrt(((others - z.loc[target]) ** 2).sum(axis=1))
    table = pd.DataFrame({"distance": dist}).rename_axis("adcode").reset_index()
    table = table.sort_values(["distance", "adcode"], kind="mergesort").head(n).set_index("adcode")
    return PeerResult(table, int(len(others)), excluded, dropped)


# --------------------------------------------------------------------------------------------------
# Sector quadrant
# --------------------------------------------------------------------------------------------------


def sector_quadrant(
    census: pd.DataFrame,
    adcode: str,
    sectors: Sequence[str] = sec.ANALYSIS_SECTORS,
    base_year: int = 2010,
    end_year: int = 2020,
) -> pd.DataFrame:
    """Location quotient and relative growth of every census sector of one unit, with its quadrant.

    Uses :func:`indicators.sector.census_sector_matrix` (census long-form **sample** counts),
    :func:`~indicators.sector.location_quotient` against the nation (end year),
    :func:`~indicators.sector_change.sector_growth` of the sample counts between the two censuses (base year
    re-keyed to end-year codes with :func:`indicators.regions.harmonise_adcodes`) and
    :func:`~indicators.sector_change.lq_growth_quadrant`.

    Parameters
    ----------
    census : DataFrame
        The census industry table (``census_employment_by_industry_2010_2020.csv``).
    adcode : str
        The unit (end-year code).
    sectors : sequence of str
        Sector keys (default: the 19 analysis sectors).

    Returns
    -------
    DataFrame
        Index sector key; columns ``lq`` (end year, vs nation), ``share`` (% of the unit's sample
        employment, end year), ``local_growth`` and ``national_growth`` (fractions, base → end),
        ``relative_growth`` (``local - national``, percentage points) and ``quadrant`` (a key of
        :data:`indicators.sector.QUADRANTS`; ``None`` where growth is unknown, e.g. a unit created after
        the base year).

    Raises
    ------
    ValueError
        The unit has no end-year census row.

    Examples
    --------
    >>> census = pd.DataFrame({
    ...     "adcode": ["130100", "130200", "130000"] * 2, "year": [2010] * 3 + [2020] * 3,
    ...     "unit_type": ["prefecture", "prefecture", "province"] * 2,
    ...     "emp_sample_total_persons": [100.0, 100.0, 200.0] * 2,
    ...     "emp_sample_manuf_persons": [50.0, 30.0, 80.0, 60.0, 20.0, 80.0],
    ...     "emp_sample_ict_persons": [50.0, 70.0, 120.0, 40.0, 80.0, 120.0]})
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     q = sector_quadrant(census, "130100", sectors=["manuf", "ict"])
    >>> q[["lq", "relative_growth", "quadrant"]].round(3).to_dict("index")["manuf"]
    {'lq': 1.5, 'relative_growth': 20.0, 'quadrant': 'specialised_growing'}
    """
    from indicators.regions import harmonise_adcodes

    sectors = list(sectors)
    end = sec.census_sector_matrix(census, end_year, sectors=sectors)
    if adcode not in end.index:
        raise ValueError(f"unit {adcode!r} has no census row in {end_year}")
    nat_end = sec.census_national_totals(census, end_year, sectors=sectors)
    nat_base = sec.census_national_totals(census, base_year, sectors=sectors)
    base = harmonise_adcodes(sec.census_sector_matrix(census, base_year, sectors=sectors))
    return quadrant_of(adcode, end, base, nat_end, nat_base, sectors)


def quadrant_of(
    adcode: str,
    end: pd.DataFrame,
    base: pd.DataFrame,
    nat_end: pd.Series,
    nat_base: pd.Series,
    sectors: Sequence[str] = sec.ANALYSIS_SECTORS,
) -> pd.DataFrame:
    """The sector quadrant of one unit from sector matrices (the rule behind :func:`sector_quadrant`).

    ``end``/``base``: units x sectors sample employment of the end and base year, the base already keyed
    onto end-year units of the same territory (a unit missing from ``base`` gets LQ and share only);
    ``nat_end``/``nat_base``: national totals by sector. Columns as :func:`sector_quadrant`.

    Examples
    --------
    >>> end = pd.DataFrame({"manuf": [60.0], "ict": [40.0]}, index=["A"])
    >>> base = pd.DataFrame({"manuf": [50.0], "ict": [50.0]}, index=["A"])
    >>> nat = pd.Series({"manuf": 80.0, "ict": 120.0})
    >>> q = quadrant_of("A", end, base, nat, nat, ["manuf", "ict"])
    >>> q[["lq", "relative_growth", "quadrant"]].round(3).to_dict("index")["manuf"]
    {'lq': 1.5, 'relative_growth': 20.0, 'quadrant': 'specialised_growing'}
    >>> quadrant_of("A", end, base.iloc[:0], nat, nat, ["manuf", "ict"])["quadrant"].tolist()
    [None, None]
    """
    sectors = list(sectors)
    if adcode not in end.index:
        raise ValueError(f"unit {adcode!r} has no sector row in the end year")
    lq = sec.location_quotient(end.loc[[adcode], sectors], reference_totals=nat_end).loc[adcode]
    share = sec.sector_shares(end.loc[[adcode], sectors]).loc[adcode] * 100.0
    if adcode in base.index:
        growth = sector_change.sector_growth(base.loc[[adcode], sectors], end.loc[[adcode], sectors], nat_base, nat_end)
        local, national = growth.local.loc[adcode], growth.national
    else:
        local = pd.Series(np.nan, index=sectors)
        national = nat_end / nat_base.where(nat_base > 0) - 1.0
    one_row = pd.Index([adcode])
    quadrant = sector_change.lq_growth_quadrant(
        pd.DataFrame([lq.reindex(sectors).to_numpy()], index=one_row, columns=sectors),
        pd.DataFrame([local.reindex(sectors).to_numpy()], index=one_row, columns=sectors),
        national.reindex(sectors),
    ).iloc[0]
    out = pd.DataFrame(
        {
            "lq": lq.reindex(sectors),
            "share": share.reindex(sectors),
            "local_growth": local.reindex(sectors),
            "national_growth": national.reindex(sectors),
        }
    )
    out["relative_growth"] = (out["local_growth"] - out["national_growth"]) * 100.0
    out["quadrant"] = quadrant
    out.index.name = "sector"
    return out


# --------------------------------------------------------------------------------------------------
# Readers (indicator store, census table)
# --------------------------------------------------------------------------------------------------


def indicator_panel(key: str, years: Sequence[int] | None = None) -> pd.DataFrame:
    """Units x years values of one indicator from the store (default: every year with data).

    Examples
    --------
    >>> indicator_panel("pop_resident").loc["640100"].round(1).tolist()
    [199.3, 285.9]
    """
    from indicators import store

    years = list(store.available_years(key) if years is None else years)
    return pd.DataFrame({int(y): store.indicator_values(key, int(y)) for y in years})


def national_series(key: str, years: Sequence[int]) -> pd.Series:
    """National values of one indicator by year (``NaN`` where the aggregation gives none)."""
    from indicators import store

    return pd.Series({int(y): store.national_value(key, int(y)) for y in years}, dtype=float)


def peer_year(years: Sequence[int]) -> int:
    """Year used for an indicator in the peer search: :data:`PEER_YEAR` when it has it, else the closest."""
    return closest_year(years, PEER_YEAR)


@lru_cache(maxsize=1)
def _census_table() -> pd.DataFrame:
    from indicators.ingest import load_table

    return load_table("census_industry")


@lru_cache(maxsize=512)
def census_quadrant(adcode: str) -> pd.DataFrame:
    """:func:`sector_quadrant` of one map unit on the vendored census table (warnings of the 2010 re-keying muted)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return sector_quadrant(_census_table(), adcode)


def is_missing(value) -> bool:
    """``True`` for ``None``, ``NaN`` and ``pd.NA``.

    >>> is_missing(None), is_missing(float("nan")), is_missing(pd.NA), is_missing(0.0)
    (True, True, True, False)
    """
    if value is None or value is pd.NA:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return False
