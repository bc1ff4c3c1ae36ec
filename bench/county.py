"""The county level in the benchmark (issue 13), side by side with the prefecture map in the same run.

Three pairs, each measured in headless Chromium against the same app server:

* **first load** — the prefecture map (``/``) and the whole-country county map (``/?level=county``)
  in a fresh context, until every unit path is drawn and coloured from the live hideout;
* **drill-down** — from the loaded prefecture map to one province: its prefectures
  (``/?view=<p>``) and its counties (``/?level=county&view=<p>``, what the pilot links open);
  ``t0`` is taken in the page before the navigation, ``t1`` when the last path is coloured
  (both on the page's own clock, ``performance.timeOrigin + performance.now()``);
* **worker memory** — the app workers' PSS after the prefecture loads and again after the
  county loads (the county layer is loaded lazily, by the first county page).

Plus the county files' sizes from the build manifest (gzip bytes: each province file, the whole
country). Figures are written by :mod:`bench.run` into BENCHMARKS.md; this module only measures.
"""

from __future__ import annotations

import statistics

#: When every unit path of the map's own layers is drawn and coloured (county paths carry ``f``).
COLOURED = """
([level, n]) => {
  const ns = window.ledAtlas, h = ns && ns.current && ns.current.h;
  if (!h || !h.colors) return false;
  if ((h.level || "prefecture") !== level) return false;
  const paths = ns.unitLayers().filter((l) => !l.feature.properties._k && (level === "county") === !!l.feature.properties.f);
  if (paths.length < n) return false;
  const want = (a) => (h.c[a] !== undefined && h.c[a] !== null ? h.colors[h.c[a]] : h.nodata);
  if (!paths.every((l) => l.options.fillColor === want(l.feature.properties.a))) return false;
  return performance.timeOrigin + performance.now();
}
"""

PROVINCE = "640000"  # Ningxia, 5 prefectures / 22 counties


def _expected_paths() -> dict:
    """Paths each view draws (from the built layers): prefecture map, county map, the province's counties."""
    from geodata import county_layer, layer

    counties = county_layer.county_units()
    drawn = counties[counties["map_area_km2"] > 0]
    return {
        "prefecture": int((layer.units()["map_area_km2"] > 0).sum()),
        "county": int(len(drawn)),
        "province_prefectures": int((layer.units()["province_adcode"] == PROVINCE).sum()),
        "province_counties": int((drawn["province_adcode"] == PROVINCE).sum()),
    }


def _load(browser, url: str, level: str, n: int) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US")
    try:
        page = context.new_page()
        page.goto(url, wait_until="commit")
        start = page.evaluate("performance.timeOrigin")
        end = page.wait_for_function(COLOURED, arg=[level, n], polling="raf", timeout=180_000).json_value()
        return end - start
    finally:
        context.close()


def _drill(browser, base: str, target: str, level: str, n: int, n_first: int) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US")
    try:
        page = context.new_page()
        page.goto(base + "/")
        page.wait_for_function(COLOURED, arg=["prefecture", n_first], polling=100, timeout=180_000)
        page.wait_for_load_state("networkidle")
        t0 = page.evaluate("(u) => { const t = performance.timeOrigin + performance.now(); location.href = u; return t; }",
                           base + target)  # fmt: skip
        end = page.wait_for_function(COLOURED, arg=[level, n], polling="raf", timeout=180_000).json_value()
        return end - t0
    finally:
        context.close()


def county_file_sizes() -> dict:
    """Gzip bytes of the whole-country county file and of each province's county file (build manifest)."""
    from geodata import county_layer

    files = county_layer.manifest()["files"]
    per_province = {k[7:13]: v["gzip_bytes"] for k, v in files.items() if k[7:9].isdigit()}
    return {
        "whole_country_gzip": files["county/all.pbf"]["gzip_bytes"],
        "context_gzip": files["county/prefectures.pbf"]["gzip_bytes"] + files["county/lines.pbf"]["gzip_bytes"],
        "province_gzip": per_province,
        "build_seconds": county_layer.manifest()["seconds"],
    }


def measure(base: str, loads: int, memory_of=None, log=print) -> dict:
    """The county scenario's figures against a running app server at ``base``."""
    from playwright.sync_api import sync_playwright

    from bench.browser import CHROMIUM, CHROMIUM_ARGS

    n = _expected_paths()
    out: dict = {"paths": n, "files": county_file_sizes()}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            out["first_load_prefecture_ms"] = [_load(browser, base + "/", "prefecture", n["prefecture"]) for _ in range(loads)]
            out["memory_prefecture"] = memory_of() if memory_of else None
            out["first_load_county_ms"] = [_load(browser, base + "/?level=county", "county", n["county"]) for _ in range(loads)]
            out["drill_prefectures_ms"] = [
                _drill(browser, base, f"/?view={PROVINCE}", "prefecture", n["province_prefectures"], n["prefecture"])
                for _ in range(loads)
            ]
            out["drill_counties_ms"] = [
                _drill(browser, base, f"/?level=county&view={PROVINCE}", "county", n["province_counties"], n["prefecture"])
                for _ in range(loads)
            ]
            out["memory_county"] = memory_of() if memory_of else None
        finally:
            browser.close()
    for key in ("first_load_prefecture_ms", "first_load_county_ms", "drill_prefectures_ms", "drill_counties_ms"):
        log(f"  county scenario {key}: {[round(v) for v in out[key]]}")
    return out


def markdown(c: dict | None) -> list[str]:
    """The county section of BENCHMARKS.md (empty without a county run)."""
    if not c:
        return []

    def med(key):
        return f"{statistics.median(c[key]):,.0f} ms" if c.get(key) else "–"

    def pss(key):
        mem = c.get(key) or []
        return f"{max(m['pss'] for m in mem) / 2**20:,.0f} MB" if mem and mem[0].get("pss") else "–"

    f = c["files"]
    prov = f["province_gzip"]
    return [
        "## County level (issue 13), beside the prefecture map in the same run",
        "",
        "| metric | prefecture map | county map |",
        "|---|---:|---:|",
        f"| first load until every path is coloured (median) | {med('first_load_prefecture_ms')} | {med('first_load_county_ms')} |",
        f"| drill-down into Ningxia until coloured (median) | {med('drill_prefectures_ms')} | {med('drill_counties_ms')} |",
        f"| paths drawn (whole country / Ningxia) | {c['paths']['prefecture']} / {c['paths']['province_prefectures']} "
        f"| {c['paths']['county']} / {c['paths']['province_counties']} |",
        f"| worker memory, PSS of the largest worker | {pss('memory_prefecture')} | {pss('memory_county')} |",
        "",
        f"County files (gzip): whole country {f['whole_country_gzip'] / 1024:,.0f} kB; drill-down context "
        f"(prefectures dissolved from the counties + border lines) {f['context_gzip'] / 1024:,.0f} kB; per province "
        f"{min(prov.values()) / 1024:,.0f}–{max(prov.values()) / 1024:,.0f} kB (Ningxia {prov.get('640000', 0) / 1024:,.0f} kB, "
        f"Chongqing {prov.get('500000', 0) / 1024:,.0f} kB). County layer build: {f['build_seconds']:,.0f} s.",
        "",
    ]
