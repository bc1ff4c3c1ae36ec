"""The compare tab at county level: bars of the selected counties with their prefecture, province and
nation as references (issue 13).

The references are the same indicator's published prefecture, province and national figures (the
prefecture registry, same census); where the prefecture level has no such figure the reference is
left out and the chart says so — never filled in.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from dash import html

from layouts.charts.common import OKABE_ITO, export_name, fmt_value, graph, hint, notices
from layouts.i18n import t

TAB_CLASS = "chart-tab-content tab-compare tab-county-compare"
MAX_COUNTY_BARS = 30
PREFECTURE_MARK = {"symbol": "line-ns-open", "size": 16, "color": OKABE_ITO["orange"], "line": {"width": 3}}
PROVINCE_MARK = {"symbol": "diamond-open", "size": 9, "color": OKABE_ITO["vermillion"], "line": {"width": 2}}
NATIONAL_LINE = {"color": OKABE_ITO["black"], "dash": "dash", "width": 1.5}


def county_compare_figure(
    values: pd.Series,
    selection: Sequence[str],
    units: pd.DataFrame,
    prefecture_ref: pd.Series,
    province_ref: pd.Series,
    national_ref: float | None,
    m,
    lang: str,
) -> go.Figure:
    """Horizontal bars of the selected counties (or the national top and bottom ten when none is selected).

    ``units`` is indexed by county adcode with ``name_zh, name_en, prefecture_adcode, prefecture_name_zh,
    prefecture_en, province_adcode, province_zh, province_en``; ``prefecture_ref`` / ``province_ref`` are
    indexed by prefecture / province adcode. A county without a value says "no data" (no bar of 0).
    """
    m = m.for_plotly()
    zh = lang == "zh"
    codes = [c for c in selection if c in units.index][:MAX_COUNTY_BARS]
    if not codes:
        ranked = values.dropna().sort_values(ascending=False)
        codes = list(ranked.index[:10]) + list(ranked.index[-10:])
    u = units.reindex(codes)
    names = [
        f"{r.name_zh if zh else r.name_en} · {r.prefecture_name_zh if zh else r.prefecture_en}" for r in u.itertuples()
    ]
    names = [f"{n} ({c})" if names.count(n) > 1 else n for n, c in zip(names, codes, strict=True)]
    v = values.reindex(codes)
    fig = go.Figure()
    fig.add_bar(
        y=names,
        x=[None if pd.isna(x) else float(x) for x in v],
        orientation="h",
        marker_color=OKABE_ITO["blue"],
        name=t("selected", lang),
        customdata=codes,
        hovertext=[f"{n}: {fmt_value(x, m.decimals)} {m.unit}" for n, x in zip(names, v, strict=True)],
        hovertemplate="%{hovertext}<extra></extra>",
    )
    for ref, key, mark, word in (
        (prefecture_ref, "prefecture_adcode", PREFECTURE_MARK, "county_ref_prefecture"),
        (province_ref, "province_adcode", PROVINCE_MARK, "county_ref_province"),
    ):
        xs = [ref.get(a) for a in u[key]]
        have = [(n, float(x)) for n, x in zip(names, xs, strict=True) if x is not None and not pd.isna(x)]
        if have:
            fig.add_scatter(
                y=[n for n, _ in have],
                x=[x for _, x in have],
                mode="markers",
                marker=mark,
                name=t(word, lang),
                hovertemplate=f"{t(word, lang)}: %{{x}} {m.unit}<extra></extra>",
            )
    if national_ref is not None and not pd.isna(national_ref):
        fig.add_vline(x=float(national_ref), line=NATIONAL_LINE)
        fig.add_scatter(x=[None], y=[None], mode="lines", line=NATIONAL_LINE, name=t("county_ref_nation", lang))
    fig.update_layout(
        title={"text": f"{m.label} · {m.year} · {m.unit}", "font": {"size": 13}},
        yaxis={"autorange": "reversed", "automargin": True, "type": "category", "tickfont": {"size": 10}},
        xaxis={"title": {"text": m.unit}},
        height=max(260, 26 * len(codes) + 120),
        margin={"l": 10, "r": 20, "t": 60, "b": 40},
        legend={"orientation": "h", "y": -0.12},
        annotations=[
            {
                "text": f"{t('source', lang)}: {m.source}",
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 1.06,
                "showarrow": False,
                "font": {"size": 10},
            }
        ],
    )
    return fig


def county_compare_tab(values, selection, units, prefecture_ref, province_ref, national_ref, m, lang, notes=()):
    fig = county_compare_figure(values, selection, units, prefecture_ref, province_ref, national_ref, m, lang)
    parts = [*notices(notes)]
    if not selection:
        parts.append(hint(t("compare_hint", lang)))
    parts.append(graph(fig, export_name("compare_county", m.key, m.year), kind="bar", lang=lang))
    return html.Div(parts, className=TAB_CLASS)
