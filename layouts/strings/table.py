"""The comparison table's and the locality brief's strings (layouts/charts/table.py, layouts/brief.py).

Data only: :mod:`layouts.i18n` merges every area into one table and looks strings up with ``t``.
"""

STRINGS: dict[str, dict[str, str]] = {
    "tab_table": {"zh": "对比表", "en": "Table"},
    "table_title": {"zh": "{n}个所选地区的对比（{year}年）", "en": "Comparing {n} selected units ({year})"},
    "table_hint": {
        "zh": "在地图上选择地区（按住 Shift 可多选，或用宁夏、重庆按钮），即可并排比较多项指标。",
        "en": "Select units on the map (shift-click adds, or use the Ningxia / Chongqing buttons) to compare "
        "them on many indicators side by side.",
    },
    "table_columns": {"zh": "列（指标）", "en": "Columns (indicators)"},
    "table_grid_hint": {
        "zh": "点击列标题排序；在上方增删列（列按勾选顺序排列：取消后重新勾选即移到最后）。色块为地图同一分级（5级分位数）的颜色；"
        "“第r/n”为全国排名（1 = 最高）；灰底两行为省级和全国参照。",
        "en": "Click a header to sort; add or remove columns above (they follow the order ticked: untick and "
        "tick again to move one to the end). The colour chip "
        "is the map's class (quantiles, 5 classes); “r/n” is the national rank (1 = highest); the grey rows "
        "are the province and national references.",
    },
    "table_unit_col": {"zh": "地区", "en": "Unit"},
    "table_kind_prefecture": {"zh": "（地级参照）", "en": "(prefecture reference)"},
    "table_kind_province": {"zh": "（省级参照）", "en": "(province reference)"},
    "table_prefecture_col": {"zh": "地级 · 省份", "en": "Prefecture · province"},
    "table_grid_hint_county": {
        "zh": "点击列标题排序；在上方增删列（列按勾选顺序排列）。色块为区县地图同一分级（全国区县5级分位数）的颜色；"
        "“第r/n”为在地图所绘区县中的全国排名（1 = 最高）；灰底各行为所属地级单位、省份和全国的参照。",
        "en": "Click a header to sort; add or remove columns above (they follow the order ticked). The colour chip "
        "is the county map's class (quantiles of all China's drawn counties, 5 classes); “r/n” is the national rank "
        "among the drawn counties (1 = highest); the grey rows are the prefecture, province and national references.",
    },
    "table_year_note_county": {
        "zh": "各列取{year}年；没有该年份的指标取最接近的年份（见列标题）。地级、省级与全国行为同一指标在该层级的公布值"
        "（同一次普查），不由区县数值推算；直辖市的区县没有地级行（省级行即同一单位）。",
        "en": "Each column at {year}, or the indicator's closest year (in its header). The prefecture, province "
        "and national rows are the same indicator's published figures at those levels (same census), not "
        "computed from the counties; a municipality's districts have no prefecture row (the province row is "
        "the same unit).",
    },
    "table_county_refs_missing": {
        "zh": "以下指标无地级、省级或全国公布值，参照行留空：{labels}。",
        "en": "No published prefecture, province or national figure for: {labels}; their reference cells are empty.",
    },
    "table_kind_nation": {"zh": "（全国参照）", "en": "(national reference)"},
    "table_rank": {"zh": "第{rank}/{n}", "en": "{rank}/{n}"},
    "table_year_note": {
        "zh": "各列取{year}年；没有该年份的指标取最接近的年份（见列标题）。省级与全国行按各指标的汇总规则计算。",
        "en": "Each column at {year}, or the indicator's closest year (in its header). Province and national "
        "rows follow each indicator's aggregation rule.",
    },
    "table_download": {"zh": "下载", "en": "Download"},
    "table_ignored_cols": {"zh": "上传数据不能加入对比表：{keys}", "en": "Uploaded data cannot be a table column: {keys}"},
    # the locality brief
    "brief_link": {"zh": "地区简报（可打印）", "en": "Locality brief (printable)"},
    "brief_title": {"zh": "地区简报", "en": "Locality brief"},
    "brief_print": {"zh": "打印 / 另存为 PDF", "en": "Print / save as PDF"},
    "brief_profile": {"zh": "各类指标概况", "en": "Profile across all families"},
    "brief_findings": {"zh": "要点", "en": "Findings"},
    "brief_quadrant": {"zh": "产业象限（人口普查，2010→2020年）", "en": "Sector quadrant (census, 2010→2020)"},
    "brief_peers": {"zh": "相似地区", "en": "Peers"},
    "brief_peers_note": {
        "zh": "按{labels}（2020年或最接近年份）的标准化欧氏距离，最相似的{n}个地区。",
        "en": "The {n} most similar units by standardised Euclidean distance on {labels} (2020 or the closest year).",
    },
    "brief_no_peers": {"zh": "{name}缺少比较所需的指标，无法找出相似地区。", "en": "{name} lacks an indicator the peer search needs."},
    "brief_distance": {"zh": "距离", "en": "Distance"},
    "brief_national_col": {"zh": "全国", "en": "Nation"},
    "brief_province_col": {"zh": "本省", "en": "Province"},
    "brief_rank_col": {"zh": "全国排名", "en": "National rank"},
    "brief_none": {"zh": "无", "en": "none"},
    "brief_bad_sel": {"zh": "请用 sel=代码 指定地区", "en": "give the units as sel=code~code"},
    "brief_note": {
        "zh": "各指标取该地区有数据的最近年份；排名 1 = 最高。要点中的每个数字都出自本页表格。",
        "en": "Each indicator at the latest year with a value for this unit; rank 1 = highest. Every number "
        "in the findings is a value in this page's tables.",
    },
    # findings: one template sentence per indicator; {cmp} from brief_above / brief_below / brief_equal
    "brief_fact": {
        "zh": "{label}为{value}{unit}（{year}年），全国{n}个地区中第{rank}，省内{prov_n}个中第{prov_rank}{cmp}。",
        "en": "{label} was {value} {unit} in {year}: {rank} of {n} units nationally, {prov_rank} of {prov_n} "
        "in the province{cmp}.",
    },
    "brief_above": {"zh": "，高于全国的{national}", "en": ", above the national {national}"},
    "brief_below": {"zh": "，低于全国的{national}", "en": ", below the national {national}"},
    "brief_equal": {"zh": "，与全国的{national}持平", "en": ", equal to the national {national}"},
    "brief_no_facts": {"zh": "{name}没有本类指标的数据。", "en": "There is no data of this family for {name}."},
    "brief_quadrant_fact": {
        "zh": "按人口普查，{name}有{k}个行业专业化（区位商 ≥ 1）且就业增长快于全国：{sectors}。",
        "en": "By the census, {k} sectors of {name} are specialised (location quotient ≥ 1) and grew faster "
        "than nationally: {sectors}.",
    },
    "brief_emerging_fact": {
        "zh": "另有{k}个行业尚未专业化但增长快于全国：{sectors}。",
        "en": "{k} more are not yet specialised but grew faster than nationally: {sectors}.",
    },
}
