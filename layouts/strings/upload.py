"""The upload panel's strings (layouts/upload.py, callbacks/upload.py).

Data only: :mod:`layouts.i18n` merges every area into one table and looks strings up with ``t``.
"""

STRINGS: dict[str, dict[str, str]] = {
    "upload_panel_title": {"zh": "上传数据", "en": "Upload data"},
    "upload_panel_off": {
        "zh": "此服务器不接受在页面上上传数据。",
        "en": "This server does not accept uploads from the page.",
    },
    "upload_drop": {"zh": "拖放或点击选择 CSV / XLSX 文件", "en": "Drop or click to choose a CSV / XLSX file"},
    "upload_formats": {
        "zh": "以 6 位行政区划代码或地级单位中文名称（可加省份列）为键，一列或多列数字，可有年份列；"
        "UTF-8 或 GBK 编码；不超过 {mb} MB。",
        "en": "Keyed by 6-digit admin code or Chinese unit name (optionally with a province column); one or more "
        "numeric columns; an optional year column; UTF-8 or GBK; at most {mb} MB.",
    },
    "upload_label": {"zh": "指标名称", "en": "Label"},
    "upload_unit": {"zh": "单位", "en": "Unit"},
    "upload_source": {"zh": "数据来源", "en": "Source"},
    "upload_label_ph": {"zh": "例如：城镇登记失业人数", "en": "e.g. Registered urban unemployed"},
    "upload_unit_ph": {"zh": "例如：万人", "en": "e.g. 10,000 persons"},
    "upload_source_ph": {
        "zh": "例如：某市统计年鉴 2021，表 4-3",
        "en": "e.g. City statistical yearbook 2021, table 4-3",
    },
    "upload_accept": {"zh": "确认并保存", "en": "Accept and save"},
    "upload_hint": {
        "zh": "选择文件后，这里显示匹配结果。",
        "en": "The match report appears here once a file is chosen.",
    },
    "upload_errors": {"zh": "无法接受此文件：", "en": "This upload cannot be accepted:"},
    "upload_row": {"zh": "第 {n} 行", "en": "row {n}"},
    "upload_matched": {"zh": "已匹配", "en": "Matched"},
    "upload_ambiguous": {"zh": "有歧义", "en": "Ambiguous"},
    "upload_unknown": {"zh": "未识别", "en": "Unknown"},
    "upload_rows_word": {"zh": "行", "en": "rows"},
    "upload_only_matched": {
        "zh": "只保存已匹配的行；有歧义和未识别的行不会保存。",
        "en": "Only matched rows are saved; ambiguous and unknown rows are left out.",
    },
    "upload_columns": {"zh": "数值列", "en": "Value columns"},
    "upload_level": {"zh": "单位层级", "en": "Units"},
    "upload_level_prefecture": {"zh": "地级单位", "en": "prefecture-level units"},
    "upload_level_county": {"zh": "县级单位（区县）", "en": "county-level units (counties and districts)"},
    "upload_years": {"zh": "年份", "en": "Years"},
    "upload_read_as": {"zh": "读取方式", "en": "Read as"},
    "upload_more": {"zh": "另有 {n} 行", "en": "{n} more rows"},
    "upload_saved": {"zh": "已保存，数据集编号 {id}。", "en": "Saved as dataset {id}."},
    "upload_delete_token": {
        "zh": "删除令牌（仅显示这一次，请妥善保存；凭它可删除此数据集）：",
        "en": "Delete token (shown only this once; keep it to take this dataset down):",
    },
    "dataset_removed": {
        "zh": "此链接中的数据集已被上传者或管理员删除。",
        "en": "The dataset of this link was removed by its uploader or an administrator.",
    },
    "upload_store_failed": {
        "zh": "暂时无法保存，请稍后再试。",
        "en": "The dataset could not be saved now; please try again.",
    },
    "upload_user_data": {"zh": "用户数据", "en": "User data"},
}
