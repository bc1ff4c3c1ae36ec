"""The flows panel's strings (layouts/flows.py; drawn by assets/flows.js from the page's ``data-flows``).

Data only: :mod:`layouts.i18n` merges every area into one table and looks strings up with ``t``.
"""

STRINGS: dict[str, dict[str, str]] = {
    "flows_title": {"zh": "春运迁徙流", "en": "Spring-Festival flows"},
    "flows_off": {"zh": "关闭", "en": "Off"},
    "flows_out": {"zh": "迁出（去向）", "en": "Leaving"},
    "flows_in": {"zh": "迁入（来源）", "en": "Arriving"},
    "flows_out_title": {"zh": "所选地区的出行者去往哪里", "en": "Where the selected units' travellers go"},
    "flows_in_title": {"zh": "所选地区的到达者来自哪里", "en": "Where the selected units' arrivals come from"},
    "flows_window": {"zh": "时段", "en": "Window"},
    "flows_top": {"zh": "条数", "en": "Top"},
    "flows_national": {
        "zh": "全国最强的跨省迁徙通道（未选择地区）",
        "en": "The strongest cross-province corridors in China (no unit selected)",
    },
    "flows_unit_heading": {"zh": "{name}的{direction}", "en": "{name}: {direction}"},
    "flows_col_rank": {"zh": "序", "en": "#"},
    "flows_col_partner": {"zh": "对方城市", "en": "Partner"},
    "flows_col_corridor": {"zh": "通道", "en": "Corridor"},
    "flows_col_province": {"zh": "省份", "en": "Province"},
    "flows_col_index": {"zh": "指数", "en": "Index"},
    "flows_col_share": {"zh": "占本市合计", "en": "Share of unit's total"},
    "flows_col_same": {"zh": "同省", "en": "Same province"},
    "flows_yes": {"zh": "是", "en": "yes"},
    "flows_no": {"zh": "否", "en": "no"},
    "flows_fallback_mark": {"zh": "对方列表数值", "en": "other side's figure"},
    "flows_loading": {"zh": "正在载入迁徙数据…", "en": "Loading the flows…"},
    "flows_failed": {"zh": "迁徙数据载入失败：", "en": "The flows could not be loaded: "},
    "flows_empty": {"zh": "该时段没有迁徙记录。", "en": "No flows recorded in this window."},
    "flows_more_units": {
        "zh": "只显示前{n}个所选地区的迁徙流。",
        "en": "Flows are drawn for the first {n} selected units only.",
    },
    "flows_focus_hint": {
        "zh": "点击流线或对方城市，以其为焦点。",
        "en": "Click a line or a partner to make it the focus.",
    },
    "flows_legend": {
        "zh": "线宽与颜色：百度迁徙指数点数（最大 {max}）",
        "en": "Line width and colour: Baidu index points (largest {max})",
    },
    "flows_tooltip_share": {"zh": "占{name}合计的 {share}", "en": "{share} of {name}'s total"},
    "flows_caption_label": {"zh": "单位", "en": "Unit"},
    "flows_caption_source": {"zh": "来源", "en": "Source"},
    "flows_caption_caveat": {"zh": "说明", "en": "Caveat"},
}

#: The two presenter scenes built from the corridor table (state/flow_scenes.py): titles and caption
#: templates; the names and figures are filled in from the data.
SCENE_STRINGS: dict[str, dict[str, str]] = {
    "scene_go_home_title": {
        "zh": "{n} · 深圳和东莞的务工者回到哪里",
        "en": "{n} · Where Shenzhen's and Dongguan's workers go home",
    },
    "scene_go_home_unit": {
        "zh": "{name}节前迁出最多去往{partners}；{cross}",
        "en": "{name}'s pre-festival travellers went mostly to {partners}; {cross}",
    },
    "scene_go_home_lead": {
        "zh": "2020年春节前（1月10日—24日），务工者从工作城市返乡。",
        "en": "Before the 2020 Spring Festival (10–24 Jan), workers travelled from the cities where they work to their homes.",
    },
    "scene_come_back_title": {
        "zh": "{n} · 节后谁回到重庆和银川",
        "en": "{n} · Who comes back to Chongqing and Yinchuan after the festival",
    },
    "scene_come_back_unit": {
        "zh": "回到{name}的人主要来自{partners}；{cross}",
        "en": "Arrivals in {name} came mostly from {partners}; {cross}",
    },
    "scene_come_back_lead": {
        "zh": "2021年春节后的返程潮（2月12日—3月8日）。",
        "en": "The return wave after the 2021 Spring Festival (12 Feb – 8 Mar).",
    },
    "scene_go_home_cross": {"zh": "{share}流向外省。", "en": "{share} left the province."},
    "scene_come_back_cross": {"zh": "{share}来自外省。", "en": "{share} came from other provinces."},
    "scene_cross_municipality": {
        "zh": "作为直辖市，其对方城市都在外省。",
        "en": "as a municipality, every partner lies in another province.",
    },
    "scene_partner": {"zh": "{name}（{index}）", "en": "{name} ({index})"},
    "scene_units_note": {
        "zh": "括号内为百度迁徙指数点数，不是人数。",
        "en": "Figures in brackets are Baidu index points, not persons.",
    },
}
STRINGS.update(SCENE_STRINGS)
