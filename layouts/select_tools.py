"""Selection tools: type-ahead search, pilot views, whole province, and a box / lasso draw layer.

Two builders: :func:`select_toolbar` (the controls, for the page) and :func:`draw_layer` (a child
of the map). Ids and interface strings of the tools live here; the callbacks are in
:mod:`callbacks.select_tools`.

>>> option = search_option({"adcode": "640100", "name_zh": "银川市", "name_en": "Yinchuan",
...                         "province_adcode": "640000", "province_zh": "宁夏回族自治区",
...                         "province_en": "Ningxia"}, "zh", ["yinchuan", "yc"])
>>> option["label"], option["value"]
('银川市 Yinchuan · 宁夏', '640100')
"""

from __future__ import annotations

import dash_leaflet as dl
from dash import dcc, html

# ---------------------------------------------------------------------------------------------- ids

TOOLBAR = "select-tools"
SEARCH = "unit-search"
PILOT_NINGXIA = "pilot-ningxia"
PILOT_CHONGQING = "pilot-chongqing"
PROVINCE = "province-select"
PROVINCE_GO = "province-select-go"
LASSO_ADD = "lasso-add"
DRAW = "lasso-draw"
DRAW_GROUP = "lasso-layer"

#: Leaflet pane of the drawn shapes, above the units (400) and the borders (450).
DRAW_PANE = "select-draw"
DRAW_PANE_Z = 460
#: Browser-side hook (assets/select_tools.js): page language for Leaflet.draw, edit toolbar hidden.
DRAW_MOUNTED = {"variable": "ledSelect.onDrawMounted"}

# -------------------------------------------------------------------------------------- strings

STRINGS: dict[str, dict[str, str]] = {
    "find": {"zh": "查找地区", "en": "Find a unit"},
    "search_placeholder": {
        "zh": "名称、拼音或英文，如 银川 / yinchuan",
        "en": "Name, pinyin or English, e.g. Yinchuan",
    },
    "no_match": {"zh": "无匹配地区", "en": "No matching unit"},
    "clear_search": {"zh": "清除", "en": "Clear"},
    "pilots": {"zh": "试点视图", "en": "Pilot views"},
    "pilot_ningxia": {"zh": "宁夏", "en": "Ningxia"},
    "pilot_ningxia_title": {
        "zh": "选择宁夏的5个地级市并缩放",
        "en": "Select Ningxia's five prefectures and zoom to them",
    },
    "pilot_chongqing": {"zh": "重庆及周边", "en": "Chongqing + neighbours"},
    "pilot_chongqing_title": {
        "zh": "选择重庆市及与其接壤的地区并缩放",
        "en": "Select Chongqing and every unit bordering it, and zoom to them",
    },
    "province": {"zh": "整省选择", "en": "Whole province"},
    "province_placeholder": {"zh": "选择省份", "en": "Choose a province"},
    "province_go": {"zh": "选择", "en": "Select"},
    "lasso_add": {"zh": "框选时添加到已选", "en": "Box / lasso adds to the selection"},
    "lasso_hint": {
        "zh": "用地图左上角的矩形或多边形工具框选：触及的地区都会被选中。",
        "en": "Draw a box or polygon with the tools at the map's top left: every unit it touches is selected.",
    },
}


def ts(key: str, lang: str) -> str:
    """An interface string of the selection tools (English for an unknown language).

    >>> ts("province_go", "zh"), ts("province_go", "fr")
    ('选择', 'Select')
    """
    entry = STRINGS[key]
    return entry.get(lang, entry["en"])


# -------------------------------------------------------------------------------------- options


def _short_province(province_zh: str) -> str:
    from geodata.names import split_name

    return split_name(province_zh).core


def search_option(unit: dict, lang: str, keys: list[str] | tuple[str, ...] = ()) -> dict:
    """One option of the search box: ``"银川市 Yinchuan · 宁夏"`` (zh) or ``"Yinchuan 银川市 · Ningxia"`` (en).

    ``unit`` holds ``adcode, name_zh, name_en, province_adcode, province_zh, province_en``. The
    province is left out for units that are their own province (municipalities, SARs, Taiwan).
    ``keys`` (the unit's normalised search keys) go into the option's ``search`` field, so the
    dropdown's own filter keeps every option the server found (pinyin initials, ``xian`` for
    ``Xi'an`` ...).
    """
    if lang == "zh":
        label = f"{unit['name_zh']} {unit['name_en']}"
        province = _short_province(unit["province_zh"])
    else:
        label = f"{unit['name_en']} {unit['name_zh']}"
        province = unit["province_en"]
    if str(unit["province_adcode"]) != str(unit["adcode"]):
        label += f" · {province}"
    search = " ".join(dict.fromkeys([label.lower(), *keys]))
    return {"label": label, "value": str(unit["adcode"]), "search": search}


def province_options(provinces: list[dict], lang: str) -> list[dict]:
    """Options of the province dropdown from ``[{adcode, name_zh, name_en}, ...]``.

    >>> province_options([{"adcode": "640000", "name_zh": "宁夏回族自治区", "name_en": "Ningxia"}], "en")
    [{'label': 'Ningxia 宁夏回族自治区', 'value': '640000', 'search': 'ningxia 宁夏回族自治区'}]
    """
    out = []
    for p in provinces:
        label = f"{p['name_zh']} {p['name_en']}" if lang == "zh" else f"{p['name_en']} {p['name_zh']}"
        out.append({"label": label, "value": str(p["adcode"]), "search": label.lower()})
    return out


# ------------------------------------------------------------------------------------- builders


def select_toolbar(lang: str, provinces: list[dict]):
    """The selection tools: search box, pilot buttons, province picker and the lasso option.

    Parameters
    ----------
    lang : str
        ``'zh'`` or ``'en'``.
    provinces : list of dict
        ``[{adcode, name_zh, name_en}, ...]`` as from :func:`geodata.select.provinces`.
    """
    dropdown_labels = {
        "search": ts("search_placeholder", lang),
        "no_options_found": ts("no_match", lang),
        "clear_search": ts("clear_search", lang),
        "clear_selection": ts("clear_search", lang),
    }
    row = {"display": "flex", "flexWrap": "wrap", "gap": "6px", "alignItems": "center"}
    return html.Div(
        [
            html.Label(
                [
                    html.Span(ts("find", lang), className="control-label"),
                    dcc.Dropdown(
                        id=SEARCH,
                        options=[],
                        value=None,
                        searchable=True,
                        clearable=True,
                        placeholder=ts("search_placeholder", lang),
                        search_order="original",
                        labels=dropdown_labels,
                        maxHeight=320,
                        className="picker picker-search",
                    ),
                ],
                className="control select-search",
            ),
            html.Div(
                [
                    html.Span(ts("pilots", lang), className="control-label"),
                    html.Div(
                        [
                            html.Button(
                                ts("pilot_ningxia", lang),
                                id=PILOT_NINGXIA,
                                n_clicks=0,
                                className="btn btn-pilot",
                                title=ts("pilot_ningxia_title", lang),
                            ),
                            html.Button(
                                ts("pilot_chongqing", lang),
                                id=PILOT_CHONGQING,
                                n_clicks=0,
                                className="btn btn-pilot",
                                title=ts("pilot_chongqing_title", lang),
                            ),
                        ],
                        style=row,
                    ),
                ],
                className="control select-pilots",
            ),
            html.Div(
                [
                    html.Span(ts("province", lang), className="control-label"),
                    html.Div(
                        [
                            dcc.Dropdown(
                                id=PROVINCE,
                                options=province_options(provinces, lang),
                                value=None,
                                searchable=True,
                                clearable=False,
                                placeholder=ts("province_placeholder", lang),
                                labels=dropdown_labels | {"search": ts("province_placeholder", lang)},
                                className="picker picker-province",
                                style={"minWidth": "220px", "flex": "1"},
                            ),
                            html.Button(ts("province_go", lang), id=PROVINCE_GO, n_clicks=0, className="btn"),
                        ],
                        style=row,
                    ),
                ],
                className="control select-province",
            ),
            html.Div(
                [
                    dcc.Checklist(
                        id=LASSO_ADD,
                        options=[{"label": " " + ts("lasso_add", lang), "value": "add"}],
                        value=[],
                        inline=True,
                    ),
                    html.Div(ts("lasso_hint", lang), className="hint"),
                ],
                className="control select-lasso",
            ),
        ],
        id=TOOLBAR,
        className="select-tools",  # laid out in assets/style.css (an inline style would beat presenter mode)
    )


def draw_layer():
    """A child of the map: Leaflet.draw's rectangle and polygon tools (top left) in a FeatureGroup.

    Drawn shapes go to their own pane above the units so they stay visible while drawing; the
    callback reads the control's ``geojson`` (positions ``[x, y]`` in map units) and clears it
    through ``editToolbar`` (Leaflet.draw's remove mode, "clear all"). When the control mounts,
    ``ledSelect.onDrawMounted`` (``assets/select_tools.js``) puts the draw tooltips in the page's
    language and hides the edit/delete buttons, which have nothing to act on.
    """
    shape = {"pane": DRAW_PANE, "color": "#d9480f", "weight": 2, "fillOpacity": 0.08, "dashArray": "5 4"}
    return dl.Pane(
        dl.FeatureGroup(
            dl.EditControl(
                id=DRAW,
                position="topleft",
                draw={
                    "polyline": False,
                    "circle": False,
                    "circlemarker": False,
                    "marker": False,
                    # showArea off: Leaflet.draw's area read-out assumes degrees on the Earth.
                    "rectangle": {"showArea": False, "shapeOptions": shape},
                    "polygon": {"showArea": False, "allowIntersection": True, "shapeOptions": shape},
                },
                edit={"edit": False},
                eventHandlers={"draw:mounted": DRAW_MOUNTED},
            ),
            id=DRAW_GROUP,
        ),
        name=DRAW_PANE,
        style={"zIndex": DRAW_PANE_Z, "pointerEvents": "none"},
    )
