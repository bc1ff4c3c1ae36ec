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


# ------------------------------------------------------------------------------------------------
# The county map and chart tabs
# ------------------------------------------------------------------------------------------------


def recolour(key, mode="values", lang="en"):
    from callbacks import map as map_cb

    request = {"indicator": key, "year": 2020, "scheme": "quantiles", "k": 5, "breaks": "", "palette": None,
               "mode": mode, "level": "county"}  # fmt: skip
    return map_cb.recolour_request(request, ["640104"], lang)


def test_county_recolour_of_an_upload_classes_its_values_and_leaves_the_others_without_data(county_ds):
    key, _record = county_ds
    hide, legend, breaks_class = recolour(key)
    assert hide["level"] == "county" and breaks_class == "breaks-input"
    classed = set(hide["c"])
    assert classed == {c for c in [*NINGXIA, "620102"] if c != BLANK}  # only the uploaded values are classed
    assert len(set(hide["c"].values())) == 5  # five classes from the nine uploaded values
    assert hide["v"][BLANK] is None and hide["v"]["110101"] is None  # missing stays missing: no data
    assert hide["label"] == LABEL and hide["unit"] == "clinics"
    text = json.dumps(legend, ensure_ascii=False, default=str)
    assert LABEL in text and "Uploaded by the user" in text and "clinics" in text
    assert "No data" in text or "no data" in text


def test_county_recolour_of_an_upload_in_lisa_mode_still_draws_its_values(county_ds):
    key, _record = county_ds
    hide, _legend, _ = recolour(key, mode="lisa", lang="zh")
    assert len(set(hide["c"].values())) == 5 and hide["c"].keys() <= set([*NINGXIA, "620102"])


def test_county_caption_of_an_upload_names_it_and_says_user_data(county_ds):
    from callbacks import map as map_cb

    key, _record = county_ds
    caption, _context = map_cb.describe_request({"indicator": key, "year": 2020, "level": "county"}, "en")
    text = json.dumps(caption, default=lambda c: c.to_plotly_json() if hasattr(c, "to_plotly_json") else str(c))
    assert LABEL.replace("<", "\\u003c") in text or LABEL in text
    assert "User data" in text and "clinics" in text


@pytest.mark.parametrize("tab", ["compare", "ranking"])
def test_county_tabs_draw_the_upload(county_ds, tab):
    from callbacks import charts

    key, _record = county_ds
    tree = charts.county_tab(tab, ["640104", "640105", BLANK], key, 2020, "en")
    text = json.dumps(tree.to_plotly_json(), default=str, ensure_ascii=False)
    assert "cannot be drawn" not in text and LABEL in text
    assert "兴庆区" in text or "Xingqing" in text


def test_county_ranking_of_an_upload_ranks_only_its_values(county_ds):
    from state import county_charts

    key, _record = county_ds
    values = county_charts.values(key, 2020)
    assert int(values.notna().sum()) == 9 and pd.isna(values[BLANK])


def test_county_link_to_the_upload_parses_and_offers_it_in_the_picker(county_ds):
    from state import deployment as st
    from web import county_page

    key, _record = county_ds
    result = st.parse(f"?level=county&indicator={key}")
    assert (result.state.level, result.state.indicator, result.state.ds) == ("county", key, key[3:])
    assert not result.notices
    assert key in [i.key for i in county_page.indicators(result.state.ds)]
    assert f"indicator={key}" in st.write(result.state)


def test_county_dataset_at_prefecture_level_falls_back_with_a_notice(county_ds):
    from state import deployment as st
    from state import sources

    key, _record = county_ds
    result = st.parse(f"?indicator={key}&ds={key[3:]}")
    assert result.state.level == "prefecture" and result.state.indicator != key
    (notice,) = [n for n in result.notices if n.param == "indicator"]
    assert "county-level" in notice.message_en and "level=county" in notice.message_en and LABEL in notice.message_en
    assert "县级" in notice.message_zh
    assert key not in [i.key for i in sources.indicators_in_order(key[3:])]


def test_prefecture_dataset_at_county_level_falls_back_with_a_notice(tmp_path_factory, county_ds):
    from state import deployment as st
    from userdata import cache
    from userdata.record import make_record

    t = pd.DataFrame({"adcode": ["640100", "640200"], "v": [1.0, 2.0]})
    public_id, _token = cache.default_store().publish(make_record("Prefecture figures", "u", "test", ("v",), False, t))
    result = st.parse(f"?level=county&indicator=ds_{public_id}&ds={public_id}")
    assert result.state.level == "county" and result.state.indicator != f"ds_{public_id}"
    (notice,) = [n for n in result.notices if n.param == "indicator"]
    assert "prefecture-level" in notice.message_en and "Prefecture figures" in notice.message_en


def test_county_page_of_an_upload_renders(county_ds):
    """The whole page at county level with the upload: the map's colours, the legend note, no notice."""
    from app import app

    key, _record = county_ds
    with app.server.test_request_context(f"/?level=county&indicator={key}&lang=en"):
        tree = app.layout() if callable(app.layout) else app.layout
    text = json.dumps(tree, default=lambda c: c.to_plotly_json() if hasattr(c, "to_plotly_json") else str(c),
                      ensure_ascii=False)  # fmt: skip
    assert "Uploaded by the user" in text and '"className": "notice"' not in text
    assert f'"value": "{key}"' in text  # the picker shows the upload
    with app.server.test_request_context(f"/?indicator={key}&lang=en"):  # the same link at prefecture level
        tree = app.layout() if callable(app.layout) else app.layout
    text = json.dumps(tree, default=lambda c: c.to_plotly_json() if hasattr(c, "to_plotly_json") else str(c),
                      ensure_ascii=False)  # fmt: skip
    assert '"className": "notice"' in text and "level=county" in text


def test_accepted_county_upload_opens_the_county_map(county_ds):
    from callbacks import url as url_cb

    key, _record = county_ds
    href = url_cb.open_dataset(key[3:], "?indicator=gdp&sel=640100~640200", "zh")
    assert "level=county" in href and f"indicator={key}" in href and f"ds={key[3:]}" in href
    assert "sel=" not in href  # prefecture codes are not counties
    assert "year=2020" in href or "year=" not in href


@pytest.mark.parametrize("level", ["county", "prefecture"])
def test_page_of_a_county_upload_answers_at_either_level(county_ds, client, level):
    key, _record = county_ds
    resp = client.get(f"/?level={level}&indicator={key}&ds={key[3:]}")
    assert resp.status_code == 200


def test_prefecture_callbacks_given_a_county_upload_change_nothing(county_ds):
    """A crafted payload naming the county upload at prefecture level: no colours, the default charts."""
    from dash import no_update

    from callbacks import charts
    from callbacks import map as map_cb

    key, _record = county_ds
    request = {"indicator": key, "year": 2020, "scheme": "quantiles", "k": 5, "breaks": "", "palette": None,
               "mode": "values", "level": "prefecture"}  # fmt: skip
    assert map_cb.recolour_request(request, [], "en") == (no_update, no_update, no_update)
    assert map_cb.describe(key, 2020, "quantiles", 5, "", "en") == (no_update, no_update)
    text = json.dumps(charts.render_tab("ranking", ["640100"], key, 2020, "en").to_plotly_json(), default=str)
    assert LABEL not in text
