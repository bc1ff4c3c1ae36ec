"""The link preview: og:/twitter: tags in the page's head, GET /preview.png (issue 17), and the preview of
the "2010 | 2020" side-by-side view (``mode=split``): both years' maps in their one set of classes."""

from __future__ import annotations

import html
import io
import re

import numpy as np
import pytest
import shapely
from PIL import Image

from indicators.classify import NO_DATA_COLOR
from indicators.registry import REGISTRY, get_indicator
from layouts import preview_image

SPLIT = "indicator=gdp_per_resident&mode=split&lang=en"  # census years 2010 and 2020


@pytest.fixture(scope="module")
def client():
    from app import server

    return server.test_client()


def meta(page: str, attr: str, name: str) -> str | None:
    m = re.search(rf'<meta {attr}="{re.escape(name)}" content="([^"]*)">', page)
    return html.unescape(m.group(1)) if m else None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_head_has_og_and_twitter_tags_in_the_url_language(client, lang):
    page = client.get(f"/?indicator=gdp_per_resident&year=2010&lang={lang}").get_data(as_text=True)
    ind = get_indicator("gdp_per_resident")
    label = ind.label_zh if lang == "zh" else ind.label_en
    assert meta(page, "property", "og:title") == f"{label} (2010)"
    assert meta(page, "name", "twitter:title") == f"{label} (2010)"
    assert meta(page, "name", "twitter:card") == "summary_large_image"
    description = meta(page, "property", "og:description")
    assert label in description and (ind.source_zh if lang == "zh" else ind.source_en) in description
    image = meta(page, "property", "og:image")
    assert image.startswith("http://localhost/preview.png?") and f"lang={lang}" in image and "year=2010" in image
    assert meta(page, "name", "twitter:image") == image
    assert meta(page, "property", "og:locale") == ("zh_CN" if lang == "zh" else "en_US")


def test_presenter_link_previews_its_scene(client):
    from state import deployment as st

    page = client.get("/?present=1&scene=6&lang=en").get_data(as_text=True)
    assert meta(page, "property", "og:title") == st.scenes()[5]["title_en"]


def test_page_language_follows_accept_language_without_lang(client):
    page = client.get("/?indicator=pop_resident", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).get_data(as_text=True)
    assert meta(page, "property", "og:title") == f"{get_indicator('pop_resident').label_zh} (2020)"


@pytest.mark.parametrize(
    ("query", "headers", "lang", "title"),
    [
        ("?lang=en", {}, "en", "LED Atlas · China's prefectures"),
        ("?lang=zh", {}, "zh-CN", "地方经济发展图集 · 中国地级区域"),
        ("", {"Accept-Language": "zh-CN,zh;q=0.9"}, "zh-CN", "地方经济发展图集 · 中国地级区域"),
        ("?lang=%3Cscript%3E&indicator=%00", {}, "en", "LED Atlas · China's prefectures"),
    ],
)
def test_the_page_names_its_language_and_title_before_any_script_runs(client, query, headers, lang, title):
    """Screen readers and a chat app's preview read the served HTML: its language and title are the page's (the
    title was Chinese on an English page until the scripts ran, and <html> had no lang)."""
    page = client.get("/" + query, headers=headers).get_data(as_text=True)
    assert f'<html lang="{lang}">' in page
    assert f"<title>{html.escape(title, quote=False)}</title>" in page


@pytest.mark.parametrize(
    "query",
    [
        "indicator=gdp_per_resident&year=2020&lang=zh",
        "indicator=census_emp_share_manuf&year=2020&view=440000&sel=440300~440100&lang=en",
        "indicator=sf2020_net_per10k&mode=lisa&view=30.5,114.3,1.5",
    ],
)
def test_preview_png_is_an_image_of_the_card_size(client, query):
    resp = client.get(f"/preview.png?{query}")
    assert resp.status_code == 200 and resp.mimetype == "image/png"
    img = Image.open(io.BytesIO(resp.data))
    assert img.size == (preview_image.WIDTH, preview_image.HEIGHT)


@pytest.mark.parametrize(
    "query",
    ["indicator=nope&year=abc", "year=1800", "view=999999&sel=%ZZ", "classes=user_defined-9_1", "mode=lisa&ds=zz",
     "present=1&scene=99", "v=999&indicator=" + "x" * 5000, "%00%ff=%fe"],
)
def test_preview_png_of_a_bad_query_is_still_a_picture(client, query):
    resp = client.get(f"/preview.png?{query}")
    assert resp.status_code == 200 and resp.mimetype == "image/png"
    assert Image.open(io.BytesIO(resp.data)).size == (preview_image.WIDTH, preview_image.HEIGHT)


def test_preview_png_is_cached_by_state(client):
    from web import preview

    a = preview.fingerprint(*preview.state_of("indicator=gdp_per_resident&year=2020&lang=en"))
    b = preview.fingerprint(*preview.state_of("lang=en&year=2020&indicator=gdp_per_resident&tab=trend"))
    c = preview.fingerprint(*preview.state_of("indicator=gdp_per_resident&year=2010&lang=en"))
    assert a == b != c


def test_map_transform_keeps_the_aspect_and_centres():
    scale, ox, oy = preview_image.map_transform((0, 0, 10, 10), (0, 0, 200, 100))
    assert scale == 10 and ox == 50 and oy == 100


def test_og_tags_never_echo_the_raw_query(client):
    page = client.get('/?indicator="><script>alert(1)</script>&lang=en&sel=<b>').get_data(as_text=True)
    head = page.split("</head>")[0]
    assert "<script>alert" not in head and "&lt;script" not in head and "<b>" not in head
    assert meta(page, "property", "og:url") == "http://localhost/?lang=en&v=1"


def _hex(rgb) -> str:
    return "#" + "".join(f"{int(c):02x}" for c in rgb[:3])


def _colour_at(img: np.ndarray, unit, bounds, box) -> str:
    """The picture's colour at ``unit``'s centre (a point inside it) on the map drawn in ``box``."""
    point = shapely.get_coordinates(unit.geometry.representative_point())
    px, py = preview_image.to_pixels(point, preview_image.map_transform(bounds, box))[0].round().astype(int)
    assert box[0] < px < box[2] and box[1] < py < box[3]
    return _hex(img[py, px])


@pytest.fixture(scope="module")
def split_view(client):
    """``(picture as an array, state, the split's parts as the page draws them)`` of :data:`SPLIT`."""
    from state import display
    from web import preview

    resp = client.get(f"/preview.png?{SPLIT}")
    assert resp.status_code == 200 and resp.mimetype == "image/png"
    img = Image.open(io.BytesIO(resp.data))
    assert img.size == (preview_image.WIDTH, preview_image.HEIGHT)
    state, lang = preview.state_of(SPLIT)
    c = state.classes
    parts = display.split_parts(state.indicator, state.year, c.scheme, c.k, state.palette, [], lang, c.breaks)
    return np.asarray(img.convert("RGB")), state, parts


def _class_colour(hide: dict, code: str) -> str:
    return hide["colors"][hide["c"][code]].lower() if code in hide["c"] else NO_DATA_COLOR.lower()


def test_split_preview_png_has_each_years_class_colours_at_three_unit_centres(split_view):
    from geodata import layer
    from web import preview

    img, state, parts = split_view
    right, left = parts["hideout"], parts["hideout"]["split"]
    # three large units whose class changed between the years, of three different colours on each map
    chosen, seen_left, seen_right = [], set(), set()
    for _, unit in layer.prefecture_layer().sort_values("map_area_km2", ascending=False).iterrows():
        a = unit.adcode
        if a not in left["c"] or a not in right["c"] or left["c"][a] == right["c"][a]:
            continue
        if _class_colour(left, a) in seen_left or _class_colour(right, a) in seen_right:
            continue
        chosen.append(unit)
        seen_left.add(_class_colour(left, a))
        seen_right.add(_class_colour(right, a))
        if len(chosen) == 3:
            break
    assert len(chosen) == 3
    boxes = preview_image.SPLIT_BOXES
    bounds = [preview.view_bounds(state, box)[0] for box in boxes]
    for unit in chosen:
        drawn = [_colour_at(img, unit, b, box) for b, box in zip(bounds, boxes, strict=True)]
        assert drawn == [_class_colour(left, unit.adcode), _class_colour(right, unit.adcode)], unit.name_en


def test_split_preview_draws_a_unit_without_first_year_data_in_the_no_data_colour_on_the_left(split_view):
    from geodata import layer
    from web import preview

    img, state, parts = split_view
    right, left = parts["hideout"], parts["hideout"]["split"]
    units = layer.prefecture_layer().sort_values("map_area_km2", ascending=False)
    unit = units[~units.adcode.isin(left["c"]) & units.adcode.isin(right["c"])].iloc[0]  # no 2010, a 2020 value
    boxes = preview_image.SPLIT_BOXES
    drawn = [_colour_at(img, unit, preview.view_bounds(state, box)[0], box) for box in boxes]
    assert drawn == [NO_DATA_COLOR.lower(), _class_colour(right, unit.adcode)], unit.name_en


def test_split_preview_picture_has_both_years_stamps_one_legend_of_both_counts_and_the_selection():
    from web import preview

    pic = preview.picture(*preview.state_of(SPLIT + "&sel=640100"))
    assert pic.left is not None and (pic.left.stamp, pic.stamp) == ("2010", "2020")
    assert pic.title == f"{get_indicator('gdp_per_resident').label_en} (2010 | 2020)"
    assert "2010 | 2020" in pic.legend_title and pic.selected == ("640100",)
    assert all(re.fullmatch(r"\d+ \| \d+", count) for _colour, _label, count in pic.legend)
    assert pic.legend[-1][0] == NO_DATA_COLOR and any("2010" in note for note in pic.notes)


def test_split_and_values_previews_are_cached_apart():
    from web import preview

    split = preview.fingerprint(*preview.state_of(SPLIT))
    assert split != preview.fingerprint(*preview.state_of("indicator=gdp_per_resident&lang=en"))
    assert split == preview.fingerprint(*preview.state_of("mode=split&lang=en&indicator=gdp_per_resident&tab=trend"))


def test_split_preview_of_a_one_year_indicator_is_its_values_preview():
    from web import preview

    one_year = next(k for k, ind in REGISTRY.items() if len(ind.years) == 1)
    split = preview.picture(*preview.state_of(f"indicator={one_year}&mode=split&lang=en"))
    assert split.left is None
    assert split == preview.picture(*preview.state_of(f"indicator={one_year}&lang=en"))
