"""The indicator picker's whole list as a static file: ``GET /picker/<level>-<lang>-<sha>.json``.

The list (:func:`layouts.page.indicator_options`: family headers, labels and search words of every
registry indicator of a level, ~140 kB of JSON) is the same for every page of a level and language, so
it is kept out of the page's ``/_dash-layout`` (10 kB compressed fewer before the map's first paint):
the page names the file, fingerprinted by its bytes and cached for a year, and the browser fetches it
in the first idle time after the map is drawn (``assets/paint_later.js``). Options only one
page has (an uploaded dataset's) travel in the layout beside the file's name. An unknown name is a 404.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache

from flask import Flask, Response

LEVELS = ("prefecture", "county")
LANGS = ("zh", "en")
NAME_RE = re.compile(r"^(prefecture|county)-(zh|en)-([0-9a-f]{12})\.json$")


def _registry(level: str):
    from indicators.registry import COUNTY_REGISTRY, REGISTRY

    return list((COUNTY_REGISTRY if level == "county" else REGISTRY).values())


@lru_cache(maxsize=len(LEVELS) * len(LANGS))
def options_file(level: str, lang: str) -> tuple[str, bytes]:
    """``(name, body)`` of the level's list in ``lang``."""
    from indicators.registry import FAMILIES
    from layouts import page as page_layout

    options = page_layout.indicator_options(_registry(level), FAMILIES, lang)
    body = json.dumps(options, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return f"{level}-{lang}-{hashlib.sha256(body).hexdigest()[:12]}.json", body


def later(options: list[dict], level: str, lang: str) -> dict:
    """What the page's layout carries for the picker's list: the file's URL and the options of ``options``
    the file lacks (an uploaded dataset's, with its family header), in order after the file's.

    >>> later([{"label": "x", "value": "pop_resident"}], "prefecture", "en")["extra"]
    []
    """
    name, body = options_file(level, lang)
    in_file = {o["value"] for o in json.loads(body)}
    return {"url": f"/picker/{name}", "extra": [o for o in options if o["value"] not in in_file]}


def register_picker_routes(server: Flask) -> None:
    @server.get("/picker/<name>")
    def picker_options(name: str):
        match = NAME_RE.match(name)
        if match:
            file_name, body = options_file(match.group(1), match.group(2))
            if file_name == name:
                return Response(
                    body,
                    mimetype="application/json",
                    headers={"Cache-Control": "public, max-age=31536000, immutable"},
                )
        return Response("unknown picker file\n", status=404, mimetype="text/plain; charset=utf-8")
