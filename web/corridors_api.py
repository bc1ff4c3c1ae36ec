"""HTTP routes of the Spring-Festival corridors: one unit's partners, or the national top corridors.

Registered on the Flask server by :func:`register_corridor_routes`. All computation lives in
:mod:`indicators.corridors`; names come from the map layer (:func:`geodata.layer.units`). An unknown unit or
window is a 404 with a one-line message, a malformed parameter a 400; any other failure is logged and
answered with a one-line 503, never a traceback.

==============================================================================  ==================================
route                                                                           answer
==============================================================================  ==================================
``GET /api/corridors?unit=<adcode>&window=<w>&direction=out|in&top=<n>``        JSON list, one object per partner
``GET /api/corridors?window=<w>&direction=out|in&top=<n>&cross_province=1|0``   JSON list, one object per pair
``GET /api/corridors.csv?...`` (the same parameters)                            the same rows as CSV with a BOM
==============================================================================  ==================================

With ``unit``: objects of :data:`~indicators.corridors.PARTNER_FIELDS` (``adcode, name_zh, name_en,
province_zh, index, share_pct, cross_province, fallback``), strongest first. Without it, the national
view: the strongest corridors of the window, objects of :data:`~indicators.corridors.CORRIDOR_FIELDS`
(origin and destination fields, ``index``, ``share_pct`` of the origin's outflow or the destination's
inflow, ``cross_province``, ``fallback``), only cross-province pairs unless ``cross_province=0``.

Defaults: ``window=sf2020_pre``, ``direction=out``, ``top=20`` (national: 50); ``top`` from 5 to 100.
Index figures are Baidu index points, never persons; see the window caveats in
:data:`indicators.corridors.WINDOWS`.
"""

from __future__ import annotations

import json
import logging
import re
import time
from functools import lru_cache

from flask import Flask, Response, request

from indicators import corridors

log = logging.getLogger(__name__)
UNIT_RE = re.compile(r"\d{6}")
TOP_RE = re.compile(r"\d{1,3}")
CACHE_CONTROL = "public, max-age=3600"


class _Answer(Exception):
    """A one-line reason and the status to answer with (400 or 404)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def _text(message: str, status: int) -> Response:
    line = (message.splitlines() or [""])[0]
    return Response(line + "\n", status=status, content_type="text/plain; charset=utf-8")


def _params() -> dict:
    """The validated query parameters; :class:`_Answer` for a malformed (400) or unknown (404) one."""
    args = request.args
    unit = args.get("unit", "")
    if unit and not UNIT_RE.fullmatch(unit):
        raise _Answer("unit must be a 6-digit adcode, e.g. unit=440300", 400)
    try:
        window = corridors.check_window(args.get("window", "") or "sf2020_pre")
    except ValueError as exc:
        raise _Answer(str(exc), 404) from None
    try:
        direction = corridors.check_direction(args.get("direction", "") or "out")
        top_text = args.get("top", "")
        top = corridors.TOP_DEFAULT if unit else corridors.NATIONAL_TOP_DEFAULT
        if top_text:
            top = corridors.check_top(int(top_text) if TOP_RE.fullmatch(top_text) else top_text)
    except ValueError as exc:
        raise _Answer(str(exc), 400) from None
    cross = args.get("cross_province", "") or "1"
    if cross not in ("1", "0"):
        raise _Answer("cross_province must be 1 or 0", 400)
    if unit and "cross_province" in args:
        raise _Answer("cross_province applies only to the national view (without unit)", 400)
    return {"unit": unit, "window": window, "direction": direction, "top": top, "cross": cross == "1"}


def _rows(p: dict):
    """The answer's frame and the stem of its CSV file name."""
    from geodata import layer

    units = layer.units()
    if p["unit"]:
        try:
            frame = corridors.partners(p["unit"], p["window"], p["direction"], p["top"], units=units)
        except corridors.UnknownUnitError as exc:
            raise _Answer(str(exc).splitlines()[0], 404) from None
        stem = f"corridors_{p['unit']}_{p['window']}_{p['direction']}_top{p['top']}"
    else:
        frame = _national(p["window"], p["top"], p["cross"], p["direction"])
        scope = "cross_province" if p["cross"] else "all"
        stem = f"corridors_national_{scope}_{p['window']}_{p['direction']}_top{p['top']}"
    return frame, stem


@lru_cache(maxsize=32)
def _national(window: str, top: int, cross: bool, direction: str):
    """The national view's frame, kept per process for the 32 most recent choices (the frame is read only)."""
    from geodata import layer

    return corridors.top_corridors(window, top, cross, direction, units=layer.units())


def _answer(make) -> Response:
    started = time.perf_counter()
    try:
        frame, stem = _rows(_params())
        resp = make(frame, stem)
    except _Answer as exc:
        return _text(str(exc), exc.status)
    except Exception:  # noqa: BLE001 - a failure must not become a 500 page with a traceback
        log.exception("corridors failed for %s", request.full_path)
        return _text("corridors could not be computed for this request", 503)
    resp.headers["Cache-Control"] = CACHE_CONTROL
    # the server's time for the answer, read by the flows bench (assets/flows.js, bench/flows.py)
    resp.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    return resp


def _json(frame, stem: str) -> Response:
    body = json.dumps(corridors.records(frame), ensure_ascii=False, allow_nan=False)
    return Response(body, content_type="application/json; charset=utf-8")


def _csv(frame, stem: str) -> Response:
    resp = Response(corridors.to_csv(frame).encode("utf-8"), content_type="text/csv; charset=utf-8")
    resp.headers["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
    return resp


def register_corridor_routes(server: Flask) -> None:
    """Add ``/api/corridors`` and ``/api/corridors.csv`` to ``server``."""

    @server.get("/api/corridors")
    def corridors_json():
        return _answer(_json)

    @server.get("/api/corridors.csv")
    def corridors_csv():
        return _answer(_csv)
