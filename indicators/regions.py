"""Provinces, NBS macro-regions and adcode vintages for prefecture-level units.

Every prefecture-level adcode starts with the two digits of its province (GB/T 2260), so the
province and the macro-region of a unit follow from its code alone. The four macro-regions are
those of the National Bureau of Statistics (东部、中部、西部、东北, NBS 2011 division):

* **east** (东部, 10): Beijing, Tianjin, Hebei, Shanghai, Jiangsu, Zhejiang, Fujian, Shandong,
  Guangdong, Hainan;
* **central** (中部, 6): Shanxi, Anhui, Jiangxi, Henan, Hubei, Hunan;
* **west** (西部, 12): Inner Mongolia, Guangxi, Chongqing, Sichuan, Guizhou, Yunnan, Tibet,
  Shaanxi, Gansu, Qinghai, Ningxia, Xinjiang;
* **northeast** (东北, 3): Liaoning, Jilin, Heilongjiang.

Taiwan, Hong Kong and Macau have a province but no macro-region (``None``).

The module also maps the 2010 codes of units that were renamed or merged before 2020 to their
2020 codes (:func:`harmonise_adcodes`), so that 2010 and 2020 tables can be compared unit by unit.

Examples
--------
>>> province_of("441900"), macro_region("441900")
('440000', 'east')
>>> macro_region_label("northeast", lang="zh")
'东北地区'
>>> macro_region("810000") is None
True
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from indicators import codes

LANGS = ("en", "zh")

#: Macro-region key -> (label_zh, label_en).
MACRO_REGIONS: dict[str, tuple[str, str]] = {
    "east": ("东部地区", "East"),
    "central": ("中部地区", "Central"),
    "west": ("西部地区", "West"),
    "northeast": ("东北地区", "Northeast"),
}


@dataclass(frozen=True)
class Province:
    """One province-level unit: 2-digit prefix, 6-digit code, names and NBS macro-region."""

    prefix: str
    name_zh: str
    name_en: str
    region: str | None

    @property
    def adcode(self) -> str:
        return self.prefix + "0000"


_PROVINCE_ROWS = [
    ("11", "北京市", "Beijing", "east"),
    ("12", "天津市", "Tianjin", "east"),
    ("13", "河北省", "Hebei", "east"),
    ("14", "山西省", "Shanxi", "central"),
    ("15", "内蒙古自治区", "Inner Mongolia", "west"),
    ("21", "辽宁省", "Liaoning", "northeast"),
    ("22", "吉林省", "Jilin", "northeast"),
    ("23", "黑龙江省", "Heilongjiang", "northeast"),
    ("31", "上海市", "Shanghai", "east"),
    ("32", "江苏省", "Jiangsu", "east"),
    ("33", "浙江省", "Zhejiang", "east"),
    ("34", "安徽省", "Anhui", "central"),
    ("35", "福建省", "Fujian", "east"),
    ("36", "江西省", "Jiangxi", "central"),
    ("37", "山东省", "Shandong", "east"),
    ("41", "河南省", "Henan", "central"),
    ("42", "湖北省", "Hubei", "central"),
    ("43", "湖南省", "Hunan", "central"),
    ("44", "广东省", "Guangdong", "east"),
    ("45", "广西壮族自治区", "Guangxi", "west"),
    ("46", "海南省", "Hainan", "east"),
    ("50", "重庆市", "Chongqing", "west"),
    ("51", "四川省", "Sichuan", "west"),
    ("52", "贵州省", "Guizhou", "west"),
    ("53", "云南省", "Yunnan", "west"),
    ("54", "西藏自治区", "Tibet", "west"),
    ("61", "陕西省", "Shaanxi", "west"),
    ("62", "甘肃省", "Gansu", "west"),
    ("63", "青海省", "Qinghai", "west"),
    ("64", "宁夏回族自治区", "Ningxia", "west"),
    ("65", "新疆维吾尔自治区", "Xinjiang", "west"),
    ("71", "台湾省", "Taiwan", None),
    ("81", "香港特别行政区", "Hong Kong", None),
    ("82", "澳门特别行政区", "Macau", None),
]

#: Registry of the 34 province-level units, keyed by the 2-digit adcode prefix.
PROVINCES: dict[str, Province] = {row[0]: Province(*row) for row in _PROVINCE_ROWS}

#: 2010 codes of units that kept their territory but changed code (地区 -> 市, county -> prefecture):
#: the ``renamed`` decisions of :data:`indicators.codes.CODE_CHANGES` for units that existed as such
#: (table-label aliases such as table 4's ``469000`` left out).
ADCODE_RENAMES_2010_2020: dict[str, str] = codes.UNIT_RENAMES
#: 2010 units absorbed whole by another unit: additive values are summed into the successor.
ADCODE_MERGES_2010_2020: dict[str, str] = {"371200": "370100"}  # 莱芜 -> 济南 (2019)
#: 2010 units split among several successors; their values cannot be reassigned from the unit row.
ADCODE_SPLITS_2010_2020: dict[str, tuple[str, ...]] = {
    "341400": ("340100", "340200", "340500"),  # 巢湖 (2011) -> 合肥, 芜湖, 马鞍山
}
#: 2020 units whose territory differs from the 2010 unit with the same code. Vintage (not
#: boundary-adjusted) 2010 figures of these units are not comparable with 2020.
BOUNDARY_CHANGED_2010_2020: frozenset[str] = frozenset(
    {
        "340100",
        "340200",
        "340500",  # 合肥, 芜湖, 马鞍山 took over the dissolved 巢湖 (2011)
        "340700",
        "340800",  # 枞阳县 moved from 安庆 to 铜陵 (2015)
        "340400",
        "341500",  # 寿县 moved from 六安 to 淮南 (2015)
        "510100",
        "512000",  # 简阳市 moved from 资阳 to 成都 (2016)
        # Xinjiang prefectures that ceded land to XPCC cities created after 2010: 北屯 2011 (阿勒泰),
        # 铁门关 2012 (巴音郭楞), 双河 2014 (博尔塔拉), 可克达拉 2015 (伊犁), 昆玉 2016 (和田),
        # 胡杨河 2019 (塔城).
        "654300",
        "652800",
        "652700",
        "654000",
        "653200",
        "654200",
    }
)


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; valid: {list(LANGS)}")


def _province(adcode: str | int) -> Province:
    code = str(adcode).strip()
    if len(code) != 6 or not code.isdigit():
        raise ValueError(f"adcode must be a 6-digit string such as '441900', got {adcode!r}")
    try:
        return PROVINCES[code[:2]]
    except KeyError:
        raise ValueError(
            f"adcode {code!r} has no province prefix {code[:2]!r}; valid prefixes: {sorted(PROVINCES)}"
        ) from None


def province_of(adcode: str | int) -> str:
    """Return the 6-digit province adcode of a unit (its 2-digit prefix + ``'0000'``).

    Parameters
    ----------
    adcode : str or int
        A 6-digit GB/T 2260 code.

    Returns
    -------
    str
        The province code; a municipality is its own province.

    Raises
    ------
    ValueError
        When the code is not 6 digits or the prefix is not a province (the valid prefixes are listed).

    Examples
    --------
    >>> province_of("640100"), province_of(110000), province_of("469024")
    ('640000', '110000', '460000')
    """
    return _province(adcode).adcode


def macro_region(adcode: str | int) -> str | None:
    """Return the NBS macro-region key of a unit: ``'east'``, ``'central'``, ``'west'``,
    ``'northeast'``, or ``None`` for Taiwan, Hong Kong and Macau.

    Examples
    --------
    >>> [macro_region(c) for c in ("310000", "420100", "540100", "220100", "710000")]
    ['east', 'central', 'west', 'northeast', None]
    """
    return _province(adcode).region


def macro_region_label(key: str, lang: str = "en") -> str:
    """Label of a macro-region key in ``'en'`` or ``'zh'``.

    Examples
    --------
    >>> macro_region_label("west")
    'West'
    >>> macro_region_label("south")
    Traceback (most recent call last):
    ...
    ValueError: unknown macro-region 'south'; valid keys: ['central', 'east', 'northeast', 'west']
    """
    _check_lang(lang)
    if key not in MACRO_REGIONS:
        raise ValueError(f"unknown macro-region {key!r}; valid keys: {sorted(MACRO_REGIONS)}")
    zh, en = MACRO_REGIONS[key]
    return zh if lang == "zh" else en


def province_label(adcode: str | int, lang: str = "en") -> str:
    """Name of the province a unit belongs to.

    Examples
    --------
    >>> province_label("441900"), province_label("441900", lang="zh")
    ('Guangdong', '广东省')
    """
    _check_lang(lang)
    prov = _province(adcode)
    return prov.name_zh if lang == "zh" else prov.name_en


def provinces(adcodes: Iterable[str]) -> pd.Series:
    """Province adcode for each unit, as a Series indexed by the unit adcodes.

    Examples
    --------
    >>> provinces(["130100", "110000"]).tolist()
    ['130000', '110000']
    """
    codes = [str(c) for c in adcodes]
    return pd.Series(
        [province_of(c) for c in codes], index=pd.Index(codes, name="adcode"), name="province", dtype=object
    )


def macro_regions(adcodes: Iterable[str]) -> pd.Series:
    """Macro-region key for each unit (``None`` for HK/Macau/Taiwan), indexed by adcode.

    Examples
    --------
    >>> macro_regions(["130100", "230100", "820000"]).tolist()
    ['east', 'northeast', None]
    """
    codes = [str(c) for c in adcodes]
    return pd.Series(
        [macro_region(c) for c in codes], index=pd.Index(codes, name="adcode"), name="region", dtype=object
    )


def harmonise_adcodes(data: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series:
    """Re-key a 2010-vintage table of **additive** values (counts, GDP) to 2020 adcodes.

    Renamed units (:data:`ADCODE_RENAMES_2010_2020`) take their new code; merged units
    (:data:`ADCODE_MERGES_2010_2020`, 莱芜 -> 济南) are summed into their successor. Split units
    (:data:`ADCODE_SPLITS_2010_2020`, 巢湖) are dropped with a warning, because a unit row cannot be
    divided among its successors; their successors then keep their smaller 2010 territory and are
    listed in :data:`BOUNDARY_CHANGED_2010_2020`. Rates and shares must not be passed: summing them
    is meaningless.

    Parameters
    ----------
    data : DataFrame or Series
        Indexed by 6-digit adcode strings.

    Returns
    -------
    DataFrame or Series
        Indexed by 2020 adcodes, sorted. Codes that did not change pass through unchanged.
        Where merged rows are summed, a cell is NaN only if all its contributions are NaN.

    Examples
    --------
    >>> s = pd.Series({"370100": 10.0, "371200": 2.0, "542400": 1.0})
    >>> harmonise_adcodes(s).to_dict()
    {'370100': 12.0, '540600': 1.0}
    """
    index = pd.Index([str(c) for c in data.index])
    split = [c for c in index if c in ADCODE_SPLITS_2010_2020]
    if split:
        warnings.warn(
            f"dropped split 2010 unit(s) {split}; their successors "
            f"{sorted({s for c in split for s in ADCODE_SPLITS_2010_2020[c]})} keep their 2010 territory",
            UserWarning,
            stacklevel=2,
        )
    keep = ~index.isin(split)
    data = data[keep]
    mapping = {**ADCODE_RENAMES_2010_2020, **ADCODE_MERGES_2010_2020}
    new_index = pd.Index([mapping.get(c, c) for c in index[keep]], name=data.index.name or "adcode")
    data = data.set_axis(new_index, axis=0)
    if new_index.is_unique:
        return data.sort_index()
    return data.groupby(level=0, sort=True).sum(min_count=1)
