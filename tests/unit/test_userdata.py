"""Uploads: reading, validation errors, matching to the map units, normalisation and identity."""

from __future__ import annotations

import codecs
import io
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

import userdata as ud
from indicators.classify import classify
from indicators.registry import Indicator

FIXTURES = Path(__file__).parent / "fixtures_userdata"
DEFAULT_LIMITS = ud.Limits()
TEXTS = {"label": "Test figures", "unit": "10,000 persons", "source": "invented for the tests"}


@pytest.fixture(scope="module")
def units() -> pd.DataFrame:
    from geodata import layer

    return layer.units()


@pytest.fixture(scope="module")
def index(units) -> ud.UnitIndex:
    return ud.build_unit_index(units)


@pytest.fixture(scope="module")
def small_index() -> ud.UnitIndex:
    frame = pd.DataFrame(
        {
            "adcode": ["640100", "640300", "220200", "632500", "460100", "520500", "110000"],
            "source_code": ["640100", "640300", "220200", "632500", "460100", "520500", "110100"],
            "name_zh": ["银川市", "吴忠市", "吉林市", "海南藏族自治州", "海口市", "毕节市", "北京市"],
            "province_zh": ["宁夏回族自治区", "宁夏回族自治区", "吉林省", "青海省", "海南省", "贵州省", "北京市"],
        }
    )
    return ud.build_unit_index(frame)


def prepare(content: bytes, index, limits: ud.Limits = DEFAULT_LIMITS, **texts) -> ud.PreparedUpload:
    return ud.prepare_upload(content, "upload", **(TEXTS | texts), index=index, limits=limits)


def error_codes(content: bytes, index, limits: ud.Limits = DEFAULT_LIMITS, **texts) -> list[str]:
    with pytest.raises(ud.UserDataError) as info:
        prepare(content, index, limits, **texts)
    return [e.code for e in info.value.errors]


def xlsx_bytes(rows: list[list], merges: tuple[str, ...] = ()) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for m in merges:
        ws.merge_cells(m)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ------------------------------------------------------------------------------------------------
# Bad files: one documented error each
# ------------------------------------------------------------------------------------------------

BAD_FILES = [
    # file, expected code, row named in the error (None: the file as a whole), column named
    ("empty.csv", "empty_file", None, None),
    ("blank_lines.csv", "empty_file", None, None),
    ("header_only.csv", "no_data_rows", 1, None),
    ("binary.bin", "unsupported_format", None, None),
    ("old_excel.xls", "unsupported_format", None, None),
    ("html_as.xls", "unsupported_format", None, None),
    ("archive.zip", "unsupported_format", None, None),
    ("corrupt.xlsx", "xlsx_unreadable", None, None),
    ("cp1252.csv", "encoding", None, None),
    ("single_column.csv", "delimiter", None, None),
    ("broken_quote.csv", "csv_syntax", 3, None),
    ("formulas.xlsx", "formula", 2, None),
    ("merged_header.csv", "merged_header", 1, None),
    ("merged_header.xlsx", "merged_header", 1, None),
    ("blank_column_name.csv", "blank_column_name", 1, "#3"),
    ("duplicate_columns.csv", "duplicate_column", 1, "Value"),
    ("formula_header.csv", "bad_column_name", 1, "=cmd|' /C calc'!A0"),
    ("no_key.csv", "no_key_column", 1, None),
    ("no_values.csv", "no_value_column", 1, None),
    ("non_numeric.csv", "non_numeric", 3, "gdp"),
    ("decimal_comma.csv", "non_numeric", 2, "gdp"),
    ("bad_year.csv", "bad_year", 3, "year"),
    ("duplicate_keys.csv", "duplicate_key", 4, None),
    ("extra_cells.csv", "extra_cells", 2, None),
    ("no_match.csv", "no_match", None, None),
]


@pytest.mark.parametrize(("name", "code", "row", "column"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_prepare_upload_bad_file_gives_documented_error(name, code, row, column, index):
    with pytest.raises(ud.UserDataError) as info:
        prepare((FIXTURES / name).read_bytes(), index)
    first = info.value.errors[0]
    assert first.code == code
    assert code in ud.ERROR_CODES
    assert (first.row, first.column) == (row, column)
    assert first.message and first.message_zh
    assert "Traceback" not in first.message


GOOD_FILES = {
    "gbk_suffixes.csv",
    "utf8_bom.csv",
    "semicolons.csv",
    "utf16_tab.txt",
    "title_row.csv",
    "wide_years.csv",
    "script_in_cells.csv",
    "old_names_and_codes.csv",
    "merged_province.xlsx",
}


def test_every_fixture_file_is_tested_and_twenty_kinds_are_refused():
    on_disk = {p.name for p in FIXTURES.iterdir() if p.suffix not in (".py", ".md")}
    assert on_disk == {b[0] for b in BAD_FILES} | GOOD_FILES
    assert len(BAD_FILES) >= 20


@pytest.mark.parametrize("name", sorted(GOOD_FILES))
def test_prepare_upload_awkward_fixture_is_accepted(name, index):
    up = prepare((FIXTURES / name).read_bytes(), index)
    assert up.rows_with("matched")
    assert set(up.record.table.adcode) == {m.adcode for m in up.rows_with("matched")}


def test_prepare_upload_non_numeric_names_every_bad_cell(index):
    errors = pytest.raises(ud.UserDataError, prepare, (FIXTURES / "non_numeric.csv").read_bytes(), index).value.errors
    assert [(e.code, e.row, e.column) for e in errors] == [("non_numeric", 3, "gdp"), ("non_numeric", 4, "pop")]
    assert "'n.a.'" in errors[0].message and "12%" in errors[1].message and "unit" in errors[1].message


def test_prepare_upload_duplicate_key_names_both_rows(index):
    error = pytest.raises(ud.UserDataError, prepare, (FIXTURES / "duplicate_keys.csv").read_bytes(), index).value
    assert error.errors[0].message == "Rows 2 and 4 both give 银川市 (640100)."


def test_prepare_upload_too_large_file_is_refused_before_reading(index):
    content = b"adcode,value\n640100,1\n640300,2\n"
    assert error_codes(content, index, ud.Limits(max_bytes=len(content) - 1)) == ["file_too_large"]
    assert prepare(content, index, ud.Limits(max_bytes=len(content)))  # at the limit: fine


def test_prepare_upload_too_many_rows(index):
    content = ("adcode,year,value\n" + "".join(f"640100,{y},1\n" for y in range(2000, 2011))).encode()
    assert error_codes(content, index, ud.Limits(max_rows=10)) == ["too_many_rows"]
    assert len(prepare(content, index, ud.Limits(max_rows=11)).record.table) == 11


def test_prepare_upload_too_many_columns(index):
    header = "adcode," + ",".join(f"v{i}" for i in range(5))
    content = f"{header}\n640100,1,2,3,4,5\n".encode()
    assert error_codes(content, index, ud.Limits(max_columns=5)) == ["too_many_columns"]
    assert prepare(content, index, ud.Limits(max_columns=6)).record.columns == ("v0", "v1", "v2", "v3", "v4")


def test_prepare_upload_zip_bomb_workbook_is_refused(index):
    content = xlsx_bytes([["adcode", "value"], ["640100", 1], ["pad", *["x" * 30_000] * 20]])
    assert len(content) < 10_000
    assert error_codes(content, index, ud.Limits(max_bytes=10_000)) == ["file_too_large"]


def test_prepare_upload_caps_repeated_errors(index):
    content = ("adcode,year,value\n" + "".join(f"640100,{y},x\n" for y in range(2000, 2030))).encode()
    errors = pytest.raises(ud.UserDataError, prepare, content, index).value.errors
    assert len(errors) == ud.MAX_ERRORS_PER_CODE + 1
    assert "20 more" in errors[-1].message


# ------------------------------------------------------------------------------------------------
# Label, unit, source: plain text, length-limited
# ------------------------------------------------------------------------------------------------


def test_prepare_upload_keeps_script_label_as_plain_text(index):
    script = "<script>alert('x')</script> & <b>GDP</b>"
    up = prepare((FIXTURES / "utf8_bom.csv").read_bytes(), index, label=script, source="<img src=x onerror=1>")
    assert up.record.label == script
    assert up.report()["source"] == "<img src=x onerror=1>"


@pytest.mark.parametrize(
    ("texts", "codes"),
    [
        ({"label": ""}, ["missing_text"]),
        ({"label": "   \n "}, ["missing_text"]),
        ({"source": ""}, ["missing_text"]),
        ({"label": "x" * 121}, ["text_too_long"]),
        ({"unit": "u" * 41}, ["text_too_long"]),
        ({"source": "s" * 301}, ["text_too_long"]),
        ({"label": "GDP\x00"}, ["bad_text"]),
        ({"label": "abc\u202edcba"}, ["bad_text"]),
        ({"label": "", "source": ""}, ["missing_text", "missing_text"]),
    ],
)
def test_prepare_upload_refuses_bad_texts(texts, codes, index):
    assert error_codes((FIXTURES / "utf8_bom.csv").read_bytes(), index, **texts) == codes


def test_prepare_upload_reports_text_and_file_errors_together(index):
    assert error_codes((FIXTURES / "non_numeric.csv").read_bytes(), index, label="") == [
        "missing_text",
        "non_numeric",
        "non_numeric",
    ]


def test_prepare_upload_allows_empty_unit_and_collapses_whitespace(index):
    up = prepare((FIXTURES / "utf8_bom.csv").read_bytes(), index, unit="", label="  Test\tfigures\n")
    assert (up.record.unit, up.record.label) == ("", "Test figures")


# ------------------------------------------------------------------------------------------------
# Awkward but valid files
# ------------------------------------------------------------------------------------------------


def test_prepare_upload_gbk_with_suffixes_and_provinces(index):
    up = prepare((FIXTURES / "gbk_suffixes.csv").read_bytes(), index)
    assert up.encoding == "gb18030"
    assert up.key_kind == "name"
    matched = {m.row: m.adcode for m in up.rows_with("matched")}
    assert matched == {
        2: "640100",
        3: "640200",
        4: "640300",
        5: "640400",
        6: "640500",
        7: "222400",  # 延边州 -> 延边朝鲜族自治州
        8: "520500",  # 毕节地区 -> 毕节市 (old name)
        9: "654000",  # 伊犁州 -> 伊犁哈萨克自治州
    }
    assert [(m.row, m.status) for m in up.rows_with("unknown")] == [(10, "unknown")]
    assert up.record.columns == ("常住人口（测试数字）",)
    assert up.record.table.set_index("adcode").loc["640100"].iloc[0] == 288.2


def test_prepare_upload_same_data_in_any_encoding_or_format_has_one_id(index):
    rows = [["地区", "数值"], ["银川市", 1.5], ["吴忠", 2], ["固原市", None]]
    csv_text = "地区,数值\r\n银川市,1.5\r\n吴忠,2\r\n固原市,\r\n"
    variants = {
        "utf-8": csv_text.encode(),
        "utf-8 bom": codecs.BOM_UTF8 + csv_text.encode(),
        "gbk": csv_text.encode("gbk"),
        "gb18030": csv_text.encode("gb18030"),
        "semicolons": csv_text.replace(",", ";").encode(),
        "tabs utf-16": codecs.BOM_UTF16_LE + csv_text.replace(",", "\t").encode("utf-16-le"),
        "xlsx": xlsx_bytes(rows),
        "shuffled": "地区,数值\n固原,—\n吴忠市,2.0\n宁夏银川市,1.50\n".encode(),
    }
    ids = {name: prepare(content, index).record.id for name, content in variants.items()}
    assert len(set(ids.values())) == 1, ids


def test_prepare_upload_id_changes_with_texts_and_values(index):
    content = (FIXTURES / "utf8_bom.csv").read_bytes()
    base = prepare(content, index).record.id
    assert prepare(content, index, label="Other").record.id != base
    assert prepare(content, index, source="Other").record.id != base
    assert prepare(content.replace(b"1.5", b"1.6"), index).record.id != base
    assert len(base) == ud.ID_LENGTH and ud.ID_RE.match(base)


def test_prepare_upload_semicolons_and_missing_markers(index):
    up = prepare((FIXTURES / "semicolons.csv").read_bytes(), index)
    assert up.delimiter == ";"
    assert up.record.table["value"].tolist()[0] == 10.0
    assert math.isnan(up.record.table["value"].tolist()[1])  # '-' is missing, not 0


def test_prepare_upload_bom_is_not_part_of_the_header(index):
    up = prepare((FIXTURES / "utf8_bom.csv").read_bytes(), index)
    assert (up.encoding, up.key_kind, up.record.columns) == ("utf-8-sig", "adcode", ("value",))


def test_prepare_upload_title_row_is_skipped_and_years_kept(index):
    up = prepare((FIXTURES / "title_row.csv").read_bytes(), index)
    assert up.record.years == (2020, 2021)
    assert up.notes == ("title row(s) 1 skipped",)
    assert up.record.table[["adcode", "year"]].to_numpy().tolist() == [
        ["640100", 2020],
        ["640100", 2021],
        ["640500", 2020],
    ]


def test_prepare_upload_wide_year_columns_become_years(index):
    up = prepare((FIXTURES / "wide_years.csv").read_bytes(), index)
    assert up.record.columns == ("value",)
    t = up.record.table
    assert t[["adcode", "year"]].to_numpy().tolist() == [
        ["640100", 2019],
        ["640100", 2020],
        ["640300", 2019],
        ["640300", 2020],
    ]
    assert t["value"].tolist()[:3] == [1.0, 2.0, 3.0] and math.isnan(t["value"].iloc[3])


def test_prepare_upload_script_in_name_cells_is_an_unknown_row_kept_as_text(index):
    up = prepare((FIXTURES / "script_in_cells.csv").read_bytes(), index)
    unknown = up.report()["unknown"]
    assert [(u["row"], u["key"]) for u in unknown] == [
        (3, "<script>alert(1)</script>"),
        (4, "<img src=x onerror=alert(1)>"),
    ]


def test_prepare_upload_old_codes_city_codes_and_county_codes(index):
    up = prepare((FIXTURES / "old_names_and_codes.csv").read_bytes(), index)
    assert {m.row: (m.status, m.adcode) for m in up.matches} == {
        2: ("matched", "520500"),  # 毕节地区's old code
        3: ("matched", "110000"),  # Beijing's city code
        4: ("unknown", None),  # 莱芜, merged into 济南 in 2019
        5: ("unknown", None),  # a county of 银川
        6: ("matched", "640500"),  # 4-digit code
    }
    assert "莱芜" in up.matches[2].reason and "银川市" in up.matches[3].reason


def test_prepare_upload_xlsx_merged_province_cells_are_filled_down(index):
    up = prepare((FIXTURES / "merged_province.xlsx").read_bytes(), index)
    assert [m.adcode for m in up.matches] == ["640100", "640300", "640400", "220200"]


def test_prepare_upload_xlsx_numbers_and_codes_as_numbers(index):
    up = prepare(xlsx_bytes([["adcode", "v"], [640100, 1], [640300.0, "2.5"]]), index)
    assert up.record.table.to_dict("list") == {"adcode": ["640100", "640300"], "v": [1.0, 2.5]}


def test_prepare_upload_code_and_name_that_disagree_are_ambiguous(index):
    up = prepare("adcode,name_zh,v\n640100,吴忠市,1\n640300,吴忠市,2\n".encode(), index)
    assert [(m.row, m.status, m.candidates) for m in up.matches] == [
        (2, "ambiguous", ("640100", "640300")),
        (3, "matched", ()),
    ]
    assert up.record.table.adcode.tolist() == ["640300"]


def test_prepare_upload_ignores_serial_number_and_note_columns(index):
    up = prepare("序号,地区,数值,备注\n1,银川市,5,测试\n2,吴忠市,6,\n".encode(), index)
    assert up.record.columns == ("数值",)
    assert "ignored column(s): 序号, 备注" in up.notes


def test_prepare_upload_guesses_an_unnamed_first_key_column(index):
    up = prepare(",GDP\n银川市,1\n吴忠市,2\n".encode(), index)
    assert up.key_kind == "name" and len(up.rows_with("matched")) == 2


def test_prepare_upload_thousands_separators_and_full_width_digits(index):
    up = prepare('adcode,v\n640100,"1,234.5"\n640300,１２\n'.encode(), index)
    assert up.record.table["v"].tolist() == [1234.5, 12.0]


def test_prepare_upload_excel_sep_line(index):
    up = prepare(b"sep=;\nadcode;v\n640100;1\n", index)
    assert up.delimiter == ";" and up.record.table["v"].tolist() == [1.0]


# ------------------------------------------------------------------------------------------------
# Matching
# ------------------------------------------------------------------------------------------------

NAME_CASES = [
    # name, province, status, adcode
    ("银川市", None, "matched", "640100"),
    ("银川", None, "matched", "640100"),
    (" 银 川 市 ", None, "matched", "640100"),
    ("宁夏银川市", None, "matched", "640100"),
    ("宁夏回族自治区银川", None, "matched", "640100"),
    ("银川", "宁夏", "matched", "640100"),
    ("银川", "甘肃省", "unknown", None),
    ("银川", "火星省", "unknown", None),
    ("吉林", None, "ambiguous", None),  # 吉林省 or 吉林市
    ("吉林", "吉林省", "matched", "220200"),
    ("吉林市", None, "matched", "220200"),
    ("吉林省", None, "unknown", None),
    ("海南", None, "ambiguous", None),  # 海南省 or 海南藏族自治州
    ("海南州", None, "matched", "632500"),
    ("海南", "青海", "matched", "632500"),
    ("毕节地区", None, "matched", "520500"),
    ("北京", None, "matched", "110000"),
    ("宁夏", None, "unknown", None),
    ("", None, "unknown", None),
    ("<script>", None, "unknown", None),
]


@pytest.mark.parametrize(("name", "province", "status", "adcode"), NAME_CASES)
def test_match_name(name, province, status, adcode, small_index):
    m = ud.match_name(7, name, province, small_index)
    assert (m.row, m.status, m.adcode) == (7, status, adcode)
    assert (m.reason == "") == (status == "matched")


@pytest.mark.parametrize(
    ("name", "adcode"),
    [
        ("延边州", "222400"),
        ("恩施州", "422800"),
        ("黔东南苗族侗族自治州", "522600"),
        ("锡林郭勒", "152500"),
        ("湖北省仙桃市", "429004"),
        ("神农架", "429021"),
        ("海东地区", "630200"),
        ("吐鲁番地区", "650400"),
        ("香港", "810000"),
        ("重庆", "500000"),
    ],
)
def test_match_name_suffixes_and_old_names_on_the_real_units(name, adcode, index):
    assert ud.match_name(2, name, None, index).adcode == adcode


def test_match_name_retired_units_are_unknown_or_ambiguous(index):
    assert ud.match_name(2, "巢湖市", None, index).status == "unknown"
    assert ud.match_name(2, "莱芜", None, index).status == "unknown"
    ili = ud.match_name(2, "伊犁地区", None, index)  # the old sub-area, or the whole prefecture?
    assert (ili.status, ili.candidates) == ("ambiguous", ("654000",))


@pytest.mark.parametrize(
    ("code", "status", "adcode"),
    [
        ("640100", "matched", "640100"),
        (640100, "matched", "640100"),
        (640100.0, "matched", "640100"),
        ("6401", "matched", "640100"),
        ("640100000000", "matched", "640100"),
        ("110100", "matched", "110000"),
        ("522400", "matched", "520500"),
        ("640000", "unknown", None),
        ("640104", "unknown", None),
        ("999999", "unknown", None),
        ("64O100", "unknown", None),
        ("", "unknown", None),
    ],
)
def test_match_code(code, status, adcode, small_index):
    m = ud.match_code(3, code, small_index)
    assert (m.status, m.adcode) == (status, adcode)


# ------------------------------------------------------------------------------------------------
# Cells
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1.5", 1.5),
        (" -2 ", -2.0),
        ("+3e2", 300.0),
        ("１２３", 123.0),
        ("1,234,567", 1234567.0),
        ("\u22121", -1.0),
        (7, 7.0),
        (None, math.nan),
        ("", math.nan),
        ("—", math.nan),
        ("N/A", math.nan),
        ("无", math.nan),
    ],
)
def test_parse_number_reads(cell, expected):
    got = ud.parse_number(cell)
    assert (math.isnan(got) and math.isnan(expected)) or got == expected


@pytest.mark.parametrize("cell", ["12%", "(12)", "1,5", "abc", "1.2.3", "inf", "1e999", True, "=A1"])
def test_parse_number_refuses(cell):
    assert isinstance(ud.parse_number(cell), str)


def test_parse_number_decimal_comma_is_refused_in_semicolon_files():
    assert isinstance(ud.parse_number("1,234", thousands=False), str)


# ------------------------------------------------------------------------------------------------
# Identity and the indicator view
# ------------------------------------------------------------------------------------------------


def test_make_record_ignores_row_order_and_signed_zero():
    t = pd.DataFrame({"adcode": ["640300", "640100"], "v": [0.0, 1.0]})
    a = ud.make_record("L", "u", "s", ("v",), False, t)
    b = ud.make_record("L", "u", "s", ("v",), False, pd.DataFrame({"adcode": ["640100", "640300"], "v": [1.0, -0.0]}))
    assert (a.id, a.digest) == (b.id, b.digest)
    assert a.digest.startswith(a.id) and len(a.digest) == 64


def test_dataset_csv_round_trips_to_the_same_id(index, units):
    up = prepare((FIXTURES / "gbk_suffixes.csv").read_bytes(), index)
    names = dict(zip(units.adcode, units.name_zh, strict=True))
    text = ud.dataset_csv(up.record, names)
    assert text.startswith("\ufeffadcode,name_zh,常住人口（测试数字）\n222400,延边朝鲜族自治州,194.1\n")
    assert "\n640100,银川市,288.2\n" in text and "\n654000,伊犁哈萨克自治州,285\n" in text
    again = prepare(text.encode("utf-8"), index)
    assert again.record.id == up.record.id


def test_dataset_indicator_behaves_like_a_registry_indicator(index, units):
    up = prepare((FIXTURES / "title_row.csv").read_bytes(), index)
    ind, series = ud.dataset_indicator(up.record, units)
    assert isinstance(ind, Indicator)
    assert ind.key == f"ds_{up.record.id}" and ind.years == (2020, 2021)
    assert ind.source_en == "User data: invented for the tests" and ind.source_zh == "用户数据：invented for the tests"
    assert "user data" in ind.tags and ind.label_en == "Test figures" and ind.unit_zh == "10,000 persons"
    values = series[("数值", 2020)]
    assert len(values) == len(units) and values.index.tolist() == units.adcode.tolist()
    assert values.notna().sum() == 2 and values["640500"] == 3.0
    with pytest.warns(UserWarning, match="2 distinct"):  # degenerate input warns and degrades, as for built-ins
        classes = classify(values, ind.classification, 3)
    assert classes.n_missing == len(units) - 2
    assert values.rank(ascending=False)["640500"] == 1.0


def test_dataset_indicator_without_years_uses_no_year(index):
    up = prepare((FIXTURES / "utf8_bom.csv").read_bytes(), index)
    ind, series = ud.dataset_indicator(up.record)
    assert ind.years == (ud.NO_YEAR,) and list(series) == [("value", ud.NO_YEAR)]
    assert series[("value", ud.NO_YEAR)].to_dict() == {
        "640100": 1.5,
        "640200": 2.0,
        "640300": pytest.approx(math.nan, nan_ok=True),
    }
    assert (ind.decimals, ind.diverging, ind.palette) == (1, False, "YlGnBu")


def test_indicator_csv_matches_the_export_format(index, units):
    up = prepare((FIXTURES / "utf8_bom.csv").read_bytes(), index, source="=HYPERLINK(x)")
    text = ud.indicator_csv(up.record, "value", ud.NO_YEAR, units)
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0] == "adcode,name_zh,name_en,province_zh,year,value,unit,source"
    yinchuan = next(line for line in lines if line.startswith("640100"))
    assert yinchuan.split(",")[4:6] == ["", "1.5"]
    assert "User data: =HYPERLINK(x)" in yinchuan
    with pytest.raises(LookupError, match="columns: value"):
        ud.indicator_csv(up.record, "nope", ud.NO_YEAR, units)


# ------------------------------------------------------------------------------------------------
# Robustness: nothing but UserDataError for any bytes
# ------------------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=600))
def test_prepare_upload_any_bytes_never_raise_anything_else(content, small_index):
    try:
        prepare(content, small_index)
    except ud.UserDataError as exc:
        assert all(e.code in ud.ERROR_CODES for e in exc.errors)


CELL = st.sampled_from(["银川", "640100", "1", "2.5", "", "-", "x", '"', "年份", "2020", "吴忠市", ";", "\t", "地区"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(CELL, min_size=1, max_size=5), min_size=1, max_size=6), enc=st.sampled_from(["utf-8", "gbk"])
)
def test_prepare_upload_any_table_never_raises_anything_else(rows, enc, small_index):
    content = "\n".join(",".join(r) for r in rows).encode(enc)
    try:
        up = prepare(content, small_index)
    except ud.UserDataError:
        return
    assert (
        up.record.id
        == ud.make_record(
            up.record.label, up.record.unit, up.record.source, up.record.columns, up.record.has_year, up.record.table
        ).id
    )


# --------------------------------------------------------------------------------------------------
# Hostile workbooks (issue 14): refused in a separate, limited process before any cell is materialised
# --------------------------------------------------------------------------------------------------

from tests.hostile import xlsx as hostile  # noqa: E402


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (hostile.merged_range_xlsx, "sheet_too_large"),
        (hostile.many_cells_xlsx, "sheet_too_large"),
        (hostile.billion_laughs_xlsx, "xlsx_unsafe"),
        (hostile.xxe_xlsx, "xlsx_unsafe"),
    ],
)
def test_hostile_workbook_is_refused_with_a_clear_code(make, code):
    content = make()
    assert len(content) <= DEFAULT_LIMITS.max_bytes
    with pytest.raises(ud.UserDataError) as info:
        ud.read_table(content)
    assert [e.code for e in info.value.errors] == [code]
    assert "passwd" not in str(info.value) and "root:" not in str(info.value)


def test_xlsx_reader_process_over_its_memory_budget_is_stopped_with_parse_limit():
    content = hostile.many_cells_xlsx(rows=19_000, cols=40)  # under the cell limit: 760,000 cells to materialise
    with pytest.raises(ud.UserDataError) as info:
        ud.read_table(content, ud.Limits(parse_memory_mb=2))
    assert [e.code for e in info.value.errors] == ["parse_limit"]


def test_xlsx_declared_dimension_is_not_trusted():
    """A sheet that declares A1:XFD1048576 but holds two rows reads as two rows of two cells."""
    sheet = hostile._sheet(hostile._HEADER_ROW + '<row r="2"><c r="A2"><v>640100</v></c><c r="B2"><v>3</v></c></row>',
                           dimension="A1:XFD1048576")
    table = ud.read_table(hostile.workbook(sheet))
    assert table.rows == ((1, ("adcode", "value")), (2, (640100, 3)))


@pytest.mark.parametrize("label", ["GDP\u200bper head", "GDP\u00adper", "\ufeffGDP", "GDP\u2060x", "x\ue000"])
def test_invisible_formatting_characters_in_texts_are_refused(label, index):
    assert "bad_text" in error_codes(b"adcode,v\n640100,1\n", index, label=label)


def test_mixed_script_lookalikes_in_labels_are_flagged_in_the_notes(index):
    up = prepare(b"adcode,v\n640100,1\n", index, label="\u0405henzhen GDP", unit="\u5143", source="NBS")
    assert any("look-alike" in n and "\u0405henzhen" in n for n in up.notes)
    clean = prepare(b"adcode,v\n640100,1\n", index, label="Shenzhen GDP 深圳", unit="元", source="NBS")
    assert not any("look-alike" in n for n in clean.notes)
