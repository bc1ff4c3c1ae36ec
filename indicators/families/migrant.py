"""The "migrant" family (流动人口与农民工): census migration, the residents − hukou estimate, Baidu flows.

Examples
--------
>>> from indicators.registry import get_indicator
>>> get_indicator("net_inmigration_est").diverging, get_indicator("migrants_other_prov_pct_change").unit_en
(True, 'percentage points')
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from indicators.families.common import CENSUS_2010_EN, CENSUS_2010_ZH, CENSUS_ROWS_NOTE, RATIO_NOTE, SUM_NOTE, declare
from indicators.recipes import Recipe, pct_change, pp_change, ratio, ratio_rows, residents, rows
from indicators.tables import Tables, join, mismatch_2010, mismatch_flags


def _pop_change(t: Tables) -> pd.DataFrame:
    pop = t["census_population"]
    wide = pop.pivot_table(index="adcode", columns="year", values="pop_resident_10k")
    p20 = pop[pop.year == 2020].copy()
    p20["p2010"] = p20.adcode.map(wide[2010])
    units = rows(p20, p20.pop_change_2010_2020_pct, [p20.pop_resident_10k, p20.p2010], level="unit")
    mig = t["census_migration"]
    prov = mig[mig.unit_type == "province"]
    pw = prov.pivot_table(index="adcode", columns="year", values="pop_census_persons")
    pr = prov[prov.year == 2020].copy()
    pr["p2010"] = pr.adcode.map(pw[2010])
    prows = rows(pr, pct_change(pr.pop_census_persons, pr.p2010), [pr.pop_census_persons, pr.p2010], level="province")
    return pd.concat([units, prows], ignore_index=True)


declare(
    Recipe(_pop_change, pct_change),
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
    higher_en="faster population growth (below 0: it fell)",
    higher_zh="人口增长越快（小于0：人口减少）",
    direction="neutral",
    palette="RdBu",
    diverging=True,
    aggregation="ratio",
    aggregation_note="(Σ pop 2020 / Σ pop 2010 − 1) × 100. " + CENSUS_ROWS_NOTE + " (table 8 full counts)",
    caveat_en="Boundary-adjusted by the compilers so that 2010 and 2020 are comparable.",
    caveat_zh="整理者已将2010年数据按2020年区划调整，可比。",
)


def _migrants(column: str, kind: str) -> Callable[[Tables], pd.DataFrame]:
    def compute(t: Tables) -> pd.DataFrame:
        mig = t["census_migration"]
        flags = mismatch_flags(mig)
        if kind == "count":
            return rows(mig, mig[column], [mig[column]], flags, informational=True)
        if kind == "pct":
            return ratio_rows(mig, mig[column], mig.pop_census_persons, flags, informational=True)
        # change 2010 -> 2020 in percentage points
        m20 = mig[mig.year == 2020].copy()
        m10 = mig[mig.year == 2010].set_index("adcode")
        n0 = m20.adcode.map(m10[column])
        d0 = m20.adcode.map(m10["pop_census_persons"])
        value = pp_change(m20[column], m20.pop_census_persons, n0, d0)
        mm = mismatch_2010()
        blocked = m20.adcode.isin(list(mm))
        note = pd.Series(
            [f"no 2010→2020 change: {mm[c][0]}" if c in mm else "" for c in m20.adcode],
            index=m20.index,
            dtype=object,
        )
        value = value.where(~blocked)
        comps = [
            m20[column].where(~blocked),
            m20.pop_census_persons.where(~blocked),
            n0.where(~blocked),
            d0.where(~blocked),
        ]
        return rows(m20, value, comps, note)

    return compute


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

#: Who a higher value means more of, for the legend's "higher means" line (English, Chinese).
_HIGHER = {
    "other_prov": ("residents from other provinces", "外省流入人口"),
    "other_county": ("residents from other counties of the province", "省内跨县流入人口"),
}
assert set(_HIGHER) == set(_MIG)

for _key, (_col, _zh, _en, _den, _dzh, _pal) in _MIG.items():
    declare(
        Recipe(_migrants(_col, "count")),
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
        higher_en=f"more {_HIGHER[_key][0]}",
        higher_zh=f"{_HIGHER[_key][1]}越多",
        direction="neutral",
        palette=_pal,
        aggregation="sum",
        aggregation_note="Sum. " + CENSUS_ROWS_NOTE,
        caveat_en=CENSUS_2010_EN,
        caveat_zh=CENSUS_2010_ZH,
    )
    declare(
        Recipe(_migrants(_col, "pct"), ratio()),
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
        higher_en=f"a larger share of {_HIGHER[_key][0]}",
        higher_zh=f"{_HIGHER[_key][1]}占常住人口的比重越高",
        direction="neutral",
        palette=_pal,
        aggregation="ratio",
        aggregation_note="Σ persons / Σ pop_census_persons × 100. " + CENSUS_ROWS_NOTE,
        caveat_en=CENSUS_2010_EN,
        caveat_zh=CENSUS_2010_ZH,
    )
    declare(
        Recipe(_migrants(_col, "change"), pp_change),
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
        higher_en=f"the share of {_HIGHER[_key][0]} rose more (below 0: it fell)",
        higher_zh=f"{_HIGHER[_key][1]}比重上升越多（小于0：下降）",
        direction="neutral",
        palette="PuOr",
        diverging=True,
        aggregation="ratio",
        aggregation_note="Difference of the province (national) shares of 2020 and 2010. " + CENSUS_ROWS_NOTE,
        caveat_en=CENSUS_2010_EN
        + " Such units get NaN with a note (rule: indicators.codes.census_2010_territory_mismatch).",
        caveat_zh=CENSUS_2010_ZH,
    )


def _net(kind: str) -> Callable[[Tables], pd.DataFrame]:
    def compute(t: Tables) -> pd.DataFrame:
        net = t["net_migration"]
        flags = mismatch_flags(
            net,
            "2010 residents are on 2020 boundaries but 2010 hukou is on 2010 boundaries (territory changed)",
        )
        flags = pd.Series(
            [
                join(f, "hukou 2020 = mean of 2019 and 2021") if (y == 2020 and u != "2019/2021") else f
                for f, y, u in zip(flags, net.year, net.hukou_years_used, strict=True)
            ],
            index=net.index,
            dtype=object,
        )
        if kind == "abs":
            return rows(net, net.net_inmigration_est_10k, [net.net_inmigration_est_10k], flags, level="unit")
        return ratio_rows(net, net.net_inmigration_est_10k, net.pop_resident_10k, flags, level="unit")

    return compute


_NET_CAVEAT_EN = (
    "Standard 常住 − 户籍 proxy, not a census migration count: hukou is CCSY year-end, residents are census "
    "(1 Nov); 2020 hukou = mean of 2019 and 2021. 2010 residents are on 2020 boundaries while 2010 hukou is "
    "on 2010 boundaries: units whose territory changed (e.g. 资阳, 合肥, 济南) are flagged in 2010."
)
_NET_CAVEAT_ZH = (
    "常住人口减户籍人口的常用近似，并非普查迁移统计：户籍为城市统计年鉴年末数，常住为普查（11月1日）；"
    "2020年户籍取2019与2021年均值。2010年常住人口按2020年区划、户籍按2010年区划，区划变动单位（如资阳、合肥、济南）2010年被标记。"
)
declare(
    Recipe(_net("abs")),
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
    higher_en="more residents than registered hukou (below 0: fewer)",
    higher_zh="常住人口比户籍人口多得越多（小于0：更少）",
    direction="neutral",
    palette="RdBu",
    diverging=True,
    aggregation="sum",
    aggregation_note=SUM_NOTE,
    caveat_en=_NET_CAVEAT_EN,
    caveat_zh=_NET_CAVEAT_ZH,
)
declare(
    Recipe(_net("pct"), ratio()),
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
    higher_en="more residents than registered hukou, relative to residents (below 0: fewer)",
    higher_zh="常住人口超出户籍人口的比重越高（小于0：更少）",
    direction="neutral",
    palette="RdBu",
    diverging=True,
    aggregation="ratio",
    aggregation_note="Σ net / Σ residents × 100. " + RATIO_NOTE,
    caveat_en=_NET_CAVEAT_EN,
    caveat_zh=_NET_CAVEAT_ZH,
)


def _baidu(kind: str) -> Callable[[Tables], pd.DataFrame]:
    def compute(t: Tables) -> pd.DataFrame:
        b = t["baidu_flows"]
        if kind == "net_per10k":
            return rows(b, b.sf2020_pre_net_index / residents(t, b, 2020), level="unit")
        col = {"ratio": "sf2020_pre_out_in_ratio", "interprov": "sf2020_pre_outflow_interprov_share_pct"}[kind]
        return rows(b, b[col], level="unit")

    return compute


_BAIDU_CAVEAT_EN = (
    "Baidu index points, comparable across cities but not persons; partner sums cover the top-100 partner "
    "cities (about 90 % of the move-in scale). Window 2020-01-10 to 01-24 (15 days, pre-COVID)."
)
_BAIDU_CAVEAT_ZH = (
    "百度指数点数，城市间可比，但不是人数；仅含前100个对方城市（约为迁入规模的90%）。时段2020年1月10日至"
    "24日（15天，疫情前）。"
)
_BAIDU_AGG = "Not aggregated: city sums of top-100 partner flows do not add up to province or national flows."
declare(
    Recipe(_baidu("net_per10k")),
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
    higher_en="more net arrivals before the festival (below 0: net departures)",
    higher_zh="节前净迁入越多（小于0：净迁出）",
    direction="neutral",
    palette="PuOr",
    diverging=True,
    aggregation="none",
    aggregation_note=_BAIDU_AGG,
    caveat_en=_BAIDU_CAVEAT_EN,
    caveat_zh=_BAIDU_CAVEAT_ZH,
)
declare(
    Recipe(_baidu("ratio")),
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
    higher_en="more departures per arrival before the festival",
    higher_zh="节前迁出相对迁入越多",
    direction="neutral",
    palette="OrRd",
    aggregation="none",
    aggregation_note=_BAIDU_AGG,
    caveat_en=_BAIDU_CAVEAT_EN,
    caveat_zh=_BAIDU_CAVEAT_ZH,
)
declare(
    Recipe(_baidu("interprov")),
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
    higher_en="more of the departures leave the province",
    higher_zh="迁出中跨省的比重越高",
    direction="neutral",
    palette="YlOrRd",
    aggregation="none",
    aggregation_note=_BAIDU_AGG,
    caveat_en=_BAIDU_CAVEAT_EN + " 100 % by construction for the 4 municipalities.",
    caveat_zh=_BAIDU_CAVEAT_ZH + "四个直辖市按定义为100%。",
)
