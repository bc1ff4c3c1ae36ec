"""Hostile workbooks for the upload tests, written as raw XML inside a ZIP (a few kB each).

* :func:`merged_range_xlsx` — one merged range over the whole sheet (``A1:XFD1048576``);
* :func:`many_cells_xlsx` — millions of tiny cells that compress to a few hundred kB;
* :func:`billion_laughs_xlsx` — nested entity expansion in the shared strings;
* :func:`xxe_xlsx` — an external entity that reads a local file.
"""

from __future__ import annotations

import io
import zipfile

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_HEADER_ROW = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
_SHARED = f'<?xml version="1.0" encoding="UTF-8"?><sst {_NS} count="2" uniqueCount="2"><si><t>adcode</t></si><si><t>value</t></si></sst>'


def workbook(sheet_xml: str, shared_xml: str = _SHARED) -> bytes:
    """A minimal XLSX around one worksheet's XML (and the shared strings)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        zf.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        zf.writestr("xl/sharedStrings.xml", shared_xml)
    return buf.getvalue()


def _sheet(rows_xml: str, extra: str = "", dimension: str = "A1:B2") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {_NS}>'
        f'<dimension ref="{dimension}"/><sheetData>{rows_xml}</sheetData>{extra}</worksheet>'
    )


def merged_range_xlsx() -> bytes:
    """Two cells of data and one merged range over the whole sheet (the 4.7 kB file of issue 14)."""
    rows = _HEADER_ROW + '<row r="2"><c r="A2"><v>640100</v></c><c r="B2"><v>1</v></c></row>'
    return workbook(_sheet(rows, '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'))


def many_cells_xlsx(rows: int = 60_000, cols: int = 100) -> bytes:
    """``rows × cols`` numeric cells (6 M by default); the dimension is declared honestly."""
    row = "<row>" + "<c><v>1</v></c>" * cols + "</row>"  # cell references are optional in SpreadsheetML
    return workbook(_sheet(_HEADER_ROW + row * rows, dimension=f"A1:{_column(cols)}{rows + 1}"))


def billion_laughs_xlsx() -> bytes:
    """Shared strings that expand ``&lol9;`` to 10⁹ ``lol`` (refused by a safe XML parser)."""
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    shared = (
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [{entities}]>'
        f'<sst {_NS} count="2" uniqueCount="2"><si><t>&lol9;</t></si><si><t>value</t></si></sst>'
    )
    rows = _HEADER_ROW + '<row r="2"><c r="A2"><v>640100</v></c><c r="B2"><v>1</v></c></row>'
    return workbook(_sheet(rows), shared)


def xxe_xlsx(path: str = "/etc/passwd") -> bytes:
    """A shared string that is an external entity pointing at a local file."""
    shared = (
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file://{path}">]>'
        f'<sst {_NS} count="2" uniqueCount="2"><si><t>&xxe;</t></si><si><t>value</t></si></sst>'
    )
    rows = _HEADER_ROW + '<row r="2"><c r="A2"><v>640100</v></c><c r="B2"><v>1</v></c></row>'
    return workbook(_sheet(rows), shared)


def _column(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out
