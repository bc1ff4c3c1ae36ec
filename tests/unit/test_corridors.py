"""Spring-Festival corridors: the vendored table, the partners of a unit, derived indicators, the HTTP routes."""

from __future__ import annotations

import csv
import io
import json
import math

import numpy as np
import pandas as pd
import pytest

from indicators import corridor_indicators as ci
from indicators import corridors as co
from indicators.ingest import DATA_DIR


def _pair(origin, dest, from_origin, from_dest, cross=False, window="sf2020_pre") -> dict:
    return {
        "window": window,
        "origin_adcode": origin,
        "origin_name_zh": f"o{origin}",
        "dest_adcode": dest,
        "dest_name_zh": f"d{dest}",
        "cross_province": cross,
        "index_from_origin": from_origin,
        "index_from_dest": from_dest,
    }


@pytest.fixture()
def tiny() -> pd.DataFrame:
    """A: three destinations (one seen only from the destination's side, one in another province); B: one."""
    nan = np.nan
    return pd.DataFrame(
        [
            _pair("100100", "100200", 6.0, 5.0),  # both sides: out uses 6, in uses 5
            _pair("100100", "100300", nan, 3.0),  # only the destination's list: out falls back to 3
            _pair("100100", "200100", 1.0, nan, cross=True),  # only the origin's list: in falls back to 1
            _pair("100200", "100100", 2.0, 2.5),
            _pair("100200", "100300", nan, nan),  # seen from neither side: dropped
            _pair("300100", "100100", 4.0, 4.0, window="sf2021_post"),  # a unit only in the other window
        ]
    )


# --- the vendored table ----------------------------------------------------------------------------


def test_vendored_table_is_the_published_file_with_its_pair_counts():
    t = co.load_corridors()
    assert (DATA_DIR / co.FILE).suffix == ".gz"
    assert t.groupby("window").size().to_dict() == {"sf2020_pre": 86142, "sf2021_post": 105374}
    assert tuple(t.columns) == co.COLUMNS
    assert t["origin_adcode"].str.fullmatch(r"\d{6}").all() and t["dest_adcode"].str.fullmatch(r"\d{6}").all()
    assert not t.duplicated(["window", "origin_adcode", "dest_adcode"]).any()
    assert (t["origin_adcode"] != t["dest_adcode"]).all(), "self-pairs are dropped"


def test_sources_md_documents_the_corridor_table_and_its_licence():
    text = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    section = text.split("## 10. `baidu_spring_festival_corridors_2020_2021.csv.gz`", 1)[1].split("\n## ", 1)[0]
    assert "© Baidu" in section and "non-commercial" in section
    assert "fallback" in section and "not persons" in section


# --- published checks (SOURCES.md section 10) ------------------------------------------------------


def test_partners_shenzhen_sf2020_pre_out_top_destinations_by_index_from_origin():
    p = co.partners("440300", "sf2020_pre", "out", top=5)
    assert list(p["name_zh"]) == ["东莞市", "惠州市", "广州市", "梅州市", "茂名市"]
    assert [round(v, 2) for v in p["index"]] == [22.43, 17.22, 11.66, 9.35, 8.18]
    raw = co.load_corridors()
    raw = raw[(raw.window == "sf2020_pre") & (raw.origin_adcode == "440300")].set_index("dest_adcode")
    assert list(p["index"]) == list(raw.loc[p["adcode"], "index_from_origin"]), "out uses index_from_origin"
    assert not p["fallback"].any() and not p["cross_province"].any()


def test_partners_chongqing_sf2020_pre_out_top_three():
    p = co.partners("500000", "sf2020_pre", "out", top=5)
    assert [(n, round(v, 2)) for n, v in zip(p["name_zh"][:3], p["index"][:3], strict=True)] == [
        ("广安市", 9.14),
        ("成都市", 7.25),
        ("达州市", 5.99),
    ]
    assert p["cross_province"].all(), "a municipality's every partner lies in another province"


def test_partners_dongguan_sf2020_pre_out_first_five():
    p = co.partners("441900", "sf2020_pre", "out", top=5)
    assert list(p["name_zh"]) == ["深圳市", "广州市", "惠州市", "茂名市", "赣州市"]
    assert list(p["cross_province"]) == [False, False, False, False, True]


def test_partners_yinchuan_sf2021_post_in_uses_index_from_dest():
    p = co.partners("640100", "sf2021_post", "in", top=5)
    assert [(n, round(v, 1)) for n, v in zip(p["name_zh"], p["index"], strict=True)] == [
        ("吴忠市", 8.9),
        ("石嘴山市", 5.8),
        ("中卫市", 4.0),
        ("固原市", 3.1),
        ("榆林市", 0.9),
    ]


def test_top_corridors_largest_cross_province_pairs_sf2020_pre():
    c = co.top_corridors("sf2020_pre", top=5)
    assert list(c.columns) == list(co.CORRIDOR_FIELDS)
    assert [(o, d, round(v, 1)) for o, d, v in zip(c.origin_name_zh, c.dest_name_zh, c["index"], strict=True)][:4] == [
        ("北京市", "廊坊市", 24.3),
        ("廊坊市", "北京市", 23.5),
        ("上海市", "苏州市", 20.2),
        ("苏州市", "上海市", 19.2),
    ]
    assert c["cross_province"].all()
    assert c["index"].is_monotonic_decreasing


def test_top_corridors_can_include_pairs_within_a_province():
    every = co.top_corridors("sf2020_pre", top=100, cross_province_only=False)
    assert not every["cross_province"].all()
    assert every["index"].iloc[0] >= co.top_corridors("sf2020_pre", top=5)["index"].iloc[0]


# --- fallback and shares on an inline frame --------------------------------------------------------


def test_partners_out_falls_back_to_the_destinations_figure_and_flags_it(tiny):
    p = co.partners("100100", "sf2020_pre", "out", top=5, table=tiny)
    assert list(p["adcode"]) == ["100200", "100300", "200100"]
    assert list(p["index"]) == [6.0, 3.0, 1.0]
    assert list(p["fallback"]) == [False, True, False]
    assert list(p["share_pct"]) == pytest.approx([60.0, 30.0, 10.0])
    assert list(p["cross_province"]) == [False, False, True]


def test_partners_in_falls_back_to_the_origins_figure_and_drops_pairs_seen_from_neither_side(tiny):
    into_a = co.partners("100100", "sf2020_pre", "in", top=5, table=tiny)
    assert list(into_a["adcode"]) == ["100200"] and list(into_a["index"]) == [2.5]
    into_c = co.partners("200100", "sf2020_pre", "in", top=5, table=tiny)
    assert list(into_c["index"]) == [1.0] and list(into_c["fallback"]) == [True]
    into_300 = co.partners("100300", "sf2020_pre", "in", top=5, table=tiny)
    assert list(into_300["adcode"]) == ["100100"], "the pair 100200→100300 has no figure on either side"


def test_partners_names_come_from_the_units_frame_else_from_the_table(tiny):
    units = pd.DataFrame(
        {"adcode": ["100200"], "name_zh": ["乙市"], "name_en": ["Yi"], "province_zh": ["某省"]},
    )
    p = co.partners("100100", "sf2020_pre", "out", top=5, table=tiny, units=units)
    assert p.loc[0, ["name_zh", "name_en", "province_zh"]].tolist() == ["乙市", "Yi", "某省"]
    assert p.loc[1, "name_zh"] == "d100300" and p.loc[1, "name_en"] is None


def test_partners_share_pct_is_index_over_the_total_of_all_partners_not_of_the_top_rows():
    for unit, window, direction in (("440300", "sf2020_pre", "out"), ("640100", "sf2021_post", "in")):
        shown = co.partners(unit, window, direction, top=co.TOP_MAX)
        flows = co.directed_flows(window, direction)
        mine = flows[flows["unit"] == unit]
        assert len(mine) > co.TOP_MAX == len(shown), "these units have more than 100 partners"
        assert list(shown["share_pct"]) == pytest.approx(list(shown["index"] / mine["index"].sum() * 100))
        assert 0 < shown["share_pct"].sum() < 100


def test_partners_share_pct_sums_to_100_over_all_partners_of_real_units():
    flows = co.directed_flows("sf2020_pre", "out")
    counts = flows.groupby("unit").size()
    small = counts[counts <= co.TOP_MAX].index[:5]
    assert len(small) == 5, "some units have at most 100 partners"
    for unit in small:
        every = co.partners(unit, "sf2020_pre", "out", top=co.TOP_MAX)
        assert len(every) == counts[unit]
        assert every["share_pct"].sum() == pytest.approx(100.0)


def test_partners_share_pct_sums_to_100_when_top_covers_every_partner(tiny):
    p = co.partners("100100", "sf2020_pre", "out", top=5, table=tiny)
    assert p["share_pct"].sum() == pytest.approx(100.0)


def test_partners_top_limits_rows_and_orders_by_index_then_adcode():
    p = co.partners("440300", top=7)
    assert len(p) == 7 and p["index"].is_monotonic_decreasing


# --- derived indicators ----------------------------------------------------------------------------


def test_partner_herfindahl_of_a_hand_made_two_partner_case():
    t = pd.DataFrame([_pair("100100", "100200", 3.0, np.nan), _pair("100100", "100300", 1.0, np.nan)])
    hhi = ci.partner_herfindahl("sf2020_pre", "out", t)
    assert hhi["100100"] == pytest.approx(0.75**2 + 0.25**2)
    assert ci.top_partner_share("sf2020_pre", "out", t)["100100"] == pytest.approx(75.0)


def test_derived_indicators_are_nan_not_zero_for_a_unit_without_flows(tiny):
    for series in (
        ci.cross_province_share("sf2020_pre", "out", tiny),
        ci.partner_herfindahl("sf2020_pre", "out", tiny),
        ci.top_partner_share("sf2020_pre", "out", tiny),
    ):
        assert math.isnan(series["300100"]), "300100 has flows only in sf2021_post"
        assert math.isnan(series["200100"]), "200100 has no outflow"
        assert set(series.index) == set(co.unit_codes(tiny))


def test_derived_indicators_are_nan_where_all_flows_are_zero():
    t = pd.DataFrame([_pair("100100", "100200", 0.0, 0.0)])
    assert math.isnan(ci.partner_herfindahl("sf2020_pre", "out", t)["100100"])
    assert math.isnan(ci.cross_province_share("sf2020_pre", "out", t)["100100"])
    assert co.partners("100100", table=t, top=5)["share_pct"].isna().all()


def test_cross_province_share_on_the_inline_frame(tiny):
    assert ci.outflow_cross_province_share("sf2020_pre", tiny)["100100"] == pytest.approx(10.0)
    assert ci.cross_province_share("sf2020_pre", "in", tiny)["200100"] == pytest.approx(100.0)


def test_taiwan_has_no_return_wave_flows_so_its_derived_values_are_nan():
    assert math.isnan(ci.derived_values("sf2021_post_in_partner_hhi")["710000"])
    assert co.partners("710000", "sf2021_post", "in").empty


def test_outflow_cross_province_share_agrees_with_table_6():
    flows6 = pd.read_csv(DATA_DIR / "baidu_spring_festival_flows_2020_2021.csv", dtype={"adcode": str})
    published = flows6.set_index("adcode")["sf2020_pre_outflow_interprov_share_pct"]
    ours = ci.outflow_cross_province_share("sf2020_pre")
    both = pd.concat([ours, published], axis=1, join="inner").dropna()
    assert len(both) >= 340
    assert both.corr().iloc[0, 1] > 0.99
    assert ours[["110000", "120000", "310000", "500000"]].tolist() == [100.0] * 4


def test_herfindahl_is_between_zero_and_one_and_matches_the_top_share_bound():
    hhi = ci.partner_herfindahl("sf2020_pre", "out")
    top = ci.top_partner_share("sf2020_pre", "out") / 100
    ok = hhi.notna()
    assert ((hhi[ok] > 0) & (hhi[ok] <= 1)).all()
    # max share² ≤ HHI ≤ max share
    assert (top[ok] ** 2 <= hhi[ok] + 1e-12).all() and (hhi[ok] <= top[ok] + 1e-12).all()


def test_derived_metadata_lists_every_function_with_formula_caveat_and_labels():
    assert len(ci.DERIVED) == 6
    for key, spec in ci.DERIVED.items():
        assert spec["key"] == key
        assert spec["label_zh"] and spec["label_en"] and spec["formula"]
        assert "not persons" in spec["caveat_en"] and "不是人数" in spec["caveat_zh"]
        values = ci.derived_values(key)
        assert values.name == key and values.notna().sum() >= 360


def test_derived_metadata_fits_the_registry_dataclass():
    from indicators.registry import Indicator

    for spec in ci.DERIVED.values():
        Indicator(**{k: v for k, v in spec.items() if k not in ("function", "arguments")})


# --- bad inputs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"window": "sf2021_pre"}, "valid windows: sf2020_pre, sf2021_post"),
        ({"direction": "up"}, "valid directions: out, in"),
        ({"top": 4}, "from 5 to 100"),
        ({"top": 101}, "from 5 to 100"),
        ({"top": 20.5}, "from 5 to 100"),
        ({"top": True}, "from 5 to 100"),
    ],
)
def test_partners_bad_input_raises_value_error_naming_valid_values(kwargs, message):
    with pytest.raises(ValueError, match=message):
        co.partners("440300", **kwargs)


def test_partners_unknown_unit_raises_a_lookup_error_not_a_value_error():
    with pytest.raises(co.UnknownUnitError, match="'999999' is not in the corridor table") as info:
        co.partners("999999")
    assert isinstance(info.value, LookupError) and not isinstance(info.value, ValueError)


def test_derived_functions_reject_unknown_window_and_direction():
    with pytest.raises(ValueError, match="valid windows"):
        ci.partner_herfindahl("sf2019_pre")
    with pytest.raises(ValueError, match="valid directions"):
        ci.top_partner_share("sf2020_pre", "both")
    with pytest.raises(ValueError, match="valid keys"):
        ci.derived_values("nope")


def test_top_corridors_rejects_top_outside_the_range():
    with pytest.raises(ValueError, match="from 5 to 100"):
        co.top_corridors("sf2020_pre", top=0)


# --- the HTTP routes (the app's own server) --------------------------------------------------------


@pytest.fixture(scope="module")
def client():
    from app import server

    return server.test_client()


def test_route_unit_json_shape_and_values(client):
    resp = client.get("/api/corridors?unit=440300&window=sf2020_pre&direction=out&top=5")
    assert resp.status_code == 200
    assert resp.mimetype == "application/json"
    assert resp.headers["Cache-Control"].startswith("public, max-age=")
    rows = resp.get_json()
    assert isinstance(rows, list) and len(rows) == 5
    assert set(rows[0]) == set(co.PARTNER_FIELDS)
    assert rows[0]["name_en"] == "Dongguan" and rows[0]["province_zh"] == "广东省"
    assert [round(r["index"], 2) for r in rows] == [22.43, 17.22, 11.66, 9.35, 8.18]
    assert rows[0]["cross_province"] is False and isinstance(rows[0]["share_pct"], float)


def test_route_defaults_to_sf2020_pre_out_top_20(client):
    rows = client.get("/api/corridors?unit=500000").get_json()
    assert len(rows) == 20 and rows[0]["name_zh"] == "广安市"


def test_route_direction_in_ranks_by_index_from_dest(client):
    rows = client.get("/api/corridors?unit=640100&window=sf2021_post&direction=in&top=5").get_json()
    assert [r["name_zh"] for r in rows[:2]] == ["吴忠市", "石嘴山市"]


def test_route_csv_has_bom_header_and_file_name(client):
    resp = client.get("/api/corridors.csv?unit=441900&top=5")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="corridors_441900_sf2020_pre_out_top5.csv"' in resp.headers["Content-Disposition"]
    text = resp.data.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == list(co.PARTNER_FIELDS)
    assert [r[1] for r in rows[1:]] == ["深圳市", "广州市", "惠州市", "茂名市", "赣州市"]


def test_route_national_view_without_unit(client):
    resp = client.get("/api/corridors")
    assert resp.status_code == 200
    rows = resp.get_json()
    assert len(rows) == co.NATIONAL_TOP_DEFAULT
    assert set(rows[0]) == set(co.CORRIDOR_FIELDS)
    assert (rows[0]["origin_name_zh"], rows[0]["dest_name_zh"]) == ("北京市", "廊坊市")
    assert rows[0]["dest_name_en"] == "Langfang"
    assert all(r["cross_province"] for r in rows)
    csv_resp = client.get("/api/corridors.csv?window=sf2021_post&top=10&cross_province=0")
    assert csv_resp.status_code == 200
    assert "corridors_national_all_sf2021_post_out_top10.csv" in csv_resp.headers["Content-Disposition"]
    assert csv_resp.data.decode("utf-8").lstrip("\ufeff").splitlines()[0] == ",".join(co.CORRIDOR_FIELDS)


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ("?unit=999999", 404, "not in the corridor table"),
        ("?unit=440300&window=sf2021_pre", 404, "unknown window"),
        ("?window=nope", 404, "valid windows: sf2020_pre, sf2021_post"),
        ("?unit=440300&top=abc", 400, "top must be an integer"),
        ("?unit=440300&top=4", 400, "top must be an integer"),
        ("?unit=440300&top=101", 400, "top must be an integer"),
        ("?unit=440300&top=-5", 400, "top must be an integer"),
        ("?unit=440300&direction=both", 400, "valid directions: out, in"),
        ("?unit=44030", 400, "6-digit adcode"),
        ("?unit=<script>", 400, "6-digit adcode"),
        ("?cross_province=yes", 400, "cross_province must be 1 or 0"),
        ("?top=5%0A6", 400, "top must be an integer"),
        ("?top=50%0A", 400, "top must be an integer"),
        ("?unit=440300%0A", 400, "6-digit adcode"),
        ("?window=a%0Ab", 404, "unknown window"),
    ],
)
@pytest.mark.parametrize("path", ["/api/corridors", "/api/corridors.csv"])
def test_route_errors_are_one_line_text_without_traceback(client, path, query, status, words):
    resp = client.get(path + query)
    assert resp.status_code == status
    text = resp.get_data(as_text=True)
    assert words in text
    assert text.count("\n") == 1 and "Traceback" not in text
    assert resp.mimetype == "text/plain"


def test_route_json_is_valid_json_without_nan(client):
    body = client.get("/api/corridors?unit=810000&direction=in&top=100").get_data(as_text=True)
    assert "NaN" not in body
    json.loads(body)
