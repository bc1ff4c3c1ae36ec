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
