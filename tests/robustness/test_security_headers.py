"""Security headers, request-size limit, no dev-tools routes, no tracebacks: checked over HTTP."""

from __future__ import annotations

import pytest
import requests

from tests.robustness.robust_helpers import assert_no_traceback
from web import settings

PAGES = ("/", "/_dash-layout", "/_dash-dependencies", "/healthz", "/api/indicators", "/no/such/page")


@pytest.mark.parametrize("path", PAGES)
def test_every_response_carries_the_security_headers(http, base_url, path):
    resp = http.get(base_url + path, timeout=30)
    assert resp.headers.get("X-Content-Type-Options") == "nosniff"
    assert resp.headers.get("Referrer-Policy") == "strict-origin-when-cross-origin"


@pytest.mark.parametrize("path", ("/", "/?indicator=gdp_per_resident&lang=zh", "/some/deep/link"))
def test_html_pages_carry_the_content_security_policy(http, base_url, path):
    resp = http.get(base_url + path, timeout=30)
    assert resp.headers["Content-Type"].startswith("text/html")
    csp = resp.headers.get("Content-Security-Policy", "")
    directives = dict((d.strip().split(" ", 1) + [""])[:2] for d in csp.split(";") if d.strip())
    assert directives.get("frame-ancestors") == settings.frame_ancestors()
    assert directives.get("object-src") == "'none'"
    assert "'self'" in directives.get("script-src", "").split()
    assert "*" not in directives.get("script-src", "").split(), "script-src must not allow any host"


def test_inline_scripts_of_the_page_are_allowed_by_hash(http, base_url):
    """Every inline script Dash writes into the page is covered by the policy (else Dash would not start)."""
    import base64
    import hashlib
    import re

    resp = http.get(base_url + "/", timeout=30)
    script_src = next(
        d for d in resp.headers["Content-Security-Policy"].split(";") if d.strip().startswith("script-src")
    )
    if "'unsafe-inline'" in script_src.split():
        return
    html = re.sub(r"<!--.*?-->", "", resp.text, flags=re.S)  # conditional comments are not run
    for body in re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", html, re.S):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_src, f"inline script not allowed by the CSP: {body[:80]!r}"


def test_request_bodies_over_the_limit_are_refused(base_url):
    import app  # the limit the server was given (it follows the upload limit)

    limit = app.server.config["MAX_CONTENT_LENGTH"]
    assert limit and limit <= 256 * 1024 * 1024, f"request bodies are not limited sensibly: {limit}"
    resp = requests.post(
        base_url + "/_dash-update-component",
        data=b"{" + b" " * (limit + 1024) + b"}",
        headers={"Content-Type": "application/json"},
        timeout=60,
    )
    assert resp.status_code == 413
    assert resp.headers.get("Content-Type", "").startswith("application/json")
    assert resp.headers.get("Connection", "").lower() == "close"


def test_dev_tools_routes_are_absent(http, base_url):
    resp = http.get(base_url + "/_reload-hash", timeout=30)
    assert resp.status_code == 404
    assert "reloadHash" not in resp.text


def test_errors_show_no_traceback(http, base_url):
    for method, path in (
        ("GET", "/api/indicators/%3Cscript%3E.csv"),
        ("GET", "/geo/x/units.pbf"),
        ("POST", "/healthz"),
    ):
        resp = http.request(method, base_url + path, timeout=30)
        assert resp.status_code < 500
        assert_no_traceback(resp.text, f"{method} {path}")


@pytest.mark.parametrize(
    "path",
    [
        "/_dash-component-suites/nope/x.js",
        "/_dash-component-suites/dash/not-a-bundle.js",
        "/_dash-component-suites/dash_leaflet/..%2F..%2Fetc%2Fpasswd",
    ],
)
def test_unknown_component_bundle_paths_are_404_without_a_logged_traceback(http, base_url, robust_server, path):
    before = robust_server.log_path.read_text(encoding="utf-8", errors="replace").count("Traceback")
    resp = http.get(base_url + path, timeout=30)
    assert resp.status_code == 404, (path, resp.status_code)
    assert_no_traceback(resp.text, path)
    assert len(resp.text) < 100
    after = robust_server.log_path.read_text(encoding="utf-8", errors="replace").count("Traceback")
    assert after == before
