"""The indicator picker's whole list as a static file (web/picker_options.py): out of the page's layout,
fetched after the first paint; options only one page has stay in the layout."""

from __future__ import annotations

import json

import pytest

from tests.component_tree import find_props, with_id


@pytest.fixture(scope="module")
def client():
    import app

    with app.server.test_client() as c:
        yield c


def _layout(client, query=""):
    return client.get("/_dash-layout", headers={"Referer": "http://localhost/" + query}).get_json()


@pytest.mark.parametrize("level,lang", [("prefecture", "en"), ("prefecture", "zh"), ("county", "en")])
def test_the_file_holds_every_registry_indicator_with_its_search_words(client, level, lang):
    from indicators.registry import COUNTY_REGISTRY, REGISTRY
    from web import picker_options

    name, _ = picker_options.options_file(level, lang)
    resp = client.get(f"/picker/{name}")
    assert resp.status_code == 200
    assert "immutable" in resp.headers["Cache-Control"]
    options = json.loads(resp.data)
    registry = COUNTY_REGISTRY if level == "county" else REGISTRY
    keys = [o["value"] for o in options if not o.get("disabled")]
    assert sorted(keys) == sorted(registry)
    assert all(o.get("search") for o in options if not o.get("disabled"))


@pytest.mark.parametrize(
    "name", ["prefecture-en-000000000000.json", "x.json", "prefecture-de-aaaaaaaaaaaa.json", "a%00b"]
)
def test_an_unknown_file_is_a_404(client, name):
    resp = client.get(f"/picker/{name}")
    assert resp.status_code == 404
    assert b"Traceback" not in resp.data


def test_the_layout_names_the_file_and_carries_only_the_chosen_option(client):
    from web import picker_options

    layout = _layout(client, "?indicator=gdp_per_resident&lang=en")
    (store,) = [p["data"] for p in find_props(layout, with_id("indicator-options-later"))]
    name, _ = picker_options.options_file("prefecture", "en")
    assert store == {"target": "indicator-picker", "prop": "options", "url": f"/picker/{name}", "extra": []}
    pickers = [p["options"] for p in find_props(layout, with_id("indicator-picker"))]
    assert [o["value"] for o in pickers[0]] == ["gdp_per_resident"]


def test_an_uploads_options_travel_in_the_layout_after_the_files():
    from web import picker_options

    upload = [
        {"label": "— User data —", "value": "__family_user", "disabled": True},
        {"label": "Mine", "value": "ds_x"},
    ]
    registry = json.loads(picker_options.options_file("prefecture", "en")[1])
    assert picker_options.later(registry + upload, "prefecture", "en")["extra"] == upload
