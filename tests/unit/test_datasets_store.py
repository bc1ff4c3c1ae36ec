"""The dataset store (SQLite and PostgreSQL), the HTTP API and the upload callbacks.

Every store test runs on SQLite and on PostgreSQL. PostgreSQL needs a server: ``DATABASE_URL``, or
``LED_TEST_PG=1`` / ``CI=true`` to start a throwaway one with ``scripts/postgres_for_tests.sh``. Without
any of these the PostgreSQL variant is skipped; in CI it must run (a missing server fails the tests).
Each PostgreSQL test works in a fresh schema that is dropped afterwards.
"""

from __future__ import annotations

import base64
import io
import json
import os
import signal
import subprocess
import sys
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
from flask import Flask

import userdata as ud
from callbacks import upload as upload_callbacks
from layouts import i18n
from layouts import upload as upload_layout
from userdata import prepare as ud_prepare
from userdata import read as ud_read
from userdata import settings as dataset_settings
from userdata import store as dataset_store
from web import datasets_api

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures_userdata"
FORM = {"label": "Test figures", "unit": "10,000 persons", "source": "invented for the tests"}


def _truthy(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


@pytest.fixture(scope="session")
def pg_url():
    """A PostgreSQL URL, or ``None`` (skip) outside CI when none is configured."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        yield url
        return
    if not (_truthy("LED_TEST_PG") or _truthy("CI")):
        yield None
        return
    script = REPO / "scripts" / "postgres_for_tests.sh"
    was_running = subprocess.run(["bash", str(script), "status"], capture_output=True, timeout=60).returncode == 0
    out = subprocess.run(["bash", str(script), "start"], capture_output=True, text=True, timeout=600)
    line = next((x for x in out.stdout.splitlines() if x.startswith("export DATABASE_URL=")), None)
    if out.returncode != 0 or line is None:
        pytest.fail(f"could not start PostgreSQL for the tests:\n{out.stderr[-2000:]}")
    yield line.split("=", 1)[1].strip()
    if not was_running:  # leave a server someone else started alone
        subprocess.run(["bash", str(script), "stop"], capture_output=True, timeout=120)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, tmp_path, pg_url):
    """``(kind, make_store)``: ``make_store(**kwargs)`` opens a new store object on the same database."""
    if request.param == "sqlite":
        path = tmp_path / "var" / dataset_store.SQLITE_FILE
        yield "sqlite", {"kind": "sqlite", "path": str(path)}
        return
    if pg_url is None:
        if _truthy("CI"):
            pytest.fail("CI=true but no PostgreSQL server for the tests")
        pytest.skip("PostgreSQL not configured (set DATABASE_URL or LED_TEST_PG=1)")
    schema = f"led_test_{uuid.uuid4().hex[:12]}"
    yield "postgresql", {"kind": "postgresql", "url": pg_url, "schema": schema}
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def open_store(spec: dict, **kwargs) -> dataset_store.DatasetStore:
    if spec["kind"] == "sqlite":
        return dataset_store.DatasetStore.sqlite(spec["path"], **kwargs)
    return dataset_store.DatasetStore.postgres(spec["url"], spec["schema"], **kwargs)


@pytest.fixture
def store(backend) -> dataset_store.DatasetStore:
    return open_store(backend[1])


@pytest.fixture(scope="module")
def units() -> pd.DataFrame:
    from geodata import layer

    return layer.units()


@pytest.fixture(scope="module")
def index(units) -> ud.UnitIndex:
    return ud.build_unit_index(units)


def record(i: int, n: int = 3, label: str = "Test figures") -> ud.DatasetRecord:
    codes = ["640100", "640200", "640300", "640400", "640500"][:n]
    t = pd.DataFrame({"adcode": codes, "year": [2020] * n, "v": [i + k / 4 for k in range(n)]})
    t.loc[n - 1, "v"] = float("nan")
    return ud.make_record(f"{label} {i}", "u", "invented", ("v",), True, t)


def same(a: ud.DatasetRecord, b: ud.DatasetRecord) -> bool:
    return (a.id, a.digest, a.label, a.unit, a.source, a.columns, a.has_year) == (
        b.id, b.digest, b.label, b.unit, b.source, b.columns, b.has_year
    ) and a.table.equals(b.table)  # fmt: skip


# ------------------------------------------------------------------------------------------------
# Store
# ------------------------------------------------------------------------------------------------


def test_store_round_trips_a_dataset(store):
    rec = record(1)
    assert store.save(rec) is True
    got = store.get(rec.id)
    assert same(got, rec) and got.created_at
    assert same(store.get(rec.digest), rec)  # the full digest works too


def test_store_same_dataset_twice_is_one_record(store):
    rec = record(2)
    assert store.save(rec) is True
    assert store.save(ud.make_record(rec.label, rec.unit, rec.source, rec.columns, True, rec.table)) is False
    assert store.count() == (1, 3)


@pytest.mark.parametrize("bad", ["", "0" * 24, "abc", "G" * 24, "0" * 30, "../../etc/passwd", None, 5])
def test_store_get_unknown_or_malformed_id_is_none(store, bad):
    store.save(record(3))
    assert store.get(bad) is None


def test_store_refuses_an_id_reused_by_other_content(store):
    rec = record(4)
    store.save(rec)
    forged = ud.DatasetRecord(rec.id, "f" * 64, rec.label, rec.unit, rec.source, rec.columns, True, rec.table)
    with pytest.raises(dataset_store.DatasetStoreError, match="different content"):
        store.save(forged)


def test_store_detects_a_damaged_record(store):
    rec = record(5)
    store.save(rec)
    with store._connection() as conn:
        store._execute(conn, "UPDATE led_dataset_rows SET values_json = ? WHERE dataset_id = ? AND row_no = 0",
                       ("[99.0]", rec.id))  # fmt: skip
    with pytest.raises(dataset_store.DatasetCorrupt):
        store.get(rec.id)


def test_store_keeps_plain_text_and_unicode(store):
    t = pd.DataFrame({"adcode": ["640100"], "数值（测试）": [1.0]})
    rec = ud.make_record(
        "<script>alert('x')</script> 测试", "万人", "'; DROP TABLE led_datasets; --", ("数值（测试）",), False, t
    )
    store.save(rec)
    assert same(store.get(rec.id), rec)


def test_store_concurrent_saves_of_the_same_dataset_make_one_record(backend):
    spec = backend[1]
    rec = record(6, n=5)
    n = 8
    barrier = threading.Barrier(n)

    def save(_):
        s = open_store(spec)  # each thread its own store object: the schema is created concurrently too
        barrier.wait(timeout=60)
        return s.save(rec)

    with ThreadPoolExecutor(n) as pool:
        results = list(pool.map(save, range(n)))
    assert sorted(results) == [False] * (n - 1) + [True]
    s = open_store(spec)
    assert s.count() == (1, 5) and same(s.get(rec.id), rec)


CHILD = r"""
import json, sys
import pandas as pd
from userdata.record import make_record
from userdata.store import DatasetStore

spec = json.loads(sys.argv[1])

def pause(record):
    if record.label.endswith(" 2"):
        print("PAUSED", record.id, flush=True)
        sys.stdin.read()  # blocks until the parent kills this process

if spec["kind"] == "sqlite":
    store = DatasetStore.sqlite(spec["path"], before_commit=pause)
else:
    store = DatasetStore.postgres(spec["url"], spec["schema"], before_commit=pause)
for i in range(3):
    t = pd.DataFrame({"adcode": ["640100", "640200", "640300"], "v": [i, i + 0.5, float("nan")]})
    rec = make_record(f"kill test {i}", "u", "s", ("v",), False, t)
    store.save(rec)
    print("SAVED", rec.id, flush=True)
print("DONE", flush=True)
"""


def test_store_sigkill_mid_upload_leaves_no_partial_dataset(backend):
    spec = backend[1]
    parent = open_store(spec)
    parent.ensure_schema()
    earlier = record(7)
    parent.save(earlier)
    env = os.environ | {"PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, json.dumps(spec)],
        cwd=REPO,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = [child.stdout.readline().split() for _ in range(3)]
        assert [w[0] for w in lines] == ["SAVED", "SAVED", "PAUSED"], child.stderr.read() if child.poll() else lines
        saved = [w[1] for w in lines[:2]]
        victim = lines[2][1]
        assert parent.get(victim) is None  # written but not committed: invisible to others
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=60)
        child.stdin.close()
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    reopened = open_store(spec)
    assert reopened.get(victim) is None
    assert reopened.rows_of(victim) == 0  # no orphan rows
    assert reopened.count() == (3, 9)
    assert same(reopened.get(earlier.id), earlier)
    for dataset_id in saved:
        assert reopened.get(dataset_id).table["v"].iloc[0] in (0.0, 1.0)
    t = pd.DataFrame({"adcode": ["640100", "640200", "640300"], "v": [2, 2.5, float("nan")]})
    again = ud.make_record("kill test 2", "u", "s", ("v",), False, t)
    assert again.id == victim and reopened.save(again) is True  # nothing blocks the same upload later


def test_store_from_settings_uses_sqlite_under_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("LED_DATA_DIR", str(tmp_path / "data"))
    s = dataset_store.DatasetStore.from_settings()
    s.save(record(8))
    assert (tmp_path / "data" / dataset_store.SQLITE_FILE).exists()
    import sqlite3

    with sqlite3.connect(tmp_path / "data" / dataset_store.SQLITE_FILE) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_unreachable_database_raises_store_error(tmp_path):
    s = dataset_store.DatasetStore.postgres("postgresql://nobody@127.0.0.1:1/none")
    with pytest.raises(dataset_store.DatasetStoreError):
        s.save(record(9))
    blocked = tmp_path / "file"
    blocked.write_text("")
    with pytest.raises(dataset_store.DatasetStoreError):
        dataset_store.DatasetStore.sqlite(blocked / "sub" / "x.sqlite3").get("0" * 24)


# ------------------------------------------------------------------------------------------------
# Settings
# ------------------------------------------------------------------------------------------------


def test_settings_defaults(monkeypatch):
    for name in (
        "LED_DATA_DIR",
        "DATABASE_URL",
        "LED_UPLOAD_MAX_BYTES",
        "LED_UPLOAD_MAX_ROWS",
        "LED_UPLOAD_MAX_COLUMNS",
    ):
        monkeypatch.delenv(name, raising=False)
    s = dataset_settings.settings()
    assert s.data_dir == REPO / "var" and s.database_url is None
    assert s.limits.max_bytes == 5 * 1024 * 1024


def test_settings_reads_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("LED_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/db")
    monkeypatch.setenv("LED_UPLOAD_MAX_BYTES", "1000")
    s = dataset_settings.settings()
    assert (s.data_dir, s.database_url, s.limits.max_bytes) == (tmp_path, "postgresql://u@h/db", 1000)
    assert datasets_api.request_body_limit(s.limits) == 1334 + 1024 * 1024


@pytest.mark.parametrize(("name", "value"), [("LED_UPLOAD_MAX_BYTES", "5MB"), ("LED_UPLOAD_MAX_ROWS", "0"),
                                             ("DATABASE_URL", "mysql://x")])  # fmt: skip
def test_settings_invalid_values_name_the_variable(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=name):
        dataset_settings.settings()


# ------------------------------------------------------------------------------------------------
# HTTP API
# ------------------------------------------------------------------------------------------------


@pytest.fixture
def client(store, units):
    app = Flask(__name__)
    datasets_api.register_dataset_routes(app, store, units=units, limits=ud.Limits(max_bytes=64 * 1024))
    return app.test_client()


def post(client, content: bytes, filename: str = "test.csv", **form):
    data = (FORM | form) | {"file": (io.BytesIO(content), filename)}
    return client.post("/api/datasets", data=data, content_type="multipart/form-data")


def test_api_post_then_get(client):
    resp = post(client, (FIXTURES / "gbk_suffixes.csv").read_bytes())
    assert resp.status_code == 201
    body = resp.get_json()
    assert body["created"] is True and ud.ID_RE.match(body["id"])
    assert len(body["matched"]) == 8 and body["ambiguous"] == []
    assert [(u["row"], u["key"]) for u in body["unknown"]] == [(10, "宁夏回族自治区 全区合计")]
    assert resp.headers["Location"] == f"/api/datasets/{body['id']}"
    assert len(body["delete_token"]) >= 40 and resp.headers["Cache-Control"] == "no-store"
    got = client.get(f"/api/datasets/{body['id']}")
    assert got.status_code == 200 and got.mimetype == "text/csv"
    assert got.headers["Cache-Control"] == "private, max-age=300"  # user data: never cached publicly
    text = got.get_data().decode("utf-8")
    assert text.startswith("\ufeffadcode,name_zh,常住人口（测试数字）\n") and "\n640100,银川市,288.2\n" in text


def test_api_same_upload_twice_is_stored_once_under_two_random_ids(client, store, index):
    content = (FIXTURES / "utf8_bom.csv").read_bytes()
    first = post(client, content).get_json()
    second = post(client, content, filename="again.csv")
    assert second.status_code == 201
    # the second uploader learns nothing about the first: a new id, created, its own delete token
    assert second.get_json()["id"] != first["id"] and second.get_json()["created"] is True
    assert second.get_json()["delete_token"] != first["delete_token"]
    assert store.count()[0] == 1
    # the ids are not derived from the content: the content id and digest do not open it
    prepared = ud.prepare_upload(content, "x.csv", index=index, **FORM)
    assert prepared.record.id not in (first["id"], second.get_json()["id"])
    assert client.get(f"/api/datasets/{prepared.record.id}").status_code == 404
    assert client.get(f"/api/datasets/{prepared.record.digest}").status_code == 404


def test_api_delete_with_the_token_then_404_for_the_api_and_410_for_a_shared_link(client, store):
    body = post(client, (FIXTURES / "utf8_bom.csv").read_bytes()).get_json()
    url = f"/api/datasets/{body['id']}"
    assert client.delete(url).status_code == 401
    wrong = client.delete(url, headers={"Authorization": "Bearer not-the-token"})
    assert wrong.status_code == 403 and wrong.get_json()["errors"][0]["code"] == "forbidden"
    assert client.get(url).status_code == 200
    done = client.delete(url, headers={"Authorization": f"Bearer {body['delete_token']}"})
    assert done.status_code == 204
    gone = client.get(url)
    assert gone.status_code == 410 and gone.get_json()["errors"][0]["code"] == "removed"
    assert client.delete(url, headers={"Authorization": f"Bearer {body['delete_token']}"}).status_code == 404
    assert store.count() == (0, 0)  # no other id pointed to the content: it is deleted
    assert store.status(body["id"]) == "removed"


def test_api_delete_of_one_id_keeps_the_content_of_another(client, store):
    content = (FIXTURES / "utf8_bom.csv").read_bytes()
    a, b = post(client, content).get_json(), post(client, content).get_json()
    assert client.delete(f"/api/datasets/{a['id']}", headers={"Authorization": f"Bearer {a['delete_token']}"}).status_code == 204
    assert client.get(f"/api/datasets/{b['id']}").status_code == 200
    assert client.delete(f"/api/datasets/{a['id']}", headers={"Authorization": f"Bearer {b['delete_token']}"}).status_code == 404
    assert client.delete(f"/api/datasets/{b['id']}", headers={"Authorization": f"Bearer {a['delete_token']}"}).status_code == 403


def test_api_admin_token_deletes_any_dataset(client, store, monkeypatch):
    monkeypatch.setenv("LED_ADMIN_TOKEN", "admin-token-of-some-length")
    body = post(client, (FIXTURES / "utf8_bom.csv").read_bytes()).get_json()
    resp = client.delete(f"/api/datasets/{body['id']}", headers={"Authorization": "Bearer admin-token-of-some-length"})
    assert resp.status_code == 204 and client.get(f"/api/datasets/{body['id']}").status_code == 410


def test_api_get_is_served_gzipped_from_the_rendering_without_reading_the_rows_again(client, store, monkeypatch):
    body = post(client, (FIXTURES / "gbk_suffixes.csv").read_bytes()).get_json()
    url = f"/api/datasets/{body['id']}"
    first = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert first.headers["Content-Encoding"] == "gzip"
    import gzip

    assert gzip.decompress(first.get_data()).decode("utf-8").startswith("\ufeffadcode,")

    def no_rows(*_a, **_k):
        raise AssertionError("the rows were read again")

    monkeypatch.setattr(store, "get", no_rows)
    again = client.get(url)
    assert again.status_code == 200 and "Content-Encoding" not in again.headers


def test_api_concurrent_posts_of_the_same_file(store, units):
    app = Flask(__name__)
    datasets_api.register_dataset_routes(app, store, units=units)
    content = (FIXTURES / "gbk_suffixes.csv").read_bytes()
    barrier = threading.Barrier(6)

    def send(_):
        c = app.test_client()
        barrier.wait(timeout=60)
        return post(c, content).get_json()

    with ThreadPoolExecutor(6) as pool:
        bodies = list(pool.map(send, range(6)))
    assert len({b["id"] for b in bodies}) == 6 and all(b["created"] for b in bodies)
    assert store.count() == (1, 8)  # six public ids, one stored content


def test_store_many_concurrent_saves_of_the_same_content_converge_on_one_record(store):
    # 5 rounds of 16 writers released together on the same new content: exactly one creates it, the
    # others get the same id (PostgreSQL used to raise a unique violation on the digest index)
    for round_no in range(5):
        rec = record(100 + round_no)
        barrier = threading.Barrier(16)

        def save(_, rec=rec, barrier=barrier):
            barrier.wait(timeout=60)
            return store.save(rec)

        with ThreadPoolExecutor(16) as pool:
            created = list(pool.map(save, range(16)))
        assert sum(created) == 1, created
        assert same(store.get(rec.id), rec)
    assert store.count()[0] == 5


@pytest.mark.parametrize(
    ("fixture", "code"),
    [("non_numeric.csv", "non_numeric"), ("formulas.xlsx", "formula"), ("empty.csv", "empty_file"),
     ("merged_header.csv", "merged_header")],
)  # fmt: skip
def test_api_bad_file_is_400_with_the_errors(client, store, fixture, code):
    resp = post(client, (FIXTURES / fixture).read_bytes(), filename=fixture)
    assert resp.status_code == 400
    errors = resp.get_json()["errors"]
    assert errors[0]["code"] == code and set(errors[0]) == {"code", "message", "message_zh", "row", "column"}
    assert store.count() == (0, 0)


def test_api_script_label_is_stored_as_plain_text(client, store):
    label = "<script>alert(1)</script>"
    body = post(client, (FIXTURES / "utf8_bom.csv").read_bytes(), label=label).get_json()
    assert body["label"] == label
    assert store.get(body["id"]).label == label


def test_api_missing_label_and_too_long_source(client):
    resp = post(client, (FIXTURES / "utf8_bom.csv").read_bytes(), label="", source="s" * 1000)
    assert resp.status_code == 400
    assert [e["code"] for e in resp.get_json()["errors"]] == ["missing_text", "text_too_long"]


def test_api_upload_over_the_limit_is_400(client):
    content = b"adcode,value\n" + b"640100,1\n" * 40_000  # 360 kB > 64 kB + form overhead
    resp = post(client, content)
    assert resp.status_code == 400 and resp.get_json()["errors"][0]["code"] == "file_too_large"
    small_over = b"adcode,value\n" + b"640100,1\n" * 8_000  # 72 kB: over the file limit, under the request limit
    resp = post(client, small_over)
    assert resp.status_code == 400 and resp.get_json()["errors"][0]["code"] == "file_too_large"


def test_api_upload_limit_overrides_a_smaller_app_request_limit(store, units):
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = 1000  # app.py sets 2 MB for everything else
    datasets_api.register_dataset_routes(app, store, units=units, limits=ud.Limits(max_bytes=64 * 1024))
    content = b"adcode,year,value\n" + b"".join(b"640100,%d,1\n" % y for y in range(1900, 2101))
    assert len(content) > 2000
    assert post(app.test_client(), content).status_code == 201


def test_api_unexpected_error_is_json_500(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(ud_prepare, "prepare_upload", broken)
    resp = post(client, (FIXTURES / "utf8_bom.csv").read_bytes())
    assert resp.status_code == 500 and resp.get_json()["errors"][0]["code"] == "internal_error"


def test_api_post_without_file_field(client):
    resp = client.post("/api/datasets", data=FORM, content_type="multipart/form-data")
    assert resp.status_code == 400 and resp.get_json()["errors"][0]["code"] == "no_file"
    resp = client.post("/api/datasets", json={"file": "adcode,v\n640100,1"})
    assert resp.status_code == 400


@pytest.mark.parametrize("dataset_id", ["0" * 24, "abc", "ABCDEF0123456789abcdef01", "0" * 65, "%3Cscript%3E"])
def test_api_get_unknown_id_is_404(client, dataset_id):
    resp = client.get(f"/api/datasets/{dataset_id}")
    assert resp.status_code == 404 and resp.get_json()["errors"][0]["code"] == "not_found"


def test_api_storage_down_is_503_not_a_traceback(units):
    app = Flask(__name__)
    datasets_api.register_dataset_routes(
        app, dataset_store.DatasetStore.postgres("postgresql://x@127.0.0.1:1/x"), units=units
    )
    c = app.test_client()
    resp = post(c, (FIXTURES / "utf8_bom.csv").read_bytes())
    assert resp.status_code == 503 and resp.get_json()["errors"][0]["code"] == "storage_unavailable"
    assert c.get("/api/datasets/" + "0" * 24).status_code == 503


# ------------------------------------------------------------------------------------------------
# Upload panel: layout and callbacks called directly
# ------------------------------------------------------------------------------------------------


def contents_of(content: bytes, mime: str = "text/csv") -> str:
    return f"data:{mime};base64," + base64.b64encode(content).decode()


def texts(component) -> list[str]:
    """Every string in a component tree (children only)."""
    if component is None:
        return []
    if isinstance(component, str):
        return [component]
    if isinstance(component, (list, tuple)):
        return [t for c in component for t in texts(c)]
    return texts(getattr(component, "children", None))


def test_upload_panel_ids_are_prefixed_and_unique():
    panel = upload_layout.upload_panel("zh", dataset_id="ab" * 12)
    found = []

    def walk(c):
        if isinstance(c, (list, tuple)):
            for x in c:
                walk(x)
        elif hasattr(c, "to_plotly_json"):
            if getattr(c, "id", None):
                found.append(c.id)
            walk(getattr(c, "children", None))

    walk(panel)
    assert len(found) == len(set(found))
    assert all(i.startswith("upload-") for i in found)
    assert {upload_layout.FILE, upload_layout.ACCEPT, upload_layout.DATASET, upload_layout.PREVIEW} <= set(found)
    assert "上传数据" in texts(panel)


def test_preview_shows_the_match_report_and_enables_accept(index):
    content = contents_of((FIXTURES / "script_in_cells.csv").read_bytes())
    children, disabled = upload_callbacks.preview_upload(
        content, "x.csv", "Test", "u", "s", "en", index=index, limits=ud.Limits()
    )
    assert disabled is False
    shown = " ".join(texts(children))
    assert "Matched: 1 · Ambiguous: 0 · Unknown: 2" in shown
    assert "row 3: <script>alert(1)</script>" in shown  # a plain string child: React renders it as text


def test_preview_shows_errors_and_keeps_accept_disabled(index):
    content = contents_of((FIXTURES / "non_numeric.csv").read_bytes())
    children, disabled = upload_callbacks.preview_upload(content, "x.csv", "", "u", "s", "zh", index=index)
    assert disabled is True
    shown = texts(children)
    assert "无法接受此文件：" in shown and "请填写名称。" in shown
    assert any("第 3 行“gdp”列" in t for t in shown)


def test_preview_without_file_is_the_hint():
    children, disabled = upload_callbacks.preview_upload(None, None, None, None, None, "en")
    assert disabled is True and texts(children) == [i18n.t("upload_hint", "en")]


def test_accept_stores_and_returns_the_dataset_id(index, store):
    content = contents_of((FIXTURES / "merged_province.xlsx").read_bytes(), "application/octet-stream")
    dataset_id, status = upload_callbacks.accept_upload(
        content, "x.xlsx", "Test", "u", "s", "en", store=store, index=index
    )
    assert ud.ID_RE.match(dataset_id) and store.get(dataset_id).label == "Test"
    said = texts(status)
    assert said[0] == f"Saved as dataset {dataset_id}." and said[1].startswith("Delete token (shown only this once")
    token = said[2]
    again, _ = upload_callbacks.accept_upload(content, "x.xlsx", "Test", "u", "s", "en", store=store, index=index)
    assert again != dataset_id and store.count()[0] == 1  # a new public id for the same stored content
    assert store.remove(dataset_id, token) == "removed" and store.get(again).label == "Test"


def test_accept_refused_upload_stores_nothing(index, store):
    content = contents_of((FIXTURES / "formulas.xlsx").read_bytes())
    dataset_id, status = upload_callbacks.accept_upload(
        content, "f.xlsx", "T", "u", "s", "en", store=store, index=index
    )
    assert dataset_id is None and any("formula" in t for t in texts(status))
    assert store.count() == (0, 0)


@pytest.mark.parametrize("contents", ["", "garbage", "data:text/csv;base64,!!!", "data:text/csv,plain"])
def test_decode_contents_malformed_values_are_upload_errors(contents):
    with pytest.raises(ud.UserDataError):
        ud_read.decode_contents(contents, ud.Limits())


def test_decode_contents_checks_the_size_before_decoding():
    big = contents_of(b"x" * 2000)
    with pytest.raises(ud.UserDataError, match="file_too_large"):
        ud_read.decode_contents(big, ud.Limits(max_bytes=1000))
