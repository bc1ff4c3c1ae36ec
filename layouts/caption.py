"""The caption under the map (unit, year and source always visible; formula and caveat one click away)
and the migrant-survey lines shown with migrant indicators."""

from __future__ import annotations

from dash import html

from indicators.display import label, source_label, unit_label
from layouts.i18n import t, year_text
from layouts.map import fill


def caption(ind, year: int, lang: str):
    """Unit, year and source always visible; formula and caveat one click away."""
    parts = [
        html.Strong(fill("caption_title", label=label(ind, lang), year=year_text(year, lang))),
        html.Span(fill("caption_fact", word=t("unit", lang), text=unit_label(ind, lang))),
        html.Span(fill("caption_fact", word=t("source", lang), text=source_label(ind, lang))),
    ]
    details = []
    description = ind.description_zh if lang == "zh" else ind.description_en
    if description:
        details.append(html.Div(description))
    if ind.formula:
        details.append(html.Div(fill("caption_detail", word=t("formula", lang), text=ind.formula), className="formula"))
    caveat = ind.caveat_zh if lang == "zh" else ind.caveat_en
    if caveat:
        details.append(html.Div(fill("caption_detail", word=t("caveat", lang), text=caveat), className="caveat"))
    if details:
        parts.append(html.Details([html.Summary(t("about_indicator", lang)), *details], className="about"))
    return parts


def context_lines(rows: list[str], source: str):
    """The migrant survey's lines, then its source."""
    return [html.Div(r) for r in rows] + [html.Div(source, className="context-source")]
