"""Uploaded datasets: content stored once by digest, published under random ids, on SQLite or PostgreSQL.

Storage
-------
One :class:`DatasetStore` runs the same SQL on two small dialect adapters:

* :class:`SQLiteDialect` (default) — one file ``datasets.sqlite3`` under ``LED_DATA_DIR``, WAL
  journal, ``synchronous=FULL``; a write is one ``BEGIN IMMEDIATE … COMMIT`` transaction, so a
  process killed at any point leaves either the whole dataset or nothing.
* :class:`PostgresDialect` — when ``DATABASE_URL`` is set (``postgresql://…``), through psycopg 3.

A dataset's content is one row of ``led_datasets`` (content id, digest, texts, columns) plus one row
per table row in ``led_dataset_rows`` and, for a county dataset, its level in ``led_dataset_levels`` (no
row: prefecture level, as every dataset stored before county uploads), written in one transaction. The content id is the first
:data:`userdata.record.ID_LENGTH` hex digits of the SHA-256 of the normalised table and its texts, so
the same content is stored once (``INSERT … ON CONFLICT DO NOTHING``; concurrent writers of the same
content wait for each other and converge on one row). Reading recomputes the digest, so a damaged
record is reported, never served.

Public ids and take-down
------------------------
The content id is not public (anyone holding the file could compute it). Each upload gets its own
random public id in ``led_dataset_handles`` (:meth:`DatasetStore.publish`) with a delete token,
returned once and stored as its SHA-256. :meth:`DatasetStore.remove` with that token (or the admin
token) marks the handle removed — kept as a tombstone so a shared link answers *removed* (HTTP 410)
rather than *unknown* — and deletes the content when no live public id points to it. Content stored
before public ids existed (no handle) stays reachable by its content id, as old links expect.

The HTTP routes are in :mod:`web.datasets_api`; the settings in :mod:`userdata.settings`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import logging
import math
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from userdata.dialects import PostgresDialect, SQLiteDialect
from userdata.record import FORMAT_VERSION, ID_LENGTH, ID_RE, DatasetRecord, make_record, table_rows
from userdata.settings import DatasetSettings, settings

log = logging.getLogger(__name__)

SQLITE_FILE = "datasets.sqlite3"

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
    # public ids (random) of uploads: one per upload, pointing to the content row; a removed handle is kept
    # (content_id NULL) so a shared link can say "removed" (410) instead of "unknown"
    """CREATE TABLE IF NOT EXISTS led_dataset_handles (
        id TEXT PRIMARY KEY,
        content_id TEXT REFERENCES led_datasets (id) ON DELETE SET NULL,
        delete_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        removed_at TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS led_dataset_handles_content ON led_dataset_handles (content_id)",
    # the level of a dataset that is not at prefecture level (county files, issue 13); a table of its own
    # so that stores made before it need no migration: no row = prefecture
    """CREATE TABLE IF NOT EXISTS led_dataset_levels (
        dataset_id TEXT PRIMARY KEY REFERENCES led_datasets (id) ON DELETE CASCADE,
        level TEXT NOT NULL
    )""",
)


class DatasetStoreError(RuntimeError):
    """The database cannot be used (unreachable, locked for too long, damaged)."""


class DatasetCorrupt(DatasetStoreError):
    """A stored dataset no longer matches its digest."""


class DatasetRemoved(LookupError):
    """The dataset was taken down by its uploader or an administrator (HTTP 410)."""


def hash_token(token: str) -> str:
    """The stored form of a delete token (SHA-256 hex; tokens are 256-bit random, so no salt is needed)."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_public_id() -> str:
    """A random public dataset id (:data:`~userdata.record.ID_LENGTH` hex digits, unrelated to the content)."""
    return secrets.token_hex(ID_LENGTH // 2)


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
                        # no conflict target: a concurrent writer of the same content may collide on the
                        # digest index before the id index (PostgreSQL raised a unique violation then)
                        "ON CONFLICT DO NOTHING",
                        (
                            record.id,
                            record.digest,
                            FORMAT_VERSION,
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
                    if record.level != "prefecture":
                        self._execute(
                            conn,
                            "INSERT INTO led_dataset_levels (dataset_id, level) VALUES (?, ?)",
                            (record.id, record.level),
                        )
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
        public_id = None
        try:
            with self._connection() as conn:
                with self._transaction(conn):
                    if column == "id":
                        handle = self._execute(
                            conn, "SELECT content_id, removed_at FROM led_dataset_handles WHERE id = ?", (dataset_id,)
                        ).fetchone()
                        if handle is not None:
                            if handle[1] is not None or handle[0] is None:
                                raise DatasetRemoved(dataset_id)
                            public_id, dataset_id = dataset_id, handle[0]
                        elif self._has_handles(conn, dataset_id):
                            return None  # content uploaded with public ids is not reachable by its content id
                    meta = self._execute(
                        conn,
                        "SELECT id, digest, label, unit, source, columns_json, has_year, n_rows, created_at "
                        f"FROM led_datasets WHERE {column} = ?",
                        (dataset_id,),
                    ).fetchone()
                    if meta is None or (column == "digest" and self._has_handles(conn, meta[0])):
                        return None
                    rows = self._execute(
                        conn,
                        "SELECT adcode, year, values_json FROM led_dataset_rows WHERE dataset_id = ? ORDER BY row_no",
                        (meta[0],),
                    ).fetchall()
                    level = self._execute(
                        conn, "SELECT level FROM led_dataset_levels WHERE dataset_id = ?", (meta[0],)
                    ).fetchone()
        except self.dialect.errors as exc:
            raise DatasetStoreError(f"cannot read dataset {dataset_id}: {exc}") from exc
        record = _record_from_rows(meta, rows, level[0] if level is not None else "prefecture")
        return dataclasses.replace(record, id=public_id) if public_id else record

    def _has_handles(self, conn, content_id: str) -> bool:
        cur = self._execute(conn, "SELECT 1 FROM led_dataset_handles WHERE content_id = ? LIMIT 1", (content_id,))
        return cur.fetchone() is not None

    def publish(self, record: DatasetRecord) -> tuple[str, str]:
        """Store ``record`` (once per content) and issue a new public id with its delete token.

        Returns ``(public id, delete token)``; only the token's hash is stored, so it is shown once.
        Every upload gets its own id, so an id tells nothing about who else uploaded the same content.
        """
        self.save(record)
        token = secrets.token_urlsafe(32)
        public_id = new_public_id()
        try:
            with self._connection() as conn:
                with self._transaction(conn, self.dialect.begin_write()):
                    self._execute(
                        conn,
                        "INSERT INTO led_dataset_handles (id, content_id, delete_hash, created_at) VALUES (?, ?, ?, ?)",
                        (public_id, record.id, hash_token(token), datetime.now(UTC).isoformat(timespec="seconds")),
                    )
        except self.dialect.errors as exc:
            raise DatasetStoreError(f"cannot publish dataset {record.id}: {exc}") from exc
        return public_id, token

    def status(self, dataset_id: str) -> str:
        """``"live"``, ``"removed"`` or ``"unknown"`` for a public id (or a legacy content id).

        One indexed lookup; the rows are not read (see :mod:`web.rendered`).
        """
        if not isinstance(dataset_id, str) or not ID_RE.match(dataset_id) or len(dataset_id) != ID_LENGTH:
            return "unknown"
        self.ensure_schema()
        try:
            with self._connection() as conn:
                handle = self._execute(
                    conn, "SELECT content_id, removed_at FROM led_dataset_handles WHERE id = ?", (dataset_id,)
                ).fetchone()
                if handle is not None:
                    return "removed" if handle[1] is not None or handle[0] is None else "live"
                legacy = self._execute(conn, "SELECT 1 FROM led_datasets WHERE id = ?", (dataset_id,)).fetchone()
                return "live" if legacy is not None and not self._has_handles(conn, dataset_id) else "unknown"
        except self.dialect.errors as exc:
            raise DatasetStoreError(f"cannot look up dataset {dataset_id}: {exc}") from exc

    def remove(self, dataset_id: str, token: str | None, admin_token: str | None = None) -> str:
        """Take a dataset down: ``"removed"``, ``"forbidden"`` (wrong token) or ``"unknown"``.

        ``token`` must be the delete token issued with ``dataset_id``, or equal ``admin_token`` (which may
        also remove a legacy dataset addressed by its content id). The content rows are deleted when no
        live public id points to them any more; the handle stays as a tombstone (``410`` afterwards).
        """
        if not isinstance(dataset_id, str) or not ID_RE.match(dataset_id) or len(dataset_id) != ID_LENGTH:
            return "unknown"
        is_admin = bool(token and admin_token) and hmac.compare_digest(token.encode(), admin_token.encode())
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self.ensure_schema()
        try:
            with self._connection() as conn:
                with self._transaction(conn, self.dialect.begin_write()):
                    handle = self._execute(
                        conn,
                        "SELECT content_id, delete_hash, removed_at FROM led_dataset_handles WHERE id = ?",
                        (dataset_id,),
                    ).fetchone()
                    if handle is None:
                        if not is_admin:
                            return "unknown"
                        legacy = self._execute(conn, "SELECT 1 FROM led_datasets WHERE id = ?", (dataset_id,))
                        if legacy.fetchone() is None:
                            return "unknown"
                        content_id = dataset_id
                        self._execute(
                            conn,
                            "INSERT INTO led_dataset_handles (id, content_id, delete_hash, created_at, removed_at) "
                            "VALUES (?, NULL, '', ?, ?)",
                            (dataset_id, now, now),
                        )
                    else:
                        content_id, delete_hash, removed_at = handle
                        if removed_at is not None:
                            return "unknown"
                        owner = bool(token) and hmac.compare_digest(hash_token(token), delete_hash)
                        if not (owner or is_admin):
                            return "forbidden"
                        self._execute(
                            conn,
                            "UPDATE led_dataset_handles SET removed_at = ?, content_id = NULL WHERE id = ?",
                            (now, dataset_id),
                        )
                    if content_id is not None:
                        live = self._execute(
                            conn, "SELECT 1 FROM led_dataset_handles WHERE content_id = ? LIMIT 1", (content_id,)
                        ).fetchone()
                        if live is None:
                            self._execute(conn, "DELETE FROM led_dataset_rows WHERE dataset_id = ?", (content_id,))
                            self._execute(conn, "DELETE FROM led_dataset_levels WHERE dataset_id = ?", (content_id,))
                            self._execute(conn, "DELETE FROM led_datasets WHERE id = ?", (content_id,))
        except self.dialect.errors as exc:
            raise DatasetStoreError(f"cannot remove dataset {dataset_id}: {exc}") from exc
        return "removed"

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
    rows = table_rows(record.table, record.columns, record.has_year)
    for i, (code, year, values) in enumerate(rows):
        stored = [None if math.isnan(v) else float(v) for v in values]
        yield (record.id, i, str(code), None if year is None else int(year), json.dumps(stored))


def _record_from_rows(meta, rows, level: str = "prefecture") -> DatasetRecord:
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
    try:
        record = make_record(label, unit, source, columns, has_year, frame, created_at=str(created_at), level=level)
    except ValueError as exc:  # an unknown stored level
        raise DatasetCorrupt(f"dataset {dataset_id}: {exc}") from exc
    if record.digest != digest or record.id != dataset_id:
        raise DatasetCorrupt(f"dataset {dataset_id}: stored content does not match its digest")
    return record
