"""Benchmark the LED Atlas against the standard Plotly approach, side by side, and write BENCHMARKS.md.

    .venv/bin/python -m bench.run            # everything, about 8–10 minutes on 2 cores
    .venv/bin/python -m bench.run --quick    # fewer repetitions, shorter loads (a smoke run)

Steps: start both servers under gunicorn with 2 workers (:mod:`bench.servers`); browser figures
(:mod:`bench.browser`); server-side latency of the switch callback (:mod:`bench.latency`); locust
load against each (:mod:`bench.load`), then the resident memory of every worker; the app under load
with a worker killed (:mod:`bench.kill_worker`). Results go to ``BENCHMARKS.md`` at the repository
root and, in full, to ``results.json`` in the run folder (printed at the end).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from importlib import metadata
from pathlib import Path

from bench import (
    browser,
    county,
    county_api,
    first_paint,
    kill_worker,
    latency,
    load,
    scenes,
    servers,
    targets,
    time_preview,
    workbench,
)
from bench import flows as flows_bench

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT_FILE = REPO_ROOT / "BENCHMARKS.md"
KB = 1000  # kB in this report are 1,000 bytes
MB = 1024 * 1024  # memory is reported in MiB


def machine() -> dict:
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    total_kb = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    return {
        "nproc": os.cpu_count(),
        "ram_gib": round(total_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "kernel": platform.release(),
    }


def versions(chromium: str | None) -> dict:
    out = {"python": platform.python_version()}
    for dist in ("dash", "dash-leaflet", "plotly", "Flask", "Flask-Compress", "gunicorn", "playwright", "locust"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "missing"
    try:
        from plotly.offline import get_plotlyjs_version

        out["plotly.js"] = get_plotlyjs_version()
    except ImportError:
        pass
    if chromium:
        out["chromium"] = chromium
    return out


def chromium_version() -> str | None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=browser.CHROMIUM, args=browser.CHROMIUM_ARGS, headless=True)
        try:
            return b.version
        finally:
            b.close()


def loadavg() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def memory(server: servers.Server) -> list[dict]:
    out = []
    for pid in server.worker_pids():
        pss, uss = servers.pss_uss_bytes(pid)
        out.append({"pid": pid, "rss": servers.rss_bytes(pid), "pss": pss, "uss": uss})
    return out


def med(values):
    return browser.median(values)


def requests_error() -> type[Exception]:
    import requests

    return requests.RequestException


def run(args) -> dict:
    run_dir = servers.run_dir("led-bench-run-")
    log = print
    log(f"run folder: {run_dir}")
    results: dict = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "versions": versions(chromium_version()),
        "params": vars(args) | {"out": str(args.out)},
        "loadavg": {"start": loadavg()},
    }
    labels = targets.indicator_labels()
    units = targets.click_units(browser.SWITCH_SEQUENCE)
    t_start = time.monotonic()
    app = servers.app_server(workers=2)
    peer = servers.peer_server(workers=2)
    try:
        log("starting both servers (gunicorn, 2 workers each)")
        app.start()
        peer.start()
        log(
            f"[{time.monotonic() - t_start:5.0f} s] first loads, interleaved: {args.loads} quiet + {args.loads} interactive each"
        )
        loads = first_paint.measure({"app": app.base, "peer": peer.base}, units, args.loads, log=log)
        results["loadavg"]["after_first_loads"] = loadavg()
        for name, server, mode in (("app", app, "app"), ("peer", peer, "peer")):
            log(f"[{time.monotonic() - t_start:5.0f} s] browser: {name}")
            b = browser.measure(server.base, mode, labels, units, 0, args.switches, args.clicks, warmup=0, log=log)
            quiet = loads[name]["quiet"]
            b["load_visible_ms"] = [r["visible_ms"] for r in quiet + loads[name]["interactive"]]
            b["load_bytes"] = [r["bytes_10s"] for r in quiet]
            b["load_requests"] = [len(r["urls_10s"]) for r in quiet]
            b["load_geometry_bytes"] = [sum(n for u, n in r["urls_visible"] if "/geo/" in u) for r in quiet]
            b["load_urls"] = quiet[-1]["urls_10s"] if quiet else []
            b["console_errors"] = sorted(set(b["console_errors"]) | {e for r in quiet for e in r["errors"]})
            results[name] = {"browser": b, "first_paint": loads[name]}
            results["loadavg"][f"after_browser_{name}"] = loadavg()
            if name == "app":
                log(f"[{time.monotonic() - t_start:5.0f} s] link preview PNG and play step: app")
                results["app"]["time_preview"] = time_preview.measure(
                    app.base, args.preview_reps, args.play_steps, log=log
                )
        log(f"[{time.monotonic() - t_start:5.0f} s] browser: the locality brief and the profile / table tabs")
        try:
            results["app"]["workbench"] = workbench.measure(app.base, reps=3 if args.quick else 10, log=log)
        except Exception as exc:  # noqa: BLE001 - a failed scenario must not lose the other figures
            results["app"]["workbench"] = None
            log(f"  workbench not measured: {type(exc).__name__}: {exc}")
        log(f"[{time.monotonic() - t_start:5.0f} s] browser: presenter scene changes")
        try:
            results["app"]["scenes"] = scenes.measure(app.base, args.scene_presses, log=log)
        except Exception as exc:  # noqa: BLE001 - the other figures still count
            results["app"]["scenes"] = {"error": f"{type(exc).__name__}: {exc}"}
            log(f"  scene changes failed: {exc}")
        log(f"[{time.monotonic() - t_start:5.0f} s] browser: flows for newly selected units (app)")
        results["app"]["flows"] = flows_bench.measure(app.base, args.flow_steps, log=log)
        log(f"[{time.monotonic() - t_start:5.0f} s] browser: county level beside the prefecture map")
        try:
            results["county"] = county.measure(app.base, max(1, args.loads // 2), lambda: memory(app), log=log)
        except Exception as exc:  # noqa: BLE001 - a failed county scenario must not lose the other figures
            results["county"] = None
            log(f"  county scenario failed: {type(exc).__name__}: {exc}")
        for name, server, reps, seconds in (("app", app, args.latency_reps, 15), ("peer", peer, 200, 25)):
            log(f"[{time.monotonic() - t_start:5.0f} s] callback latency: {name}")
            b = results[name]["browser"]
            posts = b.pop("switch_posts")
            clicks = b.pop("click_posts", [])
            n_switches = min(len(b["switch_ms"]), len(browser.SWITCH_SEQUENCE))
            results[name]["callbacks_per_switch"] = len(posts) / max(1, n_switches)
            results[name]["callbacks_per_click"] = len(clicks) / max(1, min(len(b["click_ms"]), len(units)))
            # A switch without any server callback leaves nothing to load the server with: then the load
            # is what the server does serve in an interaction, the selection click's callbacks.
            results[name]["load_mix"] = "switch" if posts else "click"
            mix = [body for _, body in (posts or clicks)]
            main = [body for output, body in posts if browser.MAIN_OUTPUT[name] in output]
            results[name]["latency"] = {
                "map": latency.replay(server.base, main, reps, seconds) if main else None,
                "mix": latency.replay(server.base, mix, reps, seconds) if mix else None,
            }
            payload_file = run_dir / f"payloads-{name}.json"
            payload_file.write_text(json.dumps(mix), encoding="utf-8")
            results[name]["payload_file"] = str(payload_file) if mix else None
        log(f"[{time.monotonic() - t_start:5.0f} s] county level beside the prefecture level: data API")
        try:
            results["county_api"] = county_api.measure(app.base, reps=3 if args.quick else 10)
        except (OSError, ValueError, requests_error()) as exc:
            results["county_api"] = None
            log(f"  county API not measured: {exc}")
        for name, server in (("app", app), ("peer", peer)):
            log(f"[{time.monotonic() - t_start:5.0f} s] locust: {name}, {args.users} users, {args.load_seconds} s")
            results[name]["workers_before_load"] = server.worker_pids()
            if not results[name]["payload_file"]:  # no server callback in a switch: nothing to load
                results[name]["load"] = None
                results[name]["memory"] = memory(server)
                results[name]["workers_after_load"] = server.worker_pids()
                continue
            results[name]["load"] = load.run_locust(
                server.base,
                Path(results[name]["payload_file"]),
                run_dir / f"locust-{name}",
                args.users,
                args.load_seconds,
            )
            results[name]["memory"] = memory(server)
            results[name]["workers_after_load"] = server.worker_pids()
            results["loadavg"][f"after_load_{name}"] = loadavg()
    finally:
        app.stop()
        peer.stop()
    (run_dir / "results.json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")  # partial
    if not args.skip_kill and results["app"].get("payload_file"):
        log(
            f"[{time.monotonic() - t_start:5.0f} s] worker killed under load ({args.kill_users} users, {args.kill_seconds} s)"
        )
        try:
            results["kill"] = kill_worker.run(
                Path(results["app"]["payload_file"]),
                run_dir,
                args.kill_users,
                args.kill_seconds,
                args.kill_seconds / 2,
                log=log,
            )
        except (RuntimeError, OSError) as exc:
            results["kill"] = {"error": f"{type(exc).__name__}: {exc}"}
            log(f"  kill run failed: {exc}")
    results["loadavg"]["end"] = loadavg()
    results["seconds"] = round(time.monotonic() - t_start)
    (run_dir / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    log(f"results: {run_dir / 'results.json'}")
    return results


# --------------------------------------------------------------------------------------------------
# BENCHMARKS.md
# --------------------------------------------------------------------------------------------------


def _fmt_ms(v) -> str:
    return "–" if v is None else f"{v:,.0f} ms"


def _fmt_kb(v) -> str:
    return "–" if v is None else f"{v / KB:,.1f} kB"


def _pair(p50, p95, none: str = "–") -> str:
    return none if p50 is None else f"{p50:,.1f} / {p95:,.1f} ms"


def _num(v, none: str = "–") -> str:
    return none if v is None else f"{v:,.2f}" if v < 10 else f"{v:,.1f}"


def _ratio(a, b) -> str:
    if a is None or b in (None, 0):
        return "–"
    r = a / b
    return f"{r:.3f}" if r < 0.1 else f"{r:.2f}" if r < 10 else f"{r:,.0f}"


def _verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**missed**")


def _get(d, *keys):
    for k in keys:
        if not isinstance(d, dict) or d.get(k) is None:
            return None
        d = d[k]
    return d


def _switches_per_s(rps, per_switch):
    return None if rps is None or not per_switch else rps / per_switch


def _first_paint(a: dict, p: dict) -> dict:
    """``(this, peer)`` medians of the interleaved first loads (:mod:`bench.first_paint`)."""
    fa = first_paint.summary(a.get("first_paint") or {})
    fp = first_paint.summary(p.get("first_paint") or {})
    keys = ("coloured_ms", "bytes_visible", "bytes_4s", "bytes_10s", "tooltip_ms", "selected_ms")
    return {f"fp_{k}": (fa[k], fp[k]) for k in keys}


def summary(results: dict) -> dict:
    a, p = results["app"], results["peer"]
    ab, pb = a["browser"], p["browser"]
    app_rss = [m["rss"] for m in a["memory"] if m["rss"]]
    peer_rss = [m["rss"] for m in p["memory"] if m["rss"]]
    s = {
        "visible": (med(ab["load_visible_ms"]), med(pb["load_visible_ms"])),
        **_first_paint(a, p),
        "load_bytes": (med(ab["load_bytes"]), med(pb["load_bytes"])),
        "load_requests": (med(ab["load_requests"]), med(pb["load_requests"])),
        "geometry": (med(ab["load_geometry_bytes"]), None),
        "switch_ms": (med(ab["switch_ms"]), med(pb["switch_ms"])),
        "switch_bytes": (med(ab["switch_bytes"]), med(pb["switch_bytes"])),
        "switch_requests": (med(ab["switch_requests"]), med(pb["switch_requests"])),
        "click_ms": (med(ab["click_ms"]), med(pb["click_ms"])),
        "click_bytes": (med(ab["click_bytes"]), med(pb["click_bytes"])),
        "click_requests": (med(ab["click_requests"]), med(pb["click_requests"])),
        "map_p50": (_get(a, "latency", "map", "p50_ms"), _get(p, "latency", "map", "p50_ms")),
        "map_p95": (_get(a, "latency", "map", "p95_ms"), _get(p, "latency", "map", "p95_ms")),
        "mix_p50": (_get(a, "latency", "mix", "p50_ms"), _get(p, "latency", "mix", "p50_ms")),
        "mix_p95": (_get(a, "latency", "mix", "p95_ms"), _get(p, "latency", "mix", "p95_ms")),
        "per_switch": (a["callbacks_per_switch"], p["callbacks_per_switch"]),
        "rps": (_get(a, "load", "rps"), _get(p, "load", "rps")),
        "errors": (_get(a, "load", "failures"), _get(p, "load", "failures")),
        "requests": (_get(a, "load", "requests"), _get(p, "load", "requests")),
        "restyle": (med(_get(ab, "restyle", "hideout_ms") or []), med(_get(ab, "restyle", "in_place_ms") or [])),
        "rss_max": (max(app_rss) if app_rss else None, max(peer_rss) if peer_rss else None),
        "pss_max": (max((m["pss"] or 0) for m in a["memory"]), max((m["pss"] or 0) for m in p["memory"])),
    }
    return s


def _flows_rows(f: dict | None) -> list[tuple]:
    """Rows of the flows scenario (bench/flows.py): the app only, no peer figure."""
    if not f or not f.get("framed_ms"):
        return []
    drawn, server = med(f["framed_ms"]), med(f["server_ms"])
    return [
        ("Flows: newly selected unit drawn after the answer arrives (median)", _fmt_ms(drawn), "–", "–",
         "≤ 100 ms", _verdict(drawn <= 100)),
        ("Flows: /api/corridors answer size (median, JSON characters)", f"{med(f['answer_chars']):,.0f}", "–", "–",
         "", ""),
        ("Flows: /api/corridors server time (median, Server-Timing)", _fmt_ms(server), "–", "–", "", ""),
    ]  # fmt: skip


def write_markdown(results: dict, path: Path = OUT_FILE) -> str:
    s = summary(results)
    m, v, r = results["machine"], results["versions"], results
    a, p = r["app"], r["peer"]
    n_loads, n_sw, n_cl = (len(a["browser"][k]) for k in ("load_visible_ms", "switch_ms", "click_ms"))
    ms = _fmt_ms
    targets_ = {
        "geometry": s["geometry"][0] is not None and s["geometry"][0] <= 300 * KB,
        "visible": s["visible"][0] <= 800,
        "visible_040": s["visible"][0] <= 0.40 * s["visible"][1],
        "coloured": s["fp_coloured_ms"][0] is not None and s["fp_coloured_ms"][0] <= 800,
        "coloured_040": s["fp_coloured_ms"][0] is not None and s["fp_coloured_ms"][0] <= 0.40 * s["visible"][1],
        "budget_600": s["fp_bytes_visible"][0] is not None and s["fp_bytes_visible"][0] <= 600 * KB,
        "budget_1000": s["fp_bytes_10s"][0] is not None and s["fp_bytes_10s"][0] <= 1000 * KB,
        "no_round_trip": s["switch_requests"][0] == 0,
        "switch_50ms": s["switch_ms"][0] <= 50,
        "bytes_50x": s["switch_bytes"][0] * 50 <= s["switch_bytes"][1],
        "faster_10x": s["switch_ms"][0] * 10 <= s["switch_ms"][1],
        "rps_5x": s["rps"][0] is None or s["rps"][0] >= 5 * s["rps"][1],  # None: no server work per switch
        "rss_300": s["rss_max"][0] is not None and s["rss_max"][0] <= 300 * MB,
    }
    click_mix = a.get("load_mix") == "click"
    mix_name = "the selection click's callbacks: a switch has none" if click_mix else "the switch's callbacks"
    per_name = "clicks" if click_mix else "switches"
    per_app = a.get("callbacks_per_click") if click_mix else s["per_switch"][0]
    rows = [
        ("First load: first coloured map (median; this app: the server-drawn first frame; peer: its map)",
         ms(s["fp_coloured_ms"][0]), ms(s["visible"][1]), _ratio(s["fp_coloured_ms"][0], s["visible"][1]),
         "≤ 800 ms; this/peer ≤ 0.40", f"{_verdict(targets_['coloured'])}; {_verdict(targets_['coloured_040'])}"),
        ("First load: interactive map = the live map visible (median)", ms(s["visible"][0]), ms(s["visible"][1]),
         _ratio(*s["visible"]), "≤ 800 ms; this/peer ≤ 0.40",
         f"{_verdict(targets_['visible'])}; {_verdict(targets_['visible_040'])}"),
        ("First load: bytes started before the map is visible (median)", _fmt_kb(s["fp_bytes_visible"][0]),
         _fmt_kb(s["fp_bytes_visible"][1]), _ratio(*s["fp_bytes_visible"]), "≤ 600 kB", _verdict(targets_["budget_600"])),
        ("First load: bytes started in the first 4 s, no input (median)", _fmt_kb(s["fp_bytes_4s"][0]),
         _fmt_kb(s["fp_bytes_4s"][1]), _ratio(*s["fp_bytes_4s"]), "", ""),
        ("First load: first hover shows a tooltip (median, from navigation)", ms(s["fp_tooltip_ms"][0]),
         ms(s["fp_tooltip_ms"][1]), _ratio(*s["fp_tooltip_ms"]), "", ""),
        ("First load: first click selects = time to interactive (median)", ms(s["fp_selected_ms"][0]),
         ms(s["fp_selected_ms"][1]), _ratio(*s["fp_selected_ms"]), "", ""),
        ("First load: bytes started in the first 10 s, no input (median)", _fmt_kb(s["load_bytes"][0]), _fmt_kb(s["load_bytes"][1]),
         _ratio(*s["load_bytes"]), "≤ 1,000 kB", _verdict(targets_["budget_1000"])),
        ("First load: requests", f"{s['load_requests'][0]:.0f}", f"{s['load_requests'][1]:.0f}",
         _ratio(*s["load_requests"]), "", ""),
        ("First load: geometry transferred", _fmt_kb(s["geometry"][0]), "inside the figure JSON", "–",
         "≤ 300 kB gz", _verdict(targets_["geometry"])),
        ("Indicator switch: until recoloured (median)", ms(s["switch_ms"][0]), ms(s["switch_ms"][1]),
         _ratio(*s["switch_ms"]), "≤ 50 ms; this/peer ≤ 0.1 (≥ 10× faster)",
         f"{_verdict(targets_['switch_50ms'])}; {_verdict(targets_['faster_10x'])}"),
        ("Indicator switch: bytes (median)", _fmt_kb(s["switch_bytes"][0]), _fmt_kb(s["switch_bytes"][1]),
         _ratio(*s["switch_bytes"]), "this/peer ≤ 0.02 (≥ 50× fewer)", _verdict(targets_["bytes_50x"])),
        ("Indicator switch: server requests (median)", f"{s['switch_requests'][0]:.0f}",
         f"{s['switch_requests'][1]:.0f}", _ratio(*s["switch_requests"]), "0 (no server round trip)",
         _verdict(targets_["no_round_trip"])),
        ("Selection click: until drawn (median)", ms(s["click_ms"][0]), ms(s["click_ms"][1]), _ratio(*s["click_ms"]),
         "", ""),
        ("Selection click: bytes (median)", _fmt_kb(s["click_bytes"][0]), _fmt_kb(s["click_bytes"][1]),
         _ratio(*s["click_bytes"]), "", ""),
        ("Switch: map callback, server side p50 / p95", _pair(s["map_p50"][0], s["map_p95"][0], "none (browser)"),
         _pair(s["map_p50"][1], s["map_p95"][1]), _ratio(s["map_p50"][0], s["map_p50"][1]), "", ""),
        ("Switch: server callbacks per switch", f"{s['per_switch'][0]:.1f}", f"{s['per_switch'][1]:.1f}",
         _ratio(*s["per_switch"]), "0", _verdict(s["per_switch"][0] == 0)),
        (f"{'Click' if click_mix else 'Switch'}: all its callbacks (mix), server side p50 / p95", _pair(s["mix_p50"][0], s["mix_p95"][0], "none"),
         _pair(s["mix_p50"][1], s["mix_p95"][1]), _ratio(s["mix_p50"][0], s["mix_p50"][1]), "", ""),
        (f"Locust: callback requests/s ({r['params']['users']} users, {r['params']['load_seconds']} s, {mix_name})",
         _num(s["rps"][0], "no server work"), _num(s["rps"][1]), _ratio(*s["rps"]), "this/peer ≥ 5",
         _verdict(targets_["rps_5x"])),
        (f"Locust: {per_name}/s the server sustains (requests/s ÷ callbacks per {per_name[:-1]}; peer: per switch)",
         _num(_switches_per_s(s["rps"][0], per_app), "unbounded"),
         _num(_switches_per_s(s["rps"][1], s["per_switch"][1])),
         _ratio(_switches_per_s(s["rps"][0], per_app), _switches_per_s(s["rps"][1], s["per_switch"][1])), "", ""),
        ("Locust: failed requests", f"{s['errors'][0]} of {s['requests'][0]:,}" if s["requests"][0] else "–",
         f"{s['errors'][1]} of {s['requests'][1]:,}" if s["requests"][1] else "–", "–", "", ""),
        ("Resident memory per worker after load (max RSS)", f"{s['rss_max'][0]/ MB:,.0f} MiB",
         f"{s['rss_max'][1]/ MB:,.0f} MiB", _ratio(*s["rss_max"]), "≤ 300 MiB", _verdict(targets_["rss_300"])),
        *_time_preview_rows(a.get("time_preview")),
        ("Proportional memory per worker after load (max PSS)", f"{s['pss_max'][0]/ MB:,.0f} MiB",
         f"{s['pss_max'][1]/ MB:,.0f} MiB", _ratio(*s["pss_max"]), "", ""),
    ]  # fmt: skip
    rows += _flows_rows(a.get("flows"))
    la = r["loadavg"]
    recycled = {
        n: sorted(set(r[n].get("workers_after_load", [])) - set(r[n].get("workers_before_load", [])))
        for n in ("app", "peer")
    }
    lines = [
        "# Benchmarks: LED Atlas (dash-leaflet, geometry once + `hideout`) vs. the standard Plotly approach",
        "",
        "Written by `bench/run.py` (see `bench/README.md`); not part of the test suite's pass/fail.",
        "",
        f"- **Date:** {r['date']}; whole run {r['seconds']} s.",
        f"- **Machine:** {m['nproc']} CPUs ({m['cpu']}), {m['ram_gib']} GiB RAM, Linux {m['kernel']}; loopback only.",
        "- **Load average** (1 min) during the run: "
        + ", ".join(f"{k.replace('_', ' ')} {val:.1f}" for k, val in la.items())
        + ". Other processes shared the 2 CPUs when the load average exceeds ~2: absolute times are then"
        " inflated for both servers; the ratios are the point.",
        "- **Versions:** " + ", ".join(f"{k} {val}" for k, val in v.items()) + ".",
        "- **This** = the app as in production: `gunicorn -c gunicorn.conf.py app:server`, 2 workers × 2 threads."
        " **Peer** = `bench/peer_app.py`: Dash + `dcc.Graph` + `go.Choroplethmap` (map style `white-bg`, no tiles),"
        " the same simplified geometry reprojected to degrees (same vertices) and the same values; every change"
        " returns the whole figure. Same gunicorn settings (2 workers × 2 threads), same compression.",
        f"- **Repetitions:** first load {n_loads}× per server (fresh browser context each, after 1 warm-up; half of them"
        " quiet for 10 s for the byte counts, half hovering and clicking at once for time to interactive; app and peer"
        f" interleaved, `bench/first_paint.py`), indicator switch"
        f" {n_sw}×, selection click {n_cl}×; medians. Callback latency: {_get(a, 'latency', 'mix', 'n')} (this)"
        f" and {_get(p, 'latency', 'mix', 'n')} (peer) sequential POSTs of the recorded bodies.",
        "- **Workers during the locust runs:** "
        + "; ".join(
            f"{n}: {len(recycled[n])} replaced by gunicorn's `max_requests` recycling (memory then read from the fresh worker)"
            if recycled[n]
            else f"{n}: none recycled"
            for n in ("app", "peer")
        )
        + ".",
        "",
        "| metric | this | peer | this/peer | target | verdict |",
        "|---|---:|---:|---:|---|---|",
        *(f"| {' | '.join(row)} |" for row in rows),
        "",
    ]
    lines += _workbench_section(a.get("workbench"))
    lines += _scene_section(a.get("scenes"))
    lines += county.markdown(r.get("county"))
    lines += _kill_section(r.get("kill"))
    lines += _missed_section(results, s, targets_)
    lines += county_api.markdown(results.get("county_api"))
    if results.get("run_notes"):  # what happened to this run besides the figures (written by hand)
        lines += ["## Notes on this run", "", *[f"- {n}" for n in results["run_notes"]], ""]
    lines += _notes(results)
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return text


def _workbench_section(w: dict | None) -> list[str]:
    """Rows of the planner's workbench (bench/workbench.py): the brief against the profile tab."""
    if not w:
        return []
    rows = [
        ("Locality brief of Yinchuan: navigation until drawn (median)", w.get("brief_ms"), "≤ 1,000 ms"),
        ("Profile tab of Yinchuan: click until drawn (median)", w.get("profile_tab_ms"), ""),
        ("Comparison table of Ningxia's 5 units: click until drawn (median)", w.get("table_tab_ms"), ""),
    ]
    lines = [
        "## The planner's workbench (issue 18)",
        "",
        "| metric | this | n | target | verdict |",
        "|---|---:|---:|---|---|",
    ]
    for name, values, target in rows:
        v = med(values) if values else None
        verdict = _verdict(v is not None and v <= 1000) if target else ""
        lines.append(f"| {name} | {_fmt_ms(v)} | {len(values or [])} | {target} | {verdict} |")
    return [*lines, ""]


def _time_preview_rows(tp: dict | None) -> list[tuple[str, ...]]:
    """Rows of issue 17's figures (bench/time_preview.py): the link preview's PNG, one play step."""
    if not tp:
        return []
    unc, cac = med(tp.get("uncached_ms") or []), med(tp.get("cached_ms") or [])
    step_map, step_legend = med(tp.get("play_step_map_ms") or []), med(tp.get("play_step_legend_ms") or [])
    return [
        ("Link preview `/preview.png`: uncached, a new state (median)", _fmt_ms(unc), "–", "–", "≤ 2 s",
         _verdict(unc is not None and unc <= 2000)),
        ("Link preview `/preview.png`: cached (median)", _fmt_ms(cac), "–", "–", "≤ 300 ms",
         _verdict(cac is not None and cac <= 300)),
        ("Play: one year step, map recoloured / legend drawn (median)",
         f"{_fmt_ms(step_map)} / {_fmt_ms(step_legend)}", "–", "–", "", ""),
    ]  # fmt: skip


def _scene_section(sc: dict | None) -> list[str]:
    """Presenter scene changes (bench/scenes.py): key press → scene fully drawn, at 1920×1080."""
    if not sc:
        return []
    if "error" in sc:
        return ["## Presenter scene changes", "", f"Not measured: {sc['error']}", ""]
    t = sorted(sc["scene_ms"])
    q = statistics.quantiles(t, n=20) if len(t) >= 2 else [t[0]] * 19
    verdict = _verdict(sc["median_ms"] <= 400 and not sc["reloaded"])
    return [
        "## Presenter scene changes",
        "",
        "Key press (→ / ←) → scene fully drawn (title, map colours, legend, view, the scene's chart), "
        f"{len(t)} presses at 1920×1080 over scenes 1–{sc.get('scenes', '?')}, no reload"
        f"{' — the page RELOADED' if sc['reloaded'] else ''}. Scenes from {sc.get('scenes', 0) + 1} on start at the "
        "county level, whose map loads its own page (other geometry), by design: not part of these figures."
        + (f" {sc['note']}" if sc.get("note") else ""),
        "",
        "| min | p25 | median | p75 | p95 | max | target | verdict |",
        "|---:|---:|---:|---:|---:|---:|---|---|",
        f"| {_fmt_ms(t[0])} | {_fmt_ms(q[4])} | {_fmt_ms(sc['median_ms'])} | {_fmt_ms(q[14])} | {_fmt_ms(q[18])} "
        f"| {_fmt_ms(t[-1])} | median ≤ 400 ms | {verdict} |",
        "",
    ]


def _kill_verdict(k: dict) -> str:
    held = k.get("connections_on_killed_worker")
    statuses = [f for f in k["failure_kinds"] if "BadStatusCode" in f["error"]]
    late = (k.get("requests_after_kill_plus_5s") or {}).get("failures")
    if statuses:
        return (
            "**Not a clean run:** the server answered with error statuses (see the failure kinds), so the failures"
            " are not only the requests lost with the killed worker."
        )
    if held is not None and k["failures"] <= held and not late:
        return (
            f"All {k['failures']} failures are connections closed under a request: at most one per keep-alive"
            f" connection the killed worker held ({held}). The other worker kept answering, gunicorn forked a"
            " replacement from the preloaded master, and no request failed from 5 s after the kill on."
        )
    return f"{k['failures']} failures against {held} connections held by the killed worker; {late} failures after the kill."


def _kill_section(k: dict | None) -> list[str]:
    if not k:
        return ["## Load with a worker killed", "", "Not run (`--skip-kill`).", ""]
    if "error" in k:
        return ["## Load with a worker killed", "", f"The run failed: {k['error']}", ""]
    kinds = "; ".join(f"{f['occurrences']}× {f['error']}" for f in k["failure_kinds"]) or "none"
    late = k.get("requests_after_kill_plus_5s") or {}
    replaced = "–" if k["replaced_after_s"] is None else f"{k['replaced_after_s'] * 1000:,.0f} ms"
    return [
        "## Load with a worker killed (`bench/kill_worker.py`)",
        "",
        f"locust, {k['users']} users for {k['seconds']} s against this app (2 workers, keep-alive connections);"
        f" worker {k['killed_pid']} got SIGKILL at {k['kill_at_s']:.0f} s.",
        "",
        "| figure | value |",
        "|---|---:|",
        f"| requests | {k['requests']:,} |",
        f"| failed requests | {k['failures']} ({kinds}) |",
        f"| connections open on the killed worker at the kill | {k['connections_on_killed_worker']} |",
        f"| gunicorn started a replacement worker after | {replaced} |",
        f"| workers before → after | {k['workers_before']} → {k['workers_after']} |",
        f"| workers recycled meanwhile by gunicorn's `max_requests` (graceful) | {k.get('workers_recycled_by_max_requests', '–')} |",
        f"| requests / failures from 5 s after the kill to the end | {late.get('requests', '–')} / {late.get('failures', '–')} |",
        f"| requests/s over the whole run | {k['rps']:,.1f} |",
        "",
        _kill_verdict(k),
        "",
    ]


def _callback_names(calls: dict, n_switches: int) -> str:
    """``output ×n`` per callback seen in the switches (first output of multi-output callbacks)."""
    names = []
    for output, n in sorted(calls.items(), key=lambda kv: -kv[1]):
        first = output.strip(".").split("...")[0].split("@")[0]
        names.append(f"`{first}` ×{n / n_switches:.1f}")
    return ", ".join(names) or "none"


def _missed_section(results: dict, s: dict, t: dict) -> list[str]:
    a = results["app"]["browser"]
    n_sw = max(1, len(a["switch_ms"]))
    calls = _callback_names(a.get("switch_callbacks", {}), n_sw)
    map_cb = s["map_p50"][0] is not None
    out = ["## Targets missed, and why", ""]
    if not t["visible"]:
        out.append(
            f"- **Interactive (live) map visible ≤ 0.8 s: missed** ({s['visible'][0]:,.0f} ms; the first coloured map,"
            f" the server-drawn first frame, {_fmt_ms(s['fp_coloured_ms'][0])}). Before Leaflet can draw, the browser"
            f" loads the Dash renderer and the component bundles ({s['load_requests'][0]:.0f} requests,"
            f" {s['load_bytes'][0] / KB:,.0f} kB on the first load), then `/_dash-layout` (built per request from"
            " the URL), then the Geobuf files; only then are the 432 SVG paths created. Other processes also"
            " competed for the 2 CPUs (load average above)."
        )
    if not t["budget_600"]:
        out.append(f"- **≤ 600 kB before the map is visible: missed** ({s['fp_bytes_visible'][0] / KB:,.0f} kB).")
    if not t["budget_1000"]:
        big = [(u, n) for u, n in results["app"]["browser"]["load_urls"] if n > 100 * KB]
        names = ", ".join(f"`{u.split('/')[-1].split('?')[0]}` {n / KB:,.0f} kB" for u, n in big)
        out.append(
            f"- **≤ 1,000 kB in the first 10 s with no click: missed** ({s['load_bytes'][0] / KB:,.0f} kB; files over"
            f" 100 kB: {names}). The compare chart on the first screen is a Plotly `dcc.Graph`, so plotly.js"
            " follows the first paint."
        )
    if not t["coloured"]:
        out.append(f"- **First coloured map ≤ 0.8 s: missed** ({_fmt_ms(s['fp_coloured_ms'][0])}).")
    if not t["coloured_040"]:
        out.append(
            f"- **First coloured map ≤ 0.40× the peer: missed** ({_ratio(s['fp_coloured_ms'][0], s['visible'][1])})."
        )
    if not t["visible_040"]:
        out.append(
            f"- **Interactive (live) map ≤ 0.40× the peer: missed** ({_ratio(*s['visible'])}); the first coloured map"
            " (the server-drawn first frame) is the row above it."
        )
    if not t["no_round_trip"]:
        out.append(
            f"- **Indicator switch without a server round trip: missed.** A switch still caused"
            f" {s['switch_requests'][0]:.0f} requests (median), {s['per_switch'][0]:.1f} of them callback POSTs"
            f" ({calls} per switch)."
            + (
                " The map's colours themselves come from a server callback."
                if map_cb
                else " The map's colours no longer need the server; the requests come from the other callbacks"
                " listening to the indicator or year."
            )
        )
    if not t["switch_50ms"]:
        out.append(
            f"- **Recoloured ≤ 50 ms: missed** ({s['switch_ms'][0]:,.0f} ms)."
            + (" The colours wait for a server round trip, queued with the switch's other callbacks." if map_cb else "")
            + " On every `hideout` change dash-leaflet 1.1.3 removes and re-creates all 432 `<path>` elements of both"
            " unit layers instead of restyling them"
            + (
                f": measured in the page without any server work, a new `hideout` takes {s['restyle'][0]:,.0f} ms"
                f" (median) until the fills change, while Leaflet's `setStyle` on the existing paths takes"
                f" {s['restyle'][1]:,.1f} ms."
                if s["restyle"][0] is not None
                else "."
            )
        )
    if not t["bytes_50x"]:
        out.append(
            f"- **≥ 50× fewer bytes per switch: missed** ({s['switch_bytes'][1] / max(1, s['switch_bytes'][0]):,.0f}×):"
            f" the switch's {s['switch_requests'][0]:.0f} responses carry {s['switch_bytes'][0] / KB:,.1f} kB together."
        )
    if not t["faster_10x"]:
        out.append(
            f"- **≥ 10× faster switch than the peer: missed** ({s['switch_ms'][1] / max(1, s['switch_ms'][0]):,.1f}×),"
            " for the reasons above."
        )
    if not t["rps_5x"]:
        out.append("- **≥ 5× the peer's requests/s: missed.**")
    if not t["rss_300"]:
        out.append(
            f"- **≤ 300 MiB per worker: missed** (max RSS {s['rss_max'][0] / MB:,.0f} MiB, PSS {s['pss_max'][0] / MB:,.0f} MiB):"
            " RSS counts in every worker the pages it shares with the preloaded master (GeoPandas/shapely/pyproj,"
            " pandas, the layer, the indicator store); PSS divides them among the processes sharing them."
        )
    if not t["geometry"]:
        out.append(f"- **Geometry ≤ 300 kB gzipped: missed** ({s['geometry'][0] / KB:,.1f} kB).")
    if len(out) == 2:
        out.append("None.")
    return [*out, ""]


def _notes(results: dict) -> list[str]:
    a, p = results["app"]["browser"], results["peer"]["browser"]
    errs = sorted(set(a["console_errors"]) | set(p["console_errors"]))
    foreign = sorted(set(a["foreign_requests"]) | set(p["foreign_requests"]))
    geo = [f"`{u.split('/')[-1]}` {size / KB:,.1f} kB" for u, size in a["load_urls"] if "/geo/" in u]
    top = sorted(a["load_urls"], key=lambda us: -us[1])[:4]
    heavy = ", ".join(f"`{u.split('/')[-1].split('?')[0]}` {size / KB:,.0f} kB" for u, size in top)
    return [
        "## How it was measured",
        "",
        "- Chromium headless (Playwright, `/usr/bin/chromium`), 1400×900, loopback. Times inside the page"
        " (`performance.now()`): first load from navigation start until ≥ 370 `path.unit` all have a fill (this) or"
        " MapLibre is idle after drawing the choropleth (peer); switch and click from the click event's timestamp"
        " until the paths' fills change / the clicked unit has the selection stroke (this) or the last MapLibre"
        " render with the new figure (peer).",
        "- Bytes: CDP `Network.loadingFinished.encodedDataLength` (compressed bodies plus headers) of every request"
        " started in the step, counted once the network has been quiet for 400 ms.",
        "- Server-side latency: the request bodies the browser posted during one pass over the 10 switched"
        " indicators, replayed one at a time over one keep-alive connection: the map callback alone (the callback"
        " whose outputs include `units-layer.hideout`, if a switch has one; the peer's figure callback) and the"
        " whole mix of a switch's callbacks. When a switch posts no callback at all (this app since the browser"
        " draws it), the mix is the callbacks the browser posted during one pass of the selection clicks instead"
        " (the side panel, the chart tabs' server part): what the server still does per interaction.",
        "- Load: locust's CLI (`bench/locustfile.py`), users sending that mix with no wait; switches (clicks)/s ="
        " requests/s divided by the callbacks one switch (click) posts. The peer's mix is always its switch's"
        " figure callback, which is also what its click posts.",
        "- Requests the browser's cache answers (e.g. the favicon Chromium asks for after each `pushState`) are"
        " not counted as server requests.",
        f"- Largest responses of this app's first load: {heavy}.",
        "- Memory: `/proc/<pid>/status` VmRSS and `/proc/<pid>/smaps_rollup` of each worker right after the load.",
        f"- This app's geometry on first load: {', '.join(geo)}.",
        f"- Console errors seen: {len(errs)}{' — ' + '; '.join(errs[:5]) if errs else ''}. Requests to any host"
        f" but 127.0.0.1: {len(foreign)}{' — ' + ', '.join(foreign[:5]) if foreign else ''} (both run offline).",
        "- The peer draws no unit without a value (Plotly leaves missing `z` out); the clicked units have values"
        " for every indicator of the switch sequence.",
        "",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=20)
    parser.add_argument("--switches", type=int, default=20)
    parser.add_argument("--clicks", type=int, default=20)
    parser.add_argument("--latency-reps", type=int, default=1000)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--load-seconds", type=int, default=30)
    parser.add_argument("--kill-users", type=int, default=50)
    parser.add_argument("--kill-seconds", type=int, default=60)
    parser.add_argument("--scene-presses", type=int, default=20)
    parser.add_argument("--skip-kill", action="store_true")
    parser.add_argument("--preview-reps", type=int, default=20, help="link previews drawn (and fetched again)")
    parser.add_argument("--play-steps", type=int, default=15, help="time-playback year steps")
    parser.add_argument("--flow-steps", type=int, default=16, help="newly selected units in the flows scenario")
    parser.add_argument("--quick", action="store_true", help="3 loads, 4 switches, 4 clicks, 10 s loads")
    parser.add_argument("--out", type=Path, default=OUT_FILE)
    parser.add_argument("--from-json", type=Path, help="only rewrite the Markdown from a results.json")
    args = parser.parse_args(argv)
    if args.from_json:
        print(write_markdown(json.loads(args.from_json.read_text(encoding="utf-8")), args.out))
        return 0
    if args.quick:
        args.loads, args.switches, args.clicks, args.latency_reps = 3, 4, 4, 200
        args.load_seconds, args.kill_users, args.kill_seconds = 10, 20, 20
        args.preview_reps, args.play_steps = 3, 3
        args.scene_presses = 5
        args.flow_steps = 4
    results = run(args)
    print(write_markdown(results, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
