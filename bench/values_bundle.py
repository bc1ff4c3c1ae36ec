"""Prototype: the static values bundle that would let the browser switch indicators on its own.

One JSON file per build of the layer and the indicator store holds, for every indicator and year,
the value and the default class (quantiles, k = 5, as ``view.choropleth`` computes them with
mapclassify) of every unit, the class breaks and counts for the legend, and the flags. Arrays follow
the order of ``units`` (the adcodes of ``geodata.layer.units()``), so no code is repeated per value.
Served from a fingerprinted URL (``/geo/<build-key>/values-<sha>.json``, ``immutable``, gzip
precompressed like the Geobuf files), it crosses the wire once per visit; a clientside callback
builds the ``hideout`` from it (see ``bench/README.md``).

    .venv/bin/python -m bench.values_bundle [--out DIR]   # build it, print sizes and timing
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

#: The classes a page opens with (``url_state.DEFAULT_CLASSES``): only these are precomputed.
DEFAULT_SCHEME, DEFAULT_K = "quantiles", 5


def _num(v, decimals: int):
    """A JSON number rounded like the hideout (``decimals + 2``), or ``None`` for missing."""
    if v is None:
        return None
    v = float(v)
    return None if math.isnan(v) else round(v, decimals + 2)


def build_values_bundle(
    adcodes: list[str],
    indicators: Iterable,
    values_of: Callable,
    flags_of: Callable,
    classify: Callable,
    colors_of: Callable,
) -> dict:
    """The bundle as a JSON-ready dict.

    Parameters
    ----------
    adcodes
        Unit codes in map order; every array of the bundle follows it.
    indicators
        Registry records (``key, years, decimals, palette, diverging, label_*, unit_*, source_*``).
    values_of, flags_of
        ``(key, year) -> pandas.Series`` indexed by adcode (``indicators.store`` functions).
    classify
        ``indicators.classify.classify``.
    colors_of
        ``(classes, palette) -> list[str]`` (``callbacks.view._colors``).

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
    import pandas as pd

    out = {"units": list(adcodes), "scheme": f"{DEFAULT_SCHEME}-{DEFAULT_K}", "indicators": {}}
    for ind in indicators:
        years = {}
        for year in ind.years:
            values = values_of(ind.key, year).reindex(adcodes)
            if values.notna().sum() == 0:
                continue
            classes = classify(values, DEFAULT_SCHEME, DEFAULT_K, diverging=ind.diverging)
            flags = flags_of(ind.key, year).reindex(adcodes)
            years[str(year)] = {
                "v": [_num(v, ind.decimals) for v in values.tolist()],
                "c": [None if pd.isna(c) else int(c) for c in classes.classes.tolist()],
                "bins": [_num(b, ind.decimals) for b in classes.bins],
                "lower": _num(classes.lower, ind.decimals),
                "counts": list(classes.counts),
                "missing": int(classes.n_missing),
                "labels": classes.labels(ind.decimals),
                "colors": colors_of(classes, ind.palette),
                "flags": {a: str(f) for a, f in flags.items() if isinstance(f, str) and f},
            }  # fmt: skip
        if years:
            out["indicators"][ind.key] = {
                "dec": ind.decimals,
                "label": {"en": ind.label_en, "zh": ind.label_zh},
                "unit": {"en": ind.unit_en, "zh": ind.unit_zh},
                "source": {"en": ind.source_en, "zh": ind.source_zh},
                "years": years,
            }
    return out


def bundle_bytes(bundle: dict) -> bytes:
    """Compact UTF-8 JSON of the bundle (what the route would serve)."""
    return json.dumps(bundle, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def fingerprint(data: bytes) -> str:
    """File name of the bundle: ``values-<first 12 hex of sha256>.json``.

    >>> fingerprint(b"{}")
    'values-44136fa355b3.json'
    """
    return f"values-{hashlib.sha256(data).hexdigest()[:12]}.json"


def build_from_store() -> tuple[dict, float]:
    """The bundle of this deployment's layer and store, and the seconds it took."""
    from callbacks.view import _colors
    from geodata import layer
    from indicators import classify as cls
    from indicators import store
    from indicators.registry import REGISTRY

    t0 = time.perf_counter()
    bundle = build_values_bundle(
        layer.units()["adcode"].tolist(),
        REGISTRY.values(),
        store.indicator_values,
        store.indicator_flags,
        cls.classify,
        _colors,
    )
    return bundle, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="folder to write the bundle and its .gz into")
    args = parser.parse_args(argv)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # degenerate classifications warn and degrade, by design
        bundle, seconds = build_from_store()
    data = bundle_bytes(bundle)
    gz = gzip.compress(data, 9, mtime=0)
    n_years = sum(len(i["years"]) for i in bundle["indicators"].values())
    per = [
        len(gzip.compress(bundle_bytes({"units": [], "indicators": {k: v}}), 9))
        for k, v in bundle["indicators"].items()
    ]
    print(
        f"{len(bundle['indicators'])} indicators, {n_years} indicator-years, {len(bundle['units'])} units;"
        f" built in {seconds:.1f} s\n{fingerprint(data)}: {len(data) / 1000:,.1f} kB raw, {len(gz) / 1000:,.1f} kB gzip-9;"
        f" per indicator gzip median {sorted(per)[len(per) // 2] / 1000:.1f} kB, max {max(per) / 1000:.1f} kB"
    )
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / fingerprint(data)).write_bytes(data)
        (args.out / (fingerprint(data) + ".gz")).write_bytes(gz)
    return 0


if __name__ == "__main__":
    sys.exit(main())
