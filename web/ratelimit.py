"""Rate limits and the per-client upload quota, with Flask-Limiter (issue 14).

* ``POST /api/datasets``: ``LED_RATE_UPLOADS`` per client, ``LED_RATE_UPLOADS_ALL`` for all clients
  together, and ``LED_UPLOAD_QUOTA_BYTES`` of request bodies per client per day (the limit's cost is
  the request's size);
* every other ``/api/…`` route (CSV exports, analytics, stored datasets, corridors): ``LED_RATE_API``
  per client. The page, its callbacks and static files are not limited here (the proxy limits
  connections and request rates in front, see ``deploy/``).

Counters live in Redis when ``REDIS_URL`` is set — shared by every worker and every instance — and in
each worker's memory otherwise. A client is its address; behind ``LED_PROXY_HOPS`` trusted proxies,
the address they forward (werkzeug's ``ProxyFix``). Over a limit: ``429`` with a JSON body naming the
limit and a ``Retry-After`` header. ``LED_RATE_UPLOADS=off`` switches every limit off.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, json, request
from flask_limiter import Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix

from web import settings

log = logging.getLogger(__name__)

UPLOAD_ENDPOINT = "datasets_create"


def storage_uri() -> str:
    return settings.get("REDIS_URL") or "memory://"


def _quota(per_day_bytes: int) -> str:
    return f"{per_day_bytes}/day"


def _body_cost() -> int:
    return max(1, int(request.content_length or 0))


def install_rate_limits(server: Flask) -> Limiter | None:
    """Wire the limits into ``server`` (after every route is registered); ``None`` when switched off."""
    hops = settings.get("LED_PROXY_HOPS")
    if hops:
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    uploads = settings.get("LED_RATE_UPLOADS")
    if uploads.lower() == "off":
        return None
    limiter = Limiter(
        get_remote_address,
        app=server,
        storage_uri=storage_uri(),
        strategy="moving-window",
        headers_enabled=True,
        default_limits=[settings.get("LED_RATE_API")],
        default_limits_exempt_when=lambda: not request.path.startswith("/api/") or request.method == "OPTIONS",
        key_prefix="led-atlas",
        swallow_errors=True,  # Redis down: serve without limits (logged) rather than fail every request
    )
    view = server.view_functions.get(UPLOAD_ENDPOINT)
    if view is not None:
        view = limiter.limit(uploads, override_defaults=True)(view)
        view = limiter.shared_limit(
            settings.get("LED_RATE_UPLOADS_ALL"), scope="uploads-all", key_func=lambda: "all"
        )(view)
        view = limiter.limit(_quota(settings.get("LED_UPLOAD_QUOTA_BYTES")), cost=_body_cost, scope="upload-bytes")(view)
        server.view_functions[UPLOAD_ENDPOINT] = view

    @server.errorhandler(RateLimitExceeded)
    def _too_many(exc: RateLimitExceeded):
        retry = exc.retry_after if hasattr(exc, "retry_after") else None
        body = {
            "errors": [
                {
                    "code": "rate_limited",
                    "message": f"Too many requests ({exc.description}); please wait and try again.",
                    "message_zh": f"请求过于频繁（{exc.description}），请稍后再试。",
                    "row": None,
                    "column": None,
                }
            ]
        }
        resp = Response(json.dumps(body, ensure_ascii=False), status=429, mimetype="application/json")
        if retry:
            resp.headers["Retry-After"] = str(int(retry))
        return resp

    return limiter
