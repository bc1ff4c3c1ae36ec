"""The disparity panel: how unequal an indicator is across the map, in words a seminar audience follows.

Component builders only (no data loading): they take the dicts of
:func:`indicators.disparity_report.disparity_report` and :func:`indicators.disparity_report.disparity_change`
(or the JSON of ``/api/disparity`` and ``/api/disparity/change``) and a language, ``'zh'`` or ``'en'``.

Examples
--------
>>> report = {"indicator": "gdp_per_resident", "year": 2020, "label_en": "GDP per census resident",
...           "label_zh": "人均地区生产总值", "gini": 0.28, "theil": 0.125, "theil_between_province": 0.0625,
...           "theil_within_province": 0.0625, "share_between_province": 0.5, "share_between_region": 0.25,
...           "cv_weighted": 0.52, "moran_i": 0.44, "moran_p": 0.001, "n": 329, "n_units": 370,
...           "n_missing": 41, "n_flagged_excluded": 0, "weight_year": 2020, "signed": False}
>>> headline(report, "en")
'50 % of the inequality in GDP per census resident is between provinces, 50 % within them.'
>>> headline(report, "zh")
'人均地区生产总值的不平等中，50%来自省与省之间，50%来自省内各地区之间。'
"""

from __future__ import annotations

import math

from dash import html

from layouts.i18n import t

#: Rows of the change table: measure key and whether it is a share (shown in %).
CHANGE_ROWS = (
    ("gini", False),
    ("theil", False),
    ("share_between_province", True),
    ("share_between_region", True),
    ("cv_weighted", False),
    ("moran_i", False),
)


def finite(x) -> bool:
    return x is not None and isinstance(x, int | float) and math.isfinite(x)


def report_label(report: dict, lang: str) -> str:
    return report.get("label_zh" if lang == "zh" else "label_en") or report.get("indicator", "")


def _between(report: dict) -> int | None:
    share = report.get("share_between_province")
    return int(round(share * 100)) if finite(share) else None


def headline(report: dict, lang: str) -> str:
    """The one sentence to say first: how much of the inequality lies between provinces."""
    between = _between(report)
    if report.get("signed"):
        return t("disparity_signed", lang)
    if between is None:
        return t("disparity_no_data", lang)
    return t("disparity_headline", lang).format(label=report_label(report, lang), between=between, within=100 - between)


def moran_text(report: dict, lang: str) -> str:
    """Moran's I in words (``''`` when not computed)."""
    i, p = report.get("moran_i"), report.get("moran_p")
    if not (finite(i) and finite(p)):
        return ""
    kind = "moran_none" if p > 0.05 else ("moran_positive" if i > 0 else "moran_negative")
    return t("disparity_" + kind, lang).format(i=i, p=p)


def split_bar(parts, aria_label: str) -> html.Div:
    """A bar split into parts, named for screen readers.

    Parameters
    ----------
    parts : sequence of (class suffix, text, width in %)
        Each part's class is ``disparity-bar-<suffix>`` (the projector's and the page's CSS), its text is
        written inside it and its width is its share of the bar.
    aria_label : str
        What the bar says, in one sentence.

    Examples
    --------
    >>> bar = split_bar([("between", "between provinces 62%", 62), ("within", "within 38%", 38)], "Shares")
    >>> [(p.className, p.style["width"]) for p in bar.children], getattr(bar, "aria-label")
    ([('disparity-bar-between', '62%'), ('disparity-bar-within', '38%')], 'Shares')
    """
    return html.Div(
        [
            html.Div(text, className=f"disparity-bar-{suffix}", style={"width": f"{width:g}%"}, title=text)
            for suffix, text, width in parts
        ],
        className="disparity-bar",
        role="img",
        **{"aria-label": aria_label},
    )


def _province_bar(between: int, lang: str, label: str = "", year="") -> html.Div:
    """The two-part bar of the prefecture panel: share between provinces and within them.

    Examples
    --------
    >>> getattr(_province_bar(62, "en", "GDP per census resident", 2020), "aria-label")
    'Where the inequality in GDP per census resident (2020) lies: 62 % between provinces, 38 % within provinces'
    """
    within = 100 - between
    between_text, within_text = t("disparity_between", lang), t("disparity_within", lang)
    aria_label = t("disparity_bar_label", lang).format(
        label=label, year=year, between=between, within=within, between_text=between_text, within_text=within_text
    )
    parts = [("between", f"{between_text} {between}%", between), ("within", f"{within_text} {within}%", within)]
    return split_bar(parts, aria_label)


def disparity_panel(report: dict | None, lang: str, panel_id: str | None = None):
    """The disparity panel of one indicator and year.

    Parameters
    ----------
    report : dict or None
        :func:`indicators.disparity_report.disparity_report` (or the ``/api/disparity`` JSON); ``None``
        gives the "too few units" text.
    lang : {'zh', 'en'}
    panel_id : str, optional
        Component id of the outer ``Div`` (take it from :mod:`layouts.ids`).

    Returns
    -------
    dash.html.Div
        Title, headline sentence, between/within bar, macro-region share, Gini and CV explained,
        Moran's I explained, and a footer with weights and unit counts.

    Examples
    --------
    >>> panel = disparity_panel(None, "en")
    >>> panel.children[0].children
    'Too few units with data to describe the gaps.'
    """
    kwargs = {"id": panel_id} if panel_id else {}
    if not report:
        return html.Div(
            [html.P(t("disparity_no_data", lang), className="disparity-headline")],
            className="disparity-panel",
            **kwargs,
        )
    label = report_label(report, lang)
    children = [
        html.H3(
            t("disparity_title", lang).format(label=label, year=report.get("year", "")), className="disparity-title"
        )
    ]
    children.append(html.P(headline(report, lang), className="disparity-headline"))
    between = _between(report)
    if between is not None and not report.get("signed"):
        children.append(_province_bar(between, lang, label, report.get("year", "")))
        lines = []
        region = report.get("share_between_region")
        if finite(region):
            lines.append(t("disparity_regions", lang).format(share=int(round(region * 100))))
        gini = report.get("gini")
        if finite(gini):
            lines.append(t("disparity_gini", lang).format(gini=gini, gap=int(round(2 * gini * 100))))
        cv = report.get("cv_weighted")
        if finite(cv):
            lines.append(t("disparity_cv", lang).format(cv=cv, pct=int(round(cv * 100))))
        children.extend(html.P(line, className="disparity-line") for line in lines)
    moran = moran_text(report, lang)
    if moran:
        children.append(html.P(moran, className="disparity-line disparity-moran"))
    children.append(
        html.P(
            t("disparity_footer", lang).format(
                wy=report.get("weight_year", ""),
                n=report.get("n", 0),
                missing=report.get("n_missing", 0),
                flagged=report.get("n_flagged_excluded", 0),
            ),
            className="disparity-footer",
        )
    )
    if report.get("balanced_with"):
        children.append(
            html.P(
                t("disparity_balanced", lang).format(n=report.get("n", 0), a=report["balanced_with"]),
                className="disparity-footer disparity-balanced",
            )
        )
    return html.Div(children, className="disparity-panel", **{"data-indicator": report.get("indicator", "")}, **kwargs)


def _cell(value, share: bool) -> str:
    if not finite(value):
        return "–"
    return f"{value * 100:.0f}%" if share else f"{value:.3f}"


def _delta(row: dict, share: bool) -> str:
    change = row.get("change")
    if not finite(change):
        return "–"
    if share:
        return f"{change * 100:+.0f} pp"
    pct = row.get("pct_change")
    return f"{change:+.3f}" + (f" ({pct:+.0f}%)" if finite(pct) else "")


def disparity_change_panel(
    change: dict | None,
    lang: str,
    panel_id: str | None = None,
    rows=CHANGE_ROWS,
    sentence: str | None = None,
    footer: str | None = None,
):
    """How the gaps changed between two years: a sentence and a small table (measure, year A, year B, change).

    ``rows``: the measures of the table (key, whether a share); ``sentence`` and ``footer`` replace the
    change's own sentence and the "same units" line (the county panel's words).

    Examples
    --------
    >>> c = {"indicator": "x", "year_a": 2010, "year_b": 2020, "label_en": "X", "n_common": 313,
    ...      "sentence_en": "The Gini fell.", "change": {"gini": {"a": 0.35, "b": 0.29, "change": -0.06,
    ...      "pct_change": -17.1}}}
    >>> table = disparity_change_panel(c, "en").children[2]
    >>> [cell.children for cell in table.children[1].children[0].children]
    ['Gini', '0.350', '0.290', '-0.060 (-17%)']
    """
    kwargs = {"id": panel_id} if panel_id else {}
    if not change:
        return html.Div([html.P(t("disparity_no_data", lang))], className="disparity-panel disparity-change", **kwargs)
    label = report_label(change, lang)
    a, b = change.get("year_a", ""), change.get("year_b", "")
    head = html.Tr(
        [html.Th(t("disparity_measure", lang)), html.Th(str(a)), html.Th(str(b)), html.Th(t("disparity_change", lang))]
    )
    cells = []
    for key, share in rows:
        row = change.get("change", {}).get(key)
        if not row or not (finite(row.get("a")) or finite(row.get("b"))):
            continue
        cells.append(
            html.Tr(
                [
                    html.Td(t(f"disparity_m_{key}", lang)),
                    html.Td(_cell(row.get("a"), share)),
                    html.Td(_cell(row.get("b"), share)),
                    html.Td(_delta(row, share)),
                ]
            )
        )
    if sentence is None:
        sentence = change.get("sentence_zh" if lang == "zh" else "sentence_en") or ""
    if footer is None:
        footer = t("disparity_same_units", lang).format(n=change.get("n_common", 0))
    return html.Div(
        [
            html.H3(t("disparity_change_title", lang).format(label=label, a=a, b=b), className="disparity-title"),
            html.P(sentence, className="disparity-headline"),
            html.Table([html.Thead(head), html.Tbody(cells)], className="disparity-table"),
            html.P(footer, className="disparity-footer"),
        ],
        className="disparity-panel disparity-change",
        **kwargs,
    )
