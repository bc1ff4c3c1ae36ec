"""Shared pieces of the chart tabs: template, font, colours, text measures, the common layout, the
screen-reader label, the exportable graph frame and the notices.

Every builder of :mod:`layouts.charts` is pure given its data: Series / DataFrames indexed by adcode in,
Plotly figures or Dash components out; nothing reads the store. Every figure carries its title (indicator
label, unit, year), axis titles with units, a source line, zh/en text, colour-blind-safe colours (Okabe &
Ito) and a PNG export button (:func:`graph`). Interface strings live in :mod:`layouts.strings.charts`
(looked up with :func:`layouts.i18n.t`).
"""

from __future__ import annotations

import html as html_text
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace

import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from indicators import compare
from indicators.registry import FAMILIES
from layouts import page
from layouts.i18n import dropdown_labels, t
from layouts.i18n import year_text as i18n_year_text
from layouts.map import format_value

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
TEMPLATE = "simple_white"
FONT = "Noto Sans CJK SC, WenQuanYi Micro Hei, Microsoft YaHei, Helvetica Neue, Arial, sans-serif"
#: Grey of notes, source lines and missing values; ink of values.
MUTED = "#52606d"
INK = "#1d2733"
#: The layout rule of every chart (:func:`chart_layout`): pixels of margins and text lines, and the
#: columns (:func:`wrap`) of the title, notes, key and source lines.
METRICS = {
    "top": 30,
    "title_line": 18,
    "subtitle_line": 14,
    "below_axis": 30,
    "axis_line": 16,
    "source_gap": 12,
    "source_line": 13,
    "source_shift": 6,
    "left": 10,
    "right": 16,
    "title_width": 52,
    "notes_width": 70,
    "key_width": 62,
    "source_width": 66,
}
#: The title of every chart, without its text and subtitle.
TITLE = {
    "x": 0,
    "xanchor": "left",
    "y": 1,
    "yanchor": "top",
    "yref": "container",
    "pad": {"t": 10, "l": 4},
    "font": {"size": 13},
}
SUBTITLE_FONT = {"size": 11, "color": MUTED}
FONT_SIZE = 11
#: The source line, right-aligned under the plot (without its text and shift): long category labels on
#: the left never push it out of the figure.
SOURCE_NOTE = {
    "xref": "paper",
    "yref": "paper",
    "x": 1,
    "y": 0,
    "xanchor": "right",
    "yanchor": "top",
    "showarrow": False,
    "align": "right",
    "font": {"size": 9, "color": MUTED},
}
#: The text style of the desk's charts (the keys the browser's port of the compare chart reads, too).
DESK = {
    "fontSize": FONT_SIZE,
    "title": TITLE,
    "subtitleFont": SUBTITLE_FONT,
    "sourceNote": SOURCE_NOTE,
    "metrics": METRICS,
}
#: Design pixels of every text of a chart on the projector (presenter mode): the chart is drawn at a 370 px
#: design width and scaled to the projector's panel (assets/screens.js fitChart), by ≥ 1.5 at 1280×720 and
#: ≥ 2.2 at 1920×1080, so 14 px reads ≥ 20 px; lines, gaps and wrap widths follow the larger text.
PROJECTOR_TEXT = 14
PROJECTOR = {
    "fontSize": PROJECTOR_TEXT,
    # Plotly's lines are 1.3 em apart; a title of three lines needs more padding above it than one of two
    "title": {**TITLE, "pad": {"t": 14, "l": 4}, "font": {"size": PROJECTOR_TEXT + 1}},
    "subtitleFont": {**SUBTITLE_FONT, "size": PROJECTOR_TEXT},
    "sourceNote": {**SOURCE_NOTE, "font": {**SOURCE_NOTE["font"], "size": PROJECTOR_TEXT}},
    "metrics": {
        **METRICS,
        "top": 30,
        "title_line": 20,
        "subtitle_line": 19,
        "below_axis": 34,
        "axis_line": 19,
        "source_gap": 8,
        "source_line": 19,
        "title_width": 44,
        "notes_width": 50,
        "key_width": 48,
        "source_width": 46,
    },
}
_ON_PROJECTOR: ContextVar[bool] = ContextVar("chart_on_projector", default=False)


@contextmanager
def on_projector(active: bool = True) -> Iterator[None]:
    """Within the block, the figures are built for the projector (:data:`PROJECTOR`) when ``active``."""
    token = _ON_PROJECTOR.set(bool(active))
    try:
        yield
    finally:
        _ON_PROJECTOR.reset(token)


def projecting() -> bool:
    """Whether the figures being built are for the projector (:func:`on_projector`)."""
    return _ON_PROJECTOR.get()


def style() -> dict:
    """The text style of the figures being built: :data:`DESK`, or :data:`PROJECTOR` on the projector."""
    return PROJECTOR if projecting() else DESK


#: The mode bar of every graph; its PNG export (:data:`PNG_EXPORT` and a file name, :func:`export_name`).
#: The mode bar keeps three buttons (zoom, reset, PNG): narrow enough to stay clear of a title wrapped at
#: ``METRICS["title_width"]`` in the side panel (the full bar covered the titles' ends).
GRAPH_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "pan2d", "zoomIn2d", "zoomOut2d", "autoScale2d"],
}
PNG_EXPORT = {"format": "png", "scale": 2}
#: The frame of every graph: screen readers announce it as one image; it takes keyboard focus.
FRAME = {"className": "chart-frame", "role": "img", "tabIndex": "0"}
EXPORT_PREFIX = "led-atlas"
#: Class names of a graph, a notice and a hint.
CLASSES = {"graph": "chart", "notice": "chart-notice", "hint": "hint chart-hint"}


@dataclass(frozen=True)
class Meta:
    """What a figure says about its indicator, in one language."""

    key: str
    label: str
    unit: str
    year: int
    source: str
    decimals: int

    def for_plotly(self) -> Meta:
        """This meta with an uploaded dataset's texts (user text) escaped for Plotly, which renders a subset
        of HTML in titles, hover texts and annotations: a label ``<b>x</b>`` is shown as typed.

        >>> Meta("ds_1", "<b>x</b> & y", "u", 2020, "s", 1).for_plotly().label
        '&lt;b&gt;x&lt;/b&gt; &amp; y'
        >>> Meta("gdp", "A & B", "u", 2020, "s", 1).for_plotly().label  # the registry's own texts stay
        'A & B'
        """
        if not self.key.startswith("ds_"):
            return self
        esc = lambda text: html_text.escape(text, quote=False)  # noqa: E731
        return replace(self, label=esc(self.label), unit=esc(self.unit), source=esc(self.source))


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


def char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


#: CJK ideographs and punctuation and fullwidth forms, as the inside of a regular-expression class: a line
#: may break before or after any of them (:func:`wrap`), and no space joins them (:func:`unwrap`).
CJK_CLASS = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
_TOKENS = re.compile(rf"\s+|[{CJK_CLASS}]|[^\s{CJK_CLASS}]+")


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
        w = sum(char_width(c) for c in tok)
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
    year = year_text if year_text is not None else i18n_year_text(m.year, lang)
    template = "title_format" if year_text is not None or year == str(m.year) else "title_format_no_year"
    text = t(template, lang, label=m.label, unit=m.unit, year=year)
    if suffix:
        text = t("title_suffix", lang, title=text, suffix=suffix)
    return wrap(text, style()["metrics"]["title_width"])


def source_text(source: str, lang: str) -> str:
    return wrap(t("source", lang) + t("colon", lang) + source, style()["metrics"]["source_width"])


def shorten(name: str, width: int = 26) -> str:
    """``name`` cut to ``width`` columns with an ellipsis (CJK characters count 2).

    >>> shorten("Qiongzhong Li and Miao Autonomous County", 20)
    'Qiongzhong Li and M…'
    >>> shorten("Yinchuan")
    'Yinchuan'
    """
    if sum(char_width(c) for c in name) <= width:
        return name
    out, used = "", 0
    for c in name:
        if used + char_width(c) > width - 1:
            break
        out, used = out + c, used + char_width(c)
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
            n = t("name_province", lang, name=n, province=prov)
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


def key_lines(items: Sequence[tuple[str, str, str]], width: int | None = None) -> list[str]:
    """The key of a figure as lines of coloured symbols and names, at most ``width`` columns each.

    It stands under the title instead of Plotly's legend, whose wrapping in a narrow panel depends
    on the plot area (and pushes the margins).

    >>> key_lines([("■", "#0072B2", "Selected"), ("┃", "#D55E00", "Province value")])
    ['<span style="color:#0072B2">■</span> Selected   <span style="color:#D55E00">┃</span> Province value']
    """
    lines, line, used = [], [], 0
    width = style()["metrics"]["key_width"] if width is None else width
    for symbol, color, name in items:
        w = 2 + sum(char_width(c) for c in name) + 3
        if line and used + w > width:
            lines.append("   ".join(line))
            line, used = [], 0
        line.append(f'<span style="color:{color}">{symbol}</span> {name}')
        used += w
    if line:
        lines.append("   ".join(line))
    return lines


def chart_layout(
    fig: go.Figure, title: str, notes: str, source: str, height: int, right: int | None = None
) -> go.Figure:
    """Common layout: title, subtitle (notes, then the key of the traces), plot, x-axis title, source line.

    An x-axis without tick labels takes no room under the plot; an empty ``source`` no line."""
    items = [_key_item(tr) for tr in fig.data] + [_key_item(sh) for sh in fig.layout.shapes if sh.showlegend]
    sub = [notes] if notes else []
    sub += key_lines([i for i in items if i])
    subtitle = "<br>".join(sub)
    title_lines = title.count("<br>") + 1
    sub_lines = subtitle.count("<br>") + 1 if subtitle else 0
    src_lines = source.count("<br>") + 1 if source else 0
    x_title = fig.layout.xaxis.title.text or ""
    axis_lines = x_title.count("<br>") + 1 if x_title else 0
    st = style()
    m = st["metrics"]
    right = m["right"] if right is None else right
    top = m["top"] + m["title_line"] * title_lines + m["subtitle_line"] * sub_lines
    ticks = m["below_axis"] if fig.layout.xaxis.showticklabels is not False else 0
    below_axis = ticks + m["axis_line"] * axis_lines  # tick labels, then the axis title
    bottom = below_axis + (m["source_gap"] + m["source_line"] * src_lines if source else 0)
    fig.update_layout(
        template=TEMPLATE,
        font={"family": FONT, "size": st["fontSize"]},
        title={
            "text": title,
            **st["title"],
            **({"subtitle": {"text": subtitle, "font": st["subtitleFont"]}} if subtitle else {}),
        },
        height=height + top + bottom,
        margin={"l": m["left"], "r": right, "t": top, "b": bottom},
        showlegend=False,
        hoverlabel={"font": {"family": FONT}},
    )
    if source:
        fig.add_annotation(text=source, yshift=-(below_axis + m["source_shift"]), **st["sourceNote"])
    return fig


_TAG = re.compile(r"<[^>]+>")
_CJK = re.compile(f"[{CJK_CLASS}]")


def unwrap(text: str) -> str:
    """Plotly markup of :func:`wrap` as one line of plain text: ``<br>`` becomes a space between Latin
    words and nothing next to a CJK character; other tags are dropped.

    >>> unwrap("Resident population (10,000<br>persons), 2020")
    'Resident population (10,000 persons), 2020'
    >>> unwrap("常住人口（万人），<br>2020年"), unwrap("<b>a</b> b")
    ('常住人口（万人），2020年', 'a b')
    """
    lines = [html_text.unescape(_TAG.sub("", line)).strip() for line in (text or "").split("<br>")]
    out = ""
    for line in (x for x in lines if x):
        glue = "" if not out or _CJK.match(line[0]) or _CJK.match(out[-1]) else " "
        out += glue + line
    return out


def chart_label(fig: go.Figure, kind: str, lang: str) -> str:
    """What a chart shows, in one sentence for screen readers: its kind, title (indicator, unit,
    year), notes, key, the values of its bars and its source, all read from ``fig``.

    ``kind`` is ``"bar"``, ``"line"``, ``"scatter"``, ``"bubble"`` or ``"dots"``.

    >>> fig = go.Figure(go.Bar(x=[2.5], y=["Yinchuan"], name="Selected", hovertext=["Yinchuan: 2.5 %"]))
    >>> fig = chart_layout(fig, "Urbanisation (%), 2020", "", source_text("NBS", "en"), height=100)
    >>> chart_label(fig, "bar", "en")
    'Bar chart: Urbanisation (%), 2020. Key: Selected. Values: Yinchuan: 2.5 %. Source: NBS'
    """
    stop, colon = t("sentence_end", lang), t("colon", lang)
    title = unwrap(fig.layout.title.text)
    subtitle = fig.layout.title.subtitle.text or ""
    notes = unwrap("<br>".join(line for line in subtitle.split("<br>") if "<span" not in line))
    items = [_key_item(tr) for tr in fig.data] + [_key_item(sh) for sh in fig.layout.shapes if sh.showlegend]
    key = t("list_sep", lang).join(i[2] for i in items if i)
    values = [h for tr in fig.data if tr.type == "bar" for h in (tr.hovertext or ())]
    source_prefix = t("source", lang)
    source = next(
        (unwrap(a.text) for a in fig.layout.annotations if (a.text or "").startswith(source_prefix)),
        "",
    )
    parts = [f"{t(f'chart_{kind}', lang)}{colon}{title}"]
    parts += [notes] if notes else []
    parts += [f"{t('chart_key', lang)}{colon}{key}"] if key else []
    parts += [f"{t('chart_values', lang)}{colon}" + t("values_sep", lang).join(values)] if values else []
    parts += [source] if source else []
    return stop.join(p.rstrip("。.") for p in parts)


def graph(fig: go.Figure, filename: str, graph_id: str | None = None, *, kind: str = "bar", lang: str = "en"):
    """A ``dcc.Graph`` whose mode bar exports a PNG named ``filename`` (no Plotly logo), in a frame that
    screen readers announce as one image named by :func:`chart_label` and that takes keyboard focus."""
    kwargs = {"id": graph_id} if graph_id else {}
    return html.Div(
        dcc.Graph(
            figure=fig,
            config=graph_config(filename),
            className=CLASSES["graph"],
            **kwargs,
        ),
        **FRAME,
        **{"aria-label": chart_label(fig, kind, lang)},
    )


def graph_config(filename: str) -> dict:
    """The mode bar of a graph whose PNG export is named ``filename``."""
    return {**GRAPH_CONFIG, "toImageButtonOptions": {**PNG_EXPORT, "filename": filename}}


def export_name(*parts) -> str:
    """File name (no extension) of an exported chart.

    >>> export_name("compare", "gdp", 2020)
    'led-atlas-compare-gdp-2020'
    """
    return "-".join([EXPORT_PREFIX, *(str(p) for p in parts if p not in (None, ""))])


def notices(texts: Sequence[str]):
    """Visible notices at the top of the chart area (e.g. ignored codes)."""
    return [html.Div(x, className=CLASSES["notice"], role="status") for x in texts if x]


def hint(text: str):
    return html.P(text, className=CLASSES["hint"])


def html_hint(text: str, notice_texts: Sequence[str] = ()):
    """A tab that only says what to do (e.g. "click a unit on the map")."""
    return html.Div([*notices(notice_texts), hint(text)], className="chart-tab-content")


def ignored_notice(codes: Sequence[str], lang: str) -> str:
    return t("ignored_codes", lang).format(codes=", ".join(codes)) if codes else ""


def fmt_value(value, decimals: int) -> str:
    return format_value(None if compare.is_missing(value) else float(value), decimals)


def indicator_options(indicators, lang: str) -> list[dict]:
    """Dropdown options of registry indicators, grouped by family like the main indicator picker."""
    return page.indicator_options(indicators, FAMILIES, lang)


def picker(
    label: str, dropdown_id: str, options, value, class_name: str, *, wide: bool = False, lang: str = "en", **extra
):
    """A labelled dropdown of a tab's controls; it keeps its value while the tab is redrawn (memory persistence).

    Its own words ("5 selected", "Search") are in ``lang`` (:func:`layouts.i18n.dropdown_labels`)."""
    dropdown = dcc.Dropdown(
        id=dropdown_id,
        options=options,
        value=value,
        persistence=True,
        persistence_type="memory",
        className=f"picker {class_name}",
        labels=dropdown_labels(lang),
        **extra,
    )
    return html.Label(
        [html.Span(label, className="control-label"), dropdown], className="control control-wide" if wide else "control"
    )


def error_tab(reason: str, lang: str, notice_texts: Sequence[str] = ()):
    return html.Div(
        [*notices(notice_texts), html.P(t("chart_error", lang).format(reason=reason), className="chart-notice")],
        className="chart-tab-content",
    )
