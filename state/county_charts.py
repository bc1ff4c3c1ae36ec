"""The chart tabs at county level (``level=county``): ranking, scatter, profile, peers, sectors, disparity
and the comparison table of the census's county units, drawn with the same layouts as at prefecture level
(the disparity tab with its three-level panel, :mod:`layouts.charts.county_disparity`); the trend tab, which
has no county version, says why in one line.

The units are every county-level census unit (:func:`indicators.county.county_units`), the functional
zones and other units the map cannot draw included (the ranking lists them with a note, as the map's
note promises); only drawn counties can be selected. A county's "province" column names its prefecture
and its province, since county names repeat across China.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from indicators import compare
from layouts.charts import ranking as ranking_chart
from layouts.charts import scatter as scatter_chart
from layouts.charts.common import html_hint, meta, unit_names
from layouts.charts.peers import PEER_COUNTS, peers_tab, peers_table
from layouts.charts.profile import profile_tab
from layouts.i18n import t
from state import county_display, county_table, table_view

#: Second scatter indicator at county level (the first one when the map shows the second).
COUNTY_SCATTER_Y = ("urbanisation_rate", "avg_schooling_years")
#: Indicators the county peer search starts from.
COUNTY_PEER_INDICATORS = (
    "urbanisation_rate",
    "migrants_other_prov_pct",
    "avg_schooling_years",
    "census_emp_share_manuf",
)
#: Tabs drawn at county level; the others show :func:`unavailable`.
COUNTY_TABS = ("compare", "ranking", "scatter", "profile", "peers", "sectors", "disparity", "table")
#: The county indicator whose source is the sectors tab's (the county table's sample employment).
COUNTY_SECTOR_SOURCE = "lq_census_manuf"


def registry() -> dict:
    from indicators.registry import COUNTY_REGISTRY

    return COUNTY_REGISTRY


#: Every county-level census unit by adcode, "prefecture · province" as its ``province_zh/en``.
units = county_display.census_units


def clean_selection(selection) -> tuple[list[str], list[str]]:
    """``(drawn county codes, ignored codes)`` of a selection (the side panel's and the map's units)."""
    drawn = county_display.drawn_units().index
    valid, ignored = [], []
    codes = selection if isinstance(selection, list | tuple) else []  # a hostile payload: no selection
    for code in dict.fromkeys(c for c in codes if isinstance(c, str)):
        (valid if code in drawn else ignored).append(code)
    return valid, ignored


def selectable(code) -> bool:
    """Whether a chart click on ``code`` may select it (a drawn county)."""
    return isinstance(code, str) and code in county_display.drawn_units().index


def indicator_year(key, year):
    """The county indicator (the default when unknown) and the year (its latest when not one of its years)."""
    ind = county_display.county_indicator(key)
    return ind, (year if isinstance(year, int) and ind.has_year(year) else ind.latest_year)


def values(key: str, year: int) -> pd.Series:
    """Values by unit code of a county indicator or an uploaded county dataset (``ds_<id>``)."""
    return county_display.county_series(key, year)[0]


def flags(key: str, year: int, lang: str) -> pd.Series:
    """Each unit's note: the indicator's flag, and "not drawn on the map" for units without a polygon."""
    notes = county_display.county_series(key, year)[1].reindex(units().index).fillna("").astype(str)
    not_drawn = ~units()["drawable"]
    word = t("county_not_on_map", lang)
    notes[not_drawn & notes.eq("")] = word  # a functional zone's flag already says it is not drawn
    return notes


# ----------------------------------------------------------------------------------------- tabs


def ranking_province(view) -> str | None:
    """The province a county ranking is limited to: ``view`` (the URL's) when it is the code of a province
    with county units -- a drilled-down map such as ``500000`` -- else ``None``: the whole country (a map
    view ``lat,lng,zoom``, an unknown code or any other payload included)."""
    from indicators.regions import province_of

    if not isinstance(view, str) or view not in set(units()["province_adcode"]):
        return None
    try:
        return view if province_of(view) == view else None
    except ValueError:  # a census prefix that is no province (e.g. a scenic area's 17xxxx)
        return None


def ranking_table(key: str, year: int, province: str | None = None) -> pd.DataFrame:
    """:func:`indicators.compare.ranking_table` of every county unit; with ``province`` only that province's
    units, ``rank`` their rank within it (1..the province's units with a value), the percentile national."""
    table = compare.ranking_table(values(key, year), units()["province_adcode"])
    if province is None:
        return table
    table = table[table["adcode"].map(units()["province_adcode"]).eq(province).to_numpy()]
    return table.assign(rank=table["prov_rank"]).reset_index(drop=True)


def ranking_rows(sel, key, year, lang, province: str | None = None):
    """The ranking grid's rows: every county unit, or only ``province``'s (:func:`ranking_table`)."""
    ind, year = indicator_year(key, year)
    table = ranking_table(ind.key, year, province)
    return ranking_chart.ranking_rows(table, units(), flags(ind.key, year, lang), sel, meta(ind, year, lang), lang)


def ranking_scope(rows: list[dict], province: str | None, lang: str) -> str:
    """The line that says a ranking is a province's ("" for the whole country), its units with a rank counted."""
    from indicators.regions import province_label

    if province is None:
        return ""
    n = sum(r["rank"] is not None for r in rows)
    return t("county_ranking_scope", lang).format(province=province_label(province, lang), n=n)


def ranking_content(sel, key, year, lang, notes, province: str | None = None):
    ind, year = indicator_year(key, year)
    rows = ranking_rows(sel, ind.key, year, lang, province)
    scope = ranking_scope(rows, province, lang)
    return ranking_chart.ranking_tab(rows, sel, meta(ind, year, lang), lang, notes, scope=scope)


def scatter_y(x_key: str) -> str:
    return COUNTY_SCATTER_Y[1] if x_key == COUNTY_SCATTER_Y[0] else COUNTY_SCATTER_Y[0]


def scatter_content(sel, key, year, lang, notes):
    ind, _year = indicator_year(key, year)
    return scatter_chart.scatter_tab(ind.key, scatter_y(ind.key), list(registry().values()), lang, notes)


def scatter_figure(sel, x_key, year, y_key, log_axes, lang):
    """Every drawn county as a dot: the map's indicator against the second one (its nearest year)."""
    x_ind, year = indicator_year(x_key, year)
    y_ind = registry().get(y_key) or registry()[scatter_y(x_ind.key)]
    y_year = compare.closest_year(y_ind.years, year)
    drawn = county_display.drawn_units().index
    return scatter_chart.scatter_figure(
        values(x_ind.key, year).reindex(drawn),
        values(y_ind.key, y_year).reindex(drawn),
        sel,
        units(),
        meta(x_ind, year, lang),
        meta(y_ind, y_year, lang),
        lang,
        log_x="x" in (log_axes or []),
        log_y="y" in (log_axes or []),
    )


@lru_cache(maxsize=1)
def long_store() -> pd.DataFrame:
    """Every county indicator's latest year as one long table ``adcode, year, indicator, value`` (drawn counties).

    Only the latest census: computing the 2010 values too doubles the first profile's wait (~87 recipes)
    for the few counties without a 2020 figure.
    """
    drawn = county_display.drawn_units().index
    parts = []
    for key, ind in registry().items():
        v = values(key, ind.latest_year).reindex(drawn)
        parts.append(
            pd.DataFrame({"adcode": v.index, "year": ind.latest_year, "indicator": key, "value": v.to_numpy()})
        )
    return pd.concat(parts, ignore_index=True)


def profile_content(sel, key, year, lang, notes):
    if not sel:
        return html_hint(t("profile_hint", lang), notes)
    code = sel[0]
    drawn = list(county_display.drawn_units().index)
    profile = compare.unit_profile(long_store(), code, drawn, units()["province_adcode"], list(registry()))
    u = units().loc[code]
    record = {"adcode": code, **{k: u[k] for k in ("name_zh", "name_en", "province_zh", "province_en")}}
    return profile_tab(record, profile, registry(), lang, len(sel) - 1, notes)


def peers_content(sel, key, year, lang, notes):
    if not sel:
        return html_hint(t("peers_hint", lang), notes)
    name = unit_names([sel[0]], units(), lang)[sel[0]]
    return peers_tab(name, list(registry().values()), lang, len(sel) - 1, notes, defaults=COUNTY_PEER_INDICATORS)


def peers_result(keys, n, sel, lang):
    """``(results, peer codes, select button disabled)`` of the county peer search (drawn counties)."""
    from layouts.charts.common import notices

    if not sel:
        return None, [], True
    keys = [k for k in (keys or []) if k in registry()]
    if not keys:
        return notices([t("peer_none", lang)]), [], True
    target = sel[0]
    n = n if n in PEER_COUNTS else PEER_COUNTS[0]
    used = {k: meta(registry()[k], compare.peer_year(registry()[k].years), lang) for k in keys}
    drawn = county_display.drawn_units().index
    frame = pd.DataFrame({k: values(k, m.year).reindex(drawn) for k, m in used.items()})
    lacking = [used[k].label for k in keys if compare.is_missing(frame.at[target, k])]
    if lacking:
        name = unit_names([target], units(), lang)[target]
        return notices([t("peer_target_missing", lang).format(name=name, labels=", ".join(lacking))]), [], True
    try:
        result = compare.peer_distances(frame, target, n)
    except ValueError as exc:
        return notices([t("chart_error", lang).format(reason=exc)]), [], True
    return peers_table(target, result, units(), used, lang), [target, *result.table.index], False


def table_content(sel, key, year, lang, notes, cols=None):
    """The comparison table of the selected drawn counties (:data:`state.county_table.COUNTY`) at the
    map indicator's year (its latest when the year is not one of its years)."""
    _ind, year = indicator_year(key, year)
    return table_view.table_content(
        sel, None, year, lang, notes, cols, county_table.COUNTY, county_table.reference_notes
    )


def table_update(selection, cols, key, year, lang):
    """``(grid, download links)`` of the county table after a change of the columns."""
    sel, _ignored = clean_selection(selection)
    _ind, year = indicator_year(key, year)
    return table_view.table_update(sel, cols, year, lang, county_table.COUNTY, county_table.reference_notes)


def sectors_content(sel, key, year, lang, notes):
    """The sectors tab of the first selected county (:func:`indicators.county.sectors.county_sector_quadrant`):
    LQ 2020 against relative growth 2010→2020; LQ only, with the reason, for a county not comparable."""
    from indicators.county.sectors import county_growth_note, county_sector_quadrant
    from indicators.display import source_label
    from layouts.charts.sectors import sectors_tab

    if not sel:
        return html_hint(t("sectors_hint", lang), notes)
    code = sel[0]
    u = county_display.drawn_units().loc[code]
    name, prefecture = (u["name_zh"], u["prefecture_name_zh"]) if lang == "zh" else (u["name_en"], u["prefecture_en"])
    name = name if not prefecture or prefecture == name else f"{name} · {prefecture}"
    source = source_label(registry()[COUNTY_SECTOR_SOURCE], lang)
    try:
        quadrant = county_sector_quadrant(code)
    except ValueError as exc:
        why = t("county_sectors_no_data", lang).format(name=name, reason=exc)
        return sectors_tab(None, name, source, code, lang, len(sel) - 1, notes, why=why)
    growth_note = county_growth_note(code)
    why = t("county_sectors_no_growth", lang).format(name=name, reason=growth_note) if growth_note else ""
    return sectors_tab(quadrant, name, source, code, lang, len(sel) - 1, notes, why=why)


def replaced_notice(key, year, ind, used_year: int, lang: str) -> str:
    """The visible notice when the tab shows another indicator or year than the one asked for (``''`` if none).

    >>> from indicators.registry import COUNTY_REGISTRY
    >>> ind = COUNTY_REGISTRY["urbanisation_rate"]
    >>> replaced_notice("urbanisation_rate", 2015, ind, 2020, "en")
    'Urbanisation rate has no county figures for 2015: showing 2020.'
    >>> replaced_notice("urbanisation_rate", 2020, ind, 2020, "en")
    ''
    """
    label = ind.label_zh if lang == "zh" else ind.label_en
    if isinstance(key, str) and key and key != ind.key:
        return t("county_key_replaced", lang).format(asked=key, label=label)
    if year is not None and year != used_year:
        return t("county_year_replaced", lang).format(label=label, asked=year, year=used_year)
    return ""


def disparity_content(sel, key, year, lang, notes):
    """The disparity tab of the map's county indicator and year: the three-level Theil, Gini and Moran's I
    (:func:`indicators.county.disparity.county_disparity_report`, the numbers of ``/api/disparity?level=county``)
    and, when the indicator has an earlier census, the change on the counties usable in both years."""
    from dash import html

    from indicators.county.contiguity import neighbours_built
    from indicators.county.disparity import county_disparity_change, county_disparity_report
    from indicators.disparity_measures import MORAN_PERMUTATIONS
    from indicators.disparity_report import change_base_year
    from layouts.charts import county_disparity as panel
    from layouts.charts.common import notices

    ind, used = indicator_year(key, year)
    with_moran = neighbours_built()  # as /api/disparity: Moran's I only once the county contiguity is cached
    report = county_disparity_report(ind.key, used, with_moran=with_moran)
    parts = [*notices([*notes, replaced_notice(key, year, ind, used, lang)])]
    parts.append(panel.county_disparity_panel(report, meta(ind, used, lang), lang, MORAN_PERMUTATIONS))
    base = change_base_year(ind.years, used)
    if base is not None:
        change = county_disparity_change(ind.key, base, used, with_moran=with_moran)
        parts.append(panel.county_change_panel(change, lang))
    return html.Div(parts, className="chart-tab-content tab-disparity")


def unavailable(tab: str, lang: str):
    """One line on why ``tab`` has no county version (trend)."""
    from dash import html

    reason = t(f"county_tab_{tab}_why", lang) if tab == "trend" else ""
    return html.Div(
        [
            html.P(reason, className="hint county-tab-why"),
            html.P(t("county_tab_prefecture_only", lang), className="hint"),
        ],
        className="chart-tab-content",
    )


BUILDERS = {  # the ranking: tab_content (it needs the view)
    "scatter": scatter_content,
    "profile": profile_content,
    "peers": peers_content,
    "sectors": sectors_content,
    "disparity": disparity_content,
    "table": table_content,
}


def tab_content(tab, selection, key, year, lang, cols=None, view=None):
    """The children of the chart area for a county-level state; ``cols``: the table's columns (the URL's);
    ``view``: the URL's map view (a drilled-down province ranks its own units, :func:`ranking_province`)."""
    from layouts.charts.common import ignored_notice

    sel, ignored = clean_selection(selection)
    notes = [ignored_notice(ignored, lang)]
    if tab in (None, "compare"):
        return county_display.compare_tab(sel, key, year, lang)
    if tab == "table":
        return table_content(sel, key, year, lang, notes, cols)
    if tab == "ranking":
        return ranking_content(sel, key, year, lang, notes, ranking_province(view))
    build = BUILDERS.get(tab)
    return build(sel, key, year, lang, notes) if build else unavailable(tab, lang)
