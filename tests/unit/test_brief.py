"""The locality brief: its numbers (indicators/brief.py), its sentences (layouts/brief.py) and its route
(web/brief.py), for Yinchuan (640100)."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from indicators import brief as brief_data
from indicators import compare
from layouts.brief import fact_sentence, findings
from web.brief import register_brief_routes

YINCHUAN = "640100"


@pytest.fixture(scope="module")
def yinchuan():
    return brief_data.unit_brief(YINCHUAN)


@pytest.fixture(scope="module")
def client():
    app = Flask("brief-test")
    register_brief_routes(app)
    return app.test_client()


def test_brief_profile_matches_the_profile_tabs_numbers(yinchuan):
    from geodata import layer
    from indicators import store

    units = layer.units().set_index("adcode")
    keys = [r.key for r in yinchuan.profile]
    ref = compare.unit_profile(store.load_store(), YINCHUAN, list(units.index), units["province_adcode"], keys)
    for r in yinchuan.profile:
        expected = ref.loc[r.key]
        if r.missing:
            assert compare.is_missing(expected["value"])
            continue
        assert (r.year, r.value) == (int(expected["year"]), pytest.approx(float(expected["value"])))
        assert (r.rank, r.n) == (int(expected["rank"]), int(expected["n"]))
        assert (r.prov_rank, r.prov_n) == (int(expected["prov_rank"]), int(expected["prov_n"]))


def test_brief_quadrant_equals_the_sectors_tab(yinchuan):
    import pandas as pd

    pd.testing.assert_frame_equal(yinchuan.quadrant, compare.census_quadrant(YINCHUAN), check_dtype=False)


def test_brief_yinchuan_wage_sentence_in_both_languages(yinchuan):
    wage = yinchuan.row("avg_wage")
    assert (wage.year, wage.value) == (2021, 114235.0)  # CCSY avg_wage_nonprivate_yuan_per_year, 640100, 2021
    en, zh = fact_sentence(wage, "en"), fact_sentence(wage, "zh")
    assert en.startswith("Average wage, urban non-private units was 114,235 yuan per year in 2021:")
    assert f"{wage.rank} of {wage.n} units nationally" in en and "national 111,105" in en
    assert zh.startswith("城镇非私营单位在岗职工平均工资为114,235元/年（2021年）")


def test_brief_findings_every_number_is_a_value_of_the_tables(yinchuan):
    """Each number in a findings paragraph is a displayed value, national value, rank, count or year of
    the brief's own rows (or a count of quadrant sectors)."""
    from layouts.map import format_value

    allowed = set()
    for r in yinchuan.profile:
        if r.missing:
            continue
        dec = brief_data.REGISTRY[r.key].decimals
        allowed |= {format_value(r.value, dec), format_value(r.national, dec), str(r.rank), str(r.n)}
        allowed |= {str(r.prov_rank), str(r.prov_n), str(r.year)}
    allowed |= {str(len(yinchuan.quadrant_sectors(q))) for q in ("specialised_growing", "emerging")}
    words = [w for ind in brief_data.REGISTRY.values() for w in (ind.label_en, ind.label_zh, ind.unit_en, ind.unit_zh)]
    for lang in ("en", "zh"):
        for family, text in findings(yinchuan, "Yinchuan", lang).items():
            for w in sorted(words, key=len, reverse=True):  # labels and units ("10,000 persons") are no values
                text = text.replace(w, "")
            for number in re.findall(r"-?\d[\d,]*(?:\.\d+)?(?:–\d+)?", text):
                assert number in allowed, (lang, family, number)


def test_brief_route_both_languages_and_print_css(client):
    en = client.get("/brief?sel=640100&lang=en")
    zh = client.get("/brief?sel=640100&lang=zh")
    assert en.status_code == zh.status_code == 200
    page_en, page_zh = en.data.decode(), zh.data.decode()
    assert "<h2>Yinchuan" in page_en and "<h2>银川市" in page_zh
    assert "@media print" in page_en and 'src="/brief/print.js"' in page_en
    for family in ("employment", "migrant", "economy", "population", "sector"):
        assert f'data-family="{family}"' in page_en
    assert "Sector quadrant" in page_en and "产业象限" in page_zh and "Peers" in page_en
    assert 'href="/brief?sel=640100&amp;lang=zh"' in page_en


def test_brief_route_several_units_one_section_each(client):
    page = client.get("/brief?sel=640100~640200&lang=en").data.decode()
    assert page.count('<section class="unit"') == 2


@pytest.mark.parametrize(
    "query, message",
    [("sel=", "give the units"), ("sel=999999", "unknown unit code '999999'"), ("sel=64<b>", "unknown unit code")],
)
def test_brief_route_bad_sel_is_400_one_line(client, query, message):
    resp = client.get("/brief?" + query)
    assert resp.status_code == 400 and message in resp.data.decode() and resp.data.decode().count("\n") == 1
