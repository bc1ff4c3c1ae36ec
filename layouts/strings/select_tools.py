"""The selection tools' strings (layouts/select_tools.py).

Data only: :mod:`layouts.i18n` merges every area into one table and looks strings up with ``t``.
"""

STRINGS: dict[str, dict[str, str]] = {
    "tools_find": {"zh": "查找地区", "en": "Find a unit"},
    "tools_search_placeholder": {
        "zh": "名称、拼音或英文，如 银川 / yinchuan",
        "en": "Name, pinyin or English, e.g. Yinchuan",
    },
    "tools_search_placeholder_county": {
        "zh": "区县名，可加地级名，如 兴庆区 银川",
        "en": "County, optionally with its prefecture, e.g. Xingqing Yinchuan",
    },
    "tools_pilot_ningxia_title_county": {"zh": "选择宁夏的22个区县并缩放", "en": "Select Ningxia's 22 counties and zoom to them"},
    "tools_pilot_chongqing_title_county": {
        "zh": "选择重庆的38个区县并缩放",
        "en": "Select Chongqing's 38 districts and counties and zoom to them",
    },
    "tools_did_you_mean": {"zh": "您是否要找：{label}", "en": "Did you mean: {label}"},
    "tools_no_match": {"zh": "无匹配地区", "en": "No matching unit"},
    "tools_clear_search": {"zh": "清除", "en": "Clear"},
    "tools_pilots": {"zh": "试点视图", "en": "Pilot views"},
    "tools_pilot_ningxia": {"zh": "宁夏", "en": "Ningxia"},
    "tools_pilot_ningxia_title": {
        "zh": "选择宁夏的5个地级市并缩放",
        "en": "Select Ningxia's five prefectures and zoom to them",
    },
    "tools_pilot_chongqing": {"zh": "重庆及周边", "en": "Chongqing + neighbours"},
    "tools_pilot_chongqing_title": {
        "zh": "选择重庆市及与其接壤的地区并缩放",
        "en": "Select Chongqing and every unit bordering it, and zoom to them",
    },
    "tools_province": {"zh": "整省选择", "en": "Whole province"},
    "tools_province_placeholder": {"zh": "选择省份", "en": "Choose a province"},
    "tools_province_go": {"zh": "选择", "en": "Select"},
    "tools_lasso_add": {"zh": "框选时添加到已选", "en": "Box / lasso adds to the selection"},
    "tools_lasso_hint": {
        "zh": "用地图左上角的矩形或多边形工具框选：触及的地区都会被选中。",
        "en": "Draw a box or polygon with the tools at the map's top left: every unit it touches is selected.",
    },
}
