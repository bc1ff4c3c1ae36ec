"""An uploaded dataset behaving like a built-in indicator: registry entry, series, CSV export."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable

import numpy as np
import pandas as pd

from indicators.registry import FAMILIES, Indicator
from userdata.record import DatasetRecord, csv_number, make_record  # noqa: F401 (make_record: examples)

#: Year given to every value of a dataset without a year column (``Indicator.years`` needs one).
NO_YEAR = 0

#: Family of uploaded indicators when the registry knows it (see the report of issue #8).
USER_FAMILY = "user"
USER_DATA_EN = "User data"
USER_DATA_ZH = "用户数据"


def infer_decimals(values: Iterable[float], max_decimals: int = 4) -> int:
    """Fewest decimals (0 … ``max_decimals``) that show every value exactly.

    Examples
    --------
    >>> infer_decimals([1.0, 2.5, 3.25]), infer_decimals([100.0, 2.0]), infer_decimals([1 / 3])
    (2, 0, 4)
    """
    x = np.asarray([v for v in values if v is not None and math.isfinite(v)], dtype=float)
    for d in range(max_decimals + 1):
        if np.all(np.abs(np.round(x, d) - x) <= 1e-9 * np.maximum(1.0, np.abs(x))):
            return d
    return max_decimals


def dataset_indicator(
    record: DatasetRecord, units: pd.DataFrame | None = None
) -> tuple[Indicator, dict[tuple[str, int], pd.Series]]:
    """An uploaded dataset as a registry-style :class:`~indicators.registry.Indicator` and its values.

    Parameters
    ----------
    record
        From :func:`prepare_upload` (``.record``) or the dataset store.
    units
        When given, every series is reindexed to ``units.adcode`` (``NaN`` where the upload has no row),
        like :func:`indicators.store.indicator_values`.

    Returns
    -------
    (Indicator, dict)
        The indicator has key ``ds_<id>``, the user's label and unit in both languages, source
        ``"User data: <source>"`` / ``"用户数据：<source>"``, tag ``"user data"``, the years of the table
        (``(NO_YEAR,)`` without a year column), decimals inferred from the values and a diverging
        palette when the values have both signs. The dict maps ``(column, year)`` to a float Series
        indexed by adcode (``name`` = column), for every value column and year.

    Examples
    --------
    >>> t = pd.DataFrame({"adcode": ["640100", "640300"], "year": [2020, 2020], "v": [1.5, -2.0]})
    >>> ind, series = dataset_indicator(make_record("Test", "t", "made up", ("v",), True, t))
    >>> ind.key[:3], ind.years, ind.source_en, ind.diverging, ind.decimals
    ('ds_', (2020,), 'User data: made up', True, 1)
    >>> series[("v", 2020)].to_dict()
    {'640100': 1.5, '640300': -2.0}
    """
    table = record.table
    years = record.years or (NO_YEAR,)
    all_values = np.concatenate([table[c].to_numpy(dtype=float) for c in record.columns]) if len(table) else []
    finite = [v for v in all_values if math.isfinite(v)]
    diverging = bool(finite) and bool(min(finite) < 0 < max(finite))
    columns_text = ", ".join(record.columns)
    indicator = Indicator(
        key=f"ds_{record.id}",
        family=USER_FAMILY if USER_FAMILY in FAMILIES else next(iter(FAMILIES)),
        label_zh=record.label,
        label_en=record.label,
        description_en=f"{USER_DATA_EN} (dataset {record.id}; column(s): {columns_text}).",
        description_zh=f"{USER_DATA_ZH}（数据集 {record.id}；列：{columns_text}）。",
        unit_zh=record.unit,
        unit_en=record.unit,
        decimals=infer_decimals(finite),
        source_en=f"{USER_DATA_EN}: {record.source}",
        source_zh=f"{USER_DATA_ZH}：{record.source}",
        source_table=f"dataset {record.id}",
        years=tuple(years),
        direction="neutral",
        classification="quantiles",
        palette="RdBu" if diverging else "YlGnBu",
        diverging=diverging,
        caveat_en="Uploaded by a user; not checked by LED Atlas.",
        caveat_zh="由用户上传，LED Atlas 未核实。",
        tags=("user data", *record.columns),
        aggregation="none",
        levels=(record.level,),
    )
    index = pd.Index(units["adcode"].astype(str), name="adcode") if units is not None else None
    series: dict[tuple[str, int], pd.Series] = {}
    for year in years:
        part = table[table["year"] == year] if record.has_year else table
        for column in record.columns:
            s = pd.Series(
                part[column].to_numpy(dtype=float), index=pd.Index(part["adcode"], name="adcode"), name=column
            )
            series[(column, int(year))] = s.reindex(index) if index is not None else s
    return indicator, series


def first_series(loaded: tuple[Indicator, dict[tuple[str, int], pd.Series]], year: int) -> pd.Series:
    """The series a map or chart draws of a loaded dataset (:func:`dataset_indicator`'s pair): its first
    value column in ``year``; empty when the dataset has no such year.

    >>> t = pd.DataFrame({"adcode": ["640100"], "a": [1.0], "b": [2.0]})
    >>> first_series(dataset_indicator(make_record("T", "", "s", ("a", "b"), False, t)), NO_YEAR).to_dict()
    {'640100': 1.0}
    """
    ind, series = loaded
    column = ind.tags[1]  # tags: ("user data", *columns)
    return series.get((column, year), pd.Series(dtype=float))


def _csv_text(text: str) -> str:
    """Neutralise spreadsheet formula injection in exported text cells."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _column_year(record: DatasetRecord, column: str, year: int, units: pd.DataFrame) -> tuple[Indicator, pd.Series]:
    ind, series = dataset_indicator(record, units)
    if (column, year) not in series:
        raise LookupError(
            f"dataset {record.id} has no column {column!r} in year {year!r}; columns: {', '.join(record.columns)}; "
            f"years: {', '.join(map(str, ind.years))}"
        )
    return ind, series[(column, year)]


def _source_text(record: DatasetRecord, ind: Indicator, column: str) -> str:
    label = record.label if len(record.columns) == 1 else f"{record.label} — {column}"
    return _csv_text(f"{ind.source_en} ({label})")


def county_indicator_csv(
    record: DatasetRecord, column: str, year: int, units: pd.DataFrame, codes: list[str] | None = None
) -> str:
    """One column and year of a county dataset in the format of :func:`indicators.county.export.county_csv`.

    Columns ``adcode,name_zh,name_en,province_zh,year,value,unit,source,prefecture_adcode,note``, one line
    per unit of ``units`` (the county units: ``adcode, name_zh, name_en, province_zh, prefecture_adcode,
    note, drawable``; ``codes`` limits them), blank value where the upload has none.

    Raises
    ------
    LookupError
        Unknown column or year (the message lists the valid ones).
    """
    from indicators.county.export import county_rows_csv

    ind, s = _column_year(record, column, year, units)
    flags = pd.Series("", index=s.index, dtype=object)
    return county_rows_csv(
        s, flags, units.set_index("adcode"), None if year == NO_YEAR else year, _csv_text(record.unit),
        _source_text(record, ind, column), codes,
    )  # fmt: skip


def indicator_csv(record: DatasetRecord, column: str, year: int, units: pd.DataFrame) -> str:
    """One column and year of a dataset in the format of :func:`indicators.export.indicator_csv`.

    Columns ``adcode,name_zh,name_en,province_zh,year,value,unit,source``, one line per unit of
    ``units`` (blank value where missing); ``source`` reads ``User data: …``.

    Raises
    ------
    LookupError
        Unknown column or year (the message lists the valid ones).
    """
    ind, s = _column_year(record, column, year, units)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["adcode", "name_zh", "name_en", "province_zh", "year", "value", "unit", "source"])
    source = _source_text(record, ind, column)
    for rec in units[["adcode", "name_zh", "name_en", "province_zh"]].itertuples(index=False):
        w.writerow(
            [rec.adcode, rec.name_zh, rec.name_en, rec.province_zh, "" if year == NO_YEAR else year,
             csv_number(s.get(str(rec.adcode))), _csv_text(record.unit), source]
        )  # fmt: skip
    return "\ufeff" + buf.getvalue()
