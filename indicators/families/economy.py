"""The "economy" family (经济): GDP, GDP per census resident, nominal growth, sector shares of GDP.

Examples
--------
>>> from indicators.registry import get_indicator
>>> get_indicator("gdp").unit_zh, get_indicator("gdp_growth_nominal").diverging
('亿元', True)
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from indicators.families.common import (
    BREAK_RULE_EN,
    BREAK_RULE_ZH,
    RATIO_NOTE,
    SUM_NOTE,
    THREE_SECTOR_PALETTES,
    declare,
    span,
)
from indicators.recipes import Recipe, change_between, gdp_flags, pct_change, per_census_resident, ratio, rows
from indicators.sector import THREE_SECTORS
from indicators.tables import Tables

_GDP_CAVEAT_EN = (
    "Current prices; historical years mostly not revised to the 4th Economic Census (2018). Reseller "
    "compilation. " + BREAK_RULE_EN
)
_GDP_CAVEAT_ZH = "当年价；历史年份多未按第四次经济普查（2018）修订。转售商整理数据。" + BREAK_RULE_ZH


def _gdp(t: Tables) -> pd.DataFrame:
    g = t["gdp"]
    return rows(g, g.gdp_100m_yuan, [g.gdp_100m_yuan], gdp_flags(t), level="unit")


declare(
    Recipe(_gdp),
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
    years=span(2000, 2023),
    higher_en="a larger economy",
    higher_zh="经济总量越大",
    direction="neutral",
    palette="YlOrRd",
    aggregation="sum",
    aggregation_note=SUM_NOTE,
    caveat_en=_GDP_CAVEAT_EN,
    caveat_zh=_GDP_CAVEAT_ZH,
)


def _gdp_per_resident(t: Tables) -> pd.DataFrame:
    return per_census_resident(t, t["gdp"], "gdp_100m_yuan", gdp_flags(t), "2010 GDP", 1.0, 1e8, 1e4)


declare(
    Recipe(_gdp_per_resident, ratio(1.0)),
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
    higher_en="more output per resident",
    higher_zh="人均产出越高",
    direction="higher_better",
    palette="YlOrRd",
    aggregation="ratio",
    aggregation_note="Σ GDP / Σ residents. " + RATIO_NOTE,
    caveat_en="Census residents (1 Nov), not the year-average population of official per-capita GDP. 2010 "
    "residents are on 2020 boundaries: units whose territory changed are flagged in 2010. " + _GDP_CAVEAT_EN,
    caveat_zh="分母为普查常住人口（11月1日），非官方人均GDP所用的年平均人口。2010年常住人口按2020年区划，区划变动单位2010年被标记。"
    + _GDP_CAVEAT_ZH,
)


def _gdp_growth(t: Tables) -> pd.DataFrame:
    g = t["gdp"]
    flags = gdp_flags(t)
    years = sorted(g.year.unique())
    parts = [change_between(g, "gdp_100m_yuan", flags, y - 1, y, "growth") for y in years if y - 1 in years]
    return pd.concat(parts, ignore_index=True)


declare(
    Recipe(_gdp_growth, pct_change),
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
    years=span(2001, 2023),
    formula=("(gdp_t / gdp_(t−1) − 1) × 100; NaN when either year is flagged, missing, or the territory changed"),
    higher_en="faster growth (below 0: the economy shrank)",
    higher_zh="增长越快（小于0：萎缩）",
    direction="higher_better",
    palette="RdBu",
    diverging=True,
    aggregation="ratio",
    aggregation_note="(Σ gdp_t / Σ gdp_(t−1) − 1) × 100 over units with both years unflagged. " + RATIO_NOTE,
    caveat_en="Nominal: includes price changes. " + _GDP_CAVEAT_EN,
    caveat_zh="名义增速，含价格变动。" + _GDP_CAVEAT_ZH,
)


def _gdp_share(sector: str) -> Callable[[Tables], pd.DataFrame]:
    def compute(t: Tables) -> pd.DataFrame:
        g = t["gdp"]
        num, den = g[f"gdp_{sector}_100m_yuan"], g.gdp_100m_yuan
        return rows(g, 100 * num / den, [num, den.where(num.notna())], gdp_flags(t), level="unit")

    return compute


for _sec, (_zh, _en) in THREE_SECTORS.items():
    _en = _en.lower()
    declare(
        Recipe(_gdp_share(_sec), ratio()),
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
        years=span(2000, 2023),
        formula=f"gdp_{_sec}_100m_yuan / gdp_100m_yuan × 100",
        higher_en=f"a larger share of GDP from {_en}",
        higher_zh=f"{_zh}在GDP中的比重越高",
        direction="neutral",
        palette=THREE_SECTOR_PALETTES[_sec],
        aggregation="ratio",
        aggregation_note="Σ sector value added / Σ GDP × 100. " + RATIO_NOTE,
        caveat_en=(
            "Rows whose sector sum differs from GDP by more than 5 % (e.g. 韶关 2011–14, 珠海 2012–14) are flagged. "
        )
        + _GDP_CAVEAT_EN,
        caveat_zh="三次产业之和与GDP相差超过5%的行（如韶关2011–14、珠海2012–14）被标记。" + _GDP_CAVEAT_ZH,
    )
