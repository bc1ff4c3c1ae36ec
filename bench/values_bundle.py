"""Prototype: the static values bundle that would let the browser switch indicators on its own.

One JSON file per build of the layer and the indicator store holds, for every indicator and year,
the value and the default class (quantiles, k = 5, as ``state.display.choropleth`` computes them with
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
import sys
import time
from pathlib import Path

# The builder moved into the app (indicators/bundle.py); this script measures that one.
from indicators.bundle import DEFAULT_K, DEFAULT_SCHEME, build_values_bundle, bundle_bytes, fingerprint  # noqa: E402,F401


def build_from_store() -> tuple[dict, float]:
    """The bundle of this deployment's layer and store, and the seconds it took."""
    from geodata import layer
    from indicators import classify as cls
    from indicators import store
    from indicators.display import class_colors as _colors
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
