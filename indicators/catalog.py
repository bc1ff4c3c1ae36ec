"""The indicator definitions: metadata of every map indicator, registered on import.

The figures are computed by :mod:`indicators.store` (one recipe per key); this module holds only what
a reader needs to know: labels, unit, source (publisher and table/column), the years that have data,
the formula of derived indicators, caveats from ``indicators/data/SOURCES.md`` and the aggregation rule.
``pop_resident`` is defined in :mod:`indicators.registry` itself.

Examples
--------
>>> from indicators.registry import get_indicator
>>> get_indicator("gdp").unit_zh
'亿元'
>>> get_indicator("net_inmigration_est").diverging
True
"""

from __future__ import annotations

from indicators.ingest import CENSUS_SECTORS
from indicators.registry import REGISTRY, Indicator, register


def _span(start: int, end: int, *, skip: tuple[int, ...] = ()) -> tuple[int, ...]:
    return tuple(y for y in range(start, end + 1) if y not in skip)


#: Publisher and repository of each table, English and Chinese.
SOURCES: dict[str, tuple[str, str]] = {
    "census_population": (
        "NBS population censuses 2010 and 2020 (2010 county yearbook; 2020 local census bulletins), "
        "via Dong et al. (leiii/census, MIT)",
        "国家统计局第六、七次人口普查（2010年分县资料；2020年各地普查公报），经 Dong 等整理（leiii/census，MIT）",
    ),
    "census_migration": (
        "NBS population census county yearbooks 2010 and 2020, via Dong et al. (leiii/census, MIT)",
        "国家统计局《中国人口普查分县资料》2010、2020，经 Dong 等整理（leiii/census，MIT）",
    ),
    "census_industry": (
        "NBS population census county yearbooks 2010 and 2020, long-form sample (~10 %), via Dong et al. "
        "(leiii/census, MIT)",
        "国家统计局《中国人口普查分县资料》2010、2020 长表抽样（约10%），经 Dong 等整理（leiii/census，MIT）",
    ),
    "gdp": (
        "Provincial and city statistical yearbooks and bulletins, reseller compilation (行行文库) via "
        "biechouwo-coder/G-P; no licence stated",
        "各省市统计年鉴、统计公报，行行文库整理（biechouwo-coder/G-P，未声明许可）",
    ),
    "employment_wages": (
        "China City Statistical Yearbook (NBS), via STVBaf/data-analysis-project; no licence stated",
        "《中国城市统计年鉴》（国家统计局），经 STVBaf/data-analysis-project 整理（未声明许可）",
    ),
    "employment_sectors": (
        "China City Statistical Yearbook via the CSMAR China City Economy database (commercial), "
        "duanguolei/CPECDSP; no licence stated",
        "《中国城市统计年鉴》，经国泰安 CSMAR 城市经济数据库（商业数据库）、duanguolei/CPECDSP 整理（未声明许可）",
    ),
    "net_migration": (
        "Derived: census residents (NBS censuses via leiii/census) minus CCSY hukou population "
        "(via STVBaf/data-analysis-project)",
        "派生：人口普查常住人口（leiii/census）减《中国城市统计年鉴》户籍人口（STVBaf/data-analysis-project）",
    ),
    "baidu_flows": (
        "Baidu Qianxi (百度迁徙) migration index, daily top-100 OD shares, via "
        "a1317934217/Baidu_migrationData; "
        "© Baidu, non-commercial use with attribution",
        "百度迁徙指数（每日前100城市迁入迁出占比），经 a1317934217/Baidu_migrationData 整理；© "
        "百度，非商业使用须注明来源",
    ),
}

CSV = {
    "census_population": "population_census_2010_2020.csv",
    "census_migration": "census_migration_hukou_elsewhere_2010_2020.csv",
    "census_industry": "census_employment_by_industry_2010_2020.csv",
    "gdp": "gdp_sectors_2000_2023.csv",
    "employment_wages": "employment_wages_hukou_2000_2022.csv",
    "employment_sectors": "employment_sector_shares_2006_2019.csv",
    "net_migration": "net_migration_estimate_2010_2020.csv",
    "baidu_flows": "baidu_spring_festival_flows_2020_2021.csv",
}

#: Break-screening rule used by the store; quoted in caveats.
BREAK_RULE_EN = (
    "Values are flagged when the year-on-year ratio of the series lies outside [0.5, 2] (a temporary "
    "excursion of up to 3 years that returns to the earlier level flags the excursion years; otherwise the "
    "first year at the new level), when a count is reported as 0, or when table 2's sector sum differs "
    "from GDP by more than 5 %. Flagged values are shown with their flag and left out of growth and change "
    "figures."
)
BREAK_RULE_ZH = (
    "同比比值超出 [0.5, 2] 的数值被标记（3年内回到原水平的短期偏离标记偏离年份，否则标记新水平的第一年）；"
    "计数为0、或表2三次产业之和与GDP相差超过5%的数值亦被标记。被标记的数值照常显示并附说明，但不参与增速与变化的计算。"
)
CCSY_CAVEAT_EN = (
    "CCSY covers about 297 prefecture-level cities: no autonomous prefectures, Tibetan prefectures or "
    "province-administered county-level units. " + BREAK_RULE_EN
)
CCSY_CAVEAT_ZH = "《中国城市统计年鉴》约覆盖297个地级市，不含自治州、西藏各地区及省直辖县级单位。" + BREAK_RULE_ZH
CENSUS_2010_EN = (
    "2010 figures of tables 7 and 8 are on 2010 boundaries; units whose 2010 territory differs from 2020 "
    "(e.g. 济南 without 莱芜, 合肥/芜湖/马鞍山 before 巢湖 was dissolved) are flagged and get no "
    "2010→2020 change."
)
CENSUS_2010_ZH = (
    "表7、表8的2010年数据按2010年行政区划；区划与2020年不同的单位（如不含莱芜的济南、巢湖撤销前的合肥/芜"
    "湖/马鞍山）被标记，不计算2010→2020变化。"
)
RATIO_NOTE = (
    "Province and national values: ratio of the summed numerator and denominator over the units that have "
    "both; a flag states the coverage when some units lack them."
)
SUM_NOTE = (
    "Province and national values: sum of the unit values, given only when every map unit of the province "
    "(and any retired unit of that year) has a value; otherwise NaN with a flag naming the missing units."
)
CENSUS_ROWS_NOTE = (
    "Province values come from the census table's own province rows (municipalities: their own rows); "
    "national = the same formula over the sums of the 31 province rows."
)


def _add(**kw) -> Indicator:
    table = kw.pop("table")
    kw.setdefault("source_en", SOURCES[table][0])
    kw.setdefault("source_zh", SOURCES[table][1])
    kw["source_table"] = f"{CSV[table]}: {kw.pop('columns')}"
    return register(Indicator(**kw))


# --- Population -----------------------------------------------------------------------------------

_add(
    key="urbanisation_rate",
    family="population",
    label_zh="城镇化率",
    label_en="Urbanisation rate",
    description_en="Urban residents as a share of census residents (城镇人口/常住人口).",
    description_zh="城镇常住人口占常住人口的比重。",
    unit_zh="%",
    unit_en="%",
    decimals=1,
    table="census_population",
    columns="pop_urban_10k, pop_resident_10k",
    years=(2010, 2020),
    formula="pop_urban_10k / pop_resident_10k × 100",
    direction="neutral",
    palette="Greens",
    aggregation="ratio",
    aggregation_note="Σ urban residents / Σ residents × 100 over the units with both. " + RATIO_NOTE,
    caveat_en=(
        "34 units have no urban/rural split in 2020 (all of Xinjiang, Hubei's 4 direct units, 通化, "
        "周口, 临高, 陵水, HK/Macau)."
    ),
    caveat_zh="2020年有34个单位缺城乡人口（新疆全部、湖北4个省直辖单位、通化、周口、临高、陵水、港澳）。",
)

# --- Migrant workers and mobility ----------------------------------------------------------------

_add(
    key="pop_change_2010_2020",
    family="migrant",
    label_zh="常住人口变化（2010→2020）",
    label_en="Population change 2010→2020",
    description_en="Change of census residents between the 2010 and 2020 censuses, on 2020 boundaries.",
    description_zh="第六次至第七次人口普查常住人口变化（按2020年行政区划）。",
    unit_zh="%",
    unit_en="%",
    decimals=1,
    table="census_population",
    columns="pop_change_2010_2020_pct (from pop_resident_10k)",
    years=(2020,),
    formula="(pop_resident_2020 / pop_resident_2010 − 1) × 100",
    direction="neutral",
    palette="RdBu",
    diverging=True,
    aggregation="ratio",
    aggregation_note="(Σ pop 2020 / Σ pop 2010 − 1) × 100. " + CENSUS_ROWS_NOTE + " (table 8 full counts)",
    caveat_en="Boundary-adjusted by the compilers so that 2010 and 2020 are comparable.",
    caveat_zh="整理者已将2010年数据按2020年区划调整，可比。",
)

_MIG = {
    "other_prov": (
        "hukou_elsewhere_other_prov_persons",
        "外省流入人口",
        "Residents with hukou in another province",
        "Census residents whose hukou is registered in another province (跨省流入).",
        "户口登记地在外省的常住人口（跨省流入）。",
        "Purples",
    ),
    "other_county": (
        "hukou_elsewhere_other_county_same_prov_persons",
        "省内跨县流入人口",
        "Residents with hukou in another county of the province",
        "Census residents whose hukou is in another county of the same province (省内流入).",
        "户口登记地在本省其他县（市、区）的常住人口（省内流入）。",
        "Blues",
    ),
}

for _key, (_col, _zh, _en, _den, _dzh, _pal) in _MIG.items():
    _add(
        key=f"migrants_{_key}",
        family="migrant",
        label_zh=_zh,
        label_en=_en,
        description_en=_den,
        description_zh=_dzh,
        unit_zh="人",
        unit_en="persons",
        decimals=0,
        table="census_migration",
        columns=_col,
        years=(2010, 2020),
        direction="neutral",
        palette=_pal,
        aggregation="sum",
        aggregation_note="Sum. " + CENSUS_ROWS_NOTE,
        caveat_en=CENSUS_2010_EN,
        caveat_zh=CENSUS_2010_ZH,
    )
    _add(
        key=f"migrants_{_key}_pct",
        family="migrant",
        label_zh=f"{_zh}占常住人口比重",
        label_en=f"{_en}, % of residents",
        description_en=_den + " As a share of census residents (yearbook full count).",
        description_zh=_dzh + "占普查常住人口（年鉴全数）的比重。",
        unit_zh="%",
        unit_en="%",
        decimals=1,
        table="census_migration",
        columns=f"{_col}, pop_census_persons",
        years=(2010, 2020),
        formula=f"{_col} / pop_census_persons × 100",
        direction="neutral",
        palette=_pal,
        aggregation="ratio",
        aggregation_note="Σ persons / Σ pop_census_persons × 100. " + CENSUS_ROWS_NOTE,
        caveat_en=CENSUS_2010_EN,
        caveat_zh=CENSUS_2010_ZH,
    )
    _add(
        key=f"migrants_{_key}_pct_change",
        family="migrant",
        label_zh=f"{_zh}比重变化（2010→2020）",
        label_en=f"{_en}, change of % of residents 2010→2020",
        description_en=(f"Change of the share of residents with hukou elsewhere ({_en.lower()}) between the censuses."),
        description_zh=f"{_zh}占常住人口比重在两次普查间的变化。",
        unit_zh="百分点",
        unit_en="percentage points",
        decimals=1,
        table="census_migration",
        columns=f"{_col}, pop_census_persons",
        years=(2020,),
        formula=f"share_2020 − share_2010, share = {_col} / pop_census_persons × 100",
        direction="neutral",
        palette="PuOr",
        diverging=True,
        aggregation="ratio",
        aggregation_note="Difference of the province (national) shares of 2020 and 2010. " + CENSUS_ROWS_NOTE,
        caveat_en=CENSUS_2010_EN
        + " Such units get NaN with a note (rule: indicators.codes.census_2010_territory_mismatch).",
        caveat_zh=CENSUS_2010_ZH,
    )

_NET_CAVEAT_EN = (
    "Standard 常住 − 户籍 proxy, not a census migration count: hukou is CCSY year-end, residents are census "
    "(1 Nov); 2020 hukou = mean of 2019 and 2021. 2010 residents are on 2020 boundaries while 2010 hukou is "
    "on 2010 boundaries: units whose territory changed (e.g. 资阳, 合肥, 济南) are flagged in 2010."
)
_NET_CAVEAT_ZH = (
    "常住人口减户籍人口的常用近似，并非普查迁移统计：户籍为城市统计年鉴年末数，常住为普查（11月1日）；"
    "2020年户籍取2019与2021年均值。2010年常住人口按2020年区划、户籍按2010年区划，区划变动单位（如资阳、合肥、济南）2010年被标记。"
)
_add(
    key="net_inmigration_est",
    family="migrant",
    label_zh="净流入人口估计（常住−户籍）",
    label_en="Net in-migration estimate (residents − hukou)",
    description_en="Census residents minus CCSY hukou population: positive = more residents than registered.",
    description_zh="普查常住人口减户籍人口：正值表示常住多于户籍。",
    unit_zh="万人",
    unit_en="10,000 persons",
    decimals=1,
    table="net_migration",
    columns="net_inmigration_est_10k",
    years=(2010, 2020),
    formula="pop_resident_10k − pop_hukou_10k",
    direction="neutral",
    palette="RdBu",
    diverging=True,
    aggregation="sum",
    aggregation_note=SUM_NOTE,
    caveat_en=_NET_CAVEAT_EN,
    caveat_zh=_NET_CAVEAT_ZH,
)
_add(
    key="net_inmigration_est_pct",
    family="migrant",
    label_zh="净流入人口占常住人口比重",
    label_en="Net in-migration estimate, % of residents",
    description_en="(Census residents − hukou population) as a share of census residents.",
    description_zh="（常住人口−户籍人口）占常住人口的比重。",
    unit_zh="%",
    unit_en="%",
    decimals=1,
    table="net_migration",
    columns="net_inmigration_est_10k, pop_resident_10k",
    years=(2010, 2020),
    formula="(pop_resident_10k − pop_hukou_10k) / pop_resident_10k × 100",
    direction="neutral",
    palette="RdBu",
    diverging=True,
    aggregation="ratio",
    aggregation_note="Σ net / Σ residents × 100. " + RATIO_NOTE,
    caveat_en=_NET_CAVEAT_EN,
    caveat_zh=_NET_CAVEAT_ZH,
)

_BAIDU_CAVEAT_EN = (
    "Baidu index points, comparable across cities but not persons; partner sums cover the top-100 partner "
    "cities (about 90 % of the move-in scale). Window 2020-01-10 to 01-24 (15 days, pre-COVID)."
)
_BAIDU_CAVEAT_ZH = (
    "百度指数点数，城市间可比，但不是人数；仅含前100个对方城市（约为迁入规模的90%）。时段2020年1月10日至"
    "24日（15天，疫情前）。"
)
_BAIDU_AGG = "Not aggregated: city sums of top-100 partner flows do not add up to province or national flows."
_add(
    key="sf2020_net_per10k",
    family="migrant",
    label_zh="2020年春运节前净迁入指数（每万常住人口）",
    label_en="Spring Festival 2020 pre-festival net flow per 10,000 residents",
    description_en=(
        "Baidu pre-festival net flow index (inflow − outflow, summed over 15 days) divided by 2020 census "
        "residents in 10,000s. Strongly negative: a migrant-receiving city whose workers leave before "
        "the festival."
    ),
    description_zh="百度迁徙节前净迁入指数（迁入−迁出，15天合计）除以2020年普查常住人口（万人）。明显为负表示外来务工者节前离开的流入地。",
    unit_zh="指数点/万人",
    unit_en="index points per 10,000 residents",
    decimals=4,
    table="baidu_flows",
    columns="sf2020_pre_net_index; population_census_2010_2020.csv: pop_resident_10k (2020)",
    years=(2020,),
    formula="sf2020_pre_net_index / pop_resident_10k(2020)",
    direction="neutral",
    palette="PuOr",
    diverging=True,
    aggregation="none",
    aggregation_note=_BAIDU_AGG,
    caveat_en=_BAIDU_CAVEAT_EN,
    caveat_zh=_BAIDU_CAVEAT_ZH,
)
_add(
    key="sf2020_out_in_ratio",
    family="migrant",
    label_zh="2020年春运节前迁出/迁入比",
    label_en="Spring Festival 2020 pre-festival out/in ratio",
    description_en="Baidu pre-festival outflow index divided by inflow index (above 1: more leave).",
    description_zh="百度迁徙节前迁出指数与迁入指数之比（大于1表示迁出多于迁入）。",
    unit_zh="比值",
    unit_en="ratio",
    decimals=2,
    table="baidu_flows",
    columns="sf2020_pre_out_in_ratio",
    years=(2020,),
    formula="sf2020_pre_outflow_index_sum / sf2020_pre_inflow_index_sum",
    direction="neutral",
    palette="OrRd",
    aggregation="none",
    aggregation_note=_BAIDU_AGG,
    caveat_en=_BAIDU_CAVEAT_EN,
    caveat_zh=_BAIDU_CAVEAT_ZH,
)
_add(
    key="sf2020_outflow_interprov_share",
    family="migrant",
    label_zh="2020年春运节前跨省迁出占比",
    label_en="Spring Festival 2020 inter-provincial share of outflows",
    description_en="Share of the pre-festival outflow index whose destination city is in another province.",
    description_zh="节前迁出指数中目的地为外省城市的比重。",
    unit_zh="%",
    unit_en="%",
    decimals=1,
    table="baidu_flows",
    columns="sf2020_pre_outflow_interprov_share_pct",
    years=(2020,),
    direction="neutral",
    palette="YlOrRd",
    aggregation="none",
    aggregation_note=_BAIDU_AGG,
    caveat_en=_BAIDU_CAVEAT_EN + " 100 % by construction for the 4 municipalities.",
    caveat_zh=_BAIDU_CAVEAT_ZH + "四个直辖市按定义为100%。",
)

# --- Employment ----------------------------------------------------------------------------------

_add(
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
    years=_span(2000, 2022),
    direction="neutral",
    palette="Blues",
    aggregation="sum",
    aggregation_note=SUM_NOTE,
    caveat_en=CCSY_CAVEAT_EN,
    caveat_zh=CCSY_CAVEAT_ZH,
)
_add(
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
    direction="higher_better",
    palette="Blues",
    aggregation="ratio",
    aggregation_note="Σ employment / Σ residents × 100. " + RATIO_NOTE,
    caveat_en="Year-end employment over census residents (1 Nov). Restricted to census years. " + CCSY_CAVEAT_EN,
    caveat_zh="年末从业人员除以普查常住人口（11月1日），仅普查年份。" + CCSY_CAVEAT_ZH,
)
_add(
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
    years=_span(2000, 2022, skip=(2020,)),
    formula="emp_urban_nonprivate_units_10k / pop_hukou_10k × 100 (hukou population, not residents)",
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
_add(
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
    years=_span(2002, 2019),
    direction="neutral",
    palette="Greens",
    aggregation="sum",
    aggregation_note=SUM_NOTE,
    caveat_en="A noisy series: many year-on-year jumps are flagged. " + CCSY_CAVEAT_EN,
    caveat_zh="该序列波动大，许多跳变被标记。" + CCSY_CAVEAT_ZH,
)

for _sec, _zh, _en in (
    ("primary", "第一产业", "primary industry"),
    ("secondary", "第二产业", "secondary industry"),
    ("tertiary", "第三产业", "tertiary industry"),
):
    _add(
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
        years=_span(2006, 2019),
        direction="neutral",
        palette={"primary": "Greens", "secondary": "OrRd", "tertiary": "Blues"}[_sec],
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
    _add(
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

_add(
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
    years=_span(2000, 2021),
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
_add(
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
    years=_span(2000, 2021),
    formula="avg_wage / median(avg_wage of the map units with an unflagged value that year) × 100",
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
_add(
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
    years=_span(2000, 2019),
    formula="unemployed / (unemployed + emp_urban_nonprivate_units_10k × 10⁴) × 100",
    direction="higher_worse",
    palette="OrRd",
    aggregation="ratio",
    aggregation_note="Σ unemployed / Σ (unemployed + employment) × 100. " + RATIO_NOTE,
    caveat_en="An approximation, higher than the official rate. " + CCSY_CAVEAT_EN,
    caveat_zh="近似值，高于官方登记失业率。" + CCSY_CAVEAT_ZH,
)
_add(
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

# --- Economy -------------------------------------------------------------------------------------

_GDP_CAVEAT_EN = (
    "Current prices; historical years mostly not revised to the 4th Economic Census (2018). Reseller "
    "compilation. " + BREAK_RULE_EN
)
_GDP_CAVEAT_ZH = "当年价；历史年份多未按第四次经济普查（2018）修订。转售商整理数据。" + BREAK_RULE_ZH
_add(
    key="gdp",
    family="economy",
    label_zh="地区生产总值",
    label_en="Gross regional product",
    description_en="Gross regional product (地区生产总值) at current prices.",
    description_zh="地区生产总值（当年价）。",
    unit_zh="亿元",
    unit_en="100 million yuan",
    decimals=1,
    table="gdp",
    columns="gdp_100m_yuan",
    years=_span(2000, 2023),
    direction="neutral",
    palette="YlOrRd",
    aggregation="sum",
    aggregation_note=SUM_NOTE,
    caveat_en=_GDP_CAVEAT_EN,
    caveat_zh=_GDP_CAVEAT_ZH,
)
_add(
    key="gdp_per_resident",
    family="economy",
    label_zh="人均地区生产总值（按普查常住人口）",
    label_en="GDP per census resident",
    description_en="GDP divided by census residents; census years 2010 and 2020 only.",
    description_zh="地区生产总值除以普查常住人口；仅2010、2020普查年份。",
    unit_zh="元/人",
    unit_en="yuan per person",
    decimals=0,
    table="gdp",
    columns="gdp_100m_yuan; population_census_2010_2020.csv: pop_resident_10k",
    years=(2010, 2020),
    formula="gdp_100m_yuan × 10⁸ / (pop_resident_10k × 10⁴)",
    direction="higher_better",
    palette="YlOrRd",
    aggregation="ratio",
    aggregation_note="Σ GDP / Σ residents. " + RATIO_NOTE,
    caveat_en="Census residents (1 Nov), not the year-average population of official per-capita GDP. 2010 "
    "residents are on 2020 boundaries: units whose territory changed are flagged in 2010. " + _GDP_CAVEAT_EN,
    caveat_zh="分母为普查常住人口（11月1日），非官方人均GDP所用的年平均人口。2010年常住人口按2020年区划，区划变动单位2010年被标记。"
    + _GDP_CAVEAT_ZH,
)
_add(
    key="gdp_growth_nominal",
    family="economy",
    label_zh="地区生产总值名义增速",
    label_en="Nominal GDP growth",
    description_en="Year-on-year growth of GDP at current prices (nominal, not the official real rate).",
    description_zh="当年价地区生产总值同比增长（名义增速，非官方实际增速）。",
    unit_zh="%",
    unit_en="%",
    decimals=1,
    table="gdp",
    columns="gdp_100m_yuan (year and previous year)",
    years=_span(2001, 2023),
    formula=("(gdp_t / gdp_(t−1) − 1) × 100; NaN when either year is flagged, missing, or the territory changed"),
    direction="higher_better",
    palette="RdBu",
    diverging=True,
    aggregation="ratio",
    aggregation_note="(Σ gdp_t / Σ gdp_(t−1) − 1) × 100 over units with both years unflagged. " + RATIO_NOTE,
    caveat_en="Nominal: includes price changes. " + _GDP_CAVEAT_EN,
    caveat_zh="名义增速，含价格变动。" + _GDP_CAVEAT_ZH,
)
for _sec, _zh, _en, _pal in (
    ("primary", "第一产业", "primary industry", "Greens"),
    ("secondary", "第二产业", "secondary industry", "OrRd"),
    ("tertiary", "第三产业", "tertiary industry", "Blues"),
):
    _add(
        key=f"gdp_share_{_sec}",
        family="economy",
        label_zh=f"{_zh}增加值占GDP比重",
        label_en=f"Value added of {_en}, % of GDP",
        description_en=f"Value added of {_en} as a share of GDP (current prices).",
        description_zh=f"{_zh}增加值占地区生产总值的比重（当年价）。",
        unit_zh="%",
        unit_en="%",
        decimals=1,
        table="gdp",
        columns=f"gdp_{_sec}_100m_yuan, gdp_100m_yuan",
        years=_span(2000, 2023),
        formula=f"gdp_{_sec}_100m_yuan / gdp_100m_yuan × 100",
        direction="neutral",
        palette=_pal,
        aggregation="ratio",
        aggregation_note="Σ sector value added / Σ GDP × 100. " + RATIO_NOTE,
        caveat_en=(
            "Rows whose sector sum differs from GDP by more than 5 % (e.g. 韶关 2011–14, 珠海 2012–14) are flagged. "
        )
        + _GDP_CAVEAT_EN,
        caveat_zh="三次产业之和与GDP相差超过5%的行（如韶关2011–14、珠海2012–14）被标记。" + _GDP_CAVEAT_ZH,
    )

# The "sector" family (location quotients, shift-share, sector potential) is defined in
# indicators.sector_catalog; registered here so that the registry is complete whichever module is imported first.
from indicators.sector_catalog import register_sector_indicators  # noqa: E402

register_sector_indicators()

#: Keys in catalogue order (``pop_resident`` first).
KEYS = tuple(REGISTRY)
