"""The "population" family (人口): census residents and urbanisation.

Examples
--------
>>> from indicators.registry import get_indicator
>>> get_indicator("pop_resident").unit_en, get_indicator("urbanisation_rate").aggregation
('10,000 persons', 'ratio')
"""

from __future__ import annotations

import pandas as pd

from indicators.families.common import RATIO_NOTE, declare
from indicators.recipes import Recipe, ratio, ratio_rows, rows
from indicators.tables import Tables


def _pop_resident(t: Tables) -> pd.DataFrame:
    pop = t["census_population"]
    units = rows(pop, pop.pop_resident_10k, [pop.pop_resident_10k], level="unit")
    mig = t["census_migration"]
    prov = mig[mig.unit_type == "province"]
    prows = rows(prov, prov.pop_census_persons / 1e4, [prov.pop_census_persons / 1e4], level="province")
    return pd.concat([units, prows], ignore_index=True)


declare(
    Recipe(_pop_resident),
    key="pop_resident",
    family="population",
    label_zh="常住人口",
    label_en="Resident population",
    description_en="Census resident population (常住人口) on 1 November of the census year.",
    description_zh="人口普查常住人口（普查标准时点11月1日）。",
    unit_zh="万人",
    unit_en="10,000 persons",
    decimals=1,
    source_en="NBS population censuses 2010 and 2020, via Dong et al. (leiii/census, MIT)",
    source_zh="国家统计局第六、七次人口普查，经 Dong 等整理（leiii/census，MIT）",
    table="census_population",
    columns="pop_resident_10k",
    years=(2010, 2020),
    higher_en="more residents",
    higher_zh="常住人口越多",
    direction="neutral",
    palette="YlGnBu",
    aggregation="sum",
    aggregation_note=(
        "Province and national values are the census yearbook full counts of the province rows of "
        "census_migration_hukou_elsewhere_2010_2020.csv (pop_census_persons); national = sum of the 31 "
        "provinces. They can differ slightly from the sum of the bulletin figures of the prefectures."
    ),
)


def _urbanisation(t: Tables) -> pd.DataFrame:
    pop = t["census_population"]
    return ratio_rows(pop, pop.pop_urban_10k, pop.pop_resident_10k, level="unit")


declare(
    Recipe(_urbanisation, ratio()),
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
    higher_en="a larger share of residents in towns and cities",
    higher_zh="城镇人口比重越高",
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
