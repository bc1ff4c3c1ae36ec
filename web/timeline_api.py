"""``GET /api/timeline?<the page's query>``: an indicator's years in classes fixed across the years.

The query is read by the URL parser like the page's (indicator, classes, palette, lang; bad values
fall back to the defaults), so the frames match the view they play in. JSON from
:func:`state.timeline.frames`; an uploaded dataset's key unknown to this process → 404.
"""

from __future__ import annotations

import json

from flask import Flask, Response, request

from layouts.i18n import known_lang
from state import deployment as st
from state import timeline


def register_timeline_routes(server: Flask) -> None:
    @server.get("/api/timeline")
    def timeline_frames():
        state = st.parse(request.query_string.decode("utf-8", "replace")).state
        c = state.classes
        lang = known_lang(state.lang or request.accept_languages.best_match(["zh", "en"], default="en"))
        try:
            data = timeline.frames(state.indicator, c.scheme, c.k, c.breaks, state.palette, lang)
        except (ValueError, KeyError):
            return Response("unknown indicator\n", status=404, mimetype="text/plain; charset=utf-8")
        resp = Response(json.dumps(data, separators=(",", ":"), ensure_ascii=False), mimetype="application/json")
        resp.headers["Cache-Control"] = "public, max-age=3600"
        return resp
