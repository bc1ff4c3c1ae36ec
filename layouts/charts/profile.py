"""The profile tab: every indicator of one unit, grouped by family; printable."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from dash import html

from indicators import compare
from indicators.registry import FAMILIES
from layouts import ids
from layouts.charts.common import (
    hint,
    notices,
)
from layouts.i18n import t
from layouts.map import format_value


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
            html.Button(t("print", lang), id=ids.PROFILE_PRINT, n_clicks=0, className="btn no-print"),
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
