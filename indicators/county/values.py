"""County-level figures from the re-keyed census frames: shares, location quotients, change, potential.

Pure helpers used by :mod:`indicators.families.county` (the declarations). Every function takes a year's
frame of :func:`indicators.county.units.county_frame` (counts indexed by unit code) and returns a
``(values, notes)`` pair of Series on that index: values are floats, ``NaN`` where missing; notes are
``""`` or the reason a value is missing or to be read with care.

Location-quotient references come from the prefecture census table (table 7,
``census_employment_by_industry_2010_2020.csv``): the nation is the sum of its 31 province-level rows,
the province and the prefecture are their own rows (which include the functional zones the county table
lacks). Shares use the 19 analysis sectors (international organisations left out), as at prefecture level.

Examples
--------
>>> from indicators.county.units import county_frame
>>> v, _ = share(county_frame(2020), "hukou_elsewhere_other_province", "pop_resident")
>>> round(float(v["640104"]), 1), round(float(v["640522"]), 1)
(21.9, 0.9)
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from indicators.ingest import CENSUS_SECTORS
from indicators.sector import ANALYSIS_SECTORS, CENSUS_UNIT_TYPES, census_national_totals, census_sector_matrix

#: A row whose 20 sectors differ from its sample total by more than this (%) gives no sector figures.
SECTOR_GAP_LIMIT_PCT = 1.0
PROVINCE_DIRECT_GROUPS = ("419000", "429000", "469000", "659000")
#: The note of a unit whose row gives no sector figures (see :func:`sector_matrix`).
NO_SECTOR_NOTE = "no sector figures (no sample total, or the row's sectors do not add up to it)"


def _notes(frame: pd.DataFrame) -> pd.Series:
    notes = frame.get("unit_note", pd.Series("", index=frame.index)).fillna("")
    return notes.astype(object)


def share(frame: pd.DataFrame, numerator: str, denominator: str, scale: float = 100.0):
    """``scale × numerator / denominator`` per unit; ``NaN`` where either count is missing or the denominator is 0."""
    num, den = frame[numerator].astype(float), frame[denominator].astype(float)
    value = (scale * num / den.where(den > 0)).astype(float)
    return value, _notes(frame)


def column(frame: pd.DataFrame, name: str, scale: float = 1.0):
    """A figure taken as published (``NaN`` for merged units where it cannot be recomputed)."""
    notes = _notes(frame).copy()
    merged = frame["census_codes"].astype(str).str.contains(r"\+", regex=True) & frame[name].isna()
    notes[merged] = [
        "; ".join(p for p in (n, "not computable for a merged unit: the table gives no counts of the age group")
                  if p)
        for n in notes[merged]
    ]  # fmt: skip
    return frame[name].astype(float) * scale, notes


def sector_matrix(frame: pd.DataFrame) -> pd.DataFrame:
    """Units × 19 sectors of sample employment; rows without a total or whose sectors do not add up are left out.

    A blank sector cell of a row with a total is read as 0 (as :func:`indicators.sector.census_sector_matrix`);
    a row whose 20 sectors differ from ``emp_sample_total`` by more than :data:`SECTOR_GAP_LIMIT_PCT` % is
    dropped (3 rows in 2010, among them the blanked negative cell of 临颍县).
    """
    cols = [f"emp_sample_{s}" for s in CENSUS_SECTORS]
    total = frame["emp_sample_total"].astype(float)
    all20 = frame[cols].astype(float).fillna(0.0).sum(axis=1)
    ok = total.notna() & (total > 0) & ((all20 - total).abs() <= total * SECTOR_GAP_LIMIT_PCT / 100)
    ok &= frame[cols].notna().any(axis=1)
    mat = frame.loc[ok, [f"emp_sample_{s}" for s in ANALYSIS_SECTORS]].astype(float).fillna(0.0)
    mat.columns = list(ANALYSIS_SECTORS)
    return mat


@lru_cache(maxsize=2)
def _reference_matrix(year: int) -> pd.DataFrame:
    from indicators.ingest import load_table

    return census_sector_matrix(load_table("census_industry"), year, unit_types=CENSUS_UNIT_TYPES)


@lru_cache(maxsize=2)
def nation_totals(year: int) -> pd.Series:
    """National sample employment by sector: the 31 province-level rows of table 7."""
    import warnings

    from indicators.ingest import load_table

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return census_national_totals(load_table("census_industry"), year)


def _reference_code(code: str, prefecture: str, reference: str) -> str:
    if reference == "province":
        return code[:2] + "0000"
    return "" if prefecture in PROVINCE_DIRECT_GROUPS else prefecture


def location_quotients(frame: pd.DataFrame, year: int, sector: str, reference: str):
    """LQ of ``sector`` against the nation, the unit's province or its prefecture (table 7 rows).

    ``LQ = (e_is / e_i) / (E_s / E)`` over the 19 analysis sectors, ``E`` the reference's sample employment.
    A province-administered county-level unit has no prefecture above it (``NaN`` with a note).
    """
    mat = sector_matrix(frame)
    shares = mat.div(mat.sum(axis=1), axis=0)[sector]
    notes = _notes(frame).copy()
    if reference == "nation":
        nat = nation_totals(year)
        ref_share = pd.Series(nat[sector] / nat.sum(), index=shares.index)
    else:
        ref = _reference_matrix(year)
        ref_shares = ref.div(ref.sum(axis=1), axis=0)[sector]
        prefectures = frame["prefecture_adcode"].reindex(shares.index).astype(object).tolist()  # not .at per row
        codes = [_reference_code(c, p, reference) for c, p in zip(shares.index, prefectures, strict=True)]
        ref_share = pd.Series([ref_shares.get(c, np.nan) for c in codes], index=shares.index)
        if reference == "prefecture":
            own = [c == "" for c in codes]
            notes.loc[shares.index[own]] = "a province-administered county-level unit: it has no prefecture above it"
    value = (shares / ref_share.where(ref_share > 0)).reindex(frame.index)
    missing = value.isna() & notes.eq("")
    notes[missing] = NO_SECTOR_NOTE
    return value.astype(float), notes


def change_notes(f10: pd.DataFrame, f20: pd.DataFrame) -> tuple[pd.Index, pd.Series]:
    """Units comparable 2010→2020 (2010 rows re-keyed onto the unit, same territory) and the notes of the others."""
    from indicators.county.crosswalk import code_changes

    comparable = f20.index.intersection(f10.index[f10["rekeyed_2010"].astype(bool)])
    cc = code_changes()
    reason = dict(zip(cc.code_2020, cc.note, strict=True))
    notes = pd.Series("", index=f20.index, dtype=object)
    for code in f20.index.difference(comparable):
        members = str(f20.at[code, "census_codes"]).split("+")
        why = "; ".join(dict.fromkeys(reason.get(m, "") for m in members if reason.get(m, "")))
        if f20.at[code, "unit_kind"] == "functional_zone":
            why = "functional zone: not compared between censuses"
        notes[code] = "no 2010→2020 change: " + (why or "no 2010 unit with the same territory")
    return comparable, notes


def pct_change(f10: pd.DataFrame, f20: pd.DataFrame, name: str):
    """Percentage change of a count 2010→2020 on unchanged territories; ``NaN`` with a note elsewhere."""
    comparable, notes = change_notes(f10, f20)
    value = pd.Series(np.nan, index=f20.index)
    a, b = f10.loc[comparable, name].astype(float), f20.loc[comparable, name].astype(float)
    value[comparable] = (b / a.where(a > 0) - 1) * 100
    return value, notes
