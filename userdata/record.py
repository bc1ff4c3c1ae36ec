"""The stored form of a dataset: normalised table, canonical bytes, digest and id; export as CSV.

The accepted table is normalised (rows sorted by code and year, numbers as floats, texts NFC and
trimmed) and serialised canonically (:func:`canonical_payload`); its SHA-256 is the dataset's
``digest`` and the first :data:`ID_LENGTH` hex digits its ``id``. The same data with the same label,
unit and source gives the same id whatever the file's encoding, delimiter, format or row order.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
from dataclasses import dataclass

import pandas as pd

from indicators.registry import LEVELS

#: Hex digits of the SHA-256 digest that form a dataset id (the URL accepts 8–64).
ID_LENGTH = 24
ID_RE = re.compile(r"^[0-9a-f]{8,64}$")
#: Version of :func:`canonical_payload`; part of the hash.
FORMAT_VERSION = 1


@dataclass(frozen=True, eq=False)
class DatasetRecord:
    """A normalised dataset: what is stored, hashed and shown.

    ``table`` has ``adcode`` (str), ``year`` (int; only when ``has_year``) and one float column per
    name in ``columns``, sorted by adcode and year. ``level`` says which units the adcodes are:
    ``prefecture`` (the map's prefecture-level units; every dataset stored before county uploads) or
    ``county`` (county-level units, :func:`indicators.county.county_units`).
    """

    id: str
    digest: str
    label: str
    unit: str
    source: str
    columns: tuple[str, ...]
    has_year: bool
    table: pd.DataFrame
    created_at: str | None = None
    level: str = "prefecture"

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted(int(y) for y in self.table["year"].unique())) if self.has_year else ()


def table_rows(table: pd.DataFrame, columns: tuple[str, ...], has_year: bool):
    """``(adcode, year or None, [values])`` for each row of a normalised table, in order.

    Examples
    --------
    >>> list(table_rows(pd.DataFrame({"adcode": ["640100"], "v": [1.5]}), ("v",), False))
    [('640100', None, [1.5])]
    """
    years = table["year"].tolist() if has_year else [None] * len(table)
    values = [table[c].tolist() for c in columns]
    for i, (code, year) in enumerate(zip(table["adcode"].tolist(), years, strict=True)):
        yield code, year, [col[i] for col in values]


def _canonical_float(v: float) -> float | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    v = float(v)
    return 0.0 if v == 0 else v


def canonical_payload(
    label: str,
    unit: str,
    source: str,
    columns: tuple[str, ...],
    has_year: bool,
    table: pd.DataFrame,
    level: str = "prefecture",
) -> bytes:
    """The canonical bytes hashed into a dataset id (UTF-8 JSON, sorted keys, no spaces).

    ``level`` is written only when it is not ``prefecture``, so a prefecture dataset keeps the id it had
    before county uploads existed.

    Examples
    --------
    >>> t = pd.DataFrame({"adcode": ["640100"], "v": [1.5]})
    >>> canonical_payload("L", "u", "s", ("v",), False, t)
    b'{"columns":["v"],"format":1,"has_year":false,"label":"L","rows":[["640100",null,1.5]],"source":"s","unit":"u"}'
    """
    rows = [
        [str(code), None if year is None else int(year), *(_canonical_float(v) for v in values)]
        for code, year, values in table_rows(table, columns, has_year)
    ]
    doc = {
        "format": FORMAT_VERSION,
        "label": label,
        "unit": unit,
        "source": source,
        "columns": list(columns),
        "has_year": bool(has_year),
        "rows": rows,
    }
    if level != "prefecture":
        doc["level"] = level
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode()


def make_record(
    label: str,
    unit: str,
    source: str,
    columns: tuple[str, ...],
    has_year: bool,
    table: pd.DataFrame,
    created_at: str | None = None,
    level: str = "prefecture",
) -> DatasetRecord:
    """A :class:`DatasetRecord` with its id and digest computed from the normalised table.

    The table is sorted and typed here, so any row order gives the same record. ``level`` (one of
    :data:`indicators.registry.LEVELS`) is part of the digest; an unknown level raises ``ValueError``.

    Examples
    --------
    >>> t = pd.DataFrame({"adcode": ["640300", "640100"], "v": [2.0, 1.0]})
    >>> a = make_record("L", "u", "s", ("v",), False, t)
    >>> b = make_record("L", "u", "s", ("v",), False, t.iloc[::-1])
    >>> a.id == b.id, a.table.adcode.tolist()
    (True, ['640100', '640300'])
    >>> make_record("L", "u", "s", ("v",), False, t, level="county").id == a.id
    False
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    keys = ["adcode", "year"] if has_year else ["adcode"]
    out = pd.DataFrame({"adcode": table["adcode"].astype(str).to_numpy(dtype=object)})
    if has_year:
        out["year"] = table["year"].astype("int64").to_numpy()
    for c in columns:
        out[c] = pd.to_numeric(table[c], errors="raise").astype("float64").to_numpy()
    out = out.sort_values(keys, kind="stable").reset_index(drop=True)
    payload = canonical_payload(label, unit, source, tuple(columns), has_year, out, level)
    digest = hashlib.sha256(payload).hexdigest()
    return DatasetRecord(
        digest[:ID_LENGTH], digest, label, unit, source, tuple(columns), has_year, out, created_at, level
    )


def csv_number(v: float) -> str:
    if v is None or not math.isfinite(v):
        return ""
    return str(int(v)) if float(v).is_integer() and abs(v) < 1e15 else repr(float(v))


def dataset_csv(record: DatasetRecord, names: dict[str, str] | None = None) -> str:
    """The stored table as CSV text (UTF-8 BOM, ``adcode,name_zh,[year,]<columns>``; blank = missing).

    Uploading it again with the same label, unit and source gives the same dataset id.

    Examples
    --------
    >>> t = pd.DataFrame({"adcode": ["640100"], "v": [2.0]})
    >>> print(dataset_csv(make_record("L", "", "s", ("v",), False, t), {"640100": "银川市"}).lstrip("\\ufeff"))
    adcode,name_zh,v
    640100,银川市,2
    <BLANKLINE>
    """
    names = names or {}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["adcode", "name_zh", *(["year"] if record.has_year else []), *record.columns])
    for code, year, values in table_rows(record.table, record.columns, record.has_year):
        w.writerow(
            [code, names.get(code, ""), *([int(year)] if record.has_year else []), *(csv_number(v) for v in values)]
        )
    return "\ufeff" + buf.getvalue()
