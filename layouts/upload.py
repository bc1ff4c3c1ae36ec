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

from layouts.i18n import t
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


def _text_field(name: str, input_id: str, max_chars: int, lang: str, extra_class: str = "") -> html.Label:
    """The labelled text input ``name`` (its label and placeholder are the strings ``upload_<name>[_ph]``)."""
    text_input = dcc.Input(
        id=input_id,
        type="text",
        debounce=True,
        maxLength=max_chars,
        placeholder=t(f"upload_{name}_ph", lang),
        className=f"upload-input {extra_class}".strip(),
    )
    return html.Label(
        [html.Span(t(f"upload_{name}", lang), className="control-label"), text_input],
        className="control upload-field",
    )


def upload_panel(lang: str = "en", *, limits: Limits | None = None, dataset_id: str | None = None) -> html.Section:
    """The whole panel: drop zone, the three text inputs, accept button, preview and status areas.

    ``dataset_id`` pre-fills the :data:`DATASET` store (e.g. from ``?ds=`` in the URL).
    """
    limits = limits or Limits()
    mb = f"{limits.max_bytes / 1e6:.0f}"
    return html.Section(
        [
            html.H2(t("upload_panel_title", lang), className="upload-title"),
            dcc.Upload(
                id=FILE,
                children=html.Div(t("upload_drop", lang), className="upload-drop-text"),
                accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                multiple=False,
                className="upload-drop",
            ),
            html.Div(
                [
                    _text_field("label", LABEL, limits.label_chars, lang),
                    _text_field("unit", UNIT, limits.unit_chars, lang),
                    _text_field("source", SOURCE, limits.source_chars, lang, "upload-input-wide"),
                ],
                id=FIELDS,
                className="upload-fields",
            ),
            html.P(t("upload_formats", lang, mb=mb), className="hint upload-formats"),
            html.Div(
                html.P(t("upload_hint", lang), className="hint"), id=PREVIEW, className="upload-preview", role="status"
            ),
            html.Button(t("upload_accept", lang), id=ACCEPT, n_clicks=0, disabled=True, className="btn upload-accept"),
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
        [html.P(t("upload_errors", lang), className="upload-errors-title"), html.Ul(items)], className="upload-errors"
    )


def _row_items(rows: list[dict], lang: str) -> list:
    reason_key = "reason_zh" if lang == "zh" else "reason"
    items = []
    for r in rows[:MAX_LISTED]:
        text = f"{t('upload_row', lang, n=r['row'])}: {r['key']}"
        if r.get("adcode"):
            text += f" → {r.get('name_zh') or ''} ({r['adcode']})"
        reason = r.get(reason_key) or r.get("reason")
        items.append(html.Li([html.Span(text), html.Span(f" — {reason}", className="hint") if reason else None]))
    if len(rows) > MAX_LISTED:
        items.append(html.Li(t("upload_more", lang, n=len(rows) - MAX_LISTED), className="hint"))
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
    counts = " · ".join(
        f"{t('upload_' + s, lang)}: {len(report.get(s, []))}" for s in ("matched", "ambiguous", "unknown")
    )
    read_as = f"{report.get('format', '')}" + (f", {report['encoding']}" if report.get("encoding") else "")
    level = report.get("level") if report.get("level") in ("prefecture", "county") else "prefecture"
    parts: list = [
        html.P(counts, className="upload-counts"),
        html.P(f"{t('upload_level', lang)}: {t('upload_level_' + level, lang)}", className="upload-meta upload-level"),
        html.P(
            f"{t('upload_columns', lang)}: {', '.join(map(str, report.get('columns', [])))}", className="upload-meta"
        ),
    ]
    if report.get("years"):
        parts.append(
            html.P(f"{t('upload_years', lang)}: {', '.join(map(str, report['years']))}", className="upload-meta")
        )
    parts.append(html.P(f"{t('upload_read_as', lang)}: {read_as}", className="upload-meta hint"))
    parts.extend(html.P(str(n), className="upload-note hint") for n in report.get("notes", []))
    for status in ("ambiguous", "unknown", "matched"):
        rows = report.get(status, [])
        if rows:
            parts.append(
                html.Details(
                    [
                        html.Summary(f"{t('upload_' + status, lang)} ({len(rows)} {t('upload_rows_word', lang)})"),
                        html.Ul(_row_items(rows, lang)),
                    ],
                    open=status != "matched",
                    className=f"upload-rows upload-rows-{status}",
                )
            )
    parts.append(html.P(t("upload_only_matched", lang), className="hint"))
    return html.Div(parts, className="upload-report")


def accepted_message(dataset_id: str, delete_token: str, lang: str) -> html.Div:
    """What the status area says after a successful accept: the id, and the delete token shown once."""
    return html.Div(
        [
            html.P(t("upload_saved", lang, id=dataset_id)),
            html.P(t("upload_delete_token", lang)),
            html.Code(delete_token, className="upload-delete-token"),
            html.P(html.Code(f"curl -X DELETE -H 'Authorization: Bearer {delete_token}' …/api/datasets/{dataset_id}")),
        ],
        className="upload-saved",
    )
