"""Who may upload a dataset: ``LED_UPLOAD_MODE`` and the cross-site check of ``POST /api/datasets``.

* ``open`` (default) — anyone; the upload panel is shown.
* ``token`` — ``Authorization: Bearer <LED_UPLOAD_TOKEN>`` is required (``401`` otherwise); the page's
  upload panel is hidden (a browser has no token) and its callbacks refuse.
* ``off`` — nobody (``403``); the panel is hidden.

Cross-site posts are refused in every mode (``403``): a request whose ``Origin`` (or, without one,
``Sec-Fetch-Site: cross-site``) is neither the app's own origin nor listed in ``LED_ALLOWED_ORIGINS``.
A request with neither header (curl, scripts) is not a browser's cross-site post and passes.

Examples
--------
>>> origin_allowed("https://atlas.example.org", "atlas.example.org", "https", ())
True
>>> origin_allowed("https://evil.example", "atlas.example.org", "https", ())
False
>>> origin_allowed("null", "atlas.example.org", "https", ())
False
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from dataclasses import dataclass

from web import settings


@dataclass(frozen=True)
class Refusal:
    status: int
    code: str
    en: str
    zh: str


def upload_mode() -> str:
    return settings.get("LED_UPLOAD_MODE")


def panel_allowed() -> bool:
    """The page's upload panel (and its callbacks) work only in ``open`` mode."""
    return upload_mode() == "open"


def origin_allowed(origin: str, host: str, scheme: str, extra: Sequence[str]) -> bool:
    """True when ``origin`` is the app's own host (``host`` as the request names it; the scheme is not
    compared, since a TLS-terminating proxy forwards plain HTTP) or one of ``extra``."""
    origin = (origin or "").strip().rstrip("/").lower()
    if origin in extra:
        return True
    _, sep, netloc = origin.partition("://")
    return bool(sep) and netloc == (host or "").lower()


def bearer(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, else ``None``."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def same_secret(given: str | None, expected: str | None) -> bool:
    return bool(given and expected) and hmac.compare_digest(given.encode(), expected.encode())


def cross_site_refusal(headers, host: str, scheme: str) -> Refusal | None:
    """A :class:`Refusal` for a browser's cross-site post, else ``None``."""
    origin = headers.get("Origin")
    extra = settings.get("LED_ALLOWED_ORIGINS")
    if origin is not None:
        ok = origin_allowed(origin, host, scheme, extra)
    else:
        ok = headers.get("Sec-Fetch-Site", "same-origin").lower() in ("same-origin", "none")
    if ok:
        return None
    return Refusal(
        403,
        "cross_site",
        "Uploads from another website are refused: post from this dashboard's own page or from a script.",
        "拒绝来自其他网站的上传：请在本仪表板页面或通过脚本上传。",
    )


def upload_refusal(headers, host: str, scheme: str) -> Refusal | None:
    """Why ``POST /api/datasets`` with these headers may not upload, or ``None``."""
    mode = upload_mode()
    if mode == "off":
        return Refusal(403, "uploads_off", "Uploads are switched off on this server.", "此服务器已关闭上传功能。")
    if mode == "token" and not same_secret(bearer(headers.get("Authorization")), settings.get("LED_UPLOAD_TOKEN")):
        return Refusal(
            401,
            "token_required",
            "Uploads on this server need the header 'Authorization: Bearer <upload token>'.",
            "此服务器上传需要请求头“Authorization: Bearer <上传令牌>”。",
        )
    return cross_site_refusal(headers, host, scheme)
