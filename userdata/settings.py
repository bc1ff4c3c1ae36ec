"""The settings of uploaded datasets, read from the environment through :mod:`web.settings` only.

==========================  ====================================================  ====================
variable                    meaning                                               default
==========================  ====================================================  ====================
``LED_DATA_DIR``            folder of the SQLite file                             ``<repo>/var``
``DATABASE_URL``            PostgreSQL URL; when set, used instead of SQLite      unset
``LED_UPLOAD_MAX_BYTES``    largest upload in bytes                               ``5242880`` (5 MB)
``LED_UPLOAD_MAX_ROWS``     most data rows                                        ``20000``
``LED_UPLOAD_MAX_COLUMNS``  most columns                                          ``40``
``LED_UPLOAD_PARSE_*``      memory (MB) and CPU seconds of the XLSX reader        ``512``, ``20``
==========================  ====================================================  ====================

Examples
--------
>>> settings().limits.label_chars
120
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from userdata.errors import Limits
from web import settings as web_settings


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
        parse_memory_mb=web_settings.get("LED_UPLOAD_PARSE_MEMORY_MB"),
        parse_seconds=web_settings.get("LED_UPLOAD_PARSE_SECONDS"),
    )
    return DatasetSettings(web_settings.data_dir(), web_settings.database_url(), limits)
