"""The values bundle: every indicator's values and default classes in one static file.

The browser fetches it once (in the background, after the map is drawn) from a fingerprinted,
immutable URL and then switches indicators and years without asking the server: a clientside
callback builds the map's ``hideout`` and legend from it. Only the classes a page opens with
(quantiles, k = 5, the indicator's palette) are precomputed here with mapclassify; other schemes,
user-defined breaks, other palettes, LISA and uploaded data still go through the server callback.

Arrays follow the order of ``units``, so no code is repeated per value.

With ``units`` (names and provinces) and ``references_of`` the bundle also carries what the compare
tab draws (``assets/compare.js`` builds the same component tree as ``callbacks.charts.compare_content``):
the units' names, their province (an index into ``provinces``), each year's province and national
references (``pref`` aligned with ``provinces``, ``nat``), and ``chart``, the figure's template,
font, colours and limits.

Examples
--------
>>> import pandas as pd
>>> from types import SimpleNamespace as NS
>>> from indicators.classify import classify, palette_colors
>>> ind = NS(key="x", years=(2020,), decimals=1, palette="Blues", diverging=False, label_en="X",
...          label_zh="X", unit_en="%", unit_zh="%", source_en="s", source_zh="s")
>>> vals = pd.Series([1.0, 2.0, None, 4.0, 5.0, 6.0], index=list("abcdef"))
>>> b = build_values_bundle(list("abcdef"), [ind], lambda k, y: vals, lambda k, y: pd.Series(dtype=object),
...                         classify, lambda c, p: palette_colors(p, max(c.k, 3)))
>>> b["indicators"]["x"]["years"]["2020"]["v"]
[1.0, 2.0, None, 4.0, 5.0, 6.0]
>>> b["indicators"]["x"]["years"]["2020"]["c"][2] is None
True
"""

from __future__ import annotations

import hashlib
import json
import math
import warnings
from collections.abc import Callable, Iterable

#: The classes a page opens with (``url_state.DEFAULT_CLASSES``): only these are precomputed.
DEFAULT_SCHEME, DEFAULT_K = "quantiles", 5


def display_number(v, decimals: int):
    """A JSON number with the digits the page shows (Python's ``f"{v:.{decimals}f}"``), ``None`` if missing.

    The browser formats it again with the same number of decimals, so the tooltip shows exactly the
    digits of the side panel and the CSV link's file, and the bundle carries no false precision.

    >>> display_number(2.675, 2), display_number(float("nan"), 1), display_number(1234.5, 0)
    (2.67, None, 1234.0)
    """
    if v is None:
        return None
    v = float(v)
    return None if math.isnan(v) else float(f"{v:.{decimals}f}")


def unit_table(adcodes: list[str], units) -> dict:
    """Names and provinces of the units, aligned with ``adcodes``; each province once.

    ``units`` is a DataFrame indexed by adcode with ``name_zh, name_en, province_adcode, province_zh,
    province_en``. ``prov[i]`` is the index of unit ``i``'s province in ``provinces``.

    >>> import pandas as pd
    >>> u = pd.DataFrame({"name_zh": ["甲", "乙", "丙"], "name_en": ["A", "B", "C"],
    ...     "province_adcode": ["P", "Q", "P"], "province_zh": ["省", "区", "省"],
    ...     "province_en": ["Prov", "Reg", "Prov"]}, index=["a", "b", "c"])
    >>> t = unit_table(["c", "a", "b"], u)
    >>> t["names"]["en"], t["prov"], t["provinces"]["a"]
    (['C', 'A', 'B'], [0, 0, 1], ['P', 'Q'])
    """
    rows = units.reindex(adcodes)
    keys = list(zip(rows["province_adcode"], rows["province_zh"], rows["province_en"], strict=True))
    index = {k: i for i, k in enumerate(dict.fromkeys(keys))}
    return {
        "names": {"zh": [str(n) for n in rows["name_zh"]], "en": [str(n) for n in rows["name_en"]]},
        "prov": [index[k] for k in keys],
        "provinces": {field: [str(k[i]) for k in index] for i, field in enumerate(("a", "zh", "en"))},
    }


def build_values_bundle(
    adcodes: list[str],
    indicators: Iterable,
    values_of: Callable,
    flags_of: Callable,
    classify: Callable,
    colors_of: Callable,
    texts: dict | None = None,
    context: dict | None = None,
    units=None,
    references_of: Callable | None = None,
    chart: dict | None = None,
) -> dict:
    """The bundle as a JSON-ready dict (see the module docstring).

    ``values_of`` / ``flags_of`` are ``(key, year) -> Series by adcode``; ``classify`` is
    :func:`indicators.classify.classify`; ``colors_of(classes, palette) -> list[str]``.
    Years without any value are left out; missing values are ``null``, never 0.
    ``units``: see :func:`unit_table`; ``references_of(key, year) -> (Series by province adcode, float)``
    gives the compare chart's references (needs ``units``); ``chart`` is passed through.
    """
    import pandas as pd

    out = {"units": list(adcodes), "scheme": f"{DEFAULT_SCHEME}-{DEFAULT_K}", "indicators": {}}
    if texts:
        out["text"] = texts  # {lang: {name: text}}: the interface words the caption and the compare tab need
    if context:
        out["context"] = context  # {lang: [lines]}: the migrant-survey line shown with family "migrant"
    if units is not None:
        out.update(unit_table(list(adcodes), units))
    if chart:
        out["chart"] = chart
    provinces = out["provinces"]["a"] if units is not None else []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # degenerate classifications warn and degrade, by design
        for ind in indicators:
            years = {}
            for year in ind.years:
                values = values_of(ind.key, year).reindex(adcodes)
                if values.notna().sum() == 0:
                    continue
                classes = classify(values, DEFAULT_SCHEME, DEFAULT_K, diverging=ind.diverging)
                flags = flags_of(ind.key, year).reindex(adcodes)
                years[str(year)] = {
                    "v": [display_number(v, ind.decimals) for v in values.tolist()],
                    "c": [None if pd.isna(c) else int(c) for c in classes.classes.tolist()],
                    "counts": list(classes.counts),
                    "missing": int(classes.n_missing),
                    "labels": classes.legend_labels(ind.decimals),
                    "colors": colors_of(classes, ind.palette),
                    "flags": {a: str(f) for a, f in flags.items() if isinstance(f, str) and f},
                }
                if references_of is not None and units is not None:
                    by_province, national = references_of(ind.key, year)
                    years[str(year)]["pref"] = [display_number(by_province.get(p), ind.decimals) for p in provinces]
                    years[str(year)]["nat"] = display_number(national, ind.decimals)
            if years:
                out["indicators"][ind.key] = {
                    "dec": ind.decimals,
                    "palette": ind.palette,
                    "label": {"en": ind.label_en, "zh": ind.label_zh},
                    "unit": {"en": ind.unit_en, "zh": ind.unit_zh},
                    # the legend's "Higher = …" words (layouts/map.py higher_line; empty for uploads)
                    "higher": {"en": getattr(ind, "higher_en", ""), "zh": getattr(ind, "higher_zh", "")},
                    "source": {"en": ind.source_en, "zh": ind.source_zh},
                    # the caption's "about this indicator" (layouts.caption.caption)
                    "desc": {"en": getattr(ind, "description_en", ""), "zh": getattr(ind, "description_zh", "")},
                    "formula": getattr(ind, "formula", ""),
                    "caveat": {"en": getattr(ind, "caveat_en", ""), "zh": getattr(ind, "caveat_zh", "")},
                    "family": getattr(ind, "family", ""),
                    # the compare tab's references are mean unit values for counts (charts.compare_content)
                    "avg": getattr(ind, "aggregation", "") == "sum",
                    "years": years,
                }
    return out


def bundle_bytes(bundle: dict) -> bytes:
    """Compact UTF-8 JSON of the bundle."""
    return json.dumps(bundle, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def fingerprint(data: bytes) -> str:
    """File name of the bundle: ``values-<first 12 hex of sha256>.json``.

    >>> fingerprint(b"{}")
    'values-44136fa355b3.json'
    """
    return f"values-{hashlib.sha256(data).hexdigest()[:12]}.json"
