"""Reconcile the fact tables' admin codes with the map units of :func:`geodata.source.unit_table`.

The tables carry codes of their own vintage. Every table code that is not one of the 370 map units
is handled here, explicitly, by one of these actions:

``renamed``
    Same territory, new code (a 地区 became a 市, a county-level city became prefecture-level).
    Rows are moved to the current code; the old code is kept in the report.
``retired``
    The unit no longer exists and its territory is now part of one or more other units
    (Chaohu 2011, Laiwu 2019, the old Ili 地区 2001). Its rows stay in the indicator store under the
    old code, are not drawn, and count towards province aggregates of their years.
``empty_row``
    A row that is not a unit and holds no figures (a stray province row in table 4). Kept out of the
    store; listed in the report.
``province_row``
    A province subtotal row of a census table (unit_type ``province``). Not a map unit; used for
    province and national aggregates.
``national_or_region``
    National and macro-region rows of the NBS migrant-worker survey; not a prefecture table.

Territory changes between years are a second, separate matter: a unit can keep its code while its
territory changes. :data:`TERRITORY_EVENTS` lists the known changes used to blank growth and change
figures across them; :func:`census_2010_territory_mismatch` finds, with a stated rule, the units
whose 2010 census-yearbook territory differs from their 2020 territory.

Examples
--------
>>> canonical_code("522400")
'520500'
>>> canonical_code("371200")  # retired: kept as it is
'371200'
>>> CODE_CHANGES["341400"].action
'retired'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from indicators.ingest import SCHEMAS, load_table

ACTIONS = ("renamed", "retired", "empty_row", "province_row", "national_or_region")
#: The four municipalities: each is both a map unit and a province.
MUNICIPALITIES = ("110000", "120000", "310000", "500000")


@dataclass(frozen=True)
class CodeChange:
    """One documented code decision.

    ``new_code`` is the current map code for ``renamed``; for ``retired`` it names the unit that now
    holds (most of) the territory, for information only. ``last_year`` is the last year the old unit
    existed as a statistical unit (``None`` for rows that are not units).
    """

    old_code: str
    action: str
    name_zh: str
    reason: str
    new_code: str | None = None
    last_year: int | None = None
    tables: tuple[str, ...] | None = None

    def applies_to(self, table: str) -> bool:
        """``True`` when this decision covers ``table`` (``tables`` ``None`` means every table)."""
        return self.tables is None or table in self.tables

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"{self.old_code}: unknown action {self.action!r}; valid: {ACTIONS}")
        if self.action == "renamed" and not self.new_code:
            raise ValueError(f"{self.old_code}: a renamed code needs new_code")


_CHANGES = (
    CodeChange(
        "522200",
        "renamed",
        "铜仁地区",
        "铜仁地区 became 铜仁市 in 2011 (国函〔2011〕130号); same territory",
        "520600",
        2010,
    ),
    CodeChange(
        "522400",
        "renamed",
        "毕节地区",
        "毕节地区 became 毕节市 in 2011 (国函〔2011〕130号); same territory",
        "520500",
        2010,
    ),
    CodeChange("542100", "renamed", "昌都地区", "昌都地区 became 昌都市 in 2014; same territory", "540300", 2013),
    CodeChange("542200", "renamed", "山南地区", "山南地区 became 山南市 in 2016; same territory", "540500", 2015),
    CodeChange(
        "542300",
        "renamed",
        "日喀则地区",
        "日喀则地区 became 日喀则市 in 2014; same territory",
        "540200",
        2013,
    ),
    CodeChange("542400", "renamed", "那曲地区", "那曲地区 became 那曲市 in 2017/2018; same territory", "540600", 2017),
    CodeChange("542600", "renamed", "林芝地区", "林芝地区 became 林芝市 in 2015; same territory", "540400", 2014),
    CodeChange("632100", "renamed", "海东地区", "海东地区 became 海东市 in 2013; same territory", "630200", 2012),
    CodeChange(
        "652100",
        "renamed",
        "吐鲁番地区",
        "吐鲁番地区 became 吐鲁番市 in 2015; same territory",
        "650400",
        2014,
    ),
    CodeChange("652200", "renamed", "哈密地区", "哈密地区 became 哈密市 in 2016; same territory", "650500", 2015),
    CodeChange(
        "469003",
        "renamed",
        "儋州市",
        "儋州 was a province-administered county-level city (469003) until 2015, then "
        "prefecture-level 460400; same territory",
        "460400",
        2014,
    ),
    CodeChange(
        "469000",
        "renamed",
        "儋州市",
        "table 4 (CSMAR 4-digit id 4690 + '00') labels this row 儋州市; mapped to the prefecture-level code",
        "460400",
        None,
    ),
    CodeChange(
        "341400",
        "retired",
        "巢湖市",
        "巢湖市 (prefecture) was dissolved in Aug 2011; its counties went to 合肥, 芜湖 and 马鞍山",
        "340100",
        2010,
    ),
    CodeChange(
        "371200",
        "retired",
        "莱芜市",
        "莱芜市 was merged into 济南市 in Jan 2019; 济南's figures from 2019 include it",
        "370100",
        2018,
    ),
    CodeChange(
        "654100",
        "retired",
        "伊犁地区",
        "伊犁地区 (the part of 伊犁哈萨克自治州 it administered directly) was abolished in 2001; "
        "the table also has 654000 for 2000, so the row is a sub-area, not the map unit",
        "654000",
        2000,
    ),
    CodeChange(
        "140000",
        "empty_row",
        "山西省",
        "table 4 has one 2013 row coded 140000 (山西省, a province) with no figures; not a map unit",
        tables=("employment_sectors",),
    ),
    CodeChange(
        "429000",
        "empty_row",
        "省直辖县级行政区划",
        "table 4 has one 2019 row for Hubei's province-administered county-level units as a group, with no figures",
        tables=("employment_sectors",),
    ),
)

#: Code decisions keyed by the old code.
CODE_CHANGES: dict[str, CodeChange] = {c.old_code: c for c in _CHANGES}


def code_change(code: str, table: str) -> CodeChange | None:
    """The documented decision for ``code`` in ``table``, or ``None``."""
    change = CODE_CHANGES.get(code)
    return change if change is not None and change.applies_to(table) else None


#: Renames only: old code -> current code.
RENAMES: dict[str, str] = {c.old_code: c.new_code for c in _CHANGES if c.action == "renamed"}
#: Renames of units that existed as statistical units (``last_year`` set): old code -> current code.
#: Table-label aliases (``469000``) are left out. Used to re-key 2010 tables to 2020 codes
#: (:func:`indicators.regions.harmonise_adcodes`).
UNIT_RENAMES: dict[str, str] = {old: new for old, new in RENAMES.items() if CODE_CHANGES[old].last_year is not None}


@dataclass(frozen=True)
class TerritoryEvent:
    """A unit that kept its code while its territory changed in ``year``.

    Year-on-year growth of that unit is blanked for ``year`` and ``year + 1`` (which of the two is the
    first on the new boundaries depends on the table); multi-year changes spanning ``year`` are blanked.
    """

    adcode: str
    year: int
    reason: str


TERRITORY_EVENTS: tuple[TerritoryEvent, ...] = (
    TerritoryEvent(
        "340100",
        2011,
        "gained 庐江县 and 巢湖市 (county-level) when 巢湖 prefecture was dissolved (Aug 2011)",
    ),
    TerritoryEvent("340200", 2011, "gained 无为县 and 芜湖 parts of the dissolved 巢湖 prefecture (Aug 2011)"),
    TerritoryEvent("340500", 2011, "gained 含山县 and 和县 from the dissolved 巢湖 prefecture (Aug 2011)"),
    TerritoryEvent("370100", 2019, "absorbed 莱芜市 (Jan 2019)"),
    TerritoryEvent("340700", 2015, "gained 枞阳县 from 安庆 (Oct 2015)"),
    TerritoryEvent("340800", 2015, "lost 枞阳县 to 铜陵 (Oct 2015)"),
    TerritoryEvent("340400", 2015, "gained 寿县 from 六安 (Dec 2015)"),
    TerritoryEvent("341500", 2015, "lost 寿县 to 淮南 (Dec 2015)"),
    TerritoryEvent("510100", 2016, "gained 简阳市 from 资阳 (May 2016)"),
    TerritoryEvent("512000", 2016, "lost 简阳市 to 成都 (May 2016)"),
)


def territory_events(adcode: str) -> list[TerritoryEvent]:
    """Known territory changes of ``adcode`` (an empty list when none)."""
    return [e for e in TERRITORY_EVENTS if e.adcode == adcode]


def territory_break_between(adcode: str, start: int, end: int) -> TerritoryEvent | None:
    """The first known territory change of ``adcode`` that makes ``start`` and ``end`` incomparable.

    A change in year ``y`` separates ``start`` from ``end`` when ``start < y + 1`` and ``end >= y``,
    i.e. the span touches the change year or the year after it.

    Examples
    --------
    >>> territory_break_between("370100", 2010, 2019).year
    2019
    >>> territory_break_between("370100", 2010, 2018) is None
    True
    """
    for event in territory_events(adcode):
        if start <= event.year and end >= event.year:
            return event
        if start == event.year and end == event.year + 1:
            return event
    return None


def canonical_code(code: str) -> str:
    """The current map code for ``code``: renames applied, anything else returned as it is."""
    return RENAMES.get(code, code)


@lru_cache(maxsize=1)
def map_units() -> pd.DataFrame:
    """The map units (:func:`geodata.source.unit_table`), cached; callers must not modify the frame."""
    from geodata.source import unit_table

    return unit_table()


def is_province_code(code: str) -> bool:
    """``True`` for a province-level code (``xx0000``), municipalities included."""
    return len(code) == 6 and code.endswith("0000") and code != "000000"


def reconcile(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """Apply the documented code decisions to one table.

    Renamed codes are replaced by their current code (the original goes to ``source_adcode``);
    ``empty_row`` rows are removed after checking that they really hold no figures; retired codes and
    province rows are kept. Codes that are neither map units nor documented raise ``ValueError``.

    Parameters
    ----------
    frame
        A table from :func:`indicators.ingest.load_table`.
    table
        Its schema name (for messages).

    Returns
    -------
    pandas.DataFrame
        A copy with ``adcode`` reconciled and a ``source_adcode`` column.

    Examples
    --------
    >>> df = pd.DataFrame(
    ...     {"adcode": ["522400", "110000"], "year": [2010, 2010], "unit_type": ["prefecture"] * 2}
    ... )
    >>> reconcile(df, "demo").adcode.tolist()
    ['520500', '110000']
    """
    out = frame.copy()
    out["source_adcode"] = out["adcode"]
    if table == "migrant_workers":
        return out
    known = set(map_units().adcode)
    numeric = [c for c in out.columns if out[c].dtype.kind == "f"]
    drop = []
    for code in sorted(set(out.adcode) - known):
        change = code_change(code, table)
        rows = out.adcode == code
        if change is not None and change.action == "empty_row":
            if out.loc[rows, numeric].notna().any().any():
                raise ValueError(f"{table}: code {code} is documented as an empty row but holds figures")
            drop.append(code)
        elif change is not None:
            continue
        elif is_province_code(code) and "unit_type" in out and (out.loc[rows, "unit_type"] == "province").all():
            continue
        else:
            raise ValueError(
                f"{table}: code {code} ({out.loc[rows, 'name_zh'].iloc[0]}) is not a map unit and has no "
                "documented decision in indicators.codes.CODE_CHANGES"
            )
    out = out[~out.adcode.isin(drop)].copy()
    out["adcode"] = out["adcode"].map(canonical_code)
    dup = out.duplicated(["adcode", "year"], keep=False)
    if dup.any():
        first = out[dup].iloc[0]
        raise ValueError(f"{table}: renaming gives two rows for {first.adcode} in {first.year}")
    return out.reset_index(drop=True)


def _years_text(years: pd.Series) -> str:
    ys = sorted(set(int(y) for y in years))
    if len(ys) == 1:
        return str(ys[0])
    if ys == list(range(ys[0], ys[-1] + 1)):
        return f"{ys[0]}–{ys[-1]}"
    return ", ".join(str(y) for y in ys)


def reconciliation_report() -> pd.DataFrame:
    """Every table code that is not a map unit, with the action taken and the reason.

    Returns
    -------
    pandas.DataFrame
        Columns ``table, file, adcode, name_zh, province_zh, years, n_rows, n_values, action, mapped_to,
        reason``; one row per table and code. ``n_values`` counts non-blank numeric cells.

    Examples
    --------
    >>> rep = reconciliation_report()
    >>> rep.set_index(["table", "adcode"]).loc[("gdp", "371200"), "action"]
    'retired'
    """
    known = set(map_units().adcode)
    records = []
    for name, schema in SCHEMAS.items():
        frame = load_table(name)
        numeric = [c for c in frame.columns if frame[c].dtype.kind == "f"]
        codes = frame.adcode.fillna("")
        for code in sorted(set(codes) - known):
            rows = frame[codes == code]
            base = {
                "table": name,
                "file": schema.file,
                "adcode": code,
                "name_zh": " / ".join(dict.fromkeys(rows.name_zh.astype(str))),
                "province_zh": " / ".join(dict.fromkeys(rows.province_zh.dropna().astype(str))),
                "years": _years_text(rows.year),
                "n_rows": len(rows),
                "n_values": int(rows[numeric].notna().sum().sum()),
            }
            change = code_change(code, name)
            if name == "migrant_workers":
                action, mapped, reason = (
                    "national_or_region",
                    None,
                    ("NBS migrant-worker survey: national (000000) and macro-region rows (blank code); not drawn"),
                )
            elif change is not None:
                action, mapped, reason = change.action, change.new_code, change.reason
            elif is_province_code(code):
                action, mapped, reason = (
                    "province_row",
                    None,
                    ("province subtotal row of the census table; used for province and national aggregates"),
                )
            else:
                action, mapped, reason = "undocumented", None, "no decision recorded"
            records.append(base | {"action": action, "mapped_to": mapped, "reason": reason})
    return pd.DataFrame.from_records(records)


#: Relative gap (percentage points) above which the 2010 and 2020 census territories are taken to differ.
CENSUS_TERRITORY_GAP_PP = 5.0


@lru_cache(maxsize=1)
def census_2010_territory_mismatch() -> pd.DataFrame:
    """Units whose 2010 census-yearbook territory differs from their 2020 territory.

    Table 1 (``census_population``) holds 2010 residents re-aggregated to 2020 boundaries; tables 7 and 8
    (``census_industry``, ``census_migration``) hold the 2010 yearbook on 2010 boundaries. The rule: let
    ``g_y = (pop_census_persons_y / (pop_resident_10k_y × 10⁴) − 1) × 100`` for y = 2010, 2020. A unit is a
    mismatch when ``|g_2010 − g_2020| > 5`` percentage points (the 2020 gap absorbs differences of
    definition, e.g. yearbook vs bulletin figures, that are present in both years).

    The same units' 2010 figures combining table 1 residents with CCSY 2010 figures (hukou, GDP,
    employment) mix 2020 and 2010 boundaries, and are flagged by the store.

    Returns
    -------
    pandas.DataFrame
        ``adcode, name_zh, gap_2010_pct, gap_2020_pct`` for the mismatching units.

    Examples
    --------
    >>> "370100" in set(census_2010_territory_mismatch().adcode)  # 济南 without 莱芜 in 2010
    True
    """
    pop = reconcile(load_table("census_population"), "census_population")
    mig = reconcile(load_table("census_migration"), "census_migration")
    m = pop.merge(mig[["adcode", "year", "pop_census_persons"]], on=["adcode", "year"])
    m["gap"] = (m.pop_census_persons / (m.pop_resident_10k * 1e4) - 1) * 100
    wide = m.pivot_table(index="adcode", columns="year", values="gap")
    names = pop.drop_duplicates("adcode").set_index("adcode").name_zh
    bad = wide[(wide[2010] - wide[2020]).abs() > CENSUS_TERRITORY_GAP_PP]
    return pd.DataFrame(
        {
            "adcode": bad.index.astype(str),
            "name_zh": names.reindex(bad.index).to_numpy(),
            "gap_2010_pct": bad[2010].round(1).to_numpy(),
            "gap_2020_pct": bad[2020].round(1).to_numpy(),
        }
    ).reset_index(drop=True)
