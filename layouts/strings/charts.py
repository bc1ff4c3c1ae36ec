"""The chart tabs' strings (layouts/charts/): titles, notes, keys, hints, column heads.

Data only: :mod:`layouts.i18n` merges every area into one table and looks strings up with ``t``.
"""

STRINGS: dict[str, dict[str, str]] = {
    "selected_units": {"zh": "已选地区", "en": "selected units"},
    "extremes_title": {"zh": "全国最高与最低各10个地区", "en": "10 highest and 10 lowest units"},
    "highest": {"zh": "最高10个", "en": "Highest 10"},
    "lowest": {"zh": "最低10个", "en": "Lowest 10"},
    "selected": {"zh": "已选", "en": "Selected"},
    "province_value": {"zh": "所在省份数值", "en": "Province value"},
    "province_average": {"zh": "所在省份各地区平均", "en": "Province, average of its units"},
    "national_average": {"zh": "全国各地区平均", "en": "China, average of units"},
    "averages_note": {
        "zh": "参考线为各地区数值的平均（总量指标的全国和省级总数无法与单个地区比较）",
        "en": "References are averages of the units' values (national and province totals of a count are not "
        "comparable with one unit)",
    },
    "no_national": {"zh": "该指标无全国值", "en": "No national value for this indicator"},
    "others": {
        "zh": "另有{n}个已选地区未显示（仅显示数值最高的{shown}个）",
        "en": "+ {n} other selected units not shown (the {shown} highest are drawn)",
    },
    "compare_hint": {
        "zh": "未选择地区：显示全国数值最高和最低的各10个地区。点击地图上的地区进行比较。",
        "en": "Nothing selected: the 10 highest and 10 lowest units in China. Click units on the map to compare them.",
    },
    "ignored_codes": {
        "zh": "已忽略未知或过时的地区代码：{codes}",
        "en": "Ignored unknown or outdated unit code(s): {codes}",
    },
    "trend_one_year": {
        "zh": "“{label}”只有一个年份（{year}年）的数据，无法绘制时间序列。",
        "en": "“{label}” has data for one year only ({year}): there is no time series to draw.",
    },
    "trend_hint": {
        "zh": "点击地图上的地区以绘制其时间序列。",
        "en": "Click units on the map to draw their time series.",
    },
    "trend_others": {
        "zh": "另有{n}个已选地区未绘制（仅绘制{year}年数值最高的{shown}个）",
        "en": "+ {n} other selected units not drawn (the {shown} highest in {year} are drawn)",
    },
    "scatter_y": {"zh": "第二个指标（纵轴）", "en": "Second indicator (y axis)"},
    "log_x": {"zh": "横轴对数", "en": "Log x axis"},
    "log_y": {"zh": "纵轴对数", "en": "Log y axis"},
    "all_units": {"zh": "全部地区", "en": "All units"},
    "scatter_hint": {
        "zh": "点击散点以在地图上选择该地区。",
        "en": "Click a dot to select the unit on the map.",
    },
    "scatter_n": {"zh": "{n}个地区两项指标均有数据", "en": "{n} units have both values"},
    "scatter_title": {"zh": "{y}与{x}", "en": "{y} vs {x}"},
    "scatter_units": {"zh": " · 纵轴：{y}；横轴：{x}", "en": " · y: {y}; x: {x}"},
    "log_dropped": {
        "zh": "{n}个数值≤0的地区无法在对数轴上显示",
        "en": "{n} units with values ≤ 0 cannot be shown on a log axis",
    },
    "missing_for": {"zh": "无数据：{names}", "en": "No data: {names}"},
    "rank_col": {"zh": "排名", "en": "Rank"},
    "name_col": {"zh": "名称", "en": "Name"},
    "percentile_col": {"zh": "全国百分位", "en": "National percentile"},
    "percentile_short": {"zh": "全国百分位", "en": "Percentile"},
    "prov_rank_col": {"zh": "省内排名", "en": "Rank in province"},
    "flag_col": {"zh": "数据提示", "en": "Quality flag"},
    "grid_hint": {
        "zh": "点击一行以在地图上选择该地区；已选地区高亮显示。可排序、筛选。",
        "en": "Click a row to select the unit on the map; selected units are highlighted. Sort and filter by column.",
    },
    "percentile_note": {
        "zh": "全国百分位：数值不高于该地区的地区所占比例（%）。",
        "en": "National percentile: share (%) of units whose value is at most the unit's value.",
    },
    "rank_of": {"zh": "{n}个中第{rank}", "en": "{rank} of {n}"},
    "ranking_gap": {"zh": "⋯ 另有 {n} 个地区 ⋯", "en": "⋯ {n} more ⋯"},
    "ranking_missing": {"zh": "无数据：{n} 个地区", "en": "No data: {n} units"},
    "profile_hint": {
        "zh": "点击地图上的地区以查看其概况。",
        "en": "Click a unit on the map to see its profile.",
    },
    "profile_more": {
        "zh": "显示第一个已选地区的概况；另有{n}个已选地区。",
        "en": "Profile of the first selected unit; {n} more selected.",
    },
    "print": {"zh": "打印", "en": "Print"},
    "indicator_col": {"zh": "指标", "en": "Indicator"},
    "sources": {"zh": "来源", "en": "Sources"},
    "profile_note": {
        "zh": "各指标取该地区有数据的最近年份；全国百分位和省内排名按同一年份计算（1 = 最高）。",
        "en": "Each indicator at the latest year with a value for this unit; percentile and provincial rank "
        "in the same year (1 = highest).",
    },
    "peers_hint": {
        "zh": "点击地图上的地区以查找与其相似的地区。",
        "en": "Click a unit on the map to find the units most similar to it.",
    },
    "peer_indicators": {"zh": "比较指标", "en": "Indicators compared"},
    "peer_n": {"zh": "相似地区数量", "en": "Number of peers"},
    "peer_select": {"zh": "在地图上选择该地区及相似地区", "en": "Select the unit and its peers on the map"},
    "peer_distance": {"zh": "距离", "en": "Distance"},
    "peer_title": {"zh": "与{name}最相似的地区", "en": "Units most similar to {name}"},
    "peer_note": {
        "zh": "按{k}个指标的标准化值（z分数，全部地区计算）求欧氏距离；年份为2020年或最近年份。"
        "比较{compared}个地区，{excluded}个因缺少指标数据被排除。",
        "en": "Euclidean distance over z-scores (computed over all units) of {k} indicators, 2020 or the nearest "
        "year. {compared} units compared; {excluded} excluded for a missing value.",
    },
    "peer_none": {"zh": "请至少选择一个指标。", "en": "Choose at least one indicator."},
    "peer_target_missing": {
        "zh": "{name}缺少以下指标的数据：{labels}。请选择其他指标。",
        "en": "{name} has no value of: {labels}. Choose other indicators.",
    },
    "peer_dropped": {
        "zh": "无差异的指标未参与计算：{labels}",
        "en": "Indicators without spread left out: {labels}",
    },
    "sectors_hint": {
        "zh": "点击地图上的地区以查看其产业象限图。",
        "en": "Click a unit on the map to see its sector quadrant chart.",
    },
    "sectors_title": {
        "zh": "{name}：产业专业化与增长（人口普查 2010→2020）",
        "en": "{name}: sector specialisation and growth, census 2010→2020",
    },
    "sectors_x": {"zh": "区位商 2020（相对全国，对数轴）", "en": "Location quotient 2020 (vs China, log scale)"},
    "sectors_y": {
        "zh": "2010→2020 行业就业增长减全国增长（百分点）",
        "en": "Sector growth 2010→2020 minus national growth (percentage points)",
    },
    "sectors_y_short": {"zh": "增长减全国（百分点）", "en": "Growth − China (pp)"},
    "sectors_x_short": {"zh": "区位商（对数轴）", "en": "LQ 2020 (log scale)"},
    "sectors_read": {
        "zh": "左：2020年区位商（竖线 = 全国水平 1）；右：2010→2020 就业增长减全国增长。颜色为象限。",
        "en": "Left: location quotient 2020 (line = China, 1); right: employment growth 2010→2020 minus "
        "China's. Colour: quadrant.",
    },
    "pp_unit": {"zh": "个百分点", "en": "pp"},
    "sectors_size": {
        "zh": "气泡大小：2020年该行业占本地区就业比重",
        "en": "Bubble size: the sector's share of the unit's employment in 2020",
    },
    "sectors_note": {
        "zh": "数据为人口普查长表抽样（约10%家庭）的19个行业门类（GB/T 4754-2017 A–S，不含国际组织）；"
        "比重与增长按抽样人数计算，并非就业人数。",
        "en": "Census long-form sample (about 10 % of households), 19 sectors (GB/T 4754-2017 sections A–S, "
        "international organisations excluded): shares and growth of sample counts, not numbers of persons.",
    },
    "sectors_no_growth": {
        "zh": "{name}没有2010年普查数据（2010年后设立）：仅显示2020年区位商。",
        "en": "{name} has no 2010 census row (created after 2010): only the 2020 location quotients are shown.",
    },
    "sectors_no_data": {
        "zh": "人口普查行业表未覆盖{name}。",
        "en": "The census industry table does not cover {name}.",
    },
    "first_more": {
        "zh": "显示第一个已选地区；另有{n}个已选地区。",
        "en": "Showing the first selected unit; {n} more selected.",
    },
    "sector_col": {"zh": "行业", "en": "Sector"},
    "sector_table": {"zh": "行业门类 A–S 明细表", "en": "Table of the sectors A–S"},
    "lq_short": {"zh": "区位商", "en": "LQ"},
    "relative_growth": {"zh": "相对增长", "en": "Relative growth"},
    "share": {"zh": "比重", "en": "Share"},
    "share_pct_col": {"zh": "比重 %", "en": "Share %"},
    "growth_pp_col": {"zh": "相对增长（百分点）", "en": "Rel. growth (pp)"},
    "quadrant_col": {"zh": "象限", "en": "Quadrant"},
    "q_specialised_growing": {"zh": "专业化·增长快", "en": "Specialised & growing"},
    "q_specialised_declining": {"zh": "专业化·增长慢", "en": "Specialised & declining"},
    "q_emerging": {"zh": "新兴", "en": "Emerging"},
    "q_weak": {"zh": "薄弱", "en": "Weak"},
    "q_none": {"zh": "无2010年数据", "en": "No 2010 data"},
    "chart_error": {"zh": "无法绘制此图：{reason}", "en": "This chart cannot be drawn: {reason}"},
    # names of the charts for screen readers (the aria-label of :func:`graph`)
    "chart_bar": {"zh": "条形图", "en": "Bar chart"},
    "chart_line": {"zh": "折线图", "en": "Line chart"},
    "chart_scatter": {"zh": "散点图", "en": "Scatter chart"},
    "chart_dots": {"zh": "点图与条形图", "en": "Dot and bar chart"},
    "chart_bubble": {"zh": "气泡图", "en": "Bubble chart"},
    "chart_key": {"zh": "图例", "en": "Key"},
    "chart_values": {"zh": "数值", "en": "Values"},
    "scatter_label": {
        "zh": "散点图：全部地区的{x}（横轴，{unit}）与上方所选的第二个指标（纵轴）；已选地区以红色标出。",
        "en": "Scatter chart: every unit's {x} (x axis, {unit}) against the second indicator chosen above "
        "(y axis); selected units in vermillion.",
    },
    # how the charts put words together (the browser's compare chart reads them from the values bundle)
    "title_format": {"zh": "{label}（{unit}），{year}年", "en": "{label} ({unit}), {year}"},
    "title_format_no_year": {"zh": "{label}（{unit}），{year}", "en": "{label} ({unit}), {year}"},
    "title_suffix": {"zh": "{title}·{suffix}", "en": "{title} · {suffix}"},
    "label_unit": {"zh": "{label}（{unit}）", "en": "{label} ({unit})"},
    "label_year": {"zh": "{label}（{year}年）", "en": "{label} ({year})"},
    "name_province": {"zh": "{name}（{province}）", "en": "{name} ({province})"},
    "colon": {"zh": "：", "en": ": "},
    "sentence_end": {"zh": "。", "en": ". "},
    "list_sep": {"zh": "、", "en": "; "},
    "values_sep": {"zh": "；", "en": "; "},
}
