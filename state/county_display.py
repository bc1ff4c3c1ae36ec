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
from indicators.bundle import display_number
from indicators.display import class_colors, default_palette, label, source_label, unit_label
from layouts import caption as caption_layout
from layouts import map as map_layout
from layouts.i18n import t
from state.model import DEFAULT_INDICATOR, MAX_SELECTION

#: Province-level units one click away at county level (the pilots of issue 13).
PILOT_PROVINCES = {"ningxia": "640000", "chongqing": "500000"}


def county_indicator(key: str):
    """The county registry entry of ``key``, else the default indicator's (never raises for a URL key)."""
    from indicators.county import county_indicator as lookup

    try:
        return lookup(key)
    except ValueError:
        return lookup(DEFAULT_INDICATOR)


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


@lru_cache(maxsize=256)
def _classified(key: str, year: int, scheme: str, k: int, breaks: tuple[float, ...] = ()):
    """Values of the drawn counties and their classes on the national county distribution."""
    from indicators.county import county_flags, county_values

    ind = county_indicator(key)
    values = county_values(ind.key, year).reindex(drawn_units().index).astype(float)
    if scheme == "user_defined":
        classes = cls.classify(values, scheme, len(breaks) + 1, breaks=breaks)
    else:
        classes = cls.classify(values, scheme, k, diverging=ind.diverging)
    try:
        flags = county_flags(ind.key, year)
    except (ValueError, KeyError):
        flags = pd.Series(dtype=object)
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
):
    """``(hideout, legend rows, caption)`` of the county map; the hideout carries ``level: "county"``."""
    ind = county_indicator(key)
    year = year if ind.has_year(year) else ind.latest_year
    values, classes, flags = _classified(ind.key, year, scheme, k, tuple(breaks))
    colors = class_colors(classes, palette or default_palette(ind))
    class_map = {a: int(c) for a, c in classes.classes.items() if not pd.isna(c)}
    meta = {
        "label": label(ind, lang),
        "unit": unit_label(ind, lang),
        "year": year,
        "source": source_label(ind, lang),
        "dec": ind.decimals,
        "lang": lang,
        "nodataText": t("no_data", lang),
        "flagText": t("flagged", lang),
        "level": "county",
    }
    value_map = {a: display_number(v, ind.decimals) for a, v in values.items()}
    flag_map = {a: str(f) for a, f in flags.items() if isinstance(f, str) and f}
    hide = map_layout.hideout(value_map, class_map, colors, cls.NO_DATA_COLOR, selected, meta, flag_map)
    title = map_layout.fill("legend_title", label=label(ind, lang), year=year, unit=unit_label(ind, lang))
    higher = map_layout.higher_line(getattr(ind, f"higher_{lang}", ""), lang)
    legend_rows = map_layout.legend(
        classes.labels(ind.decimals), colors, list(classes.counts), classes.n_missing, cls.NO_DATA_COLOR, title, lang, higher
    )
    legend_rows.append(map_layout.legend_note(t("county_scale_note", lang)))
    return hide, legend_rows, caption_layout.caption(ind, year, lang)


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
    from indicators import store
    from indicators.registry import REGISTRY
    from layouts.charts.common import meta
    from layouts.charts.county_compare import county_compare_tab

    ind = county_indicator(key)
    year = year if isinstance(year, int) and ind.has_year(year) else ind.latest_year
    values, _classes, _flags = _classified(ind.key, year, "quantiles", 5)
    units = drawn_units()
    sel = [c for c in (selection if isinstance(selection, list) else []) if isinstance(c, str) and c in units.index]
    prefecture_ref = province_ref = pd.Series(dtype=float)
    national = None
    notes = []
    pref_ind = REGISTRY.get(ind.key)
    if pref_ind is not None and pref_ind.has_year(year):
        prefecture_ref = store.indicator_values(ind.key, year)
        province_ref = store.province_values(ind.key, year)
        try:
            national = store.national_value(ind.key, year)
        except (ValueError, KeyError):
            national = None
    else:
        notes.append(t("county_ref_missing", lang))
    return county_compare_tab(values, sel, units, prefecture_ref, province_ref, national, meta(ind, year, lang), lang, notes)


def other_tab(lang: str):
    """What a tab that does not work at county level yet shows instead (a clear line, no prefecture chart)."""
    from dash import html

    return html.Div(html.P(t("county_tab_prefecture_only", lang), className="hint"), className="chart-tab-content")
