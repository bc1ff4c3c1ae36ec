"""How an indicator is shown, as data: its labels in a language, its default palette, the colours of its
classes, the LISA cluster order and colours. Pure (no Dash, Plotly or layouts); the map, the caption
and the values bundle read these.
"""

from __future__ import annotations

from indicators.classify import PALETTES, palette_colors


def label(ind, lang: str) -> str:
    return ind.label_zh if lang == "zh" else ind.label_en


def unit_label(ind, lang: str) -> str:
    return ind.unit_zh if lang == "zh" else ind.unit_en


def source_label(ind, lang: str) -> str:
    return ind.source_zh if lang == "zh" else ind.source_en


def default_palette(ind) -> str:
    return ind.palette


def class_colors(classes, palette: str) -> list[str]:
    """The colours of ``classes`` in ``palette``: the palette's ``k`` colours from 3 classes on (viridis past
    9 classes of a sequential palette), its middle colour for one class, its ends for two.

    >>> from indicators.classify import classify
    >>> import pandas as pd
    >>> class_colors(classify(pd.Series([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]), "quantiles", 3), "YlGnBu") == palette_colors("YlGnBu", 3)
    True
    """
    if classes.k >= 3:
        if classes.k > 9 and PALETTES[palette][0] != "diverging":
            palette = "viridis"
        return palette_colors(palette, classes.k)
    three = palette_colors(palette, 3)
    return [three[1]] if classes.k == 1 else [three[0], three[2]][: classes.k]


LISA_ORDER = ("high-high", "low-low", "high-low", "low-high", "not significant", "no neighbours")
# ColorBrewer-like categorical colours, as GeoDa draws LISA maps
LISA_COLORS = ("#d7191c", "#2c7bb6", "#fdae61", "#abd9e9", "#f0f0f0", "#bdbdbd")
