"""The comparison table over HTTP: ``GET /api/table.csv`` and ``GET /api/table.xlsx``.

``?[level=county&]sel=code~code~…&cols=key~key~…&year=YYYY`` (``cols`` and ``year`` optional: the
level's default columns — :data:`indicators.table.DEFAULT_COLUMNS`, at county level
:data:`state.county_table.COUNTY_DEFAULT_COLUMNS` — and :data:`~indicators.table.DEFAULT_YEAR`). Bad
parameters (a bad level, unknown codes or keys, a bad year) answer 400 with a one-line message, never a
traceback.
"""

from __future__ import annotations

import re

from flask import Flask, Response, request

from indicators import table as table_mod
from indicators import table_export

YEAR_RE = re.compile(r"^\d{4}$")
MAX_PARAM_CHARS = 4000


def _text(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain; charset=utf-8")


def table_level(name: str) -> table_mod.TableLevel:
    """The :class:`~indicators.table.TableLevel` of a ``level`` parameter already checked by the web layer."""
    if name == "county":
        from state.county_table import COUNTY

        return COUNTY
    return table_mod.PREFECTURE


def table_from_args(args, level: table_mod.TableLevel = table_mod.PREFECTURE) -> table_mod.ComparisonTable:
    """The table of a request's ``sel``, ``cols`` and ``year``; :class:`~indicators.table.TableLookupError` when bad."""
    sel = args.get("sel", "")[:MAX_PARAM_CHARS]
    cols = args.get("cols", "")[:MAX_PARAM_CHARS]
    year_text = args.get("year", "")
    codes = [c for c in sel.split("~") if c]
    keys = [k for k in cols.split("~") if k]
    if year_text and not YEAR_RE.match(year_text):
        raise table_mod.TableLookupError(f"year must be four digits, got {year_text[:20]!r}")
    year = int(year_text) if year_text else table_mod.DEFAULT_YEAR
    keys = table_mod.resolve_columns(keys, level)
    years = sorted({y for k in keys for y in level.registry[k].years})
    if year not in years:
        raise table_mod.TableLookupError(f"no column has the year {year}; years: {years[0]}–{years[-1]}")
    return table_mod.comparison_table(codes, keys, year, level)


def _download(body: bytes, mimetype: str, name: str) -> Response:
    resp = Response(body, mimetype=mimetype)
    resp.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return resp


def _table_or_error():
    """``(table, None)`` of the request, or ``(None, a 400 answer)``."""
    from web.api import request_level

    try:
        return table_from_args(request.args, table_level(request_level())), None
    except (ValueError, table_mod.TableLookupError) as exc:
        return None, _text(str(exc).splitlines()[0], 400)


def register_table_routes(server: Flask) -> None:
    @server.get("/api/table.csv")
    def table_csv():
        table, error = _table_or_error()
        if error is not None:
            return error
        body = table_export.table_csv(table).encode("utf-8")
        return _download(body, "text/csv; charset=utf-8", table_export.file_name(table, "csv"))

    @server.get("/api/table.xlsx")
    def table_xlsx():
        table, error = _table_or_error()
        if error is not None:
            return error
        body = table_export.table_xlsx(table)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return _download(body, mimetype, table_export.file_name(table, "xlsx"))
