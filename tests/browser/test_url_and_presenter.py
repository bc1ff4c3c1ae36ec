"""Browser tests of the URL as the state (issue #6): shared links, back/forward, language, presenter, hostile links.

A state built by clicking must reopen identically from its URL in another browser context; the
history buttons, the language link and the presenter's keys move between states; a hostile query
string shows notices as plain text and runs nothing. Headless Chromium against gunicorn; the map is
reached through the init script of ``test_map.py`` (fixture ``open_map`` in ``conftest.py``).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from test_selection_flow import click_unit, wait_for_callbacks

pytestmark = pytest.mark.browser

YINCHUAN = "640100"
HOSTILE_QUERY = (
    "/?foo=<img src=x onerror=window.__xss=1>"
    "&sel=<script>window.__xss=1</script>"
    '&indicator="><svg onload=window.__xss=1>'
)


@pytest.fixture(scope="module")
def labels() -> dict[str, str]:
    """Interface texts the tests look for, from the registry and the string tables (not retyped)."""
    from indicators.registry import get_indicator
    from layouts.i18n import t

    return {
        "avg_wage_en": get_indicator("avg_wage").label_en,
        "avg_wage_zh": get_indicator("avg_wage").label_zh,
        "urbanisation_en": get_indicator("urbanisation_rate").label_en,
        "default_en": get_indicator("pop_resident").label_en,
        "fisher_jenks_en": t("fisher_jenks", "en"),
        "title_en": t("title", "en"),
        "ranking_en": t("tab_ranking", "en"),
        "compare_zh": t("tab_compare", "zh"),
    }


@pytest.fixture(scope="module")
def scenes() -> tuple[dict, ...]:
    from state.deployment import scenes

    return scenes()


def query(url: str) -> dict[str, str]:
    """The first value of each query parameter of ``url``."""
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_query_reads_first_values():
    assert query("http://h/?indicator=gdp&sel=640100~620100&v=1") == {
        "indicator": "gdp",
        "sel": "640100~620100",
        "v": "1",
    }


def choose(page, dropdown_id: str, label: str, search: str | None = None) -> None:
    """Open the dropdown ``dropdown_id``, optionally type ``search`` into its search box, click ``label``."""
    page.locator(f"#{dropdown_id}").click()
    popover = page.locator(".dash-dropdown-content[data-state=open]")
    if search is not None:
        popover.locator("input.dash-dropdown-search").fill(search)
    popover.get_by_role("option", name=label, exact=True).click()
    wait_for_dropdown(page, dropdown_id, label)


def wait_for_dropdown(page, dropdown_id: str, label: str) -> None:
    page.wait_for_function(
        "([id, label]) => { const v = document.querySelector(`#${id} .dash-dropdown-value`);"
        " return !!v && v.textContent === label; }",
        arg=[dropdown_id, label],
        polling=100,
    )


def wait_for_query(page, **expected: str) -> None:
    """Wait until the page's query string has each ``name=value`` of ``expected``."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            "(expected) => { const q = new URLSearchParams(location.search);"
            " return Object.entries(expected).every(([k, v]) => q.get(k) === v); }",
            arg=expected,
            polling=100,
        )
    except PlaywrightTimeout:
        pytest.fail(f"the URL never had {expected}; it is {page.url}")


# What a person sees of the state: control values, selection cards, active tab, legend, ranking grid.
VISIBLE_STATE = """
() => {
  const text = (sel) => { const el = document.querySelector(sel); return el ? el.textContent.trim() : null; };
  return {
    indicator: text("#indicator-picker .dash-dropdown-value"),
    year: text("#year-picker .dash-dropdown-value"),
    scheme: text("#scheme-picker .dash-dropdown-value"),
    k: text("#k-picker .dash-dropdown-value"),
    cards: [...document.querySelectorAll("#side-panel .unit-card")].map((c) => c.dataset.adcode),
    tab: text("#chart-tabs .chart-tab--selected"),
    legend: [...document.querySelectorAll("#legend .legend-row")].map((r) => r.textContent.trim()),
    grid: !!document.querySelector("#chart-area #ranking-grid"),
  };
}
"""


def test_url_state_built_by_clicking_reopens_the_same_in_a_fresh_context(
    recorded_page, second_recorded_page, open_map, labels
):
    map_page = open_map(recorded_page, "/?lang=en")
    page = map_page.page

    choose(page, "indicator-picker", labels["avg_wage_en"], search="Average wage")
    wait_for_query(page, indicator="avg_wage")
    choose(page, "year-picker", "2015")
    wait_for_query(page, year="2015")
    click_unit(map_page, YINCHUAN)
    wait_for_query(page, sel=YINCHUAN)
    page.locator("#chart-tabs .chart-tab", has_text=labels["ranking_en"]).click()
    wait_for_query(page, tab="ranking")
    choose(page, "scheme-picker", labels["fisher_jenks_en"])
    choose(page, "k-picker", "7")
    wait_for_query(page, classes="fisher_jenks-7")
    page.wait_for_function("document.querySelectorAll('#legend .legend-row').length === 8", polling=100)
    page.locator("#chart-area #ranking-grid").wait_for()
    wait_for_callbacks(page)

    assert page.locator("#copy-link").is_visible()  # the link to copy is the page's URL
    shared_url = page.url
    built = page.evaluate(VISIBLE_STATE)
    assert query(shared_url)["v"] == "1"  # a versioned link
    assert {k: query(shared_url).get(k) for k in ("indicator", "year", "classes", "sel", "tab")} == {
        "indicator": "avg_wage",
        "year": "2015",
        "classes": "fisher_jenks-7",
        "sel": YINCHUAN,
        "tab": "ranking",
    }
    assert built["indicator"] == labels["avg_wage_en"]
    assert (built["year"], built["scheme"], built["k"]) == ("2015", labels["fisher_jenks_en"], "7")
    assert built["cards"] == [YINCHUAN] and built["tab"] == labels["ranking_en"] and built["grid"]
    assert len(built["legend"]) == 7 + 1 and built["legend"][-1].startswith("No data")

    other = open_map(second_recorded_page, shared_url)
    other.page.locator("#chart-area #ranking-grid").wait_for()
    wait_for_callbacks(other.page)
    reopened = other.page.evaluate(VISIBLE_STATE)

    assert reopened == built
    assert query(other.page.url) == query(shared_url)
    assert map_page.recorded.errors == [] and other.recorded.errors == []


def test_url_copy_link_button_copies_the_page_url(recorded_page, open_map):
    page = open_map(recorded_page, "/?indicator=avg_wage&sel=640100&lang=en&v=1").page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.evaluate("navigator.clipboard.writeText('nothing copied yet')")

    page.locator("#copy-link").click()
    page.wait_for_function(  # each poll starts a read and looks at the last one's result (polls are synchronous)
        "() => { navigator.clipboard.readText().then((text) => { window.__copied = text; });"
        " return window.__copied === location.href; }",
        polling=100,
        timeout=3_000,
    )


def test_url_back_restores_the_previous_indicator(recorded_page, open_map, labels):
    page = open_map(recorded_page, "/?lang=en").page
    choose(page, "indicator-picker", labels["urbanisation_en"], search="Urbanisation")
    wait_for_query(page, indicator="urbanisation_rate")
    wait_for_callbacks(page)
    choose(page, "indicator-picker", labels["avg_wage_en"], search="Average wage")
    wait_for_query(page, indicator="avg_wage")
    wait_for_callbacks(page)  # the change is done (map, legend, charts) before the person goes back

    page.go_back()
    wait_for_query(page, indicator="urbanisation_rate")
    wait_for_dropdown(page, "indicator-picker", labels["urbanisation_en"])
    page.wait_for_function(
        "(label) => document.querySelector('#legend').textContent.startsWith(label)",
        arg=labels["urbanisation_en"],
        polling=100,
    )

    page.go_back()
    wait_for_dropdown(page, "indicator-picker", labels["default_en"])
    assert "indicator" not in query(page.url)

    page.go_forward()
    wait_for_dropdown(page, "indicator-picker", labels["urbanisation_en"])
    assert query(page.url)["indicator"] == "urbanisation_rate"
    assert recorded_page.errors == []


def test_url_lang_zh_shows_chinese_and_the_language_link_keeps_the_state(recorded_page, open_map, labels):
    map_page = open_map(recorded_page, "/?lang=zh")
    page = map_page.page
    assert "地方经济发展图集" in page.locator("h1").inner_text()
    assert page.locator("#chart-tabs .chart-tab--selected").inner_text() == labels["compare_zh"]

    choose(page, "indicator-picker", labels["avg_wage_zh"], search=labels["avg_wage_zh"])
    wait_for_query(page, indicator="avg_wage")
    click_unit(map_page, YINCHUAN)
    wait_for_query(page, sel=YINCHUAN)
    page.locator(f"#side-panel .unit-card[data-adcode='{YINCHUAN}']").wait_for()
    assert page.locator(f"#side-panel .unit-card[data-adcode='{YINCHUAN}'] .unit-name").inner_text() == "银川市"
    page.wait_for_function(  # the link follows the state
        "() => { const q = new URLSearchParams(document.querySelector('#lang-link').search);"
        " return q.get('indicator') === 'avg_wage' && q.get('sel') === '640100' && q.get('lang') === 'en'; }",
        polling=100,
    )

    page.locator("#lang-link").click()
    wait_for_query(page, lang="en", indicator="avg_wage", sel=YINCHUAN)
    page.locator("h1", has_text=labels["title_en"]).wait_for()
    wait_for_dropdown(page, "indicator-picker", labels["avg_wage_en"])
    page.locator(f"#side-panel .unit-card[data-adcode='{YINCHUAN}'] .unit-name", has_text="Yinchuan").wait_for()
    assert [c.get_attribute("data-adcode") for c in page.locator("#side-panel .unit-card").all()] == [YINCHUAN]
    assert recorded_page.errors == []


def test_url_lang_zh_sets_the_document_title(recorded_page):
    page = recorded_page.page
    page.goto("/?lang=zh")
    page.locator("h1").wait_for()
    page.wait_for_function("() => document.title.includes('地方经济发展图集')", polling=100)
    assert "地方经济发展图集" in page.title()


def test_presenter_keys_step_through_scenes_and_escape_keeps_the_indicator(recorded_page, open_map, scenes):
    from indicators.registry import get_indicator

    assert len(scenes) >= 3  # the walk below visits scenes 1-3
    scene2_indicator = query("?" + scenes[1]["query"])["indicator"]

    def wait_for_scene(n: int) -> None:
        page.wait_for_function(
            "([n, title]) => { const app = document.querySelector('.app');"
            " const caption = document.querySelector('#scene-caption .scene-title');"
            " return new URLSearchParams(location.search).get('scene') === String(n) && !!app && !!caption"
            " && app.getAttribute('data-present') === '1' && caption.textContent === title; }",
            arg=[n, scenes[n - 1]["title_en"]],
            polling=100,
        )

    page = open_map(recorded_page, "/?present=1&scene=1").page
    assert page.locator("#scene-caption .scene-title").inner_text() == scenes[0]["title_en"]

    page.keyboard.press("ArrowRight")
    wait_for_scene(2)
    page.keyboard.press("PageDown")
    wait_for_scene(3)
    page.keyboard.press("PageUp")
    wait_for_scene(2)
    assert page.locator("#scene-caption").is_visible()
    wait_for_query(page, indicator=scene2_indicator)  # the page has written the scene's state into its URL

    page.keyboard.press("Escape")
    page.wait_for_function(
        "() => { const q = new URLSearchParams(location.search);"
        " const app = document.querySelector('.app');"
        " return !q.has('present') && !q.has('scene') && !!app && app.getAttribute('data-present') === '0'; }",
        polling=100,
    )
    page.locator("#scene-caption").wait_for(state="hidden")
    wait_for_dropdown(page, "indicator-picker", get_indicator(scene2_indicator).label_en)
    assert page.locator(".scene-caption:visible").count() == 0
    assert query(page.url)["indicator"] == scene2_indicator
    assert recorded_page.errors == []


def test_presenter_escape_on_a_slow_server_keeps_the_scene_indicator(recorded_page, scenes):
    from indicators.registry import get_indicator

    scene2_indicator = query("?" + scenes[1]["query"])["indicator"]
    page = recorded_page.page
    held, holding = [], [True]

    def hold_callbacks(route):  # a slow server: the page's callbacks get no answer until Escape is pressed
        if holding[0]:
            held.append(route)
        else:
            route.fallback()

    page.route("**/_dash-update-component*", hold_callbacks)
    page.goto("/?present=1&scene=2")
    page.locator("#scene-caption .scene-title", has_text=scenes[1]["title_en"]).wait_for()
    page.wait_for_function("document.querySelectorAll('.leaflet-units-pane path.unit').length >= 370", polling=100)
    # the browser writes the scene's own state into the URL, with every callback still unanswered
    page.wait_for_function(
        "k => new URLSearchParams(location.search).get('indicator') === k", arg=scene2_indicator, polling=100
    )

    page.keyboard.press("Escape")
    holding[0] = False
    page.wait_for_function(
        "() => { const app = document.querySelector('.app');"
        " return !new URLSearchParams(location.search).has('present') && !!app"
        " && app.getAttribute('data-present') === '0'; }",
        polling=100,
    )
    page.wait_for_load_state("networkidle")
    for route in held:  # requests of the page that was left
        route.abort()

    shown = page.locator("#indicator-picker .dash-dropdown-value").inner_text()
    assert shown == get_indicator(scene2_indicator).label_en


def test_url_hostile_query_shows_notices_as_text_and_runs_nothing(recorded_page, open_map):
    page = open_map(recorded_page, HOSTILE_QUERY).page
    notices = page.locator("#notices .notice")
    notices.nth(2).wait_for()
    texts = notices.all_inner_texts()

    assert len(texts) == 3, texts
    assert any("foo=<img src=x onerror=window.__xss=1>" in t for t in texts), texts  # shown, as text
    assert any("indicator=" in t for t in texts) and any("sel=" in t for t in texts), texts
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("img[src='x'], svg[onload], #notices script").count() == 0
    assert recorded_page.errors == []


def test_presenter_mode_hides_the_selection_tools_draw_buttons_and_upload(recorded_page, open_map, scenes):
    page = open_map(recorded_page, "/?present=1&scene=4").page  # the Ningxia scene: a selection is shown
    # the selection is there (its cards are rendered), though the projector layout shows only map and chart
    page.locator("#side-panel .unit-card").first.wait_for(state="attached")
    for selector in ("#select-tools", ".leaflet-draw", ".upload-details", "#clear-selection"):
        assert page.locator(selector).count() >= 1, selector
        assert not page.locator(selector).first.is_visible(), f"{selector} is visible in presenter mode"
    assert page.locator(".scene-caption").is_visible() and page.locator("#legend").is_visible()
    assert recorded_page.errors == []


def server_outputs_of_the_next_scene(page, drawn: str, arg=None) -> list:
    """The outputs of the callback requests the page sends from → until ``drawn`` holds and the network is idle."""
    import json

    page.wait_for_load_state("networkidle")
    outputs = []
    page.on(
        "request",
        lambda r: outputs.append(json.loads(r.post_data).get("output")) if "_dash-update-component" in r.url else None,
    )
    page.keyboard.press("ArrowRight")
    page.wait_for_function(drawn, arg=arg, polling=100)
    page.wait_for_load_state("networkidle")
    return outputs


def test_a_scene_change_is_one_round_trip_and_draws_the_scenes_colours_legend_and_chart(
    recorded_page, open_map, scenes
):
    """A scene's colours (its own classes: the server's) and its chart (the ranking grid: the server's) come with
    its controls in one answer (callbacks/url.py scene_answers): no second and third request, and what is drawn
    is the scene's -- the map's live colours, the legend, the chart tab -- as the server draws that state."""

    from callbacks import map as map_callbacks
    from state import deployment as st

    two = st.scene_state(2, "en")
    assert two.tab == "ranking" and f"{two.classes.scheme}-{two.classes.k}" != "quantiles-5"
    paint = {"indicator": two.indicator, "year": two.year, "scheme": two.classes.scheme, "k": two.classes.k}
    want = map_callbacks.recolour_answer({**paint, "breaks": "", "palette": "auto", "mode": two.mode}, [], "en")
    page = open_map(recorded_page, "/?present=1&scene=1&lang=en").page
    outputs = server_outputs_of_the_next_scene(
        page,
        "(label) => (window.ledAtlas.current.h || {}).label === label"
        " && !!document.querySelector('#chart-area .tab-ranking #ranking-list tr[data-rank]')",
        want["hideout"]["label"],
    )
    assert outputs and not {"charts-response.data", "recolour-answer.data"} & set(outputs), outputs
    assert page.locator("#legend .legend-unit").inner_text().startswith(want["hideout"]["label"])
    assert page.evaluate("window.ledAtlas.current.h.c") == want["hideout"]["c"]
    assert recorded_page.errors == []


def test_a_scene_with_selected_units_asks_nothing_for_the_hidden_cards(recorded_page, open_map, scenes):
    """Scene 4 selects Ningxia's five prefectures; the projector hides the side panel's unit cards, so the scene
    change asks the server for nothing but the scene itself (each compare scene asked for the cards: ~70 ms)."""
    page = open_map(recorded_page, "/?present=1&scene=3&lang=en").page
    outputs = server_outputs_of_the_next_scene(
        page,
        "() => new URLSearchParams(location.search).get('scene') === '4'"
        " && (window.ledAtlas.current.h || {}).sel && window.ledAtlas.current.h.sel.length === 5"
        " && !!document.querySelector('#chart-area .tab-compare .js-plotly-plot')",
    )
    assert outputs and not any("side-panel.children" in (o or "") for o in outputs), outputs
    assert recorded_page.errors == []
