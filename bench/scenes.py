"""Presenter scene changes (issue 17): key press → scene fully drawn, in headless Chromium.

The presentation opens once; then ``→`` steps through the scenes and ``←`` back, without a reload.
Start: the key event's own ``timeStamp`` (a capture-phase listener in the page). End: the first
animation frame in which the scene is fully drawn — its title is shown, the map's live colours
(``ledAtlas.current.h``) and the legend are the scene's indicator and year, the map stands at the
scene's view, and the chart area has been redrawn, is not empty and shows the scene's tab (a redraw of
the last scene's chart, e.g. Plotly's on a resize of the panel, is not the scene's chart: it ended the
watch early, and the scene's own chart, arriving after the next key press, was then stale and dropped).
Times are taken inside the page (``performance.now()``), as ``bench/browser.py`` does for switches and clicks.
"""

from __future__ import annotations

import statistics

from tests.chromium import CHROMIUM, CHROMIUM_ARGS

# Installed after the page is ready: every key press starts a watch that ends when the scene is drawn.
WATCH = """
() => {
  window.__sceneBench = { done: [] };
  const chart = document.getElementById('chart-area');
  new MutationObserver(() => { const b = window.__sceneBench; if (b.watch) b.watch.chart = true; })
    .observe(chart, { childList: true, subtree: true });
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const b = window.__sceneBench;
    b.watch = { t0: e.timeStamp, chart: false };
    const check = () => {
      const w = b.watch;
      const q = new URLSearchParams(location.search);
      const n = q.get('scene') || '1';
      const want = window.__sceneWant[n];
      const h = (window.ledAtlas.current || {}).h || {};
      const title = document.querySelector('#scene-caption .scene-title');
      const legend = document.querySelector('#legend .legend-unit');
      const drawn = want && title && title.textContent === want.title && h.label === want.label
        && String(h.year) === String(want.year) && legend && legend.textContent.startsWith(want.legend)
        && w.chart && chart.textContent.trim().length > 0 && !window.ledAtlas.refitting
        && !!chart.querySelector('.chart-tab-content.tab-' + want.tab);
      if (drawn) { b.done.push(performance.now() - w.t0); b.watch = null; return; }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, true);
}
"""


def expected(lang: str = "en") -> dict:
    """``{scene number: {title, label, year}}`` of the deployment's scenes, as the page should show them."""
    from indicators.registry import get_indicator
    from layouts.i18n import t
    from state import deployment as st
    from state.map_parts import change_years

    out = {}
    for n, scene in enumerate(st.scenes(), start=1):
        s = st.scene_state(n, lang)
        ind = get_indicator(s.indicator)
        year, label = s.year, ind.label_en
        if s.mode == "change":  # the change map's hideout names both years (state.map_parts.change_map)
            base, year = change_years(ind, s.year)
            label = t("change_title", "en", label=ind.label_en, base=base, year=year)
            year = f"{base} → {year}"
        out[str(n)] = {
            "title": scene[f"title_{lang}"],
            "label": label,
            "legend": ind.label_en,
            "year": year,
            "level": s.level or "prefecture",
            "tab": s.tab,
        }
    return out


def same_level_run(want: dict) -> int:
    """How many scenes from the first share its level: a scene at the other level (counties) loads its
    own page by design (other geometry), so the in-page change is timed over these."""
    levels = [want[str(n)]["level"] for n in range(1, len(want) + 1)]
    return next((i for i, level in enumerate(levels) if level != levels[0]), len(levels))


def measure(base: str, presses: int = 20, log=print) -> dict:
    """Key press → scene drawn, ``presses`` times (→ to the last scene, then ← to the first, and again)."""
    from playwright.sync_api import sync_playwright

    want = expected()
    count = same_level_run(want)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="en-US")
            page.set_default_timeout(60_000)
            page.goto(base + "/?present=1&lang=en")
            page.wait_for_function("() => document.querySelectorAll('#legend .swatch').length > 0")
            page.wait_for_function("() => !!(window.ledAtlas && window.ledAtlas.bundle)")
            page.wait_for_function("() => document.getElementById('chart-area').textContent.trim().length > 0")
            page.evaluate("w => { window.__sceneWant = w; }", want)
            page.evaluate(WATCH)
            n, step = 1, 1
            marker = page.evaluate("() => { window.__benchMarker = Math.random(); return window.__benchMarker; }")
            for i in range(presses):
                if not 1 <= n + step <= count:
                    step = -step
                n += step
                page.keyboard.press("ArrowRight" if step > 0 else "ArrowLeft")
                page.wait_for_function("k => window.__sceneBench.done.length >= k", arg=i + 1, polling="raf")
            times = page.evaluate("window.__sceneBench.done")
            reloaded = page.evaluate("() => window.__benchMarker") != marker
        finally:
            browser.close()
    log(f"  scene changes ms {[round(v) for v in times]}{' (the page reloaded!)' if reloaded else ''}")
    return {
        "scene_ms": times,
        "reloaded": reloaded,
        "median_ms": statistics.median(times) if times else None,
        "scenes": count,
        "all_scenes": len(want),
    }
