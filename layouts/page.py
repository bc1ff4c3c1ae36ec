"""The page shell: header with the pickers, the map with legend and caption, the side panel, tabs."""

from __future__ import annotations

from dash import dcc, html

from layouts import ids
from layouts.i18n import dropdown_labels, t, year_text
from layouts.present import full_view_link, scene_children
from state.url_spec import query_with

SCHEMES = ("quantiles", "fisher_jenks", "equal_interval", "user_defined")
PALETTE_CHOICES = (
    "YlGnBu",
    "viridis",
    "cividis",
    "YlOrRd",
    "Blues",
    "Greens",
    "Purples",
    "OrRd",
    "RdBu",
    "PuOr",
    "BrBG",
)


def indicator_options(indicators, families: dict[str, tuple[str, str]], lang: str) -> list[dict]:
    """Dropdown options grouped by family: a disabled header row, then the family's indicators.

    Each indicator's ``search`` field (:func:`indicators.search_terms.search_text`) lets the search
    box match its labels and description in both languages, its family and common synonyms.
    """
    from indicators.search_terms import search_text

    options = []
    for family, (zh, en) in families.items():
        members = [i for i in indicators if i.family == family]
        if not members:
            continue
        options.append({"label": f"— {zh if lang == 'zh' else en} —", "value": f"__family_{family}", "disabled": True})
        for ind in members:
            label = ind.label_zh if lang == "zh" else ind.label_en
            options.append({"label": label, "value": ind.key, "search": search_text(ind)})
    return options


def chosen_only(options: list[dict], value) -> list[dict]:
    """The options a picker shows before the map is drawn: only the chosen one (its label).

    A ``dcc.Dropdown`` indexes every option's label and search words as it mounts, searchable or not
    (~150 ms for the 127 indicators, delaying the map's first paint); the page gives the indicator
    picker its whole list once the map is drawn (``web/picker_options.py``, ``assets/paint_later.js``).

    >>> chosen_only([{"label": "—", "value": "f", "disabled": True}, {"label": "Wage", "value": "w"}], "w")
    [{'label': 'Wage', 'value': 'w'}]
    """
    return [o for o in options if o["value"] == value]


def _field(label, component, extra_class="", field_id=None):
    kwargs = {"id": field_id} if field_id else {}
    return html.Label(
        [html.Span(label, className="control-label"), component], className=f"control {extra_class}", **kwargs
    )


#: Height of the indicator list in px: at least eight rows of the search's results.
INDICATOR_LIST_HEIGHT = 420


def _picker(name, label, picker_id, options, value, extra_class="", *, searchable=False, **dropdown_kwargs):
    """The labelled dropdown ``picker-<name>`` (never cleared: a choice is always made)."""
    dropdown = dcc.Dropdown(
        id=picker_id,
        options=options,
        value=value,
        clearable=False,
        searchable=searchable,
        className=f"picker picker-{name}",
        **dropdown_kwargs,
    )
    return _field(label, dropdown, extra_class)


def controls(
    indicator_opts, indicator, years, year, scheme, k, breaks, palette, lang, mode="values", options_later=None
):
    """The control row; ``options_later``: where the indicator picker's whole list comes from after the
    first paint (:func:`web.picker_options.later`), else the list travels in the page's store."""
    return html.Div(
        [
            dcc.Store(
                id=ids.INDICATOR_OPTIONS,
                data={"target": ids.INDICATOR, "prop": "options"}
                | (options_later or {"value": indicator_opts}),
            ),
            _picker(
                "indicator",
                t("indicator", lang),
                ids.INDICATOR,
                chosen_only(indicator_opts, indicator),
                indicator,
                searchable=True,
                maxHeight=INDICATOR_LIST_HEIGHT,
                labels=dropdown_labels(
                    lang, search=t("indicator_search", lang), no_options_found=t("indicator_no_match", lang)
                ),
            ),
            _picker("year", t("year", lang), ids.YEAR, [{"label": year_text(y, lang), "value": y} for y in years], year),
            _picker(
                "scheme", t("classes", lang), ids.SCHEME, [{"label": t(s, lang), "value": s} for s in SCHEMES], scheme
            ),
            _picker("k", t("k", lang), ids.K, [{"label": str(n), "value": n} for n in range(3, 10)], k, "control-k"),
            _field(
                t("breaks", lang),
                dcc.Input(
                    id=ids.BREAKS,
                    type="text",
                    value=breaks,
                    debounce=True,
                    placeholder="100, 300, 600",
                    className="breaks-input",
                ),
                "control-breaks" + ("" if scheme == "user_defined" else " hidden"),
                field_id=ids.BREAKS + "-field",
            ),
            _picker(
                "palette",
                t("palette", lang),
                ids.PALETTE,
                [{"label": t("palette_auto", lang), "value": "auto"}]
                + [{"label": p, "value": p} for p in PALETTE_CHOICES],
                palette or "auto",
            ),
            _field(
                t("map_mode", lang),
                dcc.RadioItems(
                    id=ids.MODE,
                    options=[
                        {"label": t("mode_values", lang), "value": "values"},
                        {"label": t("mode_lisa", lang), "value": "lisa"},
                        {"label": t("change_map", lang), "value": "change"},
                        {"label": t("split_map", lang), "value": "split"},
                    ],
                    value=mode,
                    inline=True,
                    className="mode-picker",
                ),
            ),
        ],
        className="controls",
        id="controls",
    )


def links(state, ctx, lang: str):
    """The language, presenter, copy, CSV and PNG links; the first two carry ``state`` (``write_query``)."""
    other = "en" if lang == "zh" else "zh"
    return html.Div(
        [
            html.A(
                t("lang_switch", lang),
                id=ids.LANG_LINK,
                href="/" + query_with(state, ctx, lang=other),
                className="btn",
            ),
            html.A(
                t("present", lang),
                id=ids.PRESENT_LINK,
                href="/" + query_with(state, ctx, present=True, scene=1, lang=lang),
                className="btn",
            ),
            html.Span(
                [
                    dcc.Clipboard(id=ids.COPY_LINK, title=t("copy_link", lang), className="clipboard"),
                    html.Span(t("copy_link", lang), className="clipboard-label"),
                ],
                className="btn btn-copy",
            ),
            html.Span(
                [
                    dcc.Clipboard(id=ids.COPY_EMBED, title=t("copy_embed_title", lang), className="clipboard"),
                    html.Span(t("copy_embed", lang), className="clipboard-label"),
                ],
                className="btn btn-copy btn-embed",
            ),
            html.A("CSV", id=ids.CSV_ALL, href="#", className="btn", title=t("csv_all", lang), download=""),
            html.A(
                t("csv_selection", lang),
                id=ids.CSV_SEL,
                href="#",
                className="btn",
                title=t("csv_sel_title", lang),
                download="",
            ),
            html.Button(t("map_png", lang), id=ids.MAP_PNG, className="btn", n_clicks=0),
        ],
        className="links",
    )


def tabs(names, active: str, lang: str):
    return dcc.Tabs(
        id=ids.TABS,
        value=active,
        children=[
            dcc.Tab(label=t(f"tab_{n}", lang), value=n, className="chart-tab", selected_className="chart-tab--selected")
            for n in names
        ],
        className="chart-tabs",
        # dcc.Tabs stacks its tabs below 800 px (one 44 px row each: 400 px of a phone's screen); they wrap
        # in rows instead (assets/screens.css: three to a row on a phone)
        mobile_breakpoint=0,
    )


def panel_header(lang: str, has_selection: bool):
    """ "Selection" and its clear button: static, so re-drawing the panel never re-creates the button."""
    return html.Div(
        [
            html.H2(t("selection", lang)),
            html.Button(
                t("clear", lang), id=ids.CLEAR, className="btn btn-clear", n_clicks=0, disabled=not has_selection
            ),
        ],
        className="panel-header",
    )


def page(
    *,
    lang: str,
    selection: list[str],
    present: bool,
    scene: dict | None,
    scene_count: int,
    control_row,
    links,
    map_component,
    legend_rows,
    caption,
    context_line,
    notices,
    side_panel,
    tabs,
    fit_bounds: str = "",
    detail: str = "",
    upload=None,
    select_tools=None,
    indicator_years: dict | None = None,
    values_url: str = "",
    values_first_url: str = "",
    query: str = "",
    url_spec: str = "",
    map_data: str = "",
    time_bar=None,
    scene_list: str = "",
    embed: bool = False,
    flows_panel=None,
    level: str = "prefecture",
    first_frame=None,
    county_bar=None,
    level_province: str | None = None,
    split_pane=None,
    split_on: bool = False,
):
    scene_block = html.Div(
        scene_children(scene, lang),
        id=ids.SCENE_CAPTION,
        className="scene-caption" + ("" if present else " hidden"),
    )
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Location(id=ids.NAV, refresh=True),
            dcc.Store(id=ids.SELECTION, data=selection),
            # dcc.Store(data=None) "changes" to null when it mounts and so fires its callbacks once:
            # the stores that only carry events start from {} instead
            dcc.Store(id=ids.VIEW_STORE, data={}),
            dcc.Store(id=ids.RECOLOUR_REQUEST, data={}),
            dcc.Store(id=ids.TITLE_SINK, data={}),
            dcc.Store(id=ids.YEARS_STORE, data=indicator_years or {}),
            dcc.Store(id=ids.VALUES_URL, data=values_url),
            dcc.Store(id=ids.RECOLOUR_ANSWER, data={}),
            dcc.Store(id=ids.STYLE_SINK, data={}),
            dcc.Store(id=ids.URL_EVENT, data={}),
            dcc.Store(id=ids.URL_SINK, data={}),
            dcc.Store(id=ids.PANEL_REQUEST, data={}),
            dcc.Store(id=ids.DRAWN, data={}),
            dcc.Store(id=ids.CHARTS_REQUEST, data={}),
            dcc.Store(id=ids.CHARTS_RESPONSE, data={}),
            dcc.Store(id=ids.FLOWS_SINK, data={}),
            # the level the map draws and, at county level, the province whose counties it draws (or None)
            dcc.Store(id=ids.LEVEL, data={"level": level, "province": level_province}),
            html.Header(
                [
                    html.Div(
                        [html.H1(t("title", lang)), html.P(t("subtitle", lang), className="subtitle")],
                        className="brand",
                    ),
                    html.Button(  # the phone layout's drawer of pickers (assets/screens.js)
                        t("controls_drawer", lang),
                        id=ids.CONTROLS_DRAWER,
                        className="btn drawer-toggle",
                        n_clicks=0,
                        **{"aria-expanded": "false", "aria-controls": "controls"},
                    ),
                    control_row,
                    links,
                ],
                className="topbar",
            ),
            html.Div(notices, id=ids.NOTICES, className="notices", role="status", **{"aria-live": "polite"}),
            html.Div(context_line, id=ids.CONTEXT_LINE, className="context-line"),
            county_bar,
            scene_block,
            html.Main(
                [
                    html.Section(
                        [
                            html.Div(
                                [
                                    split_pane,
                                    map_component,
                                    first_frame,
                                    html.Div(legend_rows, id=ids.LEGEND, className="legend"),
                                    time_bar,
                                ],
                                className="map-wrap" + (" split-on" if split_on else ""),
                                role="region",
                                **{"data-fit": fit_bounds, "data-detail": detail, "data-map": map_data},
                                **{"aria-label": t("map_label", lang)},
                            ),
                            flows_panel,
                            dcc.Loading(html.Div(caption, id=ids.CAPTION, className="caption"), type="dot"),
                            full_view_link(lang),
                        ],
                        className="map-column",
                    ),
                    html.Aside(
                        [
                            select_tools,
                            panel_header(lang, bool(selection)),
                            dcc.Loading(html.Div(side_panel, id=ids.SIDE_PANEL), type="dot", delay_show=200),
                            tabs,
                            dcc.Loading(html.Div(id=ids.CHARTS, className="charts"), type="circle", delay_show=200),
                            html.Details([html.Summary(t("upload_title", lang)), upload], className="upload-details")
                            if upload is not None
                            else None,
                        ],
                        className="side-panel",
                        **{"aria-label": t("selection", lang)},
                    ),
                ],
                className="main",
            ),
        ],
        className=f"app lang-{lang}" + (" present" if present else "") + (" embed" if embed else ""),
        lang="zh-CN" if lang == "zh" else "en",
        **{
            "data-present": "1" if present else "0",
            "data-scenes": str(scene_count),
            "data-values": values_url,
            # the family part of the values bundle holding the page's indicator, fetched first (web/values.py)
            "data-values-first": values_first_url,
            "data-title": f"{t('title', lang)} · LED Atlas" if lang == "zh" else t("title", lang),
            "data-scene-query": (scene or {}).get("query", ""),
            "data-scene-list": scene_list,  # assets/present.js: each scene's query and map view
            # what assets/map.js needs to write the URL of an indicator / year / tab / selection change:
            # the page's canonical query and the URL model's order, defaults and version (state/url_spec.py)
            "data-query": query,
            "data-url-spec": url_spec,
            "data-level": level,
        },
    )
