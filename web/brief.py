"""The locality brief: ``GET /brief?sel=code~code&lang=zh|en`` (and its print button's script).

A printable HTML page (:mod:`layouts.brief`) from the numbers of :mod:`indicators.brief`; bad
parameters answer 400 with a one-line message, never a traceback.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from flask import Flask, Response, request

from layouts.brief import MAX_BRIEF_UNITS, PRINT_SCRIPT, brief_page

ADCODE_RE = re.compile(r"^\d{6}$")
#: Most units one brief holds (each is a printed page or two).


def _text(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain; charset=utf-8")


def brief_lang(raw: str | None, accept: str) -> str:
    """``zh`` or ``en`` from ``lang``, else from Accept-Language (Chinese first: ``zh``), else ``en``.

    >>> brief_lang("en", "zh-CN"), brief_lang(None, "zh-CN,zh;q=0.9"), brief_lang("fr", "")
    ('en', 'zh', 'en')
    """
    if raw in ("zh", "en"):
        return raw
    return "zh" if (accept or "").lower().startswith("zh") else "en"


def brief_codes(sel: str, known) -> list[str]:
    """The units of ``sel`` (``code~code``), in order, without duplicates; ``ValueError`` with a one-line
    message for an empty, malformed or unknown code, or too many units."""
    codes = list(dict.fromkeys(c for c in (sel or "")[:4000].split("~") if c))
    if not codes:
        raise ValueError("give the units as sel=code~code (6-digit admin codes)")
    bad = [c for c in codes if not ADCODE_RE.match(c) or c not in known]
    if bad:
        raise ValueError(f"unknown unit code {bad[0][:12]!r}")
    if len(codes) > MAX_BRIEF_UNITS:
        raise ValueError(f"at most {MAX_BRIEF_UNITS} units per brief, got {len(codes)}")
    return codes


def register_brief_routes(server: Flask) -> None:
    @server.get("/brief")
    def brief():
        from geodata import layer
        from indicators.brief import unit_brief

        units = layer.units().set_index("adcode")
        lang = brief_lang(request.args.get("lang"), request.headers.get("Accept-Language", ""))
        try:
            codes = brief_codes(request.args.get("sel", ""), units.index)
        except ValueError as exc:
            return _text(str(exc), 400)
        province = units["province_adcode"].astype(str)
        briefs = [unit_brief(c, province) for c in codes]
        other = "/brief?" + urlencode({"sel": "~".join(codes), "lang": "en" if lang == "zh" else "zh"}, safe="~")
        body = brief_page(briefs, units, lang, other)
        resp = Response(body, mimetype="text/html")
        resp.headers["Content-Language"] = "zh-CN" if lang == "zh" else "en"
        return resp

    @server.get("/brief/print.js")
    def brief_print_script():
        resp = Response(PRINT_SCRIPT, mimetype="text/javascript")
        resp.headers["Cache-Control"] = "public, max-age=3600"
        return resp

