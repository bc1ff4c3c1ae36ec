"""An uploaded county dataset (issue 13) on the HTTP API, the county map and the county chart tabs.

The dataset is the counties of Ningxia with made-up figures (one of them blank) plus 兰州 城关区, in a
dataset store of its own; every other county has no value and must stay without one.
"""

from __future__ import annotations

import csv
import io
import json
import os

import pandas as pd
import pytest

LABEL = "Clinics <b>per</b> county"
NINGXIA = ["640104", "640105", "640106", "640121", "640122", "640181", "640202", "640205", "640221"]
BLANK = "640122"


@pytest.fixture(scope="module")
def county_ds(tmp_path_factory):
    """``(ds_<public id>, record)`` of the county upload, in a dataset store of its own (restored afterwards)."""
    from userdata import cache
    from userdata.record import make_record

    old = os.environ.get("LED_DATA_DIR")
    os.environ["LED_DATA_DIR"] = str(tmp_path_factory.mktemp("county_datasets"))
    cache.default_store.cache_clear()
    codes = [*NINGXIA, "620102"]
    values = [float(i + 1) if c != BLANK else float("nan") for i, c in enumerate(codes)]
    table = pd.DataFrame({"adcode": codes, "year": 2020, "v": values})
    record = make_record(LABEL, "clinics", "county health offices, made up", ("v",), True, table, level="county")
    public_id, _token = cache.default_store().publish(record)
    yield "ds_" + public_id, record
    cache.forget(public_id)
    cache.default_store.cache_clear()
    if old is None:
        os.environ.pop("LED_DATA_DIR", None)
    else:
        os.environ["LED_DATA_DIR"] = old


@pytest.fixture(scope="module")
def client():
    from app import server

    return server.test_client()


def csv_rows(resp) -> list[dict]:
    text = resp.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


# ------------------------------------------------------------------------------------------------
# HTTP API
# ------------------------------------------------------------------------------------------------


def test_county_dataset_csv_has_the_county_columns_every_unit_and_blanks(county_ds, client):
    from indicators.county.export import COLUMNS
    from userdata.cache import county_unit_table

    key, _record = county_ds
    resp = client.get(f"/api/indicators/{key}.csv")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert "_county_2020.csv" in resp.headers["Content-Disposition"]
    text = resp.get_data(as_text=True)
    assert text.lstrip("\ufeff").splitlines()[0] == ",".join(COLUMNS)
    rows = {r["adcode"]: r for r in csv_rows(resp)}
    assert len(rows) == len(county_unit_table())
    xq = rows["640104"]
    assert (xq["name_zh"], xq["prefecture_adcode"], xq["year"], xq["value"]) == ("兴庆区", "640100", "2020", "1")
    assert xq["unit"] == "clinics" and LABEL in xq["source"] and xq["source"].startswith("User data")
    assert rows[BLANK]["value"] == "" and rows["110101"]["value"] == ""  # missing stays missing
    assert rows["620102"]["value"] == "10"


def test_county_dataset_csv_selection_and_level(county_ds, client):
    key, _record = county_ds
    some = csv_rows(client.get(f"/api/indicators/{key}.csv?level=county&sel=640104~620102~x"))
    assert [r["adcode"] for r in some] == ["620102", "640104"]
    wrong = client.get(f"/api/indicators/{key}.csv?level=prefecture")
    assert wrong.status_code == 404 and "level=county" in wrong.get_data(as_text=True)
    assert client.get(f"/api/indicators/{key}.csv?year=2010").status_code == 404
    assert client.get(f"/api/indicators/{key}.csv?level=town").status_code == 400


def test_indicator_list_at_county_level_lists_the_county_dataset_asked_for(county_ds, client):
    key, _record = county_ds
    body = client.get(f"/api/indicators?level=county&ds={key[3:]}").get_json()
    mine = [r for r in body if r["key"] == key]
    assert len(mine) == 1 and mine[0]["levels"] == ["county"] and mine[0]["label_en"] == LABEL
    assert mine[0]["years"] == [2020]
    prefecture = client.get(f"/api/indicators?ds={key[3:]}").get_json()
    assert all(r["key"] != key for r in prefecture)  # a county dataset is not a prefecture indicator
    assert client.get("/api/indicators?level=county&ds=0123456789abcdef01234567").status_code == 404
    assert client.get("/api/indicators?level=county&ds=<script>").status_code == 400
