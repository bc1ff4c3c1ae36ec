"""First loads of both servers, interleaved (app, peer, app, ...): what crosses the wire and when a
person can use the map (issue 15, the first-paint budget).

Two kinds of load, each in a fresh browser context (empty HTTP cache), alternating between servers:

* a **quiet load** -- no input at all for 10 s: the time until the map is visible and the bytes of
  the requests started before the map was visible, within the first 4 s and within the first 10 s;
* an **interactive load** -- as soon as the map is visible the pointer rests on a large unit (moved
  by one pixel every 50 ms until a tooltip appears: the first hover that shows a tooltip), then
  clicks it: time until the click's selection is drawn (time to interactive).

Bytes are CDP ``Network.loadingFinished.encodedDataLength`` (compressed bodies plus headers) of
every request *started* before the moment (so a large file requested at 9.9 s counts in full in the
10 s figure); times are the page's own ``performance.now()`` (navigation start = 0). Requests and
page times are put on one clock through each request's ``wallTime`` and ``performance.timeOrigin``.
"""

from __future__ import annotations

import time

from bench import browser as bb

WINDOWS_MS = (4000, 10000)  # bytes "in the first 4 s / 10 s of a visit with no click"
HOVER_STEP_MS = 50
LOAD_TIMEOUT_MS = bb.LOAD_TIMEOUT_MS

# Installed with the benchmark's own INIT_SCRIPT: the first tooltip (Leaflet's or Plotly's hover label).
TOOLTIP_SCRIPT = r"""
(() => {
  const B = window.__bench;
  B.tipAt = null;
  const seen = () => document.querySelector(".leaflet-tooltip, .hoverlayer .hovertext");
  new MutationObserver(() => { if (B.tipAt === null && seen()) B.tipAt = performance.now(); })
    .observe(document, { subtree: true, childList: true });
})();
"""


class Requests:
    """Every request of one page (CDP): wall-clock start and transferred bytes."""

    def __init__(self, cdp) -> None:
        self.start_wall: dict[str, float] = {}  # requestId -> epoch ms
        self.urls: dict[str, str] = {}
        self.size: dict[str, int] = {}
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.send("Network.enable")

    def _sent(self, e) -> None:
        url = e["request"]["url"]
        if url.startswith(("data:", "blob:")):
            return
        self.start_wall.setdefault(e["requestId"], e["wallTime"] * 1000)
        self.urls[e["requestId"]] = url

    def _finished(self, e) -> None:
        self.size[e["requestId"]] = int(e.get("encodedDataLength") or 0)

    def started_before(self, epoch_ms: float) -> list[tuple[str, int]]:
        """``(url, bytes)`` of the requests started before ``epoch_ms`` (unfinished ones count 0)."""
        return [(self.urls[r], self.size.get(r, 0)) for r, t in self.start_wall.items() if t <= epoch_ms]


def _open(browser, mode: str):
    context = browser.new_context(viewport=bb.VIEWPORT, locale="en-US")
    context.set_default_timeout(LOAD_TIMEOUT_MS)
    context.add_init_script(bb.INIT_SCRIPT.replace("%MODE%", mode).replace("%SELECTED%", bb.SELECTED_STROKE))
    context.add_init_script(TOOLTIP_SCRIPT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, Requests(context.new_cdp_session(page)), errors


def _visible(page, base: str) -> tuple[float, float, float]:
    """Navigate; ``(ms until the live map is visible, performance.timeOrigin, ms until the first coloured map)``
    (the app's server-drawn first frame, else the live map; the peer's map)."""
    page.goto(base + "/", wait_until="commit")
    page.wait_for_function("window.__bench && window.__bench.firstDrawn !== null", timeout=LOAD_TIMEOUT_MS)
    return page.evaluate("[window.__bench.firstDrawn, performance.timeOrigin, window.__bench.firstColoured]")


def quiet_load(browser, base: str, mode: str) -> dict:
    """Map visible, and bytes started before it / in the first 4 s / in the first 10 s (no input)."""
    context, page, reqs, errors = _open(browser, mode)
    try:
        visible, origin, coloured = _visible(page, base)
        end = max(WINDOWS_MS)
        while page.evaluate("performance.now()") < end + bb.QUIET_MS:  # let the last responses finish
            page.wait_for_timeout(200)
        out = {"visible_ms": visible, "coloured_ms": coloured, "errors": errors}
        before = reqs.started_before(origin + visible)
        out["bytes_visible"] = sum(size for _, size in before)
        out["requests_visible"] = len(before)
        out["urls_visible"] = before
        for w in WINDOWS_MS:
            urls = reqs.started_before(origin + w)
            out[f"bytes_{w // 1000}s"] = sum(size for _, size in urls)
            if w == end:
                out["urls_10s"] = urls
        return out
    finally:
        context.close()


def interactive_load(browser, base: str, mode: str, unit: dict) -> dict:
    """Map visible, first tooltip under a resting pointer, first click's selection drawn (ms)."""
    context, page, _, errors = _open(browser, mode)
    try:
        visible, _, coloured = _visible(page, base)
        x, y = bb._click_point(page, mode, unit)
        deadline = time.monotonic() + LOAD_TIMEOUT_MS / 1000
        dx = 0
        while page.evaluate("window.__bench.tipAt") is None and time.monotonic() < deadline:
            dx = 1 - dx  # the pointer rests on the unit; a one-pixel move makes the browser re-test the hover
            page.mouse.move(x + dx, y)
            page.wait_for_timeout(HOVER_STEP_MS)
        tip = page.evaluate("window.__bench.tipAt")
        target = unit["adcode"] if mode == "app" else unit["index"]
        page.evaluate("([k, t]) => window.__bench.arm(k, t)", [f"click-{bb._engine(page)}", target])
        page.mouse.click(x + dx, y)
        page.wait_for_function("window.__bench.t1 !== null && window.__bench.t0 !== null", timeout=LOAD_TIMEOUT_MS)
        return {"visible_ms": visible, "coloured_ms": coloured, "tooltip_ms": tip, "selected_ms": page.evaluate("window.__bench.t1"),
                "errors": errors}  # fmt: skip
    finally:
        context.close()


def measure(bases: dict[str, str], units: list[dict], loads: int = 10, warmup: int = 1, log=print) -> dict:
    """``loads`` quiet and ``loads`` interactive loads per server, interleaved across the servers."""
    from playwright.sync_api import sync_playwright

    out = {name: {"quiet": [], "interactive": []} for name in bases}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=bb.CHROMIUM, args=bb.CHROMIUM_ARGS, headless=True)
        try:
            for name, base in bases.items():
                for _ in range(warmup):
                    quiet_load(browser, base, name)
            for i in range(loads):
                for name, base in bases.items():
                    q = quiet_load(browser, base, name)
                    out[name]["quiet"].append(q)
                    log(
                        f"  {name} quiet load {i + 1}/{loads}: coloured {q['coloured_ms']:.0f} ms,"
                        f" visible {q['visible_ms']:.0f} ms,"
                        f" {q['bytes_visible'] / 1000:.0f} kB before, {q['bytes_4s'] / 1000:.0f} kB by 4 s,"
                        f" {q['bytes_10s'] / 1000:.0f} kB by 10 s"
                    )
                for name, base in bases.items():
                    r = interactive_load(browser, base, name, units[0])
                    out[name]["interactive"].append(r)
                    log(
                        f"  {name} interactive load {i + 1}/{loads}: visible {r['visible_ms']:.0f} ms,"
                        f" tooltip {r['tooltip_ms'] or 0:.0f} ms, selected {r['selected_ms']:.0f} ms"
                    )
        finally:
            browser.close()
    return out


def summary(result: dict) -> dict:
    """Medians of one server's first loads (``None`` where not measured)."""
    q, i = result.get("quiet", []), result.get("interactive", [])
    med = bb.median
    return {
        "visible_ms": med([r["visible_ms"] for r in q] + [r["visible_ms"] for r in i]),
        # older result files have no first-coloured time: the live map's then
        "coloured_ms": med([r.get("coloured_ms") or r["visible_ms"] for r in q + i]),
        "bytes_visible": med([r["bytes_visible"] for r in q]),
        "bytes_4s": med([r["bytes_4s"] for r in q]),
        "bytes_10s": med([r["bytes_10s"] for r in q]),
        "tooltip_ms": med([r["tooltip_ms"] for r in i]),
        "selected_ms": med([r["selected_ms"] for r in i]),
        "urls_visible": q[-1]["urls_visible"] if q else [],
        "urls_10s": q[-1]["urls_10s"] if q else [],
    }
