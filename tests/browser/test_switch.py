"""Browser tests of the indicator switch without the server (issue #7).

With the values bundle loaded, choosing another indicator or year recolours the existing paths in
place and writes the legend, caption, migrant-survey line, compare chart and URL in the browser: no
request reaches the server. What the browser drew must be what the server draws when the resulting
URL is opened afresh.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from test_url_and_presenter import choose, query, wait_for_query

pytestmark = pytest.mark.browser

# Everything a switch changes on the page, keyed so two pages can be compared.
DRAWN_STATE = """
() => {
  const fills = {};
  window.ledAtlas.unitLayers().forEach((l) => { fills[l.feature.properties.a] = l.options.fillColor; });
  // textContent: also the closed "about this indicator" details (description, formula, caveat)
  const text = (sel) => (document.querySelector(sel) || {}).textContent || "";
  return {
    fills,
    legend: text("#legend"),
    caption: text("#caption"),
    context: text("#context-line"),
    year: text("#year-picker .dash-dropdown-value"),
    chart: text("#chart-area .chart-tab-content"),
    bars: [...document.querySelectorAll("#chart-area .js-plotly-plot")].map((p) =>
      (p.data || []).filter((t) => t.type === "bar").map((t) => [t.customdata, t.x])),
  };
}
"""


# The compare chart of an indicator is drawn (its title names the indicator).
CHART_OF = """
(label) => {
  const plot = document.querySelector("#chart-area .js-plotly-plot");
  return !!(plot && plot.layout && plot.layout.title && String(plot.layout.title.text).replace(/<br>/g, " ").includes(label));
}
"""


def _outputs(posts: list[str]) -> list[str]:
    return [json.loads(body).get("output", "?") for body in posts]


def _record_posts(page) -> list[str]:
    posts: list[str] = []

    def on_request(request):
        if request.method == "POST" and "_dash-update-component" in request.url:
            posts.append(request.post_data or "{}")

    page.on("request", on_request)
    return posts


@pytest.mark.parametrize(
    ("indicator", "search", "year"),
    [
        ("migrants_other_prov_pct", "another province, %", "2010"),  # a migrant indicator: the survey line
        ("gdp_per_resident", "GDP per census resident", None),
        # no 2020: the page's year moves to 2019, still without a request (the chart waits for the year)
        ("emp_share_tertiary", "tertiary", None),
    ],
)
def test_switch_draws_in_the_browser_what_the_server_draws(
    recorded_page, second_recorded_page, open_map, indicator, search, year
):
    from indicators.registry import get_indicator
    from state import deployment as st

    page = open_map(recorded_page, "/?lang=en").page
    page.wait_for_function("!!(window.ledAtlas && window.ledAtlas.bundle)", polling=100)
    page.wait_for_function(CHART_OF, arg=get_indicator("pop_resident").label_en, polling=100)  # the first chart
    page.wait_for_load_state("networkidle")
    posts = _record_posts(page)

    choose(page, "indicator-picker", get_indicator(indicator).label_en, search=search)
    wait_for_query(page, indicator=indicator)
    if year:
        choose(page, "year-picker", year)
        wait_for_query(page, year=year)
    page.wait_for_function(
        "(label) => document.querySelector('#caption').innerText.startsWith(label)",
        arg=get_indicator(indicator).label_en,
        polling=100,
    )
    page.wait_for_function(CHART_OF, arg=get_indicator(indicator).label_en, polling=100)
    page.wait_for_load_state("networkidle")
    drawn = page.evaluate(DRAWN_STATE)

    # the map, legend, caption, survey line, side panel, compare chart and URL: no server round trip
    assert _outputs(posts) == []
    assert query(page.url)["indicator"] == indicator
    # the browser wrote the URL exactly as the server's URL module writes that state (order, defaults, v)
    search = "?" + urlsplit(page.url).query
    assert st.write(st.parse(search).state) == search

    fresh = open_map(second_recorded_page, page.url).page
    fresh.wait_for_function("window.ledAtlas.unitLayers().length >= 370", polling=100)
    fresh.wait_for_function(CHART_OF, arg=get_indicator(indicator).label_en, polling=100)
    served = fresh.evaluate(DRAWN_STATE)

    assert len(drawn["fills"]) >= 370
    assert drawn == served
    assert ("migrant-worker survey" in drawn["context"]) == (get_indicator(indicator).family == "migrant")
    assert recorded_page.errors == [] and second_recorded_page.errors == []


def test_switch_with_a_selection_updates_the_side_panel_card(recorded_page, open_map):
    from indicators.registry import get_indicator

    page = open_map(recorded_page, "/?lang=en&sel=640100&v=1").page
    page.wait_for_function("!!(window.ledAtlas && window.ledAtlas.bundle)", polling=100)
    page.locator("#side-panel .unit-card[data-adcode='640100']").wait_for()
    unit = get_indicator("urbanisation_rate").unit_en

    choose(page, "indicator-picker", get_indicator("urbanisation_rate").label_en, search="Urbanisation")
    wait_for_query(page, indicator="urbanisation_rate", sel="640100")
    page.wait_for_function(
        "(unit) => (document.querySelector('#side-panel .unit-unit') || {}).textContent?.includes(unit)",
        arg=f" {unit} (",
        polling=100,
    )
    # the selected unit keeps its outline after the paths were restyled in place
    stroke = page.evaluate(
        "() => window.ledAtlas.unitLayers().filter((l) => l.feature.properties.a === '640100')"
        ".map((l) => l.options.color)"
    )
    assert stroke and set(stroke) == {"#111111"}
    assert recorded_page.errors == []


def test_clearing_the_selection_leaves_the_hint_and_disables_the_button(recorded_page, open_map):
    page = open_map(recorded_page, "/?lang=en&sel=640100~640200&v=1").page
    page.locator("#side-panel .unit-card").first.wait_for()
    assert page.locator("#clear-selection").is_enabled()

    page.locator("#clear-selection").click()
    page.wait_for_function("!new URLSearchParams(location.search).has('sel')", polling=100)
    page.locator("#side-panel .hint").wait_for()
    page.wait_for_function("document.querySelector('#clear-selection').disabled", polling=100)
    assert page.locator("#side-panel .unit-card").count() == 0
    assert recorded_page.errors == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_tab_chosen_before_the_first_chart_arrives_is_drawn(recorded_page, lang):
    """The charts wait for the grid's script (loaded after the map's first paint); a tab clicked
    meanwhile must still be drawn (a Promise-returning callback lost it when fired twice)."""
    page = recorded_page.page
    page.goto(f"/?lang={lang}")
    page.locator("#chart-tabs .chart-tab").nth(3).click()  # Ranking, while the first chart is pending
    page.locator("#chart-area #ranking-grid").wait_for()  # the grid's script now loads with its tab
    page.wait_for_function("new URLSearchParams(location.search).get('tab') === 'ranking'", polling=100)
    assert recorded_page.errors == []


# Holds the page's requests for the whole values bundle until released (window.__held).
HOLD_FULL_BUNDLE = """
() => {
  const send = window.fetch, full = document.querySelector(".app").getAttribute("data-values");
  window.__held = [];
  window.fetch = function (url) {
    if (String(url).endsWith(full)) return new Promise((resolve) => window.__held.push(() => resolve(send.apply(window, arguments))));
    return send.apply(this, arguments);
  };
}
"""


def test_a_switch_to_an_indicator_the_first_bundle_part_lacks_draws_its_chart_from_the_whole_bundle(
    recorded_page, open_map
):
    """The map waits for the whole bundle (it is on its way); the compare chart waits for it too instead of asking
    the server meanwhile (it did when the bundle came late: one CI run at load saw a server chart request)."""
    from indicators.registry import get_indicator

    page = open_map(recorded_page, "/?lang=en").page
    page.wait_for_function("!!(window.ledAtlas && window.ledAtlas.bundle)", polling=100)
    page.wait_for_function(CHART_OF, arg=get_indicator("pop_resident").label_en, polling=100)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => !window.ledAtlas.bundleFull && !window.ledAtlas.bundle.indicators.emp_share_tertiary")
    page.evaluate(HOLD_FULL_BUNDLE)
    posts = _record_posts(page)
    page.evaluate("() => window.dash_clientside.set_props('indicator-picker', { value: 'emp_share_tertiary' })")
    page.wait_for_function("() => window.__held.length === 1", polling=100)  # the whole bundle, held
    page.wait_for_function("() => !!(window.ledAtlas.pendingChart || {}).compare", polling=100)
    page.evaluate("() => window.__held.splice(0).forEach((release) => release())")
    page.wait_for_function(CHART_OF, arg=get_indicator("emp_share_tertiary").label_en, polling=100)
    page.wait_for_load_state("networkidle")
    assert "charts-response.data" not in _outputs(posts)
    assert recorded_page.errors == []
