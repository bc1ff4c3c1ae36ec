"""The ranking tab: an AG Grid of every unit, sortable and filterable; on the projector, a table of the top and
the bottom of the list."""

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
from layouts.map import format_value, short_name_en

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
    first = next((r["adcode"] for r in rows if r["selected"]), None)
    grid = dag.AgGrid(
        id=ids.RANKING_GRID,
        rowData=rows,
        columnDefs=column_defs,
        defaultColDef={
            "sortable": True,
            "resizable": True,
            "floatingFilter": True,
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


#: The projector's ranking: the first and the last units of the list (and the selected ones between), in type an
#: audience reads; 6 + 3 rows and the gap fit a 1280x720 projector's panel at 20 px.
PROJECTOR_TOP, PROJECTOR_BOTTOM = 6, 3


def projector_rows(rows: list[dict], top: int = PROJECTOR_TOP, bottom: int = PROJECTOR_BOTTOM) -> list:
    """The rows the projector shows, in rank order: the first ``top``, the selected ones between, the last
    ``bottom``; an int stands for the number of ranked rows left out at that place. Units without a value are
    counted, not listed.

    >>> rows = [{"rank": r, "selected": r == 5} for r in (3, 1, 2, 4, 5, 6, 7, None)]
    >>> [r if isinstance(r, int) else r["rank"] for r in projector_rows(rows, 2, 1)]
    [1, 2, 2, 5, 1, 7]
    """
    ranked = sorted((r for r in rows if r.get("rank") is not None), key=lambda r: r["rank"])
    if len(ranked) <= top + bottom + 1:
        return ranked
    head, middle, tail = ranked[:top], ranked[top : len(ranked) - bottom], ranked[len(ranked) - bottom :]
    out: list = list(head)
    gap = 0
    for r in middle:
        if r.get("selected"):
            out += [gap] if gap else []
            out.append(r)
            gap = 0
        else:
            gap += 1
    return out + ([gap] if gap else []) + tail


def projector_ranking(rows: list[dict], lang: str):
    """The projector's ranking table: rank, name, province (unless all are in one), value (selected rows
    highlighted)."""
    head = [
        t("rank_col", lang),
        t("name_col", lang),
        t("province", lang),
        t("value", lang),  # the unit is in the title above
    ]
    # a province's own ranking (its counties): the province column would repeat one name
    one_province = len({r["province"] for r in rows}) <= 1
    if one_province:
        head.pop(2)
    body = []
    for r in projector_rows(rows):
        if isinstance(r, int):
            body.append(
                html.Tr(html.Td(t("ranking_gap", lang, n=f"{r:,}"), colSpan=len(head)), className="ranking-gap")
            )
            continue
        name = short_name_en(r["name"]) if lang == "en" else r["name"]  # as the scene's labels on the map
        cells = [r["rank"], name, *([] if one_province else [r["province"]]), r["value_text"]]
        body.append(
            html.Tr(
                [html.Td(c) for c in cells],
                className="selected" if r.get("selected") else None,
                **{"data-adcode": r["adcode"], "data-rank": str(r["rank"])},
            )
        )
    missing = sum(1 for r in rows if r.get("rank") is None)
    return html.Div(
        [
            html.Table([html.Thead(html.Tr([html.Th(h) for h in head])), html.Tbody(body)], className="ranking-list"),
            *([html.Div(t("ranking_missing", lang, n=missing), className="ranking-missing")] if missing else []),
        ],
        id=ids.RANKING_LIST,
    )


def ranking_tab(rows, selection, m: Meta, lang: str, notice_texts: Sequence[str] = (), scope: str = ""):
    """The ranking tab; ``scope``: the line under the title saying which units are ranked ("" for all)."""
    title = title_text(m, lang).replace("<br>", " ")
    if projecting():  # the top and the bottom of the list in large type (no grid to scroll, sort or filter)
        body = [projector_ranking(rows, lang)]
    else:
        body = [
            hint(t("grid_hint", lang)),
            ranking_grid(rows, selection, m, lang),
            html.Div(t("percentile_note", lang), className="chart-source"),
        ]
    return html.Div(
        [
            *notices(notice_texts),
            html.Div(id=ids.RANKING_NOTICE),
            html.H3(title, className="chart-title"),
            *([html.P(scope, className="ranking-scope")] if scope else []),
            *body,
            html.Div(f"{t('source', lang)}: {m.source}", className="chart-source"),
        ],
        className="chart-tab-content tab-ranking",
    )


# --------------------------------------------------------------------------------------------------
# Profile
