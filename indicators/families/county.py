"""The county-level indicators (``levels`` includes ``"county"``), declared with their recipes.

Figures come from the county census table (``census_county_2010_2020.csv.gz``, section 11 of
``indicators/data/SOURCES.md``) re-keyed by the crosswalks of :mod:`indicators.county.crosswalk`. A key
that also exists at prefecture level (``pop_resident``, ``census_emp_share_manuf`` …) keeps its labels,
unit, palette and direction, and gets its own county entry in :data:`indicators.registry.COUNTY_REGISTRY`
(source, years, formula, caveat); the prefecture entry's ``levels`` then lists both. County-only keys:
``avg_schooling_years``, ``illiteracy_rate``, ``lqf_census_<sector>`` (LQ against the unit's own
prefecture), ``occ_share_professional_technical``, ``occ_share_production_transport``,
``renting_households_pct``.

Each recipe is ``compute(year) -> (values, notes)`` on the year's county frame
(:func:`indicators.county.units.county_frame`), see :mod:`indicators.county.values`.

Examples
--------
>>> from indicators.registry import COUNTY_REGISTRY, get_indicator
>>> COUNTY_REGISTRY["pop_resident"].levels, get_indicator("pop_resident").levels
(('prefecture', 'county'), ('prefecture', 'county'))
>>> COUNTY_REGISTRY["avg_schooling_years"].unit_en, get_indicator("gdp").levels
('years', ('prefecture',))
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np
import pandas as pd

from indicators.families.common import CSV, SOURCES
from indicators.registry import COUNTY_REGISTRY, REGISTRY, Indicator, register_county
from indicators.sector import ANALYSIS_SECTORS, POTENTIAL_SECTORS, get_sector

BOTH = ("prefecture", "county")
YEARS = (2010, 2020)
#: Key -> ``compute(year) -> (values, notes)``; filled with :data:`indicators.registry.COUNTY_REGISTRY`.
COUNTY_RECIPES: dict[str, Callable[[int], tuple[pd.Series, pd.Series]]] = {}

COUNTY_CAVEAT_EN = (
    "County figures on each census's units, re-keyed to today's boundaries by a crosswalk (units merged "
    "after the census are summed, shares recomputed from the sums). Functional zones (development zones, new "
    "areas) are listed but not drawn; 45 uncoded zones of 2020 (13.6 M residents) are in no county row."
)
COUNTY_CAVEAT_ZH = (
    "县级数据按各次普查的统计单元，经对照表对应到现行边界（普查后合并的单元按计数加总后重算比重）。"
    "功能区（开发区、新区）列出但不上图；2020年另有45个无代码功能区（1360万人）不在任何县级行中。"
)
SAMPLE_EN = "Shares of the ~10 % long-form sample (sample persons or households, not totals): small units are noisy."
SAMPLE_ZH = "长表抽样（约10%）比重，非总量；小单位数值波动较大。"


def _frame(year: int) -> pd.DataFrame:
    from indicators.county.units import county_frame

    return county_frame(year)


def declare_county(compute: Callable, *, key: str, columns: str, like: str | None = None, **kw) -> Indicator:
    """Register a county entry: from the prefecture entry ``like`` (labels, unit, palette …) or from ``kw``."""
    kw.setdefault("source_en", SOURCES["census_county"][0])
    kw.setdefault("source_zh", SOURCES["census_county"][1])
    kw["source_table"] = f"{CSV['census_county']}: {columns}"
    kw.setdefault("years", YEARS)
    kw["caveat_en"] = " ".join(p for p in (kw.get("caveat_en", ""), COUNTY_CAVEAT_EN) if p)
    kw["caveat_zh"] = "".join(p for p in (kw.get("caveat_zh", ""), COUNTY_CAVEAT_ZH) if p)
    kw.setdefault("aggregation", "none")
    kw.setdefault("aggregation_note", "County level: no province or national value is derived from the county rows.")
    if like is not None:
        base = REGISTRY[like]
        kw.setdefault("formula", base.formula)
        indicator = dataclasses.replace(base, key=key, levels=BOTH, tags=base.tags + ("county",), **kw)
        REGISTRY[like] = dataclasses.replace(base, levels=BOTH)
    else:
        indicator = Indicator(key=key, levels=("county",), tags=("county",), **kw)
    register_county(indicator)
    COUNTY_RECIPES[key] = compute
    return indicator


def _share(numerator: str, denominator: str, scale: float = 100.0) -> Callable:
    def compute(year: int):
        from indicators.county.values import share

        return share(_frame(year), numerator, denominator, scale)

    return compute


def _column(name: str, scale: float = 1.0) -> Callable:
    def compute(year: int):
        from indicators.county.values import column

        return column(_frame(year), name, scale)

    return compute


declare_county(
    _column("pop_resident", 1e-4),
    key="pop_resident",
    like="pop_resident",
    columns="pop_resident",
    description_en="Census resident population (常住人口) on 1 November of the census year, county-level unit.",
    formula="pop_resident / 10,000",
)
declare_county(
    _share("pop_urban", "pop_resident"),
    key="urbanisation_rate",
    like="urbanisation_rate",
    columns="pop_urban, pop_resident",
    formula="pop_urban / pop_resident × 100",
)


def _pop_change(year: int):
    from indicators.county.values import pct_change

    return pct_change(_frame(2010), _frame(2020), "pop_resident")


declare_county(
    _pop_change,
    key="pop_change_2010_2020",
    like="pop_change_2010_2020",
    columns="pop_resident 2010 and 2020",
    years=(2020,),
    formula="(pop_resident_2020 / pop_resident_2010 − 1) × 100, units with an unchanged territory only",
    caveat_en=(
        "No value where the territory changed between the censuses (indicators/data/county_codes_2010_2020.csv: "
        "a conservative rule — every unit of a prefecture whose county list changed is left out)."
    ),
    caveat_zh="两次普查间区划变动的单位不计算（见 county_codes_2010_2020.csv，规则从严：县级单元有变动的地级区内全部不计）。",
)
declare_county(
    _share("hukou_elsewhere_other_province", "pop_resident"),
    key="migrants_other_prov_pct",
    like="migrants_other_prov_pct",
    columns="hukou_elsewhere_other_province, pop_resident",
    formula="hukou_elsewhere_other_province / pop_resident × 100",
)
declare_county(
    _share("hukou_elsewhere_other_county_in_province", "pop_resident"),
    key="migrants_other_county_pct",
    like="migrants_other_county_pct",
    columns="hukou_elsewhere_other_county_in_province, pop_resident",
    formula="hukou_elsewhere_other_county_in_province / pop_resident × 100",
)
declare_county(
    _column("avg_schooling_years"),
    key="avg_schooling_years",
    family="population",
    label_zh="平均受教育年限",
    label_en="Average years of schooling",
    description_en="Average years of schooling of residents aged 6 and over (census).",
    description_zh="6岁及以上常住人口平均受教育年限（人口普查）。",
    unit_zh="年",
    unit_en="years",
    decimals=2,
    columns="avg_schooling_years",
    higher_en="more years of schooling",
    higher_zh="受教育年限越长",
    direction="higher_better",
    palette="Blues",
    caveat_en="As published; not computable for units merged after the census (no counts of persons aged 6+).",
    caveat_zh="按公布值；普查后合并的单位无法重算（缺6岁及以上人口数）。",
)
declare_county(
    _column("illiteracy_rate_pct"),
    key="illiteracy_rate",
    family="population",
    label_zh="文盲率",
    label_en="Illiteracy rate",
    description_en="Illiterate persons as a share of residents aged 15 and over (census).",
    description_zh="15岁及以上常住人口中文盲人口的比重（人口普查）。",
    unit_zh="%",
    unit_en="%",
    decimals=2,
    columns="illiteracy_rate_pct",
    higher_en="more adults who cannot read",
    higher_zh="文盲人口比重越高",
    direction="higher_worse",
    palette="OrRd",
    caveat_en="As published; not computable for units merged after the census (no counts of persons aged 15+).",
    caveat_zh="按公布值；普查后合并的单位无法重算（缺15岁及以上人口数）。",
)
for _occ, _zh, _en, _pal in (
    ("professional_technical", "专业技术人员占比", "Professional and technical workers", "Purples"),
    ("production_transport", "生产运输设备操作人员占比", "Production and transport workers", "OrRd"),
):
    declare_county(
        _share(f"occ_{_occ}", "occ_sample_total"),
        key=f"occ_share_{_occ}",
        family="employment",
        label_zh=_zh,
        label_en=f"Occupation share: {_en.lower()}",
        description_en=f"{_en} as a share of employed persons in the census long-form sample.",
        description_zh=f"长表抽样就业人口中{_zh[:-2]}的比重。",
        unit_zh="%",
        unit_en="%",
        decimals=1,
        columns=f"occ_{_occ}, occ_sample_total",
        formula=f"occ_{_occ} / occ_sample_total × 100",
        higher_en=f"a larger share of workers who are {_en[:1].lower() + _en[1:]}",
        higher_zh=f"{_zh[:-2]}比重越高",
        palette=_pal,
        caveat_en=SAMPLE_EN,
        caveat_zh=SAMPLE_ZH,
    )
declare_county(
    _share("households_renting", "households_sample"),
    key="renting_households_pct",
    family="migrant",
    label_zh="租房户占比",
    label_en="Renting households",
    description_en="Households living in rented housing as a share of households in the long-form sample.",
    description_zh="长表抽样家庭户中租赁住房户的比重。",
    unit_zh="%",
    unit_en="%",
    decimals=1,
    columns="households_renting, households_sample",
    formula="households_renting / households_sample × 100",
    higher_en="more households renting their home",
    higher_zh="租房户比重越高",
    palette="YlOrRd",
    caveat_en=SAMPLE_EN,
    caveat_zh=SAMPLE_ZH,
)


def _sector_share(sector: str) -> Callable:
    return _share(f"emp_sample_{sector}", "emp_sample_total")


def _lq(sector: str, reference: str) -> Callable:
    def compute(year: int):
        from indicators.county.values import location_quotients

        return location_quotients(_frame(year), year, sector, reference)

    return compute


_LQ_FORMULA = (
    "(e_is / e_i) / (E_s / E): e = the unit's sample employment over the 19 analysis sectors, E = the {ref}'s "
    "(rows of census_employment_by_industry_2010_2020.csv)"
)
for _s in ANALYSIS_SECTORS:
    _sec = get_sector(_s)
    declare_county(
        _sector_share(_s),
        key=f"census_emp_share_{_s}",
        like=f"census_emp_share_{_s}",
        columns=f"emp_sample_{_s}, emp_sample_total",
        formula=f"emp_sample_{_s} / emp_sample_total × 100",
        caveat_en=SAMPLE_EN,
        caveat_zh=SAMPLE_ZH,
    )
    declare_county(
        _lq(_s, "nation"),
        key=f"lq_census_{_s}",
        like=f"lq_census_{_s}",
        columns=f"emp_sample_<sector> (county) and table 7's 31 province-level rows ({_s})",
        formula=_LQ_FORMULA.format(ref="nation: sum of the 31 province-level rows"),
        caveat_en=SAMPLE_EN,
        caveat_zh=SAMPLE_ZH,
    )
    declare_county(
        _lq(_s, "province"),
        key=f"lqp_census_{_s}",
        like=f"lqp_census_{_s}",
        columns=f"emp_sample_<sector> (county) and table 7's province rows ({_s})",
        formula=_LQ_FORMULA.format(ref="unit's province"),
        caveat_en=SAMPLE_EN,
        caveat_zh=SAMPLE_ZH,
    )
    declare_county(
        _lq(_s, "prefecture"),
        key=f"lqf_census_{_s}",
        family="sector",
        label_zh=f"区位商（相对所在地级区）：{_sec.label_zh}",
        label_en=f"Location quotient vs own prefecture: {_sec.label_en}",
        description_en=(
            f"Employment share of {_sec.label_en.lower()} in the county relative to its share in the county's own "
            "prefecture (census long-form sample)."
        ),
        description_zh=f"县级单位{_sec.label_zh}就业比重与所在地级区该比重之比（人口普查长表抽样）。",
        unit_zh="比值（地级区 = 1）",
        unit_en="ratio (prefecture = 1)",
        decimals=2,
        columns=f"emp_sample_<sector> (county) and table 7's prefecture rows ({_s})",
        formula=_LQ_FORMULA.format(ref="unit's own prefecture"),
        higher_en=f"more specialised in {_sec.label_en[:1].lower() + _sec.label_en[1:]} than its prefecture (1 = the same share)",
        higher_zh=f"{_sec.label_zh}比所在地级区越专业化（1 = 比重相同）",
        palette="YlGnBu",
        caveat_en=SAMPLE_EN + " Province-administered county-level units have no prefecture above them.",
        caveat_zh=SAMPLE_ZH + "省直辖县级单位无上级地级区。",
    )


def _potential(year: int):
    from indicators.county.values import change_notes, nation_totals, sector_matrix
    from indicators.sector_change import sector_potential_score

    f10, f20 = _frame(2010), _frame(2020)
    comparable, notes = change_notes(f10, f20)
    base, end = sector_matrix(f10), sector_matrix(f20)
    both = base.index.intersection(end.index).intersection(comparable)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        score = sector_potential_score(
            base.loc[both], end.loc[both], nation_totals(2010), nation_totals(2020), sectors=POTENTIAL_SECTORS
        )
    value = pd.Series(np.nan, index=f20.index)
    value[score.index] = score.astype(float)
    return value, notes


declare_county(
    _potential,
    key="sector_potential",
    like="sector_potential",
    columns="emp_sample_<sector> of the 17 market non-farm sectors, 2010 and 2020",
    years=(2020,),
    caveat_en=(
        SAMPLE_EN + " Same method as the prefecture indicator on county units; units whose territory changed "
        "between the censuses have no value."
    ),
    caveat_zh=SAMPLE_ZH + "方法同地级指标；两次普查间区划变动的单位不计算。",
)

#: County keys in declaration order.
COUNTY_KEYS = tuple(COUNTY_REGISTRY)
