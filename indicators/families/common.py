"""What the indicator families share: table sources, caveat and aggregation texts, and :func:`declare`.

:func:`declare` is the one way to define an indicator: its metadata (an
:class:`indicators.registry.Indicator`) and its :class:`indicators.recipes.Recipe`, registered together.
``table`` names the source table (a key of :data:`SOURCES`), ``columns`` the columns used; they give
``source_en``, ``source_zh`` (unless stated) and ``source_table``.

Examples
--------
>>> CSV["gdp"]
'gdp_sectors_2000_2023.csv'
>>> span(2018, 2021, skip=(2020,))
(2018, 2019, 2021)
"""

from __future__ import annotations

from indicators.recipes import RECIPES, Recipe
from indicators.registry import Indicator, register


def span(start: int, end: int, *, skip: tuple[int, ...] = ()) -> tuple[int, ...]:
    """The years ``start`` to ``end`` inclusive, without ``skip``."""
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
    "census_county": (
        "NBS population censuses 2010 and 2020, county tables (《中国人口普查分县资料》), via Dong et al. "
        "(leiii/census, MIT)",
        "国家统计局第六、七次人口普查分县资料，经 Dong 等整理（leiii/census，MIT）",
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
    "census_county": "census_county_2010_2020.csv.gz",
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
#: Palette of the three sectors' indicators (shares of GDP and of unit employment, their location quotients).
THREE_SECTOR_PALETTES = {"primary": "Greens", "secondary": "OrRd", "tertiary": "Blues"}
SUM_NOTE = (
    "Province and national values: sum of the unit values, given only when every map unit of the province "
    "(and any retired unit of that year) has a value; otherwise NaN with a flag naming the missing units."
)
CENSUS_ROWS_NOTE = (
    "Province values come from the census table's own province rows (municipalities: their own rows); "
    "national = the same formula over the sums of the 31 province rows."
)


def declare(recipe: Recipe, **kw) -> Indicator:
    """Register one indicator: its metadata (``Indicator`` fields plus ``table`` and ``columns``) and its recipe.

    A duplicate key raises ``ValueError`` (:func:`indicators.registry.register`).
    """
    table = kw.pop("table")
    kw.setdefault("source_en", SOURCES[table][0])
    kw.setdefault("source_zh", SOURCES[table][1])
    kw["source_table"] = f"{CSV[table]}: {kw.pop('columns')}"
    indicator = register(Indicator(**kw))
    RECIPES[indicator.key] = recipe
    return indicator
