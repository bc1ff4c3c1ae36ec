"""The disparity panel's strings (layouts/charts/disparity.py).

Data only: :mod:`layouts.i18n` merges every area into one table and looks strings up with ``t``.
"""

STRINGS: dict[str, dict[str, str]] = {
    "disparity_title": {"zh": "{label}的地区差距（{year}年）", "en": "How unequal is {label}? ({year})"},
    "disparity_headline": {
        "zh": "{label}的不平等中，{between}%来自省与省之间，{within}%来自省内各地区之间。",
        "en": "{between} % of the inequality in {label} is between provinces, {within} % within them.",
    },
    "disparity_bar_label": {
        "zh": "{label}（{year}年）的不平等构成：{between_text}{between}%，{within_text}{within}%",
        "en": "Where the inequality in {label} ({year}) lies: {between} % {between_text}, {within} % {within_text}",
    },
    "disparity_between": {"zh": "省际", "en": "between provinces"},
    "disparity_within": {"zh": "省内", "en": "within provinces"},
    "disparity_regions": {
        "zh": "四大区域（东部、中部、西部、东北）之间的差距占{share}%。",
        "en": "The gaps between the four macro-regions (East, Central, West, Northeast) account for {share} %.",
    },
    "disparity_gini": {
        "zh": "基尼系数 {gini:.2f}：随机抽取两位居民，其所在地区的数值平均相差全国平均水平的{gap}%。",
        "en": "Gini {gini:.2f}: for two residents picked at random, the values of their units differ on average "
        "by {gap} % of the national average.",
    },
    "disparity_cv": {
        "zh": "变异系数 {cv:.2f}：典型居民所在地区的数值偏离全国平均约{pct}%。",
        "en": "Coefficient of variation {cv:.2f}: a typical resident's unit lies about {pct} % above or below "
        "the national average.",
    },
    "disparity_moran_positive": {
        "zh": "莫兰指数 {i:.2f}（p = {p:.3f}）：高值与高值相邻、低值与低值相邻——差距呈区域性集聚，而非零散分布。",
        "en": "Moran's I {i:.2f} (p = {p:.3f}): high values sit next to high values and low next to low — the gaps "
        "form regions rather than a scatter.",
    },
    "disparity_moran_negative": {
        "zh": "莫兰指数 {i:.2f}（p = {p:.3f}）：相邻地区往往差异明显，呈棋盘状分布。",
        "en": "Moran's I {i:.2f} (p = {p:.3f}): neighbouring units tend to differ, like a checkerboard.",
    },
    "disparity_moran_none": {
        "zh": "莫兰指数 {i:.2f}（p = {p:.3f}）：没有明显的空间格局，这样的分布可能纯属偶然。",
        "en": "Moran's I {i:.2f} (p = {p:.3f}): no clear spatial pattern; a map like this could arise by chance.",
    },
    "disparity_signed": {
        "zh": "该指标含负值，基尼系数和泰尔指数（要求非负值）不适用；下面只给出空间集聚。",
        "en": "This indicator takes negative values, so Gini and Theil (which need non-negative values) do not "
        "apply; only the spatial pattern is shown.",
    },
    "disparity_no_data": {"zh": "有效地区太少，无法描述差距。", "en": "Too few units with data to describe the gaps."},
    "disparity_balanced": {
        "zh": "平衡面板：仅计入 {a} 年和本年都有数据的 {n} 个地区，与下方变化表相同。",
        "en": "Balanced panel: only the {n} units with data both in {a} and this year, as in the change table below.",
    },
    "disparity_footer": {
        "zh": "按{wy}年普查常住人口加权。{n}个地区参与计算；{missing}个无数据；{flagged}个被标记的数值未计入。",
        "en": "Weighted by census residents ({wy}). {n} units used; {missing} without data; {flagged} flagged "
        "values left out.",
    },
    "disparity_change_title": {
        "zh": "{label}的差距变化（{a}→{b}年）",
        "en": "How the gaps in {label} changed, {a} → {b}",
    },
    "disparity_measure": {"zh": "指标", "en": "Measure"},
    "disparity_change": {"zh": "变化", "en": "Change"},
    "disparity_m_gini": {"zh": "基尼系数", "en": "Gini"},
    "disparity_m_theil": {"zh": "泰尔T指数", "en": "Theil T"},
    "disparity_m_share_between_province": {"zh": "省际差异占比", "en": "Share between provinces"},
    "disparity_m_share_between_region": {"zh": "四大区域间差异占比", "en": "Share between macro-regions"},
    "disparity_m_cv_weighted": {"zh": "变异系数（人口加权）", "en": "Coefficient of variation (weighted)"},
    "disparity_m_moran_i": {"zh": "莫兰指数 I", "en": "Moran's I"},
    "disparity_same_units": {
        "zh": "两年均有数据的同一批{n}个地区。",
        "en": "The same {n} units, with data in both years.",
    },
}
