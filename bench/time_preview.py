"""Issue 17's figures: the link preview's PNG (cached and uncached) and one step of the time playback.

    .venv/bin/python -m bench.time_preview http://127.0.0.1:8050 [--reps N]

* **Preview, uncached:** ``GET /preview.png`` of a state never drawn before (a selection of three
  random units of the view: each a new cache key), the server's whole path (parse, classes, drawing,
  PNG encoding, disk write). Target ≤ 2 s.
* **Preview, cached:** the same URL again (the worker's memory, else the disk). Target ≤ 300 ms.
* **Play step:** in Chromium, ``ledAtlas.stepYear(-1)`` with the classes fixed (frames loaded) until
  the map is recoloured with the new year's frame, and until the legend shows it (a MutationObserver),
  from ``performance.now()`` in the page.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import urllib.request

from bench.browser import CHROMIUM, CHROMIUM_ARGS, VIEWPORT

PREVIEW_QUERIES = (
    "indicator=gdp_per_resident&year=2020&lang=en",
    "indicator=census_emp_share_manuf&year=2020&view=440000&lang=zh",
    "indicator=gdp_per_resident&year=2020&mode=change&lang=en",
    "indicator=gdp_per_resident&year=2020&mode=split&lang=en",
)
PLAY_PAGE = "/?indicator=avg_wage_rel_median&lang=en"
MAP_DRAWN = "() => window.ledAtlas && window.ledAtlas.unitLayers && window.ledAtlas.unitLayers().length > 300"
# One year step: ms until the map is recoloured (ledAtlas.restyle with the frame) and until the legend shows it.
STEP = """
(delta) => new Promise((resolve) => {
  const ns = window.ledAtlas;
  const legend = document.querySelector("#legend");
  const before = legend.textContent;
  const out = { map: null, legend: null };
  const restyle = ns.restyle;
  const t0 = performance.now();
  ns.restyle = function (h) { if (out.map === null) out.map = performance.now() - t0; return restyle(h); };
  const done = (value) => { ns.restyle = restyle; obs.disconnect(); resolve(value); };
  const obs = new MutationObserver(() => {
    if (legend.textContent !== before && legend.querySelector(".legend-note")) {
      out.legend = performance.now() - t0;
      done(out);
    }
  });
  obs.observe(legend, { childList: true, subtree: true, characterData: true });
  Promise.resolve(ns.stepYear(delta)).then((moved) => { if (!moved) done(null); });
})
"""


def _get_ms(url: str) -> float:
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as resp:
        resp.read()
        if resp.status != 200 or resp.headers.get("Content-Type") != "image/png":
            raise RuntimeError(f"{url}: {resp.status} {resp.headers.get('Content-Type')}")
    return (time.perf_counter() - t0) * 1000


def preview_ms(base: str, reps: int = 10) -> dict:
    """``{uncached_ms: [...], cached_ms: [...]}`` over the :data:`PREVIEW_QUERIES` in turn."""
    from geodata import layer

    codes = list(layer.units()["adcode"])
    rng = random.Random(time.time_ns())
    uncached, cached = [], []
    for q in PREVIEW_QUERIES:  # warm the classes of each state (as a running server has them)
        _get_ms(f"{base}/preview.png?{q}")
    for i in range(reps):
        q = PREVIEW_QUERIES[i % len(PREVIEW_QUERIES)] + "&sel=" + "~".join(rng.sample(codes, 3))
        uncached.append(_get_ms(f"{base}/preview.png?{q}"))
        cached.append(_get_ms(f"{base}/preview.png?{q}"))
    return {"uncached_ms": uncached, "cached_ms": cached}


def play_step_ms(base: str, steps: int = 10) -> dict:
    """``{map_ms: [...], legend_ms: [...]}`` of ``steps`` year steps back from the latest year, classes fixed."""
    from playwright.sync_api import sync_playwright

    out: dict = {"map_ms": [], "legend_ms": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_context(viewport=VIEWPORT, locale="en-US").new_page()
            page.goto(base + PLAY_PAGE)
            page.wait_for_function(MAP_DRAWN, timeout=120_000, polling=100)
            page.wait_for_load_state("networkidle")
            page.evaluate(STEP, -1)  # the first step loads the frames: not counted
            page.wait_for_load_state("networkidle")
            for _ in range(steps):
                ms = page.evaluate(STEP, -1)
                if ms is None:
                    break
                out["map_ms"].append(ms["map"])
                out["legend_ms"].append(ms["legend"])
                page.wait_for_load_state("networkidle")  # the year's other callbacks (panel, chart) settle
        finally:
            browser.close()
    return out


def measure(base: str, reps: int = 10, steps: int = 10, log=print) -> dict:
    result = {**preview_ms(base, reps), **{f"play_step_{k}": v for k, v in play_step_ms(base, steps).items()}}
    med = {k: round(statistics.median(v)) if v else None for k, v in result.items()}
    log(
        f"  preview uncached {med['uncached_ms']} ms, cached {med['cached_ms']} ms; play step: map"
        f" {med['play_step_map_ms']} ms, legend {med['play_step_legend_ms']} ms"
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("--reps", type=int, default=10)
    parser.add_argument("--steps", type=int, default=10)
    args = parser.parse_args(argv)
    measure(args.base.rstrip("/"), args.reps, args.steps)
    return 0


if __name__ == "__main__":
    sys.exit(main())
