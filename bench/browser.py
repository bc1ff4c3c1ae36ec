"""What a person waits for and what crosses the wire, measured in headless Chromium (Playwright).

For each server (the app or the peer) :func:`measure` runs

* ``loads`` first loads, each in a fresh browser context (empty HTTP cache): time from navigation
  start until the map is visible, and the bytes of every response of the load;
* ``switches`` indicator switches in one page: choose an option of the ``indicator-picker``
  dropdown, time until the map shows the new colours, bytes of every response the switch caused;
* ``clicks`` selection clicks: click a unit (alternating between two large units, so every click
  changes the selection), time until the map shows the selected unit, bytes.

Times are taken inside the page with ``performance.now()`` so that no Python round trip is counted:
the start is the ``timeStamp`` of the click event (a capturing listener on ``window``), the end is

* app (dash-leaflet, SVG): the first DOM change after which the fills of the ``path.unit`` elements
  (in document order) differ from those seen before the click (switch), or after which a unit is
  drawn with the selection stroke (click) -- dash-leaflet 1.1.3 replaces all paths of the layer on a
  ``hideout`` change, so the paths, not their attributes, change; or -- first load -- the first
  animation frame with at least 370 ``path.unit`` that all have a fill;
* peer (Plotly ``choroplethmap``, MapLibre/WebGL): the last MapLibre ``render`` event before the map
  is idle again (style and sources loaded, no frame pending) with the new figure in place
  (``layout.meta`` = indicator key, or ``selectedpoints`` holding the clicked unit).

Bytes are CDP ``Network.loadingFinished.encodedDataLength`` (as transferred: compressed bodies plus
headers) of every request started during the measured step, counted once the network is quiet.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass, field

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1400, "height": 900}
SELECTED_STROKE = "#111111"
#: Indicators switched to, in this order (consecutive entries differ; the page opens on pop_resident).
SWITCH_SEQUENCE = (
    "urbanisation_rate",
    "gdp_per_resident",
    "migrants_other_prov_pct",
    "avg_wage",
    "census_emp_share_manuf",
    "pop_resident",
    "gdp_share_tertiary",
    "net_inmigration_est_pct",
    "emp_share_tertiary",
    "krugman_census",
)
#: The ``output`` of the server callback that colours the map after a switch, if the switch has one.
MAIN_OUTPUT = {"app": "units-layer.hideout", "peer": "peer-map.figure"}
QUIET_MS = 400  # the network counts as quiet after this long without a request in flight
STEP_TIMEOUT_MS = 30_000
#: A page load on a busy 2-CPU machine (the peer took 40 s at load average 20; a fresh worker also
#: compresses each script once) can take much longer than a step.
LOAD_TIMEOUT_MS = 120_000

INIT_SCRIPT = r"""
(() => {
  const B = (window.__bench = {
    mode: "%MODE%", selectedStroke: "%SELECTED%", t0: null, t1: null, armed: null, target: null, firstDrawn: null, firstColoured: null,
    renderCount: 0, lastRender: null, rendersAtArm: 0, hooked: null, observer: null,
  });
  // Keep every Leaflet map (public API: L.Map.addInitHook) to turn map units into screen points.
  let leaflet;
  Object.defineProperty(window, "L", {
    configurable: true,
    get() { return leaflet; },
    set(v) {
      leaflet = v;
      if (v && v.Map && !v.__benchHooked) {
        v.__benchHooked = true;
        v.Map.addInitHook(function () { (window.__benchMaps = window.__benchMaps || []).push(this); });
      }
    },
  });
  window.addEventListener("click", (e) => { if (B.armed && B.t0 === null) B.t0 = e.timeStamp; }, true);

  B.plotly = () => {
    const gd = document.querySelector(".js-plotly-plot");
    const sub = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    return sub && sub.map ? { gd, m: sub.map } : null;
  };
  B.idle = (m) => !!(m.style && m.loaded() && !m._frameRequest && !m._styleDirty && !m._sourcesDirty && !m._placementDirty);
  B.hasFill = (m) => m.getStyle().layers.some((l) => l.type === "fill");
  B.leafletDrawn = () => {
    const paths = document.querySelectorAll("path.unit");
    if (paths.length < 370) return false;
    for (const p of paths) if (!p.getAttribute("fill")) return false;
    return true;
  };

  B.arm = (kind, target) => {
    B.t0 = null; B.t1 = null; B.armed = kind; B.target = target; B.rendersAtArm = B.renderCount;
    if (B.observer) B.observer.disconnect();
    if (kind === "switch-leaflet" || kind === "click-leaflet") {
      // The app restyles the paths in place (assets/map.js `restyle`); compare the fills (strokes)
      // of all unit paths in DOM order with the ones seen when armed (new paths would count too).
      const attr = kind === "switch-leaflet" ? "fill" : "stroke";
      const signature = () => {
        const paths = document.querySelectorAll("path.unit");
        return paths.length < 370 ? null : Array.from(paths, (p) => p.getAttribute(attr)).join(",");
      };
      // The clicked unit's own path (any layer: main map or inset) drawn with the selection stroke.
      const selected = () => {
        let hit = false;
        (window.__benchMaps || []).forEach((map) => map.eachLayer((l) => {
          if (!hit && l.feature && l.feature.properties && l.feature.properties.a === target && l._path) {
            hit = l._path.isConnected && l._path.getAttribute("stroke") === B.selectedStroke;
          }
        }));
        return hit;
      };
      const before = signature();
      B.observer = new MutationObserver(() => {
        if (B.t1 !== null || B.t0 === null) return;
        if (kind === "switch-leaflet") {
          const now = signature();
          if (now === null || now === before) return;
        } else if (!selected()) {
          return;
        }
        B.t1 = performance.now();
        B.observer.disconnect();
      });
      B.observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: [attr] });
    }
  };

  const poll = () => {
    if (B.mode === "app") {
      if (B.firstDrawn === null && B.leafletDrawn()) B.firstDrawn = performance.now();
      // the first coloured map: the page's server-drawn first frame (layouts/first_frame.py) once its picture is
      // decoded and laid out, or the live map, whichever comes first
      const f = document.getElementById("first-frame");
      if (B.firstColoured === null && (B.firstDrawn !== null || (f && f.complete && f.naturalWidth > 0 && f.offsetWidth > 0)))
        B.firstColoured = performance.now();
    } else {
      const p = B.plotly();
      if (p) {
        if (B.hooked !== p.m) {
          B.hooked = p.m;
          p.m.on("render", () => { B.renderCount += 1; B.lastRender = performance.now(); });
        }
        const idle = B.idle(p.m) && B.hasFill(p.m);
        if (B.firstDrawn === null && idle) B.firstDrawn = B.lastRender !== null ? B.lastRender : performance.now();
        if (B.firstColoured === null) B.firstColoured = B.firstDrawn;
        if (B.armed && B.t0 !== null && B.t1 === null && idle && B.renderCount > B.rendersAtArm) {
          const d = p.gd.data && p.gd.data[0];
          const ok = B.armed === "switch-plotly"
            ? p.gd.layout && p.gd.layout.meta === B.target
            : d && Array.isArray(d.selectedpoints) && d.selectedpoints.indexOf(B.target) >= 0;
          if (ok) B.t1 = B.lastRender;
        }
      }
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();
"""


@dataclass
class Network:
    """Bytes of the responses of the current step, from CDP Network events."""

    step: int = 0
    inflight: set = field(default_factory=set)
    step_of: dict = field(default_factory=dict)
    bytes_by_step: dict = field(default_factory=dict)
    requests_by_step: dict = field(default_factory=dict)
    urls: dict = field(default_factory=dict)
    sizes: dict = field(default_factory=dict)
    last_activity: float = field(default_factory=time.monotonic)
    foreign: list = field(default_factory=list)
    from_cache: set = field(default_factory=set)  # requests the browser's cache answered (not counted)

    def attach(self, cdp) -> None:
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.requestServedFromCache", self._cached)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", self._failed)
        cdp.send("Network.enable")

    def _sent(self, e) -> None:
        rid = e["requestId"]
        url = e["request"]["url"]
        if not url.startswith(("http://127.0.0.1", "data:", "blob:")):
            self.foreign.append(url)
        if url.startswith(("data:", "blob:")):
            return
        self.inflight.add(rid)
        self.step_of[rid] = self.step
        self.urls[rid] = url
        self.requests_by_step[self.step] = self.requests_by_step.get(self.step, 0) + 1
        self.last_activity = time.monotonic()

    def _cached(self, e) -> None:  # answered by the browser's cache: no server round trip
        self._uncount(e["requestId"])

    def _response(self, e) -> None:
        r = e.get("response") or {}
        if r.get("fromDiskCache") or r.get("fromPrefetchCache"):
            self._uncount(e["requestId"])

    def _uncount(self, rid) -> None:
        if rid in self.step_of and rid not in self.from_cache:
            self.from_cache.add(rid)
            step = self.step_of[rid]
            self.requests_by_step[step] = self.requests_by_step.get(step, 0) - 1

    def _finished(self, e) -> None:
        rid = e["requestId"]
        self.inflight.discard(rid)
        step = self.step_of.get(rid, self.step)
        size = int(e.get("encodedDataLength") or 0)
        self.sizes[rid] = size
        self.bytes_by_step[step] = self.bytes_by_step.get(step, 0) + size
        self.last_activity = time.monotonic()

    def _failed(self, e) -> None:
        self.inflight.discard(e["requestId"])
        self.last_activity = time.monotonic()

    def next_step(self) -> int:
        self.step += 1
        return self.step

    def settle(self, page, quiet_ms: int = QUIET_MS, max_ms: int = STEP_TIMEOUT_MS) -> None:
        """Wait (deadline-bounded) until no request has been in flight for ``quiet_ms``."""
        deadline = time.monotonic() + max_ms / 1000
        while time.monotonic() < deadline:
            page.wait_for_timeout(50)  # lets Playwright deliver the CDP events
            if not self.inflight and (time.monotonic() - self.last_activity) * 1000 >= quiet_ms:
                return

    def step_bytes(self, step: int) -> int:
        return self.bytes_by_step.get(step, 0)

    def step_urls(self, step: int) -> list[tuple[str, int]]:
        return [(self.urls[r], self.sizes.get(r, 0)) for r, s in self.step_of.items() if s == step]


def _new_page(browser, mode: str):
    context = browser.new_context(viewport=VIEWPORT, locale="en-US")
    context.set_default_timeout(STEP_TIMEOUT_MS)
    context.add_init_script(INIT_SCRIPT.replace("%MODE%", mode).replace("%SELECTED%", SELECTED_STROKE))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    net = Network()
    net.attach(context.new_cdp_session(page))
    return context, page, net, errors


def first_load(browser, base: str, mode: str) -> dict:
    """One first load in a fresh context: ms until the map is visible, bytes of the whole load."""
    context, page, net, errors = _new_page(browser, mode)
    try:
        step = net.next_step()
        page.goto(base + "/", wait_until="commit")
        page.wait_for_function("window.__bench && window.__bench.firstDrawn !== null", timeout=STEP_TIMEOUT_MS)
        visible_ms = page.evaluate("window.__bench.firstDrawn")
        net.settle(page)
        urls = net.step_urls(step)
        geometry = sum(size for url, size in urls if "/geo/" in url)
        return {
            "visible_ms": visible_ms,
            "bytes": net.step_bytes(step),
            "requests": net.requests_by_step.get(step, 0),
            "geometry_bytes": geometry,
            "urls": urls,
            "errors": errors,
            "foreign": list(net.foreign),
        }
    finally:
        context.close()


def _choose_indicator(page, key: str, label: str) -> None:
    page.click("#indicator-picker")
    page.fill("input.dash-dropdown-search", label)
    option = page.locator(f'[role=option]:has(input[value="{key}"])')
    option.wait_for(state="visible")
    page.evaluate("([kind, target]) => window.__bench.arm(kind, target)", ["switch-" + _engine(page), key])
    option.click()


def _engine(page) -> str:
    return "leaflet" if page.evaluate("window.__bench.mode") == "app" else "plotly"


def _wait_done(page) -> float:
    try:
        page.wait_for_function("window.__bench.t1 !== null && window.__bench.t0 !== null", timeout=STEP_TIMEOUT_MS)
    except Exception as exc:
        state = page.evaluate(
            "JSON.stringify({t0: __bench.t0, t1: __bench.t1, armed: __bench.armed, target: __bench.target,"
            " renders: __bench.renderCount, rendersAtArm: __bench.rendersAtArm})"
        )
        raise RuntimeError(f"step did not finish within {STEP_TIMEOUT_MS} ms: {state}") from exc
    return page.evaluate("window.__bench.t1 - window.__bench.t0")


def _click_point(page, mode: str, unit: dict) -> tuple[float, float]:
    if mode == "app":
        script = """([y, x]) => {
          const map = window.__benchMaps[0];
          const pt = map.latLngToContainerPoint([y, x]);
          const r = map.getContainer().getBoundingClientRect();
          return [r.left + pt.x, r.top + pt.y];
        }"""
        return tuple(page.evaluate(script, [unit["y"], unit["x"]]))
    script = """([lon, lat]) => {
      const m = window.__bench.plotly().m;
      const pt = m.project([lon, lat]);
      const r = m.getCanvasContainer().getBoundingClientRect();
      return [r.left + pt.x, r.top + pt.y];
    }"""
    return tuple(page.evaluate(script, [unit["lon"], unit["lat"]]))


def interactions(browser, base: str, mode: str, labels: dict, units: list[dict], switches: int, clicks: int) -> dict:
    """Indicator switches then selection clicks in one page; per step: ms and bytes."""
    context, page, net, errors = _new_page(browser, mode)
    out = {
        "switch_ms": [],
        "switch_bytes": [],
        "switch_requests": [],
        "click_ms": [],
        "click_bytes": [],
        "click_requests": [],
        "errors": errors,
        "switch_posts": [],
        "click_posts": [],  # the selection clicks' callbacks: the server's load when a switch has none
    }
    recording = {"on": False, "keep": False, "into": "switch_posts"}
    callbacks_seen: dict[str, int] = {}
    out["switch_callbacks"] = callbacks_seen

    def record(request) -> None:  # callbacks a switch runs; their bodies are replayed by latency.py and locust
        if recording["on"] and request.method == "POST" and "_dash-update-component" in request.url:
            body = request.post_data or ""
            try:
                output = json.loads(body).get("output", "?")
            except ValueError:
                output = "?"
            if recording["into"] == "switch_posts":
                callbacks_seen[output] = callbacks_seen.get(output, 0) + 1
            if recording["keep"]:
                out[recording["into"]].append([output, body])

    page.on("request", record)
    try:
        page.goto(base + "/", timeout=LOAD_TIMEOUT_MS)
        page.wait_for_function("window.__bench && window.__bench.firstDrawn !== null", timeout=LOAD_TIMEOUT_MS)
        net.settle(page, quiet_ms=800)
        for i in range(switches):
            key = SWITCH_SEQUENCE[i % len(SWITCH_SEQUENCE)]
            recording["on"] = True
            recording["keep"] = i < len(SWITCH_SEQUENCE)  # one pass over the sequence is replayed
            step = net.next_step()
            _choose_indicator(page, key, labels[key])
            out["switch_ms"].append(_wait_done(page))
            net.settle(page)
            out["switch_bytes"].append(net.step_bytes(step))
            out["switch_requests"].append(net.requests_by_step.get(step, 0))
        recording.update(on=True, into="click_posts")
        page.mouse.move(5, VIEWPORT["height"] - 5)
        for i in range(clicks):
            recording["keep"] = i < len(units)  # one pass over the clicked units is replayed
            unit = units[i % len(units)]
            x, y = _click_point(page, mode, unit)
            page.mouse.move(x, y)  # a person points before clicking; Plotly takes the clicked point from hover
            page.wait_for_timeout(300)
            step = net.next_step()
            if mode == "app":
                page.evaluate("([k, t]) => window.__bench.arm(k, t)", ["click-leaflet", unit["adcode"]])
            else:
                page.evaluate("([k, t]) => window.__bench.arm(k, t)", ["click-plotly", unit["index"]])
            page.mouse.click(x, y)
            out["click_ms"].append(_wait_done(page))
            net.settle(page)
            out["click_bytes"].append(net.step_bytes(step))
            out["click_requests"].append(net.requests_by_step.get(step, 0))
            page.mouse.move(5, VIEWPORT["height"] - 5)  # leave the unit: no hover style in the next step
        recording["on"] = False
        if mode == "app":
            out["restyle"] = restyle_costs(page)
        out["foreign"] = list(net.foreign)
        return out
    finally:
        context.close()


# The same new colours (the palette reversed) applied two ways; ms until the fills changed, per try.
RESTYLE_BY_HIDEOUT = """() => new Promise((resolve) => {
  const fills = () => Array.from(document.querySelectorAll("path.unit"), (p) => p.getAttribute("fill")).join(",");
  const before = fills();
  const h = Object.assign({}, window.ledAtlas.current.h);
  h.colors = h.colors.slice().reverse();
  const t0 = performance.now();
  const obs = new MutationObserver(() => {
    if (fills() !== before) { obs.disconnect(); resolve(performance.now() - t0); }
  });
  obs.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["fill"] });
  window.ledAtlas.current.h = null; // the app restyles in place; let dash-leaflet colour from the prop again
  window.dash_clientside.set_props("units-layer", { hideout: h });
  window.dash_clientside.set_props("inset-layer", { hideout: h });
})"""
RESTYLE_IN_PLACE = """() => {
  const h = Object.assign({}, window.ledAtlas.current.h);
  h.colors = h.colors.slice().reverse();
  const t0 = performance.now();
  window.ledAtlas.restyle(h); // what the app does on a switch: setStyle on the existing paths of both layers
  return performance.now() - t0;
}"""


def restyle_costs(page, tries: int = 15) -> dict:
    """What recolouring costs in the browser alone (no server): a new ``hideout`` given to both unit
    layers (dash-leaflet then rebuilds them), against Leaflet's ``setStyle`` on the existing paths."""
    by_hideout, in_place = [], []
    for _ in range(tries):
        by_hideout.append(page.evaluate(RESTYLE_BY_HIDEOUT))
        page.wait_for_timeout(150)
    for _ in range(tries):
        in_place.append(page.evaluate(RESTYLE_IN_PLACE))
        page.wait_for_timeout(150)
    return {"hideout_ms": by_hideout, "in_place_ms": in_place}


def median(values) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def measure(
    base: str,
    mode: str,
    labels: dict,
    units: list[dict],
    loads: int = 20,
    switches: int = 20,
    clicks: int = 20,
    warmup: int = 2,
    log=print,
) -> dict:
    """All browser figures of one server (``mode`` is ``"app"`` or ``"peer"``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for _ in range(warmup):
                first_load(browser, base, mode)
            loads_out = []
            for i in range(loads):
                loads_out.append(first_load(browser, base, mode))
                log(f"  {mode} load {i + 1}/{loads}: {loads_out[-1]['visible_ms']:.0f} ms, {loads_out[-1]['bytes']} B")
            inter = interactions(browser, base, mode, labels, units, switches, clicks)
            log(f"  {mode} switch ms {[round(v) for v in inter['switch_ms']]}")
            log(f"  {mode} click ms {[round(v) for v in inter['click_ms']]}")
        finally:
            browser.close()
    return {
        "load_visible_ms": [r["visible_ms"] for r in loads_out],
        "load_bytes": [r["bytes"] for r in loads_out],
        "load_requests": [r["requests"] for r in loads_out],
        "load_geometry_bytes": [r["geometry_bytes"] for r in loads_out],
        "load_urls": loads_out[-1]["urls"] if loads_out else [],
        "console_errors": sorted({e for r in loads_out for e in r["errors"]} | set(inter["errors"])),
        "foreign_requests": sorted({u for r in loads_out for u in r["foreign"]} | set(inter.get("foreign", []))),
        **{k: v for k, v in inter.items() if k not in ("errors", "foreign")},
    }
