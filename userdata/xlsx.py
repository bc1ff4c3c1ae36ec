"""XLSX uploads read in a separate process under a hard memory and time limit.

A workbook is a ZIP of XML parts, and a few kB of it can describe millions of cells or one merged range
over the whole sheet. :func:`read_xlsx` first runs the streaming checks (:func:`precheck`: counters
only, bounded memory) in the worker, so a hostile file is refused without a process; it never parses
cells in the web worker: it starts
:mod:`userdata.xlsx_child` (``python -I``, standard library + ``defusedxml`` + ``openpyxl`` only), which
caps its own address space and CPU time, checks the sheet's merged ranges and filled cells against the
row and column limits before any cell is materialised, refuses XML with a DTD, and answers the rows as
JSON. The worker waits at most :attr:`Limits.parse_seconds` (plus start-up) and answers other requests
meanwhile (gunicorn threads). One bad file costs at most ``parse_memory_mb`` and ``parse_seconds``.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from datetime import date, datetime, time
from pathlib import Path

from userdata.errors import Limits, UploadError, UserDataError, cap_errors, err, fail

#: An XLSX may not unpack to more than this multiple of the byte limit (zip bombs).
XLSX_EXPANSION = 20
CHILD = Path(__file__).with_name("xlsx_child.py")
#: Seconds allowed for the child's interpreter to start, on top of its CPU budget (a hang guard).
STARTUP_SECONDS = 15


def _decode(value):
    if isinstance(value, dict):
        (kind, text), = value.items()
        return {"datetime": datetime, "date": date, "time": time}[kind].fromisoformat(text)
    return value


def _parse_limit(limits: Limits) -> UserDataError:
    return fail(
        "parse_limit",
        f"Reading this workbook needed more than {limits.parse_memory_mb} MB or {limits.parse_seconds} s: keep "
        "only the table on the first sheet (no formatting of whole rows or columns) and save it again, or "
        "export it as CSV.",
        f"读取此工作簿超过 {limits.parse_memory_mb} MB 或 {limits.parse_seconds} 秒的上限：请只保留第一张表中的"
        "数据（不要整行整列设置格式）后重新保存，或导出为 CSV。",
    )


_REFUSALS = {
    "xlsx_unreadable": (
        "The workbook cannot be read (damaged, or an unsupported feature): save it again as .xlsx or export "
        "the sheet as CSV.",
        "无法读取工作簿：请重新保存为 .xlsx 或导出为 CSV。",
    ),
    "xlsx_unsafe": (
        "The workbook contains XML declarations (a DTD or entities) that spreadsheets do not use; it was "
        "refused. Save the table again from Excel or export it as CSV.",
        "工作簿含有表格文件不应包含的 XML 声明（DTD 或实体），已拒绝。请在 Excel 中重新保存或导出为 CSV。",
    ),
}


def _refusal(code: str, detail: dict, limits: Limits) -> UserDataError:
    if code in _REFUSALS:
        en, zh = _REFUSALS[code]
        return fail(code, en, zh)
    if code == "file_too_large":
        cap = XLSX_EXPANSION * limits.max_bytes / 1e6
        return fail(
            "file_too_large",
            f"The workbook unpacks to more than {cap:.0f} MB; keep only the table to upload.",
            "工作簿解压后过大，请只保留需要上传的表格。",
        )
    if code == "sheet_too_large":
        if "merge" in detail:
            what_en = f"the merged range {detail['merge']} spans more than the limits"
            what_zh = f"合并单元格 {detail['merge']} 超出上限"
        else:
            what_en, what_zh = "the sheet has more filled cells than the limits allow", "工作表中的单元格数量超出上限"
        return fail(
            "sheet_too_large",
            f"The sheet is too large: {what_en} ({limits.max_rows:,} rows × {limits.max_columns} columns). "
            "Keep only the table to upload.",
            f"工作表过大：{what_zh}（上限 {limits.max_rows} 行 × {limits.max_columns} 列）。请只保留需要上传的表格。",
        )
    return _parse_limit(limits)


def run_child(content: bytes, limits: Limits) -> dict:
    """The child's JSON answer for ``content``; :class:`UserDataError` ``parse_limit`` when it was stopped."""
    header = {
        "max_rows": limits.max_rows,
        "max_columns": limits.max_columns,
        "max_unpacked": XLSX_EXPANSION * limits.max_bytes,
        "memory_mb": limits.parse_memory_mb,
        "cpu_seconds": limits.parse_seconds,
    }
    try:
        proc = subprocess.run(
            [sys.executable, "-I", str(CHILD)],
            input=json.dumps(header).encode() + b"\n" + content,
            capture_output=True,
            timeout=limits.parse_seconds + STARTUP_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:  # subprocess.run has killed the child
        raise _parse_limit(limits) from None
    if proc.returncode != 0:  # MemoryError, SIGXCPU or SIGKILL
        raise _parse_limit(limits)
    try:
        return json.loads(proc.stdout)
    except ValueError:
        raise _parse_limit(limits) from None


def precheck(content: bytes, limits: Limits) -> None:
    """The child's streaming checks (DTDs, unpacked bytes, merged ranges, filled cells), run first in this
    process: they keep nothing but counters (1 MB chunks, expat without a tree), so a hostile workbook is
    refused here without starting a process; the child repeats them before openpyxl reads a cell."""
    from userdata import xlsx_child as child

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            sheet = child.first_sheet_path(zf)
            cap = child.cell_limit(limits.max_rows, limits.max_columns)
            child.check_unpacked(zf, XLSX_EXPANSION * limits.max_bytes, sheet, cap)
            child.prescan(zf, sheet, limits.max_rows, limits.max_columns)
    except child.Refused as exc:
        raise _refusal(exc.code, exc.detail, limits) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError):
        raise _refusal("xlsx_unreadable", {}, limits) from None
    except Exception as exc:  # noqa: BLE001 - defusedxml's DTDForbidden / EntitiesForbidden, expat errors
        code = "xlsx_unsafe" if "Forbidden" in type(exc).__name__ else "xlsx_unreadable"
        raise _refusal(code, {}, limits) from None


def read_xlsx(content: bytes, limits: Limits):
    """``(rows, merges, notes)`` of the first worksheet, read by the child process.

    Raises
    ------
    UserDataError
        ``xlsx_unreadable``, ``xlsx_unsafe``, ``file_too_large``, ``sheet_too_large``, ``parse_limit`` or
        ``formula``.
    """
    precheck(content, limits)
    answer = run_child(content, limits)
    if not answer.get("ok"):
        raise _refusal(str(answer.get("code")), answer.get("detail") or {}, limits)
    if answer["formulas"]:
        errors: list[UploadError] = [
            err(
                "formula",
                f"Cell {coord} holds a formula ({text}); paste values only (Excel: Paste Special → Values) and "
                "upload again.",
                f"单元格 {coord} 含公式，请“选择性粘贴 → 数值”后重新上传。",
                row=int(row),
            )
            for coord, text, row in answer["formulas"]
        ]
        raise UserDataError(cap_errors(errors))
    rows = tuple((int(n), tuple(_decode(c) for c in cells)) for n, cells in answer["rows"])
    merges = tuple(tuple(int(x) for x in m) for m in answer["merges"])
    return rows, merges, tuple(answer["notes"])
