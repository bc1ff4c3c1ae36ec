"""The comparison table (:mod:`indicators.table`) as files: CSV (UTF-8 with BOM) and XLSX with a metadata sheet.

Pure (no Dash, no Flask). Missing values are empty cells, never 0. Every value column has its unit,
year and source beside it (CSV) or in the metadata sheet (XLSX).

Examples
--------
>>> from indicators.table import comparison_table
>>> t = comparison_table(["640100", "640200"], ["pop_resident"], 2020)
>>> file_name(t, "csv")
'led-atlas_comparison_2-units_2020.csv'
>>> table_csv(t).splitlines()[0][:60]
'\\ufeffkind,adcode,name_zh,name_en,province_zh,province_en,pop_res'
"""

from __future__ import annotations

import csv
import io
import math

from indicators.table import ComparisonTable

BOM = "\ufeff"
UNIT_FIELDS = ("kind", "adcode", "name_zh", "name_en", "province_zh", "province_en")
#: Per column of the table: value, year, national rank, unit, source.
CELL_SUFFIXES = ("", "_year", "_rank", "_unit", "_source")
METADATA_COLUMNS = ("indicator", "label_zh", "label_en", "unit_zh", "unit_en", "year", "source", "formula", "caveat")
DATA_SHEET, METADATA_SHEET = "comparison", "metadata"
#: The metadata sheet's note, per level.
NOTES = {
    "prefecture": "Ranks are national ranks among the map units with a value (1 = highest); colours are the "
    "map's quantile classes (5) in the indicator's palette; empty cells: no data.",
    "county": "Ranks are national ranks among the drawn counties with a value (1 = highest); colours are the "
    "county map's quantile classes (5) in the indicator's palette; province_zh / province_en of a county name its "
    "prefecture and province; the prefecture, province and nation rows are the same indicator's published "
    "figures at those levels (empty where none is published); empty cells: no data.",
}


def file_name(table: ComparisonTable, ext: str) -> str:
    """``led-atlas_comparison_<n>-units_<year>.<ext>`` (at county level ``led-atlas_county-comparison_<n>-counties_…``):
    what is in the file."""
    if table.level == "county":
        return f"led-atlas_county-comparison_{len(table.codes)}-counties_{table.year}.{ext}"
    return f"led-atlas_comparison_{len(table.codes)}-units_{table.year}.{ext}"


def csv_header(table: ComparisonTable) -> list[str]:
    """The CSV's columns: :data:`UNIT_FIELDS`, then per indicator its key with :data:`CELL_SUFFIXES`."""
    return [*UNIT_FIELDS, *(f"{c.key}{s}" for c in table.columns for s in CELL_SUFFIXES)]


def _source(ind) -> str:
    return f"{ind.source_en}; {ind.source_table}"


def _text(value, decimals: int) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.{decimals}f}"


def _row_source(column, kind: str) -> str:
    """A cell's source: the column's indicator for a unit, the reference's indicator (none: "") for a reference row."""
    if kind == "unit":
        return _source(column.indicator)
    return _source(column.reference) if column.reference is not None else ""


def table_csv(table: ComparisonTable) -> str:
    """The table as CSV text starting with a BOM (Excel reads it as UTF-8); values at the indicator's decimals;
    the reference rows' sources are their own (at county level, the prefecture registry's)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(csv_header(table))
    for row in table.rows():
        out = [row[f] for f in UNIT_FIELDS]
        for c in table.columns:
            cell = row[c.key]
            ind = c.indicator
            rank = "" if cell["rank"] is None else str(cell["rank"])
            out += [_text(cell["value"], ind.decimals), str(cell["year"]), rank, ind.unit_en, _row_source(c, row["kind"])]
        writer.writerow(out)
    return BOM + buf.getvalue()


def metadata_rows(table: ComparisonTable) -> list[list]:
    """One row per column of the table: :data:`METADATA_COLUMNS`."""
    rows = []
    for c in table.columns:
        ind = c.indicator
        caveat = " / ".join(x for x in (ind.caveat_en, ind.caveat_zh) if x)
        rows.append([c.key, ind.label_zh, ind.label_en, ind.unit_zh, ind.unit_en, c.year, _source(ind), ind.formula, caveat])
    return rows


def table_xlsx(table: ComparisonTable) -> bytes:
    """The table as an XLSX workbook: sheet ``comparison`` (numbers, one value and one rank column per
    indicator, headers with label, unit and year) and sheet ``metadata`` (:func:`metadata_rows`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    header = list(UNIT_FIELDS)
    for c in table.columns:
        ind = c.indicator
        header += [f"{ind.label_en} ({ind.unit_en}, {c.year})", f"{ind.label_en}: national rank"]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in table.rows():
        out = [row[f] for f in UNIT_FIELDS]
        for c in table.columns:
            cell = row[c.key]
            v = cell["value"]
            out += [None if v is None or math.isnan(v) else round(float(v), c.indicator.decimals), cell["rank"]]
        ws.append(out)
        r = ws.max_row
        for i, c in enumerate(table.columns):
            col = len(UNIT_FIELDS) + 2 * i + 1
            ws.cell(r, col).number_format = "0" if c.indicator.decimals == 0 else "0." + "0" * c.indicator.decimals
            color = row[c.key]["color"]
            if color:
                ws.cell(r, col).fill = PatternFill("solid", fgColor=color.lstrip("#").upper())
    ws.freeze_panes = ws.cell(2, len(UNIT_FIELDS) + 1)
    meta = wb.create_sheet(METADATA_SHEET)
    meta.append(list(METADATA_COLUMNS))
    for cell in meta[1]:
        cell.font = Font(bold=True)
    for r in metadata_rows(table):
        meta.append(r)
    meta.append([])
    meta.append(["note", NOTES.get(table.level, NOTES["prefecture"])])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
