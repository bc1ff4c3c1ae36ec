"""The county level's strings (state/county_display.py, layouts/county.py).

Data only: :mod:`layouts.i18n` merges every area into one table and looks strings up with ``t``.
"""

STRINGS: dict[str, dict[str, str]] = {
    "county_scale_note": {
        "zh": "分级按全国区县分布计算：同一颜色在各省代表同一数值。",
        "en": "Classes from the national county distribution: a colour means the same number in every province.",
    },
    "county_upload_note": {
        "zh": "用户上传的数据：{label}（{unit}）。分级按上传的数值计算；无数值的区县显示为“无数据”。",
        "en": "Uploaded by the user: {label} ({unit}). Classes from the uploaded values; counties without a value "
        "are drawn as no data.",
    },
    "county_not_drawn": {
        "zh": "{year} 年普查有 {units} 个县级统计单位无边界（其中 {zones} 个为开发区、新区等功能区），"
        "共 {residents}常住人口未在地图上绘出；它们列在排名和 CSV 中。",
        "en": "{units} census units of {year} have no boundary ({zones} of them development zones, new areas and "
        "other functional zones): {residents} residents are not drawn on the map; they are listed in the ranking "
        "and the CSV.",
    },
    "county_lisa_note": {
        "zh": "LISA 聚类基于全国区县的邻接关系（Queen 邻接，{permutations} 次置换，p < {alpha}）。",
        "en": "LISA clusters on the contiguity of all China's counties (Queen neighbours, {permutations} permutations, p < {alpha}).",
    },
    "county_levels": {"zh": "区县", "en": "Counties"},
    "county_whole_country": {"zh": "全国", "en": "All China"},
    "county_back_to_prefectures": {"zh": "返回地级", "en": "Back to prefectures"},
    "county_of_province": {"zh": "所选省份的区县", "en": "Counties of the picked province"},
    "county_pilot_ningxia": {"zh": "宁夏 22 区县", "en": "Ningxia, 22 counties"},
    "county_pilot_chongqing": {"zh": "重庆 38 区县", "en": "Chongqing, 38 districts and counties"},
    "county_drill_title": {
        "zh": "下钻到区县（同一全国色阶）",
        "en": "Drill down to districts and counties (one national colour scale)",
    },
    "county_ranking_scope": {
        "zh": "在{province}的 {n} 个区县中排名（1 = 最高），不含其他省份的区县。",
        "en": "Ranked among {province}'s {n} districts and counties only (1 = highest).",
    },
    "county_ref_prefecture": {"zh": "所属地级单位", "en": "Its prefecture"},
    "county_ref_province": {"zh": "所属省份", "en": "Its province"},
    "county_ref_nation": {"zh": "全国", "en": "China"},
    "county_change_note": {
        "zh": "仅比较两次普查间辖区未变的区县（其余为无数据，悬停可见原因）；色阶来自全国区县变化分布。",
        "en": "Only counties whose territory did not change between the censuses are compared (the others show "
        "no data; hover for why); classes from the national distribution of county changes.",
    },
    # the references of a count (residents, migrants): mean county values, as at prefecture level
    "county_avg_prefecture": {"zh": "所属地级单位各区县平均", "en": "Its prefecture, average of its counties"},
    "county_avg_province": {"zh": "所属省份各区县平均", "en": "Its province, average of its counties"},
    "county_avg_nation": {"zh": "全国各区县平均", "en": "China, average of counties"},
    "county_avg_note": {
        "zh": "计数指标的参考值为区县平均值（地级、省级合计远大于单个区县）。",
        "en": "For a count the references are mean county values (a prefecture's or province's total dwarfs one county).",
    },
    "county_ref_missing": {
        "zh": "该指标无地级/省级公布值，参考线从略。",
        "en": "This indicator has no published prefecture or province figure: those references are left out.",
    },
    "county_tab_prefecture_only": {
        "zh": "此标签页目前只画地级单位（点“返回地级”查看）；区县可用比较、排名、散点、概况、相似地区、产业、地区差距和"
        "对比表标签页及 CSV。",
        "en": "This tab is drawn for prefecture-level units only (use “Back to prefectures”); at county level the "
        "compare, ranking, scatter, profile, peers, sectors, disparity and table tabs and the CSV work.",
    },
    "county_tab_trend_why": {
        "zh": "区县只有 2010 和 2020 两次普查，且两次之间不少区县代码改变：区县不画趋势图；变化见“2010→2020 人口变化”指标。",
        "en": "Counties have only the two censuses (2010, 2020) and many codes changed between them: no trend chart "
        "for counties; the change is the indicator 'population change 2010→2020'.",
    },
    "county_sectors_no_growth": {
        "zh": "{name}：只显示 2020 年区位商，无 2010→2020 行业增长（{reason}）。",
        "en": "{name}: only the 2020 location quotients are shown, no sector growth 2010→2020 ({reason}).",
    },
    "county_sectors_no_data": {
        "zh": "{name}没有行业数据：{reason}。",
        "en": "{name} has no sector figures: {reason}.",
    },
    "county_key_replaced": {
        "zh": "“{asked}”没有区县数据：显示{label}。",
        "en": "“{asked}” has no county figures: showing {label}.",
    },
    "county_year_replaced": {
        "zh": "{label}没有 {asked} 年的区县数据：显示 {year} 年。",
        "en": "{label} has no county figures for {asked}: showing {year}.",
    },
    "county_not_on_map": {"zh": "地图上无边界（未绘出）", "en": "no boundary: not drawn on the map"},
    "unit_type_county_district": {"zh": "市辖区", "en": "District"},
    "unit_type_county_county": {"zh": "县", "en": "County"},
    "unit_type_county_county_city": {"zh": "县级市", "en": "County-level city"},
    "unit_type_county_banner": {"zh": "旗", "en": "Banner"},
    "unit_type_county_functional_zone": {"zh": "功能区", "en": "Functional zone"},
    "unit_type_county_other": {"zh": "县级单位", "en": "County-level unit"},
}
