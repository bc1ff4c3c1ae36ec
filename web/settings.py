"""Every setting read from the environment, in one place: name, default, meaning, parser.

The project reads no environment variable anywhere else (``gunicorn.conf.py`` included); the
README's configuration table is checked against :data:`SETTINGS` by ``tests/unit/test_settings.py``.
This module imports nothing of the project, so any package may use it.

Examples
--------
>>> get("LED_THREADS", {})
2
>>> get("LED_THREADS", {"LED_THREADS": "4"})
4
>>> get("LED_UPLOAD_MAX_ROWS", {"LED_UPLOAD_MAX_ROWS": "0"})
Traceback (most recent call last):
...
ValueError: LED_UPLOAD_MAX_ROWS must be a positive integer, got '0'
>>> get("DATABASE_URL", {"DATABASE_URL": "mysql://x"})
Traceback (most recent call last):
...
ValueError: DATABASE_URL must be a postgresql:// URL (unset it to use the SQLite file)
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    """One environment variable: its default (as the README states it), meaning and parser."""

    name: str
    default_text: str
    meaning: str
    parse: Callable[[str | None], object]


def _text(default: str | None) -> Callable[[str | None], str | None]:
    return lambda raw: raw.strip() if raw and raw.strip() else default


def _flag(raw: str | None) -> bool:
    return (raw or "0").strip().lower() in {"1", "true", "yes", "on"}


def _path(default: Path) -> Callable[[str | None], Path]:
    return lambda raw: Path(raw.strip()) if raw and raw.strip() else default


def _positive_int(name: str, default: Callable[[], int] | int) -> Callable[[str | None], int]:
    def parse(raw: str | None) -> int:
        if raw is None or not raw.strip():
            return default() if callable(default) else default
        try:
            value = int(raw.strip())
        except ValueError:
            raise ValueError(f"{name} must be a positive integer, got {raw.strip()!r}") from None
        if value <= 0:
            raise ValueError(f"{name} must be a positive integer, got {raw.strip()!r}")
        return value

    return parse


def _non_negative_int(name: str) -> Callable[[str | None], int]:
    def parse(raw: str | None) -> int:
        try:
            value = int((raw or "0").strip() or "0")
        except ValueError:
            raise ValueError(f"{name} must be a whole number ≥ 0, got {raw!r}") from None
        if value < 0:
            raise ValueError(f"{name} must be a whole number ≥ 0, got {raw!r}")
        return value

    return parse
def _frame_ancestors(raw: str | None) -> str:
    """Source expressions of CSP ``frame-ancestors``; a ``;`` or line break (another directive) is refused."""
    if raw is None or not raw.strip():
        return "'self'"
    if any(c in raw for c in ";,\r\n"):
        raise ValueError(f"LED_FRAME_ANCESTORS must be space-separated sources without ';' or ',', got {raw.strip()!r}")
    return " ".join(raw.split())


def _database_url(raw: str | None) -> str | None:
    url = (raw or "").strip() or None
    if url is not None and not url.startswith(("postgresql://", "postgres://")):
        raise ValueError("DATABASE_URL must be a postgresql:// URL (unset it to use the SQLite file)")
    return url


UPLOAD_MODES = ("open", "token", "off")


def _upload_mode(raw: str | None) -> str:
    mode = (raw or "open").strip().lower() or "open"
    if mode not in UPLOAD_MODES:
        raise ValueError(f"LED_UPLOAD_MODE must be one of {', '.join(UPLOAD_MODES)}, got {mode!r}")
    return mode


def _secret(name: str) -> Callable[[str | None], str | None]:
    def parse(raw: str | None) -> str | None:
        value = (raw or "").strip() or None
        if value is not None and len(value) < 16:
            raise ValueError(f"{name} must be at least 16 characters long")
        return value

    return parse


def _origins(raw: str | None) -> tuple[str, ...]:
    return tuple(o.strip().rstrip("/").lower() for o in (raw or "").split(",") if o.strip())


def _rate(name: str, default: str) -> Callable[[str | None], str]:
    """A Flask-Limiter limit string such as ``10/minute;100/day`` (checked by the library at start)."""

    def parse(raw: str | None) -> str:
        value = (raw or "").strip() or default
        if value.lower() != "off":
            from limits import parse_many  # the library's own grammar

            try:
                parse_many(value)
            except ValueError:
                raise ValueError(f"{name} must be a limit such as '10/minute;100/day' or 'off', got {value!r}") from None
        return value

    return parse


def _redis_url(raw: str | None) -> str | None:
    url = (raw or "").strip() or None
    if url is not None and not url.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError("REDIS_URL must be a redis:// URL (unset it to keep rate limits in each worker's memory)")
    return url


def _default_workers() -> int:
    return min(4, multiprocessing.cpu_count() * 2)


#: Upload limits' defaults (bytes of the file, data rows, columns).
UPLOAD_MAX_BYTES = 5 * 1024 * 1024
UPLOAD_MAX_ROWS = 20_000
UPLOAD_MAX_COLUMNS = 40
#: The separate process that reads one XLSX: address space (MB) and CPU seconds.
UPLOAD_PARSE_MEMORY_MB = 512
UPLOAD_PARSE_SECONDS = 20

SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("LED_CACHE_DIR", "`.cache/`", "folder of the build artefacts", _path(REPO_ROOT / ".cache")),
        Setting("LED_BIND", "`127.0.0.1:8050`", "gunicorn bind address", _text("127.0.0.1:8050")),
        Setting(
            "LED_WORKERS",
            "`min(4, 2 × CPUs)`",
            "gunicorn workers",
            _positive_int("LED_WORKERS", _default_workers),
        ),
        Setting("LED_THREADS", "2", "threads per gunicorn worker", _positive_int("LED_THREADS", 2)),
        Setting("LED_ACCESS_LOG", "`-` (standard output)", "gunicorn access log file", _text("-")),
        Setting("LED_DEBUG", "off", "`1` turns on Dash debug mode (development only)", _flag),
        Setting(
            "LED_TILE_URL",
            "unset",
            "optional tile layer; must be in the map's Albers frame (no public service is)",
            _text(None),
        ),
        Setting(
            "LED_FRAME_ANCESTORS",
            "`'self'`",
            "CSP `frame-ancestors`: the sites that may show the page (e.g. `?embed=1`) in an `<iframe>`, "
            "space-separated (`'self' https://example.org`; `'none'` forbids it)",
            _frame_ancestors,
        ),
        Setting("LED_DATA_DIR", "`var/`", "folder of the uploaded-datasets SQLite file", _path(REPO_ROOT / "var")),
        Setting(
            "DATABASE_URL",
            "unset",
            "`postgresql://…`: store uploads in PostgreSQL instead of SQLite",
            _database_url,
        ),
        Setting(
            "LED_UPLOAD_MAX_BYTES",
            "5 MB",
            "largest uploaded file",
            _positive_int("LED_UPLOAD_MAX_BYTES", UPLOAD_MAX_BYTES),
        ),
        Setting(
            "LED_UPLOAD_MAX_ROWS",
            "20,000",
            "most data rows of an upload",
            _positive_int("LED_UPLOAD_MAX_ROWS", UPLOAD_MAX_ROWS),
        ),
        Setting(
            "LED_UPLOAD_MAX_COLUMNS",
            "40",
            "most columns of an upload",
            _positive_int("LED_UPLOAD_MAX_COLUMNS", UPLOAD_MAX_COLUMNS),
        ),
        Setting(
            "LED_UPLOAD_MODE",
            "`open`",
            "who may upload datasets: `open` (anyone), `token` (a bearer token), `off` (nobody)",
            _upload_mode,
        ),
        Setting(
            "LED_UPLOAD_TOKEN",
            "unset",
            "the bearer token of `LED_UPLOAD_MODE=token` (≥ 16 characters)",
            _secret("LED_UPLOAD_TOKEN"),
        ),
        Setting(
            "LED_ADMIN_TOKEN",
            "unset",
            "a bearer token that may delete any dataset (≥ 16 characters)",
            _secret("LED_ADMIN_TOKEN"),
        ),
        Setting(
            "LED_ALLOWED_ORIGINS",
            "unset (same origin only)",
            "comma-separated origins (`https://host`) besides the app's own that may post uploads",
            _origins,
        ),
        Setting(
            "REDIS_URL",
            "unset",
            "`redis://…`: rate-limit counters shared by every worker and instance (else in each worker's memory)",
            _redis_url,
        ),
        Setting(
            "LED_PROXY_HOPS",
            "0",
            "reverse proxies in front of gunicorn whose `X-Forwarded-For`/`-Proto`/`-Host` are trusted",
            _non_negative_int("LED_PROXY_HOPS"),
        ),
        Setting(
            "LED_RATE_UPLOADS",
            "`10/minute;100/day`",
            "uploads (`POST /api/datasets`) per client; `off` disables every rate limit",
            _rate("LED_RATE_UPLOADS", "10/minute;100/day"),
        ),
        Setting(
            "LED_RATE_UPLOADS_ALL",
            "`300/hour`",
            "uploads per hour from all clients together",
            _rate("LED_RATE_UPLOADS_ALL", "300/hour"),
        ),
        Setting(
            "LED_UPLOAD_QUOTA_BYTES",
            "50 MB",
            "bytes a client may upload per day",
            _positive_int("LED_UPLOAD_QUOTA_BYTES", 50 * 1024 * 1024),
        ),
        Setting(
            "LED_RATE_API",
            "`300/minute`",
            "requests per client to the heavy routes (`/api/…`: CSV exports, analytics, datasets)",
            _rate("LED_RATE_API", "300/minute"),
        ),
        Setting(
            "LED_UPLOAD_PARSE_MEMORY_MB",
            "512",
            "memory (MB) of the separate process that reads one uploaded XLSX",
            _positive_int("LED_UPLOAD_PARSE_MEMORY_MB", UPLOAD_PARSE_MEMORY_MB),
        ),
        Setting(
            "LED_UPLOAD_PARSE_SECONDS",
            "20",
            "CPU seconds of the process that reads one uploaded XLSX",
            _positive_int("LED_UPLOAD_PARSE_SECONDS", UPLOAD_PARSE_SECONDS),
        ),
    )
}


def get(name: str, environ: Mapping[str, str] | None = None):
    """The parsed value of setting ``name`` from ``environ`` (default: the process environment).

    An unknown name raises ``KeyError``; a malformed value raises ``ValueError`` naming the variable.
    """
    env = os.environ if environ is None else environ
    return SETTINGS[name].parse(env.get(name))


def cache_dir() -> Path:
    """Folder for build artefacts shared by all workers; created when missing."""
    path = get("LED_CACHE_DIR")
    path.mkdir(parents=True, exist_ok=True)
    return path


def tile_url() -> str | None:
    return get("LED_TILE_URL")


def debug() -> bool:
    return get("LED_DEBUG")


def frame_ancestors() -> str:
    return get("LED_FRAME_ANCESTORS")


def data_dir() -> Path:
    return get("LED_DATA_DIR")


def database_url() -> str | None:
    return get("DATABASE_URL")


def markdown_table() -> str:
    """The README's configuration table, generated from :data:`SETTINGS`."""
    rows = ["| variable | meaning | default |", "|---|---|---|"]
    rows += [f"| `{s.name}` | {s.meaning} | {s.default_text} |" for s in SETTINGS.values()]
    return "\n".join(rows)
