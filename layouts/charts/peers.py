"""The peers tab: the units most similar to the first selected one."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from dash import dcc, html

from indicators import compare
from layouts import ids
from layouts.charts.common import (
    hint,
    indicator_options,
    notices,
    picker,
    unit_names,
)
from layouts.i18n import t

DEFAULT_PEER_INDICATORS = (
    "gdp_per_resident",
    "gdp_share_tertiary",
    "urbanisation_rate",
    "migrants_other_prov_pct",
    "census_emp_share_manuf",
)


PEER_COUNTS = (5, 10)


def peers_tab(
    target_name: str,
    indicators,
    lang: str,
    n_more: int = 0,
    notice_texts: Sequence[str] = (),
    defaults: Sequence[str] = DEFAULT_PEER_INDICATORS,
):
    """Controls of the peer search (``defaults``: the indicators ticked first); results come from the peers callback."""
    return html.Div(
        [
            *notices(notice_texts),
            html.H3(t("peer_title", lang).format(name=target_name), className="chart-title"),
            *([hint(t("first_more", lang).format(n=n_more))] if n_more else []),
            html.Div(
                [
                    picker(
                        t("peer_indicators", lang),
                        ids.PEER_INDICATORS,
                        indicator_options(indicators, lang),
                        list(defaults),
                        "picker-peers",
                        wide=True,
                        multi=True,
                        lang=lang,
                    ),
                    picker(
                        t("peer_n", lang),
                        ids.PEER_N,
                        [{"label": str(n), "value": n} for n in PEER_COUNTS],
                        PEER_COUNTS[0],
                        "picker-peer-n",
                        clearable=False,
                        searchable=False,
                        lang=lang,
                    ),
                ],
                className="chart-controls",
            ),
            dcc.Store(id=ids.PEER_CODES, data=[]),
            html.Div(id=ids.PEER_RESULTS),
            html.Button(t("peer_select", lang), id=ids.PEER_SELECT, n_clicks=0, className="btn", disabled=True),
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
    listed = "; ".join(t("label_year", lang, label=m.label, year=m.year) for m in used.values())
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
