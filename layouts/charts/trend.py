"""The trend tab: lines of the selected units over the years, with the national line."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from dash import html

from indicators import compare
from layouts.charts.common import (
    OKABE_ITO,
    Meta,
    chart_layout,
    export_name,
    graph,
    hint,
    notices,
    source_text,
    title_text,
    unit_names,
    wrap,
)
from layouts.i18n import t

#: Line colours of the trend chart (yellow left out: too light on white).
SERIES_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F4F24", "#332288")


MAX_TREND_LINES = 8


def trend_figure(
    panel: pd.DataFrame,
    selection: Sequence[str],
    units: pd.DataFrame,
    national: pd.Series,
    m: Meta,
    lang: str,
    averages: bool = False,
) -> go.Figure:
    """Lines of the selected units over the years of ``panel`` (units x years), with the national line.

    At most :data:`MAX_TREND_LINES` lines: the highest in ``m.year`` (or the panel's last year) are
    drawn, the others counted in the subtitle. ``averages``: the national line is the mean of the
    units (for counts) and is labelled so.
    """
    m = m.for_plotly()
    years = [int(y) for y in panel.columns]
    ref_year = m.year if m.year in years else years[-1]
    split = compare.top_n(panel[ref_year], selection, n=MAX_TREND_LINES)
    notes = []
    if split.others:
        notes.append(t("trend_others", lang).format(n=len(split.others), shown=len(split.shown), year=ref_year))
    names = unit_names(split.shown, units, lang)
    fig = go.Figure()
    no_data = []
    for i, code in enumerate(split.shown):
        row = panel.loc[code] if code in panel.index else pd.Series(dtype=float)
        ys = [None if compare.is_missing(row.get(y)) else float(row.get(y)) for y in years]
        if all(y is None for y in ys):
            no_data.append(names[code])
            continue
        fig.add_scatter(
            x=years,
            y=ys,
            mode="lines+markers",
            name=names[code],
            line={"color": SERIES_COLORS[i % len(SERIES_COLORS)], "width": 2},
            marker={"size": 5},
            connectgaps=False,
            customdata=[code] * len(years),
            hovertemplate=names[code] + "<br>%{x}: %{y:,." + str(m.decimals) + "f} " + m.unit + "<extra></extra>",
        )
    nat = national.reindex(years) if national is not None else pd.Series(dtype=float)
    nat_name = t("national_average" if averages else "nation", lang)
    if nat.notna().any():
        fig.add_scatter(
            x=years,
            y=[None if compare.is_missing(v) else float(v) for v in nat],
            mode="lines+markers",
            name=nat_name,
            line={"color": OKABE_ITO["black"], "dash": "dash", "width": 1.5},
            marker={"size": 4},
            hovertemplate=nat_name + "<br>%{x}: %{y:,." + str(m.decimals) + "f} " + m.unit + "<extra></extra>",
        )
        if averages:
            notes.append(t("averages_note", lang))
    else:
        notes.append(t("no_national", lang))
    if no_data:
        notes.append(t("missing_for", lang).format(names=", ".join(no_data)))
    if len(years) <= 12:
        fig.update_xaxes(tickvals=years)
    fig.update_xaxes(title_text=t("year", lang))
    fig.update_yaxes(title_text=wrap(t("label_unit", lang, label=m.label, unit=m.unit), 48))
    subtitle = "<br>".join(wrap(n, 70) for n in notes)
    year_text = f"{years[0]}–{years[-1]}"
    return chart_layout(
        fig, title_text(m, lang, year_text=year_text), subtitle, source_text(m.source, lang), height=300
    )


def trend_tab(
    panel: pd.DataFrame | None,
    selection: Sequence[str],
    units: pd.DataFrame,
    national: pd.Series | None,
    m: Meta,
    lang: str,
    notice_texts: Sequence[str] = (),
    averages: bool = False,
):
    parts = [*notices(notice_texts)]
    if panel is None or panel.shape[1] < 2:
        year = int(panel.columns[0]) if panel is not None and panel.shape[1] == 1 else m.year
        parts.append(html.P(t("trend_one_year", lang).format(label=m.label, year=year), className="chart-notice"))
        return html.Div(parts, className="chart-tab-content tab-trend")
    if not selection:
        parts.append(hint(t("trend_hint", lang)))
    fig = trend_figure(panel, selection, units, national, m, lang, averages)
    parts.append(
        graph(fig, export_name("trend", m.key, f"{panel.columns[0]}-{panel.columns[-1]}"), kind="line", lang=lang)
    )
    return html.Div(parts, className="chart-tab-content tab-trend")


# --------------------------------------------------------------------------------------------------
# Scatter
