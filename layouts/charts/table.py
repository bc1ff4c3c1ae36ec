"""The table tab: the selected units side by side on many indicators (an AG Grid), with the province and
the nation as reference rows (at county level the prefecture too), a column picker, and CSV / XLSX
downloads; the level is the table's (:attr:`~indicators.table.ComparisonTable.level`) or, before a
selection, the :class:`~indicators.table.TableLevel` passed in.

Pure given its data: :class:`indicators.table.ComparisonTable` in, components out. Each cell shows the
value (at the indicator's decimals), a chip in the colour of the map's class, the national rank as a
mini bar and ``r/n``; the headers carry label, unit and year. The cells are drawn by
``TableCell`` in ``assets/table.js`` from the numbers and words this module puts in the rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

import dash_ag_grid as dag
from dash import dcc, html

from indicators.table import PREFECTURE, ComparisonTable, TableLevel
from layouts import ids
from layouts.charts.common import hint, indicator_options, notices
from layouts.charts.ranking import NULLS_LAST
from layouts.i18n import t
from layouts.map import format_value

#: Up to this many units the grid is as tall as its rows; more scroll inside a fixed height.
AUTO_HEIGHT_ROWS = 12


def table_query(codes: Sequence[str], keys: Sequence[str], year: int, level: str = "prefecture") -> str:
    """The query of ``/api/table.csv`` / ``.xlsx`` for the table (``cols`` left out when default,
    ``level`` when prefecture).

    >>> table_query(["640100", "640200"], ["gdp"], 2020)
    'sel=640100~640200&cols=gdp&year=2020'
    >>> table_query(["640104"], [], 2020, "county")
    'level=county&sel=640104&year=2020'
    """
    pairs = [("level", level)] if level != PREFECTURE.name else []
    pairs.append(("sel", "~".join(codes)))
    if keys:
        pairs.append(("cols", "~".join(keys)))
    pairs.append(("year", str(year)))
    return urlencode(pairs, safe="~")


def _name(row: dict, lang: str) -> str:
    return row["name_zh"] if lang == "zh" else row["name_en"]


def table_rows(table: ComparisonTable, lang: str) -> list[dict]:
    """``rowData``: per row its id, kind, name, province, and per column key the number (for sorting)
    and ``<key>__cell`` (text, unit-year, rank text, rank share, colour) for ``TableCell``."""
    zh = lang == "zh"
    out = []
    for row in table.rows():
        r = {
            "id": f"{row['kind']}-{row['adcode']}",
            "kind": row["kind"],
            "adcode": row["adcode"],
            "name": _name(row, lang),
            "kind_text": t(f"table_kind_{row['kind']}", lang) if row["kind"] != "unit" else "",
            "province": row["province_zh"] if zh else row["province_en"],
        }
        for col in table.columns:
            cell = row[col.key]
            v = cell["value"]
            missing = v is None or v != v
            rank, n = cell["rank"], cell["n"]
            r[col.key] = None if missing else round(float(v), col.indicator.decimals + 2)
            r[f"{col.key}__cell"] = {
                "text": t("no_data", lang) if missing else format_value(float(v), col.indicator.decimals),
                "rank": t("table_rank", lang).format(rank=rank, n=n) if rank is not None else "",
                "bar": round((n - rank + 1) / n, 3) if rank is not None and n else None,
                "color": cell["color"],
                "year": cell["year"] if cell["year"] != table.year else None,
            }
        out.append(r)
    return out


def column_defs(table: ComparisonTable, lang: str) -> list[dict]:
    """The grid's columns: the unit (pinned; the references' kind as its tooltip), its province (at county
    level "prefecture · province"; hidden when every unit has the same one, which the title names), then
    one column per indicator."""
    zh = lang == "zh"
    units = table.long[table.long["kind"] == "unit"]
    one_place = units["province_en"].nunique() == 1 and units["province_zh"].nunique() == 1
    county = table.level == "county"
    defs = [
        {"field": "name", "headerName": t("table_unit_col", lang), "pinned": "left", "width": 100 + 20 * county,
         "sortable": False, "tooltipValueGetter": {"function": "params.data.kind_text || params.data.province"},
         "wrapText": True},
        {"field": "province", "headerName": t("table_prefecture_col" if county else "province", lang),
         "width": 84 + 40 * county, "sortable": False, "tooltipField": "province", "hide": one_place},
    ]  # fmt: skip
    for col in table.columns:
        ind = col.indicator
        label = ind.label_zh if zh else ind.label_en
        unit = ind.unit_zh if zh else ind.unit_en
        defs.append(
            {
                "field": col.key,
                "colId": col.key,
                "headerName": f"{label} ({unit}, {col.year})" if not zh else f"{label}（{unit}，{col.year}年）",
                "headerTooltip": f"{label} · {unit} · {col.year} · {ind.source_zh if zh else ind.source_en}",
                "wrapHeaderText": True,
                "autoHeaderHeight": True,
                "width": 128,
                "type": "rightAligned",
                "cellRenderer": "TableCell",
                "sortingOrder": ["desc", "asc", None],
                "comparator": {"function": NULLS_LAST},
            }
        )
    return defs


def table_title(table: ComparisonTable, lang: str) -> str:
    """``Comparing 5 selected units (2020)``, with the province when every unit is in one."""
    title = t("table_title", lang).format(n=len(table.codes), year=table.year)
    provinces = table.long[table.long["kind"] == "province"].drop_duplicates("adcode")
    if len(provinces) == 1:
        title += " · " + provinces.iloc[0]["name_zh" if lang == "zh" else "name_en"]
    return title


def table_grid(table: ComparisonTable, lang: str):
    """The grid: the units as rows (sortable), the province and nation pinned below them."""
    rows = table_rows(table, lang)
    return dag.AgGrid(
        id=ids.TABLE_GRID,
        rowData=[r for r in rows if r["kind"] == "unit"],
        columnDefs=column_defs(table, lang),
        defaultColDef={"resizable": True, "suppressHeaderMenuButton": True, "sortable": True},
        getRowId="params.data.id",
        dashGridOptions={
            "animateRows": False,
            "rowHeight": 46,
            "tooltipShowDelay": 300,
            "suppressColumnVirtualisation": True,  # every column in the page (at most 24)
            "suppressMovableColumns": True,  # the order is the picker's (and the URL's)
            # the references stay below the units whichever way a column is sorted
            "pinnedBottomRowData": [r for r in rows if r["kind"] != "unit"],
            **({"domLayout": "autoHeight"} if len(table.codes) <= AUTO_HEIGHT_ROWS else {}),
        },
        # short tables fit their rows; long ones scroll
        style={"height": "520px", "width": "100%"} if len(table.codes) > AUTO_HEIGHT_ROWS else {"width": "100%"},
        className="comparison-grid",
    )


def downloads(codes: Sequence[str], keys: Sequence[str], year: int, lang: str, level: str = "prefecture"):
    """The CSV and XLSX links of the table (``/api/table.csv``, ``/api/table.xlsx``; ``level=county`` there)."""
    query = table_query(codes, keys, year, level)
    return [
        html.Span(t("table_download", lang) + ":", className="control-label"),
        html.A("CSV", href=f"/api/table.csv?{query}", className="btn btn-small", download=""),
        html.A("XLSX", href=f"/api/table.xlsx?{query}", className="btn btn-small", download=""),
    ]


def grid_body(table: ComparisonTable, lang: str, body_notes: Sequence[str] = ()):
    """What ``ids.TABLE_WRAP`` holds: the grid, after the notes about the drawn columns when there are any."""
    grid = table_grid(table, lang)
    return [*notices(body_notes), grid] if body_notes else grid


def table_tab(
    table: ComparisonTable | None,
    keys: Sequence[str],
    lang: str,
    notice_texts: Sequence[str] = (),
    url_keys: Sequence[str] = (),
    level: TableLevel = PREFECTURE,
    body_notes: Sequence[str] = (),
):
    """The tab; ``table`` ``None`` (no selection) shows a hint. ``keys`` are the columns shown,
    ``url_keys`` the ones the URL names (``()`` for the defaults); the picker offers the indicators of
    ``level``; ``body_notes`` are notes about the drawn columns (redrawn with the grid)."""
    county = level.name == "county"
    picker = html.Label(
        [
            html.Span(t("table_columns", lang), className="control-label"),
            dcc.Dropdown(
                id=ids.TABLE_COLS,
                options=indicator_options(list(level.registry.values()), lang),
                value=list(keys),
                multi=True,
                clearable=False,
                className="picker table-cols",
            ),
        ],
        className="control control-wide",
    )
    store = dcc.Store(id=ids.TABLE_DEFAULT_COLS, data="~".join(level.default_columns))
    if table is None:
        return html.Div(
            [*notices(notice_texts), hint(t("table_hint", lang)), picker, store,
             html.Div(id=ids.TABLE_WRAP), html.Div(id=ids.TABLE_LINKS)],  # fmt: skip
            className="chart-tab-content tab-table",
        )
    return html.Div(
        [
            *notices(notice_texts),
            html.H3(table_title(table, lang), className="chart-title"),
            picker,
            hint(t("table_grid_hint_county" if county else "table_grid_hint", lang)),
            html.Div(grid_body(table, lang, body_notes), id=ids.TABLE_WRAP),
            html.Div(downloads(table.codes, url_keys, table.year, lang, table.level), id=ids.TABLE_LINKS,
                     className="table-links"),
            html.Div(t("table_year_note_county" if county else "table_year_note", lang).format(year=table.year),
                     className="chart-source"),
            store,
        ],
        className="chart-tab-content tab-table",
    )
