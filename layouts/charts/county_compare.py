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

from layouts.charts.common import (
    INK,
    MUTED,
    OKABE_ITO,
    char_width,
    chart_layout,
    export_name,
    fmt_value,
    graph,
    hint,
    notices,
    shorten,
    source_text,
    title_text,
    wrap,
)
from layouts.charts.compare import NATIONAL_LINE, VALUE_NOTE, compare_style
from layouts.i18n import t

TAB_CLASS = "chart-tab-content tab-compare tab-county-compare"
MAX_COUNTY_BARS = 30
PREFECTURE_MARK = {
    "symbol": "line-ns-open",
    "size": 16,
    "color": OKABE_ITO["orange"],
    "line": {"width": 3, "color": OKABE_ITO["orange"]},
}
#: The words of the prefecture, province and national references: published figures, or mean county values.
REF_WORDS = {
    False: ("county_ref_prefecture", "county_ref_province", "county_ref_nation"),
    True: ("county_avg_prefecture", "county_avg_province", "county_avg_nation"),
}
PROVINCE_MARK = {"symbol": "diamond-open", "size": 9, "color": OKABE_ITO["vermillion"], "line": {"width": 2}}


def county_compare_figure(
    values: pd.Series,
    selection: Sequence[str],
    units: pd.DataFrame,
    prefecture_ref: pd.Series,
    province_ref: pd.Series,
    national_ref: float | None,
    m,
    lang: str,
    averages: bool = False,
) -> go.Figure:
    """Horizontal bars of the selected counties (or the national top and bottom ten when none is selected).

    ``averages``: the references are mean county values (for counts), otherwise published figures.
    ``units`` is indexed by county adcode with ``name_zh, name_en, prefecture_adcode, prefecture_name_zh,
    prefecture_en, province_adcode, province_zh, province_en``; ``prefecture_ref`` / ``province_ref`` are
    indexed by prefecture / province adcode. A county without a value says "no data" (no bar of 0).
    """
    m = m.for_plotly()
    st = compare_style()
    zh = lang == "zh"
    codes = [c for c in selection if c in units.index][:MAX_COUNTY_BARS]
    if not codes:
        ranked = values.dropna().sort_values(ascending=False)
        codes = list(ranked.index[:10]) + list(ranked.index[-10:])
    u = units.reindex(codes)
    full = [
        f"{r.name_zh if zh else r.name_en} · {r.prefecture_name_zh if zh else r.prefecture_en}" for r in u.itertuples()
    ]
    full = [f"{n} ({c})" if full.count(n) > 1 else n for n, c in zip(full, codes, strict=True)]
    names = [shorten(n, st["sizes"]["name_width"] + 8) for n in full]
    names = [n if names.count(n) == 1 else f"{n} ({c})" for n, c in zip(names, codes, strict=True)]
    v = values.reindex(codes)
    value_texts = [t("no_data", lang) if pd.isna(x) else fmt_value(x, m.decimals) for x in v]
    fig = go.Figure()
    fig.add_bar(
        y=names,
        x=[None if pd.isna(x) else float(x) for x in v],
        orientation="h",
        marker_color=OKABE_ITO["blue"],
        name=t("selected", lang),
        customdata=codes,
        hovertext=[f"{n}: {fmt_value(x, m.decimals)} {m.unit}" for n, x in zip(full, v, strict=True)],
        hovertemplate="%{hovertext}<extra></extra>",
    )
    for name, text, x in zip(names, value_texts, v, strict=True):  # the value column, right of the plot
        fig.add_annotation(
            text=text, y=name, font={"size": st["valueFontSize"], "color": MUTED if pd.isna(x) else INK}, **VALUE_NOTE
        )
    xs = [float(x) for x in v if not pd.isna(x)]
    for ref, key, mark, word in (
        (prefecture_ref, "prefecture_adcode", PREFECTURE_MARK, REF_WORDS[averages][0]),
        (province_ref, "province_adcode", PROVINCE_MARK, REF_WORDS[averages][1]),
    ):
        refs = [ref.get(a) for a in u[key]]
        have = [(n, float(x)) for n, x in zip(names, refs, strict=True) if x is not None and not pd.isna(x)]
        if have:
            xs += [x for _, x in have]
            fig.add_scatter(
                y=[n for n, _ in have],
                x=[x for _, x in have],
                mode="markers",
                marker=mark,
                name=t(word, lang),
                hovertemplate=f"{t(word, lang)}: %{{x}} {m.unit}<extra></extra>",
            )
    if national_ref is not None and not pd.isna(national_ref):
        xs.append(float(national_ref))
        nat_text = f"{t(REF_WORDS[averages][2], lang)} {fmt_value(national_ref, m.decimals)}"
        fig.add_vline(x=float(national_ref), line=NATIONAL_LINE, showlegend=True, name=nat_text)
    if xs:
        lo, hi = min(0.0, min(xs)), max(0.0, max(xs))
        pad = (hi - lo) * st["sizes"]["range_pad"] or 1.0
        fig.update_xaxes(range=[lo - (pad if lo < 0 else 0), hi + pad])
    if st["sizes"]["x_axis"]:
        fig.update_xaxes(title_text=wrap(m.unit, st["sizes"]["x_title_width"]), zeroline=True)
    else:  # the projector: the values stand at the bars' ends (compare.PROJECTOR_COMPARE)
        fig.update_xaxes(showticklabels=False, ticks="", zeroline=True)
    fig.update_yaxes(title_text=None, **st["yaxis"])
    fig.update_layout(bargap=st["sizes"]["bargap"])
    widest = max((sum(char_width(ch) for ch in x) for x in value_texts), default=0)
    return chart_layout(
        fig,
        title_text(m, lang, t("selected_units", lang) if selection else t("extremes_title", lang)),
        "",
        source_text(m.source, lang) if st["sizes"]["source"] else "",
        height=max(st["sizes"]["min_height"], st["sizes"]["bar_height"] * len(codes)),
        right=st["metrics"]["right"] + st["sizes"]["value_column"] * widest,
    )


def county_compare_tab(
    values, selection, units, prefecture_ref, province_ref, national_ref, m, lang, notes=(), averages=False
):
    fig = county_compare_figure(values, selection, units, prefecture_ref, province_ref, national_ref, m, lang, averages)
    parts = [*notices(notes)]
    if not selection:
        parts.append(hint(t("compare_hint", lang)))
    parts.append(graph(fig, export_name("compare_county", m.key, m.year), kind="bar", lang=lang))
    return html.Div(parts, className=TAB_CLASS)
