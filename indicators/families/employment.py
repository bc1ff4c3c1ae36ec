"""The "employment" family (就业): CCSY employment, wages and unemployment, CCSY and census sector shares.

Examples
--------
>>> from indicators.registry import get_indicator
>>> get_indicator("unemployment_rate_reg").direction, len(CENSUS_SHARE_SECTORS)
('higher_worse', 19)
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from indicators import codes
from indicators.families.common import (
    BREAK_RULE_EN,
    BREAK_RULE_ZH,
    CCSY_CAVEAT_EN,
    CCSY_CAVEAT_ZH,
    CENSUS_2010_EN,
    CENSUS_2010_ZH,
    CENSUS_ROWS_NOTE,
    RATIO_NOTE,
    SUM_NOTE,
    THREE_SECTOR_PALETTES,
    declare,
    span,
)
from indicators.ingest import CENSUS_SECTORS
from indicators.recipes import (
    Recipe,
    census_agri_notes,
    change_between,
    pct_change,
    per_census_resident,
    ratio,
    ratio_rows,
    rows,
)
from indicators.sector import THREE_SECTORS
from indicators.tables import Tables, join_series, mismatch_flags


def _ccsy(t: Tables) -> pd.DataFrame:
    return t["employment_wages"]


def _ccsy_flags(t: Tables, column: str, label: str) -> pd.Series:
    return t.breaks("employment_wages", column, label)


def _emp_count(column: str, label: str) -> Callable[[Tables], pd.DataFrame]:
    def compute(t: Tables) -> pd.DataFrame:
        emp = _ccsy(t)
        return rows(emp, emp[column], [emp[column]], _ccsy_flags(t, column, label), level="unit")

    return compute


declare(
    Recipe(_emp_count("emp_urban_nonprivate_units_10k", "employment")),
    key="emp_nonprivate",
    family="employment",
    label_zh="城镇非私营单位从业人员",
    label_en="Employment in urban non-private units",
    description_en="Persons employed in urban non-private units at year-end (城镇非私营单位从业人员数).",
    description_zh="城镇非私营单位年末从业人员数。",
    unit_zh="万人",
    unit_en="10,000 persons",
    decimals=1,
    table="employment_wages",
    columns="emp_urban_nonprivate_units_10k",
    years=span(2000, 2022),
    higher_en="more jobs in non-private units",
    higher_zh="非私营单位就业越多",
    direction="neutral",
    palette="Blues",
    aggregation="sum",
    aggregation_note=SUM_NOTE,
    caveat_en=CCSY_CAVEAT_EN,
    caveat_zh=CCSY_CAVEAT_ZH,
)


def _emp_per100_resident(t: Tables) -> pd.DataFrame:
    flags = _ccsy_flags(t, "emp_urban_nonprivate_units_10k", "employment")
    return per_census_resident(t, _ccsy(t), "emp_urban_nonprivate_units_10k", flags, "CCSY 2010 employment")


declare(
    Recipe(_emp_per100_resident, ratio()),
    key="emp_nonprivate_per100_resident",
    family="employment",
    label_zh="每百名常住人口城镇非私营单位从业人员",
    label_en="Non-private unit employment per 100 census residents",
    description_en="Urban non-private unit employment per 100 census residents; census years only.",
    description_zh="每百名普查常住人口的城镇非私营单位从业人员；仅普查年份。",
    unit_zh="人/百人",
    unit_en="persons per 100 residents",
    decimals=1,
    table="employment_wages",
    columns="emp_urban_nonprivate_units_10k; population_census_2010_2020.csv: pop_resident_10k",
    years=(2010, 2020),
    formula="emp_urban_nonprivate_units_10k / pop_resident_10k × 100 (census residents, 2010 and 2020)",
    higher_en="more non-private jobs per resident",
    higher_zh="每百名常住人口的非私营单位就业越多",
    direction="higher_better",
    palette="Blues",
    aggregation="ratio",
    aggregation_note="Σ employment / Σ residents × 100. " + RATIO_NOTE,
    caveat_en="Year-end employment over census residents (1 Nov). Restricted to census years. " + CCSY_CAVEAT_EN,
    caveat_zh="年末从业人员除以普查常住人口（11月1日），仅普查年份。" + CCSY_CAVEAT_ZH,
)


def _emp_per100_hukou(t: Tables) -> pd.DataFrame:
    emp = _ccsy(t)
    f = join_series(
        _ccsy_flags(t, "emp_urban_nonprivate_units_10k", "employment"),
        _ccsy_flags(t, "pop_hukou_10k", "hukou population"),
    )
    num, den = emp.emp_urban_nonprivate_units_10k, emp.pop_hukou_10k
    return ratio_rows(emp, num, den, f, level="unit")


declare(
    Recipe(_emp_per100_hukou, ratio()),
    key="emp_nonprivate_per100_hukou",
    family="employment",
    label_zh="每百名户籍人口城镇非私营单位从业人员",
    label_en="Non-private unit employment per 100 hukou residents",
    description_en="Urban non-private unit employment per 100 registered (hukou) population; yearly.",
    description_zh="每百名户籍人口的城镇非私营单位从业人员；逐年。",
    unit_zh="人/百人",
    unit_en="persons per 100 hukou population",
    decimals=1,
    table="employment_wages",
    columns="emp_urban_nonprivate_units_10k, pop_hukou_10k",
    years=span(2000, 2022, skip=(2020,)),
    formula="emp_urban_nonprivate_units_10k / pop_hukou_10k × 100 (hukou population, not residents)",
    higher_en="more non-private jobs per hukou resident",
    higher_zh="每百名户籍人口的非私营单位就业越多",
    direction="higher_better",
    palette="Blues",
    aggregation="ratio",
    aggregation_note="Σ employment / Σ hukou population × 100. " + RATIO_NOTE,
    caveat_en=(
        "Denominator is the hukou population, which overstates the population of migrant-sending cities and "
        "understates it in receiving cities; 2020 hukou is missing. " + CCSY_CAVEAT_EN
    ),
    caveat_zh="分母为户籍人口：人口流出地偏大、流入地偏小；2020年户籍缺失。" + CCSY_CAVEAT_ZH,
)
declare(
    Recipe(_emp_count("emp_urban_private_selfemployed_10k", "private/self-employed")),
    key="emp_private_selfemployed",
    family="employment",
    label_zh="城镇私营和个体从业人员",
    label_en="Urban private and self-employed workers",
    description_en="Urban private-enterprise and self-employed (individual) workers.",
    description_zh="城镇私营和个体从业人员。",
    unit_zh="万人",
    unit_en="10,000 persons",
    decimals=1,
    table="employment_wages",
    columns="emp_urban_private_selfemployed_10k",
    years=span(2002, 2019),
    higher_en="more private and self-employed workers",
    higher_zh="私营和个体就业人员越多",
    direction="neutral",
    palette="Greens",
    aggregation="sum",
    aggregation_note=SUM_NOTE,
    caveat_en="A noisy series: many year-on-year jumps are flagged. " + CCSY_CAVEAT_EN,
    caveat_zh="该序列波动大，许多跳变被标记。" + CCSY_CAVEAT_ZH,
)


def _emp_share(sector: str) -> Callable[[Tables], pd.DataFrame]:
    def compute(t: Tables) -> pd.DataFrame:
        s = t["employment_sectors"]
        share = s[f"emp_share_{sector}_pct"]
        total = s.emp_units_total_10k.where(share.notna())
        flags = t.breaks("employment_sectors", "emp_units_total_10k", "unit employment")
        return rows(s, share, [total * share / 100, total], flags, level="unit")

    return compute


for _sec, (_zh, _en) in THREE_SECTORS.items():
    _en = _en.lower()
    declare(
        Recipe(_emp_share(_sec), ratio()),
        key=f"emp_share_{_sec}",
        family="employment",
        label_zh=f"{_zh}从业人员比重（单位从业人员）",
        label_en=f"Share of unit employment in {_en}",
        description_en=f"Share of persons employed in units at year-end working in {_en} (CCSY).",
        description_zh=f"年末单位从业人员中{_zh}的比重（城市统计年鉴）。",
        unit_zh="%",
        unit_en="%",
        decimals=1,
        table="employment_sectors",
        columns=f"emp_share_{_sec}_pct, emp_units_total_10k",
        years=span(2006, 2019),
        higher_en=f"a larger share of unit jobs in {_en}",
        higher_zh=f"单位从业人员中{_zh}的比重越高",
        direction="neutral",
        palette=THREE_SECTOR_PALETTES[_sec],
        aggregation="ratio",
        aggregation_note=(
            "Σ (emp_units_total × share / 100) / Σ emp_units_total × 100 over units with both. " + RATIO_NOTE
        ),
        caveat_en=(
            "Unit employment (年末单位从业人员), not all workers. Series breaks (e.g. 银川 2014–2015, 78 万 "
            "against 35 万 before and after) are flagged. " + BREAK_RULE_EN
        ),
        caveat_zh="单位从业人员口径，非全部就业。序列断点（如银川2014–2015年78万，前后约35万）被标记。" + BREAK_RULE_ZH,
    )


def _census_share(sector: str) -> Callable[[Tables], pd.DataFrame]:
    def compute(t: Tables) -> pd.DataFrame:
        c = t["census_industry"]
        num, den = c[f"emp_sample_{sector}_persons"], c.emp_sample_total_persons
        flags = mismatch_flags(c)
        if sector == "agri":
            flags = join_series(flags, census_agri_notes(c))
        return ratio_rows(c, num, den, flags, informational=True)

    return compute


_SECTOR_LABELS = {
    "agri": ("农、林、牧、渔业", "Agriculture, forestry, animal husbandry and fishery"),
    "mining": ("采矿业", "Mining"),
    "manuf": ("制造业", "Manufacturing"),
    "utilities": ("电力、热力、燃气及水生产和供应业", "Electricity, heat, gas and water supply"),
    "construction": ("建筑业", "Construction"),
    "wholesale_retail": ("批发和零售业", "Wholesale and retail trade"),
    "transport_storage_post": ("交通运输、仓储和邮政业", "Transport, storage and post"),
    "accommodation_catering": ("住宿和餐饮业", "Accommodation and catering"),
    "ict": ("信息传输、软件和信息技术服务业", "Information transmission, software and IT services"),
    "finance": ("金融业", "Finance"),
    "real_estate": ("房地产业", "Real estate"),
    "leasing_business_services": ("租赁和商务服务业", "Leasing and business services"),
    "scientific_technical": ("科学研究和技术服务业", "Scientific research and technical services"),
    "water_env_public_facilities": (
        "水利、环境和公共设施管理业",
        "Water, environment and public facilities management",
    ),
    "resident_services": ("居民服务、修理和其他服务业", "Resident, repair and other services"),
    "education": ("教育", "Education"),
    "health_social_work": ("卫生和社会工作", "Health and social work"),
    "culture_sports_entertainment": ("文化、体育和娱乐业", "Culture, sports and entertainment"),
    "public_admin_social_orgs": (
        "公共管理、社会保障和社会组织",
        "Public administration, social security and social organisations",
    ),
}
#: The 19 census sectors with a share indicator (intl_orgs is skipped: mostly blank).
CENSUS_SHARE_SECTORS = tuple(s for s in CENSUS_SECTORS if s != "intl_orgs")
assert set(_SECTOR_LABELS) == set(CENSUS_SHARE_SECTORS)

for _sec in CENSUS_SHARE_SECTORS:
    _zh, _en = _SECTOR_LABELS[_sec]
    declare(
        Recipe(_census_share(_sec), ratio()),
        key=f"census_emp_share_{_sec}",
        family="employment",
        label_zh=f"普查就业人口行业构成：{_zh}",
        label_en=f"Census employment share: {_en}",
        description_en=(
            f"Share of employed persons aged 16+ (census long-form sample, place of residence, formal and "
            f"informal) working in {_en.lower()} (GB/T 4754 section)."
        ),
        description_zh=f"普查长表样本中16岁及以上就业人口（按常住地，含非正规就业）在{_zh}的比重（国民经济行业门类）。",
        unit_zh="%",
        unit_en="%",
        decimals=1 if _sec in ("agri", "manuf", "construction", "wholesale_retail") else 2,
        table="census_industry",
        columns=f"emp_sample_{_sec}_persons, emp_sample_total_persons",
        years=(2010, 2020),
        formula=f"emp_sample_{_sec}_persons / emp_sample_total_persons × 100",
        higher_en=f"a larger share of workers in {_en[:1].lower() + _en[1:]}",
        higher_zh=f"{_zh}就业比重越高",
        direction="neutral",
        palette="YlGnBu",
        aggregation="ratio",
        aggregation_note="Σ sector / Σ total × 100. " + CENSUS_ROWS_NOTE,
        caveat_en=(
            "Shares of a ~10 % sample, not counts; small units' shares are noisy (smallest 2020 sample 939 "
            "persons). 2010 uses GB/T 4754-2002 equivalents. Blank source cells stay missing. " + CENSUS_2010_EN
        ),
        caveat_zh=(
            "约10%长表样本的比重，非人数；小单位比重噪声大（2020年最小样本939人）。2010年为GB/T "
            "4754-2002对应门类。原表空白保持缺失。"
        )
        + CENSUS_2010_ZH,
    )


def _avg_wage(t: Tables) -> pd.DataFrame:
    emp = _ccsy(t)
    flags = _ccsy_flags(t, "avg_wage_nonprivate_yuan_per_year", "average wage")
    wage = emp.avg_wage_nonprivate_yuan_per_year
    ok = wage.notna()
    return rows(
        emp,
        wage,
        [emp.wage_bill_nonprivate_10k_yuan.where(ok), emp.staff_on_post_nonprivate_avg_10k.where(ok)],
        flags,
        level="unit",
    )


declare(
    Recipe(_avg_wage, ratio(1.0)),
    key="avg_wage",
    family="employment",
    label_zh="城镇非私营单位在岗职工平均工资",
    label_en="Average wage, urban non-private units",
    description_en="Average annual wage of staff on post in urban non-private units (在岗职工平均工资).",
    description_zh="城镇非私营单位在岗职工年平均工资。",
    unit_zh="元/年",
    unit_en="yuan per year",
    decimals=0,
    table="employment_wages",
    columns="avg_wage_nonprivate_yuan_per_year",
    years=span(2000, 2021),
    higher_en="higher average wages",
    higher_zh="平均工资越高",
    direction="higher_better",
    palette="YlOrRd",
    aggregation="ratio",
    aggregation_note=(
        "Σ wage bill / Σ average staff on post (wage_bill_nonprivate_10k_yuan / "
        "staff_on_post_nonprivate_avg_10k). " + RATIO_NOTE
    ),
    caveat_en="Nominal yuan. " + CCSY_CAVEAT_EN,
    caveat_zh="名义值。" + CCSY_CAVEAT_ZH,
)


def _avg_wage_rel(t: Tables) -> pd.DataFrame:
    emp = _ccsy(t)
    flags = _ccsy_flags(t, "avg_wage_nonprivate_yuan_per_year", "average wage")
    wage = emp.avg_wage_nonprivate_yuan_per_year
    on_map = emp.adcode.isin(set(codes.map_units().adcode))
    medians = wage.where(on_map & (flags == "")).groupby(emp.year).median()
    return rows(emp, 100 * wage / emp.year.map(medians), flag=flags, level="unit")


declare(
    Recipe(_avg_wage_rel),
    key="avg_wage_rel_median",
    family="employment",
    label_zh="平均工资相对全国中位数",
    label_en="Average wage relative to the national median",
    description_en="Average wage as a percentage of the median of all units' average wages in the same year.",
    description_zh="平均工资相当于当年各城市平均工资中位数的百分比。",
    unit_zh="%（中位数=100）",
    unit_en="% of the median (median = 100)",
    decimals=0,
    table="employment_wages",
    columns="avg_wage_nonprivate_yuan_per_year",
    years=span(2000, 2021),
    formula="avg_wage / median(avg_wage of the map units with an unflagged value that year) × 100",
    higher_en="wages further above the national median (100 = the median)",
    higher_zh="平均工资相对全国中位数越高（100 = 中位数）",
    direction="higher_better",
    palette="YlOrRd",
    aggregation="median",
    aggregation_note="Median of the unit values of the province (nation); a flag states the coverage.",
    caveat_en=(
        "The median is over the ~280–296 CCSY cities with a wage that year, not a population-weighted national figure. "
    )
    + CCSY_CAVEAT_EN,
    caveat_zh="中位数取当年有工资数据的约280–296个城市，并非人口加权的全国数。" + CCSY_CAVEAT_ZH,
)


def _unemployment(t: Tables) -> pd.DataFrame:
    emp = _ccsy(t)
    f = join_series(
        _ccsy_flags(t, "unemployed_registered_urban_persons", "registered unemployed"),
        _ccsy_flags(t, "emp_urban_nonprivate_units_10k", "employment"),
    )
    u = emp.unemployed_registered_urban_persons
    den = u + emp.emp_urban_nonprivate_units_10k * 1e4
    return ratio_rows(emp, u, den, f, level="unit")


declare(
    Recipe(_unemployment, ratio()),
    key="unemployment_rate_reg",
    family="employment",
    label_zh="城镇登记失业率（近似）",
    label_en="Registered urban unemployment rate (approximation)",
    description_en=(
        "Registered urban unemployed as a share of unemployed plus non-private unit employment — an "
        "approximation of the official rate, whose denominator also includes private and "
        "self-employed workers."
    ),
    description_zh="城镇登记失业人员占（失业人员+城镇非私营单位从业人员）的比重——官方登记失业率的近似，官方分母还包括私营和个体从业人员。",
    unit_zh="%",
    unit_en="%",
    decimals=1,
    table="employment_wages",
    columns="unemployed_registered_urban_persons, emp_urban_nonprivate_units_10k",
    years=span(2000, 2019),
    formula="unemployed / (unemployed + emp_urban_nonprivate_units_10k × 10⁴) × 100",
    higher_en="more registered unemployment",
    higher_zh="登记失业率越高",
    direction="higher_worse",
    palette="OrRd",
    aggregation="ratio",
    aggregation_note="Σ unemployed / Σ (unemployed + employment) × 100. " + RATIO_NOTE,
    caveat_en="An approximation, higher than the official rate. " + CCSY_CAVEAT_EN,
    caveat_zh="近似值，高于官方登记失业率。" + CCSY_CAVEAT_ZH,
)


def _emp_change(t: Tables) -> pd.DataFrame:
    emp = _ccsy(t)
    flags = _ccsy_flags(t, "emp_urban_nonprivate_units_10k", "employment")
    return change_between(emp, "emp_urban_nonprivate_units_10k", flags, 2010, 2019, "change")


declare(
    Recipe(_emp_change, pct_change),
    key="emp_nonprivate_change_2010_2019",
    family="employment",
    label_zh="城镇非私营单位从业人员变化（2010→2019）",
    label_en="Change in non-private unit employment 2010→2019",
    description_en="Percentage change of urban non-private unit employment, 2010 to 2019 (shown at 2019).",
    description_zh="城镇非私营单位从业人员2010至2019年的变化率（记于2019年）。",
    unit_zh="%",
    unit_en="%",
    decimals=1,
    table="employment_wages",
    columns="emp_urban_nonprivate_units_10k (2010, 2019)",
    years=(2019,),
    formula=("(emp_2019 / emp_2010 − 1) × 100; NaN when either value is flagged or the territory changed in between"),
    higher_en="faster job growth (below 0: jobs were lost)",
    higher_zh="就业增长越快（小于0：减少）",
    direction="higher_better",
    palette="RdBu",
    diverging=True,
    aggregation="ratio",
    aggregation_note="(Σ emp 2019 / Σ emp 2010 − 1) × 100 over units with both unflagged. " + RATIO_NOTE,
    caveat_en=(
        "Territory changes between 2010 and 2019 (济南+莱芜 2019, 巢湖 2011, 枞阳/寿县 2015, 简阳 "
        "2016) blank the change. "
    )
    + CCSY_CAVEAT_EN,
    caveat_zh="2010–2019年间区划变动（济南并莱芜2019、巢湖2011、枞阳/寿县2015、简阳2016）的单位不计算变化。"
    + CCSY_CAVEAT_ZH,
)
