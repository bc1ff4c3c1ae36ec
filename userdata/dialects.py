"""The two databases of :class:`userdata.store.DatasetStore`: small adapters around the same SQL.

* :class:`SQLiteDialect` (default) — one file under ``LED_DATA_DIR``, WAL journal,
  ``synchronous=FULL``; a write is one ``BEGIN IMMEDIATE … COMMIT`` transaction.
* :class:`PostgresDialect` — when ``DATABASE_URL`` is set (``postgresql://…``), through psycopg 3.

Examples
--------
>>> SQLiteDialect("/tmp/x.sqlite3").sql("SELECT ?"), SQLiteDialect("/tmp/x.sqlite3").begin_write()
('SELECT ?', 'BEGIN IMMEDIATE')
"""

from __future__ import annotations

import logging
import re
import sqlite3
from pathlib import Path

log = logging.getLogger(__name__)


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
