"""The sector quadrant of one county: each census sector's LQ (2020) against its relative growth 2010→2020.

The rule is the prefecture one, :func:`indicators.compare.quadrant_of`, applied to the county census
table's sample employment (:func:`indicators.county.values.sector_matrix` of
:func:`indicators.county.units.county_frame`) and the national totals of the prefecture census table
(:func:`indicators.county.values.nation_totals`, the same nation as the county LQ indicators). Growth is
given only for a county comparable 2010→2020 (:func:`indicators.county.values.change_notes`: same
territory, the 2010 rows re-keyed onto the 2020 unit); the others get LQ and share only, and
:func:`county_growth_note` says why.

Examples
--------
>>> q = county_sector_quadrant("640205")
>>> round(float(q.at["manuf", "lq"]), 2), q.at["manuf", "quadrant"]
(1.75, 'specialised_growing')
>>> county_growth_note("640205")
''
>>> bool(county_sector_quadrant("110101")["relative_growth"].isna().all())
True
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from indicators.county.units import county_frame
from indicators.county.values import NO_SECTOR_NOTE, change_notes, nation_totals, sector_matrix
from indicators.sector import ANALYSIS_SECTORS

BASE_YEAR, END_YEAR = 2010, 2020
#: Why a comparable county gets no growth: its 2010 row gives no sector figures.
NO_BASE_SECTORS_NOTE = "no 2010→2020 change: the 2010 row gives " + NO_SECTOR_NOTE


@lru_cache(maxsize=1)
def _matrices() -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """``(2020 sector matrix, 2010 matrix of the comparable counties, notes of the others)``."""
    f10, f20 = county_frame(BASE_YEAR), county_frame(END_YEAR)
    comparable, notes = change_notes(f10, f20)
    base = sector_matrix(f10)
    return sector_matrix(f20), base.loc[base.index.intersection(comparable)], notes


def county_growth_note(code: str) -> str:
    """``''`` when ``code`` has 2010→2020 sector growth, else the reason it has none.

    A county not comparable between the censuses gets the note of
    :func:`indicators.county.values.change_notes` (territory changed, functional zone, ...).
    """
    end, base, notes = _matrices()
    if code in base.index:
        return ""
    note = str(notes.get(code, ""))
    return note or (NO_BASE_SECTORS_NOTE if code in end.index else "")


@lru_cache(maxsize=256)
def county_sector_quadrant(code: str) -> pd.DataFrame:
    """Location quotient (2020, vs the nation) and relative growth 2010→2020 of every sector of one county.

    Columns as :func:`indicators.compare.sector_quadrant` (``lq, share, local_growth, national_growth,
    relative_growth, quadrant``), computed with the same rule; growth and quadrant are missing for a
    county without comparable 2010 sector figures (:func:`county_growth_note` says why). Do not modify
    the returned frame (it is cached).

    Raises
    ------
    ValueError
        ``code`` is not a county-level census unit of 2020, or its 2020 row gives no sector figures.
    """
    from indicators.compare import quadrant_of

    end, base, _notes = _matrices()
    if code not in end.index:
        if code not in county_frame(END_YEAR).index:
            raise ValueError(f"{code!r} is not a county-level census unit of {END_YEAR}")
        raise ValueError(f"county {code}: {NO_SECTOR_NOTE} in {END_YEAR}")
    return quadrant_of(code, end, base, nation_totals(END_YEAR), nation_totals(BASE_YEAR), ANALYSIS_SECTORS)
