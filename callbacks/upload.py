"""Callbacks of the upload panel (:mod:`layouts.upload`): preview with match report, accept → store.

The two callbacks only unpack their inputs and call :func:`preview_upload` and :func:`accept_upload`,
which turn :func:`userdata.prepare.prepare_contents` and the store's answer into components and are
tested directly. The accepted dataset id goes to the store ``upload-dataset``; the page turns it into
``?ds=<id>``.
"""

from __future__ import annotations

import logging

from dash import Input, Output, State, callback, html, no_update

from layouts import ids
from layouts import upload as ui
from layouts.i18n import known_lang, t
from userdata import cache
from userdata.errors import INTERNAL_ERROR, Limits, UserDataError
from userdata.match import UnitIndex
from userdata.prepare import prepare_contents
from userdata.settings import settings
from userdata.store import DatasetStore, DatasetStoreError
from web.upload_guard import panel_allowed

log = logging.getLogger(__name__)


def _prepare(contents, filename, label, unit, source, lang, index, limits, doing: str):
    """``(PreparedUpload, None)``, or ``(None, the error list)`` when the upload is refused or reading it
    failed (``doing`` names the step in the log)."""
    index = index or cache.default_unit_index()
    limits = limits or settings().limits
    try:
        prepared = prepare_contents(
            contents, filename, label=label, unit=unit, source=source, index=index, limits=limits
        )
    except UserDataError as exc:
        return None, ui.error_list(exc.as_dicts(), lang)
    except Exception:  # noqa: BLE001 - never a traceback in the page
        log.exception("unexpected error while %s an upload", doing)
        return None, ui.error_list([INTERNAL_ERROR], lang)
    return prepared, None


def preview_upload(
    contents: str | None,
    filename: str | None,
    label: str | None,
    unit: str | None,
    source: str | None,
    lang: str | None,
    *,
    index: UnitIndex | None = None,
    limits: Limits | None = None,
):
    """``(preview children, accept disabled)`` for the current file and texts."""
    lang = lang or "en"
    if not panel_allowed():
        return html.P(t("upload_panel_off", lang), className="upload-error"), True
    if not contents:
        return html.P(t("upload_hint", lang), className="hint"), True
    prepared, errors = _prepare(contents, filename, label, unit, source, lang, index, limits, "previewing")
    if prepared is None:
        return errors, True
    return ui.match_report(prepared.report(), lang), False


def accept_upload(
    contents: str | None,
    filename: str | None,
    label: str | None,
    unit: str | None,
    source: str | None,
    lang: str | None,
    *,
    store: DatasetStore | None = None,
    index: UnitIndex | None = None,
    limits: Limits | None = None,
):
    """``(dataset id or None, status children)``: validate again, store, report."""
    lang = lang or "en"
    if not panel_allowed():
        return None, html.P(t("upload_panel_off", lang), className="upload-error")
    if not contents:
        return None, html.P(t("upload_hint", lang), className="hint")
    prepared, errors = _prepare(contents, filename, label, unit, source, lang, index, limits, "accepting")
    if prepared is None:
        return None, errors
    try:
        public_id, delete_token = (store or cache.default_store()).publish(prepared.record)
    except DatasetStoreError:
        log.exception("dataset store unavailable")
        return None, html.P(t("upload_store_failed", lang), className="upload-error")
    return public_id, ui.accepted_message(public_id, delete_token, lang)


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
    lang = known_lang(lang)
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
    lang = known_lang(lang)
    dataset_id, status = accept_upload(contents, filename, label, unit, source, lang)
    return (dataset_id if dataset_id else no_update), status
