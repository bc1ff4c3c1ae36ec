"""Sector structure and sector potential: location quotients, shift-share, specialisation.

Tables in, tables or Series indexed by adcode out. The sector matrices are ``units x sectors``
DataFrames (index ``adcode``, one column per sector key of :data:`SECTORS`).

Data notes
----------
* The census table (``census_employment_by_industry_2010_2020.csv``) counts employed persons in
  the **long-form sample (~10 % of households)**. Levels are sample counts, not persons; shares,
  location quotients and growth rates are what it supports (see :func:`shift_share` for why the
  decomposition of sample change is still meaningful).
* The 20th census sector, international organisations (国际组织, ``intl_orgs``), is excluded from
  every analysis here: it is blank for most units (517 of 783 rows) and counts at most 231 sample
  persons. The denominators (``e_i``, ``E``) are therefore sums over the 19 analysis sectors,
  which differ from ``emp_sample_total_persons`` by those few persons.
* Sector names follow GB/T 4754-2017 (2020 census); the 2010 census used the GB/T 4754-2002
  equivalents, kept in :attr:`Sector.label_zh_2002`. The sections map one to one.

Examples
--------
>>> emp = pd.DataFrame({"manuf": [60.0, 20.0], "ict": [40.0, 80.0]},
...                    index=pd.Index(["A", "B"], name="adcode"))
>>> location_quotient(emp).round(3).to_dict("index")
{'A': {'manuf': 1.5, 'ict': 0.667}, 'B': {'manuf': 0.5, 'ict': 1.333}}
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd

from indicators.regions import province_of

LANGS = ("en", "zh")


@dataclass(frozen=True)
class Sector:
    """One national-economy section (国民经济行业门类) of GB/T 4754-2017.

    ``three_sector`` is the section's place in the primary/secondary/tertiary split (NBS 2018 rule,
    at section level: A primary; B-E secondary; F-T tertiary. NBS moves agricultural services,
    mining auxiliary activities and metal-product repair to the tertiary sector, which a section-level
    table cannot do).
    """

    key: str
    section: str
    label_zh: str
    label_en: str
    label_zh_2002: str
    three_sector: str

    def label(self, lang: str = "en") -> str:
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}; valid: {list(LANGS)}")
        return self.label_zh if lang == "zh" else self.label_en


_SECTOR_ROWS = [
    (
        "agri",
        "A",
        "农、林、牧、渔业",
        "Agriculture, forestry, animal husbandry & fishery",
        "农、林、牧、渔业",
        "primary",
    ),
    ("mining", "B", "采矿业", "Mining", "采矿业", "secondary"),
    ("manuf", "C", "制造业", "Manufacturing", "制造业", "secondary"),
    (
        "utilities",
        "D",
        "电力、热力、燃气及水生产和供应业",
        "Electricity, heat, gas & water production and supply",
        "电力、燃气及水的生产和供应业",
        "secondary",
    ),
    ("construction", "E", "建筑业", "Construction", "建筑业", "secondary"),
    ("wholesale_retail", "F", "批发和零售业", "Wholesale & retail trade", "批发和零售业", "tertiary"),
    (
        "transport_storage_post",
        "G",
        "交通运输、仓储和邮政业",
        "Transport, storage & postal services",
        "交通运输、仓储和邮政业",
        "tertiary",
    ),
    ("accommodation_catering", "H", "住宿和餐饮业", "Accommodation & catering", "住宿和餐饮业", "tertiary"),
    (
        "ict",
        "I",
        "信息传输、软件和信息技术服务业",
        "Information transmission, software & IT services",
        "信息传输、计算机服务和软件业",
        "tertiary",
    ),
    ("finance", "J", "金融业", "Finance", "金融业", "tertiary"),
    ("real_estate", "K", "房地产业", "Real estate", "房地产业", "tertiary"),
    (
        "leasing_business_services",
        "L",
        "租赁和商务服务业",
        "Leasing & business services",
        "租赁和商务服务业",
        "tertiary",
    ),
    (
        "scientific_technical",
        "M",
        "科学研究和技术服务业",
        "Scientific research & technical services",
        "科学研究、技术服务和地质勘查业",
        "tertiary",
    ),
    (
        "water_env_public_facilities",
        "N",
        "水利、环境和公共设施管理业",
        "Water conservancy, environment & public facilities management",
        "水利、环境和公共设施管理业",
        "tertiary",
    ),
    (
        "resident_services",
        "O",
        "居民服务、修理和其他服务业",
        "Resident services, repair & other services",
        "居民服务和其他服务业",
        "tertiary",
    ),
    ("education", "P", "教育", "Education", "教育", "tertiary"),
    ("health_social_work", "Q", "卫生和社会工作", "Health & social work", "卫生、社会保障和社会福利业", "tertiary"),
    (
        "culture_sports_entertainment",
        "R",
        "文化、体育和娱乐业",
        "Culture, sports & entertainment",
        "文化、体育和娱乐业",
        "tertiary",
    ),
    (
        "public_admin_social_orgs",
        "S",
        "公共管理、社会保障和社会组织",
        "Public administration, social security & social organisations",
        "公共管理和社会组织",
        "tertiary",
    ),
    ("intl_orgs", "T", "国际组织", "International organisations", "国际组织", "tertiary"),
]

#: Registry of the 20 census sectors (GB/T 4754-2017 sections A-T), keyed as in the census table.
SECTORS: dict[str, Sector] = {row[0]: Sector(*row) for row in _SECTOR_ROWS}
#: The 19 sectors used in every analysis (``intl_orgs`` is mostly blank and excluded).
ANALYSIS_SECTORS: tuple[str, ...] = tuple(k for k in SECTORS if k != "intl_orgs")
#: Sectors of :func:`sector_potential_score`: the 17 market non-farm sectors (no agri, no public admin).
POTENTIAL_SECTORS: tuple[str, ...] = tuple(k for k in ANALYSIS_SECTORS if k not in ("agri", "public_admin_social_orgs"))
#: Three-sector key -> (label_zh, label_en).
THREE_SECTORS: dict[str, tuple[str, str]] = {
    "primary": ("第一产业", "Primary industry"),
    "secondary": ("第二产业", "Secondary industry"),
    "tertiary": ("第三产业", "Tertiary industry"),
}
#: Unit types of the census table that tile the country without overlap (the map units).
MAP_UNIT_TYPES: tuple[str, ...] = ("prefecture", "municipality", "province_direct_county")
#: Unit types whose rows sum to the nation (27 provinces + 4 municipalities = 31 rows).
NATION_UNIT_TYPES: tuple[str, ...] = ("province", "municipality")
CENSUS_UNIT_TYPES: tuple[str, ...] = ("municipality", "prefecture", "province", "province_direct_county")
#: Labels of :func:`lq_growth_quadrant`.
QUADRANTS: dict[str, tuple[str, str]] = {
    "specialised_growing": ("专业化且增长快于全国", "Specialised, growing faster than the nation"),
    "specialised_declining": ("专业化但增长不快于全国", "Specialised, not growing faster than the nation"),
    "emerging": ("非专业化但增长快于全国", "Not specialised, growing faster than the nation (emerging)"),
    "weak": ("非专业化且增长不快于全国", "Not specialised, not growing faster than the nation"),
}


def get_sector(key: str) -> Sector:
    """Look up a sector by key.

    Examples
    --------
    >>> get_sector("ict").label_zh
    '信息传输、软件和信息技术服务业'
    >>> get_sector("it")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown sector 'it'; valid keys: ['accommodation_catering', 'agri', ...]
    """
    try:
        return SECTORS[key]
    except KeyError:
        raise ValueError(f"unknown sector {key!r}; valid keys: {sorted(SECTORS)}") from None


def _check_sectors(sectors: Sequence[str]) -> list[str]:
    sectors = list(sectors)
    for key in sectors:
        get_sector(key)
    if not sectors:
        raise ValueError("no sectors given")
    return sectors


# --------------------------------------------------------------------------------------------
# Loading the fact tables into matrices
# --------------------------------------------------------------------------------------------


def _year_rows(df: pd.DataFrame, year: int, table: str) -> pd.DataFrame:
    years = sorted(int(y) for y in pd.unique(df["year"]))
    if int(year) not in years:
        raise ValueError(f"year {year!r} not in the {table} table; valid years: {years}")
    return df[df["year"] == int(year)]


def census_sector_matrix(
    df: pd.DataFrame,
    year: int,
    unit_types: Sequence[str] = MAP_UNIT_TYPES,
    sectors: Sequence[str] = ANALYSIS_SECTORS,
) -> pd.DataFrame:
    """Units x sectors matrix of census long-form **sample** employment counts for one year.

    Parameters
    ----------
    df : DataFrame
        The census table ``census_employment_by_industry_2010_2020.csv`` read with
        ``dtype={'adcode': str}``.
    year : int
        2010 or 2020.
    unit_types : sequence of str
        Which rows to keep; the default keeps the map units (prefectures, the four municipalities and
        the province-administered county-level units), which tile the country.
    sectors : sequence of str
        Sector keys (default: the 19 analysis sectors, without ``intl_orgs``).

    Returns
    -------
    DataFrame
        Index ``adcode`` (codes of that census's vintage), one float column per sector (sample persons).
        A blank sector cell in a row with a total is read as 0: those rows have
        ``sector_sum_gap_pct == 0``, so the blanks are empty cells of small sectors (Tibet/Qinghai 2010,
        a few county units). Rows without a total (三沙 2020) are dropped.

    Raises
    ------
    ValueError
        Unknown year, unit type or sector (the valid values are listed), or duplicate adcodes.

    Examples
    --------
    >>> df = pd.DataFrame({"adcode": ["110000", "130100", "130000"], "year": [2020] * 3,
    ...     "unit_type": ["municipality", "prefecture", "province"],
    ...     "emp_sample_total_persons": [10.0, 5.0, 50.0],
    ...     "emp_sample_manuf_persons": [2.0, 4.0, 30.0], "emp_sample_ict_persons": [8.0, None, 20.0]})
    >>> census_sector_matrix(df, 2020, sectors=["manuf", "ict"]).to_dict("index")
    {'110000': {'manuf': 2.0, 'ict': 8.0}, '130100': {'manuf': 4.0, 'ict': 0.0}}
    """
    sectors = _check_sectors(sectors)
    bad = sorted(set(unit_types) - set(CENSUS_UNIT_TYPES))
    if bad:
        raise ValueError(f"unknown unit type(s) {bad}; valid: {list(CENSUS_UNIT_TYPES)}")
    rows = _year_rows(df, year, "census")
    rows = rows[rows["unit_type"].isin(list(unit_types)) & rows["emp_sample_total_persons"].notna()]
    if rows["adcode"].duplicated().any():
        dup = sorted(rows.loc[rows["adcode"].duplicated(), "adcode"])
        raise ValueError(f"duplicate adcodes in {year}: {dup}")
    cols = [f"emp_sample_{s}_persons" for s in sectors]
    out = rows.set_index("adcode")[cols].astype(float).fillna(0.0)
    out.columns = sectors
    out.index.name = "adcode"
    return out.sort_index()


def census_national_totals(df: pd.DataFrame, year: int, sectors: Sequence[str] = ANALYSIS_SECTORS) -> pd.Series:
    """National sample employment by sector: the sum of the 27 province and 4 municipality rows.

    Warns if the year does not have exactly 31 such rows.

    Examples
    --------
    >>> df = pd.DataFrame({"adcode": ["110000", "130100", "130000"], "year": [2020] * 3,
    ...     "unit_type": ["municipality", "prefecture", "province"],
    ...     "emp_sample_total_persons": [10.0, 5.0, 50.0],
    ...     "emp_sample_manuf_persons": [2.0, 4.0, 30.0], "emp_sample_ict_persons": [8.0, 1.0, 20.0]})
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     census_national_totals(df, 2020, sectors=["manuf", "ict"]).to_dict()
    {'manuf': 32.0, 'ict': 28.0}
    """
    mat = census_sector_matrix(df, year, unit_types=NATION_UNIT_TYPES, sectors=sectors)
    if len(mat) != 31:
        warnings.warn(f"expected 31 province-level rows in {year}, found {len(mat)}", UserWarning, stacklevel=2)
    total = mat.sum(axis=0)
    total.name = "nation"
    return total


def gdp_sector_matrix(df: pd.DataFrame, year: int) -> pd.DataFrame:
    """Units x three sectors value added (亿元, current prices) from ``gdp_sectors_2000_2023.csv``.

    Rows whose three sectors are all missing are dropped. The three sectors can differ from GDP
    (``sector_sum_gap_pct``, see SOURCES.md section 2).

    Examples
    --------
    >>> df = pd.DataFrame({"adcode": ["640100"], "year": [2020], "gdp_primary_100m_yuan": [1.0],
    ...     "gdp_secondary_100m_yuan": [2.0], "gdp_tertiary_100m_yuan": [3.0]})
    >>> gdp_sector_matrix(df, 2020).loc["640100"].tolist()
    [1.0, 2.0, 3.0]
    """
    rows = _year_rows(df, year, "gdp_sectors")
    cols = [f"gdp_{k}_100m_yuan" for k in THREE_SECTORS]
    out = rows.set_index("adcode")[cols].astype(float)
    out.columns = list(THREE_SECTORS)
    out.index.name = "adcode"
    return out.dropna(how="all").sort_index()


def employment_three_sector_shares(df: pd.DataFrame, year: int) -> pd.DataFrame:
    """Units x three sectors shares (%) of unit employment from ``employment_sector_shares_2006_2019.csv``.

    Shares are returned as published (they sum to 100 +- 1 % where all three exist); rows without
    any share are dropped. SOURCES.md section 4 warns of series breaks (e.g. 银川 2013): screen outliers.

    Examples
    --------
    >>> df = pd.DataFrame({"adcode": ["110000"], "year": [2019], "emp_share_primary_pct": [0.05],
    ...     "emp_share_secondary_pct": [15.6], "emp_share_tertiary_pct": [84.4]})
    >>> employment_three_sector_shares(df, 2019).loc["110000", "tertiary"]
    np.float64(84.4)
    """
    rows = _year_rows(df, year, "employment_sector_shares")
    cols = [f"emp_share_{k}_pct" for k in THREE_SECTORS]
    out = rows.set_index("adcode")[cols].astype(float)
    out.columns = list(THREE_SECTORS)
    out.index.name = "adcode"
    return out.dropna(how="all").sort_index()


def three_sector_matrix(emp: pd.DataFrame) -> pd.DataFrame:
    """Aggregate a units x census-sectors matrix to primary / secondary / tertiary (section level).

    Examples
    --------
    >>> emp = pd.DataFrame({"agri": [5.0], "manuf": [3.0], "mining": [1.0], "ict": [1.0]}, index=["A"])
    >>> three_sector_matrix(emp).loc["A"].tolist()
    [5.0, 4.0, 1.0]
    """
    groups = {k: get_sector(k).three_sector for k in emp.columns}
    out = emp.T.groupby(pd.Series(groups)).sum(min_count=1).T
    return out.reindex(columns=list(THREE_SECTORS), fill_value=0.0)


def sector_shares(emp: pd.DataFrame) -> pd.DataFrame:
    """Row shares ``s_ij = e_ij / e_i`` (fractions) of a units x sectors matrix.

    Rows without employment, or with any missing value (``e_i`` is then unknown), give NaN.

    Examples
    --------
    >>> sector_shares(pd.DataFrame({"a": [1.0, 0.0], "b": [3.0, 0.0]}, index=["X", "Y"])).loc["X"].tolist()
    [0.25, 0.75]
    """
    total = emp.sum(axis=1, skipna=False)
    return emp.div(total.where(total > 0), axis=0)


# --------------------------------------------------------------------------------------------
# Location quotients
# --------------------------------------------------------------------------------------------


def _check_matrix(emp: pd.DataFrame, name: str) -> pd.DataFrame:
    if not isinstance(emp, pd.DataFrame):
        raise TypeError(f"{name} must be a units x sectors DataFrame, got {type(emp).__name__}")
    emp = emp.astype(float)
    if (emp < 0).any().any():
        raise ValueError(f"{name} has negative counts")
    missing = emp.index[emp.isna().any(axis=1)]
    if len(missing):
        warnings.warn(
            f"{name}: {len(missing)} unit(s) with missing sector values get NaN: {list(missing)[:10]}",
            UserWarning,
            stacklevel=3,
        )
    return emp


def _lq_nation(emp: pd.DataFrame, reference_totals) -> pd.DataFrame:
    if reference_totals is None:
        ref = emp.sum(axis=0)
    else:
        ref = reference_totals
        if isinstance(ref, pd.DataFrame):
            if len(ref) != 1:
                raise ValueError("reference='nation' needs one reference row (a Series or 1-row DataFrame)")
            ref = ref.iloc[0]
        ref = ref.astype(float).reindex(emp.columns)
        if ref.isna().any():
            raise ValueError(f"reference_totals lacks sectors {list(ref.index[ref.isna()])}")
    ref_share = ref / ref.sum()
    return sector_shares(emp).div(ref_share.where(ref_share > 0), axis=1)


def _lq_province(emp: pd.DataFrame, province, reference_totals) -> pd.DataFrame:
    if province is None:
        province = pd.Series([province_of(c) for c in emp.index], index=emp.index)
    province = province.reindex(emp.index)
    if province.isna().any():
        raise ValueError(f"no province for units {list(emp.index[province.isna()])[:10]}")
    if reference_totals is None:
        ref = emp.groupby(province.values).sum()
    else:
        if not isinstance(reference_totals, pd.DataFrame):
            raise TypeError("reference='province' needs reference_totals as a DataFrame indexed by province")
        ref = reference_totals.astype(float).reindex(columns=emp.columns)
        lacking = sorted(set(province) - set(ref.index))
        if lacking:
            raise ValueError(f"reference_totals lacks provinces {lacking}")
    ref_share = sector_shares(ref)
    per_unit = ref_share.reindex(province.values).set_axis(emp.index, axis=0)
    return sector_shares(emp) / per_unit.where(per_unit > 0)


_LQ_REFERENCES = {"nation": _lq_nation, "province": _lq_province}


def location_quotient(
    emp: pd.DataFrame,
    reference: str = "nation",
    province: pd.Series | None = None,
    reference_totals: pd.DataFrame | pd.Series | None = None,
) -> pd.DataFrame:
    r"""Location quotient of every unit and sector.

    .. math:: LQ_{ij} = \frac{e_{ij} / e_i}{E_j / E}

    where :math:`e_{ij}` is employment of unit *i* in sector *j*, :math:`e_i = \sum_j e_{ij}` (over the
    columns given), and :math:`E_j`, :math:`E = \sum_j E_j` are the same for the reference area.
    ``LQ > 1``: the sector's share in the unit exceeds its share in the reference (specialisation).
    The ratio is invariant to a unit-specific sampling fraction, so it is valid on census sample counts.

    Parameters
    ----------
    emp : DataFrame
        Units x sectors, non-negative counts (index adcode).
    reference : {'nation', 'province'}
        ``'nation'``: :math:`E_j` is ``reference_totals`` (a Series by sector, or a one-row
        DataFrame, e.g. :func:`census_national_totals`) or, when ``None``, the column sums of ``emp``.
        ``'province'``: :math:`E_j` is the unit's province, from ``reference_totals`` (a DataFrame
        indexed by province adcode) or, when ``None``, the sum of ``emp`` over the units of the province.
        A municipality is its own province, so its LQs against the province are 1.
    province : Series, optional
        Province adcode of each unit; by default derived from the adcode prefix.
    reference_totals : Series or DataFrame, optional
        See ``reference``.

    Returns
    -------
    DataFrame
        Same shape as ``emp``. NaN where the unit has no employment or a unit value is missing
        (warned), or where the reference has none in the sector.

    Raises
    ------
    ValueError
        Unknown reference (valid ones listed), negative counts, or reference totals that do not
        cover the sectors / provinces.

    Examples
    --------
    >>> emp = pd.DataFrame({"manuf": [6.0, 2.0, 2.0], "ict": [4.0, 8.0, 8.0]},
    ...                    index=pd.Index(["110000", "130100", "130200"], name="adcode"))
    >>> location_quotient(emp)["manuf"].round(2).tolist()
    [1.8, 0.6, 0.6]
    >>> location_quotient(emp, reference="province")["manuf"].tolist()
    [1.0, 1.0, 1.0]
    >>> location_quotient(emp, reference="world")
    Traceback (most recent call last):
    ...
    ValueError: unknown reference 'world'; valid: ['nation', 'province']
    """
    if reference not in _LQ_REFERENCES:
        raise ValueError(f"unknown reference {reference!r}; valid: {sorted(_LQ_REFERENCES)}")
    emp = _check_matrix(emp, "emp")
    if reference == "nation":
        return _lq_nation(emp, reference_totals)
    return _lq_province(emp, province, reference_totals)


# --------------------------------------------------------------------------------------------
# Growth, shift-share and quadrants
# --------------------------------------------------------------------------------------------


class SectorGrowth(NamedTuple):
    """Growth rates ``end / base - 1``: ``local`` (units x sectors) and ``national`` (by sector)."""

    local: pd.DataFrame
    national: pd.Series


def _national(frame: pd.DataFrame, given: pd.Series | None, name: str) -> pd.Series:
    if given is None:
        return frame.sum(axis=0)
    given = given.astype(float).reindex(frame.columns)
    if given.isna().any():
        raise ValueError(f"{name} lacks sectors {list(given.index[given.isna()])}")
    return given


def _align(base: pd.DataFrame, end: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    base = _check_matrix(base, "base")
    end = _check_matrix(end, "end")
    sectors = [c for c in base.columns if c in end.columns]
    if not sectors:
        raise ValueError("base and end share no sector columns")
    only = sorted(set(base.index) ^ set(end.index))
    if only:
        warnings.warn(
            f"{len(only)} unit(s) present in only one of base/end are left out: {only[:10]}",
            UserWarning,
            stacklevel=3,
        )
    units = [u for u in base.index if u in set(end.index)]
    return base.loc[units, sectors], end.loc[units, sectors]


def sector_growth(
    base: pd.DataFrame,
    end: pd.DataFrame,
    national_base: pd.Series | None = None,
    national_end: pd.Series | None = None,
) -> SectorGrowth:
    """Local and national sector growth rates between two matrices.

    ``local = e1_ij / e0_ij - 1`` (NaN where ``e0_ij == 0``) and ``national = E1_j / E0_j - 1``, with
    ``E`` the column sums over **all** rows of each matrix unless national totals are given.

    Examples
    --------
    >>> base = pd.DataFrame({"manuf": [10.0, 10.0]}, index=["A", "B"])
    >>> end = pd.DataFrame({"manuf": [15.0, 9.0]}, index=["A", "B"])
    >>> g = sector_growth(base, end)
    >>> g.local["manuf"].round(6).tolist(), round(float(g.national["manuf"]), 6)
    ([0.5, -0.1], 0.2)
    """
    nat0 = _national(_check_matrix(base, "base"), national_base, "national_base")
    nat1 = _national(_check_matrix(end, "end"), national_end, "national_end")
    b, e = _align(base, end)
    local = e / b.where(b > 0)
    national = nat1.reindex(b.columns) / nat0.reindex(b.columns).where(nat0 > 0)
    return SectorGrowth(local - 1.0, national - 1.0)


def shift_share(
    base: pd.DataFrame,
    end: pd.DataFrame,
    national_base: pd.Series | None = None,
    national_end: pd.Series | None = None,
) -> pd.DataFrame:
    r"""Classic (Dunn 1960) shift-share decomposition of employment change, per unit and sector.

    .. math::

        e^1_{ij} - e^0_{ij} = \underbrace{e^0_{ij} G}_{\text{national}}
          + \underbrace{e^0_{ij}(G_j - G)}_{\text{mix}}
          + \underbrace{e^0_{ij}(g_{ij} - G_j)}_{\text{competitive}}

    with :math:`G = E^1/E^0 - 1` the national growth of all sectors, :math:`G_j = E^1_j/E^0_j - 1`
    national growth of sector *j*, :math:`g_{ij} = e^1_{ij}/e^0_{ij} - 1` local growth. The
    competitive term is computed as :math:`e^1_{ij} - e^0_{ij}(1 + G_j)`, which equals the formula when
    :math:`e^0_{ij} > 0` and stays defined when a sector is new (:math:`e^0_{ij} = 0`), so the three
    components sum to :math:`e^1_{ij} - e^0_{ij}` exactly for every row.

    **Census sample counts.** Applied to the ~10 % long-form sample, this decomposes the change in
    *sample* counts. If the sampling fraction is :math:`r_0` in the base year and :math:`r_1` in the
    end year, equal across units, then the sample mix and competitive components are exactly
    :math:`r_1` times their full-count values (the fractions cancel in :math:`G_j - G` and
    :math:`g_{ij} - G_j`), and any change of sampling fraction between censuses is absorbed by the
    national component. So mix and competitive are valid up to one common scale factor: compare them
    across units and sectors relative to the unit's own sample employment (e.g. as % of base, see
    :func:`shift_share_by_unit`), never as numbers of persons. Sampling noise remains large for small
    units and small sectors.

    Parameters
    ----------
    base, end : DataFrame
        Units x sectors non-negative counts in the base and end year, with the **same unit codes**
        (harmonise vintages first, e.g. :func:`indicators.regions.harmonise_adcodes`).
    national_base, national_end : Series, optional
        National totals by sector. Default: column sums over all rows of ``base`` / ``end`` (units
        present in only one of them still count toward the nation, but are left out of the output
        with a warning).

    Returns
    -------
    DataFrame
        Tidy, one row per unit and sector: ``adcode, sector, base, end, national, mix, competitive,
        total`` with ``total = end - base = national + mix + competitive``.

    Examples
    --------
    >>> base = pd.DataFrame({"manuf": [10.0, 30.0], "ict": [10.0, 0.0]},
    ...                     index=pd.Index(["A", "B"], name="adcode"))
    >>> end = pd.DataFrame({"manuf": [10.0, 30.0], "ict": [20.0, 10.0]},
    ...                    index=pd.Index(["A", "B"], name="adcode"))
    >>> ss = shift_share(base, end)
    >>> ss.loc[ss.sector == "ict", ["adcode", "national", "mix", "competitive", "total"]]
      adcode  national   mix  competitive  total
    1      A       4.0  16.0        -10.0   10.0
    3      B       0.0   0.0         10.0   10.0
    """
    nat0 = _national(_check_matrix(base, "base"), national_base, "national_base")
    nat1 = _national(_check_matrix(end, "end"), national_end, "national_end")
    b, e = _align(base, end)
    nat0, nat1 = nat0.reindex(b.columns), nat1.reindex(b.columns)
    if nat0.sum() <= 0:
        raise ValueError("national base employment is zero")
    big_g = nat1.sum() / nat0.sum() - 1.0
    g_j = nat1 / nat0.where(nat0 > 0) - 1.0
    national = b * big_g
    mix = b.mul(g_j - big_g, axis=1)
    competitive = e - b.mul(1.0 + g_j, axis=1)
    parts = {"base": b, "end": e, "national": national, "mix": mix, "competitive": competitive, "total": e - b}
    long = {k: v.rename_axis(index="adcode", columns="sector").stack(future_stack=True) for k, v in parts.items()}
    out = pd.DataFrame(long).reset_index()
    return out


def shift_share_by_unit(ss: pd.DataFrame) -> pd.DataFrame:
    """Sum a :func:`shift_share` table over sectors per unit, with components as % of base employment.

    The ``*_pct_of_base`` columns are the ones to compare across units on census sample counts: they
    are free of the unit-level count scale (see the note in :func:`shift_share`; with unequal census
    sampling fractions they share one common factor ``r1 / r0`` close to 1).

    Examples
    --------
    >>> ss = pd.DataFrame({"adcode": ["A", "A"], "sector": ["x", "y"], "base": [10.0, 10.0],
    ...     "end": [15.0, 5.0], "national": [0.0, 0.0], "mix": [2.0, -2.0],
    ...     "competitive": [3.0, -3.0], "total": [5.0, -5.0]})
    >>> shift_share_by_unit(ss).loc["A", ["mix", "competitive_pct_of_base"]].tolist()
    [0.0, 0.0]
    """
    cols = ["base", "end", "national", "mix", "competitive", "total"]
    out = ss.groupby("adcode")[cols].sum(min_count=1)
    base = out["base"].where(out["base"] > 0)
    for c in ("national", "mix", "competitive", "total"):
        out[f"{c}_pct_of_base"] = out[c] / base * 100.0
    return out


def lq_growth_quadrant(
    lq_end: pd.DataFrame | pd.Series,
    local_growth: pd.DataFrame | pd.Series,
    national_growth: pd.Series | float,
) -> pd.DataFrame | pd.Series:
    """Classify unit-sectors by specialisation (LQ >= 1) and relative growth (local > national).

    ============================  =========  ==================================
    label                         LQ         local sector growth
    ============================  =========  ==================================
    ``'specialised_growing'``     >= 1       > national growth of the sector
    ``'specialised_declining'``   >= 1       <= national growth
    ``'emerging'``                < 1        > national growth
    ``'weak'``                    < 1        <= national growth
    ============================  =========  ==================================

    "Declining" is relative: the sector grows no faster than it does nationally (it may still grow).

    Parameters
    ----------
    lq_end : DataFrame or Series
        End-year location quotients (units x sectors, or one sector's Series by unit).
    local_growth : DataFrame or Series
        Local sector growth rates, aligned with ``lq_end`` (e.g. :func:`sector_growth` ``.local``).
    national_growth : Series or float
        National growth per sector (index = sector columns) for a DataFrame, a float for a Series.

    Returns
    -------
    DataFrame or Series
        Object dtype labels; ``None`` where any input is missing.

    Examples
    --------
    >>> lq = pd.Series([1.5, 1.5, 0.5, 0.5, None], index=list("ABCDE"))
    >>> growth = pd.Series([0.3, 0.1, 0.3, 0.1, 0.3], index=list("ABCDE"))
    >>> lq_growth_quadrant(lq, growth, 0.2).tolist()
    ['specialised_growing', 'specialised_declining', 'emerging', 'weak', None]
    """
    if isinstance(lq_end, pd.DataFrame):
        local_growth = local_growth.reindex(index=lq_end.index, columns=lq_end.columns)
        if np.isscalar(national_growth):
            nat = pd.DataFrame(float(national_growth), index=lq_end.index, columns=lq_end.columns)
        else:
            nat_s = pd.Series(national_growth).astype(float).reindex(lq_end.columns)
            nat = pd.DataFrame(np.tile(nat_s.to_numpy(), (len(lq_end), 1)), index=lq_end.index, columns=lq_end.columns)
        lq, loc, nat_v = lq_end.to_numpy(float), local_growth.to_numpy(float), nat.to_numpy(float)
    else:
        if not np.isscalar(national_growth):
            raise TypeError("for a Series of LQs, national_growth must be a single number")
        local_growth = pd.Series(local_growth).reindex(lq_end.index)
        lq, loc = lq_end.to_numpy(float), local_growth.to_numpy(float)
        nat_v = np.full(lq.shape, float(national_growth))
    special = lq >= 1.0
    faster = loc > nat_v
    labels = np.select(
        [special & faster, special & ~faster, ~special & faster],
        ["specialised_growing", "specialised_declining", "emerging"],
        default="weak",
    ).astype(object)
    labels[np.isnan(lq) | np.isnan(loc) | np.isnan(nat_v)] = None
    if isinstance(lq_end, pd.DataFrame):
        return pd.DataFrame(labels, index=lq_end.index, columns=lq_end.columns, dtype=object)
    return pd.Series(labels, index=lq_end.index, name=lq_end.name, dtype=object)


# --------------------------------------------------------------------------------------------
# Sector potential
# --------------------------------------------------------------------------------------------


_POTENTIAL_CRITERIA = {
    "share": "LQ rose (the sector's share of the unit's jobs grew faster than nationally)",
    "growth": "the sector grew faster in the unit than nationally (positive competitive shift)",
    "both": "both of the above",
}


def potential_sectors(
    base: pd.DataFrame,
    end: pd.DataFrame,
    national_base: pd.Series | None = None,
    national_end: pd.Series | None = None,
    sectors: Sequence[str] = POTENTIAL_SECTORS,
    min_lq: float = 1.0,
    min_count: float = 50.0,
    criterion: str = "both",
) -> pd.DataFrame:
    r"""Units x sectors flags: is the sector a *potential* sector of the unit?

    Shares and LQs here are taken **within** ``sectors`` (by default the 17 market non-farm sectors,
    :data:`POTENTIAL_SECTORS`): :math:`s_{ij} = e_{ij} / \sum_{k \in \text{sectors}} e_{ik}`.
    Sector *j* is a potential sector of unit *i* when all of these hold:

    1. specialised at the end year: :math:`LQ^1_{ij} \ge` ``min_lq`` (default 1);
    2. gaining ground, by ``criterion``:

       * ``'share'``: its share of the unit's jobs grew faster than the nation's share,
         :math:`s^1_{ij}/s^0_{ij} > S^1_j/S^0_j`, i.e. :math:`LQ^1_{ij} > LQ^0_{ij}`;
       * ``'growth'``: it grew faster in the unit than in the nation,
         :math:`g_{ij} > G_j` - the competitive component of :func:`shift_share` is positive;
       * ``'both'`` (default): both.

    3. not a sampling artefact: at least ``min_count`` end-year sample persons (default 50, about
       500 workers in the ~10 % census sample).

    Why ``'both'``: on the 2010-2020 census each test alone is dominated by an artefact. ``'share'``
    rewards shrinking economies (when a city's factories close, all its other shares rise;
    鹤岗 and 大兴安岭 get 9-10 sectors) and is uncorrelated with ``'growth'`` (Spearman 0.04 over 360
    units); ``'growth'`` mostly measures overall non-farm job growth (Spearman 0.81 with it). The
    intersection asks for a sector that gains both inside the local economy and in the national market.

    Why shares within the non-farm sectors, not over all 19: the nation's farm share fell from 48 %
    to 21 %, which lowered every non-farm LQ of an already urban city (Beijing, Shanghai and Guangzhou
    had 0 potential sectors on 19-sector LQs) and raised those of de-agrarianising rural units.

    Sampling: the share test is free of each unit's census sampling fraction; the growth test
    assumes the fraction is the same in all units (the long form was a uniform ~10 % household
    sample); a change of fraction between censuses cancels in :math:`g_{ij} - G_j`.

    Returns
    -------
    DataFrame
        Object dtype, ``True`` / ``False``, NaN for units of ``end`` missing from ``base`` (warned)
        or without employment in ``sectors``.

    Examples
    --------
    >>> base = pd.DataFrame({"manuf": [50.0, 50.0], "ict": [50.0, 50.0]}, index=["A", "B"])
    >>> end = pd.DataFrame({"manuf": [120.0, 60.0], "ict": [80.0, 140.0]}, index=["A", "B"])
    >>> potential_sectors(base, end, sectors=["manuf", "ict"]).to_dict("index")
    {'A': {'manuf': True, 'ict': False}, 'B': {'manuf': False, 'ict': True}}
    >>> potential_sectors(base, end, sectors=["manuf"], criterion="fast")
    Traceback (most recent call last):
    ...
    ValueError: unknown criterion 'fast'; valid: ['both', 'growth', 'share']
    """
    if criterion not in _POTENTIAL_CRITERIA:
        raise ValueError(f"unknown criterion {criterion!r}; valid: {sorted(_POTENTIAL_CRITERIA)}")
    sectors = _check_sectors(sectors)
    lacking = [s for s in sectors if s not in base.columns or s not in end.columns]
    if lacking:
        raise ValueError(f"sectors {lacking} are not columns of both base and end")
    base = _check_matrix(base[sectors], "base")
    end = _check_matrix(end[sectors], "end")
    new = sorted(set(end.index) - set(base.index))
    if new:
        warnings.warn(f"{len(new)} unit(s) missing from base get NaN: {new[:10]}", UserWarning, stacklevel=3)
    nat0 = _national(base, None if national_base is None else national_base[sectors], "national_base")
    nat1 = _national(end, None if national_end is None else national_end[sectors], "national_end")
    lq0 = location_quotient(base, reference_totals=nat0).reindex(index=end.index)
    lq1 = location_quotient(end, reference_totals=nat1)
    base_aligned = base.reindex(index=end.index)
    share_up = lq1 > lq0
    # g_ij > G_j  <=>  e1 > e0 (1 + G_j); also true for a sector new to the unit (e0 = 0, e1 > 0).
    growth_up = end.gt(base_aligned.mul(nat1 / nat0.where(nat0 > 0), axis=1))
    gaining = {"share": share_up, "growth": growth_up, "both": share_up & growth_up}[criterion]
    flag = (lq1 >= min_lq) & gaining & (end >= min_count)
    out = flag.astype(object)
    out[lq0.isna() | lq1.isna() | base_aligned.isna()] = np.nan
    return out


def _score_count(flags: pd.DataFrame, end: pd.DataFrame) -> pd.Series:
    return flags.fillna(False).astype(float).sum(axis=1)


def _score_employment_share(flags: pd.DataFrame, end: pd.DataFrame) -> pd.Series:
    total = end.sum(axis=1)
    inside = end.where(flags.fillna(False).astype(bool), 0.0).sum(axis=1)
    return inside / total.where(total > 0) * 100.0


_POTENTIAL_METHODS = {"count": _score_count, "employment_share": _score_employment_share}


def sector_potential_score(
    base: pd.DataFrame,
    end: pd.DataFrame,
    national_base: pd.Series | None = None,
    national_end: pd.Series | None = None,
    sectors: Sequence[str] = POTENTIAL_SECTORS,
    min_lq: float = 1.0,
    min_count: float = 50.0,
    method: str = "count",
    criterion: str = "both",
) -> pd.Series:
    """Sector potential of each unit: the sectors in which it is specialised **and** gaining ground.

    Built on :func:`potential_sectors`: a sector counts when, among the unit's jobs in ``sectors``,
    its end-year LQ is at least ``min_lq``; its share of the unit's jobs grew faster than the
    nation's share (LQ rose) **and** it grew faster in the unit than in the nation (positive
    competitive shift) - with the default ``criterion='both'``; and it has at least ``min_count``
    end-year sample persons. In words: *the sectors in which the place is specialised and gaining
    ground both within its own economy and in the national market.*

    ``sectors`` defaults to :data:`POTENTIAL_SECTORS`, the 17 market non-farm census sectors:

    * agriculture (A) is left out: its national share fell from 48 % to 21 % between the censuses, so
      a "rising" farm LQ mostly measures slower de-agrarianisation, not a development potential;
    * public administration, social security & social organisations (S) is left out: it is
      government, not market, employment, and its share rises where the private economy is thin.

    ``method`` (registry; an unknown key raises ``ValueError`` listing the valid ones):

    * ``'count'`` (default): number of potential sectors, 0-17 with the default sectors;
    * ``'employment_share'``: % of the unit's end-year employment in ``sectors`` that works in its
      potential sectors (weights each sector by its size; a manufacturing city with one large
      potential sector scores high here and 1 on the count).

    Parameters
    ----------
    base, end : DataFrame
        Units x sectors counts with the same unit codes (e.g. census 2010 re-keyed with
        :func:`indicators.regions.harmonise_adcodes`, and census 2020).
    national_base, national_end : Series, optional
        National sector totals (e.g. :func:`census_national_totals`); default column sums.
    sectors, min_lq, min_count, criterion
        See :func:`potential_sectors`.
    method : {'count', 'employment_share'}

    Returns
    -------
    Series
        Indexed by the adcodes of ``end``, named ``'sector_potential'``; NaN where the unit is
        missing from ``base`` or has no employment in ``sectors``.

    Examples
    --------
    >>> base = pd.DataFrame({"agri": [100.0, 100.0], "manuf": [50.0, 50.0], "ict": [50.0, 50.0]},
    ...                     index=pd.Index(["A", "B"], name="adcode"))
    >>> end = pd.DataFrame({"agri": [10.0, 900.0], "manuf": [120.0, 60.0], "ict": [80.0, 140.0]},
    ...                    index=pd.Index(["A", "B"], name="adcode"))
    >>> sector_potential_score(base, end, sectors=["manuf", "ict"]).tolist()
    [1.0, 1.0]
    >>> sector_potential_score(base, end, sectors=["manuf", "ict"], method="employment_share").tolist()
    [60.0, 70.0]
    >>> sector_potential_score(base, end, method="mean")
    Traceback (most recent call last):
    ...
    ValueError: unknown method 'mean'; valid: ['count', 'employment_share']
    """
    if method not in _POTENTIAL_METHODS:
        raise ValueError(f"unknown method {method!r}; valid: {sorted(_POTENTIAL_METHODS)}")
    flags = potential_sectors(base, end, national_base, national_end, sectors, min_lq, min_count, criterion)
    known = flags.notna().all(axis=1)
    score = _POTENTIAL_METHODS[method](flags, end[flags.columns].astype(float)).where(known)
    score.name = "sector_potential"
    return score


# --------------------------------------------------------------------------------------------
# Specialisation and concentration
# --------------------------------------------------------------------------------------------


def krugman_specialisation_index(emp: pd.DataFrame, reference_totals: pd.Series | None = None) -> pd.Series:
    r"""Krugman specialisation index :math:`K_i = \sum_j |s_{ij} - S_j|` against the nation.

    Shares are fractions over the columns given (use the 19 analysis sectors); :math:`S_j` comes from
    ``reference_totals`` or the column sums of ``emp``. Range 0 (same structure as the nation) to 2
    (no sector in common).

    Examples
    --------
    >>> emp = pd.DataFrame({"a": [3.0, 1.0], "b": [1.0, 3.0]}, index=["X", "Y"])
    >>> krugman_specialisation_index(emp).tolist()
    [0.5, 0.5]
    """
    emp = _check_matrix(emp, "emp")
    ref = _national(emp, reference_totals, "reference_totals")
    ref_share = ref / ref.sum()
    out = sector_shares(emp).sub(ref_share, axis=1).abs().sum(axis=1, min_count=1)
    out.name = "krugman_index"
    return out


def herfindahl_index(emp: pd.DataFrame) -> pd.Series:
    r"""Herfindahl-Hirschman concentration of a unit's employment :math:`H_i = \sum_j s_{ij}^2`.

    Shares are fractions over the columns given; range :math:`1/n` (even spread over *n* sectors) to 1.

    Examples
    --------
    >>> herfindahl_index(pd.DataFrame({"a": [1.0, 1.0], "b": [1.0, 3.0]}, index=["X", "Y"])).tolist()
    [0.5, 0.625]
    """
    emp = _check_matrix(emp, "emp")
    out = (sector_shares(emp) ** 2).sum(axis=1, min_count=1)
    out.name = "herfindahl_index"
    return out
