"""Selection tools: type-ahead search, pilot views, whole province, and a box / lasso draw layer.

Two builders: :func:`select_toolbar` (the controls, for the page) and :func:`draw_layer` (a child
of the map). Ids of the tools live here (their strings in :mod:`layouts.strings.select_tools`); the callbacks are in
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

from layouts.i18n import t

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
DRAW_LATER = "lasso-control-later"

#: Leaflet pane of the drawn shapes, above the units (400) and the borders (450).
DRAW_PANE = "select-draw"
DRAW_PANE_Z = 460
#: Browser-side hook (assets/select_tools.js): page language for Leaflet.draw, edit toolbar hidden.
DRAW_MOUNTED = {"variable": "ledSelect.onDrawMounted"}


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


def county_option(unit: dict, lang: str, keys: list[str] | tuple[str, ...] = ()) -> dict:
    """One county in the search box, with its prefecture and province (county names repeat across China).

    ``unit`` holds ``adcode, name_zh, name_en, prefecture_adcode, prefecture_zh, prefecture_en,
    province_adcode, province_zh, province_en``; a prefecture that is its province (Beijing, Chongqing)
    is named once.

    >>> u = {"adcode": "640104", "name_zh": "兴庆区", "name_en": "Xingqing District", "prefecture_adcode": "640100",
    ...      "prefecture_zh": "银川市", "prefecture_en": "Yinchuan", "province_adcode": "640000",
    ...      "province_zh": "宁夏回族自治区", "province_en": "Ningxia"}
    >>> county_option(u, "zh")["label"], county_option(u, "en")["label"]
    ('兴庆区 Xingqing District · 银川市 · 宁夏', 'Xingqing District 兴庆区 · Yinchuan · Ningxia')
    >>> county_option({**u, "prefecture_adcode": "500000", "prefecture_zh": "重庆市", "prefecture_en": "Chongqing",
    ...                "province_adcode": "500000", "province_zh": "重庆市", "province_en": "Chongqing"}, "en")["label"]
    'Xingqing District 兴庆区 · Chongqing'
    """
    zh = lang == "zh"
    label = f"{unit['name_zh']} {unit['name_en']}" if zh else f"{unit['name_en']} {unit['name_zh']}"
    parts = [unit["prefecture_zh"] if zh else unit["prefecture_en"]]
    if str(unit["prefecture_adcode"]) != str(unit["province_adcode"]):
        parts.append(_short_province(unit["province_zh"]) if zh else unit["province_en"])
    label = " · ".join([label, *parts])
    search = " ".join(dict.fromkeys([label.lower(), *keys]))
    return {"label": label, "value": str(unit["adcode"]), "search": search}


def suggestion_option(unit: dict, lang: str, keys: list[str] | tuple[str, ...] = (), build=search_option) -> dict:
    """An option offered for a misspelling: :func:`search_option` labelled "Did you mean: …".

    >>> u = {"adcode": "640100", "name_zh": "银川市", "name_en": "Yinchuan", "province_adcode": "640000",
    ...      "province_zh": "宁夏回族自治区", "province_en": "Ningxia"}
    >>> suggestion_option(u, "en", ("yinchaun",))["label"]
    'Did you mean: Yinchuan 银川市 · Ningxia'
    """
    option = build(unit, lang, keys)  # search_option, or county_option at county level
    return {**option, "label": t("tools_did_you_mean", lang, label=option["label"])}


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


def select_toolbar(lang: str, provinces: list[dict], level: str = "prefecture"):
    """The selection tools: search box, pilot buttons, province picker and the lasso option.

    Parameters
    ----------
    lang : str
        ``'zh'`` or ``'en'``.
    provinces : list of dict
        ``[{adcode, name_zh, name_en}, ...]`` as from :func:`geodata.select.provinces`.
    """
    county = level == "county"  # counties: the search says "county + prefecture", the pilots select counties
    placeholder = t("tools_search_placeholder_county" if county else "tools_search_placeholder", lang)
    dropdown_labels = {
        "search": placeholder,
        "no_options_found": t("tools_no_match", lang),
        "clear_search": t("tools_clear_search", lang),
        "clear_selection": t("tools_clear_search", lang),
    }
    row = {"display": "flex", "flexWrap": "wrap", "gap": "6px", "alignItems": "center"}
    return html.Div(
        [
            draw_later(),
            html.Label(
                [
                    html.Span(t("tools_find", lang), className="control-label"),
                    dcc.Dropdown(
                        id=SEARCH,
                        options=[],
                        value=None,
                        searchable=True,
                        clearable=True,
                        placeholder=placeholder,
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
                    html.Span(t("tools_pilots", lang), className="control-label"),
                    html.Div(
                        [
                            html.Button(
                                t(f"county_pilot_{name}" if county else f"tools_pilot_{name}", lang),
                                id=button_id,
                                n_clicks=0,
                                className="btn btn-pilot",
                                title=t(f"tools_pilot_{name}_title" + ("_county" if county else ""), lang),
                            )
                            for name, button_id in (("ningxia", PILOT_NINGXIA), ("chongqing", PILOT_CHONGQING))
                        ],
                        style=row,
                    ),
                ],
                className="control select-pilots",
            ),
            html.Div(
                [
                    html.Span(t("tools_province", lang), className="control-label"),
                    html.Div(
                        [
                            dcc.Dropdown(
                                id=PROVINCE,
                                options=province_options(provinces, lang),
                                value=None,
                                searchable=True,
                                clearable=False,
                                placeholder=t("tools_province_placeholder", lang),
                                labels=dropdown_labels | {"search": t("tools_province_placeholder", lang)},
                                className="picker picker-province",
                                style={"minWidth": "220px", "flex": "1"},
                            ),
                            html.Button(t("tools_province_go", lang), id=PROVINCE_GO, n_clicks=0, className="btn"),
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
                        options=[{"label": " " + t("tools_lasso_add", lang), "value": "add"}],
                        value=[],
                        inline=True,
                    ),
                    html.Div(t("tools_lasso_hint", lang), className="hint"),
                ],
                className="control select-lasso",
            ),
        ],
        id=TOOLBAR,
        className="select-tools",  # laid out in assets/style.css (an inline style would beat presenter mode)
    )


def draw_control():
    """Leaflet.draw's rectangle and polygon tools (top left), for the map's :func:`draw_layer`.

    Drawn shapes go to their own pane above the units so they stay visible while drawing; the
    callback reads the control's ``geojson`` (positions ``[x, y]`` in map units) and clears it
    through ``editToolbar`` (Leaflet.draw's remove mode, "clear all"). When the control mounts,
    ``ledSelect.onDrawMounted`` (``assets/select_tools.js``) puts the draw tooltips in the page's
    language and hides the edit/delete buttons, which have nothing to act on.
    """
    shape = {"pane": DRAW_PANE, "color": "#d9480f", "weight": 2, "fillOpacity": 0.08, "dashArray": "5 4"}
    return dl.EditControl(
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
    )


def draw_layer():
    """A child of the map: the pane and FeatureGroup that :func:`draw_control` goes into.

    The control itself (and Leaflet.draw's 22 kB of code) comes after the map's first paint: the
    page's :func:`draw_later` store holds it, and ``callbacks/select_tools.py`` puts it in the group
    once the map is drawn (``assets/paint_later.js``).
    """
    return dl.Pane(
        dl.FeatureGroup([], id=DRAW_GROUP),
        name=DRAW_PANE,
        style={"zIndex": DRAW_PANE_Z, "pointerEvents": "none"},
    )


def draw_later():
    """The store of the draw control's component (see :func:`draw_layer`)."""
    return dcc.Store(
        id=DRAW_LATER, data={"target": DRAW_GROUP, "prop": "children", "value": [draw_control().to_plotly_json()]}
    )
