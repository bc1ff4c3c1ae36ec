"""What the page shows for one state: the map's hideout, legend and caption (values or LISA clusters), the
side panel of the selected units and the migrant survey's national figures.

Data through :mod:`state.sources` and :mod:`indicators`, components through :mod:`layouts`. Used by the
page layout (first render, so the map is coloured before any callback runs) and by the map and
selection callbacks.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from geodata import layer
from indicators import classify as cls
from indicators import store
from indicators.display import class_colors, default_palette, label, source_label, unit_label
from indicators.registry import get_indicator
from layouts import caption as caption_layout
from layouts import map as map_layout
from layouts.i18n import t, year_text
from state.map_parts import (  # noqa: F401 - change_caption and change_years: the display API
    change_caption,
    change_map,
    change_years,
    legend_rows,
    lisa_map,
    split_caption,
    split_map,
    unit_hideout,
    values_legend,
)
from state.model import DEFAULT_INDICATOR, MAX_SELECTION
from state.sources import flags_for, resolve, values_for


@lru_cache(maxsize=512)
def _classified(key: str, year: int, scheme: str, k: int, palette: str, breaks: tuple[float, ...] = ()):
    ind = resolve(key)
    values = values_for(key, year).reindex(layer.units()["adcode"])
    if scheme == "user_defined":
        classes = cls.classify(values, scheme, len(breaks) + 1, breaks=breaks)
    else:
        classes = cls.classify(values, scheme, k, diverging=ind.diverging)
    flags = flags_for(key, year)
    return values, classes, flags


def choropleth_parts(
    key: str,
    year: int,
    scheme: str,
    k: int,
    palette: str | None,
    selected: list[str],
    lang: str,
    breaks: tuple[float, ...] = (),
) -> dict:
    """The map of one state as data: ``{"hideout", "legend", "indicator"}``.

    ``legend`` holds the legend's ``title``, class ``labels``, ``colors``, ``counts`` and ``missing``
    (the no-data count); the page's legend rows (:func:`choropleth`) and the link preview's picture
    (:mod:`web.preview`) are both drawn from it.
    """
    ind = resolve(key)
    palette = palette or default_palette(ind)
    values, classes, flags = _classified(key, year, scheme, k, palette, tuple(breaks))
    colors = class_colors(classes, palette)
    class_map = {a: int(c) for a, c in classes.classes.items() if not pd.isna(c)}
    hide = unit_hideout(ind, year, values, flags, class_map, colors, selected, lang, label(ind, lang))
    return {"hideout": hide, "legend": values_legend(ind, year, classes, colors, lang), "indicator": ind}


def lisa_parts(key: str, year: int, selected: list[str], lang: str) -> dict:
    """The LISA cluster map of an indicator as data, like :func:`choropleth_parts`."""
    from indicators import disparity_report

    ind = get_indicator(key)
    labels = disparity_report.lisa_labels(key, year)
    values, _c, flags = _classified(key, year, "quantiles", 5, ind.palette, ())
    return lisa_map(ind, year, labels, values, flags, selected, lang)


@lru_cache(maxsize=128)
def change_values(key: str, base: int, year: int) -> pd.Series:
    """``value(year) − value(base)`` by map unit; missing where either year is."""
    codes = layer.units()["adcode"]
    return values_for(key, year).reindex(codes) - values_for(key, base).reindex(codes)


def change_parts(key: str, year: int, selected: list[str], lang: str) -> dict:
    """The map of the change from the indicator's first year to ``year`` as data, like
    :func:`choropleth_parts`, with ``base`` and ``year`` (the years compared)."""
    ind = resolve(key)
    base, to = change_years(ind, year)
    return change_map(ind, base, to, change_values(ind.key, base, to), pd.Series(dtype=object), selected, lang)


@lru_cache(maxsize=128)
def _pooled(key: str, base: int, year: int, scheme: str, k: int, breaks: tuple[float, ...]):
    """Both years' values (in map order) and their classes fixed across the two years (the time playback's
    rule, :func:`indicators.timeline.pooled_classes`)."""
    from indicators.timeline import pooled_classes

    ind = resolve(key)
    codes = layer.units()["adcode"]
    values = {y: values_for(key, y).reindex(codes) for y in (base, year)}
    return values, pooled_classes(values, scheme, k, diverging=ind.diverging, breaks=breaks)


def split_parts(key, year, scheme, k, palette, selected, lang, breaks=()) -> dict:
    """The first year and ``year`` side by side (``mode=split``) as data, like :func:`choropleth_parts`:
    the change map's two years (:func:`change_years`), one classification of both years' values.
    Raises ``ValueError`` for an indicator of one year."""
    ind = resolve(key)
    base, to = change_years(ind, year)
    values, pooled = _pooled(ind.key, base, to, scheme, k, tuple(breaks))
    colors = class_colors(pooled.classes, palette or default_palette(ind))
    flags = {y: flags_for(ind.key, y) for y in (base, to)}
    return split_map(ind, base, to, values, flags, pooled, colors, selected, lang)


def mode_choropleth(mode, key, year, scheme, k, palette, selected, lang, breaks=()):
    """``(hideout, legend rows, caption)`` of the map ``mode`` asks for: LISA clusters, the change since
    the first year, the first year and ``year`` side by side, or the values; a mode the indicator cannot
    have falls back to the values."""
    if mode == "lisa":
        try:
            return lisa_choropleth(key, year, selected, lang)
        except Exception:  # noqa: BLE001 - e.g. a signed or sparse indicator: fall back to values
            pass
    if mode == "change":
        try:
            parts = change_parts(key, year, selected, lang)
            return parts["hideout"], legend_rows(parts["legend"], lang), change_caption(parts, lang)
        except (ValueError, KeyError):  # one year only: the values
            pass
    if mode == "split":
        try:
            parts = split_parts(key, year, scheme, k, palette, selected, lang, breaks)
            return parts["hideout"], legend_rows(parts["legend"], lang), split_caption(parts, lang)
        except (ValueError, KeyError):  # one year only: the values
            pass
    return choropleth(key, year, scheme, k, palette, selected, lang, breaks)


def choropleth(
    key: str,
    year: int,
    scheme: str,
    k: int,
    palette: str | None,
    selected: list[str],
    lang: str,
    breaks: tuple[float, ...] = (),
):
    """Everything the map needs for one state: ``(hideout, legend rows, caption)``."""
    parts = choropleth_parts(key, year, scheme, k, palette, selected, lang, breaks)
    return parts["hideout"], legend_rows(parts["legend"], lang), caption_layout.caption(parts["indicator"], year, lang)


def lisa_choropleth(key: str, year: int, selected: list[str], lang: str):
    """The LISA cluster map of an indicator: ``(hideout, legend rows, caption)``."""
    parts = lisa_parts(key, year, selected, lang)
    return parts["hideout"], legend_rows(parts["legend"], lang), caption_layout.caption(parts["indicator"], year, lang)


def side_panel(selection: list[str], key: str, year: int, lang: str):
    """Side panel rows for the selected codes under the current indicator and year."""
    from layouts import panel

    selection = [c for c in (selection if isinstance(selection, list) else []) if isinstance(c, str)][:MAX_SELECTION]
    try:
        ind = resolve(key)
    except ValueError:
        ind = get_indicator(DEFAULT_INDICATOR)
    if year not in ind.years:
        year = ind.latest_year
    values, _classes, flags = _classified(ind.key, year, "quantiles", 5, ind.palette)
    ranks = values.rank(ascending=False, method="min")
    n_ranked = int(values.notna().sum())
    units = layer.units().set_index("adcode")
    # units the source table covers (an upload covers only the rows it matched)
    source_values = values_for(ind.key, year)
    store_codes = set(source_values.dropna().index if ind.key.startswith("ds_") else source_values.index)
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
                "name_zh": u.name_zh,
                "name_en": u.name_en,
                "province_zh": u.province_zh,
                "province_en": u.province_en,
                "unit_type": u.unit_type,
                "value": None if missing else float(v),
                "decimals": ind.decimals,
                "unit": unit_label(ind, lang),
                "year": year_text(year, lang),
                "rank": None if missing else int(ranks[code]),
                "n_ranked": n_ranked,
                "flag": flags.get(code) if isinstance(flags.get(code), str) else None,
                "covered": code in store_codes,
            }
        )
    try:
        nat = float("nan") if ind.key.startswith("ds_") else store.national_value(ind.key, year)
        national = None if pd.isna(nat) else f"{map_layout.format_value(nat, ind.decimals)} {unit_label(ind, lang)}"
    except (ValueError, KeyError):
        national = None
    return panel.side_panel(rows, national, source_label(ind, lang), lang)


@lru_cache(maxsize=4)
def _migrant_survey():
    from indicators.ingest import load_table

    return load_table("migrant_workers")


def context_texts(lang: str) -> list[str]:
    """Lines of the NBS migrant-worker survey's national figures (2020 and the latest year), then the source."""
    table = _migrant_survey()
    nat = table[table["adcode"] == "000000"].sort_values("year")
    rows = []
    for year in (2020, int(nat["year"].max())):
        r = nat[nat["year"] == year]
        if r.empty or pd.isna(r["mw_total_10k"].iloc[0]):
            continue
        r = r.iloc[0]

        def fmt(v):
            if pd.isna(v):
                return t("not_published", lang)
            return f"{v:,.0f}万人" if lang == "zh" else f"{v / 100:,.1f} million"

        rows.append(
            t("migrant_context", lang).format(
                total=fmt(r["mw_total_10k"]),
                year=year,
                outgoing=fmt(r["mw_outgoing_10k"]),
                interprov=fmt(r["mw_outgoing_interprov_10k"]),
            )
        )
    source = (
        "国家统计局《农民工监测调查报告》"
        if lang == "zh"
        else "Source: NBS, Rural Migrant Worker Monitoring Survey reports"
    )
    return [*dict.fromkeys(rows), source]


def context_line(key: str, lang: str):
    """The NBS migrant-worker survey's national figures, shown whenever a migrant indicator is."""
    try:
        ind = get_indicator(key)
    except ValueError:
        return None
    if ind.family != "migrant":
        return None
    *rows, source = context_texts(lang)
    return caption_layout.context_lines(rows, source)
