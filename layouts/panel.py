"""The side panel: what is selected, with value, unit, year, source and national rank."""

from __future__ import annotations

from dash import html

from layouts.brief import brief_href
from layouts.i18n import t
from layouts.map import format_value

MAX_LISTED = 12


def unit_card(row: dict, lang: str):
    """One selected unit. ``row`` keys: adcode, name_zh, name_en, province_zh, province_en,
    unit_type, value, decimals, unit, year, rank, n_ranked, flag, covered."""
    name_main, name_other = (row["name_zh"], row["name_en"]) if lang == "zh" else (row["name_en"], row["name_zh"])
    province = row["province_zh"] if lang == "zh" else row["province_en"]
    lines = [
        html.Div([html.Strong(name_main, className="unit-name"), html.Span(f" {name_other}", className="unit-alt")]),
        html.Div(f"{province} · {t('unit_type_' + row['unit_type'], lang)} · {row['adcode']}", className="unit-meta"),
    ]
    if row["value"] is None:
        text = t("no_data", lang) if row["covered"] else t("not_in_data", lang)
        lines.append(html.Div(text, className="unit-value unit-nodata"))
    else:
        lines.append(
            html.Div(
                [
                    html.Span(format_value(row["value"], row["decimals"]), className="unit-number"),
                    html.Span(f" {row['unit']} ({row['year']})", className="unit-unit"),
                ],
                className="unit-value",
            )
        )
        if row.get("rank"):
            lines.append(
                html.Div(f"{t('rank', lang)}: {row['rank']} {t('of', lang)} {row['n_ranked']}", className="unit-rank")
            )
    if row.get("flag"):
        lines.append(html.Div(f"⚠ {t('flagged', lang)}: {row['flag']}", className="unit-flag"))
    return html.Div(lines, className="unit-card", **{"data-adcode": row["adcode"]})


def side_panel(rows: list[dict], national: str | None, source: str, lang: str):
    """The panel's content under its static header (:func:`layouts.page.panel_header`)."""
    if not rows:
        return [html.P(t("select_hint", lang), className="hint")]
    cards = [unit_card(r, lang) for r in rows[:MAX_LISTED]]
    extra = len(rows) - MAX_LISTED
    tail = [html.P(t("panel_more", lang, n=extra), className="hint")] if extra > 0 else []
    foot = [html.Div(f"{t('nation', lang)}: {national}", className="national")] if national else []
    brief = html.A(t("brief_link", lang), href=brief_href([r["adcode"] for r in rows], lang), target="_blank",
                   className="brief-link no-print")  # fmt: skip
    return [*cards, *tail, *foot, brief, html.Div(f"{t('source', lang)}: {source}", className="panel-source")]
