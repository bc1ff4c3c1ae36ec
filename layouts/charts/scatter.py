"""The scatter tab: every unit's value of the current indicator against a second one."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from layouts import ids
from layouts.charts.common import (
    CLASSES,
    FRAME,
    INK,
    OKABE_ITO,
    Meta,
    chart_layout,
    export_name,
    graph_config,
    hint,
    indicator_options,
    notices,
    picker,
    source_text,
    style,
    unit_names,
    wrap,
)
from layouts.i18n import t

GREY = "#8c96a0"


DEFAULT_SCATTER_Y = ("gdp_per_resident", "urbanisation_rate")


def default_scatter_y(x_key: str) -> str:
    """GDP per resident against the current indicator (urbanisation when GDP per resident is on x).

    >>> default_scatter_y("pop_resident"), default_scatter_y("gdp_per_resident")
    ('gdp_per_resident', 'urbanisation_rate')
    """
    return DEFAULT_SCATTER_Y[1] if x_key == DEFAULT_SCATTER_Y[0] else DEFAULT_SCATTER_Y[0]


def scatter_label(x_key: str, indicators, lang: str) -> str:
    """The scatter frame's name for screen readers, true whatever second indicator is chosen."""
    x = next((i for i in indicators if i.key == x_key), None)
    label = (x.label_zh if lang == "zh" else x.label_en) if x else x_key
    unit = (x.unit_zh if lang == "zh" else x.unit_en) if x else ""
    return t("scatter_label", lang).format(x=label, unit=unit)


def scatter_tab(x_key: str, y_key: str, indicators, lang: str, notice_texts: Sequence[str] = ()):
    """Controls and an empty graph; the figure comes from the scatter callback."""
    return html.Div(
        [
            *notices(notice_texts),
            html.Div(
                [
                    picker(
                        t("scatter_y", lang),
                        ids.SCATTER_Y,
                        indicator_options(indicators, lang),
                        y_key,
                        "picker-scatter-y",
                        clearable=False,
                        lang=lang,
                    ),
                    dcc.Checklist(
                        id=ids.SCATTER_LOG,
                        options=[{"label": t("log_x", lang), "value": "x"}, {"label": t("log_y", lang), "value": "y"}],
                        value=[],
                        inline=True,
                        persistence=True,
                        persistence_type="memory",
                        className="scatter-log",
                    ),
                ],
                className="chart-controls",
            ),
            html.Div(id=ids.SCATTER_NOTICE),
            hint(t("scatter_hint", lang)),
            html.Div(
                dcc.Graph(
                    id=ids.SCATTER_GRAPH, config=graph_config(export_name("scatter", x_key)), className=CLASSES["graph"]
                ),
                id=ids.SCATTER_FRAME,
                **FRAME,
                **{"aria-label": scatter_label(x_key, indicators, lang)},
            ),
        ],
        className="chart-tab-content tab-scatter",
    )


def scatter_figure(
    x: pd.Series,
    y: pd.Series,
    selection: Sequence[str],
    units: pd.DataFrame,
    mx: Meta,
    my: Meta,
    lang: str,
    log_x: bool = False,
    log_y: bool = False,
) -> go.Figure:
    """All units as grey dots (``x`` against ``y``), the selection in vermillion, bigger and labelled.

    ``customdata`` of every dot is its adcode (the click callback selects it).
    """
    mx, my = mx.for_plotly(), my.for_plotly()
    both = pd.DataFrame({"x": x.astype(float), "y": y.astype(float)}).dropna()
    dropped = 0
    if log_x or log_y:
        keep = pd.Series(True, index=both.index)
        if log_x:
            keep &= both["x"] > 0
        if log_y:
            keep &= both["y"] > 0
        dropped = int((~keep).sum())
        both = both[keep]
    sel = [c for c in dict.fromkeys(selection) if c in both.index]
    rest = both.drop(index=sel)
    names = unit_names(list(both.index), units, lang)
    fmt_x, fmt_y = f",.{mx.decimals}f", f",.{my.decimals}f"
    hover = "%{text}<br>x: %{x:" + fmt_x + "} " + mx.unit + "<br>y: %{y:" + fmt_y + "} " + my.unit + "<extra></extra>"
    fig = go.Figure()
    fig.add_scatter(
        x=rest["x"],
        y=rest["y"],
        mode="markers",
        name=t("all_units", lang),
        marker={"size": 6, "color": GREY, "opacity": 0.55, "line": {"width": 0}},
        text=[names[c] for c in rest.index],
        customdata=list(rest.index),
        hovertemplate=hover,
    )
    if sel:
        fig.add_scatter(
            x=both.loc[sel, "x"],
            y=both.loc[sel, "y"],
            mode="markers+text" if len(sel) <= 15 else "markers",
            name=t("selected", lang),
            marker={"size": 12, "color": OKABE_ITO["vermillion"], "line": {"width": 1, "color": "#ffffff"}},
            text=[names[c] for c in sel],
            textposition="top center",
            textfont={"size": style()["fontSize"], "color": INK},
            customdata=sel,
            hovertemplate=hover,
            cliponaxis=False,
        )
    notes = [t("scatter_n", lang).format(n=len(both) + dropped)]
    if dropped:
        notes.append(t("log_dropped", lang).format(n=dropped))
    no_data = [c for c in dict.fromkeys(selection) if c not in both.index and c in units.index]
    if no_data:
        nn = unit_names(no_data, units, lang)
        notes.append(t("missing_for", lang).format(names=", ".join(nn[c] for c in no_data)))

    def axis_title(m: Meta) -> str:
        return wrap(t("title_format", lang, label=m.label, unit=m.unit, year=m.year), 56)

    fig.update_xaxes(title_text=axis_title(mx), type="log" if log_x else "linear")
    fig.update_yaxes(title_text=axis_title(my), type="log" if log_y else "linear", automargin=True)
    title = wrap(t("scatter_title", lang, y=my.label, x=mx.label), 52)
    years = sorted({mx.year, my.year})
    title += "<br>" + "·".join(str(y) for y in years) + t("scatter_units", lang, y=my.unit, x=mx.unit)
    sources = mx.source if mx.source == my.source else f"y: {my.source}; x: {mx.source}"
    subtitle = " · ".join(notes)
    return chart_layout(fig, title, wrap(subtitle, 70), source_text(sources, lang), height=360)


# --------------------------------------------------------------------------------------------------
# Ranking
