"""The indicator store: every registry indicator for every year in one tidy Parquet file.

:func:`build_store` computes each indicator of :data:`indicators.registry.REGISTRY` from the vendored
tables (read by :mod:`indicators.ingest`, codes reconciled by :mod:`indicators.codes`) into rows
``adcode, year, indicator, value, flag`` and writes them atomically under
:func:`web.settings.cache_dir`. The file name carries a hash of the data files, of the computing
modules' source and of :data:`STORE_VERSION`, so a change to any of them gives a new file and every
worker rebuilds or reuses the same artefact.

Rows of the store
-----------------
* map units (the 370 codes of :func:`geodata.source.unit_table`), after renames;
* retired units (Chaohu 341400, Laiwu 371200, old Ili 654100) in the years they existed — stored, not drawn;
* province rows ``xx0000`` and a national row ``000000`` holding the aggregates (municipalities are both
  a unit and a province: one row);
* a row is kept when it has a value or a flag; ``flag`` is ``""`` when there is nothing to say.

Flags
-----
Values are never changed. A value is flagged (and kept) when

* its series jumps: the year-on-year ratio lies outside [0.5, 2] (:func:`indicators.tables.series_break_flags`);
* a count is reported as exactly 0;
* the GDP row's three sectors differ from GDP by more than 5 % (``|sector_sum_gap_pct| > 5``);
* a 2010 figure is on a territory that differs from the unit's 2020 territory
  (:func:`indicators.codes.census_2010_territory_mismatch`).

Flagged values are left out of growth and change indicators (the change becomes ``NaN`` and its flag
says why) and out of province and national aggregates (a sum becomes ``NaN``; a ratio or median is
formed without them and says so). Known territory changes (:data:`indicators.codes.TERRITORY_EVENTS`)
blank changes across them. Some flags are informational notes that do not cast doubt on the value
(the census tables' 2010 boundaries, the Hebei 2010 agriculture correction); those values are aggregated.

Aggregation
-----------
Each indicator's ``aggregation`` field says how province and national values are formed:

``sum``
    Sum of the unit values, given only when every map unit of the province (plus retired units that
    still existed that year) has a value; otherwise ``NaN`` with a flag naming the missing units.
``ratio``
    The indicator's formula applied to the summed numerator and denominator over the units that have
    both (e.g. urbanisation = Σ urban / Σ residents); a flag states the coverage when incomplete.
``median``
    Median of the unit values; coverage flagged.
``none``
    Not meaningful; no province or national rows (``NaN``).

Census indicators (tables 7 and 8, and the census population for ``pop_resident`` and
``pop_change_2010_2020``) use the tables' own province rows; the national value applies the formula to
the sums over the 31 province-level rows, so no person is counted twice.

Examples
--------
>>> s = indicator_values("pop_resident", 2020)
>>> round(s["500000"] * 1e4)
32054159
>>> national_value("migrants_other_prov", 2020)
124837153.0
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from indicators import codes
from indicators.codes import MUNICIPALITIES
from indicators.ingest import data_files
from indicators.recipes import RECIPES, Recipe
from indicators.registry import REGISTRY, Indicator, get_indicator
from indicators.tables import Tables, join

logger = logging.getLogger(__name__)

#: Bump when the computation changes in a way the source hash would not catch.
STORE_VERSION = "1"
COLUMNS = ["adcode", "year", "indicator", "value", "flag"]
NATIONAL_CODE = "000000"
_HERE = Path(__file__).resolve().parent
#: Modules (relative to ``indicators/``) whose code affects the stored values: the store hash covers them,
#: so a code change gives a new store file. Every family module is included.
_SOURCE_MODULES = (
    "ingest.py",
    "codes.py",
    "regions.py",
    "registry.py",
    "tables.py",
    "recipes.py",
    "sector.py",
    "sector_change.py",
    "store.py",
    "corridors.py",
    "corridor_indicators.py",
    *sorted(p.relative_to(_HERE).as_posix() for p in (_HERE / "families").glob("*.py")),
)


# --------------------------------------------------------------------------------------------------
# Aggregation
# --------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _expected_units() -> dict[str, tuple[str, ...]]:
    """Province code -> map units that count towards it (SAR and Taiwan excluded)."""
    units = codes.map_units()
    units = units[units.unit_type != "sar_or_taiwan"]
    return {p: tuple(g.adcode) for p, g in units.groupby("province_adcode")}


def _retired_in(province: str, year: int) -> list[str]:
    return [
        c.old_code
        for c in codes.CODE_CHANGES.values()
        if c.action == "retired" and c.old_code[:2] == province[:2] and c.last_year is not None and year <= c.last_year
    ]


def _short_list(items: list[str], limit: int = 8) -> str:
    return ", ".join(items[:limit]) + (f" … (+{len(items) - limit})" if len(items) > limit else "")


def _aggregate_group(ind: Indicator, recipe: Recipe, recs: dict[str, tuple], expected: list[str]) -> tuple[float, str]:
    """Aggregate one province (or the nation) for one year.

    ``recs`` maps adcode -> ``(value, flag, suspect, components)`` for the unit rows of that year.
    Units whose value is flagged as suspect are left out (sums then give ``NaN``).
    """
    present = [(c, recs[c]) for c in expected if c in recs and not np.isnan(recs[c][0])]
    suspect = sorted(c for c, r in present if r[2])
    present = [(c, r) for c, r in present if not r[2]]
    missing = sorted(set(expected) - {c for c, _ in present} - set(suspect))
    excluded = f"excludes flagged values of {_short_list(suspect)}" if suspect else ""
    if ind.aggregation == "sum":
        if missing or suspect:
            parts = []
            if missing:
                parts.append(f"no value for {len(missing)} of {len(expected)} units ({_short_list(missing)})")
            if suspect:
                parts.append(f"flagged value for {_short_list(suspect)}")
            return np.nan, "not summed: " + "; ".join(parts)
        return float(sum(r[0] for _, r in present)), ""
    if ind.aggregation == "median":
        if not present:
            return np.nan, excluded
        cover = f"median of {len(present)} of {len(expected)} units" if len(present) < len(expected) else ""
        return float(np.median([r[0] for _, r in present])), join(cover, excluded)
    usable = [(c, r) for c, r in present if r[3] and not any(np.isnan(x) for x in r[3])]
    if not usable:
        return np.nan, excluded
    sums = np.sum([r[3] for _, r in usable], axis=0)
    lacking = sorted(set(expected) - {c for c, _ in usable} - set(suspect))
    cover = ""
    if len(usable) < len(expected):
        cover = f"covers {len(usable)} of {len(expected)} units" + (
            f" (missing: {_short_list(lacking)})" if lacking else ""
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        value = float(recipe.combine(*sums))
    return (value if np.isfinite(value) else np.nan), join(cover, excluded)


def _records(rows: pd.DataFrame) -> dict[str, tuple]:
    comps = [c for c in rows.columns if c.startswith("c") and c[1:].isdigit()]
    comp_values = rows[comps].to_numpy(dtype=float) if comps else np.empty((len(rows), 0))
    return {
        code: (float(v), f, bool(sus), tuple(cv))
        for code, v, f, sus, cv in zip(
            rows.adcode, rows.value.to_numpy(dtype=float), rows.flag, rows.suspect, comp_values, strict=True
        )
    }


def _aggregate(ind: Indicator, recipe: Recipe, frame: pd.DataFrame) -> pd.DataFrame:
    """Province and national rows for one indicator."""
    if ind.aggregation == "none":
        return pd.DataFrame(columns=["adcode", "year", "value", "flag"])
    expected_units = _expected_units()
    provinces = sorted(expected_units)
    out = []
    for year, fy in frame.groupby("year"):
        units = fy[fy.level == "unit"]
        prov_rows = fy[fy.level == "province"]
        if not prov_rows.empty:
            # census: the table's own province rows; municipalities are their own unit rows
            level_rows = pd.concat([prov_rows, units[units.adcode.isin(MUNICIPALITIES)]])
            out.extend(
                {"adcode": r.adcode, "year": year, "value": r.value, "flag": r.flag} for r in prov_rows.itertuples()
            )
            value, flag = _aggregate_group(ind, recipe, _records(level_rows), provinces)
            out.append({"adcode": NATIONAL_CODE, "year": year, "value": value, "flag": flag})
            continue
        recs = _records(units)
        everyone = []
        for p in provinces:
            expected = list(expected_units[p]) + _retired_in(p, year)
            everyone.extend(expected)
            if p in MUNICIPALITIES:
                continue
            value, flag = _aggregate_group(ind, recipe, recs, expected)
            out.append({"adcode": p, "year": year, "value": value, "flag": flag})
        value, flag = _aggregate_group(ind, recipe, recs, everyone)
        out.append({"adcode": NATIONAL_CODE, "year": year, "value": value, "flag": flag})
    return pd.DataFrame(out, columns=["adcode", "year", "value", "flag"])


def compute_indicator(key: str, tables: Tables | None = None) -> pd.DataFrame:
    """All rows of one indicator (units, retired units, provinces, nation): ``adcode, year, value, flag``.

    Examples
    --------
    >>> rows = compute_indicator("urbanisation_rate")
    >>> float(rows.set_index(["adcode", "year"]).loc[("440300", 2020), "value"])
    100.0
    """
    ind = get_indicator(key)
    recipe = RECIPES[key]
    frame = recipe.compute(tables if tables is not None else Tables())
    frame = frame.copy()
    frame["flag"] = frame["flag"].fillna("").astype(str)
    frame["suspect"] = frame["suspect"].fillna(False).astype(bool)
    comps = [c for c in frame.columns if c.startswith("c") and c[1:].isdigit()]
    frame.loc[frame.value.isna(), comps] = np.nan
    frame["value"] = frame["value"].replace([np.inf, -np.inf], np.nan)
    if frame.duplicated(["adcode", "year"]).any():
        raise RuntimeError(f"{key}: duplicate (adcode, year) rows")
    agg = _aggregate(ind, recipe, frame)
    units = frame[frame.level == "unit"][["adcode", "year", "value", "flag"]]
    rows = pd.concat([units, agg], ignore_index=True)
    rows = rows[rows.value.notna() | (rows.flag != "")]
    rows = rows[rows.year.isin(ind.years)]
    return rows.assign(indicator=key)[COLUMNS].reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# Building, loading
# --------------------------------------------------------------------------------------------------


def store_hash() -> str:
    """Hash of the data files, the computing modules, the boundary package version and the store version."""
    h = hashlib.sha256(f"store-version:{STORE_VERSION}".encode())
    for path in data_files():
        h.update(path.name.encode())
        h.update(path.read_bytes())
    for name in _SOURCE_MODULES:
        h.update(name.encode())
        h.update((_HERE / name).read_bytes())
    try:
        from geodata.source import package_version

        h.update(package_version().encode())
    except Exception:  # pragma: no cover - the unit table itself will raise a clear error
        pass
    return h.hexdigest()[:16]


def store_path() -> Path:
    """Where the store for the current inputs lives (may not exist yet)."""
    from web.settings import cache_dir

    return cache_dir() / f"indicator_store_{STORE_VERSION}_{store_hash()}.parquet"


def build_store(force: bool = False, progress: bool = True) -> Path:
    """Compute every registry indicator into one Parquet file and return its path.

    Parameters
    ----------
    force
        Rebuild even when the file for the current inputs exists.
    progress
        Show a tqdm progress bar on stderr.

    Returns
    -------
    pathlib.Path
        The store file (``indicator_store_<version>_<hash>.parquet`` under :func:`web.settings.cache_dir`).

    Examples
    --------
    >>> build_store(progress=False).suffix
    '.parquet'
    """
    path = store_path()
    if path.exists() and not force:
        return path
    from tqdm import tqdm

    missing = set(REGISTRY) - set(RECIPES)
    if missing:
        raise RuntimeError(f"no recipe for indicator(s) {sorted(missing)}")
    tables = Tables()
    parts = []
    for key in tqdm(list(REGISTRY), desc="indicator store", unit="indicator", disable=not progress, file=sys.stderr):
        parts.append(compute_indicator(key, tables))
    store = pd.concat(parts, ignore_index=True)
    store["adcode"] = store["adcode"].astype(str)
    store["year"] = store["year"].astype("int64")
    store["indicator"] = store["indicator"].astype(str)
    store["value"] = store["value"].astype("float64")
    store["flag"] = store["flag"].astype(str)
    fd, tmp = tempfile.mkstemp(prefix=path.stem + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        store.to_parquet(tmp, index=False)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    _LOADED.pop(str(path), None)
    logger.info("indicator store written: %s (%d rows)", path, len(store))
    return path


_LOADED: dict[str, pd.DataFrame] = {}


def load_store() -> pd.DataFrame:
    """The store as a DataFrame, building it when missing and rebuilding it when unreadable.

    The frame is cached in memory per file; callers must not modify it.

    Examples
    --------
    >>> list(load_store().columns)
    ['adcode', 'year', 'indicator', 'value', 'flag']
    """
    path = store_path()
    cached = _LOADED.get(str(path))
    if cached is not None:
        return cached
    if not path.exists():
        build_store(progress=False)
    try:
        store = pd.read_parquet(path)
        if list(store.columns) != COLUMNS:
            raise ValueError(f"unexpected columns {list(store.columns)}")
    except Exception as exc:  # unreadable or wrong file: rebuild once
        logger.warning("indicator store %s is unreadable (%s); rebuilding", path, exc)
        build_store(force=True, progress=False)
        store = pd.read_parquet(path)
    store["adcode"] = store["adcode"].astype(str)
    store["flag"] = store["flag"].astype(str)
    _LOADED[str(path)] = store
    return store


# --------------------------------------------------------------------------------------------------
# Queries
# --------------------------------------------------------------------------------------------------


def _check(key: str, year: int) -> Indicator:
    ind = get_indicator(key)
    if not ind.has_year(year):
        raise ValueError(f"indicator {key!r} has no year {year!r}; valid years: {', '.join(map(str, ind.years))}")
    return ind


def _slice(key: str, year: int, store: pd.DataFrame | None) -> pd.DataFrame:
    _check(key, year)
    s = load_store() if store is None else store
    return s[(s.indicator == key) & (s.year == int(year))]


@lru_cache(maxsize=1)
def _map_index() -> pd.Index:
    return pd.Index(codes.map_units().adcode.astype(str), name="adcode")


def _province_index() -> pd.Index:
    return pd.Index(sorted(_expected_units()), name="adcode")


def indicator_values(key: str, year: int, store: pd.DataFrame | None = None) -> pd.Series:
    """Values of one indicator and year for the map units.

    Parameters
    ----------
    key
        Registry key; unknown keys raise ``ValueError`` listing the valid keys.
    year
        One of the indicator's years; others raise ``ValueError`` listing the valid years.
    store
        A store frame (default: :func:`load_store`).

    Returns
    -------
    pandas.Series
        Float values indexed by ``adcode`` (str, the 370 map units in :func:`geodata.source.unit_table`
        order), ``NaN`` where missing, ``name=key``.

    Examples
    --------
    >>> v = indicator_values("gdp", 2020)
    >>> round(v[v.index.str.startswith("64")].sum())
    3921
    """
    rows = _slice(key, year, store).set_index("adcode")["value"]
    return rows.reindex(_map_index()).astype("float64").rename(key)


def indicator_flags(key: str, year: int, store: pd.DataFrame | None = None, level: str = "unit") -> pd.Series:
    """Flag texts of one indicator and year (``""`` where none).

    ``level`` is ``'unit'`` (the map units), ``'province'`` (the 31 province codes) or ``'national'``.

    Examples
    --------
    >>> indicator_flags("emp_share_tertiary", 2014)["640100"][:15]
    'unit employment'
    """
    rows = _slice(key, year, store).set_index("adcode")["flag"]
    index = {"unit": _map_index(), "province": _province_index(), "national": pd.Index([NATIONAL_CODE])}.get(level)
    if index is None:
        raise ValueError(f"unknown level {level!r}; valid: unit, province, national")
    return rows.reindex(index).fillna("").astype(object).rename(key)


def available_years(key: str, store: pd.DataFrame | None = None) -> tuple[int, ...]:
    """Years in which at least one map unit has a value of ``key``.

    Examples
    --------
    >>> available_years("pop_resident")
    (2010, 2020)
    """
    get_indicator(key)
    s = load_store() if store is None else store
    rows = s[(s.indicator == key) & s.value.notna() & s.adcode.isin(_map_index())]
    return tuple(sorted(int(y) for y in rows.year.unique()))


def province_values(key: str, year: int, store: pd.DataFrame | None = None) -> pd.Series:
    """Province values (31 province-level codes, municipalities included) by the indicator's aggregation rule.

    ``NaN`` where the rule gives no value (incomplete sums, ``aggregation == 'none'``); see
    :func:`indicator_flags` with ``level='province'`` for the reasons. The four municipalities are both
    units and provinces: they always carry their unit value.

    Examples
    --------
    >>> round(province_values("migrants_other_prov", 2020)["440000"])
    29622110
    """
    rows = _slice(key, year, store).set_index("adcode")["value"]
    return rows.reindex(_province_index()).astype("float64").rename(key)


def national_value(key: str, year: int, store: pd.DataFrame | None = None) -> float:
    """The national value by the indicator's aggregation rule (``NaN`` when not available).

    Examples
    --------
    >>> round(national_value("urbanisation_rate", 2010), 1) > 45
    True
    """
    rows = _slice(key, year, store)
    row = rows[rows.adcode == NATIONAL_CODE]
    return float(row.value.iloc[0]) if len(row) else float("nan")


def main(argv: list[str] | None = None) -> int:
    """``python -m indicators.store``: rebuild the store and print its path and size."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    path = build_store(force=True, progress=True)
    store = load_store()
    print(f"{path}  ({len(store)} rows, {store.indicator.nunique()} indicators)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
