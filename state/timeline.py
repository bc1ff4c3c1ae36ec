"""Time playback's frames for the browser: an indicator's years coloured with classes fixed across the
years (:func:`indicators.timeline.pooled_classes`), as data the map's restyle reads (``assets/timeline.js``).
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from geodata import layer
from indicators.bundle import display_number
from indicators.display import class_colors, default_palette, label, source_label, unit_label
from indicators.timeline import missing_years, pooled_classes, year_ranges
from layouts import map as map_layout
from layouts.i18n import t
from state.sources import flags_for, resolve, values_for


@lru_cache(maxsize=64)
def frames(key: str, scheme: str, k: int, breaks: tuple[float, ...], palette: str | None, lang: str) -> dict:
    """Every year of ``key`` in the same classes: ``{indicator, years, missing_years, units, colors, labels,
    note, frames: {year: {v, c, counts, missing, flags, title}}}`` (``v`` and ``c`` in ``units`` order).

    Raises ``ValueError`` for an unknown key (the caller answers 404).
    """
    ind = resolve(key)
    codes = list(layer.units()["adcode"])
    years = [int(y) for y in ind.years]
    values = {y: values_for(key, y).reindex(codes) for y in years}
    pooled = pooled_classes(values, scheme, k, diverging=ind.diverging, breaks=breaks)
    colors = class_colors(pooled.classes, palette or default_palette(ind))
    gaps = missing_years(years)
    note = t("fixed_classes", lang, first=years[0], last=years[-1])
    if gaps:
        note += " · " + t("missing_years", lang, years=year_ranges(gaps))
    out = {}
    for y in years:
        c = pooled.by_year[y]
        flags = flags_for(key, y)
        out[str(y)] = {
            "v": [display_number(v, ind.decimals) for v in values[y]],
            "c": [None if pd.isna(x) else int(x) for x in c.reindex(codes)],
            "counts": list(pooled.counts[y]),
            "missing": pooled.missing[y],
            "flags": {a: str(f) for a, f in flags.items() if isinstance(f, str) and f},
            "title": map_layout.fill("legend_title", label=label(ind, lang), year=y, unit=unit_label(ind, lang)),
        }
    return {
        "indicator": key,
        "label": label(ind, lang),
        "unit": unit_label(ind, lang),
        "source": source_label(ind, lang),
        "dec": ind.decimals,
        "years": years,
        "missing_years": gaps,
        "units": codes,
        "colors": colors,
        "labels": pooled.classes.legend_labels(ind.decimals),
        "note": note,
        "frames": out,
    }
