"""The upload panel: a file drop zone, label / unit / source inputs, the preview with its match report.

Component ids are the constants below (all prefixed ``upload-``); :mod:`callbacks.upload` fills
:data:`PREVIEW` and :data:`STATUS` and writes the accepted dataset id into the store :data:`DATASET`.
Every text that comes from the user (file cells, label, unit, source) is passed as a plain string
child, which React renders as text — never as HTML or Markdown.

Examples
--------
>>> panel = upload_panel("en")
>>> panel.id, [c.id for c in panel.children if getattr(c, "id", None)][:2]
('upload-panel', ['upload-file', 'upload-fields'])
"""

from __future__ import annotations

from dash import dcc, html

from userdata.errors import Limits

PANEL = "upload-panel"
FILE = "upload-file"
FIELDS = "upload-fields"
LABEL = "upload-label"
UNIT = "upload-unit"
SOURCE = "upload-source"
PREVIEW = "upload-preview"
ACCEPT = "upload-accept"
STATUS = "upload-status"
#: ``dcc.Store`` holding the id of the last accepted dataset (``None`` until then).
DATASET = "upload-dataset"

#: Rows listed per category in the preview (the API returns them all).
MAX_LISTED = 50

TEXT: dict[str, dict[str, str]] = {
    "title": {"zh": "上传数据", "en": "Upload data"},
    "drop": {"zh": "拖放或点击选择 CSV / XLSX 文件", "en": "Drop or click to choose a CSV / XLSX file"},
    "formats": {
        "zh": "以 6 位行政区划代码或地级单位中文名称（可加省份列）为键，一列或多列数字，可有年份列；"
        "UTF-8 或 GBK 编码；不超过 {mb} MB。",
        "en": "Keyed by 6-digit admin code or Chinese unit name (optionally with a province column); one or more "
        "numeric columns; an optional year column; UTF-8 or GBK; at most {mb} MB.",
    },
    "label": {"zh": "指标名称", "en": "Label"},
    "unit": {"zh": "单位", "en": "Unit"},
    "source": {"zh": "数据来源", "en": "Source"},
    "label_ph": {"zh": "例如：城镇登记失业人数", "en": "e.g. Registered urban unemployed"},
    "unit_ph": {"zh": "例如：万人", "en": "e.g. 10,000 persons"},
    "source_ph": {"zh": "例如：某市统计年鉴 2021，表 4-3", "en": "e.g. City statistical yearbook 2021, table 4-3"},
    "accept": {"zh": "确认并保存", "en": "Accept and save"},
    "hint": {"zh": "选择文件后，这里显示匹配结果。", "en": "The match report appears here once a file is chosen."},
    "errors": {"zh": "无法接受此文件：", "en": "This upload cannot be accepted:"},
    "row": {"zh": "第 {n} 行", "en": "row {n}"},
    "matched": {"zh": "已匹配", "en": "Matched"},
    "ambiguous": {"zh": "有歧义", "en": "Ambiguous"},
    "unknown": {"zh": "未识别", "en": "Unknown"},
    "rows_word": {"zh": "行", "en": "rows"},
    "only_matched": {
        "zh": "只保存已匹配的行；有歧义和未识别的行不会保存。",
        "en": "Only matched rows are saved; ambiguous and unknown rows are left out.",
    },
    "columns": {"zh": "数值列", "en": "Value columns"},
    "years": {"zh": "年份", "en": "Years"},
    "read_as": {"zh": "读取方式", "en": "Read as"},
    "more": {"zh": "另有 {n} 行", "en": "{n} more rows"},
    "saved": {"zh": "已保存，数据集编号 {id}。", "en": "Saved as dataset {id}."},
    "existed": {"zh": "此数据集已存在，编号 {id}。", "en": "This dataset was already saved: {id}."},
    "store_failed": {"zh": "暂时无法保存，请稍后再试。", "en": "The dataset could not be saved now; please try again."},
    "user_data": {"zh": "用户数据", "en": "User data"},
}


def tr(key: str, lang: str, **values) -> str:
    """The panel string ``key`` in ``lang`` (English for unknown languages), formatted with ``values``.

    >>> tr("row", "zh", n=3)
    '第 3 行'
    """
    entry = TEXT[key]
    return entry.get(lang, entry["en"]).format(**values)


def _field(label: str, component) -> html.Label:
    return html.Label([html.Span(label, className="control-label"), component], className="control upload-field")


def upload_panel(lang: str = "en", *, limits: Limits | None = None, dataset_id: str | None = None) -> html.Section:
    """The whole panel: drop zone, the three text inputs, accept button, preview and status areas.

    ``dataset_id`` pre-fills the :data:`DATASET` store (e.g. from ``?ds=`` in the URL).
    """
    limits = limits or Limits()
    mb = f"{limits.max_bytes / 1e6:.0f}"
    return html.Section(
        [
            html.H2(tr("title", lang), className="upload-title"),
            dcc.Upload(
                id=FILE,
                children=html.Div(tr("drop", lang), className="upload-drop-text"),
                accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                multiple=False,
                className="upload-drop",
            ),
            html.Div(
                [
                    _field(
                        tr("label", lang),
                        dcc.Input(
                            id=LABEL,
                            type="text",
                            debounce=True,
                            maxLength=limits.label_chars,
                            placeholder=tr("label_ph", lang),
                            className="upload-input",
                        ),  # fmt: skip
                    ),
                    _field(
                        tr("unit", lang),
                        dcc.Input(
                            id=UNIT,
                            type="text",
                            debounce=True,
                            maxLength=limits.unit_chars,
                            placeholder=tr("unit_ph", lang),
                            className="upload-input",
                        ),  # fmt: skip
                    ),
                    _field(
                        tr("source", lang),
                        dcc.Input(
                            id=SOURCE,
                            type="text",
                            debounce=True,
                            maxLength=limits.source_chars,
                            placeholder=tr("source_ph", lang),
                            className="upload-input upload-input-wide",
                        ),  # fmt: skip
                    ),
                ],
                id=FIELDS,
                className="upload-fields",
            ),
            html.P(tr("formats", lang, mb=mb), className="hint upload-formats"),
            html.Div(html.P(tr("hint", lang), className="hint"), id=PREVIEW, className="upload-preview", role="status"),
            html.Button(tr("accept", lang), id=ACCEPT, n_clicks=0, disabled=True, className="btn upload-accept"),
            html.Div(id=STATUS, className="upload-status", role="status"),
            dcc.Store(id=DATASET, data=dataset_id or ""),  # never None: a null store fires on mount
        ],
        id=PANEL,
        className="upload-panel",
    )


def error_list(errors: list[dict], lang: str) -> html.Div:
    """The errors of a refused upload (dicts as from :meth:`UserDataError.as_dicts`)."""
    key = "message_zh" if lang == "zh" else "message"
    items = [html.Li(str(e.get(key) or e.get("message", "")), className="upload-error") for e in errors]
    return html.Div(
        [html.P(tr("errors", lang), className="upload-errors-title"), html.Ul(items)], className="upload-errors"
    )


def _row_items(rows: list[dict], lang: str) -> list:
    reason_key = "reason_zh" if lang == "zh" else "reason"
    items = []
    for r in rows[:MAX_LISTED]:
        text = f"{tr('row', lang, n=r['row'])}: {r['key']}"
        if r.get("adcode"):
            text += f" → {r.get('name_zh') or ''} ({r['adcode']})"
        reason = r.get(reason_key) or r.get("reason")
        items.append(html.Li([html.Span(text), html.Span(f" — {reason}", className="hint") if reason else None]))
    if len(rows) > MAX_LISTED:
        items.append(html.Li(tr("more", lang, n=len(rows) - MAX_LISTED), className="hint"))
    return items


def match_report(report: dict, lang: str) -> html.Div:
    """The preview of an acceptable upload: counts, then the ambiguous, unknown and matched rows.

    ``report`` is :meth:`userdata.prepare.PreparedUpload.report`.

    >>> r = {"matched": [{"row": 2, "key": "银川", "adcode": "640100", "name_zh": "银川市"}], "ambiguous": [],
    ...      "unknown": [{"row": 3, "key": "<b>x</b>", "reason": "no map unit of this name"}],
    ...      "columns": ["v"], "years": [], "format": "csv", "encoding": "utf-8", "notes": []}
    >>> div = match_report(r, "en")
    >>> div.children[0].children
    'Matched: 1 · Ambiguous: 0 · Unknown: 1'
    """
    counts = " · ".join(f"{tr(s, lang)}: {len(report.get(s, []))}" for s in ("matched", "ambiguous", "unknown"))
    read_as = f"{report.get('format', '')}" + (f", {report['encoding']}" if report.get("encoding") else "")
    parts: list = [
        html.P(counts, className="upload-counts"),
        html.P(f"{tr('columns', lang)}: {', '.join(map(str, report.get('columns', [])))}", className="upload-meta"),
    ]
    if report.get("years"):
        parts.append(html.P(f"{tr('years', lang)}: {', '.join(map(str, report['years']))}", className="upload-meta"))
    parts.append(html.P(f"{tr('read_as', lang)}: {read_as}", className="upload-meta hint"))
    parts.extend(html.P(str(n), className="upload-note hint") for n in report.get("notes", []))
    for status in ("ambiguous", "unknown", "matched"):
        rows = report.get(status, [])
        if rows:
            parts.append(
                html.Details(
                    [
                        html.Summary(f"{tr(status, lang)} ({len(rows)} {tr('rows_word', lang)})"),
                        html.Ul(_row_items(rows, lang)),
                    ],
                    open=status != "matched",
                    className=f"upload-rows upload-rows-{status}",
                )
            )
    parts.append(html.P(tr("only_matched", lang), className="hint"))
    return html.Div(parts, className="upload-report")


def accepted_message(dataset_id: str, created: bool, lang: str) -> html.Div:
    """What the status area says after a successful accept."""
    return html.Div(tr("saved" if created else "existed", lang, id=dataset_id), className="upload-saved")
