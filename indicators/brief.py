"""The locality brief's numbers: one unit's profile across all families, its sector quadrant, its peers
and the facts each family's findings paragraph is written from.

Pure (no Dash, no Flask, no words): :mod:`layouts.brief` turns the facts into sentences from
templates, so every sentence is a value shown in the brief's own tables. The values come from the
indicator store split once by indicator and year (:mod:`indicators.store_index`), which keeps one
brief well under a second (the profile tab's :func:`indicators.compare.unit_profile` filters the
whole store per call).

Examples
--------
>>> b = unit_brief("640100")
>>> r = b.row("pop_resident")
>>> r.year, round(r.value, 1), r.rank, r.n, r.prov_rank, r.prov_n
(2020, 285.9, 187, 359, 1, 5)
>>> [f.key for f in b.findings["population"]]
['pop_resident', 'urbanisation_rate']
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from indicators.registry import FAMILIES, REGISTRY

#: Per-sector series shown as the sector quadrant table, not one profile row each.
SERIES_PREFIXES = ("census_emp_share_", "lq_census_", "lqp_census_", "ss_competitive_")
#: The indicators each family's findings paragraph speaks of, in order.
HEADLINES: dict[str, tuple[str, ...]] = {
    "employment": ("avg_wage", "emp_nonprivate_per100_resident", "unemployment_rate_reg", "emp_share_tertiary"),
    "migrant": ("migrants_other_prov_pct", "migrants_other_county_pct", "net_inmigration_est_pct"),
    "economy": ("gdp_per_resident", "gdp_growth_nominal", "gdp_share_tertiary"),
    "population": ("pop_resident", "urbanisation_rate"),
    "sector": ("sector_potential", "krugman_census"),
}
#: Peers: the indicators compared (the peers tab's defaults) and how many.
PEER_KEYS = ("gdp_per_resident", "gdp_share_tertiary", "urbanisation_rate", "migrants_other_prov_pct", "census_emp_share_manuf")
PEER_N = 5
PEER_YEAR = 2020


def profile_keys() -> list[str]:
    """The registry keys of the profile, family by family (the per-sector series left to the quadrant)."""
    keys = [k for k in REGISTRY if not k.startswith(SERIES_PREFIXES)]
    order = list(FAMILIES)
    return sorted(keys, key=lambda k: order.index(REGISTRY[k].family))


@dataclass(frozen=True)
class ProfileRow:
    """One indicator of the unit at its latest year with a value; ranks 1 = highest; ``None`` when missing."""

    key: str
    year: int | None
    value: float
    rank: int | None
    n: int
    prov_rank: int | None
    prov_n: int
    national: float
    province: float

    @property
    def missing(self) -> bool:
        return math.isnan(self.value)


@dataclass(frozen=True)
class Brief:
    """A unit's brief: ``profile`` rows, ``quadrant`` (see :func:`indicators.compare.sector_quadrant`, or
    ``None``), ``peers`` (code, distance), ``findings`` per family (the profile rows of :data:`HEADLINES`
    with a value) and the sectors of each quadrant."""

    adcode: str
    profile: tuple[ProfileRow, ...]
    quadrant: pd.DataFrame | None
    peers: tuple[tuple[str, float], ...]
    findings: dict[str, list[ProfileRow]] = field(default_factory=dict)

    def row(self, key: str) -> ProfileRow:
        return next(r for r in self.profile if r.key == key)

    def quadrant_sectors(self, name: str) -> list[str]:
        """Sector keys of one quadrant, highest location quotient first."""
        if self.quadrant is None:
            return []
        q = self.quadrant[self.quadrant["quadrant"] == name]
        return list(q.sort_values("lq", ascending=False).index)


def _rank(column: np.ndarray, v: float) -> int:
    return int((column > v).sum()) + 1


def profile_row(key: str, pos: int, matrix: pd.DataFrame, same_province: np.ndarray, nat_prov) -> ProfileRow:
    """The unit (row ``pos`` of ``matrix``) at its latest year with a value of ``key``; its national and
    provincial rank that year (``same_province``: the rows of its province); ``nat_prov(key, year)`` gives
    the national and province values."""
    nan = float("nan")
    for year in sorted(REGISTRY[key].years, reverse=True):
        if (key, year) not in matrix.columns:
            continue
        column = matrix[(key, year)].to_numpy()
        v = column[pos]
        if np.isnan(v):
            continue
        prov = column[same_province]
        national, province = nat_prov(key, year)
        return ProfileRow(
            key, year, float(v), _rank(column, v), int((~np.isnan(column)).sum()),
            _rank(prov, v), int((~np.isnan(prov)).sum()), national, province,
        )  # fmt: skip
    return ProfileRow(key, None, nan, None, 0, None, 0, nan, nan)


def peers(code: str, matrix: pd.DataFrame, keys: Sequence[str] = PEER_KEYS, n: int = PEER_N):
    """The ``n`` units most like ``code`` on ``keys`` (2020 or the closest year); ``()`` when it lacks one."""
    from indicators.compare import closest_year, peer_distances

    frame = pd.DataFrame({k: matrix[(k, closest_year(REGISTRY[k].years, PEER_YEAR))] for k in keys})
    if code not in frame.index or frame.loc[code].isna().any():
        return ()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        result = peer_distances(frame, code, n)
    return tuple((str(c), float(d)) for c, d in result.table["distance"].items())


def unit_brief(code: str, province: pd.Series | None = None, quadrant=None) -> Brief:
    """The brief of one map unit.

    Parameters
    ----------
    code
        A map unit's adcode; unknown codes raise ``ValueError``.
    province
        Province adcode by unit adcode (default: the map units').
    quadrant
        ``code -> DataFrame`` (default :func:`census_quadrant`, the same as
        :func:`indicators.compare.census_quadrant`; ``None`` where the census table lacks the unit).
    """
    from indicators import store, store_index

    map_index = store._map_index()
    if code not in map_index:
        raise ValueError(f"unknown unit code {code[:12]!r}")
    if province is None:
        from indicators.codes import map_units

        province = map_units().set_index("adcode")["province_adcode"].astype(str)
    groups = store_index.slices()
    matrix = store_index.unit_matrix()
    pos = map_index.get_loc(code)
    prov = province.reindex(map_index).to_numpy()
    same_province = prov == province.get(code)
    nat = store.NATIONAL_CODE
    prov_code = str(province.get(code))

    def nat_prov(key, year):
        part = groups.get((key, year))
        if part is None:
            return float("nan"), float("nan")
        return float(part.get(nat, float("nan"))), float(part.get(prov_code, float("nan")))

    rows = tuple(profile_row(k, pos, matrix, same_province, nat_prov) for k in profile_keys())
    by_key = {r.key: r for r in rows}
    findings = {fam: [by_key[k] for k in keys if k in by_key and not by_key[k].missing] for fam, keys in HEADLINES.items()}
    try:
        q = (quadrant or census_quadrant)(code)
    except ValueError:
        q = None
    return Brief(code, rows, q, peers(code, matrix), findings)


@lru_cache(maxsize=1)
def quadrant_parts(base_year: int = 2010, end_year: int = 2020):
    """What :func:`indicators.compare.sector_quadrant` computes, for every unit of the census table at
    once (the national totals and matrices once, not once per unit): ``(lq, share, local growth,
    national growth, quadrant)``, units x sectors frames and a Series by sector."""
    from indicators import sector as sec
    from indicators import sector_change
    from indicators.compare import _census_table
    from indicators.regions import harmonise_adcodes

    census = _census_table()
    sectors = list(sec.ANALYSIS_SECTORS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        end = sec.census_sector_matrix(census, end_year, sectors=sectors)
        nat_end = sec.census_national_totals(census, end_year, sectors=sectors)
        nat_base = sec.census_national_totals(census, base_year, sectors=sectors)
        lq = sec.location_quotient(end, reference_totals=nat_end).reindex(columns=sectors)
        share = sec.sector_shares(end).reindex(columns=sectors) * 100.0
        base = harmonise_adcodes(sec.census_sector_matrix(census, base_year, sectors=sectors))
        both = [c for c in end.index if c in base.index]
        growth = sector_change.sector_growth(base.loc[both], end.loc[both], nat_base, nat_end)
    national = growth.national.reindex(sectors)
    local = growth.local.reindex(index=end.index, columns=sectors)
    quadrant = sector_change.lq_growth_quadrant(lq, local, national)
    return lq, share, local, national, quadrant


def census_quadrant(code: str) -> pd.DataFrame:
    """The sector quadrant of one unit, equal to :func:`indicators.compare.census_quadrant` (from
    :func:`quadrant_parts`); ``ValueError`` when the census table lacks the unit."""
    lq, share, local, national, quadrant = quadrant_parts()
    if code not in lq.index:
        raise ValueError(f"unit {code!r} has no census row")
    frame = pd.DataFrame(
        {"lq": lq.loc[code], "share": share.loc[code], "local_growth": local.loc[code], "national_growth": national}
    )
    frame["relative_growth"] = (frame["local_growth"] - frame["national_growth"]) * 100.0
    frame["quadrant"] = quadrant.loc[code]
    frame.index.name = "sector"
    return frame
