"""Rate limits and the upload quota (issue 14): 429 with a JSON message and Retry-After."""

from __future__ import annotations

import io

import pytest
from flask import Flask

from web import ratelimit


def make_app(monkeypatch, **env) -> Flask:
    for name in ("LED_RATE_UPLOADS", "LED_RATE_UPLOADS_ALL", "LED_RATE_API", "LED_UPLOAD_QUOTA_BYTES", "REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    app = Flask(__name__)

    @app.post("/api/datasets", endpoint=ratelimit.UPLOAD_ENDPOINT)
    def upload():
        return {"ok": True}, 201

    @app.get("/api/disparity")
    def heavy():
        return {"ok": True}

    @app.get("/")
    def page():
        return "page"

    ratelimit.install_rate_limits(app)
    return app


def post(client, size=10, ip="10.0.0.1"):
    return client.post(
        "/api/datasets",
        data={"file": (io.BytesIO(b"x" * size), "t.csv")},
        content_type="multipart/form-data",
        environ_base={"REMOTE_ADDR": ip},
    )


def test_uploads_per_client_are_limited_with_429_and_retry_after(monkeypatch):
    client = make_app(monkeypatch, LED_RATE_UPLOADS="3/minute").test_client()
    assert [post(client).status_code for _ in range(3)] == [201, 201, 201]
    resp = post(client)
    assert resp.status_code == 429
    body = resp.get_json()["errors"][0]
    assert body["code"] == "rate_limited" and "3 per 1 minute" in body["message"]
    assert int(resp.headers["Retry-After"]) > 0
    assert post(client, ip="10.0.0.2").status_code == 201  # another client is not affected


def test_uploads_of_all_clients_share_a_global_limit(monkeypatch):
    client = make_app(monkeypatch, LED_RATE_UPLOADS="100/minute", LED_RATE_UPLOADS_ALL="4/hour").test_client()
    codes = [post(client, ip=f"10.0.1.{i}").status_code for i in range(6)]
    assert codes == [201, 201, 201, 201, 429, 429]


def test_upload_bytes_quota_per_client(monkeypatch):
    client = make_app(monkeypatch, LED_UPLOAD_QUOTA_BYTES="3000").test_client()
    assert post(client, size=1000).status_code == 201
    assert post(client, size=1000).status_code == 201
    assert post(client, size=1000).status_code == 429  # ~3.6 kB with the form overhead
    assert post(client, size=1000, ip="10.0.0.9").status_code == 201


def test_heavy_routes_are_limited_and_the_page_is_not(monkeypatch):
    client = make_app(monkeypatch, LED_RATE_API="2/minute").test_client()
    assert [client.get("/api/disparity").status_code for _ in range(3)] == [200, 200, 429]
    assert all(client.get("/").status_code == 200 for _ in range(5))


def test_off_switches_every_limit_off(monkeypatch):
    client = make_app(monkeypatch, LED_RATE_UPLOADS="off", LED_RATE_API="1/minute").test_client()
    assert all(post(client).status_code == 201 for _ in range(5))
    assert all(client.get("/api/disparity").status_code == 200 for _ in range(3))


@pytest.mark.parametrize(("name", "value"), [("LED_RATE_API", "lots"), ("REDIS_URL", "http://x")])
def test_bad_limit_settings_name_the_variable(name, value):
    from web import settings

    with pytest.raises(ValueError, match=name):
        settings.get(name, {name: value})
