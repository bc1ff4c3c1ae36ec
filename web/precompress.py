"""Brotli at its highest level for the page's static scripts and styles, compressed once per file.

flask-compress compresses every response on the fly at a fast level (zstd 3 for Chromium): the
scripts of the first paint (Dash's renderer and core components, dash-leaflet, React) then cross the
wire ~20 % larger than Brotli's level 11 makes them (dash-leaflet: 101 kB zstd-3, 82 kB br-11). Level
11 is too slow to run per request (3 s for dash-leaflet), so each file is compressed once, keyed by
the hash of its bytes, into the cache folder shared by the workers (written atomically); every later
response, in any worker, sends those bytes. Other responses are left to flask-compress.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

from flask import Flask, request

log = logging.getLogger(__name__)

#: Path prefixes of the static files compressed this way (fingerprinted by Dash or by their ``?m=``).
PREFIXES = ("/_dash-component-suites/", "/assets/")
MIMETYPES = ("application/javascript", "text/javascript", "text/css")
#: Files larger than this (plotly.min.js, 4.6 MB) would take tens of seconds at level 11: level 9.
LEVEL_11_MAX_BYTES = 1_500_000
MIN_BYTES = 1_000


def brotli_level(size: int) -> int:
    """Level 11 up to :data:`LEVEL_11_MAX_BYTES`, 9 above.

    >>> brotli_level(300_000), brotli_level(4_600_000)
    (11, 9)
    """
    return 11 if size <= LEVEL_11_MAX_BYTES else 9


def compressed(data: bytes, folder: Path) -> bytes:
    """``data`` compressed with Brotli, from ``folder`` when a worker compressed it before."""
    import brotli

    key = hashlib.sha256(data).hexdigest()[:24]
    path = folder / f"{key}.br"
    try:
        return path.read_bytes()
    except OSError:
        pass
    out = brotli.compress(data, quality=brotli_level(len(data)))
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".br-")
    with os.fdopen(fd, "wb") as f:
        f.write(out)
    os.replace(tmp, path)  # another worker may have written the same bytes meanwhile: either is right
    return out


def brotli_twin(path: Path) -> Path | None:
    """``<path>.br`` beside a fingerprinted build artefact (geometry, values bundle), written on first use;
    ``None`` when it cannot be written (the caller then sends its gzip twin)."""
    twin = path.with_name(path.name + ".br")
    if twin.exists():
        return twin
    try:
        import brotli

        data = path.read_bytes()
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".br-")
        with os.fdopen(fd, "wb") as f:
            f.write(brotli.compress(data, quality=brotli_level(len(data))))
        os.replace(tmp, twin)
    except (OSError, ImportError) as exc:
        log.warning("brotli twin of %s not written: %s", path, exc)
        return None
    return twin


def accepts_brotli(accept_encoding: str) -> bool:
    """Whether an ``Accept-Encoding`` header accepts ``br`` (not refused with ``q=0``).

    >>> accepts_brotli("gzip, deflate, br, zstd"), accepts_brotli("gzip"), accepts_brotli("br;q=0")
    (True, False, False)
    """
    for part in accept_encoding.split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() == "br":
            q = params.strip().replace(" ", "")
            return not (q.startswith("q=") and q[2:] in ("0", "0.0", "0.00", "0.000"))
    return False


def install_precompressed(server: Flask, folder: Path) -> None:
    """Register the hook (after flask-compress's, so it runs first and flask-compress leaves the response)."""

    @server.after_request
    def brotli_static(response):
        if (
            response.status_code != 200
            or not request.path.startswith(PREFIXES)
            or response.mimetype not in MIMETYPES
            or "Content-Encoding" in response.headers
            or not accepts_brotli(request.headers.get("Accept-Encoding", ""))
        ):
            return response
        response.direct_passthrough = False
        data = response.get_data()
        if len(data) < MIN_BYTES:
            return response
        try:
            body = compressed(data, folder)
        except (OSError, ImportError) as exc:  # no space, no brotli: flask-compress does its usual
            log.warning("brotli precompression failed for %s: %s", request.path, exc)
            return response
        response.set_data(body)
        response.headers["Content-Encoding"] = "br"
        vary = response.headers.get("Vary")
        if not vary:
            response.headers["Vary"] = "Accept-Encoding"
        elif "accept-encoding" not in vary.lower():
            response.headers["Vary"] = f"{vary}, Accept-Encoding"
        return response
