"""The HTTP API of uploaded datasets beside the Dash app (storage and reading live in :mod:`userdata`).

HTTP
----
``POST /api/datasets``
    ``multipart/form-data`` with the file in field ``file`` and the texts ``label``, ``unit``,
    ``source``. ``201`` with ``{id, created, matched, ambiguous, unknown, columns, years, …}`` (the
    match report of :meth:`userdata.prepare.PreparedUpload.report`; ``created`` is ``false`` when
    the same dataset was already stored) or ``400`` with ``{"errors": [{code, message, message_zh, row,
    column}, …]}``. ``503`` when the database cannot be reached.
``GET /api/datasets/<id>``
    The stored table as CSV (UTF-8 with BOM; ``adcode,name_zh,[year,]<columns>``), cacheable forever
    (the content cannot change under an id); ``404`` for an unknown or malformed id.

Answers are JSON or CSV only; texts are stored and returned as the user typed them (plain text,
length-limited), never as HTML.

The upload limits come from :func:`userdata.settings.settings` (which reads :mod:`web.settings`).
"""

from __future__ import annotations

import json
import logging
import math

import pandas as pd
from flask import Flask, Response, request
from werkzeug.exceptions import RequestEntityTooLarge

from userdata import cache, prepare
from userdata.errors import INTERNAL_ERROR, Limits, UserDataError, error_dict
from userdata.match import UnitIndex, build_unit_index
from userdata.record import ID_RE, dataset_csv
from userdata.settings import settings
from userdata.store import DatasetCorrupt, DatasetRemoved, DatasetStore, DatasetStoreError
from web.rendered import RenderedDatasets
from web.settings import get as settings_get
from web.upload_guard import bearer, upload_refusal

log = logging.getLogger(__name__)

#: Multipart overhead allowed on top of the file size limit (boundaries, the three text fields).
FORM_OVERHEAD = 256 * 1024


def request_body_limit(limits: Limits | None = None) -> int:
    """A ``MAX_CONTENT_LENGTH`` large enough for an upload at the limit through ``dcc.Upload``
    (base64 in a JSON callback body: 4/3 of the file, plus room for the rest of the request)."""
    limits = limits or settings().limits
    return math.ceil(limits.max_bytes * 4 / 3) + 1024 * 1024


#: The answer for a dataset that was taken down (a shared link to it says so).
REMOVED = error_dict(
    "removed", "This dataset was removed by its uploader or an administrator.", "此数据集已被上传者或管理员删除。"
)


def _json(body: dict, status: int) -> Response:
    resp = Response(json.dumps(body, ensure_ascii=False), status=status, mimetype="application/json")
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Cache-Control"] = "no-store"
    return resp


def _errors(errors: list[dict], status: int) -> Response:
    return _json({"errors": errors}, status)


def register_dataset_routes(
    server: Flask,
    store: DatasetStore | None = None,
    *,
    units: pd.DataFrame | None = None,
    limits: Limits | None = None,
) -> None:
    """Add ``POST /api/datasets`` and ``GET /api/datasets/<id>`` to ``server``.

    ``store``, ``units`` and ``limits`` default to :func:`userdata.cache.default_store`, the map layer's
    units and :func:`userdata.settings.settings` (all resolved at the first request, not here).
    """
    memo: dict[str, object] = {}
    rendered = RenderedDatasets()

    def get_store() -> DatasetStore:
        return store if store is not None else cache.default_store()

    def get_limits() -> Limits:
        if "limits" not in memo:
            memo["limits"] = limits if limits is not None else settings().limits
        return memo["limits"]  # type: ignore[return-value]

    def get_index() -> UnitIndex:
        if units is None:
            return cache.default_unit_index()
        if "index" not in memo:
            memo["index"] = build_unit_index(units, cache.default_county_index())
        return memo["index"]  # type: ignore[return-value]

    @server.post("/api/datasets", endpoint="datasets_create")
    def create_dataset():
        refusal = upload_refusal(request.headers, request.host, request.scheme)
        if refusal is not None:
            return _errors([error_dict(refusal.code, refusal.en, refusal.zh)], refusal.status)
        lim = get_limits()
        request.max_content_length = lim.max_bytes + FORM_OVERHEAD
        too_large = error_dict(
            "file_too_large",
            f"The upload is over the limit of {lim.max_bytes / 1e6:.1f} MB.",
            f"上传文件超过 {lim.max_bytes / 1e6:.1f} MB 的上限。",
        )
        try:
            upload = request.files.get("file")
            form = request.form
        except RequestEntityTooLarge:
            return _errors([too_large], 400)
        if upload is None:
            return _errors(
                [
                    error_dict(
                        "no_file",
                        "Send the table as multipart/form-data in the field 'file'.",
                        "请以 multipart/form-data 的 file 字段上传表格。",
                    )
                ],
                400,
            )
        content = upload.stream.read(lim.max_bytes + 1)
        try:
            prepared = prepare.prepare_upload(
                content,
                upload.filename or "",
                label=form.get("label", ""),
                unit=form.get("unit", ""),
                source=form.get("source", ""),
                index=get_index(),
                limits=lim,
            )
        except UserDataError as exc:
            return _errors(exc.as_dicts(), 400)
        except Exception:  # noqa: BLE001 - a bug must still answer with JSON, not a traceback page
            log.exception("unexpected error while reading an upload")
            return _errors([INTERNAL_ERROR], 500)
        try:
            public_id, delete_token = get_store().publish(prepared.record)
        except DatasetStoreError:
            log.exception("dataset store unavailable")
            return _errors(
                [
                    error_dict(
                        "storage_unavailable",
                        "The dataset could not be stored right now; please try again later.",
                        "暂时无法保存数据集，请稍后再试。",
                    )
                ],
                503,
            )
        # every upload gets its own random id: whether the same content was uploaded before is not told
        body = prepared.report() | {"id": public_id, "created": True, "delete_token": delete_token}
        resp = _json(body, 201)
        resp.headers["Location"] = f"/api/datasets/{public_id}"
        resp.headers["Cache-Control"] = "no-store"
        return resp

    @server.get("/api/datasets/<dataset_id>", endpoint="datasets_get")
    def get_dataset(dataset_id: str):
        not_found = error_dict("not_found", "No dataset with this id.", "没有此编号的数据集。")
        if not ID_RE.match(dataset_id):
            return _errors([not_found], 404)
        try:
            body = rendered.get(dataset_id) if get_store().status(dataset_id) == "live" else None
            if body is None:
                record = get_store().get(dataset_id)
                if record is None:
                    return _errors([not_found], 404)
                body = rendered.put(dataset_id, dataset_csv(record, get_index().names_at(record.level)).encode("utf-8"))
        except DatasetRemoved:
            return _errors([REMOVED], 410)
        except DatasetCorrupt:
            log.exception("dataset %s failed its integrity check", dataset_id)
            return _errors(
                [error_dict("corrupt", "This dataset is damaged and cannot be served.", "此数据集已损坏。")], 500
            )
        except DatasetStoreError:
            log.exception("dataset store unavailable")
            return _errors(
                [error_dict("storage_unavailable", "Please try again later.", "暂时无法读取数据集，请稍后再试。")],
                503,
            )
        return rendered.response(body, dataset_id, request.headers.get("Accept-Encoding", ""))

    @server.delete("/api/datasets/<dataset_id>", endpoint="datasets_delete")
    def delete_dataset(dataset_id: str):
        token = bearer(request.headers.get("Authorization"))
        if token is None:
            return _errors(
                [
                    error_dict(
                        "token_required",
                        "Send the delete token returned at upload as 'Authorization: Bearer <delete_token>'.",
                        "请以“Authorization: Bearer <delete_token>”发送上传时返回的删除令牌。",
                    )
                ],
                401,
            )
        try:
            outcome = get_store().remove(dataset_id, token, settings_get("LED_ADMIN_TOKEN"))
        except DatasetStoreError:
            log.exception("dataset store unavailable")
            return _errors(
                [error_dict("storage_unavailable", "Please try again later.", "暂时无法删除数据集，请稍后再试。")], 503
            )
        if outcome == "forbidden":
            return _errors(
                [error_dict("forbidden", "This token may not delete this dataset.", "此令牌无权删除该数据集。")], 403
            )
        if outcome == "unknown":
            return _errors([error_dict("not_found", "No dataset with this id.", "没有此编号的数据集。")], 404)
        rendered.drop(dataset_id)
        cache.forget(dataset_id)
        return Response(status=204)
