"""The "sector" family (产业潜力 / Sector potential): registry entries and store recipes.

Every indicator here is computed from the vendored tables by the functions of :mod:`indicators.sector`
and stored like any other registry indicator (map, hover, CSV API). Two kinds of data are used, and
each entry's description says which:

* **19 census sectors** (``census_employment_by_industry_2010_2020.csv``): employed persons aged 16+
  in the ~10 % long-form sample of the 2010 and 2020 censuses, by GB/T 4754 section (international
  organisations left out: mostly blank). Levels are sample counts, so only ratios are used:

  - ``lq_census_<sector>`` (2010, 2020): location quotient against the nation;
  - ``lqp_census_<sector>`` (2010, 2020): location quotient against the unit's own province;
  - ``ss_competitive_<sector>`` (2020): competitive shift 2010→2020 as % of the 2010 sector employment;
  - ``sector_potential`` (2020): number of potential sectors (:func:`indicators.sector.sector_potential_score`);
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
>>> from indicators.registry import get_indicator
>>> get_indicator("lq_census_manuf").family, get_indicator("ss_competitive_ict").diverging
('sector', True)
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd

from indicators.regions import ADCODE_MERGES_2010_2020, BOUNDARY_CHANGED_2010_2020, harmonise_adcodes
from indicators.sector import (
    ANALYSIS_SECTORS,
    CENSUS_UNIT_TYPES,
    MAP_UNIT_TYPES,
    NATION_UNIT_TYPES,
    POTENTIAL_SECTORS,
    SECTORS,
    THREE_SECTORS,
    census_national_totals,
    census_sector_matrix,
    herfindahl_index,
    krugman_specialisation_index,
    location_quotient,
    sector_potential_score,
)

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


# --------------------------------------------------------------------------------------------------
# Registry entries
# --------------------------------------------------------------------------------------------------

_CENSUS19_EN = (
    "Data: the 19 census sectors — employed persons aged 16+ in the 2010 and 2020 census long-form "
    "sample (~10 %), by place of residence, formal and informal (GB/T 4754 sections; international "
    "organisations left out)."
)
_CENSUS19_ZH = "数据：19个普查行业——2010、2020年人口普查长表样本（约10%）中按常住地统计的16岁及以上就业人口（含非正规就业，国民经济行业门类，不含国际组织）。"
_EMP3_EN = (
    "Data: three broad sectors — shares of year-end unit employment (年末单位从业人员, China City "
    "Statistical Yearbook), 2006–2019."
)
_EMP3_ZH = "数据：三次产业——年末单位从业人员的产业构成（《中国城市统计年鉴》），2006–2019年。"
_VA3_EN = (
    "Data: three broad sectors — value added of primary, secondary and tertiary industry as a share of GDP, 2000–2023."
)
_VA3_ZH = "数据：三次产业——第一、二、三产业增加值占地区生产总值的比重，2000–2023年。"

_SAMPLE_EN = (
    "Ratios of a ~10 % sample, not counts: small units' values for small sectors are noisy (smallest 2020 "
    "sample 939 persons). 2010 uses the GB/T 4754-2002 equivalents of the sections."
)
_SAMPLE_ZH = (
    "约10%抽样样本的比值而非人数：小单位小行业的数值噪声大（2020年最小样本939人）。2010年为GB/T 4754-2002对应门类。"
)
_CHANGE_EN = (
    "Compared on 2020 codes. Units whose territory differs between the censuses are blank with a flag: "
    "合肥, 芜湖, 马鞍山 (巢湖 dissolved 2011), 铜陵/安庆 (枞阳 2015), 淮南/六安 (寿县 2015), 成都/资阳 "
    "(简阳 2016), the six Xinjiang prefectures that ceded land to XPCC cities created after 2010, and the "
    "census-yearbook territory mismatches of the store (长春/四平, 宜昌, 仙桃, 西安, 咸阳). XPCC cities "
    "created after 2010 have no 2010 figures. 济南's 2010 figures include 莱芜 (merged 2019): compared on "
    "its 2020 territory."
)
_CHANGE_ZH = (
    "按2020年代码比较。两次普查间区划不同的单位为空值并附说明：合肥、芜湖、马鞍山（2011年撤销巢湖）、铜陵/安庆"
    "（2015年枞阳）、淮南/六安（2015年寿县）、成都/资阳（2016年简阳）、因2010年后新设兵团城市而划出土地的新疆六个地州，"
    "以及存储中普查年鉴区划不一致的单位（长春/四平、宜昌、仙桃、西安、咸阳）。2010年后新设的兵团城市无2010年数据。"
    "济南2010年数据含莱芜（2019年并入），按2020年区划比较。"
)
_CENSUS_ROWS_EN = (
    "Province values come from the census table's own province rows (municipalities: their own rows); "
    "national = the same formula over the sums of the 31 province-level rows."
)


def _lq_formula(reference: str) -> str:
    ref = (
        "E = the nation, the sum of the table's 31 province-level rows of the same census"
        if reference == "nation"
        else "E = the unit's province, the table's province row (a municipality is its own province: LQ = 1)"
    )
    return (
        "LQ_ij = (e_ij / e_i) / (E_j / E); e_ij = sample employed persons of unit i in sector j, "
        f"e_i = their sum over the 19 sectors; {ref}"
    )


def _entries() -> list[dict]:
    from indicators.catalog import (
        BREAK_RULE_EN,
        BREAK_RULE_ZH,
        CENSUS_2010_EN,
        CENSUS_2010_ZH,
        RATIO_NOTE,
    )

    out: list[dict] = []
    census = dict(table="census_industry", years=CENSUS_YEARS)
    out.append(
        dict(
            key=POTENTIAL_KEY,
            label_zh="产业潜力得分（潜力行业个数）",
            label_en="Sector potential score (number of potential sectors)",
            description_en=(
                "Number of market non-farm sectors in which the unit is specialised and gaining ground, both "
                "within its own economy and in the national market, 2010→2020. " + _CENSUS19_EN
            ),
            description_zh="本地专业化且在本地经济和全国市场中均在扩张的非农市场行业个数（2010→2020）。" + _CENSUS19_ZH,
            unit_zh="个行业（0–17）",
            unit_en="sectors (0–17)",
            decimals=0,
            table="census_industry",
            columns="emp_sample_<sector>_persons of the 17 market non-farm sectors, 2010 and 2020",
            years=(2020,),
            formula=(
                "Count of the 17 market non-farm census sectors j (all but agriculture and public administration) "
                "with, on shares within those 17 sectors: LQ_2020 ≥ 1; LQ_2020 > LQ_2010; positive competitive "
                "shift e_ij,2020 − e_ij,2010 × E_j,2020 / E_j,2010 > 0 (E = nation, the 31 province-level rows); "
                "and ≥ 50 sample persons in 2020 (indicators.sector.sector_potential_score, method 'count', "
                "criterion 'both')"
            ),
            direction="higher_better",
            classification="fisher_jenks",
            palette="Greens",
            caveat_en=_SAMPLE_EN + " " + _CHANGE_EN,
            caveat_zh=_SAMPLE_ZH + _CHANGE_ZH,
            aggregation="none",
            aggregation_note="A count per unit; no province or national value.",
            tags=("census19", "change"),
        )
    )
    out.append(
        dict(
            key=KRUGMAN_KEY,
            label_zh="克鲁格曼专业化指数（19个普查行业）",
            label_en="Krugman specialisation index (19 census sectors)",
            description_en=(
                "How different the unit's employment structure is from the nation's: 0 = the same mix, 2 = no "
                "sector in common. " + _CENSUS19_EN
            ),
            description_zh="本地就业结构与全国的差异：0表示结构相同，2表示没有共同行业。" + _CENSUS19_ZH,
            unit_zh="指数（0–2）",
            unit_en="index (0–2)",
            decimals=3,
            columns="emp_sample_<sector>_persons of the 19 sectors",
            formula="K_i = Σ_j |e_ij / e_i − E_j / E| over the 19 sectors; E = the nation (31 province-level rows)",
            direction="neutral",
            palette="Purples",
            caveat_en=_SAMPLE_EN + " " + CENSUS_2010_EN,
            caveat_zh=_SAMPLE_ZH + CENSUS_2010_ZH,
            aggregation="none",
            aggregation_note="An index per unit; no province or national value.",
            tags=("census19",),
            **census,
        )
    )
    out.append(
        dict(
            key=HERFINDAHL_KEY,
            label_zh="就业赫芬达尔指数（19个普查行业）",
            label_en="Herfindahl index of employment (19 census sectors)",
            description_en=(
                "Concentration of the unit's jobs in few sectors: 1/19 ≈ 0.053 = spread evenly, 1 = one sector. "
                + _CENSUS19_EN
            ),
            description_zh="本地就业集中于少数行业的程度：1/19≈0.053为均匀分布，1为全部集中于一个行业。" + _CENSUS19_ZH,
            unit_zh="指数（1/19–1）",
            unit_en="index (1/19–1)",
            decimals=3,
            columns="emp_sample_<sector>_persons of the 19 sectors",
            formula="H_i = Σ_j (e_ij / e_i)² over the 19 sectors",
            direction="neutral",
            palette="Purples",
            caveat_en=_SAMPLE_EN + " Agriculture dominates rural units' index. " + CENSUS_2010_EN,
            caveat_zh=_SAMPLE_ZH + "农村地区的指数主要由农业决定。" + CENSUS_2010_ZH,
            aggregation="none",
            aggregation_note="An index per unit; no province or national value.",
            tags=("census19",),
            **census,
        )
    )
    for reference in ("nation", "province"):
        for s in ANALYSIS_SECTORS:
            sec = SECTORS[s]
            nation = reference == "nation"
            out.append(
                dict(
                    key=lq_key(s, reference),
                    label_zh=f"区位商（{'全国' if nation else '相对本省'}，普查）：{sec.label_zh}",
                    label_en=f"Location quotient{'' if nation else ' vs province'} (census): {sec.label_en}",
                    description_en=(
                        f"Share of the unit's jobs in {sec.label_en.lower()} divided by the "
                        f"{'national' if nation else 'provincial'} share; above 1 = more specialised than the "
                        f"{'nation' if nation else 'province'}. " + _CENSUS19_EN
                    ),
                    description_zh=(
                        f"本地{sec.label_zh}就业比重除以{'全国' if nation else '本省'}比重；大于1表示比"
                        f"{'全国' if nation else '本省'}更专业化。" + _CENSUS19_ZH
                    ),
                    unit_zh="比值（全国=1）" if nation else "比值（本省=1）",
                    unit_en="ratio (nation = 1)" if nation else "ratio (province = 1)",
                    decimals=2,
                    columns=f"emp_sample_{s}_persons, emp_sample_<sector>_persons of the 19 sectors",
                    formula=_lq_formula(reference),
                    direction="neutral",
                    palette="YlGnBu" if nation else "Blues",
                    caveat_en=_SAMPLE_EN + " " + CENSUS_2010_EN,
                    caveat_zh=_SAMPLE_ZH + CENSUS_2010_ZH,
                    aggregation="ratio" if nation else "none",
                    aggregation_note=(
                        "Σ e_ij / Σ (e_i × E_j / E): the province's LQ against the nation. "
                        + _CENSUS_ROWS_EN
                        + " The national value is 1 by construction."
                        if nation
                        else "Against its own province every province is 1; no province or national value."
                    ),
                    tags=("census19", "lq", f"reference:{reference}", f"sector:{s}"),
                    **census,
                )
            )
    for s in ANALYSIS_SECTORS:
        sec = SECTORS[s]
        out.append(
            dict(
                key=f"ss_competitive_{s}",
                label_zh=f"竞争偏离分量（2010→2020）：{sec.label_zh}",
                label_en=f"Competitive shift 2010→2020: {sec.label_en}",
                description_en=(
                    f"How much faster (+) or slower (−) {sec.label_en.lower()} grew in the unit than in the nation, "
                    "2010→2020: the competitive component of a shift-share decomposition, as % of the unit's "
                    "2010 employment in the sector. " + _CENSUS19_EN
                ),
                description_zh=(
                    f"2010→2020年本地{sec.label_zh}增长快于（+）或慢于（−）全国的部分：偏离-份额分解的竞争分量，"
                    "以本地该行业2010年就业的百分比表示。" + _CENSUS19_ZH
                ),
                unit_zh="占2010年该行业就业的%",
                unit_en="% of 2010 sector employment",
                decimals=1,
                table="census_industry",
                columns=f"emp_sample_{s}_persons, 2010 and 2020",
                years=(2020,),
                formula=(
                    f"(e_j,2020 − e_j,2010 × E_j,2020 / E_j,2010) / e_j,2010 × 100 = (g_ij − G_j) × 100, j = {s}; "
                    "e = the unit's sample employed persons, E = the nation (31 province-level rows); NaN when "
                    f"e_j,2010 = 0; flagged when e_j,2010 < {MIN_BASE_COUNT:g} sample persons"
                ),
                direction="higher_better",
                palette="RdBu",
                diverging=True,
                caveat_en=(
                    "Valid as a decomposition of sample counts: with a uniform sampling fraction the "
                    "component is the full-count one scaled by a common factor, and as % of base the factor "
                    "cancels. " + _SAMPLE_EN + " " + _CHANGE_EN
                ),
                caveat_zh="对抽样人数的分解仍然有效：抽样比例统一时，以基期百分比表示的竞争分量与全数一致。"
                + _SAMPLE_ZH
                + _CHANGE_ZH,
                aggregation="ratio",
                aggregation_note=(
                    "Σ competitive / Σ 2010 employment × 100 over the table's province rows; national = the same "
                    "over the 31 province-level rows, 0 by construction (the nation grows at the national rate)."
                ),
                tags=("census19", "change", f"sector:{s}"),
            )
        )
    for kind in ("emp", "va"):
        for s, (zh, en) in THREE_SECTORS.items():
            emp = kind == "emp"
            out.append(
                dict(
                    key=f"lq_{kind}_{s}",
                    label_zh=f"{'单位从业人员' if emp else '增加值'}区位商：{zh}",
                    label_en=f"Location quotient of {'unit employment' if emp else 'value added'}: {en}",
                    description_en=(
                        f"Share of {en.lower()} in the unit's {'unit employment' if emp else 'GDP'} divided by the "
                        "share in all covered units; above 1 = more specialised than the nation. "
                        + (_EMP3_EN if emp else _VA3_EN)
                    ),
                    description_zh=(
                        f"本地{'单位从业人员' if emp else '地区生产总值'}中{zh}的比重除以全部覆盖单位的比重；大于1表示比全国更专业化。"
                        + (_EMP3_ZH if emp else _VA3_ZH)
                    ),
                    unit_zh="比值（全国=1）",
                    unit_en="ratio (nation = 1)",
                    decimals=2,
                    table="employment_sectors" if emp else "gdp",
                    columns=(f"emp_share_{s}_pct, emp_units_total_10k" if emp else f"gdp_{s}_100m_yuan, gdp_100m_yuan"),
                    years=EMP_YEARS if emp else VA_YEARS,
                    formula=(
                        (
                            f"LQ_i = s_i / S; s_i = emp_share_{s}_pct / 100; S = Σ emp_units_total × s / Σ emp_units_total "
                            "over the units with an unflagged value that year"
                        )
                        if emp
                        else (
                            f"LQ_i = (gdp_{s}_i / gdp_i) / (Σ gdp_{s} / Σ gdp) over the units with an unflagged "
                            "value that year"
                        )
                    ),
                    direction="neutral",
                    palette={"primary": "Greens", "secondary": "OrRd", "tertiary": "Blues"}[s],
                    caveat_en=(
                        (
                            "Unit employment, not all workers; the table has no national row, so the nation is the "
                            "sum of the covered units (about 280–296 cities). Flagged values (series breaks) are "
                            "left out of the nation. "
                            + (
                                "Primary industry is only 2–3 % of unit employment nationally (state farms, "
                                "forestry bureaus), so its LQs span a wide range (up to about 48). "
                                if s == "primary"
                                else ""
                            )
                            + BREAK_RULE_EN
                        )
                        if emp
                        else (
                            "The table has no national row: the nation is the sum of the covered units. Rows whose "
                            "sector sum differs from GDP by more than 5 % are flagged and left out of the nation. "
                            + BREAK_RULE_EN
                        )
                    ),
                    caveat_zh=(
                        "单位从业人员口径，非全部就业；表中无全国行，全国取当年全部覆盖单位之和，被标记的数值不计入。"
                        + (
                            "第一产业仅占全国单位从业人员的2–3%（国营农场、林业局等），其区位商分布很宽（最高约48）。"
                            if s == "primary"
                            else ""
                        )
                        if emp
                        else "表中无全国行，全国取当年全部覆盖单位之和；三次产业之和与GDP相差超过5%的行被标记且不计入全国。"
                    )
                    + BREAK_RULE_ZH,
                    aggregation="ratio",
                    aggregation_note=(
                        "Σ e_i / Σ (total_i × S) over the units with unflagged values: the province's LQ against "
                        "the covered nation; the national value is 1 by construction. " + RATIO_NOTE
                    ),
                    tags=("three_sector", "lq", f"sector:{s}"),
                )
            )
    return out


def register_sector_indicators() -> None:
    """Add the family's entries to :data:`indicators.registry.REGISTRY` (idempotent).

    Called by :mod:`indicators.catalog` on import, so importing the registry gives the full registry.
    """
    from indicators.catalog import CSV, SOURCES
    from indicators.registry import REGISTRY, Indicator, register

    for spec in _entries():
        if spec["key"] in REGISTRY:
            continue
        table = spec.pop("table")
        spec.setdefault("source_en", SOURCES[table][0])
        spec.setdefault("source_zh", SOURCES[table][1])
        spec["source_table"] = f"{CSV[table]}: {spec.pop('columns')}"
        register(Indicator(family=FAMILY, **spec))


# --------------------------------------------------------------------------------------------------
# Recipes (run by indicators.store at build time)
# --------------------------------------------------------------------------------------------------


def _quiet(func: Callable, *args, **kwargs):
    """Call ``func`` with the expected warnings of the census comparison logged instead of shown."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = func(*args, **kwargs)
    for w in caught:
        logger.debug("%s: %s", getattr(func, "__name__", "call"), w.message)
    return out


def _matrix(t, year: int, unit_types: tuple[str, ...]) -> pd.DataFrame:
    """Census sample matrix (units x 19 sectors) of one year, reconciled codes, computed once per build."""
    return t.derived(
        f"sector:matrix:{year}:{','.join(unit_types)}",
        lambda tt: census_sector_matrix(tt["census_industry"], year, unit_types=unit_types),
    )


def _nation(t, year: int) -> pd.Series:
    return t.derived(f"sector:nation:{year}", lambda tt: census_national_totals(tt["census_industry"], year))


def _unit_types(t, year: int) -> pd.Series:
    c = t["census_industry"]
    return c[c.year == year].set_index("adcode")["unit_type"]


def _agri_notes(t) -> pd.Series:
    """The table's agriculture correction notes (Hebei 2010) keyed by ``(adcode, year)``."""
    c = t["census_industry"]
    note = c.data_note.fillna("").astype(str)
    note = note.where(note.str.startswith("agri"), "")
    return pd.Series(note.to_numpy(), index=pd.MultiIndex.from_arrays([c.adcode, c.year]))


def _frame(index: pd.Index, year: int, unit_type: pd.Series | None = None) -> pd.DataFrame:
    out = pd.DataFrame({"adcode": index.astype(str), "year": year})
    if unit_type is not None:
        out["unit_type"] = unit_type.reindex(index).to_numpy()
    return out


def _lq_nation(sector: str) -> Callable:
    def compute(t) -> pd.DataFrame:
        from indicators import store as st

        parts = []
        notes = _agri_notes(t)
        for year in CENSUS_YEARS:
            mat = _matrix(t, year, CENSUS_UNIT_TYPES)
            nat = _nation(t, year)
            lq = t.derived(
                f"sector:lq_nation:{year}", lambda tt, m=mat, n=nat: location_quotient(m, reference_totals=n)
            )
            frame = _frame(mat.index, year, _unit_types(t, year))
            flags = st._mismatch_flags(frame)
            if sector == "agri":
                agri = pd.Series([notes.get((c, year), "") for c in frame.adcode], index=frame.index, dtype=object)
                flags = st._join_series(flags, agri)
            expected = mat.sum(axis=1) * float(nat[sector] / nat.sum())
            parts.append(st._rows(frame, lq[sector], [mat[sector], expected], flags, informational=True))
        return pd.concat(parts, ignore_index=True)

    return compute


def _lq_province(sector: str) -> Callable:
    def compute(t) -> pd.DataFrame:
        from indicators import store as st

        parts = []
        for year in CENSUS_YEARS:
            mat = _matrix(t, year, MAP_UNIT_TYPES)
            ref = _matrix(t, year, NATION_UNIT_TYPES)
            lq = t.derived(
                f"sector:lq_province:{year}",
                lambda tt, m=mat, r=ref: location_quotient(m, reference="province", reference_totals=r),
            )
            frame = _frame(mat.index, year)
            own = pd.Series(
                [
                    "a municipality is its own province: LQ = 1 by definition" if c in st.MUNICIPALITIES else ""
                    for c in frame.adcode
                ],
                index=frame.index,
                dtype=object,
            )
            flags = st._join_series(st._mismatch_flags(frame), own)
            parts.append(st._rows(frame, lq[sector], flag=flags, level="unit", informational=True))
        return pd.concat(parts, ignore_index=True)

    return compute


def _structure(kind: str) -> Callable:
    def compute(t) -> pd.DataFrame:
        from indicators import store as st

        parts = []
        for year in CENSUS_YEARS:
            mat = _matrix(t, year, MAP_UNIT_TYPES)
            if kind == "krugman":
                value = krugman_specialisation_index(mat, reference_totals=_nation(t, year))
            else:
                value = herfindahl_index(mat)
            frame = _frame(mat.index, year)
            parts.append(st._rows(frame, value, flag=st._mismatch_flags(frame), level="unit", informational=True))
        return pd.concat(parts, ignore_index=True)

    return compute


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
    from indicators import codes

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


def _change_inputs(t) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series, pd.Series]:
    """Census 2010 (re-keyed to 2020 codes) and 2020 unit matrices and the national totals."""

    def build(tt):
        base = _quiet(harmonise_adcodes, _matrix(tt, 2010, MAP_UNIT_TYPES))
        return base, _matrix(tt, 2020, MAP_UNIT_TYPES), _nation(tt, 2010), _nation(tt, 2020)

    return t.derived("sector:change_inputs", build)


def _change_notes(index: pd.Index, base_index: pd.Index) -> tuple[pd.Series, np.ndarray]:
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


def _competitive(sector: str) -> Callable:
    def compute(t) -> pd.DataFrame:
        from indicators import store as st

        base, end, nat0, nat1 = _change_inputs(t)
        growth = float(nat1[sector] / nat0[sector])  # 1 + G_j
        e1 = end[sector]
        e0 = base[sector].reindex(end.index)
        notes, blocked = _change_notes(end.index, base.index)
        competitive = np.array(e1 - e0 * growth, dtype=float)
        e0v = np.array(e0, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where(e0v > 0, competitive / e0v * 100.0, np.nan)
        small = []
        for i, (b, n) in enumerate(zip(e0v, notes, strict=True)):
            if n:
                small.append(n)
            elif not b > 0:
                small.append(f"no {sector} sample persons in 2010: share of base undefined")
            elif b < MIN_BASE_COUNT:
                small.append(f"2010 sample of {b:g} persons in {sector} (< {MIN_BASE_COUNT:g}): noisy")
            else:
                small.append("")
            if blocked[i]:
                value[i] = np.nan
                competitive[i] = np.nan
                e0v[i] = np.nan
        frame = _frame(end.index, 2020)
        units = st._rows(frame, value, [competitive, e0v], pd.Series(small, dtype=object), level="unit")
        # province rows: the table's own province rows (provinces kept their territory)
        p0 = _matrix(t, 2010, ("province",))[sector]
        p1 = _matrix(t, 2020, ("province",))[sector].reindex(p0.index)
        pc = p1 - p0 * growth
        prov = st._rows(_frame(p0.index, 2020), pc / p0.where(p0 > 0) * 100.0, [pc, p0], level="province")
        return pd.concat([units, prov], ignore_index=True)

    return compute


def _potential(t) -> pd.DataFrame:
    from indicators import store as st

    base, end, nat0, nat1 = _change_inputs(t)
    score = _quiet(sector_potential_score, base, end, nat0, nat1, sectors=POTENTIAL_SECTORS)
    notes, blocked = _change_notes(score.index, base.index)
    value = np.array(score, dtype=float)
    value[blocked] = np.nan
    return st._rows(_frame(score.index, 2020), value, flag=notes, level="unit")


def _three_sector_lq(kind: str, sector: str) -> Callable:
    def compute(t) -> pd.DataFrame:
        from indicators import store as st

        if kind == "emp":
            tab = t["employment_sectors"]
            total = tab.emp_units_total_10k.astype(float)
            part = total * tab[f"emp_share_{sector}_pct"].astype(float) / 100.0
            flags = t.breaks("employment_sectors", "emp_units_total_10k", "unit employment")
        else:
            tab = t["gdp"]
            total = tab.gdp_100m_yuan.astype(float)
            part = tab[f"gdp_{sector}_100m_yuan"].astype(float)
            flags = st._gdp_flags(t)
        ok = part.notna() & total.notna() & (total > 0) & (flags.reindex(tab.index).fillna("") == "")
        share = (part[ok].groupby(tab.year[ok]).sum() / total[ok].groupby(tab.year[ok]).sum()).rename("S")
        expected = (total * tab.year.map(share)).where(part.notna())
        with np.errstate(divide="ignore", invalid="ignore"):
            value = part / expected
        return st._rows(tab, value, [part, expected], flags, level="unit")

    return compute


def sector_recipes() -> dict:
    """``key -> indicators.store.Recipe`` for every key of :func:`sector_keys` (used by the store)."""
    from indicators.store import Recipe, _ratio

    recipes = {
        POTENTIAL_KEY: Recipe(_potential),
        KRUGMAN_KEY: Recipe(_structure("krugman")),
        HERFINDAHL_KEY: Recipe(_structure("herfindahl")),
    }
    for s in ANALYSIS_SECTORS:
        recipes[lq_key(s, "nation")] = Recipe(_lq_nation(s), _ratio(1.0))
        recipes[lq_key(s, "province")] = Recipe(_lq_province(s))
        recipes[f"ss_competitive_{s}"] = Recipe(_competitive(s), _ratio(100.0))
    for s in THREE_SECTORS:
        recipes[f"lq_emp_{s}"] = Recipe(_three_sector_lq("emp", s), _ratio(1.0))
        recipes[f"lq_va_{s}"] = Recipe(_three_sector_lq("va", s), _ratio(1.0))
    return recipes


# Importing this module first must still give the full registry (the catalog calls
# register_sector_indicators, defined above, at the end of its own import).
import indicators.registry  # noqa: E402,F401
