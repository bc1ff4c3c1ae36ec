"""The comparison table of a selection: units as rows, indicators as columns, with references.

A pure function of unit codes, indicator keys and a year (:func:`comparison_table`); what a level
brings — its registry, default columns, units, value reader and reference rows — is one
:class:`TableLevel` (:data:`PREFECTURE` here; the county level is ``state.county_table.COUNTY``), so
both levels share every rule of the table.

Each cell carries its value, the year it is from (the table's year, or the indicator's closest year
when it lacks that one), the unit's national rank among the units with a value, and the class and
colour of the map's opening classification (:data:`indicators.bundle.DEFAULT_SCHEME` with
:data:`~indicators.bundle.DEFAULT_K` classes in the indicator's palette), so the table is coloured as
the map is. The reference rows (at prefecture level the province and the nation: the indicator's own
aggregation, :mod:`indicators.store`) have no rank and no colour. Missing values stay ``NaN`` ("no
data"), never 0.

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
from collections.abc import Callable, Mapping, Sequence
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
#: The row kinds, in the order the table lists them.
ROW_KINDS = ("unit", "prefecture", "province", "nation")
LONG_COLUMNS = (
    "kind", "adcode", "name_zh", "name_en", "province_zh", "province_en",
    "indicator", "year", "value", "rank", "n", "cls", "color",
)  # fmt: skip


class TableLookupError(LookupError):
    """An unknown unit code, indicator key or year; the message is one line (the web layer's 400)."""


#: ``values_of(key, year)``: a Series indexed by code (units, or a reference's codes).
Reader = Callable[[str, int], pd.Series]


@dataclass(frozen=True)
class Reference:
    """One kind of reference row: ``kind`` (:data:`ROW_KINDS`), the units' column naming each unit's
    reference (``None``: one row for all, the nation, code :data:`~indicators.store.NATIONAL_CODE`),
    ``names`` by reference code ``(name_zh, name_en, province_zh, province_en)`` and the reference's values.

    A unit whose reference code is missing, unnamed, or equal to ``skip_if_same_as``'s code (a
    municipality is its own "prefecture") gets no row of this kind.
    """

    kind: str
    code_field: str | None
    names: Mapping[str, tuple[str, str, str, str]]
    values_of: Reader
    skip_if_same_as: str | None = None


@dataclass(frozen=True)
class TableLevel:
    """What one level brings to the table; the data parts are functions, called per table (cached by them).

    ``units()``: names and provinces indexed by code (:data:`UNIT_FIELDS` but ``adcode``; ranks and
    classes are computed over these units); ``data()``: ``(values_of, references)``.
    """

    name: str
    registry: Mapping[str, Indicator]
    default_columns: tuple[str, ...]
    units: Callable[[], pd.DataFrame]
    data: Callable[[], tuple[Reader, tuple[Reference, ...]]]
    catalog: str = "/api/indicators"
    #: The registry of the reference rows' figures (``None``: :attr:`registry` itself).
    reference_registry: Mapping[str, Indicator] | None = None

    def column(self, key: str, year: int) -> Column:
        """The column of ``key`` around ``year`` (see :func:`column_year`)."""
        ind = self.registry[key]
        col_year = column_year(ind, year)
        ref = (self.registry if self.reference_registry is None else self.reference_registry).get(key)
        return Column(key, col_year, ind, ref if ref is not None and ref.has_year(col_year) else None)


@dataclass(frozen=True)
class Column:
    """One column: the indicator and the year its values are from; ``reference`` is the indicator the
    reference rows' values are from (the same one at prefecture level; ``None``: no reference figure)."""

    key: str
    year: int
    indicator: Indicator
    reference: Indicator | None = None


@dataclass(frozen=True)
class ComparisonTable:
    """The table: ``columns`` in order, ``long`` one row per (row, column) with :data:`LONG_COLUMNS`.

    ``kind`` is one of :data:`ROW_KINDS`; the unit rows come first in the order asked for, then per
    reference kind one row per reference of the units (in order of first appearance), the nation last.
    ``level`` is the :class:`TableLevel`'s name.
    """

    codes: tuple[str, ...]
    year: int
    columns: tuple[Column, ...]
    long: pd.DataFrame
    level: str = "prefecture"

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


def resolve_columns(keys: Sequence[str] | None, level: TableLevel | None = None) -> tuple[str, ...]:
    """The column keys: ``keys`` without duplicates (order kept), the level's default columns
    (:data:`DEFAULT_COLUMNS` at prefecture level) when empty; keys of ``level``'s registry only.

    Raises
    ------
    TableLookupError
        For a key not in the registry (naming it) or more than :data:`MAX_COLUMNS` columns.

    Examples
    --------
    >>> resolve_columns(["gdp", "gdp", "avg_wage"]), resolve_columns([])[:2]
    (('gdp', 'avg_wage'), ('emp_nonprivate_per100_resident', 'avg_wage'))
    """
    level = level or PREFECTURE
    keys = tuple(dict.fromkeys(keys or ()))
    if not keys:
        return level.default_columns
    unknown = [k for k in keys if k not in level.registry]
    if unknown:
        raise TableLookupError(f"unknown indicator {unknown[0][:40]!r}; see {level.catalog} for the valid keys")
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


def prefecture_names() -> dict[str, tuple[str, str, str, str]]:
    """``{code: (name_zh, name_en, province_zh, province_en)}`` of every province and every map unit."""
    units = default_units()
    names = {str(r.province_adcode): (r.province_zh, r.province_en, r.province_zh, r.province_en) for r in units.itertuples()}
    names.update({str(code): (r.name_zh, r.name_en, r.province_zh, r.province_en) for code, r in units.iterrows()})
    return names


def national_reader(nation_of: Callable[[str, int], float]) -> Reader:
    """A nation's ``values_of``: the national value as a one-row Series (``NATIONAL_CODE``)."""
    return lambda key, year: pd.Series({NATIONAL_CODE: nation_of(key, year)}, dtype=float)


NATION_NAMES = {NATIONAL_CODE: ("全国", "China", "", "")}


def _prefecture_data() -> tuple[Reader, tuple[Reference, ...]]:
    from indicators import store_index

    values_of, province_of, nation_of = store_index.readers()
    province_names = {c: n for c, n in prefecture_names().items() if c.endswith("0000")}
    return values_of, (
        Reference("province", "province_adcode", province_names, province_of),
        Reference("nation", None, NATION_NAMES, national_reader(nation_of)),
    )


#: The prefecture level: the map units, the indicator store, the province and the nation as references.
PREFECTURE = TableLevel("prefecture", REGISTRY, DEFAULT_COLUMNS, default_units, _prefecture_data)


def _number(v) -> float:
    return float("nan") if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def comparison_table(
    codes: Sequence[str],
    keys: Sequence[str] | None,
    year: int,
    level: TableLevel | None = None,
) -> ComparisonTable:
    """The comparison table of ``codes`` for the indicators ``keys`` around ``year``.

    Parameters
    ----------
    codes
        Unit codes (rows), in order; duplicates dropped. Must be units of the level.
    keys
        Indicator keys (columns) of the level's registry, in order; empty: the level's default columns.
    year
        The table's year; an indicator without it uses its closest year (see :func:`column_year`).
    level
        The :class:`TableLevel` (units, values, references); default :data:`PREFECTURE`.

    Raises
    ------
    TableLookupError
        Unknown codes, keys, a year that is not a whole number, or no unit.
    """
    level = level or PREFECTURE
    codes = tuple(dict.fromkeys(str(c) for c in codes))
    if not codes:
        raise TableLookupError("no unit selected: give sel=code~code~…")
    if isinstance(year, bool) or not isinstance(year, int):
        raise TableLookupError(f"year must be a whole number, got {year!r}")
    columns = tuple(level.column(k, year) for k in resolve_columns(keys, level))
    units = level.units()
    unknown = [c for c in codes if c not in units.index]
    if unknown:
        raise TableLookupError(f"unknown unit code {unknown[0][:12]!r}")
    values_of, references = level.data()
    ref_rows = _reference_rows(codes, units, references)
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
        for ref, rows in ref_rows:
            ref_values = ref.values_of(col.key, col.year)
            for code, names in rows:
                records.append((ref.kind, code, *names, col.key, col.year, _number(ref_values.get(code)), None, None, None, None))
    long = pd.DataFrame({name: pd.Series([r[i] for r in records], dtype=object) for i, name in enumerate(LONG_COLUMNS)})
    long["year"] = long["year"].astype(int)
    long["value"] = long["value"].astype(float)
    order = {k: i for i, k in enumerate(ROW_KINDS)}
    long = long.sort_values("kind", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    return ComparisonTable(codes, int(year), columns, long, level.name)


def _reference_rows(codes, units: pd.DataFrame, references: Sequence[Reference]):
    """Per reference kind, its ``(code, names)`` rows: one per distinct reference of the units, in order."""
    out = []
    for ref in references:
        if ref.code_field is None:
            out.append((ref, [(NATIONAL_CODE, ref.names.get(NATIONAL_CODE, NATION_NAMES[NATIONAL_CODE]))]))
            continue
        rows = {}
        for c in codes:
            code = units.at[c, ref.code_field]
            code = "" if code is None or code != code else str(code)
            same = ref.skip_if_same_as is not None and code == str(units.at[c, ref.skip_if_same_as])
            if code and code in ref.names and not same:
                rows.setdefault(code, ref.names[code])
        out.append((ref, list(rows.items())))
    return out


def family_of(key: str) -> tuple[str, str]:
    """The family names (zh, en) of an indicator.

    >>> family_of("avg_wage")
    ('就业', 'Employment')
    """
    return FAMILIES[get_indicator(key).family]
