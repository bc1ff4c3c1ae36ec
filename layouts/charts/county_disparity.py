"""The disparity tab at county level: Theil's T in three nested levels, Gini and Moran's I, in plain words.

Component builders only (no data loading): they take the dicts of
:func:`indicators.county.disparity.county_disparity_report` (the JSON of ``/api/disparity?level=county``)
and :func:`indicators.county.disparity.county_disparity_change`, the indicator's :class:`Meta` (unit and
source) and a language. The class names are the prefecture panel's (:mod:`layouts.charts.disparity`), so
the page's and the projector's CSS (``assets/screens.css``) treat both alike.

Examples
--------
>>> report = {"indicator": "x", "year": 2020, "label_en": "X", "theil": 0.5, "share_between_province": 0.5,
...           "share_between_prefecture_within_province": 0.3, "share_within_prefecture": 0.2}
>>> headline(report, "en")
"Of the gap in X between China's counties in 2020, 50.0 % lies between provinces, 30.0 % between prefectures \
of the same province and 20.0 % within prefectures."
"""

from __future__ import annotations

from dash import html

from layouts.charts.common import Meta
from layouts.charts.disparity import disparity_change_panel, finite, moran_text, report_label, split_bar
from layouts.i18n import t

#: The three parts of Theil's T: share key, part key, bar class suffix, bar word.
PARTS = (
    ("share_between_province", "theil_between_province", "between", "county_disparity_part_province"),
    (
        "share_between_prefecture_within_province",
        "theil_between_prefecture_within_province",
        "prefecture",
        "county_disparity_part_prefecture",
    ),
    ("share_within_prefecture", "theil_within_prefecture", "within", "county_disparity_part_within"),
)
#: Rows of the change table (measure key, whether a share).
CHANGE_ROWS = (
    ("theil", False),
    ("share_between_province", True),
    ("share_between_prefecture_within_province", True),
    ("share_within_prefecture", True),
    ("gini", False),
    ("moran_i", False),
)


def shares_pct(report: dict) -> tuple[float, float, float] | None:
    """The three parts in % of Theil's T (one decimal), or ``None`` when they are not all known.

    >>> shares_pct({"share_between_province": 0.59198, "share_between_prefecture_within_province": 0.28020,
    ...             "share_within_prefecture": 0.12782})
    (59.2, 28.0, 12.8)
    >>> shares_pct({"share_between_province": None}) is None
    True
    """
    shares = [report.get(share) for share, *_ in PARTS]
    if not all(finite(s) for s in shares):
        return None
    return tuple(round(s * 100, 1) for s in shares)


def computable(report: dict | None) -> bool:
    """Whether the decomposition has numbers (not a signed indicator, enough counties)."""
    return bool(report) and not report.get("signed") and shares_pct(report) is not None


def headline(report: dict, lang: str) -> str:
    """The first sentence: how the gap splits between provinces, prefectures of a province and within them."""
    if report.get("signed"):
        return t("disparity_signed", lang)
    pct = shares_pct(report)
    if pct is None:
        return t("disparity_no_data", lang)
    province, prefecture, within = pct
    return t("county_disparity_headline", lang).format(
        label=report_label(report, lang),
        year=report.get("year", ""),
        province=province,
        prefecture=prefecture,
        within=within,
    )


def three_part_bar(report: dict, lang: str) -> html.Div:
    """The split bar of the three parts (:func:`layouts.charts.disparity.split_bar`)."""
    pct = shares_pct(report)
    parts = [
        (suffix, f"{t(word, lang)} {value}%", value) for (_s, _p, suffix, word), value in zip(PARTS, pct, strict=True)
    ]
    province, prefecture, within = pct
    aria = t("county_disparity_bar_label", lang).format(
        label=report_label(report, lang),
        year=report.get("year", ""),
        province=province,
        prefecture=prefecture,
        within=within,
    )
    return split_bar(parts, aria)


def _number(value) -> str:
    return f"{value:.3f}" if finite(value) else "–"


def measures_table(report: dict, lang: str, permutations: int) -> html.Table:
    """Theil's T and its three parts (value, share), Gini, Moran's I with its pseudo p-value."""
    head = html.Tr(
        [
            html.Th(t("disparity_measure", lang)),
            html.Th(t("county_disparity_value", lang)),
            html.Th(t("county_disparity_share", lang)),
        ]
    )
    rows = [html.Tr([html.Td(t("disparity_m_theil", lang)), html.Td(_number(report.get("theil"))), html.Td("100%")])]
    for (_share, part, _suffix, _word), value in zip(PARTS, shares_pct(report), strict=True):
        rows.append(
            html.Tr([html.Td(t(f"disparity_m_{part}", lang)), html.Td(_number(report.get(part))), html.Td(f"{value}%")])
        )
    rows.append(html.Tr([html.Td(t("disparity_m_gini", lang)), html.Td(_number(report.get("gini"))), html.Td("")]))
    rows.append(moran_row(report, lang, permutations))
    return html.Table([html.Thead(head), html.Tbody(rows)], className="disparity-table")


def moran_row(report: dict, lang: str, permutations: int) -> html.Tr:
    i, p = report.get("moran_i"), report.get("moran_p")
    if finite(i) and finite(p):
        note = t("county_disparity_moran_p", lang).format(p=p, permutations=permutations)
        return html.Tr([html.Td(t("disparity_m_moran_i", lang)), html.Td(_number(i)), html.Td(note)])
    return html.Tr(
        [html.Td(t("disparity_m_moran_i", lang)), html.Td("–"), html.Td(t("county_disparity_moran_missing", lang))]
    )


def counts_lines(report: dict, lang: str) -> list[str]:
    """How many counties were used and which were left out (no value, no polygon, 2010 territory, no weight)."""
    lines = [
        t("county_disparity_used", lang).format(n=report.get("n", 0), year=report.get("weight_year", "")),
        t("county_disparity_left_out", lang).format(
            missing=report.get("n_missing", 0),
            no_polygon=report.get("n_no_polygon", 0),
            why=t(
                "county_disparity_no_polygon_2010"
                if report.get("year") == 2010
                else "county_disparity_no_polygon_2020",
                lang,
            ),
        ),
    ]
    if report.get("n_territory_differs"):
        lines.append(
            t("county_disparity_left_out_territory", lang).format(
                n=report["n_territory_differs"], year=report.get("year")
            )
        )
    if report.get("n_without_weight_or_region"):
        lines.append(t("county_disparity_left_out_weight", lang).format(n=report["n_without_weight_or_region"]))
    return lines


def county_disparity_panel(report: dict, m: Meta, lang: str, permutations: int) -> html.Div:
    """The year's panel: title, headline, three-part bar, measures table, formula, counts, unit/year/source.

    A signed indicator (or too few counties) gets the reason instead of the bar and the table; Moran's I
    is still given when computed.
    """
    label = report_label(report, lang)
    children = [
        html.H3(
            t("county_disparity_title", lang).format(label=label, year=report.get("year", "")),
            className="disparity-title",
        ),
        html.P(headline(report, lang), className="disparity-headline"),
    ]
    if computable(report):
        children += [
            three_part_bar(report, lang),
            measures_table(report, lang, permutations),
            html.P(t("county_disparity_formula", lang), className="disparity-line disparity-formula"),
        ]
    else:
        moran = moran_text(report, lang)
        if moran:
            children.append(html.P(moran, className="disparity-line disparity-moran"))
    children += [html.P(line, className="disparity-footer") for line in counts_lines(report, lang)]
    children.append(
        html.P(
            t("county_disparity_meta", lang).format(unit=m.unit, year=m.year, source=m.source),
            className="disparity-footer disparity-source",
        )
    )
    return html.Div(
        children, className="disparity-panel county-disparity", **{"data-indicator": report.get("indicator", "")}
    )


def change_sentence(change: dict, lang: str) -> str:
    """The change on the balanced panel in one sentence (``''`` when the decomposition is not computed)."""
    a, b = change.get("a") or {}, change.get("b") or {}
    pa, pb = shares_pct(a), shares_pct(b)
    if change.get("signed") or pa is None or pb is None:
        return ""
    return t("county_disparity_change_sentence", lang).format(
        a=change.get("year_a"),
        b=change.get("year_b"),
        n=change.get("n_common", 0),
        label=report_label(change, lang),
        ta=a["theil"],
        tb=b["theil"],
        pa=pa[0],
        pb=pb[0],
        fa=pa[1],
        fb=pb[1],
        wa=pa[2],
        wb=pb[2],
    )


def county_change_panel(change: dict, lang: str) -> html.Div:
    """The change between two census years on the same counties (the prefecture change panel, county rows)."""
    footer = t("county_disparity_same_counties", lang).format(
        n=change.get("n_common", 0),
        a=change.get("year_a", ""),
        b=change.get("year_b", ""),
        only_a=change.get("n_only_a", 0),
        only_b=change.get("n_only_b", 0),
    )
    return disparity_change_panel(change, lang, rows=CHANGE_ROWS, sentence=change_sentence(change, lang), footer=footer)
