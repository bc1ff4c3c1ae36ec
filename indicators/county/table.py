"""Read and check the vendored county census table (``census_county_2010_2020.csv.gz``).

One row per county-level unit per census year (2,857 rows for 2010, 2,943 for 2020), each census on
its own code vintage; see section 11 of ``indicators/data/SOURCES.md``. :func:`load_county_table` is
pure: it reads the file, checks the columns, codes, years and ranges, and returns a frame with
``adcode`` and ``prefecture_adcode`` as 6-digit strings. Blank cells stay ``NaN``; nothing is filled.

Examples
--------
>>> t = load_county_table()
>>> t.groupby("year").size().to_dict()
{2010: 2857, 2020: 2943}
>>> row = t[(t.adcode == "640104") & (t.year == 2020)].iloc[0]
>>> row.name_zh, int(row.pop_resident), float(row.avg_schooling_years)
('兴庆区', 808282, 10.75)
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from indicators.ingest import CENSUS_SECTORS, DATA_DIR

COUNTY_FILE = DATA_DIR / "census_county_2010_2020.csv.gz"
YEARS = (2010, 2020)
UNIT_KINDS = ("district", "county", "county_city", "banner", "functional_zone", "other")
OCCUPATIONS = (
    "managers",
    "professional_technical",
    "clerical",
    "commerce_services",
    "farming",
    "production_transport",
    "other",
)
_HEAD = ("adcode", "name_zh", "prefecture_adcode", "prefecture_name_zh", "province_zh", "year", "unit_kind")
COUNTS = (
    ("pop_resident", "pop_urban", "pop_rural")
    + ("hukou_elsewhere_same_county", "hukou_elsewhere_other_county_in_province", "hukou_elsewhere_other_province")
)
_EDUCATION = ("avg_schooling_years", "illiteracy_rate_pct")
SAMPLE_COUNTS = (
    ("emp_sample_total",)
    + tuple(f"emp_sample_{s}" for s in CENSUS_SECTORS)
    + ("occ_sample_total",)
    + tuple(f"occ_{o}" for o in OCCUPATIONS)
    + ("households_sample", "households_renting")
)
PERCENTS = (
    "urbanisation_rate_pct",
    "hukou_elsewhere_other_province_pct",
    "renting_households_pct",
    "manuf_share_pct",
    "agri_share_pct",
)
COLUMNS = _HEAD + COUNTS + _EDUCATION + SAMPLE_COUNTS + PERCENTS
#: Cells of the source that cannot be figures, blanked on reading: (adcode, year, column) -> why.
KNOWN_DEFECTS = {
    ("411122", 2010, "emp_sample_wholesale_retail"): (
        "临颍县 2010: the source gives −1,373 sample persons in wholesale and retail (a negative count; the "
        "row's sectors do not add up to its total); blanked, so the unit has no 2010 sector figures"
    ),
}


class CountyTableError(ValueError):
    """The county table does not match its expected layout (the message names the column and rows)."""


def _fail_rows(frame: pd.DataFrame, bad: pd.Series, what: str) -> None:
    if bad.any():
        sample = ", ".join(f"{c}/{y}" for c, y in frame.loc[bad, ["adcode", "year"]].head(5).itertuples(index=False))
        raise CountyTableError(f"{int(bad.sum())} row(s) with {what} (e.g. {sample})")


def check_county_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Check a county table read with string codes; return it unchanged or raise :class:`CountyTableError`.

    Examples
    --------
    >>> check_county_table(pd.DataFrame({"adcode": ["640104"]}))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    indicators.county.table.CountyTableError: county table: columns differ; missing ['name_zh', ...
    """
    cols = tuple(frame.columns)
    if cols != COLUMNS:
        missing = [c for c in COLUMNS if c not in cols]
        extra = [c for c in cols if c not in COLUMNS]
        raise CountyTableError(f"county table: columns differ; missing {missing}, unexpected {extra}")
    for col in ("adcode", "prefecture_adcode"):
        _fail_rows(frame, ~frame[col].astype(str).str.fullmatch(r"\d{6}"), f"{col} not a 6-digit code")
    _fail_rows(frame, ~frame["year"].isin(YEARS), f"a year outside {YEARS}")
    _fail_rows(frame, ~frame["unit_kind"].isin(UNIT_KINDS), f"a unit_kind outside {UNIT_KINDS}")
    _fail_rows(frame, frame.duplicated(["adcode", "year"], keep=False), "a duplicate (adcode, year)")
    for col in COUNTS + SAMPLE_COUNTS:
        _fail_rows(frame, frame[col] < 0, f"a negative {col}")
    for col in PERCENTS + ("illiteracy_rate_pct",):
        _fail_rows(frame, (frame[col] < 0) | (frame[col] > 100), f"{col} outside 0–100")
    _fail_rows(frame, (frame["avg_schooling_years"] < 0) | (frame["avg_schooling_years"] > 20), "schooling years outside 0–20")
    return frame


def read_county_table(path: str | Path = COUNTY_FILE) -> pd.DataFrame:
    """Read and check the county table at ``path`` (plain or gzip CSV); a fresh frame on every call."""
    frame = pd.read_csv(path, dtype={"adcode": str, "prefecture_adcode": str, "name_zh": str}, encoding="utf-8")
    if tuple(frame.columns) == COLUMNS:
        for (code, year, column), _why in KNOWN_DEFECTS.items():
            frame.loc[(frame.adcode == code) & (frame.year == year), column] = float("nan")
    return check_county_table(frame)


@lru_cache(maxsize=1)
def _cached() -> pd.DataFrame:
    return read_county_table()


def load_county_table() -> pd.DataFrame:
    """The vendored county table, read once per process; a copy, so callers may modify it."""
    return _cached().copy()
