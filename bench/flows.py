"""Flows for a newly selected unit: from the ``/api/corridors`` answer's arrival until its lines and list are drawn.

In one page opened on the national flows view (``/?flows=out``), each step makes a unit not selected
before the focus (``ledFlows.focus``, what a click on a partner does), waits until the panel has drawn
that unit's flows, and reads ``window.ledFlows.last`` (``assets/flows.js``): ``framedMs`` (answer
arrived → the animation frame that paints the lines, the list and the caption), ``drawMs`` (the same
up to the end of the JavaScript), the answer's size (characters of the JSON body) and the server time
(its ``Server-Timing``). Target: ≤ 100 ms from the answer to the drawn flows.
"""

from __future__ import annotations

import statistics

from bench.browser import CHROMIUM, CHROMIUM_ARGS, VIEWPORT

#: Units made the focus in turn (every one new to the page, so each answer is fetched, never cached).
UNITS = (
    "440300", "500000", "441900", "640100", "110000", "310000", "510100", "420100",
    "330100", "320500", "610100", "370200", "430100", "350200", "450100", "530100",
)  # fmt: skip
DRAWN = (
    "(code) => { const n = document.getElementById('flows-panel'); const l = window.ledFlows && window.ledFlows.last;"
    " return n && n.getAttribute('data-flows-state') === 'drawn' && l && l.key.endsWith('|' + code) && l.framed; }"
)


def measure(base: str, steps: int, log=print) -> dict:
    """``steps`` newly selected units (at most ``len(UNITS)``): per step the times, size and server time."""
    from playwright.sync_api import sync_playwright

    out = {"framed_ms": [], "draw_ms": [], "answer_chars": [], "server_ms": [], "request_to_drawn_ms": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_context(viewport=VIEWPORT, locale="en-US").new_page()
            page.set_default_timeout(120_000)
            page.goto(base + "/?flows=out&lang=en")
            page.wait_for_function(
                "() => window.ledFlows && window.ledFlows.last && window.ledFlows.last.framed", polling=100
            )
            page.wait_for_load_state("networkidle")
            for code in UNITS[:steps]:
                page.evaluate("(code) => window.ledFlows.focus(code)", code)
                page.wait_for_function(DRAWN, arg=code, polling=50)
                last = page.evaluate("() => window.ledFlows.last")
                out["framed_ms"].append(last["framedMs"])
                out["draw_ms"].append(last["drawMs"])
                out["answer_chars"].append(last["bytes"])
                out["server_ms"].append(last["serverMs"])
                out["request_to_drawn_ms"].append(last["drawn"] - last["started"])
        finally:
            browser.close()
    log(f"  flows: {len(out['framed_ms'])} units, median {statistics.median(out['framed_ms']):.0f} ms after the answer")
    return out
