"""One county indicator-year as CSV text: the prefecture CSV's columns plus ``prefecture_adcode`` and ``note``.

Every unit with a figure that year is a row, drawn or not: functional zones and units without a polygon
are listed with their note, never dropped and never added to a host county.

Examples
--------
>>> text = county_csv("migrants_other_prov_pct", 2020, codes=["640104"])
>>> lines = text.lstrip(BOM).splitlines()
>>> lines[0]
'adcode,name_zh,name_en,province_zh,year,value,unit,source,prefecture_adcode,note'
>>> lines[1].split(",")[:6]
['640104', '兴庆区', 'Xingqing District', '宁夏回族自治区', '2020', '21.93058858']
"""

from __future__ import annotations

import csv
import io
import math

import pandas as pd

from indicators.export import BOM, CSV_COLUMNS

COLUMNS = (*CSV_COLUMNS, "prefecture_adcode", "note")


def county_csv(key: str, year: int, codes: list[str] | None = None) -> str:
    """CSV text (UTF-8 BOM first) of one county indicator and year; ``codes`` limits the rows.

    An unknown key or year raises ``ValueError`` (one line naming the valid values).
    """
    from indicators.county import county_flags, county_indicator, county_units, county_values

    ind = county_indicator(key, year)
    values = county_values(key, year)
    flags = county_flags(key, year)
    units = county_units().set_index("adcode").reindex(values.index)
    unit = f"{ind.unit_zh} / {ind.unit_en}" if ind.unit_zh != ind.unit_en else ind.unit_en
    return county_rows_csv(values, flags, units, int(year), unit, f"{ind.source_en}; {ind.source_table}", codes)


def county_rows_csv(
    values: pd.Series,
    flags: pd.Series,
    units: pd.DataFrame,
    year: int | None,
    unit: str,
    source: str,
    codes: list[str] | None = None,
) -> str:
    """The county CSV of ``values`` (indexed by unit code): one row per value, :data:`COLUMNS`.

    ``units`` (indexed by the same codes) gives ``name_zh, name_en, province_zh, prefecture_adcode, note,
    drawable``; ``flags`` a note per code; ``year`` ``None`` leaves the year column blank. A unit the map
    cannot draw says so in its note. Text cells are written as given (the caller neutralises user text).

    >>> units = pd.DataFrame({"name_zh": ["兴庆区"], "name_en": ["Xingqing District"], "province_zh": ["宁夏回族自治区"],
    ...     "prefecture_adcode": ["640100"], "note": [""], "drawable": [True]}, index=["640104"])
    >>> county_rows_csv(pd.Series([1.5], index=["640104"]), pd.Series([""], index=["640104"]), units, None,
    ...                 "t", "made up").lstrip(BOM).splitlines()[1]
    '640104,兴庆区,Xingqing District,宁夏回族自治区,,1.5,t,made up,640100,'
    """
    if codes is not None:
        wanted = set(codes)
        keep = [c for c in values.index if c in wanted]
        values, flags, units = values[keep], flags.reindex(keep), units.loc[keep]
    flags = flags.reindex(values.index)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    cols = [values.index.tolist()] + [units[c].tolist() for c in ("name_zh", "name_en", "province_zh")]
    cols += [values.tolist(), units["prefecture_adcode"].tolist(), units["note"].tolist(), flags.tolist()]
    cols += [units["drawable"].tolist()]
    for code, zh, en, prov, value, pref, note, flag, drawable in zip(*cols, strict=True):
        note = "; ".join(p for p in dict.fromkeys((_text(note), _text(flag))) if p)
        if not drawable:
            note = "; ".join(p for p in ("not drawn on the map", note) if p)
        text = "" if value is None or math.isnan(value) else format(float(value), ".10g")
        writer.writerow([code, zh, en, prov, "" if year is None else int(year), text, unit, source, pref, note])
    return BOM + buf.getvalue()


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
