"""Read and validate the vendored fact tables in ``indicators/data``.

Each table has a :class:`TableSchema`: its file, the exact column list, the kind of each column
(``adcode``, ``str``, ``int``, ``float``) and, for numbers, a sanity range (shares 0–100, counts
non-negative ...). :func:`load_table` reads one CSV with the standard library's ``csv`` module so that
every cell keeps its 1-based CSV line number, checks it against the schema and returns a
:class:`pandas.DataFrame` with ``adcode`` as a zero-padded 6-digit string. A malformed table raises
:class:`IngestError` naming the file, the CSV line and the column. Blank cells stay ``NaN``; nothing is
filled in.

Examples
--------
>>> gdp = load_table("gdp")
>>> gdp.loc[(gdp.adcode == "640100") & (gdp.year == 2020), "gdp_100m_yuan"].item()
1964.3676
>>> sorted(SCHEMAS)[:3]
['baidu_flows', 'census_industry', 'census_migration']
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parent / "data"

#: First two digits of valid GB/T 2260 province codes (31 mainland provinces, Taiwan, HK, Macau).
PROVINCE_PREFIXES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82".split()
)
NATIONAL_CODE = "000000"
_ADCODE_RE = re.compile(r"^\d{6}$")


class IngestError(ValueError):
    """A fact table does not match its schema.

    Attributes ``file``, ``row`` (1-based CSV line, the header being line 1) and ``column`` locate the
    problem; ``row`` is ``None`` for problems with the file as a whole.
    """

    def __init__(self, file: str | Path, row: int | None, column: str | None, problem: str) -> None:
        self.file = str(file)
        self.row = row
        self.column = column
        self.problem = problem
        where = f"{Path(self.file).name}"
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column {column!r}"
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Column:
    """One expected column.

    ``kind`` is ``'adcode'``, ``'str'``, ``'int'`` or ``'float'``; ``lo``/``hi`` bound numbers
    (inclusive, ``None`` for no bound); ``required`` forbids blank cells.
    """

    name: str
    kind: str = "float"
    lo: float | None = None
    hi: float | None = None
    required: bool = False


@dataclass(frozen=True)
class TableSchema:
    """Schema of one fact table: file name, columns in order, years, and whether the adcode may be blank."""

    name: str
    file: str
    columns: tuple[Column, ...]
    years: tuple[int, int]
    adcode_optional: bool = False
    unique_key: tuple[str, ...] = ("adcode", "year")

    @property
    def path(self) -> Path:
        return DATA_DIR / self.file

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _head(adcode_required: bool = True) -> tuple[Column, ...]:
    return (
        Column("adcode", "adcode", required=adcode_required),
        Column("name_zh", "str", required=True),
        Column("province_zh", "str", required=adcode_required),
        Column("year", "int", 1990, 2030, required=True),
    )


def _count(name: str) -> Column:
    return Column(name, "float", 0, None)


def _pct(name: str) -> Column:
    return Column(name, "float", 0, 100)


CENSUS_SECTORS = (
    "agri",
    "mining",
    "manuf",
    "utilities",
    "construction",
    "wholesale_retail",
    "transport_storage_post",
    "accommodation_catering",
    "ict",
    "finance",
    "real_estate",
    "leasing_business_services",
    "scientific_technical",
    "water_env_public_facilities",
    "resident_services",
    "education",
    "health_social_work",
    "culture_sports_entertainment",
    "public_admin_social_orgs",
    "intl_orgs",
)

_UNIT_TYPE = Column("unit_type", "str", required=True)

SCHEMAS: dict[str, TableSchema] = {
    s.name: s
    for s in (
        TableSchema(
            "census_population",
            "population_census_2010_2020.csv",
            _head()
            + (
                _UNIT_TYPE,
                _count("pop_resident_10k"),
                _count("pop_urban_10k"),
                _count("pop_rural_10k"),
                _pct("urbanisation_rate_pct"),
                Column("household_size_persons", "float", 0, 20),
                Column("sex_ratio_m_per_100f", "float", 0, 400),
                _pct("age_0_14_pct"),
                _pct("age_15_59_pct"),
                _pct("age_60plus_pct"),
                _pct("age_65plus_pct"),
                Column("pop_change_2010_2020_pct", "float", -100, 1000),
            ),
            (2010, 2020),
        ),
        TableSchema(
            "gdp",
            "gdp_sectors_2000_2023.csv",
            _head()
            + (
                Column("city_class_zh", "str"),
                Column("gdp_100m_yuan", "float", 0, None, required=True),
                _count("gdp_primary_100m_yuan"),
                _count("gdp_secondary_100m_yuan"),
                _count("gdp_tertiary_100m_yuan"),
                _pct("share_primary_pct"),
                _pct("share_secondary_pct"),
                _pct("share_tertiary_pct"),
                Column("sector_sum_gap_pct", "float", -100, 100),
            ),
            (2000, 2023),
        ),
        TableSchema(
            "employment_wages",
            "employment_wages_hukou_2000_2022.csv",
            _head()
            + (
                _count("pop_hukou_10k"),
                _count("emp_urban_nonprivate_units_10k"),
                _count("emp_urban_private_selfemployed_10k"),
                _count("unemployed_registered_urban_persons"),
                _count("staff_on_post_nonprivate_avg_10k"),
                _count("wage_bill_nonprivate_10k_yuan"),
                _count("avg_wage_nonprivate_yuan_per_year"),
                _count("gdp_10k_yuan_ccsy"),
                _count("gdp_per_capita_yuan_ccsy"),
            ),
            (2000, 2024),
        ),
        TableSchema(
            "employment_sectors",
            "employment_sector_shares_2006_2019.csv",
            _head()
            + (
                Column("city_class_zh", "str"),
                _count("emp_units_total_10k"),
                _pct("emp_share_primary_pct"),
                _pct("emp_share_secondary_pct"),
                _pct("emp_share_tertiary_pct"),
                _count("emp_individual_urban_10k"),
                _count("staff_avg_number_10k"),
                _count("wage_bill_10k_yuan"),
                _count("avg_wage_yuan"),
                _count("pop_hukou_10k"),
                _pct("urbanisation_rate_pct_src"),
                _count("emp_primary_10k_est"),
                _count("emp_secondary_10k_est"),
                _count("emp_tertiary_10k_est"),
            ),
            (2006, 2019),
        ),
        TableSchema(
            "net_migration",
            "net_migration_estimate_2010_2020.csv",
            _head()
            + (
                _UNIT_TYPE,
                _count("pop_resident_10k"),
                _count("pop_hukou_10k"),
                Column("hukou_years_used", "str", required=True),
                Column("net_inmigration_est_10k", "float", None, None),
                Column("net_inmigration_est_pct_of_resident", "float", -1000, 100),
            ),
            (2010, 2020),
        ),
        TableSchema(
            "baidu_flows",
            "baidu_spring_festival_flows_2020_2021.csv",
            _head()
            + (_UNIT_TYPE,)
            + tuple(
                col
                for window in ("sf2020_pre", "sf2021_pre", "sf2021_post")
                for direction in ("inflow", "outflow")
                for col in (
                    _count(f"{window}_{direction}_index_sum"),
                    _pct(f"{window}_{direction}_interprov_share_pct"),
                    Column(f"{window}_{direction}_days", "float", 0, 366),
                )
            )
            + (
                Column("sf2020_pre_net_index", "float"),
                _count("sf2020_pre_out_in_ratio"),
                Column("sf2021_post_net_index", "float"),
            ),
            (2020, 2020),
        ),
        TableSchema(
            "census_industry",
            "census_employment_by_industry_2010_2020.csv",
            _head()
            + (_UNIT_TYPE, _count("emp_sample_total_persons"))
            + tuple(_count(f"emp_sample_{s}_persons") for s in CENSUS_SECTORS)
            + (Column("sector_sum_gap_pct", "float", -100, 100),)
            + tuple(_pct(f"emp_share_{s}_pct") for s in CENSUS_SECTORS if s != "intl_orgs")
            + (Column("data_note", "str"),),
            (2010, 2020),
        ),
        TableSchema(
            "census_migration",
            "census_migration_hukou_elsewhere_2010_2020.csv",
            _head()
            + (
                _UNIT_TYPE,
                Column("pop_census_persons", "float", 0, None, required=True),
                _count("hukou_elsewhere_same_county_persons"),
                _count("hukou_elsewhere_other_county_same_prov_persons"),
                _count("hukou_elsewhere_other_prov_persons"),
                _count("hukou_elsewhere_total_persons"),
                _pct("hukou_elsewhere_other_prov_pct_of_pop"),
                _pct("hukou_elsewhere_other_county_same_prov_pct_of_pop"),
                _pct("hukou_elsewhere_total_pct_of_pop"),
            ),
            (2010, 2020),
        ),
        TableSchema(
            "migrant_workers",
            "migrant_workers_nbs_survey_2015_2024.csv",
            _head(adcode_required=False)
            + (Column("region", "str", required=True),)
            + tuple(
                _count(c)
                for c in (
                    "mw_total_10k",
                    "mw_local_10k",
                    "mw_outgoing_10k",
                    "mw_outgoing_interprov_10k",
                    "mw_outgoing_intraprov_10k",
                    "mw_urban_resident_10k",
                    "mw_income_monthly_yuan",
                    "mw_outgoing_income_monthly_yuan",
                    "mw_local_income_monthly_yuan",
                    "mw_total_by_origin_10k",
                    "mw_total_by_destination_10k",
                    "mw_outgoing_by_origin_10k",
                    "mw_outgoing_interprov_by_origin_10k",
                    "mw_outgoing_intraprov_by_origin_10k",
                    "mw_income_by_destination_monthly_yuan",
                )
            )
            + (Column("non_stated_values", "str"), Column("source_pages", "str")),
            (2015, 2024),
            adcode_optional=True,
            unique_key=("region", "year"),
        ),
    )
}


def get_schema(name: str) -> TableSchema:
    """Return the schema of table ``name``; an unknown name raises ``ValueError`` listing the valid names."""
    try:
        return SCHEMAS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown table {name!r}; valid tables: {', '.join(sorted(SCHEMAS))}") from None


def data_files() -> list[Path]:
    """The vendored CSV files of every schema, sorted by name."""
    return sorted(s.path for s in SCHEMAS.values())


def _parse_adcode(raw: str, file: Path, line: int) -> str:
    code = raw.strip()
    if code.isdigit() and len(code) < 6:
        code = code.zfill(6)
    if not _ADCODE_RE.match(code):
        raise IngestError(file, line, "adcode", f"{raw!r} is not a 6-digit administrative code")
    if code != NATIONAL_CODE and code[:2] not in PROVINCE_PREFIXES:
        raise IngestError(file, line, "adcode", f"{raw!r} does not start with a province code")
    return code


def _parse_number(raw: str, col: Column, file: Path, line: int) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise IngestError(file, line, col.name, f"{raw!r} is not a number") from None
    if math.isnan(value) or math.isinf(value):
        raise IngestError(file, line, col.name, f"{raw!r} is not a finite number (leave the cell blank)")
    if col.kind == "int" and value != int(value):
        raise IngestError(file, line, col.name, f"{raw!r} is not a whole number")
    if col.lo is not None and value < col.lo:
        raise IngestError(file, line, col.name, f"{value:g} is below the allowed minimum {col.lo:g}")
    if col.hi is not None and value > col.hi:
        raise IngestError(file, line, col.name, f"{value:g} is above the allowed maximum {col.hi:g}")
    return value


def validate_rows(
    schema: TableSchema, header: list[str], rows: list[tuple[int, list[str]]], file: Path
) -> pd.DataFrame:
    """Check parsed CSV rows against ``schema`` and build the typed frame.

    Parameters
    ----------
    schema
        The table's :class:`TableSchema`.
    header
        The CSV header (line 1).
    rows
        ``(line_number, cells)`` pairs, ``line_number`` 1-based as in a text editor.
    file
        Path used in error messages.

    Returns
    -------
    pandas.DataFrame
        One column per schema column; numbers as ``float64`` (``year`` as ``int64``), blanks as ``NaN``.

    Examples
    --------
    >>> s = TableSchema("t", "t.csv", (Column("adcode", "adcode"), Column("year", "int")), (2000, 2001))
    >>> validate_rows(s, ["adcode", "year"], [(2, ["110000", "2000"])], Path("t.csv")).adcode.tolist()
    ['110000']
    """
    expected = list(schema.column_names)
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        if missing:
            raise IngestError(file, 1, missing[0], f"missing column(s) {missing}; expected {expected}")
        if extra:
            raise IngestError(file, 1, extra[0], f"unexpected column(s) {extra}; expected {expected}")
        raise IngestError(file, 1, None, f"columns out of order; expected {expected}")
    if not rows:
        raise IngestError(file, None, None, "no data rows")
    data: dict[str, list] = {c.name: [] for c in schema.columns}
    seen: dict[tuple, int] = {}
    for line, cells in rows:
        if len(cells) != len(expected):
            raise IngestError(file, line, None, f"{len(cells)} cells, expected {len(expected)}")
        for col, raw in zip(schema.columns, cells, strict=True):
            blank = raw.strip() == ""
            required = col.required and not (col.kind == "adcode" and schema.adcode_optional)
            if blank:
                if required:
                    raise IngestError(file, line, col.name, "blank cell in a required column")
                data[col.name].append(None if col.kind in ("adcode", "str") else math.nan)
                continue
            if col.kind == "adcode":
                data[col.name].append(_parse_adcode(raw, file, line))
            elif col.kind == "str":
                data[col.name].append(raw)
            else:
                value = _parse_number(raw, col, file, line)
                if col.name == "year" and not schema.years[0] <= value <= schema.years[1]:
                    raise IngestError(file, line, "year", f"{value:g} outside {schema.years[0]}–{schema.years[1]}")
                data[col.name].append(value)
        key = tuple(data[k][-1] for k in schema.unique_key)
        if key in seen:
            raise IngestError(
                file, line, ",".join(schema.unique_key), f"duplicate key {key} (first on row {seen[key]})"
            )
        seen[key] = line
    frame = pd.DataFrame(data)
    frame["year"] = frame["year"].astype("int64")
    for col in schema.columns:
        if col.kind == "float":
            frame[col.name] = frame[col.name].astype("float64")
        elif col.kind in ("adcode", "str"):
            frame[col.name] = frame[col.name].astype(object)
    return frame


def read_rows(file: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Read a UTF-8 CSV into its header and ``(line_number, cells)`` rows (blank lines skipped)."""
    try:
        with open(file, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None:
                raise IngestError(file, None, None, "empty file")
            rows = []
            start = reader.line_num + 1
            for cells in reader:
                if cells and any(c.strip() for c in cells):
                    rows.append((start, cells))
                start = reader.line_num + 1
    except FileNotFoundError:
        raise IngestError(file, None, None, "file not found") from None
    except UnicodeDecodeError as exc:
        raise IngestError(file, None, None, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except csv.Error as exc:
        raise IngestError(file, None, None, f"CSV syntax error: {exc}") from None
    return [h.strip() for h in header], rows


def load_table(name: str, path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate one fact table.

    Parameters
    ----------
    name
        A key of :data:`SCHEMAS` (``'gdp'``, ``'census_population'`` ...).
    path
        Read this file instead of the vendored one (used by tests with malformed copies).

    Returns
    -------
    pandas.DataFrame
        The table's columns; ``adcode`` a 6-digit string, ``year`` int, numbers float with ``NaN`` blanks.

    Raises
    ------
    ValueError
        Unknown table name.
    IngestError
        The file is missing or malformed; the message names file, row (1-based CSV line) and column.

    Examples
    --------
    >>> pop = load_table("census_population")
    >>> pop.set_index(["adcode", "year"]).loc[("500000", 2020), "pop_resident_10k"]
    np.float64(3205.4159)
    """
    schema = get_schema(name)
    file = Path(path) if path is not None else schema.path
    header, rows = read_rows(file)
    return validate_rows(schema, header, rows, file)
