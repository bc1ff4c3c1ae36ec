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
    if codes is not None:
        keep = [c for c in values.index if c in set(codes)]
        values, flags, units = values[keep], flags[keep], units.loc[keep]
    unit = f"{ind.unit_zh} / {ind.unit_en}" if ind.unit_zh != ind.unit_en else ind.unit_en
    source = f"{ind.source_en}; {ind.source_table}"
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    cols = [values.index.tolist()] + [units[c].tolist() for c in ("name_zh", "name_en", "province_zh")]
    cols += [values.tolist(), units["prefecture_adcode"].tolist(), units["note"].tolist(), flags.tolist()]
    cols += [units["drawable"].tolist()]
    for code, zh, en, prov, value, pref, note, flag, drawable in zip(*cols, strict=True):
        note = "; ".join(p for p in dict.fromkeys((str(note or ""), str(flag or ""))) if p)
        if not drawable:
            note = "; ".join(p for p in ("not drawn on the map", note) if p)
        text = "" if value is None or math.isnan(value) else format(float(value), ".10g")
        writer.writerow([code, zh, en, prov, int(year), text, unit, source, pref, note])
    return BOM + buf.getvalue()
