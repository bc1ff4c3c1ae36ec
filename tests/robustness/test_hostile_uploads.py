"""Hostile workbooks posted to the running app (issue 14): each ends in a clear 400 with its error code,
the answer names no file or traceback, and the worker still answers ``/healthz`` afterwards.

The XLSX is read in a separate process with a memory and CPU budget (:mod:`userdata.xlsx`), so the
merged range over the whole sheet (which made a worker grow by GBs before) and six million cells under
the byte limit are refused from counters, without materialising a cell.
"""

from __future__ import annotations

import pytest

from tests.hostile import xlsx as hostile
from tests.robustness.robust_helpers import assert_no_traceback

#: Hang guard of one request (not a timing check: a refusal takes well under a second on a quiet machine).
REQUEST_GUARD_S = 120


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (hostile.merged_range_xlsx, "sheet_too_large"),
        (hostile.many_cells_xlsx, "sheet_too_large"),
        (hostile.billion_laughs_xlsx, "xlsx_unsafe"),
        (hostile.xxe_xlsx, "xlsx_unsafe"),
    ],
    ids=["merged-range", "six-million-cells", "billion-laughs", "xxe"],
)
def test_hostile_workbook_is_refused_and_the_worker_stays_up(http, base_url, make, code):
    resp = http.post(
        f"{base_url}/api/datasets",
        files={"file": ("table.xlsx", make(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")},
        data={"label": "hostile", "unit": "x", "source": "test"},
        timeout=REQUEST_GUARD_S,
    )
    assert resp.status_code == 400, resp.text[:300]
    assert [e["code"] for e in resp.json()["errors"]] == [code]
    assert "root:" not in resp.text
    assert_no_traceback(resp.text, f"POST /api/datasets ({code})")
    health = http.get(f"{base_url}/healthz", timeout=REQUEST_GUARD_S)
    assert health.status_code == 200


@pytest.fixture(scope="module")
def limited_server(tmp_path_factory):
    """Its own server, so the flood below does not use up the session server's upload allowance."""
    from tests.robustness.robust_helpers import start_gunicorn, stop_gunicorn

    server = start_gunicorn(
        tmp_path_factory.mktemp("limited-gunicorn"),
        extra_env={"LED_RATE_UPLOADS": "10/minute;100/day", "LED_DATA_DIR": str(tmp_path_factory.mktemp("data"))},
    )
    yield server
    stop_gunicorn(server)


def test_a_dataset_taken_down_answers_410_and_its_shared_link_says_removed(limited_server):
    import requests

    with requests.Session() as http:
        created = http.post(
            f"{limited_server.base}/api/datasets",
            files={"file": ("t.csv", b"adcode,value\n640100,1\n640200,2\n", "text/csv")},
            data={"label": "to remove", "unit": "x", "source": "test"},
            timeout=REQUEST_GUARD_S,
        ).json()
        url = f"{limited_server.base}/api/datasets/{created['id']}"
        assert http.get(url, timeout=REQUEST_GUARD_S).status_code == 200
        link = f"{limited_server.base}/?ds={created['id']}&indicator=ds_{created['id']}&lang=en"

        def layout():  # the page's layout, as the browser fetches it for this link
            resp = http.get(f"{limited_server.base}/_dash-layout", headers={"Referer": link}, timeout=REQUEST_GUARD_S)
            assert resp.status_code == 200
            return resp.text

        assert "was removed" not in layout() and "to remove" in layout()
        done = http.delete(url, headers={"Authorization": f"Bearer {created['delete_token']}"}, timeout=REQUEST_GUARD_S)
        assert done.status_code == 204
        # both workers answer 410 (the rendering cache of the other worker is not trusted)
        assert {http.get(url, timeout=REQUEST_GUARD_S).status_code for _ in range(6)} == {410}
        # the link still opens (the default indicator), and says why its dataset is not shown
        assert all("The dataset of this link was removed" in layout() for _ in range(4))


def test_a_hundred_uploads_from_one_client_are_cut_at_the_limit(limited_server):
    """100 uploads as fast as one client can send them: at most 10 per minute per client are read
    (each worker keeps its own counters without Redis, so at most 10 × 2 workers), the rest get 429 with
    Retry-After, and ``/healthz`` still answers."""
    import requests

    content = b"adcode,value\n640100,1\n640200,2\n"
    statuses = []
    with requests.Session() as http:
        for i in range(100):
            resp = http.post(
                f"{limited_server.base}/api/datasets",
                files={"file": ("t.csv", content + f"640300,{i}\n".encode(), "text/csv")},
                data={"label": "flood", "unit": "x", "source": "test"},
                timeout=REQUEST_GUARD_S,
            )
            statuses.append(resp.status_code)
            if resp.status_code == 429:
                assert resp.json()["errors"][0]["code"] == "rate_limited"
                assert int(resp.headers["Retry-After"]) > 0
        assert http.get(f"{limited_server.base}/healthz", timeout=REQUEST_GUARD_S).status_code == 200
    accepted = [s for s in statuses if s != 429]
    assert set(accepted) == {201}
    assert 8 <= len(accepted) <= 20, statuses  # the test above used one of this minute's uploads
    assert statuses.count(429) >= 80
