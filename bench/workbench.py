"""The planner's workbench in the browser (issue 18): the locality brief against the profile tab.

For one unit (Yinchuan, 640100) it measures, in headless Chromium against a running server:

- **brief**: a navigation to ``/brief?sel=640100&lang=zh`` until the page is drawn (the navigation
  timing's ``loadEventEnd``: the HTML, its inline CSS and the print button's script), after one warm-up
  request per worker;
- **profile tab**: on the map page with the unit selected, a click on the profile tab until its table is
  in the page (``requestAnimationFrame`` polling from ``performance.now()`` before the click);
- **table tab**: the same for the comparison table of Ningxia's five prefectures.

Run by ``bench/run.py`` (rows "Locality brief …" in BENCHMARKS.md); alone:
``python -m bench.workbench http://127.0.0.1:8050``.
"""

from __future__ import annotations

import statistics
import sys

from bench.browser import CHROMIUM, CHROMIUM_ARGS, VIEWPORT

UNIT = "640100"
NINGXIA = "640100~640200~640300~640400~640500"
TIMEOUT_MS = 120_000


def _tab_ms(page, label: str, selector: str) -> float:
    """ms from a click on the tab labelled ``label`` until ``selector`` is in the page."""
    t0 = page.evaluate(
        "(label) => { const tab = [...document.querySelectorAll('#chart-tabs .chart-tab')]"
        "  .find(t => t.innerText.trim() === label); const t = performance.now(); tab.click(); return t; }",
        label,
    )
    t1 = page.wait_for_function(
        f"() => document.querySelector({selector!r}) && performance.now()", polling="raf", timeout=TIMEOUT_MS
    ).json_value()
    return t1 - t0


def _open_map(page, base: str, query: str) -> None:
    page.goto(base + "/" + query)
    page.locator(".unit-card").first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")


def measure(base: str, reps: int = 10, log=print) -> dict:
    """``{"brief_ms": [...], "profile_tab_ms": [...], "table_tab_ms": [...]}`` (``reps`` each)."""
    from playwright.sync_api import sync_playwright

    out: dict[str, list[float]] = {"brief_ms": [], "profile_tab_ms": [], "table_tab_ms": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
            page = context.new_page()
            for _ in range(4):  # each worker builds its store index once
                page.goto(f"{base}/brief?sel={UNIT}&lang=zh")
            for _ in range(reps):
                page.goto(f"{base}/brief?sel={UNIT}&lang=zh")
                page.locator("#brief[data-ready]").wait_for(timeout=TIMEOUT_MS)
                out["brief_ms"].append(
                    page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
                )
            for _ in range(reps):
                _open_map(page, base, f"?sel={UNIT}&lang=zh&v=1")
                out["profile_tab_ms"].append(_tab_ms(page, "概况", ".printable-profile"))
                _open_map(page, base, f"?sel={NINGXIA}&lang=zh&v=1")
                out["table_tab_ms"].append(_tab_ms(page, "对比表", "#table-grid .tc-value"))
            context.close()
        finally:
            browser.close()
    for key, values in out.items():
        log(f"  workbench {key}: {[round(v) for v in values]} (median {statistics.median(values):.0f} ms)")
    return out


if __name__ == "__main__":  # pragma: no cover
    measure(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8050", reps=3)
