"""Interface strings in Chinese and English.

>>> t("no_data", "zh")
'无数据'
>>> t("no_data", "fr")
'No data'
"""

from __future__ import annotations

LANGS = ("zh", "en")
DEFAULT_LANG = "en"

STRINGS: dict[str, dict[str, str]] = {
    "title": {"zh": "地方经济发展图集 · 中国地级区域", "en": "LED Atlas · China's prefectures"},
    "subtitle": {
        "zh": "就业、农民工流动与产业潜力的地区差距",
        "en": "Regional gaps in jobs, migrant workers and sector potential",
    },
    "indicator": {"zh": "指标", "en": "Indicator"},
    "year": {"zh": "年份", "en": "Year"},
    "classes": {"zh": "分级方法", "en": "Classes"},
    "k": {"zh": "级数", "en": "Classes (k)"},
    "palette": {"zh": "配色", "en": "Palette"},
    "no_data": {"zh": "无数据", "en": "No data"},
    "units_word": {"zh": "个单位", "en": "units"},
    "source": {"zh": "来源", "en": "Source"},
    "unit": {"zh": "单位", "en": "Unit"},
    "formula": {"zh": "计算方法", "en": "Formula"},
    "caveat": {"zh": "注意", "en": "Caveat"},
    "selection": {"zh": "已选地区", "en": "Selection"},
    "select_hint": {
        "zh": "点击地图上的地区以选择并比较。",
        "en": "Click a unit on the map to select it and compare.",
    },
    "clear": {"zh": "清除选择", "en": "Clear selection"},
    "province": {"zh": "省份", "en": "Province"},
    "nation": {"zh": "全国", "en": "China"},
    "value": {"zh": "数值", "en": "Value"},
    "map_label": {
        "zh": "中国地级区域分级设色地图",
        "en": "Choropleth map of China's prefecture-level units",
    },
    "inset_label": {"zh": "南海诸岛", "en": "South China Sea Islands"},
    "quantiles": {"zh": "分位数", "en": "Quantiles"},
    "fisher_jenks": {"zh": "自然断点 (Fisher-Jenks)", "en": "Natural breaks (Fisher-Jenks)"},
    "equal_interval": {"zh": "等间距", "en": "Equal interval"},
    "user_defined": {"zh": "自定义断点", "en": "User-defined breaks"},
    "flagged": {"zh": "数据质量提示", "en": "Quality flag"},
    "rank": {"zh": "全国排名", "en": "National rank"},
    "of": {"zh": "/", "en": "of"},
    "unit_type_prefecture": {"zh": "地级单位", "en": "Prefecture-level unit"},
    "unit_type_municipality": {"zh": "直辖市", "en": "Municipality"},
    "unit_type_province_direct_county": {"zh": "省直辖县级单位", "en": "Province-administered county-level unit"},
    "unit_type_sar_or_taiwan": {"zh": "特别行政区 / 台湾", "en": "SAR / Taiwan"},
    "not_in_data": {
        "zh": "统计表未覆盖此地区",
        "en": "The statistics do not cover this unit",
    },
    "lang_switch": {"zh": "English", "en": "中文"},
}


def t(key: str, lang: str) -> str:
    """The string ``key`` in ``lang`` (English when the language is unknown).

    An unknown key raises ``KeyError`` so that a missing translation fails the tests, not the page.
    """
    entry = STRINGS[key]
    return entry.get(lang if lang in LANGS else DEFAULT_LANG, entry[DEFAULT_LANG])
