"""Write the upload fixtures of ``tests/unit/test_userdata.py`` (run once; the files are committed).

    .venv/bin/python tests/unit/fixtures_userdata/make_fixtures.py

All numbers are invented test figures, not statistics.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent


def text(name: str, body: str, encoding: str = "utf-8") -> None:
    (HERE / name).write_bytes(body.encode(encoding))


def raw(name: str, body: bytes) -> None:
    (HERE / name).write_bytes(body)


def xlsx(name: str, build) -> None:
    wb = Workbook()
    build(wb.active)
    buf = io.BytesIO()
    wb.save(buf)
    raw(name, buf.getvalue())


def main() -> None:
    # ---- accepted, though awkward -------------------------------------------------------------
    text(
        "gbk_suffixes.csv",
        "省份,地区,常住人口（测试数字）\r\n"
        "宁夏回族自治区,银川市,288.2\r\n"
        "宁夏回族自治区,石嘴山市,75.1\r\n"
        "宁夏,吴忠,138.3\r\n"
        "宁夏回族自治区,固原市,114.2\r\n"
        "宁夏回族自治区,中卫市,106.7\r\n"
        "吉林省,延边州,194.1\r\n"
        "贵州省,毕节地区,689.9\r\n"
        "新疆维吾尔自治区,伊犁州,285.0\r\n"
        "宁夏回族自治区,全区合计,722.5\r\n",
        "gbk",
    )
    text("utf8_bom.csv", "\ufeffadcode,value\n640100,1.5\n640200,2\n640300,\n", "utf-8")
    text("semicolons.csv", "adcode;name_zh;value\n640100;银川市;10\n640200;石嘴山市;-\n640300;吴忠市;7.25\n")
    raw("utf16_tab.txt", codecs.BOM_UTF16_LE + "地区\t数值\r\n银川\t1\r\n固原\t2\r\n".encode("utf-16-le"))
    text(
        "title_row.csv",
        "宁夏各市测试数字（非真实统计）,,\n地区,年份,数值\n银川市,2020,1\n银川市,2021,2\n中卫市,2020,3\n",
    )
    text("wide_years.csv", "地区,2019年,2020年\n银川市,1,2\n吴忠市,3,\n")
    text("script_in_cells.csv", '地区,数值\n银川市,1\n<script>alert(1)</script>,2\n"<img src=x onerror=alert(1)>",3\n')
    text("old_names_and_codes.csv", "代码,数值\n522400,1\n110100,2\n371200,3\n640104,4\n6405,5\n")

    def merged_province(ws):
        ws.append(["省份", "地区", "数值"])
        ws.append(["宁夏回族自治区", "银川市", 1])
        ws.append([None, "吴忠市", 2])
        ws.append([None, "固原市", 3])
        ws.append(["吉林省", "吉林", 4])
        ws.merge_cells("A2:A4")

    xlsx("merged_province.xlsx", merged_province)

    # ---- refused --------------------------------------------------------------------------------
    raw("empty.csv", b"")
    raw("blank_lines.csv", codecs.BOM_UTF8 + b"\r\n \r\n\t\r\n")
    text("header_only.csv", "adcode,value\n")
    raw("binary.bin", bytes(range(256)) * 4)
    raw("cp1252.csv", "Stadt;Preis €\nZürich;12\n".encode("cp1252"))
    text("single_column.csv", "adcode\n640100\n640200\n")
    text("no_key.csv", "foo,bar\n1,2\n3,4\n")
    text("no_values.csv", "地区,省份\n银川市,宁夏\n")
    text("duplicate_keys.csv", "地区,数值\n银川,1\n吴忠市,2\n银川市,3\n")
    text("non_numeric.csv", "adcode,gdp,pop\n640100,1.5,2\n640200,n.a.,3\n640300,2,12%\n")
    text("decimal_comma.csv", "adcode;gdp\n640100;1,5\n")
    text("merged_header.csv", "地区,GDP,,人口,\n,2019,2020,2019,2020\n银川市,1,2,3,4\n")
    text("broken_quote.csv", 'adcode,name,value\n640100,"银川市,1\n640200,石嘴山市,2\n')
    text("bad_year.csv", "adcode,year,value\n640100,2020,1\n640200,20,2\n")
    text("duplicate_columns.csv", "adcode,value,Value\n640100,1,2\n")
    text("formula_header.csv", "adcode,=cmd|' /C calc'!A0\n640100,1\n")
    text("blank_column_name.csv", "地区,数值,,备注x\n银川市,1,2,3\n")
    text("extra_cells.csv", "adcode,value\n640100,1,234\n")
    text("no_match.csv", "地区,数值\n火星市,1\n月球地区,2\n")
    text("html_as.xls", "<html><body><table><tr><td>地区</td></tr></table></body></html>")
    raw("old_excel.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    raw("corrupt.xlsx", b"PK\x03\x04" + b"\x14\x00garbage" * 20)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "not a workbook")
    raw("archive.zip", buf.getvalue())

    def merged_header(ws):
        ws.append(["地区", "GDP", None])
        ws.append([None, 2019, 2020])
        ws.append(["银川市", 1, 2])
        ws.merge_cells("B1:C1")
        ws.merge_cells("A1:A2")

    xlsx("merged_header.xlsx", merged_header)

    def formulas(ws):
        ws.append(["adcode", "a", "b"])
        ws.append(["640100", 1, "=B2*2"])
        ws.append(["640200", 2, "=SUM(B2:B3)"])

    xlsx("formulas.xlsx", formulas)


if __name__ == "__main__":
    main()
