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
    "disparity_m_share_between_prefecture_within_province": {
        "zh": "同省地级单位间差异占比",
        "en": "Share between prefectures of a province",
    },
    "disparity_m_share_within_prefecture": {"zh": "地级单位内部差异占比", "en": "Share within prefectures"},
    "disparity_m_theil_between_province": {"zh": "　省际部分", "en": "  between provinces"},
    "disparity_m_theil_between_prefecture_within_province": {
        "zh": "　同省地级单位之间部分",
        "en": "  between prefectures of the same province",
    },
    "disparity_m_theil_within_prefecture": {"zh": "　地级单位内部部分", "en": "  within prefectures"},
    # the county panel (layouts/charts/county_disparity.py)
    "county_disparity_title": {
        "zh": "全国区县{label}的差距（{year}年）",
        "en": "Gaps between China's counties in {label} ({year})",
    },
    "county_disparity_headline": {
        "zh": "{year}年全国各区县{label}的差距中，{province}%来自省与省之间，{prefecture}%来自同省各地级单位之间，"
        "{within}%来自地级单位内部。",
        "en": "Of the gap in {label} between China's counties in {year}, {province} % lies between provinces, "
        "{prefecture} % between prefectures of the same province and {within} % within prefectures.",
    },
    "county_disparity_bar_label": {
        "zh": "{label}（{year}年）区县差距的构成：省际{province}%，同省地级单位之间{prefecture}%，地级单位内部{within}%",
        "en": "Where the gap in {label} between counties ({year}) lies: {province} % between provinces, {prefecture} % "
        "between prefectures of the same province, {within} % within prefectures",
    },
    "county_disparity_part_province": {"zh": "省际", "en": "between provinces"},
    "county_disparity_part_prefecture": {"zh": "同省地级间", "en": "between prefectures"},
    "county_disparity_part_within": {"zh": "地级内部", "en": "within prefectures"},
    "county_disparity_value": {"zh": "数值", "en": "Value"},
    "county_disparity_share": {"zh": "占泰尔T的比重", "en": "Share of Theil T"},
    "county_disparity_moran_p": {
        "zh": "p = {p:.3f}（{permutations} 次置换，区县 Queen 邻接）",
        "en": "p = {p:.3f} ({permutations} permutations, Queen contiguity of the counties)",
    },
    "county_disparity_moran_missing": {
        "zh": "未计算：区县邻接关系尚未生成",
        "en": "not computed: the county contiguity is not built yet",
    },
    "county_disparity_formula": {
        "zh": "泰尔T = Σᵢ pᵢ(xᵢ/μ)ln(xᵢ/μ)（pᵢ：区县 i 的常住人口占比，μ：人口加权均值）= 省际部分（各省均值的泰尔T）"
        "+ 同省地级单位之间部分（各地级单位均值的泰尔T − 省际部分）+ 地级单位内部部分（其余），三部分之和等于总数。",
        "en": "Theil T = Σᵢ pᵢ (xᵢ/μ) ln(xᵢ/μ) (pᵢ: county i's share of the residents, μ: the residents-weighted "
        "mean) = between provinces (the Theil T of the province means) + between prefectures of the same province "
        "(the Theil T of the prefecture means − the part between provinces) + within prefectures (the rest); the "
        "three parts sum to the total.",
    },
    "county_disparity_used": {
        "zh": "{n} 个区县参与计算，按 {year} 年普查常住人口加权。",
        "en": "{n} counties used, weighted by their census residents of {year}.",
    },
    "county_disparity_left_out": {
        "zh": "未计入：{missing} 个地图上的区县无数值；{no_polygon} 个县级统计单位在地图上无边界（{why}）。",
        "en": "Left out: {missing} counties on the map without a value; {no_polygon} census units without a "
        "polygon on the map ({why}).",
    },
    "county_disparity_no_polygon_2020": {
        "zh": "开发区、新区等功能区及其他无边界单位",
        "en": "development zones, new areas and other units without a boundary",
    },
    "county_disparity_no_polygon_2010": {
        "zh": "地图上没有辖区相同的区县：2020 年前区划已调整，或本无边界",
        "en": "no county of the same territory on the map: boundaries redrawn by 2020, or no boundary at all",
    },
    "county_disparity_left_out_territory": {
        "zh": "另有 {n} 个 {year} 年数值的辖区与地图上同一代码的区县不同（两次普查间区划变动），未计入。",
        "en": "Also left out: {n} figures of {year} on a territory that differs from the drawn county's "
        "(boundary changes between the censuses).",
    },
    "county_disparity_left_out_weight": {
        "zh": "另有 {n} 个区县无普查常住人口（无法加权），未计入。",
        "en": "Also left out: {n} counties without census residents (no weight).",
    },
    "county_disparity_meta": {
        "zh": "指标单位：{unit}。年份：{year} 年。来源：{source}。",
        "en": "Indicator unit: {unit}. Year: {year}. Source: {source}.",
    },
    "county_disparity_change_sentence": {
        "zh": "{a} 年至 {b} 年（同一批 {n} 个区县），{label}的泰尔T指数从 {ta:.3f} 变为 {tb:.3f}；省际部分占比从 {pa}% "
        "变为 {pb}%，同省地级单位之间从 {fa}% 变为 {fb}%，地级单位内部从 {wa}% 变为 {wb}%。",
        "en": "From {a} to {b}, on the same {n} counties, the Theil T of {label} went from {ta:.3f} to {tb:.3f}; the "
        "part between provinces from {pa} % to {pb} %, between prefectures of the same province from {fa} % to "
        "{fb} %, within prefectures from {wa} % to {wb} %.",
    },
    "county_disparity_same_counties": {
        "zh": "两年为同一批 {n} 个区县（两次普查都有数值和常住人口，且 {a} 年辖区与地图上的区县相同）；"
        "不在此面板中：{b} 年另有 {only_b} 个区县，{a} 年另有 {only_a} 个。",
        "en": "Same {n} counties in both years (a value and census residents in both censuses, and in {a} the "
        "drawn county's territory); not in this panel: {only_b} more counties of {b}, {only_a} more of {a}.",
    },
    "disparity_same_units": {
        "zh": "两年均有数据的同一批{n}个地区。",
        "en": "The same {n} units, with data in both years.",
    },
}
