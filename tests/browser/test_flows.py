"""Flows on the map (issue 16): lines and ranked list from /api/corridors, switches, national view, notices."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser

PANEL = "#flows-panel"
DRAWN = "#flows-panel[data-flows-state=drawn]"
LINES = ".leaflet-flows-pane path.flow-line"


def _drawn_key(page, prefix: str) -> None:
    """Wait until the panel has drawn a state whose key starts with ``prefix`` (direction|window|top|units)."""
    page.wait_for_function(
        "(p) => { const n = document.querySelector('#flows-panel');"
        " return n && n.getAttribute('data-flows-state') === 'drawn' && n.getAttribute('data-flows-key').startsWith(p); }",
        arg=prefix,
        polling=100,
    )


def _partners(page) -> list[str]:
    return page.locator(f"{PANEL} .flows-row .flows-focus").all_inner_texts()


def _query(page) -> dict:
    return parse_qs(urlsplit(page.url).query)


def test_flows_shenzhen_leaving_draws_lines_to_dongguan_huizhou_guangzhou(recorded_page, open_map):
    open_map(recorded_page, "/?sel=440300&flows=out&lang=en")
    page = recorded_page.page
    _drawn_key(page, "out|sf2020_pre|20|440300")
    assert _partners(page)[:5] == ["Dongguan", "Huizhou", "Guangzhou", "Meizhou", "Maoming"]
    first = page.locator(f"{PANEL} .flows-row").first.inner_text()
    assert "22.43" in first and "Guangdong" in first and "yes" in first  # index, province, same province
    assert page.locator(LINES).count() == 20
    # the partners outlined, the choropleth dimmed under the lines
    assert page.locator('.leaflet-units-pane path.unit[stroke="#3f007d"]').count() >= 19
    assert page.locator('.leaflet-units-pane path.unit[fill-opacity="0.35"]').count() >= 300
    caption = page.locator(f"{PANEL} .flows-caption").inner_text()
    assert "not persons" in caption and "fallback" in caption
    assert recorded_page.errors == []


def test_flows_direction_and_window_switch_change_the_list_without_geometry_requests(recorded_page, open_map):
    open_map(recorded_page, "/?sel=440300&flows=out&lang=en")
    page = recorded_page.page
    _drawn_key(page, "out|sf2020_pre|20|440300")
    leaving = _partners(page)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))

    page.click(f"{PANEL} [data-flows-dir=in]")
    _drawn_key(page, "in|sf2020_pre|20|440300")
    arriving = _partners(page)
    assert arriving != leaving and "Shenzhen: Arriving" in page.locator(f"{PANEL} h3").first.inner_text()
    assert _query(page)["flows"] == ["in"]

    page.select_option(f"{PANEL} select.flows-window", "sf2021_post")
    _drawn_key(page, "in|sf2021_post|20|440300")
    assert _query(page)["window"] == ["sf2021_post"]

    corridor_calls = [u for u in requests if "/api/corridors?" in u]
    assert any("direction=in" in u and "window=sf2020_pre" in u for u in corridor_calls)
    assert any("window=sf2021_post" in u for u in corridor_calls)
    assert not [u for u in requests if "/geo/" in u or u.endswith(".pbf") or "_dash-layout" in u]
    assert recorded_page.errors == []


def test_flows_clicking_a_partner_makes_it_the_focus(recorded_page, open_map):
    open_map(recorded_page, "/?sel=440300&flows=out&lang=en")
    page = recorded_page.page
    _drawn_key(page, "out|sf2020_pre|20|440300")
    page.click(f"{PANEL} .flows-focus >> text=Dongguan")
    _drawn_key(page, "out|sf2020_pre|20|441900")
    assert _partners(page)[:5] == ["Shenzhen", "Guangzhou", "Huizhou", "Maoming", "Ganzhou"]
    page.wait_for_function("() => new URLSearchParams(location.search).get('sel') === '441900'", polling=100)
    assert recorded_page.errors == []


def test_flows_without_selection_show_the_national_top_50_cross_province_corridors(recorded_page, open_map):
    open_map(recorded_page, "/?flows=out&lang=en")
    page = recorded_page.page
    _drawn_key(page, "out|sf2020_pre|50")
    rows = page.locator(f"{PANEL} .flows-row")
    assert rows.count() == 50
    assert rows.first.inner_text().split("\t")[1].strip() == "Beijing → Langfang"
    assert page.locator(LINES).count() == 50
    assert all(text.strip().endswith("no") for text in rows.all_inner_texts())  # never the same province
    assert recorded_page.errors == []


def test_flows_are_off_without_the_parameter(recorded_page, open_map):
    open_map(recorded_page, "/?sel=440300&lang=en")
    page = recorded_page.page
    page.wait_for_selector("#flows-panel[data-flows-state=off]")
    assert page.locator(LINES).count() == 0
    assert page.locator(f"{PANEL} .flows-row").count() == 0


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("flows=up", ["flows=up"]),
        ("flows=out&window=sf2030_pre&top=500", ["window=sf2030_pre", "top=500"]),
        ("window=sf2021_post", ["window=sf2021_post"]),
    ],
)
def test_flows_bad_values_give_a_notice(recorded_page, open_map, query, words):
    open_map(recorded_page, f"/?{query}&lang=en")
    page = recorded_page.page
    notices = page.locator("#notices").inner_text()
    for word in words:
        assert word in notices
    assert "Traceback" not in page.content()
