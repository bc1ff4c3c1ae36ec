"""Read the first worksheet of an XLSX in a child process under hard limits; run as a script.

:mod:`userdata.xlsx` starts ``python -I userdata/xlsx_child.py`` and writes one JSON line of limits
followed by the workbook's bytes to its standard input. The child caps its own address space and CPU
time (``resource.setrlimit``) before it touches the workbook, then answers one JSON object on standard
output: ``{"ok": true, "rows": …, "merges": …, "notes": …, "formulas": …}`` or ``{"ok": false,
"code": …, "detail": …}``. It imports only the standard library, ``defusedxml`` and ``openpyxl`` (never
the app), so it starts fast and a hostile file can cost at most its limits.

Before any cell is materialised, the sheet's XML is streamed once (expat, nothing kept but counters)
to check merged ranges and the number of filled cells against the row
and column limits; every XML part is refused if it declares a DTD (entity expansion, external
entities). Cells are then read with openpyxl in read-only mode with the sheet's declared dimension
ignored (a bogus ``A1:XFD1048576`` must not pad every row to 16,384 cells).
"""

from __future__ import annotations

import io
import json
import os
import posixpath
import re
import resource
import sys
import warnings
import zipfile
from datetime import date, datetime, time

_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: Rows above the data that may hold a title and the header (as :mod:`userdata.read` allows).
HEADER_ROWS = 12


class Refused(Exception):
    def __init__(self, code: str, **detail) -> None:
        super().__init__(code)
        self.code, self.detail = code, detail


def limit_self(memory_mb: int, cpu_seconds: int) -> None:
    """Cap this process: ``memory_mb`` of address space above what it uses now, ``cpu_seconds`` of CPU."""
    with open("/proc/self/statm") as fh:
        vm_pages = int(fh.read().split()[0])
    current = vm_pages * os.sysconf("SC_PAGE_SIZE")
    cap = current + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def parse_range(ref: str) -> tuple[int, int, int, int] | None:
    """``"A2:C9"`` → ``(2, 1, 9, 3)`` (min_row, min_col, max_row, max_col); ``None`` when malformed."""
    parts = ref.strip().upper().split(":")
    if not 1 <= len(parts) <= 2:
        return None
    cells = [_REF.match(p) for p in parts]
    if not all(cells):
        return None
    (c0, r0), (c1, r1) = [(column_number(m.group(1)), int(m.group(2))) for m in (cells[0], cells[-1])]
    return min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)


def check_unpacked(zf: zipfile.ZipFile, max_unpacked: int, sheet: str, cell_cap: int) -> None:
    """Stream every member once, counting the bytes really inflated (not the declared sizes).

    Every XML part is refused if its prolog declares a DTD, and the first sheet's values (``<v>``,
    ``<is>`` tags) are counted on the bytes so that a sheet of millions of cells is refused in well
    under a second; :func:`prescan` then counts exactly.
    """
    total = 0
    for info in zf.infolist():
        values, tail = 0, b""
        with zf.open(info) as fh:
            head = fh.read(4096)
            if info.filename.endswith((".xml", ".rels")) and b"<!doctype" in head.lower():
                raise Refused("xlsx_unsafe", part=info.filename)
            chunk = head
            while chunk:
                total += len(chunk)
                if total > max_unpacked:
                    raise Refused("file_too_large", unpacked=total)
                if info.filename == sheet:
                    window = tail + chunk
                    values += window.count(b"<v>") + window.count(b"<v ") + window.count(b"<is>")
                    values -= tail.count(b"<v>") + tail.count(b"<v ") + tail.count(b"<is>")
                    tail = window[-3:]
                    if values > cell_cap:
                        raise Refused("sheet_too_large", cells=values, cap=cell_cap)
                chunk = fh.read(1 << 20)


def first_sheet_path(zf: zipfile.ZipFile) -> str:
    from defusedxml.ElementTree import fromstring

    workbook = fromstring(zf.read("xl/workbook.xml"), forbid_dtd=True)
    sheet = workbook.find(f"{_MAIN}sheets/{_MAIN}sheet")
    if sheet is None:
        raise Refused("xlsx_unreadable")
    rid = sheet.get(f"{_REL}id")
    rels = fromstring(zf.read("xl/_rels/workbook.xml.rels"), forbid_dtd=True)
    for rel in rels.iter(f"{_PKG_REL}Relationship"):
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            if path in zf.namelist():
                return path
    raise Refused("xlsx_unreadable")


def cell_limit(max_rows: int, max_columns: int) -> int:
    """Most filled cells a sheet may have: the data rows plus title/header rows, times the columns."""
    return (max_rows + HEADER_ROWS) * max_columns


def prescan(zf: zipfile.ZipFile, path: str, max_rows: int, max_columns: int) -> list[tuple[int, int, int, int]]:
    """Merged ranges of the sheet, checked (with the count of filled cells) against the limits.

    A streaming expat pass (nothing kept but counters and the merged ranges): a DTD or an entity
    declaration is refused, a ``<c>`` with a value or inline string counts as a filled cell.
    """
    from xml.parsers import expat

    row_cap, cell_cap = max_rows + HEADER_ROWS, cell_limit(max_rows, max_columns)
    merges: list[tuple[int, int, int, int]] = []
    state = {"filled": 0, "in_cell": False, "counted": False}

    def refuse_dtd(*_args):
        raise Refused("xlsx_unsafe", part=path)

    def start(name, attrs):
        local = name.rpartition(" ")[2]
        if local == "c":
            state["in_cell"], state["counted"] = True, False
        elif local in ("v", "is") and state["in_cell"] and not state["counted"]:
            state["counted"] = True
            state["filled"] += 1
            if state["filled"] > cell_cap:
                raise Refused("sheet_too_large", cells=state["filled"], cap=cell_cap)
        elif local == "mergeCell":
            ref = attrs.get("ref", "")
            box = parse_range(ref)
            if box is None:
                raise Refused("xlsx_unreadable")
            r0, c0, r1, c1 = box
            if r1 - r0 + 1 > row_cap or c1 - c0 + 1 > max_columns:
                raise Refused("sheet_too_large", merge=ref[:40])
            merges.append(box)
            if len(merges) > row_cap:
                raise Refused("sheet_too_large", merges=len(merges))

    def end(name):
        if name.rpartition(" ")[2] == "c":
            state["in_cell"] = False

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.ExternalEntityRefHandler = refuse_dtd
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    with zf.open(path) as fh:
        try:
            parser.ParseFile(fh)
        except expat.ExpatError:
            raise Refused("xlsx_unreadable") from None
    return merges


def encode(value):
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, time):
        return {"time": value.isoformat()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def read_cells(content: bytes, max_rows: int) -> tuple[list, list, list]:
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(content), data_only=False, read_only=True)
            ws = wb.worksheets[0]
            notes = (
                [f"first worksheet {ws.title!r} read; {len(wb.worksheets) - 1} other(s) ignored"]
                if len(wb.worksheets) > 1
                else []
            )
            ws.reset_dimensions()  # never trust the declared dimension
            rows, formulas = [], []
            for number, row in enumerate(ws.iter_rows(), start=1):
                cells = []
                for cell in row:
                    value = getattr(cell, "value", None)
                    if getattr(cell, "data_type", None) == "f":
                        formulas.append([getattr(cell, "coordinate", "?"), str(value)[:40], getattr(cell, "row", number)])
                    cells.append(encode(value))
                if any(c is not None and not (isinstance(c, str) and not c.strip()) for c in cells):
                    first = next((c for c in row if hasattr(c, "row")), None)
                    rows.append([first.row if first is not None else number, cells])
                    if len(rows) > max_rows + HEADER_ROWS:
                        break
            wb.close()
    except Refused:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for damaged or unsafe files
        if out_of_memory(exc):
            raise MemoryError from None
        raise Refused("xlsx_unreadable") from None
    return rows, formulas, notes


def peak_kb() -> int:
    """This process's peak resident memory (``VmHWM``, kB; 0 when unknown) — for the benchmark."""
    try:
        with open("/proc/self/status") as fh:
            return next((int(line.split()[1]) for line in fh if line.startswith("VmHWM:")), 0)
    except OSError:
        return 0


def out_of_memory(exc: BaseException | None) -> bool:
    """True when ``exc`` or an exception it was raised from is a :class:`MemoryError`."""
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, MemoryError):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def main() -> int:
    import defusedxml  # noqa: F401 - imported before the limits: they are for the workbook, not for start-up
    import openpyxl  # noqa: F401

    header = json.loads(sys.stdin.buffer.readline())
    content = sys.stdin.buffer.read()
    limit_self(int(header["memory_mb"]), int(header["cpu_seconds"]))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            sheet = first_sheet_path(zf)
            max_rows, max_columns = int(header["max_rows"]), int(header["max_columns"])
            check_unpacked(zf, int(header["max_unpacked"]), sheet, cell_limit(max_rows, max_columns))
            merges = prescan(zf, sheet, max_rows, max_columns)
        rows, formulas, notes = read_cells(content, int(header["max_rows"]))
        answer = {"ok": True, "rows": rows, "merges": merges, "notes": notes, "formulas": formulas}
    except Refused as exc:
        answer = {"ok": False, "code": exc.code, "detail": exc.detail}
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError):
        answer = {"ok": False, "code": "xlsx_unreadable", "detail": {}}
    except Exception as exc:  # noqa: BLE001 - e.g. defusedxml's DTDForbidden, ParseError
        if out_of_memory(exc):
            return 3
        code = "xlsx_unsafe" if "Forbidden" in type(exc).__name__ else "xlsx_unreadable"
        answer = {"ok": False, "code": code, "detail": {}}
    answer["peak_kb"] = peak_kb()
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
