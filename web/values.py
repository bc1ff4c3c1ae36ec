"""The browser's values bundle of this deployment, written once into the cache and shared by the workers,
and the compare chart's numbers at the digits the page shows (the server's compare tab and the bundle
use the same ones). The bundle's content is built by :func:`indicators.bundle.build_values_bundle`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from geodata import layer
from indicators import classify as cls
from indicators import store
from indicators.bundle import display_number
from indicators.display import class_colors
from indicators.registry import REGISTRY
from layouts.i18n import t
from state.display import context_texts
from state.model import MAX_SELECTION

#: Interface words the browser needs to write the caption (assets/map.js, ``captionParts``).
CAPTION_WORDS = ("unit", "source", "formula", "caveat", "about_indicator")


#: Words of the map's legend and tooltips (assets/map.js reads them from the values bundle's texts).
MAP_WORDS = ("no_data", "flagged")


@lru_cache(maxsize=256)
def display_values(key: str, year: int) -> pd.Series:
    """A registry indicator's values of the map units (layer order) at the digits the page shows.

    The compare chart draws, orders and scales its bars with these: the server and the browser (which
    has only the bundle's rounded values) draw the same chart, and tied units keep the layer's order.

    An uploaded dataset's key (``ds_<id>``) gives its own values (:func:`state.sources.values_for`).

    >>> display_values("pop_resident", 2020)["640100"]
    np.float64(285.9)
    """
    from state import sources

    ind = sources.resolve(key)
    values = sources.values_for(key, year).reindex(layer.units()["adcode"])
    return pd.Series([display_number(v, ind.decimals) for v in values], index=values.index, dtype=float, name=key)


def uploaded(key: str) -> bool:
    """Whether ``key`` names an uploaded dataset (``ds_<id>``) rather than a registry indicator."""
    return isinstance(key, str) and key.startswith("ds_")


@lru_cache(maxsize=256)
def compare_references(key: str, year: int) -> tuple[pd.Series, float]:
    """The compare chart's references, at the digits the page shows: ``(by province adcode, national)``.

    For counts (``aggregation == "sum"``) a total dwarfs every unit: the mean unit values of each
    province and of China; otherwise the indicator's province and national values. ``NaN`` where none.

    >>> by_province, national = compare_references("urbanisation_rate", 2020)
    >>> by_province["640000"] == round(by_province["640000"], 1), national > 60
    (np.True_, True)
    """
    from indicators import compare
    from state import sources

    ind = sources.resolve(key)
    if ind.aggregation == "sum" or uploaded(key):  # an upload has no province or national figures of its own
        units = layer.units().set_index("adcode")
        values = sources.values_for(key, year).reindex(units.index)
        by_province, national = compare.unit_averages(values, units["province_adcode"])
    else:
        by_province = store.province_values(key, year)
        try:
            national = store.national_value(key, year)
        except (ValueError, KeyError):
            national = float("nan")
    rounded = [display_number(v, ind.decimals) for v in by_province]
    national = display_number(national, ind.decimals)
    return pd.Series(rounded, index=by_province.index, dtype=float), float("nan") if national is None else national


def compare_chart_spec() -> dict:
    """What the browser needs to draw the compare tab besides data and words: template, font, colours and
    constants of the chart (:func:`layouts.charts.compare.browser_spec`) and limits (assets/compare.js)."""
    from indicators import compare
    from layouts.charts import compare as compare_chart

    return {
        **compare_chart.browser_spec(),
        "maxBars": compare.MAX_BARS,
        "extremes": compare.EXTREMES,
        "maxSelection": MAX_SELECTION,
    }


@lru_cache(maxsize=1)
def values_bundle_file():
    """Path of this deployment's values bundle (built once into the cache, shared by the workers).

    Keyed by the indicator store's file (which hashes the data and code), the layer's build key, the
    bundle's code, words and chart spec and the code of the compare references.
    """
    import gzip
    import hashlib
    import inspect
    import json
    import os
    import tempfile

    from indicators import bundle, compare
    from layouts.charts import compare as compare_chart
    from web import settings

    texts = {
        lang: {w: t(w, lang) for w in (*CAPTION_WORDS, *MAP_WORDS, *compare_chart.BROWSER_WORDS)}
        for lang in ("en", "zh")
    }
    context = {lang: context_texts(lang) for lang in ("en", "zh")}
    chart = compare_chart_spec()
    # the bundle's own code, words and references are part of its key: a change in any builds a new bundle
    code = (
        Path(bundle.__file__).read_bytes()
        + inspect.getsource(compare_references).encode()
        + inspect.getsource(compare.unit_averages).encode()
        + json.dumps([texts, context, chart], ensure_ascii=False).encode()
    )
    key = f"{store.store_path().stem}-{layer.manifest()['key']}-{hashlib.sha256(code).hexdigest()[:8]}"
    folder = settings.cache_dir() / f"values-{key}"
    existing = sorted(folder.glob("values-*.json")) if folder.exists() else []
    if existing and existing[0].with_name(existing[0].name + ".gz").exists() and any(folder.glob(f"{PART}*.gz")):
        return existing[0]
    units = layer.units()
    whole = bundle.build_values_bundle(
        units["adcode"].tolist(),
        REGISTRY.values(),
        store.indicator_values,
        store.indicator_flags,
        cls.classify,
        class_colors,
        texts=texts,
        context=context,
        units=units.set_index("adcode"),
        references_of=compare_references,
        chart=chart,
    )
    data = bundle.bundle_bytes(whole)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=settings.cache_dir(), prefix=".values-"))
    name = bundle.fingerprint(data)
    (tmp / name).write_bytes(data)
    (tmp / (name + ".gz")).write_bytes(gzip.compress(data, 9, mtime=0))
    for family, part in family_parts(whole).items():
        part_data = bundle.bundle_bytes(part)
        part_name = f"{PART}{family}-{bundle.fingerprint(part_data).removeprefix('values-')}"
        (tmp / part_name).write_bytes(part_data)
        (tmp / (part_name + ".gz")).write_bytes(gzip.compress(part_data, 9, mtime=0))
    # the parts first: a reader that sees the whole bundle finds its parts too
    for f in sorted(tmp.iterdir(), key=lambda f: not f.name.startswith(PART)):
        os.replace(f, folder / f.name)
    tmp.rmdir()
    return folder / name


def values_bundle_url() -> str:
    return f"/values/{values_bundle_file().parent.name}/{values_bundle_file().name}"


#: File name prefix of a family's part of the values bundle: ``part-<family>-<sha>.json``.
PART = "part-"


def family_parts(whole: dict) -> dict[str, dict]:
    """The bundle cut by indicator family: each part is the whole bundle with only that family's indicators.

    A page fetches the part of the indicator it shows (a few kB to ~180 kB instead of ~450 kB) in idle
    time after the first paint, and the whole bundle once the person reaches for another indicator.

    >>> whole = {"units": ["a"], "indicators": {"x": {"family": "f"}, "y": {"family": "g"}, "z": {"family": "f"}}}
    >>> sorted(family_parts(whole)["f"]["indicators"]), family_parts(whole)["g"]["units"]
    (['x', 'z'], ['a'])
    """
    parts: dict[str, dict] = {}
    for key, entry in whole["indicators"].items():
        part = parts.setdefault(entry.get("family") or "other", {**whole, "indicators": {}})
        part["indicators"][key] = entry
    return parts


@lru_cache(maxsize=1)
def values_part_files() -> dict[str, Path]:
    """``{family: path}`` of the bundle's family parts (beside the whole bundle)."""
    folder = values_bundle_file().parent
    return {p.name[len(PART) :].rsplit("-", 1)[0]: p for p in sorted(folder.glob(f"{PART}*.json"))}


def values_part_url(indicator_key: str) -> str:
    """URL of the part holding ``indicator_key`` (a registry key), ``""`` for any other key (an upload).

    >>> values_part_url("pop_resident").split("/")[-1].startswith("part-population-")
    True
    >>> values_part_url("ds_0123456789ab")
    ''
    """
    ind = REGISTRY.get(indicator_key)
    path = values_part_files().get(getattr(ind, "family", "") or "other") if ind is not None else None
    return f"/values/{path.parent.name}/{path.name}" if path is not None else ""
