"""The indicator store: every registry indicator for every year in one tidy Parquet file.

:func:`build_store` computes each indicator of :data:`indicators.registry.REGISTRY` from the vendored
tables (read by :mod:`indicators.ingest`, codes reconciled by :mod:`indicators.codes`) into rows
``adcode, year, indicator, value, flag`` and writes them atomically under
:func:`web.settings.cache_dir`. The file name carries a hash of the data files, of the computing
modules' source and of :data:`STORE_VERSION`, so a change to any of them gives a new file and every
worker rebuilds or reuses the same artefact.

Rows of the store
-----------------
* map units (the 370 codes of :func:`geodata.source.unit_table`), after renames;
* retired units (Chaohu 341400, Laiwu 371200, old Ili 654100) in the years they existed — stored, not drawn;
* province rows ``xx0000`` and a national row ``000000`` holding the aggregates (municipalities are both
  a unit and a province: one row);
* a row is kept when it has a value or a flag; ``flag`` is ``""`` when there is nothing to say.

Flags
-----
Values are never changed. A value is flagged (and kept) when

* its series jumps: the year-on-year ratio lies outside [0.5, 2] (:func:`series_break_flags`);
* a count is reported as exactly 0;
* the GDP row's three sectors differ from GDP by more than 5 % (``|sector_sum_gap_pct| > 5``);
* a 2010 figure is on a territory that differs from the unit's 2020 territory
  (:func:`indicators.codes.census_2010_territory_mismatch`).

Flagged values are left out of growth and change indicators (the change becomes ``NaN`` and its flag
says why) and out of province and national aggregates (a sum becomes ``NaN``; a ratio or median is
formed without them and says so). Known territory changes (:data:`indicators.codes.TERRITORY_EVENTS`)
blank changes across them. Some flags are informational notes that do not cast doubt on the value
(the census tables' 2010 boundaries, the Hebei 2010 agriculture correction); those values are aggregated.

Aggregation
-----------
Each indicator's ``aggregation`` field says how province and national values are formed:

``sum``
    Sum of the unit values, given only when every map unit of the province (plus retired units that
    still existed that year) has a value; otherwise ``NaN`` with a flag naming the missing units.
``ratio``
    The indicator's formula applied to the summed numerator and denominator over the units that have
    both (e.g. urbanisation = Σ urban / Σ residents); a flag states the coverage when incomplete.
``median``
    Median of the unit values; coverage flagged.
``none``
    Not meaningful; no province or national rows (``NaN``).

Census indicators (tables 7 and 8, and the census population for ``pop_resident`` and
``pop_change_2010_2020``) use the tables' own province rows; the national value applies the formula to
the sums over the 31 province-level rows, so no person is counted twice.

Examples
--------
>>> s = indicator_values("pop_resident", 2020)
>>> round(s["500000"] * 1e4)
32054159
>>> national_value("migrants_other_prov", 2020)
124837153.0
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from indicators import codes
from indicators.ingest import data_files, load_table
from indicators.registry import REGISTRY, Indicator, get_indicator

logger = logging.getLogger(__name__)

#: Bump when the computation changes in a way the source hash would not catch.
STORE_VERSION = "1"
COLUMNS = ["adcode", "year", "indicator", "value", "flag"]
NATIONAL_CODE = "000000"
MUNICIPALITIES = ("110000", "120000", "310000", "500000")
#: Year-on-year ratio bounds of the break rule.
BREAK_LOW, BREAK_HIGH = 0.5, 2.0
#: Longest excursion (years) that counts as a temporary outlier run rather than a level shift.
BREAK_MAX_RUN = 3
GDP_GAP_LIMIT_PCT = 5.0
_SOURCE_MODULES = (
    "ingest.py",
    "codes.py",
    "catalog.py",
    "registry.py",
    "store.py",
    "sector_catalog.py",
    "sector.py",
    "regions.py",
)


# --------------------------------------------------------------------------------------------------
# Tables and flags
# --------------------------------------------------------------------------------------------------


class _Tables:
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

    def derived(self, name: str, compute: Callable[[_Tables], object]) -> object:
        """``compute(self)`` (e.g. a sector matrix shared by several recipes), computed once per build."""
        if name not in self._derived:
            self._derived[name] = compute(self)
        return self._derived[name]


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def _join_series(*series: pd.Series) -> pd.Series:
    out = series[0].fillna("")
    for s in series[1:]:
        s = s.reindex(out.index).fillna("")
        out = pd.Series([_join(a, b) for a, b in zip(out, s, strict=True)], index=out.index, dtype=object)
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
                flags[index[i]] = _join(flags[index[i]], f"{label}: reported as 0")
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
                    flags[index[t]] = _join(
                        flags[index[t]],
                        f"{label}: {years[t]} value {values[t]:g} out of line with {years[i - 1]} "
                        f"({prev:g}) and "
                        f"{years[back]} ({values[back]:g}); year-on-year ratio outside [0.5, 2]",
                    )
                i = back + 1
            else:
                flags[index[i]] = _join(
                    flags[index[i]],
                    f"{label}: series break, {cur:g} against {prev:g} in {years[i - 1]} (ratio {ratio:.2f}, "
                    "outside [0.5, 2])",
                )
                i += 1
    return flags


@lru_cache(maxsize=1)
def _mismatch_2010() -> dict[str, tuple[str, float]]:
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


def _mismatch_flags(frame: pd.DataFrame, text: str | None = None) -> pd.Series:
    """Flag the 2010 rows of units whose 2010 territory differs from 2020.

    Without ``text``: the census-yearbook units (tables 7 and 8) of the mismatch rule. With ``text``:
    figures that combine table 1's boundary-adjusted 2010 residents with 2010 figures on 2010
    boundaries; only units whose 2010 gap itself exceeds the threshold are flagged (a gap seen only in
    2020 concerns the 2020 bulletin, not the 2010 territory).
    """
    mm = _mismatch_2010()
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


# --------------------------------------------------------------------------------------------------
# Recipes
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipe:
    """How one indicator is computed.

    ``compute`` returns rows ``adcode, year, value, flag, level`` plus component columns ``c0, c1, ...``
    (``level`` is ``'unit'`` or ``'province'``; province rows only for census tables). ``combine`` maps
    the summed components to a value (``ratio`` aggregation); for ``sum`` the values are added.
    """

    compute: Callable[[_Tables], pd.DataFrame]
    combine: Callable[..., float] | None = None


def _rows(frame: pd.DataFrame, value, comps=(), flag=None, level=None, informational: bool = False) -> pd.DataFrame:
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


def _ratio(scale: float = 100.0) -> Callable[..., float]:
    return lambda n, d: scale * n / d


def _pct_change(n: float, d: float) -> float:
    return (n / d - 1) * 100


def _pp_change(n1: float, d1: float, n0: float, d0: float) -> float:
    return 100 * (n1 / d1 - n0 / d0)


def _pop_lookup(t: _Tables) -> pd.Series:
    pop = t["census_population"]
    return pop.set_index(["adcode", "year"])["pop_resident_10k"]


# population


def _pop_resident(t: _Tables) -> pd.DataFrame:
    pop = t["census_population"]
    units = _rows(pop, pop.pop_resident_10k, [pop.pop_resident_10k], level="unit")
    mig = t["census_migration"]
    prov = mig[mig.unit_type == "province"]
    prows = _rows(prov, prov.pop_census_persons / 1e4, [prov.pop_census_persons / 1e4], level="province")
    return pd.concat([units, prows], ignore_index=True)


def _urbanisation(t: _Tables) -> pd.DataFrame:
    pop = t["census_population"]
    return _rows(
        pop,
        100 * pop.pop_urban_10k / pop.pop_resident_10k,
        [pop.pop_urban_10k, pop.pop_resident_10k],
        level="unit",
    )


def _pop_change(t: _Tables) -> pd.DataFrame:
    pop = t["census_population"]
    wide = pop.pivot_table(index="adcode", columns="year", values="pop_resident_10k")
    p20 = pop[pop.year == 2020].copy()
    p20["p2010"] = p20.adcode.map(wide[2010])
    units = _rows(p20, p20.pop_change_2010_2020_pct, [p20.pop_resident_10k, p20.p2010], level="unit")
    mig = t["census_migration"]
    prov = mig[mig.unit_type == "province"]
    pw = prov.pivot_table(index="adcode", columns="year", values="pop_census_persons")
    pr = prov[prov.year == 2020].copy()
    pr["p2010"] = pr.adcode.map(pw[2010])
    prows = _rows(pr, _pct_change(pr.pop_census_persons, pr.p2010), [pr.pop_census_persons, pr.p2010], level="province")
    return pd.concat([units, prows], ignore_index=True)


# census migration


def _migrants(column: str, kind: str) -> Callable[[_Tables], pd.DataFrame]:
    def compute(t: _Tables) -> pd.DataFrame:
        mig = t["census_migration"]
        flags = _mismatch_flags(mig)
        if kind == "count":
            return _rows(mig, mig[column], [mig[column]], flags, informational=True)
        if kind == "pct":
            return _rows(
                mig,
                100 * mig[column] / mig.pop_census_persons,
                [mig[column], mig.pop_census_persons],
                flags,
                informational=True,
            )
        # change 2010 -> 2020 in percentage points
        m20 = mig[mig.year == 2020].copy()
        m10 = mig[mig.year == 2010].set_index("adcode")
        n0 = m20.adcode.map(m10[column])
        d0 = m20.adcode.map(m10["pop_census_persons"])
        value = _pp_change(m20[column], m20.pop_census_persons, n0, d0)
        mm = _mismatch_2010()
        blocked = m20.adcode.isin(list(mm))
        note = pd.Series(
            [f"no 2010→2020 change: {mm[c][0]}" if c in mm else "" for c in m20.adcode],
            index=m20.index,
            dtype=object,
        )
        value = value.where(~blocked)
        comps = [
            m20[column].where(~blocked),
            m20.pop_census_persons.where(~blocked),
            n0.where(~blocked),
            d0.where(~blocked),
        ]
        return _rows(m20, value, comps, note)

    return compute


# net migration and Baidu


def _net(kind: str) -> Callable[[_Tables], pd.DataFrame]:
    def compute(t: _Tables) -> pd.DataFrame:
        net = t["net_migration"]
        flags = _mismatch_flags(
            net,
            "2010 residents are on 2020 boundaries but 2010 hukou is on 2010 boundaries (territory changed)",
        )
        flags = pd.Series(
            [
                _join(f, "hukou 2020 = mean of 2019 and 2021") if (y == 2020 and u != "2019/2021") else f
                for f, y, u in zip(flags, net.year, net.hukou_years_used, strict=True)
            ],
            index=net.index,
            dtype=object,
        )
        if kind == "abs":
            return _rows(net, net.net_inmigration_est_10k, [net.net_inmigration_est_10k], flags, level="unit")
        return _rows(
            net,
            100 * net.net_inmigration_est_10k / net.pop_resident_10k,
            [net.net_inmigration_est_10k, net.pop_resident_10k],
            flags,
            level="unit",
        )

    return compute


def _baidu(kind: str) -> Callable[[_Tables], pd.DataFrame]:
    def compute(t: _Tables) -> pd.DataFrame:
        b = t["baidu_flows"]
        if kind == "net_per10k":
            pop = _pop_lookup(t)
            p = pd.Series([pop.get((c, 2020), np.nan) for c in b.adcode], index=b.index)
            return _rows(b, b.sf2020_pre_net_index / p, level="unit")
        col = {"ratio": "sf2020_pre_out_in_ratio", "interprov": "sf2020_pre_outflow_interprov_share_pct"}[kind]
        return _rows(b, b[col], level="unit")

    return compute


# CCSY employment


def _ccsy(t: _Tables) -> pd.DataFrame:
    return t["employment_wages"]


def _ccsy_flags(t: _Tables, column: str, label: str) -> pd.Series:
    return t.breaks("employment_wages", column, label)


def _emp_count(column: str, label: str) -> Callable[[_Tables], pd.DataFrame]:
    def compute(t: _Tables) -> pd.DataFrame:
        emp = _ccsy(t)
        return _rows(emp, emp[column], [emp[column]], _ccsy_flags(t, column, label), level="unit")

    return compute


def _emp_per100_resident(t: _Tables) -> pd.DataFrame:
    emp = _ccsy(t)
    flags = _ccsy_flags(t, "emp_urban_nonprivate_units_10k", "employment")
    sel = emp.year.isin([2010, 2020])
    e = emp[sel]
    pop = _pop_lookup(t)
    p = pd.Series([pop.get((c, y), np.nan) for c, y in zip(e.adcode, e.year, strict=True)], index=e.index)
    f = _join_series(
        flags[sel],
        _mismatch_flags(e, "2010 census residents are on 2020 boundaries, CCSY 2010 employment on 2010 boundaries"),
    )
    num = e.emp_urban_nonprivate_units_10k
    return _rows(e, 100 * num / p, [num, p], f, level="unit")


def _emp_per100_hukou(t: _Tables) -> pd.DataFrame:
    emp = _ccsy(t)
    f = _join_series(
        _ccsy_flags(t, "emp_urban_nonprivate_units_10k", "employment"),
        _ccsy_flags(t, "pop_hukou_10k", "hukou population"),
    )
    num, den = emp.emp_urban_nonprivate_units_10k, emp.pop_hukou_10k
    return _rows(emp, 100 * num / den, [num, den], f, level="unit")


def _emp_share(sector: str) -> Callable[[_Tables], pd.DataFrame]:
    def compute(t: _Tables) -> pd.DataFrame:
        s = t["employment_sectors"]
        share = s[f"emp_share_{sector}_pct"]
        total = s.emp_units_total_10k.where(share.notna())
        flags = t.breaks("employment_sectors", "emp_units_total_10k", "unit employment")
        return _rows(s, share, [total * share / 100, total], flags, level="unit")

    return compute


def _census_share(sector: str) -> Callable[[_Tables], pd.DataFrame]:
    def compute(t: _Tables) -> pd.DataFrame:
        c = t["census_industry"]
        num, den = c[f"emp_sample_{sector}_persons"], c.emp_sample_total_persons
        flags = _mismatch_flags(c)
        if sector == "agri":
            note = c.data_note.fillna("").astype(str)
            flags = _join_series(flags, note.where(note.str.startswith("agri"), ""))
        return _rows(c, 100 * num / den, [num, den], flags, informational=True)

    return compute


def _avg_wage(t: _Tables) -> pd.DataFrame:
    emp = _ccsy(t)
    flags = _ccsy_flags(t, "avg_wage_nonprivate_yuan_per_year", "average wage")
    wage = emp.avg_wage_nonprivate_yuan_per_year
    ok = wage.notna()
    return _rows(
        emp,
        wage,
        [emp.wage_bill_nonprivate_10k_yuan.where(ok), emp.staff_on_post_nonprivate_avg_10k.where(ok)],
        flags,
        level="unit",
    )


def _avg_wage_rel(t: _Tables) -> pd.DataFrame:
    emp = _ccsy(t)
    flags = _ccsy_flags(t, "avg_wage_nonprivate_yuan_per_year", "average wage")
    wage = emp.avg_wage_nonprivate_yuan_per_year
    on_map = emp.adcode.isin(set(codes.map_units().adcode))
    medians = wage.where(on_map & (flags == "")).groupby(emp.year).median()
    return _rows(emp, 100 * wage / emp.year.map(medians), flag=flags, level="unit")


def _unemployment(t: _Tables) -> pd.DataFrame:
    emp = _ccsy(t)
    f = _join_series(
        _ccsy_flags(t, "unemployed_registered_urban_persons", "registered unemployed"),
        _ccsy_flags(t, "emp_urban_nonprivate_units_10k", "employment"),
    )
    u = emp.unemployed_registered_urban_persons
    den = u + emp.emp_urban_nonprivate_units_10k * 1e4
    return _rows(emp, 100 * u / den, [u, den], f, level="unit")


def _change_between(
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
    return _rows(out, _pct_change(n, d), [n, d], pd.Series(notes, dtype=object), level="unit")


def _emp_change(t: _Tables) -> pd.DataFrame:
    emp = _ccsy(t)
    flags = _ccsy_flags(t, "emp_urban_nonprivate_units_10k", "employment")
    return _change_between(emp, "emp_urban_nonprivate_units_10k", flags, 2010, 2019, "change")


# GDP


def _gdp_flags(t: _Tables) -> pd.Series:
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
    return _join_series(gap_flag, t.breaks("gdp", "gdp_100m_yuan", "GDP"))


def _gdp(t: _Tables) -> pd.DataFrame:
    g = t["gdp"]
    return _rows(g, g.gdp_100m_yuan, [g.gdp_100m_yuan], _gdp_flags(t), level="unit")


def _gdp_per_resident(t: _Tables) -> pd.DataFrame:
    g = t["gdp"]
    flags = _gdp_flags(t)
    sel = g.year.isin([2010, 2020])
    gg = g[sel]
    pop = _pop_lookup(t)
    p = pd.Series([pop.get((c, y), np.nan) for c, y in zip(gg.adcode, gg.year, strict=True)], index=gg.index)
    f = _join_series(
        flags[sel],
        _mismatch_flags(gg, "2010 census residents are on 2020 boundaries, 2010 GDP on 2010 boundaries"),
    )
    num, den = gg.gdp_100m_yuan * 1e8, p * 1e4
    return _rows(gg, num / den, [num, den], f, level="unit")


def _gdp_growth(t: _Tables) -> pd.DataFrame:
    g = t["gdp"]
    flags = _gdp_flags(t)
    years = sorted(g.year.unique())
    parts = [_change_between(g, "gdp_100m_yuan", flags, y - 1, y, "growth") for y in years if y - 1 in years]
    return pd.concat(parts, ignore_index=True)


def _gdp_share(sector: str) -> Callable[[_Tables], pd.DataFrame]:
    def compute(t: _Tables) -> pd.DataFrame:
        g = t["gdp"]
        num, den = g[f"gdp_{sector}_100m_yuan"], g.gdp_100m_yuan
        return _rows(g, 100 * num / den, [num, den.where(num.notna())], _gdp_flags(t), level="unit")

    return compute


RECIPES: dict[str, Recipe] = {
    "pop_resident": Recipe(_pop_resident),
    "urbanisation_rate": Recipe(_urbanisation, _ratio()),
    "pop_change_2010_2020": Recipe(_pop_change, _pct_change),
    "net_inmigration_est": Recipe(_net("abs")),
    "net_inmigration_est_pct": Recipe(_net("pct"), _ratio()),
    "sf2020_net_per10k": Recipe(_baidu("net_per10k")),
    "sf2020_out_in_ratio": Recipe(_baidu("ratio")),
    "sf2020_outflow_interprov_share": Recipe(_baidu("interprov")),
    "emp_nonprivate": Recipe(_emp_count("emp_urban_nonprivate_units_10k", "employment")),
    "emp_nonprivate_per100_resident": Recipe(_emp_per100_resident, _ratio()),
    "emp_nonprivate_per100_hukou": Recipe(_emp_per100_hukou, _ratio()),
    "emp_private_selfemployed": Recipe(_emp_count("emp_urban_private_selfemployed_10k", "private/self-employed")),
    "avg_wage": Recipe(_avg_wage, _ratio(1.0)),
    "avg_wage_rel_median": Recipe(_avg_wage_rel),
    "unemployment_rate_reg": Recipe(_unemployment, _ratio()),
    "emp_nonprivate_change_2010_2019": Recipe(_emp_change, _pct_change),
    "gdp": Recipe(_gdp),
    "gdp_per_resident": Recipe(_gdp_per_resident, _ratio(1.0)),
    "gdp_growth_nominal": Recipe(_gdp_growth, _pct_change),
}
for _key, _col in (
    ("other_prov", "hukou_elsewhere_other_prov_persons"),
    ("other_county", "hukou_elsewhere_other_county_same_prov_persons"),
):
    RECIPES[f"migrants_{_key}"] = Recipe(_migrants(_col, "count"))
    RECIPES[f"migrants_{_key}_pct"] = Recipe(_migrants(_col, "pct"), _ratio())
    RECIPES[f"migrants_{_key}_pct_change"] = Recipe(_migrants(_col, "change"), _pp_change)
for _sec in ("primary", "secondary", "tertiary"):
    RECIPES[f"emp_share_{_sec}"] = Recipe(_emp_share(_sec), _ratio())
    RECIPES[f"gdp_share_{_sec}"] = Recipe(_gdp_share(_sec), _ratio())
for _key in REGISTRY:
    if _key.startswith("census_emp_share_"):
        RECIPES[_key] = Recipe(_census_share(_key.removeprefix("census_emp_share_")), _ratio())

# The "sector" family (location quotients, shift-share, sector potential): recipes in indicators.sector_catalog.
from indicators.sector_catalog import sector_recipes  # noqa: E402

RECIPES.update(sector_recipes())


# --------------------------------------------------------------------------------------------------
# Aggregation
# --------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _expected_units() -> dict[str, tuple[str, ...]]:
    """Province code -> map units that count towards it (SAR and Taiwan excluded)."""
    units = codes.map_units()
    units = units[units.unit_type != "sar_or_taiwan"]
    return {p: tuple(g.adcode) for p, g in units.groupby("province_adcode")}


def _retired_in(province: str, year: int) -> list[str]:
    return [
        c.old_code
        for c in codes.CODE_CHANGES.values()
        if c.action == "retired" and c.old_code[:2] == province[:2] and c.last_year is not None and year <= c.last_year
    ]


def _short_list(items: list[str], limit: int = 8) -> str:
    return ", ".join(items[:limit]) + (f" … (+{len(items) - limit})" if len(items) > limit else "")


def _aggregate_group(ind: Indicator, recipe: Recipe, recs: dict[str, tuple], expected: list[str]) -> tuple[float, str]:
    """Aggregate one province (or the nation) for one year.

    ``recs`` maps adcode -> ``(value, flag, suspect, components)`` for the unit rows of that year.
    Units whose value is flagged as suspect are left out (sums then give ``NaN``).
    """
    present = [(c, recs[c]) for c in expected if c in recs and not np.isnan(recs[c][0])]
    suspect = sorted(c for c, r in present if r[2])
    present = [(c, r) for c, r in present if not r[2]]
    missing = sorted(set(expected) - {c for c, _ in present} - set(suspect))
    excluded = f"excludes flagged values of {_short_list(suspect)}" if suspect else ""
    if ind.aggregation == "sum":
        if missing or suspect:
            parts = []
            if missing:
                parts.append(f"no value for {len(missing)} of {len(expected)} units ({_short_list(missing)})")
            if suspect:
                parts.append(f"flagged value for {_short_list(suspect)}")
            return np.nan, "not summed: " + "; ".join(parts)
        return float(sum(r[0] for _, r in present)), ""
    if ind.aggregation == "median":
        if not present:
            return np.nan, excluded
        cover = f"median of {len(present)} of {len(expected)} units" if len(present) < len(expected) else ""
        return float(np.median([r[0] for _, r in present])), _join(cover, excluded)
    usable = [(c, r) for c, r in present if r[3] and not any(np.isnan(x) for x in r[3])]
    if not usable:
        return np.nan, excluded
    sums = np.sum([r[3] for _, r in usable], axis=0)
    lacking = sorted(set(expected) - {c for c, _ in usable} - set(suspect))
    cover = ""
    if len(usable) < len(expected):
        cover = f"covers {len(usable)} of {len(expected)} units" + (
            f" (missing: {_short_list(lacking)})" if lacking else ""
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        value = float(recipe.combine(*sums))
    return (value if np.isfinite(value) else np.nan), _join(cover, excluded)


def _records(rows: pd.DataFrame) -> dict[str, tuple]:
    comps = [c for c in rows.columns if c.startswith("c") and c[1:].isdigit()]
    comp_values = rows[comps].to_numpy(dtype=float) if comps else np.empty((len(rows), 0))
    return {
        code: (float(v), f, bool(sus), tuple(cv))
        for code, v, f, sus, cv in zip(
            rows.adcode, rows.value.to_numpy(dtype=float), rows.flag, rows.suspect, comp_values, strict=True
        )
    }


def _aggregate(ind: Indicator, recipe: Recipe, frame: pd.DataFrame) -> pd.DataFrame:
    """Province and national rows for one indicator."""
    if ind.aggregation == "none":
        return pd.DataFrame(columns=["adcode", "year", "value", "flag"])
    expected_units = _expected_units()
    provinces = sorted(expected_units)
    out = []
    for year, fy in frame.groupby("year"):
        units = fy[fy.level == "unit"]
        prov_rows = fy[fy.level == "province"]
        if not prov_rows.empty:
            # census: the table's own province rows; municipalities are their own unit rows
            level_rows = pd.concat([prov_rows, units[units.adcode.isin(MUNICIPALITIES)]])
            out.extend(
                {"adcode": r.adcode, "year": year, "value": r.value, "flag": r.flag} for r in prov_rows.itertuples()
            )
            value, flag = _aggregate_group(ind, recipe, _records(level_rows), provinces)
            out.append({"adcode": NATIONAL_CODE, "year": year, "value": value, "flag": flag})
            continue
        recs = _records(units)
        everyone = []
        for p in provinces:
            expected = list(expected_units[p]) + _retired_in(p, year)
            everyone.extend(expected)
            if p in MUNICIPALITIES:
                continue
            value, flag = _aggregate_group(ind, recipe, recs, expected)
            out.append({"adcode": p, "year": year, "value": value, "flag": flag})
        value, flag = _aggregate_group(ind, recipe, recs, everyone)
        out.append({"adcode": NATIONAL_CODE, "year": year, "value": value, "flag": flag})
    return pd.DataFrame(out, columns=["adcode", "year", "value", "flag"])


def compute_indicator(key: str, tables: _Tables | None = None) -> pd.DataFrame:
    """All rows of one indicator (units, retired units, provinces, nation): ``adcode, year, value, flag``.

    Examples
    --------
    >>> rows = compute_indicator("urbanisation_rate")
    >>> float(rows.set_index(["adcode", "year"]).loc[("440300", 2020), "value"])
    100.0
    """
    ind = get_indicator(key)
    recipe = RECIPES[key]
    frame = recipe.compute(tables if tables is not None else _Tables())
    frame = frame.copy()
    frame["flag"] = frame["flag"].fillna("").astype(str)
    frame["suspect"] = frame["suspect"].fillna(False).astype(bool)
    comps = [c for c in frame.columns if c.startswith("c") and c[1:].isdigit()]
    frame.loc[frame.value.isna(), comps] = np.nan
    frame["value"] = frame["value"].replace([np.inf, -np.inf], np.nan)
    if frame.duplicated(["adcode", "year"]).any():
        raise RuntimeError(f"{key}: duplicate (adcode, year) rows")
    agg = _aggregate(ind, recipe, frame)
    units = frame[frame.level == "unit"][["adcode", "year", "value", "flag"]]
    rows = pd.concat([units, agg], ignore_index=True)
    rows = rows[rows.value.notna() | (rows.flag != "")]
    rows = rows[rows.year.isin(ind.years)]
    return rows.assign(indicator=key)[COLUMNS].reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# Building, loading
# --------------------------------------------------------------------------------------------------


def store_hash() -> str:
    """Hash of the data files, the computing modules, the boundary package version and the store version."""
    h = hashlib.sha256(f"store-version:{STORE_VERSION}".encode())
    for path in data_files():
        h.update(path.name.encode())
        h.update(path.read_bytes())
    here = Path(__file__).resolve().parent
    for name in _SOURCE_MODULES:
        h.update(name.encode())
        h.update((here / name).read_bytes())
    try:
        from geodata.source import package_version

        h.update(package_version().encode())
    except Exception:  # pragma: no cover - the unit table itself will raise a clear error
        pass
    return h.hexdigest()[:16]


def store_path() -> Path:
    """Where the store for the current inputs lives (may not exist yet)."""
    from web.settings import cache_dir

    return cache_dir() / f"indicator_store_{STORE_VERSION}_{store_hash()}.parquet"


def build_store(force: bool = False, progress: bool = True) -> Path:
    """Compute every registry indicator into one Parquet file and return its path.

    Parameters
    ----------
    force
        Rebuild even when the file for the current inputs exists.
    progress
        Show a tqdm progress bar on stderr.

    Returns
    -------
    pathlib.Path
        The store file (``indicator_store_<version>_<hash>.parquet`` under :func:`web.settings.cache_dir`).

    Examples
    --------
    >>> build_store(progress=False).suffix
    '.parquet'
    """
    path = store_path()
    if path.exists() and not force:
        return path
    from tqdm import tqdm

    missing = set(REGISTRY) - set(RECIPES)
    if missing:
        raise RuntimeError(f"no recipe for indicator(s) {sorted(missing)}")
    tables = _Tables()
    parts = []
    for key in tqdm(list(REGISTRY), desc="indicator store", unit="indicator", disable=not progress, file=sys.stderr):
        parts.append(compute_indicator(key, tables))
    store = pd.concat(parts, ignore_index=True)
    store["adcode"] = store["adcode"].astype(str)
    store["year"] = store["year"].astype("int64")
    store["indicator"] = store["indicator"].astype(str)
    store["value"] = store["value"].astype("float64")
    store["flag"] = store["flag"].astype(str)
    fd, tmp = tempfile.mkstemp(prefix=path.stem + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        store.to_parquet(tmp, index=False)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    _LOADED.pop(str(path), None)
    logger.info("indicator store written: %s (%d rows)", path, len(store))
    return path


_LOADED: dict[str, pd.DataFrame] = {}


def load_store() -> pd.DataFrame:
    """The store as a DataFrame, building it when missing and rebuilding it when unreadable.

    The frame is cached in memory per file; callers must not modify it.

    Examples
    --------
    >>> list(load_store().columns)
    ['adcode', 'year', 'indicator', 'value', 'flag']
    """
    path = store_path()
    cached = _LOADED.get(str(path))
    if cached is not None:
        return cached
    if not path.exists():
        build_store(progress=False)
    try:
        store = pd.read_parquet(path)
        if list(store.columns) != COLUMNS:
            raise ValueError(f"unexpected columns {list(store.columns)}")
    except Exception as exc:  # unreadable or wrong file: rebuild once
        logger.warning("indicator store %s is unreadable (%s); rebuilding", path, exc)
        build_store(force=True, progress=False)
        store = pd.read_parquet(path)
    store["adcode"] = store["adcode"].astype(str)
    store["flag"] = store["flag"].astype(str)
    _LOADED[str(path)] = store
    return store


# --------------------------------------------------------------------------------------------------
# Queries
# --------------------------------------------------------------------------------------------------


def _check(key: str, year: int) -> Indicator:
    ind = get_indicator(key)
    try:
        ok = int(year) == year and int(year) in ind.years
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ValueError(f"indicator {key!r} has no year {year!r}; valid years: {', '.join(map(str, ind.years))}")
    return ind


def _slice(key: str, year: int, store: pd.DataFrame | None) -> pd.DataFrame:
    _check(key, year)
    s = load_store() if store is None else store
    return s[(s.indicator == key) & (s.year == int(year))]


@lru_cache(maxsize=1)
def _map_index() -> pd.Index:
    return pd.Index(codes.map_units().adcode.astype(str), name="adcode")


def _province_index() -> pd.Index:
    return pd.Index(sorted(_expected_units()), name="adcode")


def indicator_values(key: str, year: int, store: pd.DataFrame | None = None) -> pd.Series:
    """Values of one indicator and year for the map units.

    Parameters
    ----------
    key
        Registry key; unknown keys raise ``ValueError`` listing the valid keys.
    year
        One of the indicator's years; others raise ``ValueError`` listing the valid years.
    store
        A store frame (default: :func:`load_store`).

    Returns
    -------
    pandas.Series
        Float values indexed by ``adcode`` (str, the 370 map units in :func:`geodata.source.unit_table`
        order), ``NaN`` where missing, ``name=key``.

    Examples
    --------
    >>> v = indicator_values("gdp", 2020)
    >>> round(v[v.index.str.startswith("64")].sum())
    3921
    """
    rows = _slice(key, year, store).set_index("adcode")["value"]
    return rows.reindex(_map_index()).astype("float64").rename(key)


def indicator_flags(key: str, year: int, store: pd.DataFrame | None = None, level: str = "unit") -> pd.Series:
    """Flag texts of one indicator and year (``""`` where none).

    ``level`` is ``'unit'`` (the map units), ``'province'`` (the 31 province codes) or ``'national'``.

    Examples
    --------
    >>> indicator_flags("emp_share_tertiary", 2014)["640100"][:15]
    'unit employment'
    """
    rows = _slice(key, year, store).set_index("adcode")["flag"]
    index = {"unit": _map_index(), "province": _province_index(), "national": pd.Index([NATIONAL_CODE])}.get(level)
    if index is None:
        raise ValueError(f"unknown level {level!r}; valid: unit, province, national")
    return rows.reindex(index).fillna("").astype(object).rename(key)


def available_years(key: str, store: pd.DataFrame | None = None) -> tuple[int, ...]:
    """Years in which at least one map unit has a value of ``key``.

    Examples
    --------
    >>> available_years("pop_resident")
    (2010, 2020)
    """
    get_indicator(key)
    s = load_store() if store is None else store
    rows = s[(s.indicator == key) & s.value.notna() & s.adcode.isin(_map_index())]
    return tuple(sorted(int(y) for y in rows.year.unique()))


def province_values(key: str, year: int, store: pd.DataFrame | None = None) -> pd.Series:
    """Province values (31 province-level codes, municipalities included) by the indicator's aggregation rule.

    ``NaN`` where the rule gives no value (incomplete sums, ``aggregation == 'none'``); see
    :func:`indicator_flags` with ``level='province'`` for the reasons. The four municipalities are both
    units and provinces: they always carry their unit value.

    Examples
    --------
    >>> round(province_values("migrants_other_prov", 2020)["440000"])
    29622110
    """
    rows = _slice(key, year, store).set_index("adcode")["value"]
    return rows.reindex(_province_index()).astype("float64").rename(key)


def national_value(key: str, year: int, store: pd.DataFrame | None = None) -> float:
    """The national value by the indicator's aggregation rule (``NaN`` when not available).

    Examples
    --------
    >>> round(national_value("urbanisation_rate", 2010), 1) > 45
    True
    """
    rows = _slice(key, year, store)
    row = rows[rows.adcode == NATIONAL_CODE]
    return float(row.value.iloc[0]) if len(row) else float("nan")


def main(argv: list[str] | None = None) -> int:
    """``python -m indicators.store``: rebuild the store and print its path and size."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    path = build_store(force=True, progress=True)
    store = load_store()
    print(f"{path}  ({len(store)} rows, {store.indicator.nunique()} indicators)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
