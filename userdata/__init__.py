"""Uploaded datasets: everything from the user's file to the stored record and the map indicator.

=====================  ==============================================================================
module                 what lives there
=====================  ==============================================================================
:mod:`.errors`         upload limits, error codes, :class:`UploadError` / :class:`UserDataError`
:mod:`.text`           the user's texts (label, unit, source), cells as text, name folding
:mod:`.read`           bytes → rows: format sniffing, encodings, separators, XLSX, ``dcc.Upload`` values
:mod:`.columns`        header row, key / province / year / value columns
:mod:`.numbers`        cells → numbers and years
:mod:`.match`          rows → map units by admin code or Chinese name
:mod:`.county_match`   rows → county-level units by code or by name with its prefecture
:mod:`.levels`         a file's level: prefecture-level or county-level units
:mod:`.record`         the normalised :class:`DatasetRecord`, its digest and id, CSV export
:mod:`.prepare`        :func:`prepare_upload`: all of the above in one call (start here)
:mod:`.indicator`      a record as a registry-style indicator with its series
:mod:`.settings`       the dataset settings, read through :mod:`web.settings`
:mod:`.store`          the content-addressed store on SQLite or PostgreSQL
:mod:`.cache`          per-process caches: the default store, unit index and names, loaded datasets
=====================  ==============================================================================

The HTTP routes are in :mod:`web.datasets_api`, the upload panel's callbacks in
:mod:`callbacks.upload`. This package imports :mod:`indicators` and :mod:`geodata`, never the reverse.
The pure part of the API is re-exported here; the store and the caches are imported from their
modules (``from userdata.store import DatasetStore``).
"""

from userdata.errors import DEFAULT_LIMITS, ERROR_CODES, MAX_ERRORS_PER_CODE, Limits, UploadError, UserDataError
from userdata.indicator import NO_YEAR, USER_FAMILY, dataset_indicator, indicator_csv, infer_decimals
from userdata.match import MatchRow, UnitIndex, build_unit_index, match_code, match_name
from userdata.numbers import parse_number, parse_year
from userdata.prepare import PreparedUpload, prepare_upload
from userdata.read import RawTable, decode_contents, read_table
from userdata.record import FORMAT_VERSION, ID_LENGTH, ID_RE, DatasetRecord, canonical_payload, dataset_csv, make_record
from userdata.text import clean_text

__all__ = [
    "DEFAULT_LIMITS",
    "ERROR_CODES",
    "FORMAT_VERSION",
    "ID_LENGTH",
    "ID_RE",
    "MAX_ERRORS_PER_CODE",
    "NO_YEAR",
    "USER_FAMILY",
    "DatasetRecord",
    "Limits",
    "MatchRow",
    "PreparedUpload",
    "RawTable",
    "UnitIndex",
    "UploadError",
    "UserDataError",
    "build_unit_index",
    "canonical_payload",
    "clean_text",
    "dataset_csv",
    "dataset_indicator",
    "decode_contents",
    "indicator_csv",
    "infer_decimals",
    "make_record",
    "match_code",
    "match_name",
    "parse_number",
    "parse_year",
    "prepare_upload",
    "read_table",
]
