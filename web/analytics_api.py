"""HTTP routes of the disparity analytics: inequality report, its change between two years, LISA clusters.

Registered on the Flask server by :func:`register_analytics_routes`. All computation lives in
:mod:`indicators.disparity_report` (cached per process by indicator and year). An unknown indicator or year
is a 404 with a one-line message; any other failure is logged and answered with a one-line 503, never a
traceback or a 500.

=================================================================  ==========================================
route                                                              answer
=================================================================  ==========================================
``GET /api/disparity?indicator=<key>&year=YYYY``                   JSON of :func:`~indicators.disparity_report.disparity_report`
``GET /api/disparity/change?indicator=<key>&from=YYYY&to=YYYY``    JSON of :func:`~indicators.disparity_report.disparity_change`
``GET /api/lisa?indicator=<key>&year=YYYY``                        JSON ``{adcode: LISA label}`` for the 370 units
=================================================================  ==========================================

``year`` defaults to the indicator's latest year; ``from``/``to`` default to its first and latest year.

``level=county`` on ``/api/disparity`` and ``/api/lisa`` answers for the county-level units
(:mod:`indicators.county.disparity`: the three-level Theil beside today's keys; LISA over the drawn county
units). ``level`` absent or ``prefecture``: as before. Any other ``level`` is a 400 with a one-line message.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable

from flask import Flask, Response, request

from indicators import disparity_report
from indicators.registry import REGISTRY

log = logging.getLogger(__name__)
KEY_RE = re.compile(r"^[A-Za-z0-9_]{1,80}$")
YEAR_RE = re.compile(r"^\d{4}$")


class _BadRequest(Exception):
    """A one-line reason for a 404."""


class _BadLevel(Exception):
    """A one-line reason for a 400 (``level`` not one of the levels)."""


def _level() -> str:
    from indicators.registry import LEVELS

    level = request.args.get("level", "prefecture")
    if level not in LEVELS:
        raise _BadLevel(f"level must be one of {', '.join(LEVELS)}, not {level[:40]!r}")
    return level


def _county_key_year() -> tuple[str, int]:
    from indicators.county import county_indicator

    key = request.args.get("indicator", "")
    if not key:
        raise _BadRequest("missing ?indicator=<key>; see /api/indicators?level=county for the valid keys")
    try:
        ind = county_indicator(key if KEY_RE.match(key) else "?")
    except ValueError:
        raise _BadRequest(f"unknown county indicator {key[:60]!r}; see /api/indicators?level=county") from None
    text = request.args.get("year", "")
    if text == "":
        return key, ind.latest_year
    if not YEAR_RE.match(text) or not ind.has_year(int(text)):
        raise _BadRequest(f"year must be one of {', '.join(map(str, ind.years))}")
    return key, int(text)


def _text(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain; charset=utf-8")


def _json(body) -> Response:
    resp = Response(json.dumps(body, ensure_ascii=False, allow_nan=False), mimetype="application/json; charset=utf-8")
    resp.headers["Cache-Control"] = "public, max-age=3600"
    return resp


def _indicator() -> str:
    key = request.args.get("indicator", "")
    if not key:
        raise _BadRequest("missing ?indicator=<key>; see /api/indicators for the valid keys")
    if not KEY_RE.match(key) or key not in REGISTRY:
        raise _BadRequest(f"unknown indicator {key[:60]!r}; see /api/indicators for the valid keys")
    return key


def _year(key: str, name: str, default: str) -> int:
    years = REGISTRY[key].years
    text = request.args.get(name, "")
    if text == "":
        return max(years) if default == "latest" else min(years)
    if not YEAR_RE.match(text):
        raise _BadRequest(f"{name} must be one of {', '.join(map(str, years))}")
    year = int(text)
    try:
        disparity_report.check(key, year)
    except disparity_report.DisparityLookupError as exc:
        raise _BadRequest(str(exc)) from None
    return year


class _Unavailable(Exception):
    """A one-line reason for a 503 (the county contiguity is not built yet)."""


def _answer(what: str, compute: Callable[[], dict]) -> Response:
    try:
        return _json(compute())
    except _BadLevel as exc:
        return _text(str(exc), 400)
    except _Unavailable as exc:
        return _text(str(exc), 503)
    except (_BadRequest, disparity_report.DisparityLookupError) as exc:
        return _text(str(exc).splitlines()[0], 404)
    except Exception:  # noqa: BLE001 - an analytics failure must not become a 500 page
        log.exception("%s failed for %s", what, request.full_path)
        return _text(f"{what} could not be computed for this request", 503)


def register_analytics_routes(server: Flask) -> None:
    """Add ``/api/disparity``, ``/api/disparity/change`` and ``/api/lisa`` to ``server``."""

    @server.get("/api/disparity")
    def analytics_disparity():
        def compute():
            if _level() == "county":
                from indicators.county.contiguity import neighbours_built
                from indicators.county.disparity import county_disparity_report

                key, year = _county_key_year()
                return county_disparity_report(key, year, with_moran=neighbours_built())
            key = _indicator()
            return disparity_report.disparity_report(key, _year(key, "year", "latest"))

        return _answer("disparity", compute)

    @server.get("/api/disparity/change")
    def analytics_disparity_change():
        def compute():
            if _level() != "prefecture":
                raise _BadLevel("disparity change is available at level prefecture only")
            key = _indicator()
            return disparity_report.disparity_change(key, _year(key, "from", "first"), _year(key, "to", "latest"))

        return _answer("disparity change", compute)

    @server.get("/api/lisa")
    def analytics_lisa():
        def compute():
            if _level() == "county":
                from indicators.county.contiguity import neighbours_built
                from indicators.county.disparity import county_lisa_labels

                key, year = _county_key_year()
                if not neighbours_built():
                    raise _Unavailable("county contiguity not built yet: run python -m indicators.county.contiguity")
                return county_lisa_labels(key, year)
            key = _indicator()
            return disparity_report.lisa_labels(key, _year(key, "year", "latest"))

        return _answer("LISA", compute)
