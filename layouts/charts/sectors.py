"""The sectors tab: census sector specialisation and growth of one unit (quadrant chart and table)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from dash import html

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


#: The quadrant names in the corners: the quadrant colours darkened to 4.5:1 on white (WCAG AA).
QUADRANT_TEXT_COLORS = {
    "specialised_growing": "#00785a",
    "specialised_declining": "#9a5b00",
    "emerging": OKABE_ITO["blue"],
    "weak": "#666666",
}


def sectors_figure(quadrant: pd.DataFrame, unit_name: str, source: str, lang: str) -> go.Figure:
    """LQ (x, log) against relative growth (y) of the 19 census sectors; bubble area = 2020 share.

    ``quadrant`` from :func:`indicators.compare.sector_quadrant`. Bubbles carry the GB/T section letter;
    hover gives the sector name and numbers. Quadrant labels sit in the corners (x = 1, y = 0 split them).
    """
    q = quadrant.copy()
    has_growth = q["relative_growth"].notna().any()
    q["y"] = q["relative_growth"] if has_growth else 0.0
    q = q[q["lq"].notna() & (q["lq"] > 0)]
    fig = go.Figure()
    max_share = float(q["share"].max()) if len(q) else 1.0
    sizeref = 2.0 * max_share / (44.0**2)
    for key in [*QUADRANTS, None]:
        part = q[q["quadrant"].isna()] if key is None else q[q["quadrant"] == key]
        if part.empty:
            continue
        label = t(f"q_{key}" if key else "q_none", lang)
        full = [SECTORS[s].label(lang) for s in part.index]
        fig.add_scatter(
            x=part["lq"],
            y=part["y"],
            mode="markers+text",
            name=label,
            text=[SECTORS[s].section for s in part.index],
            textposition="middle center",
            # dark letters: white on the green or blue bubbles stays under 4.5:1 (WCAG AA)
            textfont={"size": 10, "color": "#000000"},
            marker={
                "size": part["share"].clip(lower=0.05),
                "sizemode": "area",
                "sizeref": sizeref,
                "sizemin": 7,
                "color": QUADRANT_COLORS[key],
                "opacity": 0.85,
                "line": {"width": 1, "color": "#ffffff"},
            },
            customdata=[
                [f, f"{s:.2f}", f"{lq:.2f}", "–" if pd.isna(g) else f"{g:+.1f}"]
                for f, s, lq, g in zip(full, part["share"], part["lq"], part["relative_growth"], strict=True)
            ],
            hovertemplate=(
                "%{customdata[0]}<br>"
                + t("lq_short", lang)
                + ": %{customdata[2]}<br>"
                + t("relative_growth", lang)
                + ": %{customdata[3]} pp<br>"
                + t("share", lang)
                + ": %{customdata[1]} %<extra></extra>"
            ),
        )
    fig.add_vline(x=1, line={"color": "#52606d", "width": 1})
    if has_growth:
        fig.add_hline(y=0, line={"color": "#52606d", "width": 1})
        corners = [
            ("specialised_growing", 0.99, 0.99, "right", "top"),
            ("specialised_declining", 0.99, 0.01, "right", "bottom"),
            ("emerging", 0.01, 0.99, "left", "top"),
            ("weak", 0.01, 0.01, "left", "bottom"),
        ]
        for key, x, y, xa, ya in corners:
            fig.add_annotation(
                text=t(f"q_{key}", lang),
                xref="paper",
                yref="paper",
                x=x,
                y=y,
                xanchor=xa,
                yanchor=ya,
                showarrow=False,
                font={"size": 10, "color": QUADRANT_TEXT_COLORS[key]},
            )
    lo = float(q["lq"].min()) if len(q) else 0.5
    hi = float(q["lq"].max()) if len(q) else 2.0
    span = max(abs(math.log10(min(lo, 0.9))), abs(math.log10(max(hi, 1.1)))) + 0.12
    fig.update_xaxes(
        type="log",
        range=[-span, span],
        title_text=t("sectors_x", lang),
        tickvals=[0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50],
        ticktext=["0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1", "2", "5", "10", "20", "50"],
    )
    if has_growth:
        ymax = float(q["y"].abs().max()) * 1.15 or 1.0
        fig.update_yaxes(range=[-ymax, ymax], title_text=wrap(t("sectors_y", lang), 44), zeroline=False)
    else:
        fig.update_yaxes(visible=False, range=[-1, 1])
    title = wrap(t("sectors_title", lang).format(name=unit_name), 52)
    subtitle = wrap(t("sectors_size", lang), 70)
    return chart_layout(fig, title, subtitle, source_text(source, lang), height=380)


def sectors_tab(
    quadrant: pd.DataFrame | None,
    unit_name: str,
    source: str,
    adcode: str,
    lang: str,
    n_more: int = 0,
    notice_texts: Sequence[str] = (),
):
    parts = [*notices(notice_texts)]
    if n_more:
        parts.append(hint(t("first_more", lang).format(n=n_more)))
    if quadrant is None:
        parts.append(html.P(t("sectors_no_data", lang).format(name=unit_name), className="chart-notice"))
        return html.Div(parts, className="chart-tab-content tab-sectors")
    if quadrant["relative_growth"].isna().all():
        parts.append(html.P(t("sectors_no_growth", lang).format(name=unit_name), className="chart-notice"))
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
        graph(fig, export_name("sectors", adcode, "2010-2020"), kind="bubble", lang=lang),
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
