"""The map's parts shared by both levels (prefectures and counties): the hideout the browser-side style
function reads, the legend of a value map or a LISA cluster map as data, and the legend's rows.

A leaf of :mod:`state`: :mod:`state.display` (prefectures) and :mod:`state.county_display` (counties)
both assemble their maps from these, so a legend rule (readable class labels, the no-data row, the LISA
colours) is written once.
"""

from __future__ import annotations

import pandas as pd

from indicators import classify as cls
from indicators.bundle import display_number
from indicators.display import LISA_COLORS, LISA_ORDER, label, source_label, unit_label
from layouts import map as map_layout
from layouts.i18n import t, year_text


def unit_hideout(
    ind, year: int, values, flags, class_map: dict, colors: list, selected: list[str], lang: str, title: str
):
    """The map's hideout: displayed values, classes, colours, flags and the tooltip's words under ``title``."""
    value_map = {a: display_number(v, ind.decimals) for a, v in values.items()}
    flag_map = {a: str(f) for a, f in flags.items() if isinstance(f, str) and f}
    meta = {
        "label": title,
        "unit": unit_label(ind, lang),
        "year": year,
        "source": source_label(ind, lang),
        "dec": ind.decimals,
        "lang": lang,
        "nodataText": t("no_data", lang),
        "flagText": t("flagged", lang),
    }
    return map_layout.hideout(value_map, class_map, colors, cls.NO_DATA_COLOR, selected, meta, flag_map)


def values_legend(ind, year: int, classes, colors: list, lang: str) -> dict:
    """The legend of a value map as data: ``title``, class ``labels``, ``colors``, ``counts``, ``missing``."""
    return {
        "title": map_layout.fill(
            "legend_title", label=label(ind, lang), year=year_text(year, lang), unit=unit_label(ind, lang)
        ),
        "labels": classes.legend_labels(ind.decimals),
        "colors": colors,
        "counts": list(classes.counts),
        "missing": classes.n_missing,
        "higher": map_layout.higher_line(getattr(ind, f"higher_{lang}", ""), lang),
    }


def lisa_map(ind, year: int, labels: dict[str, str], values, flags, selected: list[str], lang: str) -> dict:
    """A LISA cluster map as data from the units' cluster ``labels`` (prefectures or counties)."""
    class_map = {a: LISA_ORDER.index(lab) for a, lab in labels.items() if lab in LISA_ORDER}
    counts = [sum(1 for lab in labels.values() if lab == k) for k in LISA_ORDER]
    hide = unit_hideout(
        ind, year, values, flags, class_map, list(LISA_COLORS), selected, lang, f"{label(ind, lang)} · LISA"
    )
    legend = {
        "title": map_layout.fill(
            "legend_title", label=label(ind, lang), year=year_text(year, lang), unit=t("lisa_title", lang)
        ),
        "labels": [t(f"lisa_{k}", lang) for k in LISA_ORDER],
        "colors": list(LISA_COLORS),
        "counts": counts,
        "missing": sum(1 for lab in labels.values() if lab not in LISA_ORDER),
    }
    return {"hideout": hide, "legend": legend, "indicator": ind}


def legend_rows(legend: dict, lang: str):
    return map_layout.legend(
        legend["labels"],
        legend["colors"],
        legend["counts"],
        legend["missing"],
        cls.NO_DATA_COLOR,
        legend["title"],
        lang,
        legend.get("higher", ""),
    ) + [map_layout.legend_note(note) for note in legend_notes(legend)]


def legend_notes(legend: dict) -> list[str]:
    """The lines of a legend's ``note``: one line of text, or several (none without a note).

    >>> legend_notes({"note": "a"}), legend_notes({"note": ["a", "b"]}), legend_notes({})
    (['a'], ['a', 'b'], [])
    """
    note = legend.get("note")
    return [note] if isinstance(note, str) and note else [n for n in note or () if isinstance(n, str) and n]


#: The change map's classes: diverging around 0 (fell | rose), in this palette (red fell, blue rose).
CHANGE_SCHEME, CHANGE_K, CHANGE_PALETTE = "quantiles", 6, "RdBu"


def change_years(ind, year: int) -> tuple[int, int]:
    """``(base, year)`` of the change map: from the indicator's first year to ``year`` (to its last year
    when ``year`` is the first). Raises ``ValueError`` for an indicator with one year."""
    years = sorted(int(y) for y in ind.years)
    if len(years) < 2:
        raise ValueError(f"{ind.key} has one year only; no change to map")
    base = years[0]
    to = int(year) if int(year) in years and int(year) != base else years[-1]
    return base, to


def change_map(ind, base: int, year: int, change, flags, selected: list[str], lang: str) -> dict:
    """The map of ``change`` (``value(year) − value(base)`` by unit; missing where it cannot be compared,
    the reason in ``flags``) as data: ``hideout``, ``legend``, ``indicator``, ``base`` and ``year``."""
    from indicators.display import class_colors

    classes = cls.classify(change, CHANGE_SCHEME, CHANGE_K, diverging=True)
    colors = class_colors(classes, CHANGE_PALETTE)
    class_map = {a: int(c) for a, c in classes.classes.items() if not pd.isna(c)}
    title = t("change_title", lang, label=label(ind, lang), base=base, year=year)
    hide = unit_hideout(ind, year, change, flags, class_map, colors, selected, lang, title)
    hide["year"] = f"{base} → {year}"
    unit = t("change_unit", lang, unit=unit_label(ind, lang))
    legend = {
        "title": map_layout.fill("legend_title", label=label(ind, lang), year=f"{base} → {year}", unit=unit),
        "labels": classes.legend_labels(ind.decimals),
        "colors": colors,
        "counts": list(classes.counts),
        "missing": classes.n_missing,
        "higher": map_layout.higher_line(t("change_higher_words", lang, base=base, year=year), lang),
        # what the colours say and what is subtracted from what: with the classes, not in the caption (a caption
        # two lines longer shrank the map, and the presenter's map was fitted again on every change of mode)
        "note": [t("change_higher", lang), t("change_formula", lang, base=base, year=year)],
    }
    return {"hideout": hide, "legend": legend, "indicator": ind, "base": base, "year": year}


def change_caption(parts: dict, lang: str):
    """The caption of a change map: the indicator's caption of the later year (the change's formula and the
    colours' words are legend notes, :func:`change_map`)."""
    from layouts import caption as caption_layout

    return caption_layout.caption(parts["indicator"], parts["year"], lang)


def split_map(ind, base: int, year: int, values: dict, flags: dict, pooled, colors: list, selected, lang: str) -> dict:
    """The first year and ``year`` side by side in classes fixed across the two (``mode=split``) as data.

    ``values`` and ``flags`` hold both years (``{base: Series, year: Series}``); ``pooled`` is
    :func:`indicators.timeline.pooled_classes` of those values. The ``hideout`` is the right map's
    (``year``) with the left map's (``base``) under ``"split"`` (``assets/on_demand/split.js`` draws it); the one
    legend counts the units of each class in both years (``base | year``). Missing values stay missing
    (no data), never 0.
    """
    hides = {}
    for y in (base, year):
        class_map = {a: int(c) for a, c in pooled.by_year[y].items() if not pd.isna(c)}
        hides[y] = unit_hideout(ind, y, values[y], flags[y], class_map, colors, selected, lang, label(ind, lang))
    hide = {**hides[year], "split": hides[base]}
    both = t("compare_years", lang, base=base, year=year)
    legend = {
        "title": map_layout.fill("legend_title", label=label(ind, lang), year=both, unit=unit_label(ind, lang)),
        "labels": pooled.classes.legend_labels(ind.decimals),
        "colors": colors,
        "counts": [f"{a} | {b}" for a, b in zip(pooled.counts[base], pooled.counts[year], strict=True)],
        "missing": f"{pooled.missing[base]} | {pooled.missing[year]}",
        "higher": map_layout.higher_line(getattr(ind, f"higher_{lang}", ""), lang),
        "note": t("split_note", lang, base=base, year=year),
    }
    return {"hideout": hide, "legend": legend, "indicator": ind, "base": base, "year": year}


def split_caption(parts: dict, lang: str):
    """The caption of the two maps side by side: which year is where, then the indicator's caption
    (unit and source) under the title of both years."""
    from dash import html

    from layouts import caption as caption_layout

    base, year = parts["base"], parts["year"]
    both = t("compare_years", lang, base=base, year=year)
    line = html.Div(t("split_caption", lang, base=base, year=year), className="split-caption")
    return [line, *caption_layout.caption(parts["indicator"], both, lang)]
