"""The "sector" family, 19 census sectors: potential, specialisation, location quotients, competitive shift.

See :mod:`indicators.families.sector_common` for the data and the comparison rules.

Examples
--------
>>> from indicators.registry import get_indicator
>>> get_indicator("lq_census_manuf").family, get_indicator("ss_competitive_ict").diverging
('sector', True)
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from indicators import codes
from indicators.families.common import CENSUS_2010_EN, CENSUS_2010_ZH, declare
from indicators.families.sector_common import (
    CENSUS19_EN,
    CENSUS19_ZH,
    CENSUS_ROWS_EN,
    CENSUS_YEARS,
    CHANGE_EN,
    CHANGE_ZH,
    FAMILY,
    HERFINDAHL_KEY,
    KRUGMAN_KEY,
    MIN_BASE_COUNT,
    POTENTIAL_KEY,
    SAMPLE_EN,
    SAMPLE_ZH,
    agri_notes,
    census_matrix,
    census_nation,
    census_unit_types,
    change_inputs,
    change_notes,
    lq_key,
    quiet,
    unit_frame,
)
from indicators.recipes import Recipe, ratio, rows
from indicators.sector import (
    ANALYSIS_SECTORS,
    CENSUS_UNIT_TYPES,
    MAP_UNIT_TYPES,
    NATION_UNIT_TYPES,
    POTENTIAL_SECTORS,
    SECTORS,
    herfindahl_index,
    krugman_specialisation_index,
    location_quotient,
)
from indicators.sector_change import sector_potential_score
from indicators.tables import join_series, mismatch_flags

_CENSUS = dict(table="census_industry", years=CENSUS_YEARS)


def _potential(t) -> pd.DataFrame:
    base, end, nat0, nat1 = change_inputs(t)
    score = quiet(sector_potential_score, base, end, nat0, nat1, sectors=POTENTIAL_SECTORS)
    notes, blocked = change_notes(score.index, base.index)
    value = np.array(score, dtype=float)
    value[blocked] = np.nan
    return rows(unit_frame(score.index, 2020), value, flag=notes, level="unit")


declare(
    Recipe(_potential),
    family=FAMILY,
    key=POTENTIAL_KEY,
    label_zh="产业潜力得分（潜力行业个数）",
    label_en="Sector potential score (number of potential sectors)",
    description_en=(
        "Number of market non-farm sectors in which the unit is specialised and gaining ground, both "
        "within its own economy and in the national market, 2010→2020. " + CENSUS19_EN
    ),
    description_zh="本地专业化且在本地经济和全国市场中均在扩张的非农市场行业个数（2010→2020）。" + CENSUS19_ZH,
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
    higher_en="more sectors with growth potential",
    higher_zh="具有增长潜力的行业越多",
    direction="higher_better",
    classification="fisher_jenks",
    palette="Greens",
    caveat_en=SAMPLE_EN + " " + CHANGE_EN,
    caveat_zh=SAMPLE_ZH + CHANGE_ZH,
    aggregation="none",
    aggregation_note="A count per unit; no province or national value.",
    tags=("census19", "change"),
)


def _structure(kind: str) -> Callable:
    def compute(t) -> pd.DataFrame:
        parts = []
        for year in CENSUS_YEARS:
            mat = census_matrix(t, year, MAP_UNIT_TYPES)
            if kind == "krugman":
                value = krugman_specialisation_index(mat, reference_totals=census_nation(t, year))
            else:
                value = herfindahl_index(mat)
            frame = unit_frame(mat.index, year)
            parts.append(rows(frame, value, flag=mismatch_flags(frame), level="unit", informational=True))
        return pd.concat(parts, ignore_index=True)

    return compute


declare(
    Recipe(_structure("krugman")),
    family=FAMILY,
    key=KRUGMAN_KEY,
    label_zh="克鲁格曼专业化指数（19个普查行业）",
    label_en="Krugman specialisation index (19 census sectors)",
    description_en=(
        "How different the unit's employment structure is from the nation's: 0 = the same mix, 2 = no "
        "sector in common. " + CENSUS19_EN
    ),
    description_zh="本地就业结构与全国的差异：0表示结构相同，2表示没有共同行业。" + CENSUS19_ZH,
    unit_zh="指数（0–2）",
    unit_en="index (0–2)",
    decimals=3,
    columns="emp_sample_<sector>_persons of the 19 sectors",
    formula="K_i = Σ_j |e_ij / e_i − E_j / E| over the 19 sectors; E = the nation (31 province-level rows)",
    higher_en="a job mix further from the nation's (more specialised)",
    higher_zh="就业结构与全国差异越大（越专业化）",
    direction="neutral",
    palette="Purples",
    caveat_en=SAMPLE_EN + " " + CENSUS_2010_EN,
    caveat_zh=SAMPLE_ZH + CENSUS_2010_ZH,
    aggregation="none",
    aggregation_note="An index per unit; no province or national value.",
    tags=("census19",),
    **_CENSUS,
)
declare(
    Recipe(_structure("herfindahl")),
    family=FAMILY,
    key=HERFINDAHL_KEY,
    label_zh="就业赫芬达尔指数（19个普查行业）",
    label_en="Herfindahl index of employment (19 census sectors)",
    description_en=(
        "Concentration of the unit's jobs in few sectors: 1/19 ≈ 0.053 = spread evenly, 1 = one sector. " + CENSUS19_EN
    ),
    description_zh="本地就业集中于少数行业的程度：1/19≈0.053为均匀分布，1为全部集中于一个行业。" + CENSUS19_ZH,
    unit_zh="指数（1/19–1）",
    unit_en="index (1/19–1)",
    decimals=3,
    columns="emp_sample_<sector>_persons of the 19 sectors",
    formula="H_i = Σ_j (e_ij / e_i)² over the 19 sectors",
    higher_en="jobs concentrated in fewer sectors",
    higher_zh="就业越集中于少数行业",
    direction="neutral",
    palette="Purples",
    caveat_en=SAMPLE_EN + " Agriculture dominates rural units' index. " + CENSUS_2010_EN,
    caveat_zh=SAMPLE_ZH + "农村地区的指数主要由农业决定。" + CENSUS_2010_ZH,
    aggregation="none",
    aggregation_note="An index per unit; no province or national value.",
    tags=("census19",),
    **_CENSUS,
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


def _lq_nation(sector: str) -> Callable:
    def compute(t) -> pd.DataFrame:
        parts = []
        notes = agri_notes(t)
        for year in CENSUS_YEARS:
            mat = census_matrix(t, year, CENSUS_UNIT_TYPES)
            nat = census_nation(t, year)
            lq = t.derived(
                f"sector:lq_nation:{year}", lambda tt, m=mat, n=nat: location_quotient(m, reference_totals=n)
            )
            frame = unit_frame(mat.index, year, census_unit_types(t, year))
            flags = mismatch_flags(frame)
            if sector == "agri":
                agri = pd.Series([notes.get((c, year), "") for c in frame.adcode], index=frame.index, dtype=object)
                flags = join_series(flags, agri)
            expected = mat.sum(axis=1) * float(nat[sector] / nat.sum())
            parts.append(rows(frame, lq[sector], [mat[sector], expected], flags, informational=True))
        return pd.concat(parts, ignore_index=True)

    return compute


def _lq_province(sector: str) -> Callable:
    def compute(t) -> pd.DataFrame:
        parts = []
        for year in CENSUS_YEARS:
            mat = census_matrix(t, year, MAP_UNIT_TYPES)
            ref = census_matrix(t, year, NATION_UNIT_TYPES)
            lq = t.derived(
                f"sector:lq_province:{year}",
                lambda tt, m=mat, r=ref: location_quotient(m, reference="province", reference_totals=r),
            )
            frame = unit_frame(mat.index, year)
            own = pd.Series(
                [
                    "a municipality is its own province: LQ = 1 by definition" if c in codes.MUNICIPALITIES else ""
                    for c in frame.adcode
                ],
                index=frame.index,
                dtype=object,
            )
            flags = join_series(mismatch_flags(frame), own)
            parts.append(rows(frame, lq[sector], flag=flags, level="unit", informational=True))
        return pd.concat(parts, ignore_index=True)

    return compute


for reference in ("nation", "province"):
    for s in ANALYSIS_SECTORS:
        sec = SECTORS[s]
        nation = reference == "nation"
        declare(
            Recipe(_lq_nation(s), ratio(1.0)) if nation else Recipe(_lq_province(s)),
            family=FAMILY,
            key=lq_key(s, reference),
            label_zh=f"区位商（{'全国' if nation else '相对本省'}，普查）：{sec.label_zh}",
            label_en=f"Location quotient{'' if nation else ' vs province'} (census): {sec.label_en}",
            description_en=(
                f"Share of the unit's jobs in {sec.label_en.lower()} divided by the "
                f"{'national' if nation else 'provincial'} share; above 1 = more specialised than the "
                f"{'nation' if nation else 'province'}. " + CENSUS19_EN
            ),
            description_zh=(
                f"本地{sec.label_zh}就业比重除以{'全国' if nation else '本省'}比重；大于1表示比"
                f"{'全国' if nation else '本省'}更专业化。" + CENSUS19_ZH
            ),
            unit_zh="比值（全国=1）" if nation else "比值（本省=1）",
            unit_en="ratio (nation = 1)" if nation else "ratio (province = 1)",
            decimals=2,
            columns=f"emp_sample_{s}_persons, emp_sample_<sector>_persons of the 19 sectors",
            formula=_lq_formula(reference),
            higher_en=f"more specialised in {sec.label_en[:1].lower() + sec.label_en[1:]} than the {'nation' if nation else 'province'} (1 = the same share)",
            higher_zh=f"{sec.label_zh}比{'全国' if nation else '本省'}越专业化（1 = 比重相同）",
            direction="neutral",
            palette="YlGnBu" if nation else "Blues",
            caveat_en=SAMPLE_EN + " " + CENSUS_2010_EN,
            caveat_zh=SAMPLE_ZH + CENSUS_2010_ZH,
            aggregation="ratio" if nation else "none",
            aggregation_note=(
                "Σ e_ij / Σ (e_i × E_j / E): the province's LQ against the nation. "
                + CENSUS_ROWS_EN
                + " The national value is 1 by construction."
                if nation
                else "Against its own province every province is 1; no province or national value."
            ),
            tags=("census19", "lq", f"reference:{reference}", f"sector:{s}"),
            **_CENSUS,
        )


def _competitive(sector: str) -> Callable:
    def compute(t) -> pd.DataFrame:
        base, end, nat0, nat1 = change_inputs(t)
        growth = float(nat1[sector] / nat0[sector])  # 1 + G_j
        e1 = end[sector]
        e0 = base[sector].reindex(end.index)
        notes, blocked = change_notes(end.index, base.index)
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
        frame = unit_frame(end.index, 2020)
        units = rows(frame, value, [competitive, e0v], pd.Series(small, dtype=object), level="unit")
        # province rows: the table's own province rows (provinces kept their territory)
        p0 = census_matrix(t, 2010, ("province",))[sector]
        p1 = census_matrix(t, 2020, ("province",))[sector].reindex(p0.index)
        pc = p1 - p0 * growth
        prov = rows(unit_frame(p0.index, 2020), pc / p0.where(p0 > 0) * 100.0, [pc, p0], level="province")
        return pd.concat([units, prov], ignore_index=True)

    return compute


for s in ANALYSIS_SECTORS:
    sec = SECTORS[s]
    declare(
        Recipe(_competitive(s), ratio(100.0)),
        family=FAMILY,
        key=f"ss_competitive_{s}",
        label_zh=f"竞争偏离分量（2010→2020）：{sec.label_zh}",
        label_en=f"Competitive shift 2010→2020: {sec.label_en}",
        description_en=(
            f"How much faster (+) or slower (−) {sec.label_en.lower()} grew in the unit than in the nation, "
            "2010→2020: the competitive component of a shift-share decomposition, as % of the unit's "
            "2010 employment in the sector. " + CENSUS19_EN
        ),
        description_zh=(
            f"2010→2020年本地{sec.label_zh}增长快于（+）或慢于（−）全国的部分：偏离-份额分解的竞争分量，"
            "以本地该行业2010年就业的百分比表示。" + CENSUS19_ZH
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
        higher_en=f"{sec.label_en[:1].lower() + sec.label_en[1:]} grew faster than in the nation (below 0: slower)",
        higher_zh=f"{sec.label_zh}增长比全国快得越多（小于0：慢于全国）",
        direction="higher_better",
        palette="RdBu",
        diverging=True,
        caveat_en=(
            "Valid as a decomposition of sample counts: with a uniform sampling fraction the "
            "component is the full-count one scaled by a common factor, and as % of base the factor "
            "cancels. " + SAMPLE_EN + " " + CHANGE_EN
        ),
        caveat_zh="对抽样人数的分解仍然有效：抽样比例统一时，以基期百分比表示的竞争分量与全数一致。"
        + SAMPLE_ZH
        + CHANGE_ZH,
        aggregation="ratio",
        aggregation_note=(
            "Σ competitive / Σ 2010 employment × 100 over the table's province rows; national = the same "
            "over the 31 province-level rows, 0 by construction (the nation grows at the national rate)."
        ),
        tags=("census19", "change", f"sector:{s}"),
    )
