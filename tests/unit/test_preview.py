"""The link preview: og:/twitter: tags in the page's head, GET /preview.png (issue 17)."""

from __future__ import annotations

import html
import io
import re

import pytest
from PIL import Image

from indicators.registry import get_indicator
from layouts import preview_image


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
