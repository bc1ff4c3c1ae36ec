"""HTTP hardening of the Flask server: size limit, security headers, malformed callback requests.

:func:`install_security` (called once in ``app.py`` after the callbacks and routes are registered):

* limits request bodies to :data:`MAX_CONTENT_LENGTH` (larger → ``413``);
* checks every ``POST /_dash-update-component`` before Dash sees it (:func:`callback_request_problem`):
  a body that is not a request for one of the app's callbacks -- not JSON, unknown ``output``,
  ``outputs``/``inputs``/``state`` that do not match the callback's definition, lists longer than
  :data:`MAX_LIST_ITEMS`, nesting deeper than :data:`MAX_DEPTH` -- gets ``400`` with a JSON body;
* answers an exception raised while Dash runs a (well-formed) callback request with ``400`` and a
  JSON body -- the page never sends values its callbacks cannot take -- and any other unhandled
  exception with ``500`` and a JSON body; never a traceback in a response (it is logged, at ERROR
  level, with the callback's output);
* sends the security headers (:func:`security_headers`) with every response, and with every HTML
  response a Content-Security-Policy that Dash works under (:func:`content_security_policy`);
* keeps Flask's debug mode off unless ``LED_DEBUG`` is set, and answers ``404`` for Dash's dev-tools
  routes (``/_reload-hash``) when it is off.

Examples
--------
>>> callback_request_problem([], {})
'the body must be a JSON object'
>>> print(content_security_policy("'self'", ["'sha256-abc='"]).split("; ")[1])
script-src 'self' 'unsafe-eval' 'sha256-abc='
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from functools import lru_cache
from urllib.parse import urlsplit

from dash.exceptions import DependencyException
from flask import Flask, Response, json, request
from werkzeug.exceptions import HTTPException

from web import settings

log = logging.getLogger(__name__)

#: Largest request body (bytes); the largest legitimate callback body is a few kB.
MAX_CONTENT_LENGTH = 2 * 1024 * 1024
#: Longest list anywhere in a callback body (a selection holds at most 400 codes; a lasso a few hundred points).
MAX_LIST_ITEMS = 10_000
#: Deepest nesting of lists and objects in a callback body.
MAX_DEPTH = 32
#: Longest ``output`` string and ``changedPropIds`` entry.
MAX_ID_CHARS = 4_000
CALLBACK_ROUTE = "/_dash-update-component"
DEV_TOOLS_ROUTES = ("/_reload-hash",)


# --------------------------------------------------------------------------------------------------
# Headers
# --------------------------------------------------------------------------------------------------


def content_security_policy(
    frame_ancestors: str, script_hashes: Sequence[str] = (), tile_url: str | None = None
) -> str:
    """The Content-Security-Policy of every response.

    Scripts: the app's own files plus Dash's inline scripts by hash (the renderer start and the
    clientside callbacks, ``Dash.csp_hashes()``); without hashes ``'unsafe-inline'``. ``'unsafe-eval'``
    is kept: browser automation (Playwright's ``wait_for_function``) evaluates strings in the page.
    Styles may be inline (Leaflet and the Dash components inject ``<style>`` elements). Images may
    be ``data:``/``blob:`` (PNG export of the map) and come from the tile server when one is set.

    >>> "frame-ancestors 'none'" in content_security_policy("'none'")
    True
    >>> "img-src 'self' data: blob: https://*.tiles.example.org;" in content_security_policy(
    ...     "'self'", tile_url="https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    True
    """
    scripts = (
        ["'self'", "'unsafe-eval'", *script_hashes] if script_hashes else ["'self'", "'unsafe-inline'", "'unsafe-eval'"]
    )
    images = ["'self'", "data:", "blob:"]
    host = urlsplit(tile_url or "").netloc
    if host:  # an XYZ template such as https://{s}.tile.example.org/{z}/{x}/{y}.png
        images.append(f"{urlsplit(tile_url).scheme}://{host.replace('{s}', '*')}")
    return "; ".join(
        [
            "default-src 'self'",
            "script-src " + " ".join(scripts),
            "style-src 'self' 'unsafe-inline'",
            "img-src " + " ".join(images),
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )


@lru_cache(maxsize=1)
def _script_hashes() -> tuple[str, ...]:
    """Hashes of the Dash app's inline scripts (empty when no Dash app is registered)."""
    try:
        import dash

        return tuple(dash.get_app().csp_hashes())
    except Exception:  # noqa: BLE001 - no Dash app: fall back to 'unsafe-inline'
        log.warning("no Dash app found for CSP script hashes; using 'unsafe-inline'")
        return ()


def security_headers() -> dict[str, str]:
    """Headers sent with every response."""
    return {
        "Content-Security-Policy": content_security_policy(
            settings.frame_ancestors(), _script_hashes(), settings.tile_url()
        ),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }


# --------------------------------------------------------------------------------------------------
# Callback requests
# --------------------------------------------------------------------------------------------------


def _too_big(value, depth: int = 0) -> str | None:
    if depth > MAX_DEPTH:
        return f"nesting deeper than {MAX_DEPTH}"
    if isinstance(value, list):
        if len(value) > MAX_LIST_ITEMS:
            return f"a list longer than {MAX_LIST_ITEMS} items"
        for item in value:
            problem = _too_big(item, depth + 1)
            if problem:
                return problem
    elif isinstance(value, dict):
        for item in value.values():
            problem = _too_big(item, depth + 1)
            if problem:
                return problem
    return None


def _is_prop(item) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("property"), str)
        and isinstance(item.get("id"), str | dict)
        and len(item["property"]) <= MAX_ID_CHARS
    )


def _matches(items, declared: Sequence[Mapping]) -> bool:
    """Whether ``items`` (a body's ``inputs`` or ``state``) fit the callback's declared dependencies."""
    if not isinstance(items, list) or len(items) != len(declared):
        return False
    for item, dep in zip(items, declared, strict=True):
        if isinstance(dep.get("id"), dict):  # pattern-matching: one item or a list of them
            group = item if isinstance(item, list) else [item]
            if not all(_is_prop(i) for i in group):
                return False
        elif not (_is_prop(item) and item["id"] == dep["id"] and item["property"] == dep["property"]):
            return False
    return True


def _declared_outputs(output: str) -> set[str] | None:
    """``{"id.property", ...}`` of a callback key (``"..a.x...b.y.."`` or ``"a.x"``); ``None`` for pattern ids."""
    if "{" in output:
        return None
    if output.startswith("..") and output.endswith(".."):
        return set(output[2:-2].split("..."))
    return {output}


def callback_request_problem(body, callback_map: Mapping) -> str | None:
    """Why ``body`` is not a request for one of the callbacks in ``callback_map``; ``None`` if it is.

    ``callback_map`` is ``Dash.callback_map``: key ``output`` string, value with the declared
    ``inputs`` and ``state`` (lists of ``{"id", "property"}``). The messages name no user input.

    >>> cmap = {"out.children": {"inputs": [{"id": "in", "property": "value"}], "state": []}}
    >>> ok = {"output": "out.children", "outputs": {"id": "out", "property": "children"},
    ...       "inputs": [{"id": "in", "property": "value", "value": 3}], "changedPropIds": ["in.value"]}
    >>> callback_request_problem(ok, cmap) is None
    True
    >>> callback_request_problem({**ok, "output": "nope.x"}, cmap)
    'unknown callback output'
    >>> callback_request_problem({**ok, "inputs": []}, cmap)
    'inputs do not match the callback'
    >>> callback_request_problem({**ok, "outputs": {"id": "other", "property": "children"}}, cmap)
    'outputs do not match the callback'
    """
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or len(output) > MAX_ID_CHARS:
        return "'output' must be a string"
    spec = callback_map.get(output)
    if spec is None:
        return "unknown callback output"
    outputs = body.get("outputs")
    listed = outputs if isinstance(outputs, list) else [outputs]
    if not listed or not all(_is_prop(o) for o in listed):
        return "'outputs' must be an object or a list of objects with 'id' and 'property'"
    declared = _declared_outputs(output)
    if declared is not None and (
        isinstance(outputs, list) != output.startswith("..")
        or {f"{o['id']}.{o['property']}" for o in listed} != declared
        or len(listed) != len(declared)
    ):
        return "outputs do not match the callback"
    if not _matches(body.get("inputs"), spec.get("inputs", [])):
        return "inputs do not match the callback"
    if not _matches(body.get("state", []), spec.get("state", [])):
        return "state does not match the callback"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) and len(c) <= MAX_ID_CHARS for c in changed):
        return "'changedPropIds' must be a list of strings"
    return _too_big(body)


def _json_error(message: str, status: int) -> Response:
    return Response(json.dumps({"error": message}), status=status, mimetype="application/json")


def _dash_callback_map() -> Mapping:
    import dash

    return dash.get_app().callback_map


# --------------------------------------------------------------------------------------------------
# Installation
# --------------------------------------------------------------------------------------------------


def install_security(server: Flask, max_content_length: int = MAX_CONTENT_LENGTH) -> None:
    """Install the request checks, error handlers and headers on ``server`` (see the module doc)."""
    server.config["MAX_CONTENT_LENGTH"] = max_content_length
    server.debug = settings.debug()

    @server.before_request
    def _check_request():
        path = request.path
        if not server.debug and path.endswith(DEV_TOOLS_ROUTES):
            return _json_error("not found", 404)
        if path.endswith(CALLBACK_ROUTE) and request.method == "POST":
            if request.content_length is not None and request.content_length > max_content_length:
                return _json_error("request body too large", 413)
            try:
                body = json.loads(request.get_data(cache=True))  # cached: Dash reads the same bytes
            except (ValueError, RecursionError):  # RecursionError: nesting deeper than Python's stack
                return _json_error("bad callback request: the body is not JSON", 400)
            problem = callback_request_problem(body, _dash_callback_map())
            if problem:
                return _json_error(f"bad callback request: {problem}", 400)
        return None

    @server.errorhandler(Exception)
    def _handle_exception(exc: Exception):
        on_callback = request.path.endswith(CALLBACK_ROUTE)
        if isinstance(exc, HTTPException):  # 404, 405, 413, 415 ...: JSON on the callback route
            return _json_error(exc.name.lower(), exc.code or 400) if on_callback else exc
        if isinstance(exc, DependencyException):  # an unknown /_dash-component-suites/ path: not ours
            log.info("%s %s: no such component file", request.method, request.path[:200])
            return Response("no such file\n", status=404, mimetype="text/plain")
        if on_callback:
            # The request fits a callback's definition (checked above) but the callback (or Dash
            # mapping the values onto it) raised: values the page never sends. The traceback is logged
            # at ERROR level, with the callback's output, so a callback bug stays visible in the logs.
            try:
                output = request.get_json(silent=True).get("output", "?")
            except Exception:  # noqa: BLE001 - only for the log line
                output = "?"
            log.error("callback %s raised on a request it could not handle", str(output)[:200], exc_info=exc)
            return _json_error("bad callback request: the callback cannot take these values", 400)
        log.error("%s %s failed", request.method, request.path, exc_info=exc)
        return _json_error("internal error", 500)

    @server.after_request
    def _headers(resp: Response) -> Response:
        for name, value in security_headers().items():
            # The policy governs documents only; leaving it off JSON, scripts and Geobuf saves ~0.6 kB
            # per response (the geometry alone is four of them).
            if name != "Content-Security-Policy" or resp.mimetype == "text/html":
                resp.headers[name] = value
        if request.path == "/_favicon.ico" and resp.status_code == 200 and request.args.get("v"):
            # versioned by Dash (?v=<dash version>); Chromium asks for it again after each pushState
            resp.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return resp
