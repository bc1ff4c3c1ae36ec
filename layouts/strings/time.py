"""Strings of the time controls (play, year stamp, 2010 | 2020 change) and of the link preview.

Data only: :mod:`layouts.i18n` merges every area into one table and looks strings up with ``t``.
"""

STRINGS: dict[str, dict[str, str]] = {
    "play": {"zh": "▶ 播放年份", "en": "▶ Play years"},
    "pause": {"zh": "❚❚ 暂停", "en": "❚❚ Pause"},
    "play_title": {
        "zh": "逐年播放本指标的各个年份；各年份使用同一分级（按所有年份的数值计算），同一颜色在每一年代表相同数值。",
        "en": "Step through the indicator's years; the classes are the same in every year (computed on the "
        "values of all years), so a colour means the same value in every frame.",
    },
    "fixed_classes": {"zh": "{first}–{last}年各年份统一分级", "en": "classes fixed across {first}–{last}"},
    "missing_years": {"zh": "无数据年份：{years}", "en": "no data for {years}"},
    "one_year_only": {"zh": "本指标只有一个年份。", "en": "This indicator has one year only."},
    "change_title": {"zh": "{label}：{base} → {year} 的变化", "en": "{label}: change {base} → {year}"},
    "change_unit": {"zh": "变化（{unit}）", "en": "change ({unit})"},
    "change_formula": {
        "zh": "变化 = {year} 年数值 − {base} 年数值；任一年份缺失即为无数据。",
        "en": "change = value {year} − value {base}; no data when either year is missing.",
    },
    "change_higher": {"zh": "蓝色：上升；红色：下降", "en": "blue: rose · red: fell"},
    "change_higher_words": {
        "zh": "{base}—{year}年上升越多（小于0：下降）",
        "en": "a larger rise from {base} to {year} (below 0: a fall)",
    },
    "compare_years": {"zh": "{base} | {year} 对比", "en": "{base} | {year}"},
    "change_map": {"zh": "变化图", "en": "Change map"},
    "split_map": {"zh": "两年并排", "en": "Side by side"},
    "split_note": {
        "zh": "{base}年与{year}年统一分级：同一颜色在两幅图上代表相同数值；计数为 {base} | {year}",
        "en": "one set of classes for {base} and {year}: a colour means the same value on both maps; "
        "counts {base} | {year}",
    },
    "split_caption": {
        "zh": "两幅地图：{base}年与{year}年（年份以大字标在各图上），统一分级，同步平移缩放",
        "en": "Two maps, {base} and {year} (each map's year in large type), in the same classes; they pan and zoom together",
    },
    "preview_description": {
        "zh": "{label}（{year}，{unit}），中国370个地级区域地图。来源：{source}",
        "en": "{label} ({year}, {unit}) across China's 370 prefecture-level units. Source: {source}",
    },
    "preview_source": {"zh": "来源：{source}", "en": "Source: {source}"},
}
