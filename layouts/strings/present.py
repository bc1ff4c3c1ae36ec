"""Strings of the presenter's projector layout, the phone layout, the embed mode and the share menu
(layouts/present.py, web/page.py, assets/present.js, assets/share.js).

Data only: :mod:`layouts.i18n` merges every area into one table and looks strings up with ``t``.
"""

STRINGS = {
    "copy_embed": {"zh": "复制嵌入代码", "en": "Copy embed code"},
    "copy_embed_title": {
        "zh": "复制 <iframe> 代码，把这张地图嵌入其他网页",
        "en": "Copy an <iframe> snippet that shows this map on another page",
    },
    "open_full_view": {"zh": "打开完整页面 ↗", "en": "Open full view ↗"},
    "controls_drawer": {"zh": "选项", "en": "Controls"},
    "legend_toggle": {"zh": "图例", "en": "Legend"},
    "higher_means": {"zh": "颜色越深，数值越高", "en": "Darker colour = higher value"},
    "higher_means_diverging": {
        "zh": "两端颜色表示偏离中间值的方向",
        "en": "The two colour ends show which way a unit departs from the middle",
    },
}
