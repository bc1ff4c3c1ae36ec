"""Callbacks of the upload panel (:mod:`layouts.upload`): preview with match report, accept → store.

The two callbacks only unpack their inputs and call :func:`preview_upload` and :func:`accept_upload`,
which hold the logic and are tested directly. The accepted dataset id goes to the store
``upload-dataset``; the page turns it into ``?ds=<id>``.
"""

from __future__ import annotations

import base64
import binascii
import logging

from dash import Input, Output, State, callback, html, no_update

from callbacks import datasets
from indicators import userdata
from layouts import ids
from layouts import upload as ui
from layouts.i18n import t

log = logging.getLogger(__name__)
_INTERNAL = {
    "code": "internal_error",
    "message": "The upload could not be processed.",
    "message_zh": "无法处理此上传。",
}


def decode_contents(contents: str, limits: userdata.Limits) -> bytes:
    """The file bytes of a ``dcc.Upload`` ``contents`` value (``data:<type>;base64,<data>``).

    Raises
    ------
    UserDataError
        ``file_too_large`` (checked before decoding) or ``unsupported_format`` for a malformed value.

    Examples
    --------
    >>> decode_contents("data:text/csv;base64,YSxiCg==", userdata.Limits())
    b'a,b\\n'
    """
    header, sep, data = (contents if isinstance(contents, str) else "").partition(",")
    if not sep or not header.startswith("data:") or ";base64" not in header:
        raise userdata.UserDataError(
            [userdata.UploadError("unsupported_format", "The upload could not be read.", "无法读取上传的文件。")]
        )
    if len(data) * 3 // 4 > limits.max_bytes + 3:
        raise userdata.UserDataError(
            [
                userdata.UploadError(
                    "file_too_large",
                    f"The file is over the limit of {limits.max_bytes / 1e6:.1f} MB.",
                    f"文件超过 {limits.max_bytes / 1e6:.1f} MB 的上限。",
                )
            ]
        )
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise userdata.UserDataError(
            [userdata.UploadError("unsupported_format", "The upload could not be read.", "无法读取上传的文件。")]
        ) from None


def _prepare(contents, filename, label, unit, source, index, limits) -> userdata.PreparedUpload:
    content = decode_contents(contents, limits)
    return userdata.prepare_upload(
        content, filename or "", label=label, unit=unit, source=source, index=index, limits=limits
    )


def preview_upload(
    contents: str | None,
    filename: str | None,
    label: str | None,
    unit: str | None,
    source: str | None,
    lang: str | None,
    *,
    index: userdata.UnitIndex | None = None,
    limits: userdata.Limits | None = None,
):
    """``(preview children, accept disabled)`` for the current file and texts."""
    lang = lang or "en"
    if not contents:
        return html.P(t("upload_hint", lang), className="hint"), True
    index = index or datasets.default_unit_index()
    limits = limits or datasets.settings().limits
    try:
        prepared = _prepare(contents, filename, label, unit, source, index, limits)
    except userdata.UserDataError as exc:
        return ui.error_list(exc.as_dicts(), lang), True
    except Exception:  # noqa: BLE001 - never a traceback in the page
        log.exception("unexpected error while previewing an upload")
        return ui.error_list([_INTERNAL], lang), True
    return ui.match_report(prepared.report(), lang), False


def accept_upload(
    contents: str | None,
    filename: str | None,
    label: str | None,
    unit: str | None,
    source: str | None,
    lang: str | None,
    *,
    store: datasets.DatasetStore | None = None,
    index: userdata.UnitIndex | None = None,
    limits: userdata.Limits | None = None,
):
    """``(dataset id or None, status children)``: validate again, store, report."""
    lang = lang or "en"
    if not contents:
        return None, html.P(t("upload_hint", lang), className="hint")
    index = index or datasets.default_unit_index()
    limits = limits or datasets.settings().limits
    try:
        prepared = _prepare(contents, filename, label, unit, source, index, limits)
    except userdata.UserDataError as exc:
        return None, ui.error_list(exc.as_dicts(), lang)
    except Exception:  # noqa: BLE001 - never a traceback in the page
        log.exception("unexpected error while accepting an upload")
        return None, ui.error_list([_INTERNAL], lang)
    try:
        created = (store or datasets.default_store()).save(prepared.record)
    except datasets.DatasetStoreError:
        log.exception("dataset store unavailable")
        return None, html.P(t("upload_store_failed", lang), className="upload-error")
    return prepared.record.id, ui.accepted_message(prepared.record.id, created, lang)


@callback(
    Output(ui.PREVIEW, "children"),
    Output(ui.ACCEPT, "disabled"),
    Input(ui.FILE, "contents"),
    Input(ui.LABEL, "value"),
    Input(ui.UNIT, "value"),
    Input(ui.SOURCE, "value"),
    State(ui.FILE, "filename"),
    State(ids.LANG, "data"),
    prevent_initial_call=True,
)
def preview(contents, label, unit, source, filename, lang):
    lang = lang if lang in ("zh", "en") else "en"
    return preview_upload(contents, filename, label, unit, source, lang)


@callback(
    Output(ui.DATASET, "data"),
    Output(ui.STATUS, "children"),
    Input(ui.ACCEPT, "n_clicks"),
    State(ui.FILE, "contents"),
    State(ui.FILE, "filename"),
    State(ui.LABEL, "value"),
    State(ui.UNIT, "value"),
    State(ui.SOURCE, "value"),
    State(ids.LANG, "data"),
    prevent_initial_call=True,
)
def accept(_n_clicks, contents, filename, label, unit, source, lang):
    lang = lang if lang in ("zh", "en") else "en"
    dataset_id, status = accept_upload(contents, filename, label, unit, source, lang)
    return (dataset_id if dataset_id else no_update), status
