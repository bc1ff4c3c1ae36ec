"""The ranking tab: an AG Grid of every unit, sortable and filterable."""

from __future__ import annotations

from collections.abc import Sequence

import dash_ag_grid as dag
import pandas as pd
from dash import html

from indicators import compare
from layouts import ids
from layouts.charts.common import (
    Meta,
    hint,
    notices,
    projecting,
    title_text,
)
from layouts.i18n import t
from layouts.map import format_value

#: Name of the grid comparator that keeps missing values last in both sort directions; it lives in
#: ``assets/dashAgGridFunctions.js`` (``window.dashAgGridFunctions.nullsLast``). Without it the grid
#: falls back to AG Grid's default order (missing first when ascending).
NULLS_LAST = "nullsLast"


def ranking_rows(table: pd.DataFrame, units: pd.DataFrame, flags: pd.Series | None, selection, m: Meta, lang: str):
    """``rowData`` of the ranking grid from :func:`indicators.compare.ranking_table` (missing values last)."""
    selected = set(selection)
    zh = lang == "zh"
    rows = []
    for r in table.itertuples(index=False):
        code = r.adcode
        u = units.loc[code] if code in units.index else None
        missing = compare.is_missing(r.value)
        flag = flags.get(code, "") if flags is not None else ""
        rows.append(
            {
                "adcode": code,
                "rank": None if missing else int(r.rank),
                "name": (u["name_zh"] if zh else u["name_en"]) if u is not None else code,
                "name_other": (u["name_en"] if zh else u["name_zh"]) if u is not None else "",
                "province": (u["province_zh"] if zh else u["province_en"]) if u is not None else "",
                "value": None if missing else round(float(r.value), m.decimals + 2),
                "value_text": t("no_data", lang) if missing else format_value(float(r.value), m.decimals),
                "percentile": None if missing else round(float(r.percentile), 1),
                "flag": flag if isinstance(flag, str) else "",
                "selected": code in selected,
            }
        )
    return rows


#: A text column that wraps its words and grows its row rather than cutting the text off.
WRAP = {
    "wrapText": True,
    "autoHeight": True,
    "cellStyle": {"lineHeight": "1.3", "paddingTop": "6px", "paddingBottom": "6px", "wordBreak": "normal"},
}


def ranking_grid(rows: list[dict], selection: Sequence[str], m: Meta, lang: str):
    """The AG Grid of every unit; clicking a row selects it on the map; selected rows are highlighted."""
    value_header = t("label_unit", lang, label=t("value", lang), unit=m.unit)
    column_defs = [
        {
            "field": "rank",
            "headerName": t("rank_col", lang),
            "width": 52,
            "filter": "agNumberColumnFilter",
            "valueFormatter": {"function": "params.value == null ? '–' : params.value"},
            "comparator": {"function": NULLS_LAST},
        },
        {
            "field": "name",
            "headerName": t("name_col", lang),
            # names and provinces share what the fixed columns leave and wrap instead of ending in "…"
            "flex": 3,
            "minWidth": 96,
            **WRAP,
            "tooltipField": "name_other",
            "filter": "agTextColumnFilter",
        },
        {
            "field": "province",
            "headerName": t("province", lang),
            "flex": 2,
            "minWidth": 96,
            "filter": "agTextColumnFilter",
            **WRAP,
        },
        {
            "field": "value",
            "headerName": t("value", lang),
            "headerTooltip": value_header,
            "width": 80,
            "type": "rightAligned",
            "filter": "agNumberColumnFilter",
            "valueFormatter": {"function": "params.data.value_text"},
            "sortingOrder": ["desc", "asc", None],
            "comparator": {"function": NULLS_LAST},
        },
        {
            "field": "percentile",
            "headerName": t("percentile_short", lang),
            "headerTooltip": t("percentile_col", lang),
            "width": 76,
            "type": "rightAligned",
            "filter": "agNumberColumnFilter",
            "valueFormatter": {"function": "params.value == null ? '–' : d3.format('.0f')(params.value)"},
            "comparator": {"function": NULLS_LAST},
        },
        {"field": "flag", "headerName": "⚠", "headerTooltip": t("flag_col", lang), "width": 32, "tooltipField": "flag"},
    ]
    projector = projecting()
    if projector:  # the audience reads rank, name, province and value; no filters to type into
        shown = [c for c in column_defs if c["field"] not in ("percentile", "flag")]
        column_defs = [{k: v for k, v in c.items() if k != "filter"} for c in shown]
        column_defs[0]["width"] = 72  # "Rank" on one line in the projector's type
    first = next((r["adcode"] for r in rows if r["selected"]), None)
    grid = dag.AgGrid(
        id=ids.RANKING_GRID,
        rowData=rows,
        columnDefs=column_defs,
        defaultColDef={
            "sortable": True,
            "resizable": True,
            "floatingFilter": not projector,
            "suppressHeaderMenuButton": True,
            "wrapHeaderText": True,
            "autoHeaderHeight": True,
        },
        getRowId="params.data.adcode",
        getRowStyle={
            "styleConditions": [
                {"condition": "params.data.selected", "style": {"backgroundColor": "#fde2c4", "fontWeight": "600"}}
            ]
        },
        dashGridOptions={"tooltipShowDelay": 300, "animateRows": False, "rowHeight": 30, "headerHeight": 34},
        scrollTo={"rowId": first, "rowPosition": "middle"} if first else None,
        style={"height": "430px", "width": "100%"},
        className="ranking-grid",
    )
    return grid


def ranking_tab(rows, selection, m: Meta, lang: str, notice_texts: Sequence[str] = (), scope: str = ""):
    """The ranking tab; ``scope``: the line under the title saying which units are ranked ("" for all)."""
    title = title_text(m, lang).replace("<br>", " ")
    return html.Div(
        [
            *notices(notice_texts),
            html.Div(id=ids.RANKING_NOTICE),
            html.H3(title, className="chart-title"),
            *([html.P(scope, className="ranking-scope")] if scope else []),
            hint(t("grid_hint", lang)),
            ranking_grid(rows, selection, m, lang),
            *([] if projecting() else [html.Div(t("percentile_note", lang), className="chart-source")]),
            html.Div(f"{t('source', lang)}: {m.source}", className="chart-source"),
        ],
        className="chart-tab-content tab-ranking",
    )


# --------------------------------------------------------------------------------------------------
# Profile
