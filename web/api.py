"""HTTP routes beside the Dash app: geometry, health, the read-only indicator API.

Registered on the Flask server by :func:`register_routes`; every error is a short text answer
with a 4xx status, never a traceback.
"""

from __future__ import annotations

import json
import logging
import re

from flask import Flask, Response, request

from geodata import layer
from indicators import export, store

log = logging.getLogger(__name__)
KEY_RE = re.compile(r"^[A-Za-z0-9_]{1,80}$")
YEAR_RE = re.compile(r"^\d{4}$")
GEO_NAME_RE = re.compile(r"^(units|inset|provinces|maritime|detail/\d{6})\.pbf$")


def _text(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain; charset=utf-8")


def _immutable_file(path, mimetype: str) -> Response:
    """A fingerprinted build artefact: cached for a year, its Brotli (else precompressed ``.gz``) twin
    sent when accepted."""
    from web.precompress import accepts_brotli, brotli_twin

    accept = request.headers.get("Accept-Encoding", "")
    br = brotli_twin(path) if accepts_brotli(accept) else None
    gz = path.with_name(path.name + ".gz")
    use_gzip = br is None and "gzip" in accept and gz.exists()
    resp = Response((br or (gz if use_gzip else path)).read_bytes(), mimetype=mimetype)
    if br is not None:
        resp.headers["Content-Encoding"] = "br"
    elif use_gzip:
        resp.headers["Content-Encoding"] = "gzip"
    resp.headers["Vary"] = "Accept-Encoding"
    resp.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return resp


def request_level() -> str:
    """The ``level`` query parameter (``prefecture`` when absent); anything else raises ``ValueError`` (a 400)."""
    from indicators.registry import LEVELS

    level = request.args.get("level", "prefecture")
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level[:40]!r}")
    return level


def _selected_codes() -> list[str] | None:
    """The request's ``sel`` (6-digit codes joined by ``~``; others dropped), ``None`` when absent."""
    sel = request.args.get("sel", "")
    return [c for c in sel.split("~") if re.fullmatch(r"\d{6}", c)] if sel else None


def _selected(units):
    """``units`` restricted to the request's ``sel``, all when absent."""
    codes = _selected_codes()
    return units if codes is None else units[units["adcode"].isin(codes)]


def _stored_dataset(ds_id: str):
    """``(record, None)`` of a stored dataset, or ``(None, the error response)``."""
    from userdata.cache import default_store
    from userdata.store import DatasetRemoved, DatasetStoreError

    try:
        record = default_store().get(ds_id)
    except DatasetRemoved:
        return None, _text("this dataset was removed by its uploader or an administrator", 410)
    except DatasetStoreError:
        log.exception("dataset store unavailable")
        return None, _text("the dataset store is unavailable; please try again later", 503)
    if record is None:
        return None, _text(f"unknown dataset {ds_id[:40]!r}", 404)
    return record, None


def _dataset_csv(ds_id: str, level: str | None) -> Response:
    """``/api/indicators/ds_<id>.csv``: an uploaded dataset's first column in one year, in the CSV format
    of the registry indicators of its level (a county dataset: the county CSV's columns); 410 once it was
    taken down; 404 when ``level`` is given and is not the dataset's."""
    from userdata import NO_YEAR, dataset_indicator, indicator_csv
    from userdata.cache import units_at
    from userdata.indicator import county_indicator_csv

    record, error = _stored_dataset(ds_id)
    if record is None:
        return error
    if level is not None and level != record.level:
        return _text(f"dataset {ds_id[:40]} holds {record.level}-level units; ask with level={record.level}", 404)
    ind, _series = dataset_indicator(record)
    year_text = request.args.get("year", "")
    if year_text == "" or (ind.years == (NO_YEAR,) and year_text == str(NO_YEAR)):
        year = ind.latest_year
    elif YEAR_RE.match(year_text) and int(year_text) in ind.years:
        year = int(year_text)
    else:
        return _text(f"year must be one of {', '.join(map(str, ind.years))}", 404)
    if record.level == "county":
        body = county_indicator_csv(record, record.columns[0], year, units_at("county"), _selected_codes())
    else:
        body = indicator_csv(record, record.columns[0], year, _selected(layer.units()))
    resp = Response(body.encode("utf-8"), mimetype="text/csv; charset=utf-8")
    level_part = "_county" if record.level == "county" else ""
    resp.headers["Content-Disposition"] = f'attachment; filename="ds_{record.id}{level_part}_{year or "all"}.csv"'
    resp.headers["Cache-Control"] = "private, max-age=300"
    return resp


def _dataset_record(record) -> dict:
    """An uploaded dataset in ``/api/indicators`` (the fields of its level's records)."""
    from userdata import dataset_indicator

    ind, _series = dataset_indicator(record)
    if record.level == "county":
        from indicators.county import county_record

        return county_record(ind)
    return export.indicator_record(ind)


def _county_csv(key: str) -> Response:
    from indicators.county import county_indicator
    from indicators.county.export import county_csv

    year_text = request.args.get("year", "")
    try:
        ind = county_indicator(key)
        year = ind.latest_year if year_text == "" else int(year_text) if YEAR_RE.match(year_text) else None
        if year is None:
            return _text(f"year must be one of {', '.join(map(str, ind.years))}", 404)
        body = county_csv(key, year, _selected_codes())
    except ValueError as exc:
        return _text(str(exc).splitlines()[0].replace("valid keys: ", "see /api/indicators?level=county; e.g. ")[:300], 404)
    resp = Response(body.encode("utf-8"), mimetype="text/csv; charset=utf-8")
    resp.headers["Content-Disposition"] = f'attachment; filename="{key}_county_{year}.csv"'
    return resp


def register_routes(server: Flask) -> None:
    @server.get("/healthz")
    def healthz():
        try:
            layer.warm()
            n = len(layer.units())
        except Exception as exc:  # noqa: BLE001 - health must answer, not raise
            log.exception("health check failed")
            return _text(f"not ready: {type(exc).__name__}", 503)
        return Response(json.dumps({"status": "ok", "units": n}), mimetype="application/json")

    @server.get("/geo/<key>/<path:name>")
    def geometry(key: str, name: str):
        """Fingerprinted geometry: cached for a year; gzip bytes precompressed at build time."""
        if name.startswith("county/"):  # the county layer (issue 13): its own build key
            from geodata import county_layer

            if not county_layer.PUBLIC_NAME_RE.match(name) or key != county_layer.manifest()["key"]:
                return _text("unknown geometry file", 404)
            path = county_layer.public_file(name)
            if path is None:
                return _text("unknown geometry file", 404)
            return _immutable_file(path, "application/x-protobuf")
        if not GEO_NAME_RE.match(name) or key != layer.manifest()["key"]:
            return _text("unknown geometry file", 404)
        path = layer.public_file(name)
        if path is None:
            return _text("unknown geometry file", 404)
        return _immutable_file(path, "application/x-protobuf")

    @server.get("/values/<folder>/<name>")
    def values_bundle(folder: str, name: str):
        """The values bundle (see indicators.bundle): fingerprinted, cached for a year, gzip precompressed."""
        from web.values import values_bundle_file, values_part_files

        path = values_bundle_file()
        if folder == path.parent.name and name != path.name:
            path = next((p for p in values_part_files().values() if p.name == name), path)  # a family's part
        if folder != path.parent.name or name != path.name:
            return _text("unknown values bundle", 404)
        return _immutable_file(path, "application/json")

    @server.get("/api/indicators")
    def indicator_list():
        try:
            level = request_level()
        except ValueError as exc:
            return _text(str(exc), 400)
        if level == "county":
            from indicators.county import county_catalog

            records = county_catalog()
        else:
            records = export.registry_records()
        ds = request.args.get("ds", "")
        if ds:  # an uploaded dataset (its id is private to whoever holds the link: listed only when asked for)
            from userdata.record import ID_RE

            record, error = _stored_dataset(ds) if ID_RE.match(ds) else (None, _text("ds must be a dataset id", 400))
            if record is None:
                return error
            if record.level == level:
                records.append(_dataset_record(record))
        body = json.dumps(records, ensure_ascii=False)
        return Response(body, mimetype="application/json; charset=utf-8")

    @server.get("/api/indicators/<key>.csv")
    def indicator_csv(key: str):
        if not KEY_RE.match(key):
            return _text(f"unknown indicator {key[:60]!r}", 404)
        try:
            level = request_level()
        except ValueError as exc:
            return _text(str(exc), 400)
        if key.startswith("ds_"):
            return _dataset_csv(key[3:], level if "level" in request.args else None)
        if level == "county":
            return _county_csv(key)
        year_text = request.args.get("year", "")
        try:
            from indicators.registry import get_indicator

            ind = get_indicator(key)
        except ValueError:
            return _text(f"unknown indicator {key!r}; see /api/indicators for the valid keys", 404)
        if year_text == "":
            year = ind.latest_year
        elif YEAR_RE.match(year_text):
            year = int(year_text)
        else:
            return _text(f"year must be one of {', '.join(map(str, ind.years))}", 404)
        units = _selected(layer.units())
        try:
            body = export.indicator_csv(key, year, units, store.load_store())
        except LookupError as exc:
            return _text(str(exc).splitlines()[0], 404)
        resp = Response(body.encode("utf-8"), mimetype="text/csv; charset=utf-8")
        resp.headers["Content-Disposition"] = f'attachment; filename="{key}_{year}.csv"'
        return resp
