"""Uploaded datasets: a content-addressed store and the HTTP API beside the Dash app.

Storage
-------
One :class:`DatasetStore` runs the same SQL on two small dialect adapters:

* :class:`SQLiteDialect` (default) — one file ``datasets.sqlite3`` under ``LED_DATA_DIR``, WAL
  journal, ``synchronous=FULL``; a write is one ``BEGIN IMMEDIATE … COMMIT`` transaction, so a
  process killed at any point leaves either the whole dataset or nothing.
* :class:`PostgresDialect` — when ``DATABASE_URL`` is set (``postgresql://…``), through psycopg 3.

A dataset is one row of ``led_datasets`` (id, digest, texts, columns) plus one row per table row in
``led_dataset_rows``, written in one transaction. The id is the first
:data:`indicators.userdata.ID_LENGTH` hex digits of the SHA-256 of the normalised table and its texts,
so the same upload twice is one record (``INSERT … ON CONFLICT DO NOTHING``; concurrent writers of
the same id wait for each other and all get the same id). Reading recomputes the digest, so a
damaged record is reported, never served.

HTTP
----
``POST /api/datasets``
    ``multipart/form-data`` with the file in field ``file`` and the texts ``label``, ``unit``,
    ``source``. ``201`` with ``{id, created, matched, ambiguous, unknown, columns, years, …}`` (the
    match report of :meth:`indicators.userdata.PreparedUpload.report`; ``created`` is ``false`` when
    the same dataset was already stored) or ``400`` with ``{"errors": [{code, message, message_zh, row,
    column}, …]}``. ``503`` when the database cannot be reached.
``GET /api/datasets/<id>``
    The stored table as CSV (UTF-8 with BOM; ``adcode,name_zh,[year,]<columns>``), cacheable forever
    (the content cannot change under an id); ``404`` for an unknown or malformed id.

Answers are JSON or CSV only; texts are stored and returned as the user typed them (plain text,
length-limited), never as HTML.

Configuration (read in :func:`settings` only)
---------------------------------------------
==========================  ====================================================  ====================
variable                    meaning                                               default
==========================  ====================================================  ====================
``LED_DATA_DIR``            folder of the SQLite file                             ``<repo>/var``
``DATABASE_URL``            PostgreSQL URL; when set, used instead of SQLite      unset
``LED_UPLOAD_MAX_BYTES``    largest upload in bytes                               ``5242880`` (5 MB)
``LED_UPLOAD_MAX_ROWS``     most data rows                                        ``20000``
``LED_UPLOAD_MAX_COLUMNS``  most columns                                          ``40``
==========================  ====================================================  ====================
"""

from __future__ import annotations

import json
import logging
import math
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import pandas as pd
from flask import Flask, Response, request
from werkzeug.exceptions import RequestEntityTooLarge

from indicators import userdata
from indicators.userdata import ID_LENGTH, ID_RE, DatasetRecord, Limits, UserDataError
from web import settings as web_settings

log = logging.getLogger(__name__)

SQLITE_FILE = "datasets.sqlite3"
#: Multipart overhead allowed on top of the file size limit (boundaries, the three text fields).
FORM_OVERHEAD = 256 * 1024


# --------------------------------------------------------------------------------------------------
# Configuration
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DatasetSettings:
    data_dir: Path
    database_url: str | None
    limits: Limits


def settings() -> DatasetSettings:
    """Everything this feature reads from the environment, through :mod:`web.settings`."""
    limits = Limits(
        max_bytes=web_settings.get("LED_UPLOAD_MAX_BYTES"),
        max_rows=web_settings.get("LED_UPLOAD_MAX_ROWS"),
        max_columns=web_settings.get("LED_UPLOAD_MAX_COLUMNS"),
    )
    return DatasetSettings(web_settings.data_dir(), web_settings.database_url(), limits)


def request_body_limit(limits: Limits | None = None) -> int:
    """A ``MAX_CONTENT_LENGTH`` large enough for an upload at the limit through ``dcc.Upload``
    (base64 in a JSON callback body: 4/3 of the file, plus room for the rest of the request)."""
    limits = limits or settings().limits
    return math.ceil(limits.max_bytes * 4 / 3) + 1024 * 1024


# --------------------------------------------------------------------------------------------------
# Dialects
# --------------------------------------------------------------------------------------------------

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS led_datasets (
        id TEXT PRIMARY KEY,
        digest TEXT NOT NULL,
        format_version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        label TEXT NOT NULL,
        unit TEXT NOT NULL,
        source TEXT NOT NULL,
        columns_json TEXT NOT NULL,
        has_year INTEGER NOT NULL,
        n_rows INTEGER NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS led_dataset_rows (
        dataset_id TEXT NOT NULL REFERENCES led_datasets (id) ON DELETE CASCADE,
        row_no INTEGER NOT NULL,
        adcode TEXT NOT NULL,
        year INTEGER,
        values_json TEXT NOT NULL,
        PRIMARY KEY (dataset_id, row_no)
    )""",
    "CREATE UNIQUE INDEX IF NOT EXISTS led_datasets_digest ON led_datasets (digest)",
)


class DatasetStoreError(RuntimeError):
    """The database cannot be used (unreachable, locked for too long, damaged)."""


class DatasetCorrupt(DatasetStoreError):
    """A stored dataset no longer matches its digest."""


class SQLiteDialect:
    """An SQLite file in WAL mode; ``?`` placeholders as written."""

    name = "sqlite"
    errors: tuple[type[BaseException], ...] = (sqlite3.Error, OSError)

    def __init__(self, path: Path | str, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"SQLiteDialect({str(self.path)!r})"

    def connect(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    def sql(self, text: str) -> str:
        return text

    def begin_write(self) -> str:
        return "BEGIN IMMEDIATE"

    def prepare_schema(self, conn) -> None:
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            log.warning("SQLite %s: journal_mode is %s, not wal", self.path, mode)

    def schema_lock(self) -> str | None:
        return None

    def schema_statements(self) -> tuple[str, ...]:
        return ()


class PostgresDialect:
    """PostgreSQL through psycopg 3; the shared SQL's ``?`` placeholders become ``%s``.

    ``schema`` (optional) puts the tables in that schema (created when missing) instead of the
    connection's default; the tests use a fresh one each.
    """

    name = "postgresql"

    def __init__(self, url: str, schema: str | None = None, connect_timeout: int = 10) -> None:
        import psycopg

        if schema is not None and not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", schema):
            raise ValueError(f"schema must be a lowercase SQL identifier, got {schema!r}")
        self.url = url
        self.schema = schema
        self.connect_timeout = connect_timeout
        self._psycopg = psycopg
        self.errors: tuple[type[BaseException], ...] = (psycopg.Error,)

    def __repr__(self) -> str:
        where = f", schema={self.schema!r}" if self.schema else ""
        return f"PostgresDialect(<DATABASE_URL>{where})"  # never log the URL: it may hold a password

    def connect(self):
        options = {"options": f"-c search_path={self.schema}"} if self.schema else {}
        return self._psycopg.connect(self.url, autocommit=True, connect_timeout=self.connect_timeout, **options)

    def sql(self, text: str) -> str:
        return text.replace("?", "%s")

    def begin_write(self) -> str:
        return "BEGIN"

    def prepare_schema(self, conn) -> None:
        return None

    def schema_lock(self) -> str | None:
        # serialises concurrent CREATE … IF NOT EXISTS, which can otherwise fail on the catalog
        return "SELECT pg_advisory_xact_lock(7301985)"

    def schema_statements(self) -> tuple[str, ...]:
        return (f"CREATE SCHEMA IF NOT EXISTS {self.schema}",) if self.schema else ()


# --------------------------------------------------------------------------------------------------
# The store
# --------------------------------------------------------------------------------------------------


class DatasetStore:
    """Content-addressed dataset storage over a dialect (see the module docstring).

    ``before_commit`` is a test hook: called with the record after every row is written and before
    the commit of a new dataset.
    """

    def __init__(self, dialect, *, before_commit: Callable[[DatasetRecord], None] | None = None) -> None:
        self.dialect = dialect
        self.before_commit = before_commit
        self._schema_ready = False
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"DatasetStore({self.dialect!r})"

    @classmethod
    def sqlite(cls, path: Path | str, **kwargs) -> DatasetStore:
        return cls(SQLiteDialect(path), **kwargs)

    @classmethod
    def postgres(cls, url: str, schema: str | None = None, **kwargs) -> DatasetStore:
        return cls(PostgresDialect(url, schema), **kwargs)

    @classmethod
    def from_settings(cls, s: DatasetSettings | None = None) -> DatasetStore:
        s = s or settings()
        if s.database_url:
            return cls.postgres(s.database_url)
        return cls.sqlite(s.data_dir / SQLITE_FILE)

    # -- plumbing -----------------------------------------------------------------------------------

    @contextmanager
    def _connection(self) -> Iterator:
        try:
            conn = self.dialect.connect()
        except self.dialect.errors as exc:
            raise DatasetStoreError(f"cannot open the {self.dialect.name} dataset store: {exc}") from exc
        try:
            yield conn
        finally:
            conn.close()

    def _execute(self, conn, sql: str, params: tuple = ()):
        return conn.execute(self.dialect.sql(sql), params)

    @contextmanager
    def _transaction(self, conn, begin: str = "BEGIN") -> Iterator:
        self._execute(conn, begin)
        try:
            yield conn
        except BaseException:
            try:
                self._execute(conn, "ROLLBACK")
            except self.dialect.errors:  # the connection may be gone; the server rolls back then
                log.warning("rollback failed on %r", self, exc_info=True)
            raise
        self._execute(conn, "COMMIT")

    def ensure_schema(self) -> None:
        """Create the tables when missing (once per store object; safe to run concurrently)."""
        if self._schema_ready:
            return
        with self._lock:
            if self._schema_ready:
                return
            try:
                with self._connection() as conn:
                    self.dialect.prepare_schema(conn)
                    with self._transaction(conn, self.dialect.begin_write()):
                        lock = self.dialect.schema_lock()
                        if lock:
                            self._execute(conn, lock)
                        for statement in (*self.dialect.schema_statements(), *SCHEMA):
                            self._execute(conn, statement)
            except self.dialect.errors as exc:
                raise DatasetStoreError(f"cannot prepare the {self.dialect.name} dataset store: {exc}") from exc
            self._schema_ready = True

    # -- API ----------------------------------------------------------------------------------------

    def save(self, record: DatasetRecord) -> bool:
        """Store ``record`` unless its id is already stored; ``True`` when this call created it.

        Raises
        ------
        DatasetStoreError
            Database failure, or an id already used by different content (a hash-prefix collision).
        """
        self.ensure_schema()
        try:
            with self._connection() as conn:
                with self._transaction(conn, self.dialect.begin_write()):
                    stored = self._execute(
                        conn, "SELECT digest FROM led_datasets WHERE id = ?", (record.id,)
                    ).fetchone()
                    if stored is not None:
                        self._check_same(record, stored[0])
                        return False
                    cur = self._execute(
                        conn,
                        "INSERT INTO led_datasets (id, digest, format_version, created_at, label, unit, source, "
                        "columns_json, has_year, n_rows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT (id) DO NOTHING",
                        (
                            record.id,
                            record.digest,
                            userdata.FORMAT_VERSION,
                            datetime.now(UTC).isoformat(timespec="seconds"),
                            record.label,
                            record.unit,
                            record.source,
                            json.dumps(list(record.columns), ensure_ascii=False),
                            int(record.has_year),
                            len(record.table),
                        ),
                    )
                    if cur.rowcount == 0:  # a concurrent writer committed it first
                        stored = self._execute(conn, "SELECT digest FROM led_datasets WHERE id = ?", (record.id,))
                        self._check_same(record, stored.fetchone()[0])
                        return False
                    sql = self.dialect.sql(
                        "INSERT INTO led_dataset_rows (dataset_id, row_no, adcode, year, values_json) VALUES (?, ?, ?, ?, ?)"
                    )
                    conn.cursor().executemany(sql, list(_row_params(record)))
                    if self.before_commit is not None:
                        self.before_commit(record)
            return True
        except self.dialect.errors as exc:
            raise DatasetStoreError(f"cannot store dataset {record.id}: {exc}") from exc

    @staticmethod
    def _check_same(record: DatasetRecord, digest: str) -> None:
        if digest != record.digest:
            raise DatasetStoreError(f"dataset id {record.id} is already used by different content")

    def get(self, dataset_id: str) -> DatasetRecord | None:
        """The dataset of ``dataset_id`` (its id, or its full 64-digit digest), or ``None``.

        Raises
        ------
        DatasetCorrupt
            The stored rows do not hash to the stored digest.
        DatasetStoreError
            Database failure.
        """
        if not isinstance(dataset_id, str) or not ID_RE.match(dataset_id):
            return None
        column = {ID_LENGTH: "id", 64: "digest"}.get(len(dataset_id))
        if column is None:
            return None
        self.ensure_schema()
        try:
            with self._connection() as conn:
                with self._transaction(conn):
                    meta = self._execute(
                        conn,
                        "SELECT id, digest, label, unit, source, columns_json, has_year, n_rows, created_at "
                        f"FROM led_datasets WHERE {column} = ?",
                        (dataset_id,),
                    ).fetchone()
                    if meta is None:
                        return None
                    rows = self._execute(
                        conn,
                        "SELECT adcode, year, values_json FROM led_dataset_rows WHERE dataset_id = ? ORDER BY row_no",
                        (meta[0],),
                    ).fetchall()
        except self.dialect.errors as exc:
            raise DatasetStoreError(f"cannot read dataset {dataset_id}: {exc}") from exc
        return _record_from_rows(meta, rows)

    def count(self) -> tuple[int, int]:
        """``(datasets, table rows)`` stored — for tests and health checks."""
        self.ensure_schema()
        with self._connection() as conn:
            n = self._execute(conn, "SELECT COUNT(*) FROM led_datasets").fetchone()[0]
            r = self._execute(conn, "SELECT COUNT(*) FROM led_dataset_rows").fetchone()[0]
        return int(n), int(r)

    def rows_of(self, dataset_id: str) -> int:
        """Number of table rows stored under ``dataset_id`` (0 when none) — for tests."""
        self.ensure_schema()
        with self._connection() as conn:
            cur = self._execute(conn, "SELECT COUNT(*) FROM led_dataset_rows WHERE dataset_id = ?", (dataset_id,))
            return int(cur.fetchone()[0])


def _row_params(record: DatasetRecord):
    t = record.table
    years = t["year"].tolist() if record.has_year else [None] * len(t)
    cols = [t[c].tolist() for c in record.columns]
    for i, (code, year) in enumerate(zip(t["adcode"].tolist(), years, strict=True)):
        values = [None if math.isnan(c[i]) else float(c[i]) for c in cols]
        yield (record.id, i, str(code), None if year is None else int(year), json.dumps(values))


def _record_from_rows(meta, rows) -> DatasetRecord:
    dataset_id, digest, label, unit, source, columns_json, has_year, n_rows, created_at = meta
    columns = tuple(json.loads(columns_json))
    has_year = bool(has_year)
    if len(rows) != n_rows:
        raise DatasetCorrupt(f"dataset {dataset_id}: {len(rows)} rows stored, {n_rows} expected")
    frame = pd.DataFrame({"adcode": [r[0] for r in rows]})
    if has_year:
        frame["year"] = [int(r[1]) for r in rows]
    values = [json.loads(r[2]) for r in rows]
    for j, c in enumerate(columns):
        frame[c] = [math.nan if v[j] is None else float(v[j]) for v in values]
    record = userdata.make_record(label, unit, source, columns, has_year, frame, created_at=str(created_at))
    if record.digest != digest or record.id != dataset_id:
        raise DatasetCorrupt(f"dataset {dataset_id}: stored content does not match its digest")
    return record


@lru_cache(maxsize=1)
def default_store() -> DatasetStore:
    """The store of :func:`settings`, one per process (connections are opened per operation)."""
    return DatasetStore.from_settings()


@lru_cache(maxsize=1)
def default_unit_index() -> userdata.UnitIndex:
    from geodata import layer

    return userdata.build_unit_index(layer.units())


@lru_cache(maxsize=1)
def default_unit_names() -> dict[str, str]:
    from geodata import layer

    u = layer.units()
    return dict(zip(u["adcode"].astype(str), u["name_zh"], strict=True))


# --------------------------------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------------------------------


def _json(body: dict, status: int) -> Response:
    resp = Response(json.dumps(body, ensure_ascii=False), status=status, mimetype="application/json")
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Cache-Control"] = "no-store"
    return resp


def _errors(errors: list[dict], status: int) -> Response:
    return _json({"errors": errors}, status)


def _simple_error(code: str, message: str, message_zh: str) -> dict:
    return {"code": code, "message": message, "message_zh": message_zh, "row": None, "column": None}


def register_dataset_routes(
    server: Flask,
    store: DatasetStore | None = None,
    *,
    units: pd.DataFrame | None = None,
    limits: Limits | None = None,
) -> None:
    """Add ``POST /api/datasets`` and ``GET /api/datasets/<id>`` to ``server``.

    ``store``, ``units`` and ``limits`` default to :func:`default_store`, the map layer's units and
    :func:`settings` (all resolved at the first request, not here).
    """
    cache: dict[str, object] = {}

    def get_store() -> DatasetStore:
        return store if store is not None else default_store()

    def get_limits() -> Limits:
        if "limits" not in cache:
            cache["limits"] = limits if limits is not None else settings().limits
        return cache["limits"]  # type: ignore[return-value]

    def get_index() -> userdata.UnitIndex:
        if units is None:
            return default_unit_index()
        if "index" not in cache:
            cache["index"] = userdata.build_unit_index(units)
        return cache["index"]  # type: ignore[return-value]

    def get_names() -> dict[str, str]:
        if units is None:
            return default_unit_names()
        return dict(zip(units["adcode"].astype(str), units["name_zh"], strict=True))

    @server.post("/api/datasets", endpoint="datasets_create")
    def create_dataset():
        lim = get_limits()
        request.max_content_length = lim.max_bytes + FORM_OVERHEAD
        too_large = _simple_error(
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
                    _simple_error(
                        "no_file",
                        "Send the table as multipart/form-data in the field 'file'.",
                        "请以 multipart/form-data 的 file 字段上传表格。",
                    )
                ],
                400,
            )
        content = upload.stream.read(lim.max_bytes + 1)
        try:
            prepared = userdata.prepare_upload(
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
            return _errors(
                [_simple_error("internal_error", "The upload could not be processed.", "无法处理此上传。")], 500
            )
        try:
            created = get_store().save(prepared.record)
        except DatasetStoreError:
            log.exception("dataset store unavailable")
            return _errors(
                [
                    _simple_error(
                        "storage_unavailable",
                        "The dataset could not be stored right now; please try again later.",
                        "暂时无法保存数据集，请稍后再试。",
                    )
                ],
                503,
            )
        body = prepared.report() | {"created": created}
        resp = _json(body, 201)
        resp.headers["Location"] = f"/api/datasets/{prepared.record.id}"
        return resp

    @server.get("/api/datasets/<dataset_id>", endpoint="datasets_get")
    def get_dataset(dataset_id: str):
        not_found = _simple_error("not_found", "No dataset with this id.", "没有此编号的数据集。")
        if not ID_RE.match(dataset_id):
            return _errors([not_found], 404)
        try:
            record = get_store().get(dataset_id)
        except DatasetCorrupt:
            log.exception("dataset %s failed its integrity check", dataset_id)
            return _errors(
                [_simple_error("corrupt", "This dataset is damaged and cannot be served.", "此数据集已损坏。")], 500
            )
        except DatasetStoreError:
            log.exception("dataset store unavailable")
            return _errors(
                [_simple_error("storage_unavailable", "Please try again later.", "暂时无法读取数据集，请稍后再试。")],
                503,
            )
        if record is None:
            return _errors([not_found], 404)
        body = userdata.dataset_csv(record, get_names())
        resp = Response(body.encode("utf-8"), mimetype="text/csv")
        resp.headers["Content-Disposition"] = f'attachment; filename="dataset_{record.id}.csv"'
        resp.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        resp.headers["X-Content-Type-Options"] = "nosniff"
        return resp
