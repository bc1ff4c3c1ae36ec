"""The compare tab: horizontal bars of the selection (or the national extremes) with province and national references."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from dash import html

from indicators import compare
from layouts.charts.common import (
    CJK_CLASS,
    CLASSES,
    DESK,
    EXPORT_PREFIX,
    FONT,
    FONT_SIZE,
    FRAME,
    GRAPH_CONFIG,
    INK,
    METRICS,
    MUTED,
    OKABE_ITO,
    PNG_EXPORT,
    PROJECTOR,
    PROJECTOR_TEXT,
    SOURCE_NOTE,
    SUBTITLE_FONT,
    TEMPLATE,
    TITLE,
    Meta,
    axis_names,
    char_width,
    chart_layout,
    export_name,
    fmt_value,
    graph,
    hint,
    notices,
    projecting,
    source_text,
    title_text,
    unit_names,
    wrap,
)
from layouts.i18n import t

#: The compare chart's constants. The browser draws the same chart from them and the words of
#: :data:`BROWSER_WORDS` (:func:`browser_spec`, sent in the values bundle; ``assets/compare.js``).
BAR = {"orientation": "h", "hovertemplate": "%{hovertext}<extra></extra>"}
#: A value in the column right of the plot (its font: size 10, ``INK``, ``MUTED`` when missing).
VALUE_NOTE = {"xref": "paper", "yref": "y", "x": 1.0, "xanchor": "left", "xshift": 6, "showarrow": False}
VALUE_FONT_SIZE = 10
PROVINCE_MARK = {
    "mode": "markers",
    "marker": {"symbol": "line-ns", "size": 16, "line": {"width": 3, "color": OKABE_ITO["vermillion"]}},
    "hovertemplate": "%{hovertext}<extra></extra>",
}
NATIONAL_LINE = {"color": OKABE_ITO["black"], "dash": "dash", "width": 1.5}
Y_AXIS = {"autorange": "reversed", "automargin": True, "type": "category", "tickfont": {"size": 10}}
#: Columns of the bar names and the x-axis title; pixels per bar and at least; pixels per column of the
#: value column; the x range's padding (share of the span), the gap between bars; whether the x-axis title is the unit
#: alone; whether the x-axis has tick labels and a title (``x_axis``) and the chart its source line (``source``).
SIZES = {
    "name_width": 20,
    "x_title_width": 60,
    "bar_height": 24,
    "min_height": 150,
    "value_column": 7,
    "range_pad": 0.04,
    "bargap": 0.3,
    "x_title_unit_only": False,
    "x_axis": True,
    "source": True,
}
#: The compare chart on the projector (:data:`layouts.charts.common.PROJECTOR`): bars packed closer so a
#: pilot's fourteen units fit the projector's panel at 20 px text (the 537 px a 1280×720 projector leaves under
#: the scene's caption), names and values at the larger text. The values stand at the bars' ends, so the x-axis
#: has neither tick labels nor a title; the source is named once on the screen, in the map's caption under the
#: map (the chart shows the map's indicator and year), not again under the chart.
PROJECTOR_COMPARE = {
    "valueFontSize": PROJECTOR_TEXT,
    # every bar named: Plotly leaves out every other category label once the rows are this close
    "yaxis": {**Y_AXIS, "tickfont": {"size": PROJECTOR_TEXT}, "dtick": 1},
    # the x-axis is titled by the unit alone (the chart's title names the indicator and unit above it)
    "sizes": {
        **SIZES,
        "name_width": 18,
        "x_title_width": 44,
        "x_title_unit_only": True,
        "x_axis": False,
        "source": False,
        # rows 17 px apart (14 px names) when many; a few rows share at least the desk's plot height
        "bar_height": 17,
        "min_height": SIZES["min_height"],
        "value_column": 9,
    },
}


def compare_style() -> dict:
    """The text style of the compare chart being built: the desk's, or :data:`PROJECTOR_COMPARE` merged
    into :data:`layouts.charts.common.PROJECTOR` on the projector."""
    if projecting():
        return {**PROJECTOR, **PROJECTOR_COMPARE}
    return {**DESK, "valueFontSize": VALUE_FONT_SIZE, "yaxis": Y_AXIS, "sizes": SIZES}


TAB_CLASS = "chart-tab-content tab-compare"
#: The words the browser needs to draw the tab (the values bundle's texts, web/values.py).
BROWSER_WORDS = (
    "source",
    "nation",
    "no_data",
    "ignored_codes",
    "selected_units",
    "extremes_title",
    "highest",
    "lowest",
    "selected",
    "province_value",
    "province_average",
    "national_average",
    "averages_note",
    "no_national",
    "others",
    "compare_hint",
    "chart_bar",
    "chart_key",
    "chart_values",
    "title_format",
    "title_suffix",
    "label_unit",
    "name_province",
    "colon",
    "sentence_end",
    "list_sep",
    "values_sep",
)


def browser_spec() -> dict:
    """Everything the browser needs to draw the compare tab besides data, words and limits: the Plotly
    template (as the server's figures carry it), font, colours and the constants above."""
    import json

    from plotly.utils import PlotlyJSONEncoder

    template = go.Figure(layout={"template": TEMPLATE}).to_plotly_json()["layout"]["template"]
    return {
        "template": json.loads(json.dumps(template, cls=PlotlyJSONEncoder)),
        "font": FONT,
        "fontSize": FONT_SIZE,
        "colors": dict(OKABE_ITO),
        "cjk": CJK_CLASS,
        "muted": MUTED,
        "ink": INK,
        "metrics": METRICS,
        "title": TITLE,
        "subtitleFont": SUBTITLE_FONT,
        "sourceNote": SOURCE_NOTE,
        "graphConfig": GRAPH_CONFIG,
        "pngExport": PNG_EXPORT,
        "exportPrefix": EXPORT_PREFIX,
        "frame": FRAME,
        "classes": {**CLASSES, "tab": TAB_CLASS},
        "bar": BAR,
        "valueNote": VALUE_NOTE,
        "valueFontSize": VALUE_FONT_SIZE,
        "provinceMark": PROVINCE_MARK,
        "nationalLine": NATIONAL_LINE,
        "yaxis": Y_AXIS,
        "sizes": SIZES,
        # what changes on the projector (presenter mode; assets/compare.js draws with it there)
        "projector": {**PROJECTOR, **PROJECTOR_COMPARE},
    }


def compare_figure(
    values: pd.Series,
    selection: Sequence[str],
    units: pd.DataFrame,
    province_ref: pd.Series,
    national_ref: float,
    m: Meta,
    lang: str,
    averages: bool = False,
) -> go.Figure:
    """Horizontal bars of the selected units (or the national extremes), with province and national references.

    Bars are ordered highest first; their values stand in a column right of the plot. Each bar's
    province reference is a vermillion tick on its row; the national reference a dashed vertical line.
    ``averages``: the references are mean unit values (for counts, whose totals dwarf any unit),
    otherwise the province and national values of the indicator. More than
    :data:`indicators.compare.MAX_BARS` selected units: the highest are drawn and the rest counted in
    the subtitle. Units without a value say "no data" (never a bar of 0).
    """
    m = m.for_plotly()
    st = compare_style()
    S = st["sizes"]
    notes = []
    if selection:
        split = compare.top_n(values, selection)
        groups = [(split.shown, t("selected", lang), OKABE_ITO["blue"])]
        if split.others:
            notes.append(t("others", lang).format(n=len(split.others), shown=len(split.shown)))
        suffix = t("selected_units", lang)
    else:
        split = compare.extremes(values)
        groups = [
            (split.shown, t("highest", lang), OKABE_ITO["blue"]),
            (split.others, t("lowest", lang), OKABE_ITO["sky"]),
        ]
        suffix = t("extremes_title", lang)
    codes = [c for g in groups for c in g[0]]
    full = unit_names(codes, units, lang)
    names = axis_names(codes, units, lang, S["name_width"])
    pcol = "province_zh" if lang == "zh" else "province_en"
    fig = go.Figure()
    for group_codes, name, color in groups:
        v = values.reindex(group_codes)
        fig.add_bar(
            y=[names[c] for c in group_codes],
            x=[None if compare.is_missing(x) else float(x) for x in v],
            name=name,
            marker_color=color,
            customdata=group_codes,
            hovertext=[f"{full[c]}: {fmt_value(x, m.decimals)} {m.unit}" for c, x in zip(group_codes, v, strict=True)],
            **BAR,
        )
    value_texts = {
        c: t("no_data", lang) if compare.is_missing(values.get(c)) else fmt_value(values.get(c), m.decimals)
        for c in codes
    }
    for code in codes:  # the value column, right of the plot
        color = MUTED if compare.is_missing(values.get(code)) else INK
        fig.add_annotation(
            text=value_texts[code], y=names[code], font={"size": st["valueFontSize"], "color": color}, **VALUE_NOTE
        )
    prov_codes = [c for c in codes if c in units.index]
    prov_vals = [province_ref.get(units.at[c, "province_adcode"]) for c in prov_codes]
    have = [(c, p) for c, p in zip(prov_codes, prov_vals, strict=True) if not compare.is_missing(p)]
    prov_label = t("province_average" if averages else "province_value", lang)
    if have:
        fig.add_scatter(
            y=[names[c] for c, _ in have],
            x=[float(p) for _, p in have],
            name=prov_label,
            hovertext=[f"{units.at[c, pcol]} · {prov_label}: {fmt_value(p, m.decimals)} {m.unit}" for c, p in have],
            **PROVINCE_MARK,
        )
    if compare.is_missing(national_ref):
        notes.append(t("no_national", lang))
    else:
        nat_text = f"{t('national_average' if averages else 'nation', lang)} {fmt_value(national_ref, m.decimals)}"
        fig.add_vline(
            x=float(national_ref),
            line=NATIONAL_LINE,
            showlegend=True,
            name=nat_text,
        )
    if averages:
        notes.append(t("averages_note", lang))
    xs = [float(x) for x in values.reindex(codes) if not compare.is_missing(x)]
    xs += [float(p) for _, p in have] + ([] if compare.is_missing(national_ref) else [float(national_ref)])
    if xs:
        lo, hi = min(0.0, min(xs)), max(0.0, max(xs))
        pad = (hi - lo) * S["range_pad"] or 1.0
        fig.update_xaxes(range=[lo - (pad if lo < 0 else 0), hi + pad])
    if S["x_axis"]:
        x_title = m.unit if S["x_title_unit_only"] else t("label_unit", lang, label=m.label, unit=m.unit)
        fig.update_xaxes(title_text=wrap(x_title, S["x_title_width"]), zeroline=True)
    else:  # the values stand at the bars' ends
        fig.update_xaxes(showticklabels=False, ticks="", zeroline=True)
    fig.update_yaxes(title_text=None, **st["yaxis"])
    fig.update_layout(bargap=S["bargap"])
    subtitle = "<br>".join(wrap(n, st["metrics"]["notes_width"]) for n in notes)
    return chart_layout(
        fig,
        title_text(m, lang, suffix),
        subtitle,
        source_text(m.source, lang) if S["source"] else "",
        height=max(S["min_height"], S["bar_height"] * len(codes)),
        right=st["metrics"]["right"]
        + S["value_column"] * max((sum(char_width(ch) for ch in v) for v in value_texts.values()), default=0),
    )


def compare_tab(
    values: pd.Series,
    selection: Sequence[str],
    units: pd.DataFrame,
    province_ref: pd.Series,
    national_ref: float,
    m: Meta,
    lang: str,
    notice_texts: Sequence[str] = (),
    averages: bool = False,
):
    fig = compare_figure(values, selection, units, province_ref, national_ref, m, lang, averages)
    parts = [*notices(notice_texts)]
    if not selection:
        parts.append(hint(t("compare_hint", lang)))
    parts.append(graph(fig, export_name("compare", m.key, m.year), kind="bar", lang=lang))
    return html.Div(parts, className=TAB_CLASS)


# --------------------------------------------------------------------------------------------------
# Trend
