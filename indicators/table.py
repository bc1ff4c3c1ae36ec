"""The comparison table of a selection: units as rows, indicators as columns, with references.

A pure function of unit codes, indicator keys and a year (:func:`comparison_table`); the values come
from a ``values_of(key, year)`` reader (default: the indicator store) and the unit names from a
``units`` frame, so another level (counties) plugs in by passing its own units and readers.

Each cell carries its value, the year it is from (the table's year, or the indicator's closest year
when it lacks that one), the unit's national rank among the units with a value, and the class and
colour of the map's opening classification (:data:`indicators.bundle.DEFAULT_SCHEME` with
:data:`~indicators.bundle.DEFAULT_K` classes in the indicator's palette), so the table is coloured as
the map is. Province and national rows are references: the indicator's own aggregation
(:mod:`indicators.store`), no rank, no colour. Missing values stay ``NaN`` ("no data"), never 0.

Examples
--------
>>> t = comparison_table(["640100", "640200"], ["pop_resident"], 2020)
>>> t.long[["kind", "adcode", "year", "value", "rank"]].round(1).values.tolist()  # doctest: +NORMALIZE_WHITESPACE
[['unit', '640100', 2020, 285.9, 187], ['unit', '640200', 2020, 75.1, 314],
 ['province', '640000', 2020, 720.3, None], ['nation', '000000', 2020, 140977.9, None]]
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from indicators.bundle import DEFAULT_K, DEFAULT_SCHEME
from indicators.classify import classify
from indicators.display import class_colors
from indicators.registry import FAMILIES, REGISTRY, Indicator, get_indicator
from indicators.store import NATIONAL_CODE
from state.model import MAX_TABLE_COLUMNS

#: The opening columns, per family: employment, migrants, sector potential, economy.
DEFAULT_COLUMNS = (
    "emp_nonprivate_per100_resident",
    "avg_wage",
    "migrants_other_prov_pct",
    "net_inmigration_est_pct",
    "sector_potential",
    "gdp_per_resident",
    "gdp_growth_nominal",
)
#: The year the table opens with (the last census: most indicators have it).
DEFAULT_YEAR = 2020
#: Most columns a table holds.
MAX_COLUMNS = MAX_TABLE_COLUMNS
UNIT_FIELDS = ("adcode", "name_zh", "name_en", "province_adcode", "province_zh", "province_en")
LONG_COLUMNS = (
    "kind", "adcode", "name_zh", "name_en", "province_zh", "province_en",
    "indicator", "year", "value", "rank", "n", "cls", "color",
)  # fmt: skip


class TableLookupError(LookupError):
    """An unknown unit code, indicator key or year; the message is one line (the web layer's 400)."""


@dataclass(frozen=True)
class Column:
    """One column: the indicator and the year its values are from."""

    key: str
    year: int
    indicator: Indicator


@dataclass(frozen=True)
class ComparisonTable:
    """The table: ``columns`` in order, ``long`` one row per (row, column) with :data:`LONG_COLUMNS`.

    ``kind`` is ``unit``, ``province`` or ``nation``; the unit rows come first in the order asked for,
    then one row per province of the units (in order of first appearance), then the nation.
    """

    codes: tuple[str, ...]
    year: int
    columns: tuple[Column, ...]
    long: pd.DataFrame

    def rows(self) -> list[dict]:
        """One dict per row: the name fields, ``kind``, and per column key a dict of the cell's fields."""
        out: dict[tuple[str, str], dict] = {}
        for r in self.long.itertuples(index=False):
            row = out.setdefault(
                (r.kind, r.adcode),
                {f: getattr(r, f) for f in ("kind", "adcode", "name_zh", "name_en", "province_zh", "province_en")},
            )
            row[r.indicator] = {f: getattr(r, f) for f in ("year", "value", "rank", "n", "cls", "color")}
        return list(out.values())


def resolve_columns(keys: Sequence[str] | None) -> tuple[str, ...]:
    """The column keys: ``keys`` without duplicates (order kept), :data:`DEFAULT_COLUMNS` when empty.

    Raises
    ------
    TableLookupError
        For a key not in the registry (naming it) or more than :data:`MAX_COLUMNS` columns.

    Examples
    --------
    >>> resolve_columns(["gdp", "gdp", "avg_wage"]), resolve_columns([])[:2]
    (('gdp', 'avg_wage'), ('emp_nonprivate_per100_resident', 'avg_wage'))
    """
    keys = tuple(dict.fromkeys(keys or ()))
    if not keys:
        return DEFAULT_COLUMNS
    unknown = [k for k in keys if k not in REGISTRY]
    if unknown:
        raise TableLookupError(f"unknown indicator {unknown[0]!r}; see /api/indicators for the valid keys")
    if len(keys) > MAX_COLUMNS:
        raise TableLookupError(f"at most {MAX_COLUMNS} columns, got {len(keys)}")
    return keys


def column_year(ind: Indicator, year: int) -> int:
    """``year`` when the indicator has it, else its closest year (the earlier on a tie).

    >>> column_year(get_indicator("avg_wage"), 2023), column_year(get_indicator("pop_resident"), 2015)
    (2021, 2010)
    """
    return min(sorted(ind.years), key=lambda y: abs(y - int(year)))


def default_units() -> pd.DataFrame:
    """The map units' names and provinces by adcode (the prefecture level), from the geometry layer."""
    from geodata import layer

    return layer.units().set_index("adcode")


def _store_readers():
    from indicators import store_index

    return store_index.readers()


def _number(v) -> float:
    return float("nan") if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def comparison_table(
    codes: Sequence[str],
    keys: Sequence[str] | None,
    year: int,
    units: pd.DataFrame | None = None,
    readers: tuple[Callable, Callable, Callable] | None = None,
) -> ComparisonTable:
    """The comparison table of ``codes`` for the indicators ``keys`` around ``year``.

    Parameters
    ----------
    codes
        Unit codes (rows), in order; duplicates dropped. Must be in ``units``.
    keys
        Indicator keys (columns), in order; empty: :data:`DEFAULT_COLUMNS`.
    year
        The table's year; an indicator without it uses its closest year (see :func:`column_year`).
    units
        Names and provinces indexed by code (:data:`UNIT_FIELDS` but ``adcode``); default: the map units.
        Ranks and classes are computed over these units.
    readers
        ``(values_of(key, year) -> Series by code, province_of(key, year) -> Series by province code,
        nation_of(key, year) -> float)``; default: the indicator store.

    Raises
    ------
    TableLookupError
        Unknown codes, keys, a year that is not a whole number, or no unit.
    """
    units = default_units() if units is None else units
    values_of, province_of, nation_of = readers or _store_readers()
    codes = tuple(dict.fromkeys(str(c) for c in codes))
    if not codes:
        raise TableLookupError("no unit selected: give sel=code~code~…")
    unknown = [c for c in codes if c not in units.index]
    if unknown:
        raise TableLookupError(f"unknown unit code {unknown[0][:12]!r}")
    if isinstance(year, bool) or not isinstance(year, int):
        raise TableLookupError(f"year must be a whole number, got {year!r}")
    columns = tuple(
        Column(k, column_year(get_indicator(k), year), get_indicator(k)) for k in resolve_columns(keys)
    )
    provinces = list(dict.fromkeys(str(units.at[c, "province_adcode"]) for c in codes))
    province_names = {str(r.province_adcode): (r.province_zh, r.province_en) for r in units.itertuples()}
    records = []
    for col in columns:
        ind = col.indicator
        values = values_of(col.key, col.year).reindex(units.index).astype(float)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # degenerate classifications warn and degrade, by design
            classes = classify(values, DEFAULT_SCHEME, DEFAULT_K, diverging=ind.diverging) if values.notna().any() else None
        colors = class_colors(classes, ind.palette) if classes is not None else []
        ranks = values.rank(ascending=False, method="min")
        n = int(values.notna().sum())
        for c in codes:
            u = units.loc[c]
            v = _number(values.get(c))
            cls_ = None if classes is None or pd.isna(classes.classes.get(c)) else int(classes.classes.get(c))
            records.append(
                ("unit", c, u["name_zh"], u["name_en"], u["province_zh"], u["province_en"], col.key, col.year, v,
                 None if math.isnan(v) else int(ranks[c]), n, cls_, None if cls_ is None else colors[cls_])
            )  # fmt: skip
        prov = province_of(col.key, col.year)
        for p in provinces:
            zh, en = province_names.get(p, (p, p))
            records.append(("province", p, zh, en, zh, en, col.key, col.year, _number(prov.get(p)), None, None, None, None))
        records.append(
            ("nation", NATIONAL_CODE, "全国", "China", "", "", col.key, col.year, _number(nation_of(col.key, col.year)),
             None, None, None, None)
        )  # fmt: skip
    long = pd.DataFrame({name: pd.Series([r[i] for r in records], dtype=object) for i, name in enumerate(LONG_COLUMNS)})
    long["year"] = long["year"].astype(int)
    long["value"] = long["value"].astype(float)
    order = {k: i for i, k in enumerate(("unit", "province", "nation"))}
    long = long.sort_values("kind", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    return ComparisonTable(codes, int(year), columns, long)


def family_of(key: str) -> tuple[str, str]:
    """The family names (zh, en) of an indicator.

    >>> family_of("avg_wage")
    ('就业', 'Employment')
    """
    return FAMILIES[get_indicator(key).family]
