"""Disparity reports on the real store, the analytics HTTP routes, and the disparity panel."""

from __future__ import annotations

import json
import logging
import math

import pytest
from flask import Flask

from indicators import disparity_report as da
from indicators.spatial import LISA_LABELS
from web.analytics_api import register_analytics_routes

REQUIRED = (
    "gini",
    "theil",
    "theil_between_province",
    "theil_within_province",
    "theil_between_region",
    "theil_within_region",
    "cv_weighted",
    "moran_i",
    "moran_p",
    "n",
    "n_missing",
    "weighted_by",
    "weight_year",
    "sentence_en",
    "sentence_zh",
)


@pytest.fixture(scope="module")
def gdp2020() -> dict:
    return da.disparity_report("gdp_per_resident", 2020)


@pytest.fixture(scope="module")
def gdp2010() -> dict:
    return da.disparity_report("gdp_per_resident", 2010)


@pytest.fixture(scope="module")
def client():
    app = Flask("analytics-test")
    register_analytics_routes(app)
    return app.test_client()


# --- reports ---------------------------------------------------------------------------------------


def test_theil_between_plus_within_equals_total_for_gdp_per_resident_2020(gdp2020):
    for level in ("province", "region"):
        total = gdp2020[f"theil_between_{level}"] + gdp2020[f"theil_within_{level}"]
        assert abs(total - gdp2020["theil"]) < 1e-9, level
    assert 0 < gdp2020["share_between_province"] < 1
    assert gdp2020["share_between_province"] == pytest.approx(gdp2020["theil_between_province"] / gdp2020["theil"])


def test_report_has_every_measure_finite_and_the_weights_stated(gdp2020):
    for key in REQUIRED:
        assert key in gdp2020, key
    for key in REQUIRED[:9]:
        assert isinstance(gdp2020[key], float) and math.isfinite(gdp2020[key]), key
    assert 0.2 < gdp2020["gini"] < 0.4 and gdp2020["moran_i"] > 0.3 and gdp2020["moran_p"] <= 0.01
    assert gdp2020["weight_year"] == 2020 and "2020" in gdp2020["weighted_by"]
    assert gdp2020["weighted"] is True and "population-weighted" in gdp2020["sentence_en"]
    assert "between provinces" in gdp2020["sentence_en"] and "省际" in gdp2020["sentence_zh"]
    json.dumps(gdp2020, allow_nan=False)


def test_report_counts_add_up_to_the_map_units(gdp2020, gdp2010):
    for r in (gdp2020, gdp2010):
        parts = r["n"] + r["n_missing"] + r["n_flagged_excluded"] + r["n_without_weight_or_region"]
        assert parts == r["n_units"] == 370
    assert gdp2020["n"] == 329  # the GDP table's 2020 units


def test_2010_report_leaves_out_values_on_a_different_territory_and_uses_2010_residents(gdp2010):
    assert gdp2010["weight_year"] == 2010
    # GDP on 2010 boundaries over residents on 2020 boundaries: 合肥 (巢湖), 济南 (莱芜), 成都 (简阳)
    assert {"340100", "370100", "510100"} <= set(gdp2010["flagged_excluded"])
    assert gdp2010["n_flagged_excluded"] == len(gdp2010["flagged_excluded"]) > 0


def test_weight_year_is_the_nearest_census_year():
    assert [da.weight_year(y) for y in (2000, 2010, 2014, 2015, 2016, 2023)] == [2010, 2010, 2010, 2020, 2020, 2020]


def test_signed_indicator_has_moran_but_no_inequality_measures():
    r = da.disparity_report("ss_competitive_manuf", 2020)
    assert r["signed"] is True
    assert r["gini"] is None and r["theil"] is None
    assert math.isfinite(r["moran_i"]) and "negative values" in r["sentence_en"] and "负值" in r["sentence_zh"]
    json.dumps(r, allow_nan=False)


def test_reports_are_cached_and_callers_get_their_own_copy(gdp2020):
    again = da.disparity_report("gdp_per_resident", 2020)
    assert again == gdp2020 and again is not gdp2020
    again["gini"] = -1.0
    assert da.disparity_report("gdp_per_resident", 2020)["gini"] == gdp2020["gini"]
    assert da._report.cache_info().hits >= 1


def test_unknown_key_or_year_raises_a_lookup_error():
    with pytest.raises(da.DisparityLookupError, match="unknown indicator 'nope'"):
        da.disparity_report("nope", 2020)
    with pytest.raises(da.DisparityLookupError, match=r"has no year 2015 \(years: 2010, 2020\)"):
        da.disparity_report("gdp_per_resident", 2015)
    with pytest.raises(LookupError):
        da.lisa_labels("gdp_per_resident", "2020x")


def test_lisa_labels_cover_every_map_unit():
    labels = da.lisa_labels("gdp_per_resident", 2020)
    assert len(labels) == 370 and set(labels.values()) <= set(LISA_LABELS)
    assert labels["310000"] == "high-high" and labels["710000"] == "no data"


def test_disparity_change_compares_the_same_units(gdp2010, gdp2020):
    c = da.disparity_change("gdp_per_resident", 2010, 2020)
    assert c["a"]["n"] == c["b"]["n"] == c["n_common"] <= min(gdp2010["n"], gdp2020["n"])
    assert c["n_only_a"] + c["n_common"] == gdp2010["n"] + gdp2010["n_without_weight_or_region"]
    gini = c["change"]["gini"]
    assert gini["change"] == pytest.approx(gini["b"] - gini["a"]) and gini["b"] < gini["a"]
    assert set(c["change"]) >= {"gini", "theil", "share_between_province", "moran_i", "moran_p"}
    assert c["sentence_en"].startswith("From 2010 to 2020, on the same") and "fell" in c["sentence_en"]
    assert c["sentence_zh"].startswith("2010年至2020年") and "降至" in c["sentence_zh"]
    json.dumps(c, allow_nan=False)


# --- HTTP routes -------------------------------------------------------------------------------------


def test_disparity_route_answers_json_with_finite_measures(client):
    resp = client.get("/api/disparity?indicator=gdp_per_resident&year=2020")
    assert resp.status_code == 200 and resp.mimetype == "application/json"
    body = resp.get_json()
    for key in REQUIRED:
        assert key in body, key
    for key in REQUIRED[:9]:
        assert math.isfinite(body[key]), key
    assert body["year"] == 2020 and body["indicator"] == "gdp_per_resident"


def test_disparity_route_defaults_to_the_latest_year(client):
    assert client.get("/api/disparity?indicator=gdp_per_resident").get_json()["year"] == 2020


@pytest.mark.parametrize(
    "query, message",
    [
        ("indicator=nope&year=2020", "unknown indicator 'nope'"),
        ("indicator=../etc&year=2020", "unknown indicator"),
        ("year=2020", "missing ?indicator="),
        ("indicator=gdp_per_resident&year=2015", "has no year 2015"),
        ("indicator=gdp_per_resident&year=20x0", "year must be one of 2010, 2020"),
    ],
)
def test_bad_key_or_year_is_a_404_with_one_line(client, query, message):
    for route in ("/api/disparity", "/api/lisa"):
        resp = client.get(f"{route}?{query}")
        assert resp.status_code == 404, (route, query)
        text = resp.get_data(as_text=True)
        assert message in text and text.count("\n") == 1


def test_lisa_route_answers_a_label_per_unit(client):
    resp = client.get("/api/lisa?indicator=gdp_per_resident&year=2020")
    assert resp.status_code == 200
    body = resp.get_json()
    assert len(body) == 370 and body["310000"] == "high-high"


def test_change_route(client):
    body = client.get("/api/disparity/change?indicator=gdp_per_resident&from=2010&to=2020").get_json()
    assert body["year_a"] == 2010 and body["year_b"] == 2020 and body["n_common"] > 300
    assert client.get("/api/disparity/change?indicator=gdp_per_resident&from=2011").status_code == 404


def test_a_failure_is_logged_and_answered_without_a_500(client, monkeypatch, caplog):
    def boom(key, year):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(da, "disparity_report", boom)
    with caplog.at_level(logging.ERROR, logger="web.analytics_api"):
        resp = client.get("/api/disparity?indicator=gdp&year=2020")
    assert resp.status_code == 503
    assert "could not be computed" in resp.get_data(as_text=True)
    assert any("simulated failure" in (r.exc_text or "") for r in caplog.records)


# --- the panel -----------------------------------------------------------------------------------


def _texts(component) -> list[str]:
    out = []
    children = getattr(component, "children", None)
    if isinstance(children, str):
        out.append(children)
    elif isinstance(children, list | tuple):
        for c in children:
            out.extend(_texts(c) if not isinstance(c, str) else [c])
    elif children is not None:
        out.extend(_texts(children))
    return out


def test_disparity_panel_speaks_in_words_in_both_languages(gdp2020):
    from layouts.charts.disparity import disparity_panel

    between = round(gdp2020["share_between_province"] * 100)
    en = " ".join(_texts(disparity_panel(gdp2020, "en", panel_id="disparity-panel")))
    assert f"{between} % of the inequality in GDP per census resident is between provinces" in en
    assert "Moran's I" in en and "two residents picked at random" in en and "census residents (2020)" in en
    zh = " ".join(_texts(disparity_panel(gdp2020, "zh")))
    assert f"{between}%来自省与省之间" in zh and "基尼系数" in zh and "莫兰指数" in zh


def test_disparity_panel_of_a_signed_indicator_shows_only_the_spatial_pattern():
    from layouts.charts.disparity import disparity_panel

    r = da.disparity_report("ss_competitive_manuf", 2020)
    en = " ".join(_texts(disparity_panel(r, "en")))
    assert "negative values" in en and "Gini" not in en.replace("Gini and Theil", "") and "Moran's I" in en


def test_disparity_change_panel_lists_the_measures():
    from layouts.charts.disparity import disparity_change_panel

    c = da.disparity_change("gdp_per_resident", 2010, 2020)
    text = " ".join(_texts(disparity_change_panel(c, "en")))
    assert "How the gaps in GDP per census resident changed, 2010 → 2020" in text
    assert "Gini" in text and "Share between provinces" in text and "pp" in text


def test_measures_match_the_disparity_module_and_route_registration_stays_light():
    import subprocess
    import sys

    from indicators import disparity

    assert da.MEASURES == disparity.MEASURES
    code = (
        "import sys; import web.analytics_api; "
        "print(any(m in sys.modules for m in ('esda', 'libpysal', 'inequality', 'indicators.disparity')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
