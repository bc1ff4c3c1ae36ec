"""Sector structure: the census sectors, sector matrices, location quotients, specialisation.

Change between two years (growth, shift-share, quadrants, sector potential) is in
:mod:`indicators.sector_change`.

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


def check_sectors(sectors: Sequence[str]) -> list[str]:
    """``sectors`` as a list; an unknown key or an empty list raises ``ValueError``."""
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
    sectors = check_sectors(sectors)
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


def check_matrix(emp: pd.DataFrame, name: str) -> pd.DataFrame:
    """``emp`` as floats; not a DataFrame raises ``TypeError``, negative counts ``ValueError``, NaN rows warn."""
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
    emp = check_matrix(emp, "emp")
    if reference == "nation":
        return _lq_nation(emp, reference_totals)
    return _lq_province(emp, province, reference_totals)


def national_totals_of(frame: pd.DataFrame, given: pd.Series | None, name: str) -> pd.Series:
    """``given`` (reindexed to ``frame``'s sectors; a missing sector raises ``ValueError``), else the column sums."""
    if given is None:
        return frame.sum(axis=0)
    given = given.astype(float).reindex(frame.columns)
    if given.isna().any():
        raise ValueError(f"{name} lacks sectors {list(given.index[given.isna()])}")
    return given


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
    emp = check_matrix(emp, "emp")
    ref = national_totals_of(emp, reference_totals, "reference_totals")
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
    emp = check_matrix(emp, "emp")
    out = (sector_shares(emp) ** 2).sum(axis=1, min_count=1)
    out.name = "herfindahl_index"
    return out
