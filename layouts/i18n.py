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
    "breaks": {"zh": "断点（逗号分隔）", "en": "Breaks (comma-separated)"},
    "palette_auto": {"zh": "指标默认", "en": "Indicator default"},
    "present": {"zh": "演示模式", "en": "Present"},
    "present_keys": {
        "zh": "→ / PageDown 下一幕 · ← / PageUp 上一幕 · Esc 退出",
        "en": "→ / PageDown next scene · ← / PageUp previous · Esc leaves",
    },
    "copy_link": {"zh": "复制链接", "en": "Copy link"},
    "upload_title": {"zh": "上传自己的数据（CSV / XLSX）", "en": "Bring your own data (CSV / XLSX)"},
    "map_mode": {"zh": "地图模式", "en": "Map mode"},
    "mode_values": {"zh": "数值", "en": "Values"},
    "mode_lisa": {"zh": "空间集聚 (LISA)", "en": "Clusters (LISA)"},
    "lisa_title": {
        "zh": "局部莫兰指数聚类（Queen邻接，999次置换，p<0.05）",
        "en": "Local Moran's I clusters (queen contiguity, 999 permutations, p < 0.05)",
    },
    "lisa_high-high": {"zh": "高-高（热点）", "en": "High-high (hot spot)"},
    "lisa_low-low": {"zh": "低-低（冷点）", "en": "Low-low (cold spot)"},
    "lisa_high-low": {"zh": "高-低（高值孤岛）", "en": "High-low (outlier)"},
    "lisa_low-high": {"zh": "低-高（低值孤岛）", "en": "Low-high (outlier)"},
    "lisa_not significant": {"zh": "不显著", "en": "Not significant"},
    "lisa_no neighbours": {"zh": "无邻接单位", "en": "No neighbours"},
    "about_indicator": {"zh": "指标说明、计算方法与注意事项", "en": "About this indicator: formula and caveats"},
    "csv_all": {"zh": "当前指标全部地区的CSV", "en": "CSV of the current indicator, all units"},
    "csv_selection": {"zh": "所选CSV", "en": "CSV (selection)"},
    "csv_sel_title": {"zh": "当前指标所选地区的CSV", "en": "CSV of the current indicator, selected units"},
    "map_png": {"zh": "地图PNG", "en": "Map PNG"},
    "tab_compare": {"zh": "比较", "en": "Compare"},
    "tab_trend": {"zh": "趋势", "en": "Trend"},
    "tab_scatter": {"zh": "散点", "en": "Scatter"},
    "tab_ranking": {"zh": "排名", "en": "Ranking"},
    "tab_profile": {"zh": "概况", "en": "Profile"},
    "tab_peers": {"zh": "相似地区", "en": "Peers"},
    "tab_sectors": {"zh": "产业", "en": "Sectors"},
    "tab_disparity": {"zh": "差距", "en": "Disparity"},
    "bad_breaks": {
        "zh": "断点无效：请输入2–8个递增的数字，用逗号分隔。",
        "en": "Breaks not usable: give 2–8 ascending numbers separated by commas.",
    },
    "migrant_context": {
        "zh": "国家统计局农民工监测调查：全国农民工{total}万人（{year}年），其中外出农民工{outgoing}万人、跨省流动{interprov}万人。",
        "en": "NBS migrant-worker survey: {total} rural migrant workers in China ({year}); "
        "{outgoing} working outside their home township, {interprov} in another province.",
    },
}


def t(key: str, lang: str) -> str:
    """The string ``key`` in ``lang`` (English when the language is unknown).

    An unknown key raises ``KeyError`` so that a missing translation fails the tests, not the page.
    """
    entry = STRINGS[key]
    return entry.get(lang if lang in LANGS else DEFAULT_LANG, entry[DEFAULT_LANG])
