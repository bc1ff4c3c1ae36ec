"""The "sector" family (产业潜力 / Sector potential): keys, shared texts and census helpers.

The entries and their recipes are declared in :mod:`indicators.families.sector_census` (19 census
sectors) and :mod:`indicators.families.sector_three` (three broad sectors), in the order of
:func:`sector_keys`.

Every indicator here is computed from the vendored tables by the functions of :mod:`indicators.sector`
and stored like any other registry indicator (map, hover, CSV API). Two kinds of data are used, and
each entry's description says which:

* **19 census sectors** (``census_employment_by_industry_2010_2020.csv``): employed persons aged 16+
  in the ~10 % long-form sample of the 2010 and 2020 censuses, by GB/T 4754 section (international
  organisations left out: mostly blank). Levels are sample counts, so only ratios are used:

  - ``lq_census_<sector>`` (2010, 2020): location quotient against the nation;
  - ``lqp_census_<sector>`` (2010, 2020): location quotient against the unit's own province;
  - ``ss_competitive_<sector>`` (2020): competitive shift 2010→2020 as % of the 2010 sector employment;
  - ``sector_potential`` (2020): number of potential sectors (:func:`indicators.sector_change.sector_potential_score`);
  - ``krugman_census``, ``herfindahl_census`` (2010, 2020): specialisation and concentration.

* **three broad sectors** (primary / secondary / tertiary):

  - ``lq_emp_<sector>`` (2006–2019): location quotient of unit-employment shares
    (``employment_sector_shares_2006_2019.csv``, CCSY year-end unit employment);
  - ``lq_va_<sector>`` (2000–2023): location quotient of value-added shares of GDP
    (``gdp_sectors_2000_2023.csv``).

The nation of the census LQs is the sum of the table's 31 province-level rows. The three-sector tables
have no national rows; their "nation" is the sum over the units with an unflagged value that year, so
the employment- (GDP-) weighted mean LQ over those units is exactly 1.

Province reference (``lqp_census_*``): stored as separate keys rather than computed in the page, so
the map, the hover, the CSV API and the URL state work without new code; :func:`lq_key` and
:func:`lq_counterpart` let the page offer "against the nation / against the province" as a toggle.

Change-based indicators (``ss_competitive_*``, ``sector_potential``) compare 2010 with 2020 on 2020
codes (:func:`indicators.regions.harmonise_adcodes`: renamed units re-keyed, 莱芜 added to 济南). Units
whose territory differs between the two censuses — :data:`indicators.regions.BOUNDARY_CHANGED_2010_2020`
and the census-yearbook mismatches of :func:`indicators.codes.census_2010_territory_mismatch` (the rule
the store uses to flag 2010 census figures) — are ``NaN`` with a flag; 济南 is not, because its 2010
figures plus 莱芜's cover its 2020 territory exactly. Units created after 2010 (XPCC cities) are ``NaN``
with a flag.

Examples
--------
>>> lq_key("manuf"), lq_key("manuf", reference="province")
('lq_census_manuf', 'lqp_census_manuf')
>>> lq_counterpart("lqp_census_ict")
'lq_census_ict'
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd

from indicators import codes
from indicators.recipes import census_agri_notes
from indicators.regions import ADCODE_MERGES_2010_2020, BOUNDARY_CHANGED_2010_2020, harmonise_adcodes
from indicators.sector import (
    ANALYSIS_SECTORS,
    MAP_UNIT_TYPES,
    THREE_SECTORS,
    census_national_totals,
    census_sector_matrix,
)
from indicators.tables import Tables

logger = logging.getLogger(__name__)

FAMILY = "sector"
CENSUS_YEARS = (2010, 2020)
EMP_YEARS = tuple(range(2006, 2020))
VA_YEARS = tuple(range(2000, 2024))
#: Base-year sample persons below which a competitive shift (% of base) is flagged as noisy.
MIN_BASE_COUNT = 50.0
#: Key prefix of the census LQs by reference area.
LQ_PREFIXES = {"nation": "lq_census_", "province": "lqp_census_"}

POTENTIAL_KEY = "sector_potential"
KRUGMAN_KEY = "krugman_census"
HERFINDAHL_KEY = "herfindahl_census"


def lq_key(sector: str, reference: str = "nation") -> str:
    """Registry key of the census location quotient of ``sector`` against ``reference``.

    Examples
    --------
    >>> lq_key("ict")
    'lq_census_ict'
    >>> lq_key("ict", reference="world")
    Traceback (most recent call last):
    ...
    ValueError: unknown reference 'world'; valid: ['nation', 'province']
    """
    if reference not in LQ_PREFIXES:
        raise ValueError(f"unknown reference {reference!r}; valid: {sorted(LQ_PREFIXES)}")
    if sector not in ANALYSIS_SECTORS:
        raise ValueError(f"unknown census sector {sector!r}; valid: {list(ANALYSIS_SECTORS)}")
    return LQ_PREFIXES[reference] + sector


def lq_counterpart(key: str) -> str | None:
    """The same census LQ against the other reference area (nation ↔ province); ``None`` for other keys.

    Examples
    --------
    >>> lq_counterpart("lq_census_manuf"), lq_counterpart("gdp")
    ('lqp_census_manuf', None)
    """
    for reference, prefix in LQ_PREFIXES.items():
        if key.startswith(prefix) and key.removeprefix(prefix) in ANALYSIS_SECTORS:
            other = "province" if reference == "nation" else "nation"
            return LQ_PREFIXES[other] + key.removeprefix(prefix)
    return None


def sector_keys() -> tuple[str, ...]:
    """Every key of the family, in registry order.

    Examples
    --------
    >>> keys = sector_keys()
    >>> len(keys), keys[0]
    (66, 'sector_potential')
    """
    keys = [POTENTIAL_KEY, KRUGMAN_KEY, HERFINDAHL_KEY]
    keys += [LQ_PREFIXES["nation"] + s for s in ANALYSIS_SECTORS]
    keys += [LQ_PREFIXES["province"] + s for s in ANALYSIS_SECTORS]
    keys += [f"ss_competitive_{s}" for s in ANALYSIS_SECTORS]
    keys += [f"lq_emp_{s}" for s in THREE_SECTORS]
    keys += [f"lq_va_{s}" for s in THREE_SECTORS]
    return tuple(keys)


CENSUS19_EN = (
    "Data: the 19 census sectors — employed persons aged 16+ in the 2010 and 2020 census long-form "
    "sample (~10 %), by place of residence, formal and informal (GB/T 4754 sections; international "
    "organisations left out)."
)
CENSUS19_ZH = "数据：19个普查行业——2010、2020年人口普查长表样本（约10%）中按常住地统计的16岁及以上就业人口（含非正规就业，国民经济行业门类，不含国际组织）。"
_EMP3_EN = (
    "Data: three broad sectors — shares of year-end unit employment (年末单位从业人员, China City "
    "Statistical Yearbook), 2006–2019."
)
_EMP3_ZH = "数据：三次产业——年末单位从业人员的产业构成（《中国城市统计年鉴》），2006–2019年。"
_VA3_EN = (
    "Data: three broad sectors — value added of primary, secondary and tertiary industry as a share of GDP, 2000–2023."
)
_VA3_ZH = "数据：三次产业——第一、二、三产业增加值占地区生产总值的比重，2000–2023年。"

SAMPLE_EN = (
    "Ratios of a ~10 % sample, not counts: small units' values for small sectors are noisy (smallest 2020 "
    "sample 939 persons). 2010 uses the GB/T 4754-2002 equivalents of the sections."
)
SAMPLE_ZH = (
    "约10%抽样样本的比值而非人数：小单位小行业的数值噪声大（2020年最小样本939人）。2010年为GB/T 4754-2002对应门类。"
)
CHANGE_EN = (
    "Compared on 2020 codes. Units whose territory differs between the censuses are blank with a flag: "
    "合肥, 芜湖, 马鞍山 (巢湖 dissolved 2011), 铜陵/安庆 (枞阳 2015), 淮南/六安 (寿县 2015), 成都/资阳 "
    "(简阳 2016), the six Xinjiang prefectures that ceded land to XPCC cities created after 2010, and the "
    "census-yearbook territory mismatches of the store (长春/四平, 宜昌, 仙桃, 西安, 咸阳). XPCC cities "
    "created after 2010 have no 2010 figures. 济南's 2010 figures include 莱芜 (merged 2019): compared on "
    "its 2020 territory."
)
CHANGE_ZH = (
    "按2020年代码比较。两次普查间区划不同的单位为空值并附说明：合肥、芜湖、马鞍山（2011年撤销巢湖）、铜陵/安庆"
    "（2015年枞阳）、淮南/六安（2015年寿县）、成都/资阳（2016年简阳）、因2010年后新设兵团城市而划出土地的新疆六个地州，"
    "以及存储中普查年鉴区划不一致的单位（长春/四平、宜昌、仙桃、西安、咸阳）。2010年后新设的兵团城市无2010年数据。"
    "济南2010年数据含莱芜（2019年并入），按2020年区划比较。"
)
CENSUS_ROWS_EN = (
    "Province values come from the census table's own province rows (municipalities: their own rows); "
    "national = the same formula over the sums of the 31 province-level rows."
)


def quiet(func: Callable, *args, **kwargs):
    """Call ``func`` with the expected warnings of the census comparison logged instead of shown."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = func(*args, **kwargs)
    for w in caught:
        logger.debug("%s: %s", getattr(func, "__name__", "call"), w.message)
    return out


def census_matrix(t: Tables, year: int, unit_types: tuple[str, ...]) -> pd.DataFrame:
    """Census sample matrix (units x 19 sectors) of one year, reconciled codes, computed once per build."""
    return t.derived(
        f"sector:matrix:{year}:{','.join(unit_types)}",
        lambda tt: census_sector_matrix(tt["census_industry"], year, unit_types=unit_types),
    )


def census_nation(t: Tables, year: int) -> pd.Series:
    """National totals (sum of the 31 province-level rows) of the 19 sectors in ``year``, computed once per build."""
    return t.derived(f"sector:nation:{year}", lambda tt: census_national_totals(tt["census_industry"], year))


def census_unit_types(t: Tables, year: int) -> pd.Series:
    """``unit_type`` of each census row of ``year``, indexed by adcode."""
    c = t["census_industry"]
    return c[c.year == year].set_index("adcode")["unit_type"]


def agri_notes(t: Tables) -> pd.Series:
    """The table's agriculture correction notes (Hebei 2010) keyed by ``(adcode, year)``."""
    c = t["census_industry"]
    return pd.Series(census_agri_notes(c).to_numpy(), index=pd.MultiIndex.from_arrays([c.adcode, c.year]))


def unit_frame(index: pd.Index, year: int, unit_type: pd.Series | None = None) -> pd.DataFrame:
    """Rows ``adcode, year`` (and ``unit_type``) for :func:`indicators.recipes.rows`."""
    out = pd.DataFrame({"adcode": index.astype(str), "year": year})
    if unit_type is not None:
        out["unit_type"] = unit_type.reindex(index).to_numpy()
    return out


def change_excluded() -> dict[str, str]:
    """Units left out of the 2010→2020 comparisons: code -> reason.

    :data:`indicators.regions.BOUNDARY_CHANGED_2010_2020` plus the census-yearbook territory mismatches
    of :func:`indicators.codes.census_2010_territory_mismatch`, minus units whose whole 2010 predecessor is
    merged in by :func:`indicators.regions.harmonise_adcodes` (济南 + 莱芜: their 2010 yearbook populations
    add up exactly to 济南's boundary-adjusted 2010 population).

    Examples
    --------
    >>> ex = change_excluded()
    >>> "340100" in ex, "220300" in ex, "370100" in ex
    (True, True, False)
    """
    mismatch = {r.adcode: r for r in codes.census_2010_territory_mismatch().itertuples()}
    out = {}
    for code in sorted((set(BOUNDARY_CHANGED_2010_2020) | set(mismatch)) - set(ADCODE_MERGES_2010_2020.values())):
        events = codes.territory_events(code)
        if events:
            reason = f"territory changed in {events[0].year}: {events[0].reason}"
        elif code in mismatch:
            r = mismatch[code]
            reason = (
                f"the census yearbooks' 2010 and 2020 territories differ (population gap {r.gap_2010_pct:+.1f} % in "
                f"2010, {r.gap_2020_pct:+.1f} % in 2020 against the boundary-adjusted figures)"
            )
        else:
            reason = "ceded land to a Xinjiang Production and Construction Corps city created after 2010"
        out[code] = reason
    return out


def change_inputs(t: Tables) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series, pd.Series]:
    """Census 2010 (re-keyed to 2020 codes) and 2020 unit matrices and the national totals."""

    def build(tt):
        base = quiet(harmonise_adcodes, census_matrix(tt, 2010, MAP_UNIT_TYPES))
        return base, census_matrix(tt, 2020, MAP_UNIT_TYPES), census_nation(tt, 2010), census_nation(tt, 2020)

    return t.derived("sector:change_inputs", build)


def change_notes(index: pd.Index, base_index: pd.Index) -> tuple[pd.Series, np.ndarray]:
    """Flag text and "blocked" mask of the units of a 2010→2020 comparison."""
    excluded = change_excluded()
    notes, blocked = [], []
    for code in index:
        if code in excluded:
            notes.append(f"no 2010→2020 change: {excluded[code]}")
            blocked.append(True)
        elif code not in base_index:
            notes.append("no 2010→2020 change: not a census unit in 2010 (created after the 2010 census)")
            blocked.append(True)
        else:
            notes.append("")
            blocked.append(False)
    return pd.Series(notes, dtype=object), np.array(blocked, dtype=bool)
