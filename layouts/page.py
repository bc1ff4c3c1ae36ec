"""The page shell: header with the pickers, the map with legend and caption, the side panel."""

from __future__ import annotations

from dash import dcc, html

from layouts import ids
from layouts.i18n import t

SCHEMES = ("quantiles", "fisher_jenks", "equal_interval")


def indicator_options(indicators, families: dict[str, tuple[str, str]], lang: str) -> list[dict]:
    """Dropdown options grouped by family: a disabled header row, then the family's indicators."""
    options = []
    for family, (zh, en) in families.items():
        members = [i for i in indicators if i.family == family]
        if not members:
            continue
        options.append({"label": f"— {zh if lang == 'zh' else en} —", "value": f"__family_{family}", "disabled": True})
        for ind in members:
            options.append({"label": ind.label_zh if lang == "zh" else ind.label_en, "value": ind.key})
    return options


def controls(indicator_opts, indicator, years, year, scheme, k, lang):
    def field(label, component):
        return html.Label([html.Span(label, className="control-label"), component], className="control")

    return html.Div(
        [
            field(
                t("indicator", lang),
                dcc.Dropdown(
                    id=ids.INDICATOR,
                    options=indicator_opts,
                    value=indicator,
                    clearable=False,
                    searchable=True,
                    className="picker picker-indicator",
                ),
            ),
            field(
                t("year", lang),
                dcc.Dropdown(
                    id=ids.YEAR,
                    options=[{"label": str(y), "value": y} for y in years],
                    value=year,
                    clearable=False,
                    searchable=False,
                    className="picker picker-year",
                ),
            ),
            field(
                t("classes", lang),
                dcc.Dropdown(
                    id=ids.SCHEME,
                    options=[{"label": t(s, lang), "value": s} for s in SCHEMES],
                    value=scheme,
                    clearable=False,
                    searchable=False,
                    className="picker picker-scheme",
                ),
            ),
            field(
                t("k", lang),
                dcc.Dropdown(
                    id=ids.K,
                    options=[{"label": str(n), "value": n} for n in range(3, 10)],
                    value=k,
                    clearable=False,
                    searchable=False,
                    className="picker picker-k",
                ),
            ),
        ],
        className="controls",
    )


def page(
    *, lang: str, selection: list[str], control_row, map_component, legend_rows, caption, context_line, side_panel
):
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.SELECTION, data=selection),
            html.Header(
                [
                    html.Div(
                        [html.H1(t("title", lang)), html.P(t("subtitle", lang), className="subtitle")],
                        className="brand",
                    ),
                    control_row,
                ],
                className="topbar",
            ),
            html.Div(id=ids.NOTICES, className="notices", role="status", **{"aria-live": "polite"}),
            html.Div(context_line, id=ids.CONTEXT_LINE, className="context-line"),
            html.Main(
                [
                    html.Section(
                        [
                            dcc.Loading(
                                html.Div(
                                    [map_component, html.Div(legend_rows, id=ids.LEGEND, className="legend")],
                                    className="map-wrap",
                                    role="region",
                                    **{"aria-label": t("map_label", lang)},
                                ),
                                type="circle",
                                delay_show=300,
                                parent_className="map-loading",
                                overlay_style={"visibility": "visible", "opacity": 0.6},
                            ),
                            html.Div(caption, id=ids.CAPTION, className="caption"),
                        ],
                        className="map-column",
                    ),
                    html.Aside(side_panel, id=ids.SIDE_PANEL, className="side-panel"),
                ],
                className="main",
            ),
        ],
        className=f"app lang-{lang}",
        lang="zh-CN" if lang == "zh" else "en",
    )
