"""The sectors tab: census sector specialisation and growth of one unit (quadrant chart and table)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from dash import html
from plotly.subplots import make_subplots

from indicators.sector import QUADRANTS, SECTORS
from layouts.charts.common import (
    OKABE_ITO,
    chart_layout,
    export_name,
    graph,
    hint,
    notices,
    source_text,
    wrap,
)
from layouts.i18n import t

QUADRANT_COLORS = {
    "specialised_growing": OKABE_ITO["green"],
    "specialised_declining": OKABE_ITO["orange"],
    "emerging": OKABE_ITO["blue"],
    "weak": "#999999",
    None: "#cccccc",
}


def sectors_figure(quadrant: pd.DataFrame, unit_name: str, source: str, lang: str) -> go.Figure:
    """The 19 census sectors by name, one row each: LQ (left, log) and relative growth (right).

    ``quadrant`` from :func:`indicators.compare.sector_quadrant`. Rows are sorted by LQ (highest on
    top) and named on the axis, so no label overlaps another and no key is needed; the colour is the
    sector's quadrant (LQ above or below 1, growth above or below the nation's), its key in the subtitle.
    """
    q = quadrant.copy()
    has_growth = q["relative_growth"].notna().any()
    q = q[q["lq"].notna() & (q["lq"] > 0)].sort_values("lq")
    names = [wrap(SECTORS[s].label(lang), 32) for s in q.index]
    fig = make_subplots(rows=1, cols=2 if has_growth else 1, shared_yaxes=True, horizontal_spacing=0.04,
                        column_widths=[0.55, 0.45] if has_growth else None)
    pp = t("pp_unit", lang)
    for key in [*QUADRANTS, None]:
        part = q[q["quadrant"].isna()] if key is None else q[q["quadrant"] == key]
        if part.empty:
            continue
        label = t(f"q_{key}" if key else "q_none", lang)
        rows = [names[list(q.index).index(s)] for s in part.index]
        full = [SECTORS[s].label(lang) for s in part.index]
        custom = [
            [f, f"{s:.2f}", f"{lq:.2f}", "–" if pd.isna(g) else f"{g:+.1f}"]
            for f, s, lq, g in zip(full, part["share"], part["lq"], part["relative_growth"], strict=True)
        ]
        hover = (
            "%{customdata[0]}<br>"
            + t("lq_short", lang)
            + ": %{customdata[2]}<br>"
            + t("relative_growth", lang)
            + f": %{{customdata[3]}} {pp}<br>"
            + t("share", lang)
            + ": %{customdata[1]} %<extra></extra>"
        )
        colour = QUADRANT_COLORS[key]
        fig.add_scatter(
            x=part["lq"], y=rows, mode="markers", name=label, customdata=custom, hovertemplate=hover,
            marker={"size": 10, "color": colour, "line": {"width": 1, "color": "#ffffff"}}, row=1, col=1,
        )
        if has_growth:
            fig.add_bar(
                x=part["relative_growth"], y=rows, orientation="h", name=label, customdata=custom,
                hovertemplate=hover, marker={"color": colour}, showlegend=False, row=1, col=2,
            )
    fig.add_vline(x=1, line={"color": "#52606d", "width": 1}, row=1, col=1)
    lo = float(q["lq"].min()) if len(q) else 0.5
    hi = float(q["lq"].max()) if len(q) else 2.0
    span_lo = math.log10(min(lo, 0.9)) - 0.1
    span_hi = math.log10(max(hi, 1.1)) + 0.1
    fig.update_xaxes(
        type="log",
        range=[span_lo, span_hi],
        title_text=wrap(t("sectors_x_short", lang), 20),
        tickvals=[0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50],
        ticktext=["0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1", "2", "5", "10", "20", "50"],
        row=1,
        col=1,
    )
    fig.update_yaxes(categoryorder="array", categoryarray=names, automargin=True, row=1, col=1)
    if has_growth:
        fig.update_xaxes(title_text=wrap(t("sectors_y_short", lang), 24), zeroline=True, zerolinecolor="#52606d",
                         row=1, col=2)
    title = wrap(t("sectors_title", lang).format(name=unit_name), 52)
    subtitle = wrap(t("sectors_read", lang), 70)
    fig = chart_layout(fig, title, subtitle, source_text(source, lang), height=22 * len(q) + 40)
    fig.update_layout(bargap=0.35)
    return fig


def sectors_tab(
    quadrant: pd.DataFrame | None,
    unit_name: str,
    source: str,
    adcode: str,
    lang: str,
    n_more: int = 0,
    notice_texts: Sequence[str] = (),
    why: str = "",
):
    """The sectors tab of one unit; ``quadrant`` ``None`` when it has no sector figures.

    ``why``: the line said instead of the prefecture one when there is no quadrant or no growth (the
    county tab gives the county's own reason).
    """
    parts = [*notices(notice_texts)]
    if n_more:
        parts.append(hint(t("first_more", lang).format(n=n_more)))
    if quadrant is None:
        parts.append(html.P(why or t("sectors_no_data", lang).format(name=unit_name), className="chart-notice"))
        return html.Div(parts, className="chart-tab-content tab-sectors")
    if quadrant["relative_growth"].isna().all():
        parts.append(html.P(why or t("sectors_no_growth", lang).format(name=unit_name), className="chart-notice"))
    fig = sectors_figure(quadrant, unit_name, source, lang)
    table_rows = [
        html.Tr(
            [
                html.Td(SECTORS[s].section),
                html.Td(SECTORS[s].label(lang)),
                html.Td(f"{r.lq:.2f}", className="num"),
                html.Td(f"{r.share:.1f}", className="num"),
                html.Td("–" if pd.isna(r.relative_growth) else f"{r.relative_growth:+.1f}", className="num"),
                html.Td(t(f"q_{r.quadrant}" if isinstance(r.quadrant, str) else "q_none", lang)),
            ]
        )
        for s, r in quadrant.sort_values("lq", ascending=False).iterrows()
    ]
    head = html.Tr(
        [
            html.Th(""),
            html.Th(t("sector_col", lang)),
            html.Th(t("lq_short", lang), className="num"),
            html.Th(t("share_pct_col", lang), className="num"),
            html.Th(t("growth_pp_col", lang), className="num"),
            html.Th(t("quadrant_col", lang)),
        ]
    )
    parts += [
        graph(fig, export_name("sectors", adcode, "2010-2020"), kind="dots", lang=lang),
        html.P(t("sectors_note", lang), className="chart-source"),
        html.Details(
            [
                html.Summary(t("sector_table", lang)),
                html.Table([html.Thead(head), html.Tbody(table_rows)], className="sector-table"),
            ],
            open=False,
        ),
    ]
    return html.Div(parts, className="chart-tab-content tab-sectors")
