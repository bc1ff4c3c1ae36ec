"""Who may upload (issue 14): ``LED_UPLOAD_MODE`` open / token / off, and cross-site posts refused."""

from __future__ import annotations

import io

import pytest
from flask import Flask

import userdata as ud
from callbacks.upload import accept_upload, preview_upload
from web import datasets_api, upload_guard

CSV = b"adcode,value\n640100,1\n640200,2\n"
FORM = {"label": "Test", "unit": "x", "source": "test"}
TOKEN = "t0ken-of-sixteen-chars"


class NoStore:
    """A store that records what reaches it."""

    def __init__(self) -> None:
        self.saved = []

    def publish(self, record):
        self.saved.append(record)
        return "0" * 24, "token"


@pytest.fixture
def store():
    return NoStore()


@pytest.fixture
def client(units, store):
    app = Flask(__name__)
    datasets_api.register_dataset_routes(app, store, units=units, limits=ud.Limits(max_bytes=64 * 1024))
    return app.test_client()


@pytest.fixture(scope="module")
def units():
    from geodata import layer

    return layer.units()


def post(client, headers=None):
    data = FORM | {"file": (io.BytesIO(CSV), "t.csv")}
    return client.post("/api/datasets", data=data, content_type="multipart/form-data", headers=headers or {})


def codes(resp) -> list[str]:
    return [e["code"] for e in resp.get_json()["errors"]]


def test_off_refuses_every_upload_with_403(client, store, monkeypatch):
    monkeypatch.setenv("LED_UPLOAD_MODE", "off")
    resp = post(client)
    assert resp.status_code == 403 and codes(resp) == ["uploads_off"]
    assert store.saved == []


@pytest.mark.parametrize("auth", [None, "Bearer wrong-token-of-length", f"Basic {TOKEN}", "Bearer "])
def test_token_mode_without_the_token_is_401(client, store, monkeypatch, auth):
    monkeypatch.setenv("LED_UPLOAD_MODE", "token")
    monkeypatch.setenv("LED_UPLOAD_TOKEN", TOKEN)
    resp = post(client, {"Authorization": auth} if auth else {})
    assert resp.status_code == 401 and codes(resp) == ["token_required"]
    assert store.saved == []


def test_token_mode_without_a_configured_token_refuses_everyone(client, monkeypatch):
    monkeypatch.setenv("LED_UPLOAD_MODE", "token")
    monkeypatch.delenv("LED_UPLOAD_TOKEN", raising=False)
    assert post(client, {"Authorization": "Bearer anything-at-all-long"}).status_code == 401


def test_token_mode_with_the_token_reaches_the_store(client, store, monkeypatch):
    monkeypatch.setenv("LED_UPLOAD_MODE", "token")
    monkeypatch.setenv("LED_UPLOAD_TOKEN", TOKEN)
    resp = post(client, {"Authorization": f"Bearer {TOKEN}"})
    assert resp.status_code == 201, resp.get_data(as_text=True)
    assert len(store.saved) == 1


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "https://evil.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}],
)
def test_cross_site_posts_are_refused_in_open_mode(client, store, monkeypatch, headers):
    monkeypatch.delenv("LED_UPLOAD_MODE", raising=False)
    resp = post(client, headers)
    assert resp.status_code == 403 and codes(resp) == ["cross_site"]
    assert store.saved == []


@pytest.mark.parametrize(
    "headers", [{}, {"Origin": "http://localhost"}, {"Sec-Fetch-Site": "same-origin"}, {"Origin": "https://partner.example"}]
)
def test_same_origin_scripts_and_listed_origins_pass(client, store, monkeypatch, headers):
    monkeypatch.delenv("LED_UPLOAD_MODE", raising=False)
    monkeypatch.setenv("LED_ALLOWED_ORIGINS", "https://partner.example")
    resp = post(client, headers)
    assert resp.status_code == 201, resp.get_data(as_text=True)
    assert len(store.saved) == 1


def test_upload_mode_setting_is_validated(monkeypatch):
    from web import settings

    with pytest.raises(ValueError, match="LED_UPLOAD_MODE"):
        settings.get("LED_UPLOAD_MODE", {"LED_UPLOAD_MODE": "public"})
    with pytest.raises(ValueError, match="16 characters"):
        settings.get("LED_UPLOAD_TOKEN", {"LED_UPLOAD_TOKEN": "short"})


@pytest.mark.parametrize("mode", ["token", "off"])
def test_panel_callbacks_refuse_outside_open_mode(monkeypatch, mode):
    monkeypatch.setenv("LED_UPLOAD_MODE", mode)
    assert not upload_guard.panel_allowed()
    contents = "data:text/csv;base64,YWRjb2RlLHZhbHVlCjY0MDEwMCwxCg=="
    children, disabled = preview_upload(contents, "t.csv", "L", "u", "s", "en")
    assert disabled is True and "does not accept uploads" in str(children)
    dataset_id, status = accept_upload(contents, "t.csv", "L", "u", "s", "zh", store=NoStore())
    assert dataset_id is None and "不接受" in str(status)
