"""The "sector" family, three broad sectors: location quotients of unit employment and of value added.

Examples
--------
>>> from indicators.registry import get_indicator
>>> get_indicator("lq_va_tertiary").years[:2], get_indicator("lq_emp_primary").unit_en
((2000, 2001), 'ratio (nation = 1)')
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from indicators.families.common import BREAK_RULE_EN, BREAK_RULE_ZH, RATIO_NOTE, THREE_SECTOR_PALETTES, declare
from indicators.families.sector_common import EMP_YEARS, FAMILY, VA_YEARS
from indicators.recipes import Recipe, gdp_flags, ratio, rows
from indicators.sector import THREE_SECTORS

EMP3_EN = (
    "Data: three broad sectors — shares of year-end unit employment (年末单位从业人员, China City "
    "Statistical Yearbook), 2006–2019."
)
EMP3_ZH = "数据：三次产业——年末单位从业人员的产业构成（《中国城市统计年鉴》），2006–2019年。"
VA3_EN = (
    "Data: three broad sectors — value added of primary, secondary and tertiary industry as a share of GDP, 2000–2023."
)
VA3_ZH = "数据：三次产业——第一、二、三产业增加值占地区生产总值的比重，2000–2023年。"


def _three_sector_lq(kind: str, sector: str) -> Callable:
    def compute(t) -> pd.DataFrame:
        if kind == "emp":
            tab = t["employment_sectors"]
            total = tab.emp_units_total_10k.astype(float)
            part = total * tab[f"emp_share_{sector}_pct"].astype(float) / 100.0
            flags = t.breaks("employment_sectors", "emp_units_total_10k", "unit employment")
        else:
            tab = t["gdp"]
            total = tab.gdp_100m_yuan.astype(float)
            part = tab[f"gdp_{sector}_100m_yuan"].astype(float)
            flags = gdp_flags(t)
        ok = part.notna() & total.notna() & (total > 0) & (flags.reindex(tab.index).fillna("") == "")
        share = (part[ok].groupby(tab.year[ok]).sum() / total[ok].groupby(tab.year[ok]).sum()).rename("S")
        expected = (total * tab.year.map(share)).where(part.notna())
        with np.errstate(divide="ignore", invalid="ignore"):
            value = part / expected
        return rows(tab, value, [part, expected], flags, level="unit")

    return compute


for kind in ("emp", "va"):
    for s, (zh, en) in THREE_SECTORS.items():
        emp = kind == "emp"
        declare(
            Recipe(_three_sector_lq(kind, s), ratio(1.0)),
            family=FAMILY,
            key=f"lq_{kind}_{s}",
            label_zh=f"{'单位从业人员' if emp else '增加值'}区位商：{zh}",
            label_en=f"Location quotient of {'unit employment' if emp else 'value added'}: {en}",
            description_en=(
                f"Share of {en.lower()} in the unit's {'unit employment' if emp else 'GDP'} divided by the "
                "share in all covered units; above 1 = more specialised than the nation. "
                + (EMP3_EN if emp else VA3_EN)
            ),
            description_zh=(
                f"本地{'单位从业人员' if emp else '地区生产总值'}中{zh}的比重除以全部覆盖单位的比重；大于1表示比全国更专业化。"
                + (EMP3_ZH if emp else VA3_ZH)
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
                    f"LQ_i = (gdp_{s}_i / gdp_i) / (Σ gdp_{s} / Σ gdp) over the units with an unflagged value that year"
                )
            ),
            higher_en=f"more specialised in {en.lower()} than the nation (1 = the same share)",
            higher_zh=f"{zh}比全国越专业化（1 = 比重相同）",
            direction="neutral",
            palette=THREE_SECTOR_PALETTES[s],
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
