"""The county level on the HTTP API and in the disparity measures (issue 13)."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from flask import Flask

from indicators.county.disparity import THREE_LEVEL, county_disparity_report, theil_three_level
from indicators.disparity_measures import MEASURES
from indicators.export import BOM, registry_records
from web.analytics_api import register_analytics_routes
from web.api import register_routes


@pytest.fixture(scope="module")
def client():
    app = Flask("county-api-test")
    register_routes(app)
    register_analytics_routes(app)
    return app.test_client()


def _rows(resp):
    text = resp.get_data(as_text=True)
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[len(BOM) :])))


def test_indicator_list_without_level_is_the_prefecture_registry(client):
    body = client.get("/api/indicators").get_json()
    assert body == registry_records()
    assert client.get("/api/indicators?level=prefecture").get_json() == body
    pop = next(r for r in body if r["key"] == "pop_resident")
    assert pop["levels"] == ["prefecture", "county"]
    assert next(r for r in body if r["key"] == "gdp")["levels"] == ["prefecture"]


def test_indicator_list_at_county_level(client):
    body = client.get("/api/indicators?level=county").get_json()
    keys = {r["key"] for r in body}
    assert {"avg_schooling_years", "migrants_other_prov_pct", "lqf_census_manuf"} <= keys
    assert "gdp" not in keys
    assert all("county" in r["levels"] for r in body)


@pytest.mark.parametrize(
    "path",
    [
        "/api/indicators?level=district",
        "/api/indicators/pop_resident.csv?level=County",
        "/api/disparity?indicator=pop_resident&level=x",
        "/api/lisa?indicator=pop_resident&level=",
        "/api/disparity/change?indicator=pop_resident&level=county",
    ],
)
def test_bad_level_is_a_400_with_one_line(client, path):
    resp = client.get(path)
    assert resp.status_code == 400
    text = resp.get_data(as_text=True)
    assert text.count("\n") == 1 and "level" in text and "Traceback" not in text


def test_county_csv_has_prefecture_code_and_lists_functional_zones(client):
    resp = client.get("/api/indicators/migrants_other_prov_pct.csv?level=county&year=2020")
    assert resp.status_code == 200
    rows = _rows(resp)
    assert list(rows[0]) == ["adcode", "name_zh", "name_en", "province_zh", "year", "value", "unit", "source",
                             "prefecture_adcode", "note"]  # fmt: skip
    by = {r["adcode"]: r for r in rows}
    assert round(float(by["640104"]["value"]), 1) == 21.9
    assert by["640104"]["prefecture_adcode"] == "640100"
    zones = [r for r in rows if "functional zone" in r["note"]]
    assert len(zones) == 95 and all("not drawn" in r["note"] for r in zones)
    assert "not drawn" in by["330104"]["note"]  # 江干区: no polygon has its census territory


def test_county_csv_selection_unknown_key_and_year(client):
    rows = _rows(client.get("/api/indicators/avg_schooling_years.csv?level=county&year=2020&sel=640104~640522"))
    assert [(r["adcode"], r["value"]) for r in rows] == [("640104", "10.75"), ("640522", "7.54")]
    assert client.get("/api/indicators/gdp.csv?level=county").status_code == 404
    assert client.get("/api/indicators/avg_schooling_years.csv?level=county&year=2015").status_code == 404


def test_old_csv_call_is_unchanged(client):
    rows = _rows(client.get("/api/indicators/pop_resident.csv?year=2020"))
    assert "prefecture_adcode" not in rows[0] and len(rows) == 370


def test_three_level_theil_parts_sum_to_the_total():
    rng = np.random.default_rng(7)
    x, w = rng.gamma(2.0, 3.0, 200), rng.integers(1, 100, 200).astype(float)
    pref = [f"p{i // 10}" for i in range(200)]
    prov = [f"v{i // 50}" for i in range(200)]
    d = theil_three_level(x, w, prov, pref)
    assert sum(d[k] for k in THREE_LEVEL[1:]) == pytest.approx(d["theil"], abs=1e-12)
    assert all(d[k] >= -1e-12 for k in THREE_LEVEL)


def test_three_level_theil_unweighted_matches_inequality():
    theil = pytest.importorskip("inequality.theil")
    rng = np.random.default_rng(3)
    x = rng.gamma(2.0, 3.0, 120)
    pref = np.array([i // 6 for i in range(120)])
    prov = pref // 5
    d = theil_three_level(x, None, prov, pref)
    by_prov, by_pref = theil.TheilD(x, prov), theil.TheilD(x, pref)
    assert d["theil"] == pytest.approx(float(np.ravel(by_prov.T)[0]))
    assert d["theil_between_province"] == pytest.approx(float(np.ravel(by_prov.bg)[0]))
    assert d["theil_within_prefecture"] == pytest.approx(float(np.ravel(by_pref.wg)[0]))


def test_three_level_theil_rejects_levels_that_do_not_nest():
    with pytest.raises(ValueError, match="nest"):
        theil_three_level([1.0, 2.0, 3.0], None, ["a", "b", "b"], ["x", "x", "y"])


@pytest.mark.parametrize("year", [2010, 2020])
def test_county_disparity_other_province_residents(year):
    r = county_disparity_report("migrants_other_prov_pct", year, with_moran=False)
    assert set(MEASURES) | set(THREE_LEVEL) <= set(r)
    parts = r["theil_between_province"] + r["theil_between_prefecture_within_province"] + r["theil_within_prefecture"]
    assert parts == pytest.approx(r["theil"], abs=1e-12)
    assert r["theil_between_province"] + r["theil_within_province"] == pytest.approx(r["theil"], abs=1e-12)
    assert r["level"] == "county" and r["n"] > (2700 if year == 2020 else 2200) and 0 < r["gini"] < 1
    assert r["n_not_drawn"] > 0 and r["residents_not_drawn"] > 0
    assert r["weighted"] and "population-weighted" in r["sentence_en"]


def test_disparity_route_at_county_level(client):
    resp = client.get("/api/disparity?level=county&indicator=migrants_other_prov_pct&year=2020")
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["level"] == "county" and body["theil_between_prefecture_within_province"] > 0
    assert client.get("/api/disparity?level=county&indicator=gdp").status_code == 404
    assert client.get("/api/disparity?level=county&indicator=pop_resident&year=2015").status_code == 404


def test_lisa_and_moran_on_the_county_contiguity(client):
    """Builds the county neighbour lists once (cached under LED_CACHE_DIR) when they are missing."""
    from indicators.county import county_units
    from indicators.county.contiguity import county_neighbours, neighbours_built

    neighbours = county_neighbours()
    assert neighbours_built()
    drawn = set(county_units().query("drawable").adcode)
    assert set(neighbours) == drawn and all(neighbours.values())
    assert all(a in neighbours[b] for a, ns in neighbours.items() for b in ns)  # symmetric
    assert "640106" in neighbours["640104"]  # 兴庆区 touches 金凤区
    resp = client.get("/api/lisa?level=county&indicator=migrants_other_prov_pct&year=2020")
    assert resp.status_code == 200
    labels = resp.get_json()
    assert set(labels) == drawn
    assert labels["310115"] == "high-high"  # 浦东新区 among Shanghai's districts
    assert not any(code in labels for code in ("330104", "232762"))  # not drawn: not in the graph
    body = client.get("/api/disparity?level=county&indicator=migrants_other_prov_pct&year=2020").get_json()
    assert body["moran_i"] > 0.3 and body["moran_p"] < 0.01
