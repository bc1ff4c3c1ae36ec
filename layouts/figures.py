"""Figures and small components of the chart tabs (compare, trend, scatter, ranking, profile, peers, sectors).

Every builder is pure given its data: Series / DataFrames indexed by adcode in, Plotly figures or Dash
components out; nothing here reads the store. Every figure carries its title (indicator label, unit,
year), axis titles with units, a source line, zh/en text, colour-blind-safe colours (Okabe & Ito) and a
PNG export button (:func:`graph`).

Interface strings live in :mod:`layouts.strings.charts` (looked up with :func:`layouts.i18n.t`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import dash_ag_grid as dag
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from indicators import compare
from indicators.registry import FAMILIES
from indicators.sector import QUADRANTS, SECTORS
from layouts.i18n import t
from layouts.map import format_value

# Component ids of the chart tabs (rendered inside ids.CHARTS).
SCATTER_Y = "scatter-y"
SCATTER_LOG = "scatter-log"
SCATTER_GRAPH = "scatter-graph"
SCATTER_FRAME = "scatter-frame"  # its role="img" frame: the aria-label can follow the figure
SCATTER_NOTICE = "scatter-notice"
RANKING_GRID = "ranking-grid"
RANKING_NOTICE = "ranking-notice"
PROFILE_PRINT = "profile-print"
PEER_INDICATORS = "peer-indicators"
PEER_N = "peer-n"
PEER_SELECT = "peer-select"
PEER_RESULTS = "peer-results"
PEER_CODES = "peer-codes"

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
#: Line colours of the trend chart (yellow left out: too light on white).
SERIES_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F4F24", "#332288")
GREY = "#8c96a0"
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
TEMPLATE = "simple_white"
FONT = "Noto Sans CJK SC, WenQuanYi Micro Hei, Microsoft YaHei, Helvetica Neue, Arial, sans-serif"
MAX_TREND_LINES = 8
DEFAULT_SCATTER_Y = ("gdp_per_resident", "urbanisation_rate")
DEFAULT_PEER_INDICATORS = (
    "gdp_per_resident",
    "gdp_share_tertiary",
    "urbanisation_rate",
    "migrants_other_prov_pct",
    "census_emp_share_manuf",
)
PEER_COUNTS = (5, 10)
#: Name of the grid comparator that keeps missing values last in both sort directions; it lives in
#: ``assets/dashAgGridFunctions.js`` (``window.dashAgGridFunctions.nullsLast``). Without it the grid
#: falls back to AG Grid's default order (missing first when ascending).
NULLS_LAST = "nullsLast"

# --------------------------------------------------------------------------------------------------
# Shared pieces
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Meta:
    """What a figure says about its indicator, in one language."""

    key: str
    label: str
    unit: str
    year: int
    source: str
    decimals: int


def meta(ind, year: int, lang: str) -> Meta:
    """:class:`Meta` of a registry indicator for ``year`` in ``lang``."""
    zh = lang == "zh"
    return Meta(
        key=ind.key,
        label=ind.label_zh if zh else ind.label_en,
        unit=ind.unit_zh if zh else ind.unit_en,
        year=int(year),
        source=ind.source_zh if zh else ind.source_en,
        decimals=int(ind.decimals),
    )


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


_TOKENS = re.compile(r"\s+|[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]|[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+")


def wrap(text: str, width: int = 56) -> str:
    """Break ``text`` into lines of at most ``width`` columns (CJK characters count 2), joined by ``<br>``.

    Latin text breaks at spaces, Chinese between any two characters.

    >>> wrap("Residents with hukou in another province", 20)
    'Residents with hukou<br>in another province'
    >>> wrap("常住人口常住人口", 8)
    '常住人口<br>常住人口'
    >>> wrap("来源：经 Dong 等整理", 12)
    '来源：经<br>Dong 等整理'
    """
    lines, line, used = [], "", 0
    for tok in _TOKENS.findall(text):
        w = sum(_width(c) for c in tok)
        if tok.isspace():
            if line:
                line, used = line + " ", used + 1
            continue
        if line and used + w > width:
            lines.append(line.rstrip())
            line, used = tok, w
        else:
            line, used = line + tok, used + w
    if line.strip():
        lines.append(line.rstrip())
    return "<br>".join(lines)


def title_text(m: Meta, lang: str, suffix: str = "", year_text: str | None = None) -> str:
    """``Label (unit), year`` (+ suffix), wrapped for a narrow panel."""
    year = year_text if year_text is not None else str(m.year)
    text = f"{m.label}（{m.unit}），{year}年" if lang == "zh" else f"{m.label} ({m.unit}), {year}"
    if suffix:
        text += ("·" if lang == "zh" else " · ") + suffix
    return wrap(text, 52)


def source_text(source: str, lang: str) -> str:
    return wrap(f"{t('source', lang)}{'：' if lang == 'zh' else ': '}{source}", 66)


def shorten(name: str, width: int = 26) -> str:
    """``name`` cut to ``width`` columns with an ellipsis (CJK characters count 2).

    >>> shorten("Qiongzhong Li and Miao Autonomous County", 20)
    'Qiongzhong Li and M…'
    >>> shorten("Yinchuan")
    'Yinchuan'
    """
    if sum(_width(c) for c in name) <= width:
        return name
    out, used = "", 0
    for c in name:
        if used + _width(c) > width - 1:
            break
        out, used = out + c, used + _width(c)
    return out.rstrip() + "…"


def axis_names(codes: Sequence[str], units: pd.DataFrame, lang: str, width: int = 20) -> dict[str, str]:
    """Short, unique category labels of ``codes`` (full names stay in the hover text)."""
    names = {c: shorten(n, width) for c, n in unit_names(codes, units, lang).items()}
    if len(set(names.values())) < len(names):
        names = {c: f"{n} {c}" for c, n in names.items()}
    return names


def unit_names(codes: Sequence[str], units: pd.DataFrame, lang: str) -> dict[str, str]:
    """Display names of ``codes``; names that repeat among them get their province appended.

    ``units`` is indexed by adcode with ``name_zh, name_en, province_zh, province_en``.
    """
    col = "name_zh" if lang == "zh" else "name_en"
    pcol = "province_zh" if lang == "zh" else "province_en"
    names = {c: str(units.at[c, col]) if c in units.index else c for c in codes}
    counts = pd.Series(list(names.values())).value_counts()
    out = {}
    for c, n in names.items():
        if counts[n] > 1 and c in units.index:
            prov = units.at[c, pcol]
            n = f"{n}（{prov}）" if lang == "zh" else f"{n} ({prov})"
        out[c] = n
    if len(set(out.values())) < len(out):  # still ambiguous: add the code
        out = {c: f"{n} {c}" for c, n in out.items()}
    return out


def _key_item(trace) -> tuple[str, str, str] | None:
    """``(symbol, colour, name)`` of a trace or shape for the key; ``None`` when it has no legend entry."""
    if not getattr(trace, "name", None) or trace.showlegend is False:
        return None
    if isinstance(trace, go.layout.Shape):  # a reference line (vline / hline)
        return ("╍" if trace.line.dash else "━"), trace.line.color, trace.name
    if trace.type == "bar":
        return "■", trace.marker.color, trace.name
    mode = trace.mode or "markers"
    if "lines" in mode:
        return ("╍" if trace.line.dash else "━"), trace.line.color, trace.name
    symbol = trace.marker.symbol or "circle"
    if symbol.startswith("line-ns"):
        return "┃", trace.marker.line.color, trace.name
    return "●", trace.marker.color, trace.name


def key_lines(items: Sequence[tuple[str, str, str]], width: int = 62) -> list[str]:
    """The key of a figure as lines of coloured symbols and names, at most ``width`` columns each.

    It stands under the title instead of Plotly's legend, whose wrapping in a narrow panel depends
    on the plot area (and pushes the margins).

    >>> key_lines([("■", "#0072B2", "Selected"), ("┃", "#D55E00", "Province value")])
    ['<span style="color:#0072B2">■</span> Selected   <span style="color:#D55E00">┃</span> Province value']
    """
    lines, line, used = [], [], 0
    for symbol, color, name in items:
        w = 2 + sum(_width(c) for c in name) + 3
        if line and used + w > width:
            lines.append("   ".join(line))
            line, used = [], 0
        line.append(f'<span style="color:{color}">{symbol}</span> {name}')
        used += w
    if line:
        lines.append("   ".join(line))
    return lines


def _layout(fig: go.Figure, title: str, notes: str, source: str, height: int, right: int = 16) -> go.Figure:
    """Common layout: title, subtitle (notes, then the key of the traces), plot, x-axis title, source line."""
    items = [_key_item(tr) for tr in fig.data] + [_key_item(sh) for sh in fig.layout.shapes if sh.showlegend]
    sub = [notes] if notes else []
    sub += key_lines([i for i in items if i])
    subtitle = "<br>".join(sub)
    title_lines = title.count("<br>") + 1
    sub_lines = subtitle.count("<br>") + 1 if subtitle else 0
    src_lines = source.count("<br>") + 1
    x_title = fig.layout.xaxis.title.text or ""
    axis_lines = x_title.count("<br>") + 1 if x_title else 0
    top = 30 + 18 * title_lines + 14 * sub_lines
    below_axis = 30 + 16 * axis_lines  # tick labels, then the axis title
    bottom = below_axis + 12 + 13 * src_lines
    fig.update_layout(
        template=TEMPLATE,
        font={"family": FONT, "size": 11},
        title={
            "text": title,
            "x": 0,
            "xanchor": "left",
            "y": 1,
            "yanchor": "top",
            "yref": "container",
            "pad": {"t": 10, "l": 4},
            "font": {"size": 13},
            **({"subtitle": {"text": subtitle, "font": {"size": 11, "color": "#52606d"}}} if subtitle else {}),
        },
        height=height + top + bottom,
        margin={"l": 10, "r": right, "t": top, "b": bottom},
        showlegend=False,
        hoverlabel={"font": {"family": FONT}},
    )
    # Right-aligned under the plot: long category labels on the left never push it out of the figure.
    fig.add_annotation(
        text=source,
        xref="paper",
        yref="paper",
        x=1,
        y=0,
        xanchor="right",
        yanchor="top",
        yshift=-(below_axis + 6),
        showarrow=False,
        align="right",
        font={"size": 9, "color": "#52606d"},
    )
    return fig


_KEY_SPAN = re.compile(r"<span[^>]*>[^<]*</span>\s*")
_TAG = re.compile(r"<[^>]+>")
_CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")


def unwrap(text: str) -> str:
    """Plotly markup of :func:`wrap` as one line of plain text: ``<br>`` becomes a space between Latin
    words and nothing next to a CJK character; other tags are dropped.

    >>> unwrap("Resident population (10,000<br>persons), 2020")
    'Resident population (10,000 persons), 2020'
    >>> unwrap("常住人口（万人），<br>2020年"), unwrap("<b>a</b> b")
    ('常住人口（万人），2020年', 'a b')
    """
    lines = [_TAG.sub("", line).strip() for line in (text or "").split("<br>")]
    out = ""
    for line in (x for x in lines if x):
        glue = "" if not out or _CJK.match(line[0]) or _CJK.match(out[-1]) else " "
        out += glue + line
    return out


def chart_label(fig: go.Figure, kind: str, lang: str) -> str:
    """What a chart shows, in one sentence for screen readers: its kind, title (indicator, unit,
    year), notes, key, the values of its bars and its source, all read from ``fig``.

    ``kind`` is ``"bar"``, ``"line"``, ``"scatter"`` or ``"bubble"``.

    >>> fig = go.Figure(go.Bar(x=[2.5], y=["Yinchuan"], name="Selected", hovertext=["Yinchuan: 2.5 %"]))
    >>> fig = _layout(fig, "Urbanisation (%), 2020", "", source_text("NBS", "en"), height=100)
    >>> chart_label(fig, "bar", "en")
    'Bar chart: Urbanisation (%), 2020. Key: Selected. Values: Yinchuan: 2.5 %. Source: NBS'
    """
    zh = lang == "zh"
    stop, colon = ("。", "：") if zh else (". ", ": ")
    title = unwrap(fig.layout.title.text)
    subtitle = fig.layout.title.subtitle.text or ""
    notes = unwrap("<br>".join(line for line in subtitle.split("<br>") if "<span" not in line))
    items = [_key_item(tr) for tr in fig.data] + [_key_item(sh) for sh in fig.layout.shapes if sh.showlegend]
    key = ("、" if zh else "; ").join(i[2] for i in items if i)
    values = [h for tr in fig.data if tr.type == "bar" for h in (tr.hovertext or ())]
    source_prefix = t("source", lang)
    source = next(
        (unwrap(a.text) for a in fig.layout.annotations if (a.text or "").startswith(source_prefix)),
        "",
    )
    parts = [f"{t(f'chart_{kind}', lang)}{colon}{title}"]
    parts += [notes] if notes else []
    parts += [f"{t('chart_key', lang)}{colon}{key}"] if key else []
    parts += [f"{t('chart_values', lang)}{colon}" + ("；" if zh else "; ").join(values)] if values else []
    parts += [source] if source else []
    return stop.join(p.rstrip("。.") for p in parts)


def graph(fig: go.Figure, filename: str, graph_id: str | None = None, *, kind: str = "bar", lang: str = "en"):
    """A ``dcc.Graph`` whose mode bar exports a PNG named ``filename`` (no Plotly logo), in a frame that
    screen readers announce as one image named by :func:`chart_label` and that takes keyboard focus."""
    kwargs = {"id": graph_id} if graph_id else {}
    return html.Div(
        dcc.Graph(
            figure=fig,
            config={
                "displaylogo": False,
                "responsive": True,
                "modeBarButtonsToRemove": ["select2d", "lasso2d"],
                "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
            },
            className="chart",
            **kwargs,
        ),
        className="chart-frame",
        role="img",
        tabIndex="0",
        **{"aria-label": chart_label(fig, kind, lang)},
    )


def export_name(*parts) -> str:
    """File name (no extension) of an exported chart.

    >>> export_name("compare", "gdp", 2020)
    'led-atlas-compare-gdp-2020'
    """
    return "-".join(["led-atlas", *(str(p) for p in parts if p not in (None, ""))])


def notices(texts: Sequence[str]):
    """Visible notices at the top of the chart area (e.g. ignored codes)."""
    return [html.Div(x, className="chart-notice", role="status") for x in texts if x]


def hint(text: str):
    return html.P(text, className="hint chart-hint")


def html_hint(text: str, notice_texts: Sequence[str] = ()):
    """A tab that only says what to do (e.g. "click a unit on the map")."""
    return html.Div([*notices(notice_texts), hint(text)], className="chart-tab-content")


def ignored_notice(codes: Sequence[str], lang: str) -> str:
    return t("ignored_codes", lang).format(codes=", ".join(codes)) if codes else ""


def _fmt(value, decimals: int) -> str:
    return format_value(None if compare.is_missing(value) else float(value), decimals)


# --------------------------------------------------------------------------------------------------
# Compare
# --------------------------------------------------------------------------------------------------


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
    names = axis_names(codes, units, lang)
    pcol = "province_zh" if lang == "zh" else "province_en"
    fig = go.Figure()
    for group_codes, name, color in groups:
        v = values.reindex(group_codes)
        fig.add_bar(
            y=[names[c] for c in group_codes],
            x=[None if compare.is_missing(x) else float(x) for x in v],
            orientation="h",
            name=name,
            marker_color=color,
            customdata=group_codes,
            hovertext=[f"{full[c]}: {_fmt(x, m.decimals)} {m.unit}" for c, x in zip(group_codes, v, strict=True)],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    value_texts = {
        c: t("no_data", lang) if compare.is_missing(values.get(c)) else _fmt(values.get(c), m.decimals) for c in codes
    }
    for code in codes:  # the value column, right of the plot
        fig.add_annotation(
            text=value_texts[code],
            xref="paper",
            yref="y",
            x=1.0,
            y=names[code],
            xanchor="left",
            xshift=6,
            showarrow=False,
            font={"size": 10, "color": "#52606d" if compare.is_missing(values.get(code)) else "#1d2733"},
        )
    prov_codes = [c for c in codes if c in units.index]
    prov_vals = [province_ref.get(units.at[c, "province_adcode"]) for c in prov_codes]
    have = [(c, p) for c, p in zip(prov_codes, prov_vals, strict=True) if not compare.is_missing(p)]
    prov_label = t("province_average" if averages else "province_value", lang)
    if have:
        fig.add_scatter(
            y=[names[c] for c, _ in have],
            x=[float(p) for _, p in have],
            mode="markers",
            name=prov_label,
            marker={"symbol": "line-ns", "size": 16, "line": {"width": 3, "color": OKABE_ITO["vermillion"]}},
            hovertext=[f"{units.at[c, pcol]} · {prov_label}: {_fmt(p, m.decimals)} {m.unit}" for c, p in have],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    if compare.is_missing(national_ref):
        notes.append(t("no_national", lang))
    else:
        nat_text = f"{t('national_average' if averages else 'nation', lang)} {_fmt(national_ref, m.decimals)}"
        fig.add_vline(
            x=float(national_ref),
            line={"color": OKABE_ITO["black"], "dash": "dash", "width": 1.5},
            showlegend=True,
            name=nat_text,
        )
    if averages:
        notes.append(t("averages_note", lang))
    xs = [float(x) for x in values.reindex(codes) if not compare.is_missing(x)]
    xs += [float(p) for _, p in have] + ([] if compare.is_missing(national_ref) else [float(national_ref)])
    if xs:
        lo, hi = min(0.0, min(xs)), max(0.0, max(xs))
        pad = (hi - lo) * 0.04 or 1.0
        fig.update_xaxes(range=[lo - (pad if lo < 0 else 0), hi + pad])
    x_title = f"{m.label}（{m.unit}）" if lang == "zh" else f"{m.label} ({m.unit})"
    fig.update_xaxes(title_text=wrap(x_title, 60), zeroline=True)
    fig.update_yaxes(autorange="reversed", automargin=True, title_text=None, type="category", tickfont={"size": 10})
    fig.update_layout(bargap=0.3)
    subtitle = "<br>".join(wrap(n, 70) for n in notes)
    return _layout(
        fig,
        title_text(m, lang, suffix),
        subtitle,
        source_text(m.source, lang),
        height=max(150, 24 * len(codes)),
        right=16 + 7 * max((sum(_width(ch) for ch in v) for v in value_texts.values()), default=0),
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
    return html.Div(parts, className="chart-tab-content tab-compare")


# --------------------------------------------------------------------------------------------------
# Trend
# --------------------------------------------------------------------------------------------------


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
    fig.update_yaxes(title_text=wrap(f"{m.label} ({m.unit})" if lang != "zh" else f"{m.label}（{m.unit}）", 48))
    subtitle = "<br>".join(wrap(n, 70) for n in notes)
    year_text = f"{years[0]}–{years[-1]}"
    return _layout(fig, title_text(m, lang, year_text=year_text), subtitle, source_text(m.source, lang), height=300)


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
# --------------------------------------------------------------------------------------------------


def default_scatter_y(x_key: str) -> str:
    """GDP per resident against the current indicator (urbanisation when GDP per resident is on x).

    >>> default_scatter_y("pop_resident"), default_scatter_y("gdp_per_resident")
    ('gdp_per_resident', 'urbanisation_rate')
    """
    return DEFAULT_SCATTER_Y[1] if x_key == DEFAULT_SCATTER_Y[0] else DEFAULT_SCATTER_Y[0]


def indicator_options(indicators, lang: str) -> list[dict]:
    """Dropdown options of registry indicators, grouped by family like the main indicator picker."""
    options = []
    for family, (zh, en) in FAMILIES.items():
        members = [i for i in indicators if i.family == family]
        if not members:
            continue
        options.append({"label": f"— {zh if lang == 'zh' else en} —", "value": f"__family_{family}", "disabled": True})
        options += [{"label": i.label_zh if lang == "zh" else i.label_en, "value": i.key} for i in members]
    return options


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
                    html.Label(
                        [
                            html.Span(t("scatter_y", lang), className="control-label"),
                            dcc.Dropdown(
                                id=SCATTER_Y,
                                options=indicator_options(indicators, lang),
                                value=y_key,
                                clearable=False,
                                persistence=True,
                                persistence_type="memory",
                                className="picker picker-scatter-y",
                            ),
                        ],
                        className="control",
                    ),
                    dcc.Checklist(
                        id=SCATTER_LOG,
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
            html.Div(id=SCATTER_NOTICE),
            hint(t("scatter_hint", lang)),
            html.Div(
                dcc.Graph(
                    id=SCATTER_GRAPH,
                    config={
                        "displaylogo": False,
                        "responsive": True,
                        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
                        "toImageButtonOptions": {
                            "format": "png",
                            "filename": export_name("scatter", x_key),
                            "scale": 2,
                        },
                    },
                    className="chart",
                ),
                id=SCATTER_FRAME,
                className="chart-frame",
                role="img",
                tabIndex="0",
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
            textfont={"size": 11, "color": "#1d2733"},
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
    zh = lang == "zh"

    def axis_title(m: Meta) -> str:
        return wrap(f"{m.label}（{m.unit}），{m.year}年" if zh else f"{m.label} ({m.unit}), {m.year}", 56)

    fig.update_xaxes(title_text=axis_title(mx), type="log" if log_x else "linear")
    fig.update_yaxes(title_text=axis_title(my), type="log" if log_y else "linear", automargin=True)
    title = wrap(f"{my.label}与{mx.label}" if zh else f"{my.label} vs {mx.label}", 52)
    years = sorted({mx.year, my.year})
    title += (
        "<br>"
        + "·".join(str(y) for y in years)
        + (f" · y: {my.unit}; x: {mx.unit}" if not zh else f" · 纵轴：{my.unit}；横轴：{mx.unit}")
    )
    sources = mx.source if mx.source == my.source else f"y: {my.source}; x: {mx.source}"
    subtitle = " · ".join(notes)
    return _layout(fig, title, wrap(subtitle, 70), source_text(sources, lang), height=360)


# --------------------------------------------------------------------------------------------------
# Ranking
# --------------------------------------------------------------------------------------------------


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


def ranking_grid(rows: list[dict], selection: Sequence[str], m: Meta, lang: str):
    """The AG Grid of every unit; clicking a row selects it on the map; selected rows are highlighted."""
    value_header = f"{t('value', lang)} ({m.unit})" if lang != "zh" else f"{t('value', lang)}（{m.unit}）"
    column_defs = [
        {
            "field": "rank",
            "headerName": t("rank_col", lang),
            "width": 72,
            "filter": "agNumberColumnFilter",
            "valueFormatter": {"function": "params.value == null ? '–' : params.value"},
            "comparator": {"function": NULLS_LAST},
        },
        {
            "field": "name",
            "headerName": t("name_col", lang),
            "width": 108,
            "tooltipField": "name_other",
            "filter": "agTextColumnFilter",
        },
        {"field": "province", "headerName": t("province", lang), "width": 92, "filter": "agTextColumnFilter"},
        {
            "field": "value",
            "headerName": t("value", lang),
            "headerTooltip": value_header,
            "width": 96,
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
            "width": 104,
            "type": "rightAligned",
            "filter": "agNumberColumnFilter",
            "valueFormatter": {"function": "params.value == null ? '–' : d3.format('.0f')(params.value)"},
            "comparator": {"function": NULLS_LAST},
        },
        {"field": "flag", "headerName": t("flag_col", lang), "width": 140, "tooltipField": "flag"},
    ]
    first = next((r["adcode"] for r in rows if r["selected"]), None)
    grid = dag.AgGrid(
        id=RANKING_GRID,
        rowData=rows,
        columnDefs=column_defs,
        defaultColDef={"sortable": True, "resizable": True, "floatingFilter": True, "suppressHeaderMenuButton": True},
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


def ranking_tab(rows, selection, m: Meta, lang: str, notice_texts: Sequence[str] = ()):
    title = title_text(m, lang).replace("<br>", " ")
    return html.Div(
        [
            *notices(notice_texts),
            html.Div(id=RANKING_NOTICE),
            html.H3(title, className="chart-title"),
            hint(t("grid_hint", lang)),
            ranking_grid(rows, selection, m, lang),
            html.Div(t("percentile_note", lang), className="chart-source"),
            html.Div(f"{t('source', lang)}: {m.source}", className="chart-source"),
        ],
        className="chart-tab-content tab-ranking",
    )


# --------------------------------------------------------------------------------------------------
# Profile
# --------------------------------------------------------------------------------------------------


def rank_of(rank, n, lang: str) -> str:
    """``'3 of 5'`` / ``'5个中第3'``; an en dash when there is no rank.

    >>> rank_of(3, 5, "en"), rank_of(None, 5, "en")
    ('3 of 5', '–')
    """
    if compare.is_missing(rank) or not n:
        return "–"
    return t("rank_of", lang).format(rank=int(rank), n=int(n))


def profile_tab(
    unit: dict, profile: pd.DataFrame, indicators: dict, lang: str, n_more: int = 0, notice_texts: Sequence[str] = ()
):
    """Every indicator of one unit, grouped by family, with sources as numbered footnotes; printable.

    ``unit``: ``adcode, name_zh, name_en, province_zh, province_en``; ``profile`` from
    :func:`indicators.compare.unit_profile`; ``indicators``: registry key -> Indicator.
    """
    zh = lang == "zh"
    name = unit["name_zh"] if zh else unit["name_en"]
    other = unit["name_en"] if zh else unit["name_zh"]
    province = unit["province_zh"] if zh else unit["province_en"]
    sources: dict[str, int] = {}
    head = html.Tr(
        [
            html.Th(t("indicator_col", lang)),
            html.Th(t("value", lang), className="num"),
            html.Th(t("percentile_short", lang), className="num", title=t("percentile_col", lang)),
            html.Th(t("prov_rank_col", lang), className="num"),
        ]
    )
    bodies = []
    for family, (fzh, fen) in FAMILIES.items():
        keys = [k for k, ind in indicators.items() if ind.family == family and k in profile.index]
        if not keys:
            continue
        rows = [html.Tr(html.Th(fzh if zh else fen, colSpan=4, className="family"))]
        for key in keys:
            ind = indicators[key]
            r = profile.loc[key]
            src = ind.source_zh if zh else ind.source_en
            note = sources.setdefault(src, len(sources) + 1)
            missing = compare.is_missing(r["value"])
            unit_year = ind.unit_zh if zh else ind.unit_en
            if not compare.is_missing(r["year"]):
                unit_year += f" · {int(r['year'])}"
            value_cell = (
                [html.Span(t("no_data", lang), className="nodata")]
                if missing
                else [
                    html.Span(format_value(float(r["value"]), ind.decimals), className="value"),
                    html.Br(),
                    html.Span(unit_year, className="unit-year"),
                ]
            )
            rows.append(
                html.Tr(
                    [
                        html.Td([ind.label_zh if zh else ind.label_en, html.Sup(f" [{note}]", className="src-ref")]),
                        html.Td(value_cell, className="num"),
                        html.Td("–" if missing else f"{float(r['percentile']):.0f}", className="num"),
                        html.Td(rank_of(r["prov_rank"], r["prov_n"], lang), className="num"),
                    ],
                    **{"data-indicator": key},
                )
            )
        bodies.append(html.Tbody(rows))
    footnotes = html.Ol([html.Li(s) for s in sources], className="profile-sources")
    header = html.Div(
        [
            html.Div(
                [
                    html.H3([html.Span(name), html.Span(f" {other}", className="unit-alt")], className="chart-title"),
                    html.Div(f"{province} · {unit['adcode']}", className="unit-meta"),
                ]
            ),
            html.Button(t("print", lang), id=PROFILE_PRINT, n_clicks=0, className="btn no-print"),
        ],
        className="profile-header",
    )
    parts = [*notices(notice_texts), header]
    if n_more:
        parts.append(hint(t("profile_more", lang).format(n=n_more)))
    parts += [
        html.Table([html.Thead(head), *bodies], className="profile-table"),
        html.P(t("profile_note", lang), className="chart-source"),
        html.Div(t("sources", lang), className="chart-source"),
        footnotes,
    ]
    return html.Div(parts, className="chart-tab-content tab-profile printable-profile")


# --------------------------------------------------------------------------------------------------
# Peers
# --------------------------------------------------------------------------------------------------


def peers_tab(target_name: str, indicators, lang: str, n_more: int = 0, notice_texts: Sequence[str] = ()):
    """Controls of the peer search; results come from the peers callback."""
    return html.Div(
        [
            *notices(notice_texts),
            html.H3(t("peer_title", lang).format(name=target_name), className="chart-title"),
            *([hint(t("first_more", lang).format(n=n_more))] if n_more else []),
            html.Div(
                [
                    html.Label(
                        [
                            html.Span(t("peer_indicators", lang), className="control-label"),
                            dcc.Dropdown(
                                id=PEER_INDICATORS,
                                options=indicator_options(indicators, lang),
                                value=list(DEFAULT_PEER_INDICATORS),
                                multi=True,
                                persistence=True,
                                persistence_type="memory",
                                className="picker picker-peers",
                            ),
                        ],
                        className="control control-wide",
                    ),
                    html.Label(
                        [
                            html.Span(t("peer_n", lang), className="control-label"),
                            dcc.Dropdown(
                                id=PEER_N,
                                options=[{"label": str(n), "value": n} for n in PEER_COUNTS],
                                value=PEER_COUNTS[0],
                                clearable=False,
                                searchable=False,
                                persistence=True,
                                persistence_type="memory",
                                className="picker picker-peer-n",
                            ),
                        ],
                        className="control",
                    ),
                ],
                className="chart-controls",
            ),
            dcc.Store(id=PEER_CODES, data=[]),
            html.Div(id=PEER_RESULTS),
            html.Button(t("peer_select", lang), id=PEER_SELECT, n_clicks=0, className="btn", disabled=True),
        ],
        className="chart-tab-content tab-peers",
    )


def peers_table(
    target: str,
    result: compare.PeerResult,
    units: pd.DataFrame,
    used: dict,
    lang: str,
):
    """Table of the peers (rank, name, province, distance) with a note on the method and exclusions.

    ``used``: indicator key -> ``(Meta)`` of the indicators compared (label and year).
    """
    zh = lang == "zh"
    codes = list(result.table.index)
    names = unit_names([target, *codes], units, lang)
    pcol = "province_zh" if zh else "province_en"
    head = html.Tr(
        [
            html.Th("#", className="num"),
            html.Th(t("name_col", lang)),
            html.Th(t("province", lang)),
            html.Th(t("peer_distance", lang), className="num"),
        ]
    )
    body = [
        html.Tr(
            [
                html.Td(str(i), className="num"),
                html.Td(names[c]),
                html.Td(units.at[c, pcol] if c in units.index else ""),
                html.Td(f"{d:.2f}", className="num"),
            ],
            **{"data-adcode": c},
        )
        for i, (c, d) in enumerate(result.table["distance"].items(), start=1)
    ]
    note = t("peer_note", lang).format(
        k=len(used) - len(result.dropped), compared=result.n_compared, excluded=len(result.excluded)
    )
    listed = "; ".join(f"{m.label} ({m.year})" if not zh else f"{m.label}（{m.year}年）" for m in used.values())
    parts = [
        html.Table([html.Thead(head), html.Tbody(body)], className="peer-table"),
        html.P(note, className="chart-source"),
        html.P(listed, className="chart-source"),
    ]
    if result.dropped:
        parts.append(
            html.P(
                t("peer_dropped", lang).format(labels=", ".join(used[k].label for k in result.dropped)),
                className="chart-notice",
            )
        )
    return parts


# --------------------------------------------------------------------------------------------------
# Sectors
# --------------------------------------------------------------------------------------------------


def sectors_figure(quadrant: pd.DataFrame, unit_name: str, source: str, lang: str) -> go.Figure:
    """LQ (x, log) against relative growth (y) of the 19 census sectors; bubble area = 2020 share.

    ``quadrant`` from :func:`indicators.compare.sector_quadrant`. Bubbles carry the GB/T section letter;
    hover gives the sector name and numbers. Quadrant labels sit in the corners (x = 1, y = 0 split them).
    """
    zh = lang == "zh"
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
                + ("区位商" if zh else "LQ")
                + ": %{customdata[2]}<br>"
                + ("相对增长" if zh else "Relative growth")
                + ": %{customdata[3]} pp<br>"
                + ("比重" if zh else "Share")
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
    return _layout(fig, title, subtitle, source_text(source, lang), height=380)


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
    zh = lang == "zh"
    head = html.Tr(
        [
            html.Th(""),
            html.Th(t("sector_col", lang)),
            html.Th("区位商" if zh else "LQ", className="num"),
            html.Th("比重 %" if zh else "Share %", className="num"),
            html.Th("相对增长（百分点）" if zh else "Rel. growth (pp)", className="num"),
            html.Th("象限" if zh else "Quadrant"),
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


# --------------------------------------------------------------------------------------------------
# Disparity (placeholder until layouts/disparity.py exists)
# --------------------------------------------------------------------------------------------------


def disparity_tab(key: str, year: int, lang: str, label: str | None = None):
    """Placeholder: says which disparity panel will be shown for the indicator and year."""
    return html.Div(
        html.P(t("disparity_placeholder", lang).format(label=label or key, year=year), className="hint"),
        className="chart-tab-content tab-disparity",
    )


def error_tab(reason: str, lang: str, notice_texts: Sequence[str] = ()):
    return html.Div(
        [*notices(notice_texts), html.P(t("chart_error", lang).format(reason=reason), className="chart-notice")],
        className="chart-tab-content",
    )
