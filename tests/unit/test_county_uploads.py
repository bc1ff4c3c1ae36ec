"""County files (issue 13): uploads keyed by county code or by county name with its prefecture.

Matching runs on the real county units (:func:`userdata.cache.default_county_index`); the level of a
file is the level with the most matched rows; the level is stored with the dataset and part of its id.
"""

from __future__ import annotations

import pandas as pd
import pytest

import userdata as ud
from userdata import cache
from userdata.county_match import match_county_code, match_county_name
from userdata.store import DatasetStore

TEXTS = {"label": "County figures", "unit": "persons", "source": "invented for the tests"}


@pytest.fixture(scope="module")
def index() -> ud.UnitIndex:
    return cache.default_unit_index()


@pytest.fixture(scope="module")
def counties(index):
    return index.county


def prepare(text: str, index) -> ud.PreparedUpload:
    return ud.prepare_upload(text.encode("utf-8"), "counties.csv", **TEXTS, index=index)


# ------------------------------------------------------------------------------------------------
# Matching one row
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "adcode"),
    [("640104", "640104"), (640522, "640522"), ("640522.0", "640522"), ("429004", "429004")],
)
def test_match_county_code_of_a_2020_census_unit(code, adcode, counties):
    m = match_county_code(2, code, counties)
    assert (m.status, m.adcode, m.reason) == ("matched", adcode, "")


def test_match_county_code_crosswalked_code_is_the_current_unit_with_a_note(counties):
    m = match_county_code(2, "350427", counties)  # 沙县: the census code, drawn under 350405 沙县区
    assert (m.status, m.adcode) == ("matched", "350405")
    assert "350427" in m.reason and "350405" in m.reason and m.reason_zh


def test_match_county_code_unchanged_2010_code_is_read_as_the_2020_unit(counties):
    m = match_county_code(2, "110228", counties)  # 密云县 (2010) → 密云区
    assert (m.status, m.adcode) == ("matched", "110118") and "2010" in m.reason


def test_match_county_code_of_a_merged_part_is_not_given_to_the_whole(counties):
    m = match_county_code(2, "330103", counties)  # 下城区, merged into 拱墅区
    assert (m.status, m.adcode) == ("unknown", None) and "拱墅区" in m.reason


@pytest.mark.parametrize("code", ["640100", "640000", "999999", "6401", "abc", ""])
def test_match_county_code_other_codes_are_unknown(code, counties):
    assert match_county_code(2, code, counties).status == "unknown"


@pytest.mark.parametrize(
    ("name", "qualifiers", "adcode"),
    [
        ("兴庆区 银川市", (), "640104"),
        ("兴庆区", (), "640104"),  # one unit bears the name
        ("银川市兴庆区", (), "640104"),
        ("宁夏银川市兴庆区", (), "640104"),
        ("兴庆区银川", (), "640104"),
        ("兴庆区，银川市", (), "640104"),
        ("Xingqing District, Yinchuan", (), "640104"),
        ("城关区 兰州市", (), "620102"),
        ("城关区", ("拉萨市",), "540102"),
        ("城关区", ("兰州", "甘肃省"), "620102"),
        ("新华区 沧州", (), "130902"),
        ("朝阳区 北京市", (), "110105"),
        ("海原县", (), "640522"),
    ],
)
def test_match_county_name_with_its_prefecture(name, qualifiers, adcode, counties):
    m = match_county_name(2, name, qualifiers, counties)
    assert (m.status, m.adcode) == ("matched", adcode)


@pytest.mark.parametrize(
    ("name", "candidates"),
    [
        ("城关区", {"540102", "620102"}),
        ("新华区", {"130105", "130902", "410402"}),
        ("新华区 河北省", {"130105", "130902"}),  # the province narrows, but not to one
        ("Chengguan District", {"540102", "620102"}),
    ],
)
def test_match_county_name_ambiguous_name_lists_the_candidates_and_guesses_none(name, candidates, counties):
    m = match_county_name(2, name, (), counties)
    assert (m.status, m.adcode) == ("ambiguous", None)
    assert set(m.candidates) == candidates
    assert "兰州市" in m.reason or "石家庄市" in m.reason  # the candidates are named with their prefecture


def test_match_county_name_in_the_wrong_prefecture_is_unknown_and_says_where_it_is(counties):
    m = match_county_name(2, "兴庆区", ("吴忠市",), counties)
    assert m.status == "unknown" and "银川市" in m.reason


@pytest.mark.parametrize("name", ["", "银川市", "火星县", "<script>alert(1)</script>"])
def test_match_county_name_unknown(name, counties):
    assert match_county_name(2, name, (), counties).status == "unknown"


# ------------------------------------------------------------------------------------------------
# Whole files
# ------------------------------------------------------------------------------------------------


def test_prepare_upload_county_codes_make_a_county_dataset(index):
    up = prepare("adcode,v\n640104,1.5\n640522,2\n350427,3\n", index)
    assert up.record.level == "county" and up.report()["level"] == "county"
    assert up.record.table["adcode"].tolist() == ["350405", "640104", "640522"]
    assert "350405" in up.matches[2].reason


def test_prepare_upload_county_column_with_a_prefecture_column(index):
    up = prepare("区县,地级市,人数\n兴庆区,银川市,1\n城关区,兰州市,2\n城关区,,3\n海原县,中卫市,4\n", index)
    report = up.report()
    assert report["level"] == "county"
    assert [m["adcode"] for m in report["matched"]] == ["640104", "620102", "640522"]
    assert [(m["row"], set(m["candidates"])) for m in report["ambiguous"]] == [(4, {"540102", "620102"})]


def test_prepare_upload_county_and_prefecture_in_one_cell(index):
    up = prepare("地区,v\n兴庆区 银川市,1\n新华区,2\n海原县,3\n西夏区 银川市,4\n", index)
    assert up.record.level == "county"
    assert {m.row: m.status for m in up.matches} == {2: "matched", 3: "ambiguous", 4: "matched", 5: "matched"}


def test_prepare_upload_mixed_file_keeps_the_level_with_more_matched_rows(index):
    county = prepare("adcode,v\n640104,1\n640105,2\n640522,3\n640100,4\n", index)
    assert county.record.level == "county"
    assert county.record.table["adcode"].tolist() == ["640104", "640105", "640522"]
    left_out = county.matches[3]
    assert (left_out.status, left_out.adcode) == ("unknown", None)
    assert "prefecture-level" in left_out.reason and "银川市" in left_out.reason and left_out.reason_zh
    prefecture = prepare("地区,v\n银川,1\n吴忠,2\n兴庆区 银川市,3\n中卫,4\n", index)
    assert prefecture.record.level == "prefecture" and prefecture.report()["level"] == "prefecture"
    assert prefecture.matches[2].status == "unknown" and "county-level" in prefecture.matches[2].reason
    assert any("left out" in n for n in prefecture.notes)


def test_prepare_upload_prefecture_file_keeps_its_id_with_county_matching_on(index, units):
    text = "地区,v\n银川,1\n吴忠,2\n"
    with_counties = prepare(text, index)
    without = prepare(text, ud.build_unit_index(units))
    assert with_counties.record.level == without.record.level == "prefecture"
    assert with_counties.record.id == without.record.id


def test_prepare_upload_same_county_twice_is_a_duplicate(index):
    with pytest.raises(ud.UserDataError) as info:
        prepare("地区,v\n兴庆区 银川市,1\n银川市兴庆区,2\n", index)
    assert [e.code for e in info.value.errors] == ["duplicate_key"]
    assert "兴庆区" in info.value.errors[0].message


def test_prepare_upload_nothing_matched_names_both_levels(index):
    with pytest.raises(ud.UserDataError) as info:
        prepare("地区,v\n火星县,1\n", index)
    assert info.value.errors[0].code == "no_match" and "county-level" in info.value.errors[0].message


def test_match_report_names_the_level(index):
    from layouts.upload import match_report

    report = prepare("adcode,v\n640104,1\n", index).report()
    texts = [getattr(p, "children", "") for p in match_report(report, "zh").children]
    assert any("县级单位" in str(x) for x in texts)
    texts = [getattr(p, "children", "") for p in match_report(report, "en").children]
    assert any("county-level units" in str(x) for x in texts)


@pytest.fixture(scope="module")
def units() -> pd.DataFrame:
    from geodata import layer

    return layer.units()


# ------------------------------------------------------------------------------------------------
# Record and store
# ------------------------------------------------------------------------------------------------


def test_make_record_level_is_part_of_the_id_and_checked():
    t = pd.DataFrame({"adcode": ["640104"], "v": [1.0]})
    prefecture = ud.make_record("L", "u", "s", ("v",), False, t)
    county = ud.make_record("L", "u", "s", ("v",), False, t, level="county")
    assert (prefecture.level, county.level) == ("prefecture", "county") and prefecture.id != county.id
    with pytest.raises(ValueError, match="level must be one of"):
        ud.make_record("L", "u", "s", ("v",), False, t, level="province")


def county_record(label: str = "County figures") -> ud.DatasetRecord:
    t = pd.DataFrame({"adcode": ["640104", "640522", "620102"], "year": [2020] * 3, "v": [1.5, float("nan"), 3.0]})
    return ud.make_record(label, "persons", "invented", ("v",), True, t, level="county")


def test_store_round_trips_the_level_of_a_county_dataset(tmp_path):
    store = DatasetStore.sqlite(tmp_path / "d.sqlite3")
    rec = county_record()
    public_id, token = store.publish(rec)
    got = store.get(public_id)
    assert (got.level, got.digest, got.table.equals(rec.table)) == ("county", rec.digest, True)
    assert store.remove(public_id, token) == "removed" and store.count() == (0, 0)


def test_store_dataset_without_a_level_row_is_a_prefecture_dataset(tmp_path):
    """A store written before county uploads has no ``led_dataset_levels`` table: its datasets read as before."""
    import sqlite3

    path = tmp_path / "old.sqlite3"
    t = pd.DataFrame({"adcode": ["640100", "640300"], "v": [1.0, 2.0]})
    rec = ud.make_record("Old", "u", "s", ("v",), False, t)
    DatasetStore.sqlite(path).save(rec)
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE led_dataset_levels")
    got = DatasetStore.sqlite(path).get(rec.id)  # a new store object creates the missing table
    assert (got.level, got.id) == ("prefecture", rec.id)


def test_store_county_dataset_that_lost_its_level_is_reported_damaged(tmp_path):
    import sqlite3

    from userdata.store import DatasetCorrupt

    path = tmp_path / "d.sqlite3"
    store = DatasetStore.sqlite(path)
    rec = county_record()
    store.save(rec)
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM led_dataset_levels")
    with pytest.raises(DatasetCorrupt):
        store.get(rec.id)


def test_dataset_indicator_of_a_county_dataset_is_at_county_level():
    rec = county_record()
    units = cache.county_unit_table()
    ind, series = ud.dataset_indicator(rec, units)
    assert ind.levels == ("county",)
    s = series[("v", 2020)]
    assert len(s) == len(units) and s["640104"] == 1.5 and pd.isna(s["640522"]) and pd.isna(s["640105"])
