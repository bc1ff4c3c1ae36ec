"""The page's pieces at county level (``level=county``), called by :mod:`web.page`.

Which county files the map loads for a state: a province in ``view`` is a drill-down (that
province's county file, and the prefectures dissolved from the same county coverage as grey
context); otherwise the whole-country county file and the South China Sea inset. The prefecture
layer is not loaded at all at county level, so nothing lies under the counties.
"""

from __future__ import annotations

from dash import html

from geodata import county_layer
from layouts import ids
from layouts.i18n import t
from state import county_display
from state.model import state_with

#: The province whose counties lie in the South China Sea inset (Sansha's districts).
INSET_PROVINCE = "460000"


def drawn_province(state) -> str | None:
    """The province whose counties a county-level state draws (its ``view`` when it has a county file), else None."""
    province = state.view if isinstance(state.view, str) else None
    if province and county_layer.public_file(f"county/{province}.pbf") is None:
        return None
    return province


def county_urls(state) -> tuple[dict[str, str | None], str | None]:
    """``(urls of the map's layers, url of the grey context layer or None)`` for a county-level state."""
    province = drawn_province(state)
    urls = {
        "units": county_layer.geometry_url(f"county/{province}.pbf" if province else "county/all.pbf"),
        "inset": county_layer.geometry_url("county/inset.pbf") if province in (None, INSET_PROVINCE) else None,
        "provinces": county_layer.geometry_url("county/lines.pbf"),
    }
    context = county_layer.geometry_url("county/prefectures.pbf") if province else None
    return urls, context


def indicators(ds: str | None = None):
    """The county indicators, in registry order (the picker's options and the years table), plus the
    uploaded dataset's when ``ds`` names a county dataset."""
    from indicators.registry import COUNTY_REGISTRY

    uploaded = county_display.county_dataset(f"ds_{ds}") if ds else None
    return list(COUNTY_REGISTRY.values()) + ([uploaded] if uploaded is not None else [])


def drill_links(state, ctx, lang: str):
    """Links between the levels: the two pilots' counties, the whole country, back to prefectures.

    Each link is a full page with the current indicator where it exists at the other level.
    """
    from state.write import write_query

    def href(**changes) -> str:
        target = state_with(state, sel=(), present=False, scene=1, **changes)
        lctx = ctx.at_level(target.level)
        if target.indicator not in lctx.indicator_years:
            target = state_with(target, indicator=lctx.default_indicator)
        years = lctx.indicator_years[target.indicator]
        if target.year not in years:
            target = state_with(target, year=years[-1])
        return "/" + write_query(target, ctx)

    items = [html.Span(t("county_levels", lang), className="control-label")]
    for name, province in county_display.PILOT_PROVINCES.items():
        items.append(
            html.A(
                t(f"county_pilot_{name}", lang),
                id=f"county-pilot-{name}",
                href=href(level="county", view=province),
                className="btn county-link",
                title=t("county_drill_title", lang),
            )
        )
    items.append(
        html.A(
            t("county_whole_country", lang),
            id="county-whole-country",
            href=href(level="county", view=None),
            className="btn county-link",
        )
    )
    items.append(
        html.A(
            t("county_of_province", lang),
            id=ids.COUNTY_PROVINCE_LINK,
            href=href(level="county", view=state.view if isinstance(state.view, str) else None),
            className="btn county-link",
        )
    )
    if state.level == "county":
        items.append(
            html.A(
                t("county_back_to_prefectures", lang),
                id="county-back",
                href=href(level="prefecture"),
                className="btn county-link",
            )
        )
    note = county_display.not_drawn_note(county_display.census_year(state.indicator, state.year), lang)
    children = [html.Div(items, className="county-links")]
    if state.level == "county" and note:
        children.append(html.Div(note, id=ids.COUNTY_NOTE, className="county-note", role="note"))
    return html.Div(children, className="county-bar")
