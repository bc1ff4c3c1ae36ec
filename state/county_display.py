"""What the page shows at county level (``level=county``): the map's hideout, legend and caption, the
side panel, the note on the residents the map cannot draw, and the drill-down links.

One colour scale for the whole country: the classes are computed on the national distribution of
the drawn counties, so a drill-down into one province colours each county with the class it has on
the whole-country county map (a colour means the same number everywhere). Functional zones and
the other census units without a polygon are excluded from the map and the classes, never smeared
onto a host county; the map says how many residents they hold (:func:`not_drawn_note`).

Data through :mod:`indicators.county` and :mod:`geodata.county_layer`, components through
:mod:`layouts`.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from indicators import classify as cls
from indicators.display import class_colors, default_palette, label, source_label, unit_label
from indicators.registry import REGISTRY
from layouts import caption as caption_layout
from layouts import map as map_layout
from layouts.i18n import t
from state import map_parts
from state.model import DEFAULT_INDICATOR, MAX_SELECTION

#: Province-level units one click away at county level (the pilots of issue 13).
PILOT_PROVINCES = {"ningxia": "640000", "chongqing": "500000"}


def county_indicator(key: str):
    """The county registry entry of ``key`` or the uploaded county dataset ``ds_<id>``, else the default
    indicator's (never raises for a URL key)."""
    from indicators.county import county_indicator as lookup

    uploaded = county_dataset(key)
    if uploaded is not None:
        return uploaded
    try:
        return lookup(key)
    except ValueError:
        return lookup(DEFAULT_INDICATOR)


def county_dataset(key):
    """The indicator of the uploaded county dataset ``ds_<id>``; ``None`` for any other key (a registry key,
    an unknown id, a prefecture dataset)."""
    if not (isinstance(key, str) and key.startswith("ds_")):
        return None
    from userdata.cache import dataset

    loaded = dataset(key[3:])
    return loaded[0] if loaded is not None and "county" in loaded[0].levels else None


def county_series(key: str, year: int) -> tuple[pd.Series, pd.Series]:
    """``(values, flags)`` by unit code of a county indicator or an uploaded county dataset (its first column;
    no flags). Units without a value are ``NaN``, never filled."""
    if isinstance(key, str) and key.startswith("ds_"):
        from userdata.cache import dataset
        from userdata.indicator import first_series

        loaded = dataset(key[3:])
        values = first_series(loaded, year) if loaded is not None else pd.Series(dtype=float)
        return values.astype(float), pd.Series("", index=values.index, dtype=object)
    from indicators.county import county_flags, county_values

    values = county_values(key, year)
    try:
        flags = county_flags(key, year)
    except (ValueError, KeyError):
        flags = pd.Series(dtype=object)
    return values, flags


@lru_cache(maxsize=1)
def drawn_units() -> pd.DataFrame:
    """The census units that have a polygon, indexed by adcode (names, prefecture, province, kind).

    Reads only the census side (:func:`indicators.county.county_units`, its ``drawable`` flag) and the
    prefecture layer's names, never the county geometry: a worker serving prefecture pages stays small.
    """
    from geodata import layer
    from indicators.county import county_units

    units = county_units()
    units = units[units["drawable"]].drop_duplicates("adcode").set_index("adcode")
    prefectures = layer.units().set_index("adcode")
    units["prefecture_en"] = prefectures["name_en"].reindex(units["prefecture_adcode"]).to_numpy()
    units["province_en"] = prefectures["province_en"].reindex(units["prefecture_adcode"]).to_numpy()
    return units


@lru_cache(maxsize=1)
def census_units() -> pd.DataFrame:
    """Every county-level census unit by adcode: names, ``province_zh/en`` = "prefecture · province",
    ``province_adcode``, ``prefecture_adcode`` and ``drawable``."""
    from geodata import layer
    from indicators.county import county_units

    u = county_units().drop_duplicates("adcode").set_index("adcode")
    prefectures = layer.units().set_index("adcode")
    pref_en = prefectures["name_en"].reindex(u["prefecture_adcode"]).fillna("").to_numpy()
    prov_en = prefectures["province_en"].reindex(u["prefecture_adcode"]).fillna("").to_numpy()

    def joined(prefecture, province):
        return [p if p == q or not q else f"{p} · {q}" for p, q in zip(prefecture, province, strict=True)]

    out = pd.DataFrame(index=u.index)
    out["name_zh"], out["name_en"] = u["name_zh"], u["name_en"]
    out["province_zh"] = joined(u["prefecture_name_zh"], u["province_zh"])
    out["province_en"] = joined(pref_en, prov_en)
    out["province_adcode"], out["prefecture_adcode"] = u["province_adcode"], u["prefecture_adcode"]
    out["drawable"] = u["drawable"].astype(bool)
    return out


@lru_cache(maxsize=256)
def _classified(key: str, year: int, scheme: str, k: int, breaks: tuple[float, ...] = ()):
    """Values of the drawn counties and their classes on the national county distribution."""
    ind = county_indicator(key)
    values, flags = county_series(ind.key, year)
    values = values.reindex(drawn_units().index).astype(float)
    if scheme == "user_defined":
        classes = cls.classify(values, scheme, len(breaks) + 1, breaks=breaks)
    else:
        classes = cls.classify(values, scheme, k, diverging=ind.diverging)
    return values, classes, flags


def county_choropleth(
    key: str,
    year: int,
    scheme: str,
    k: int,
    palette: str | None,
    selected: list[str],
    lang: str,
    breaks: tuple[float, ...] = (),
    mode: str | None = None,
):
    """``(hideout, legend rows, caption)`` of the county map; the hideout carries ``level: "county"``.

    ``mode="lisa"``: the LISA clusters on the county contiguity graph (:func:`county_lisa`);
    ``mode="change"``: the change between the two censuses where the territory did not change
    (:func:`county_change`; an indicator of one census year draws its values); any other mode, and any mode
    of an uploaded dataset, draws the values. The hideout and legend are assembled by the prefecture map's
    own helpers (:func:`state.map_parts.unit_hideout`, :func:`state.map_parts.values_legend`).
    """
    ind = county_indicator(key)
    year = year if ind.has_year(year) else ind.latest_year
    uploaded = county_dataset(ind.key) is not None
    # no county LISA or change map of an upload (the contiguity tests and the census years read the registry)
    mode = None if uploaded else mode
    change = None
    if mode == "change" and len(ind.years) >= 2:
        base, to = map_parts.change_years(ind, year)
        values, flags = county_change(ind.key, base, to)
        change = map_parts.change_map(ind, base, to, values, flags, selected, lang)
    if change is not None:
        parts, year = change, change["year"]
    elif mode == "lisa":
        parts = county_lisa(ind.key, year, selected, lang)
    else:
        values, classes, flags = _classified(ind.key, year, scheme, k, tuple(breaks))
        colors = class_colors(classes, palette or default_palette(ind))
        class_map = {a: int(c) for a, c in classes.classes.items() if not pd.isna(c)}
        hide = map_parts.unit_hideout(ind, year, values, flags, class_map, colors, selected, lang, label(ind, lang))
        parts = {"hideout": hide, "legend": map_parts.values_legend(ind, year, classes, colors, lang)}
    hide = {**parts["hideout"], "level": "county"}
    legend_rows = map_parts.legend_rows(parts["legend"], lang)
    if mode == "lisa":
        from indicators.disparity_measures import LISA_ALPHA, MORAN_PERMUTATIONS

        note = t("county_lisa_note", lang, permutations=MORAN_PERMUTATIONS, alpha=LISA_ALPHA)
    elif change is not None:
        note = t("county_change_note", lang)
    elif uploaded:
        note = t("county_upload_note", lang, label=label(ind, lang), unit=unit_label(ind, lang) or "—")
    else:
        note = t("county_scale_note", lang)
    legend_rows.append(map_layout.legend_note(note))
    if change is not None:
        return hide, legend_rows, map_parts.change_caption(change, lang)
    return hide, legend_rows, caption_layout.caption(ind, year, lang)


@lru_cache(maxsize=64)
def county_change(key: str, base: int, year: int) -> tuple[pd.Series, pd.Series]:
    """``(value(year) − value(base), notes)`` of the drawn counties: a change only where the unit's territory
    is the same in both censuses (the crosswalk's rule, as for the population change indicator); the
    others are missing, their note says why."""
    from indicators.county import county_values
    from indicators.county.units import county_frame
    from indicators.county.values import change_notes

    comparable, notes = change_notes(county_frame(base), county_frame(year))
    now, then = county_values(key, year), county_values(key, base)
    change = (now - then.reindex(now.index)).where(now.index.isin(comparable))
    drawn = drawn_units().index
    return change.reindex(drawn).astype(float), notes.reindex(drawn).fillna("")


def county_lisa(key: str, year: int, selected: list[str], lang: str) -> dict:
    """The county LISA cluster map as data (``hideout``, ``legend``): clusters on the Queen contiguity of the
    drawn counties (:func:`indicators.county.disparity.county_lisa_labels`, as ``/api/lisa?level=county``)."""
    from indicators.county.disparity import county_lisa_labels

    ind = county_indicator(key)
    values, _classes, flags = _classified(ind.key, year, "quantiles", 5)
    labels = county_lisa_labels(ind.key, year)
    return map_parts.lisa_map(ind, year, labels, values, flags, selected, lang)


def not_drawn_note(year: int, lang: str) -> str:
    """How many census units and residents of ``year`` the map cannot draw, in words.

    Reads :func:`indicators.county.not_drawn_summary` (functional zones and units without a polygon).
    """
    from indicators.county import not_drawn_summary

    try:
        s = not_drawn_summary(year)
    except (ValueError, KeyError):
        return ""
    residents = float(s.get("residents") or 0)
    if not s.get("units"):
        return ""
    amount = f"{residents / 1e4:,.0f} 万" if lang == "zh" else f"{residents / 1e6:,.1f} million"
    zones = s.get("by_kind", {}).get("functional_zone", {}).get("units", 0)
    return t("county_not_drawn", lang, units=s["units"], residents=amount, year=year, zones=zones)


def census_year(key: str, year: int) -> int:
    """The census year the not-drawn note refers to (the indicator's year, or its latest)."""
    ind = county_indicator(key)
    return year if ind.has_year(year) else ind.latest_year


def side_panel(selection: list[str], key: str, year: int, lang: str):
    """Side panel cards of the selected counties: name, prefecture and province, value, rank."""
    from layouts import panel

    ind = county_indicator(key)
    year = year if ind.has_year(year) else ind.latest_year
    selection = [c for c in (selection if isinstance(selection, list) else []) if isinstance(c, str)][:MAX_SELECTION]
    values, _classes, flags = _classified(ind.key, year, "quantiles", 5)
    ranks = values.rank(ascending=False, method="min")
    units = drawn_units()
    rows = []
    for code in selection:
        if code not in units.index:
            continue
        u = units.loc[code]
        v = values.get(code)
        missing = v is None or pd.isna(v)
        rows.append(
            {
                "adcode": code,
                "name_zh": u["name_zh"],
                "name_en": u["name_en"],
                "province_zh": f"{u['prefecture_name_zh']} · {u['province_zh']}",
                "province_en": f"{u['prefecture_en']} · {u['province_en']}",
                "unit_type": f"county_{u['unit_kind']}",
                "value": None if missing else float(v),
                "decimals": ind.decimals,
                "unit": unit_label(ind, lang),
                "year": year,
                "rank": None if missing else int(ranks[code]),
                "n_ranked": int(values.notna().sum()),
                "flag": flags.get(code) if isinstance(flags.get(code), str) else None,
                "covered": True,
            }
        )
    return panel.side_panel(rows, None, source_label(ind, lang), lang)


def compare_tab(selection, key: str, year, lang: str):
    """The compare tab at county level: the selected counties with their prefecture, province and nation."""
    from indicators.county import published_references
    from layouts.charts.common import meta
    from layouts.charts.county_compare import county_compare_tab

    ind = county_indicator(key)
    year = year if isinstance(year, int) and ind.has_year(year) else ind.latest_year
    values, _classes, _flags = _classified(ind.key, year, "quantiles", 5)
    units = drawn_units()
    sel = [c for c in (selection if isinstance(selection, list) else []) if isinstance(c, str) and c in units.index]
    averages = getattr(REGISTRY.get(ind.key), "aggregation", "none") == "sum"
    if averages:  # a count: a prefecture's total dwarfs a county, the references are mean county values
        refs = county_averages(values, units)
        notes = [t("county_avg_note", lang)]
    else:
        refs = published_references(ind.key, year)
        notes = [] if refs is not None else [t("county_ref_missing", lang)]
    prefecture_ref, province_ref, national = refs or (pd.Series(dtype=float), pd.Series(dtype=float), None)
    m = meta(ind, year, lang)
    return county_compare_tab(values, sel, units, prefecture_ref, province_ref, national, m, lang, notes, averages)


def county_averages(values: pd.Series, units: pd.DataFrame) -> tuple[pd.Series, pd.Series, float]:
    """Mean county value by prefecture code, by province code and over China (counties without a value left
    out): the references of a count, as :func:`indicators.compare.unit_averages` at prefecture level."""
    from indicators.compare import unit_averages

    by_prefecture, _nation = unit_averages(values, units["prefecture_adcode"])
    by_province, nation = unit_averages(values, units["province_adcode"])
    return by_prefecture, by_province, nation


def county_geometry(province: str | None = None):
    """The drawn counties' polygons (GeoDataFrame with ``adcode``, ``province_adcode``), all or one province's.

    What the box / lasso, the province picker and the map's fly-to use at county level: only counties
    that have a census unit (:func:`drawn_units`), and only the drilled-down province's when the map
    draws one province.
    """
    from geodata import county_layer

    gdf = county_layer.county_layer()
    keep = gdf["adcode"].isin(drawn_units().index) & ~gdf.geometry.is_empty  # Sansha: only in the inset
    if isinstance(province, str) and province:
        keep &= gdf["province_adcode"].astype(str) == province
    return gdf[keep].reset_index(drop=True)


@lru_cache(maxsize=1)
def search_table() -> pd.DataFrame:
    """The drawn counties as :func:`geodata.county_search.build_county_keys` reads them (names of the
    county, its prefecture and its province, zh and en), in census order."""
    units = drawn_units()
    return pd.DataFrame(
        {
            "adcode": units.index.astype(str),
            "name_zh": units["name_zh"].to_numpy(),
            "name_en": units["name_en"].to_numpy(),
            "prefecture_adcode": units["prefecture_adcode"].to_numpy(),
            "prefecture_zh": units["prefecture_name_zh"].to_numpy(),
            "prefecture_en": units["prefecture_en"].to_numpy(),
            "province_adcode": units["province_adcode"].to_numpy(),
            "province_zh": units["province_zh"].to_numpy(),
            "province_en": units["province_en"].to_numpy(),
        }
    )
