"""Export helpers: the registry as records, one indicator-year as CSV text.

Pure functions (no Dash, no Flask): the web layer turns :class:`ExportLookupError` into a 404.

Examples
--------
>>> recs = registry_records()
>>> recs[0]["key"], recs[0]["years"]
('pop_resident', [2010, 2020])
"""

from __future__ import annotations

import csv
import io
import math

import pandas as pd

from indicators.registry import REGISTRY, Indicator, indicator_for_year

#: Columns of :func:`indicator_csv`, in order.
CSV_COLUMNS = ("adcode", "name_zh", "name_en", "province_zh", "year", "value", "unit", "source")
UNIT_COLUMNS = ("adcode", "name_zh", "name_en", "province_zh")
BOM = "\ufeff"


class ExportLookupError(LookupError):
    """Unknown indicator key or year; the message is one line, suitable for a 404 page."""


def _source(ind: Indicator) -> str:
    return f"{ind.source_en}; {ind.source_table}"


def registry_records() -> list[dict]:
    """One plain dict per registry indicator, in registry order.

    Returns
    -------
    list of dict
        Keys ``key, label_zh, label_en, unit_zh, unit_en, decimals, source, years, family, direction,
        formula, diverging, levels``; ``years`` a list of ints, ``source`` publisher and table/column,
        ``levels`` where the indicator exists (``prefecture``, ``county``).

    Examples
    --------
    >>> r = {d["key"]: d for d in registry_records()}["gdp_growth_nominal"]
    >>> r["unit_en"], r["diverging"], r["formula"][:7]
    ('%', True, '(gdp_t ')
    """
    return [indicator_record(ind) for ind in REGISTRY.values()]


def indicator_record(ind: Indicator) -> dict:
    """The plain dict of one indicator in :func:`registry_records` (also an uploaded dataset's)."""
    return {
        "key": ind.key,
        "label_zh": ind.label_zh,
        "label_en": ind.label_en,
        "unit_zh": ind.unit_zh,
        "unit_en": ind.unit_en,
        "decimals": ind.decimals,
        "source": _source(ind),
        "years": list(ind.years),
        "family": ind.family,
        "direction": ind.direction,
        "formula": ind.formula,
        "diverging": ind.diverging,
        "levels": list(ind.levels),
    }


def _format(value: float) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else format(float(value), ".10g")


def indicator_csv(key: str, year: int, units: pd.DataFrame, store: pd.DataFrame | None = None) -> str:
    """CSV text of one indicator and year, one row per unit of ``units``.

    Parameters
    ----------
    key, year
        Indicator key and year; unknown ones raise :class:`ExportLookupError` (a ``LookupError``).
    units
        Rows to write, with columns ``adcode, name_zh, name_en, province_zh`` (e.g. the map units).
    store
        A store frame (default: :func:`indicators.store.load_store`).

    Returns
    -------
    str
        A UTF-8 BOM, then the header ``adcode,name_zh,name_en,province_zh,year,value,unit,source`` and one
        line per unit; ``value`` is empty where missing (never 0).

    Examples
    --------
    >>> units = pd.DataFrame(
    ...     {"adcode": ["640100"], "name_zh": ["银川市"], "name_en": ["Yinchuan"],
    ...      "province_zh": ["宁夏回族自治区"]}
    ... )
    >>> print(indicator_csv("gdp", 2020, units).lstrip(BOM).splitlines()[1].split(",")[:6])
    ['640100', '银川市', 'Yinchuan', '宁夏回族自治区', '2020', '1964.3676']
    """
    ind = indicator_for_year(key, year, ExportLookupError)
    missing = [c for c in UNIT_COLUMNS if c not in getattr(units, "columns", ())]
    if missing:
        raise ValueError(f"units needs columns {list(UNIT_COLUMNS)}; missing {missing}")
    from indicators.store import load_store

    s = load_store() if store is None else store
    rows = s[(s.indicator == key) & (s.year == int(year))]
    values = dict(zip(rows.adcode.astype(str), rows.value, strict=True))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    unit = f"{ind.unit_zh} / {ind.unit_en}" if ind.unit_zh != ind.unit_en else ind.unit_en
    source = _source(ind)
    for rec in units[list(UNIT_COLUMNS)].itertuples(index=False):
        code = str(rec.adcode)
        writer.writerow(
            [
                code,
                rec.name_zh,
                rec.name_en,
                rec.province_zh,
                int(year),
                _format(values.get(code)),
                unit,
                source,
            ]
        )
    return BOM + buf.getvalue()
