"""Map and selection callbacks called directly (Dash 4 returns the undecorated function from ``@callback``).

``ctx.triggered_id`` is set through the ``triggered`` fixture (see ``conftest.py``). Expected numbers
come from the indicator store and the layer, not from the code under test.
"""

from __future__ import annotations

import math

import pytest
from dash import ctx, no_update

from callbacks import map as map_callbacks
from callbacks import selection
from layouts import ids

INDICATOR = "pop_resident"
YEAR = 2020
YINCHUAN = "640100"
SHIHEZI = "659001"  # an XPCC city: no value in the 2020 census table
BEIJING = "110000"


def component_text(component) -> str:
    """All text of a Dash component tree (or a list of trees), depth first, whitespace collapsed."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return " ".join(str(component).split())
    if isinstance(component, list | tuple):
        return " ".join(t for t in (component_text(c) for c in component) if t)
    return component_text(getattr(component, "children", None))


def find_all(component, predicate) -> list:
    """Every component of the tree for which ``predicate(component)`` is true."""
    found = []
    if isinstance(component, list | tuple):
        for child in component:
            found += find_all(child, predicate)
    elif component is not None and not isinstance(component, str | int | float):
        if predicate(component):
            found.append(component)
        found += find_all(getattr(component, "children", None), predicate)
    return found


def has_class(name: str):
    return lambda c: name in (getattr(c, "className", None) or "").split()


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def layer_codes() -> list[str]:
    from geodata import layer

    return layer.units()["adcode"].tolist()


@pytest.fixture(scope="module")
def store_values(layer_codes):
    """Resident population 2020 from the indicator store, one entry per unit of the layer (NaN = no data)."""
    from indicators import store

    return store.indicator_values(INDICATOR, YEAR).reindex(layer_codes)


@pytest.fixture(scope="module")
def indicator():
    from indicators.registry import get_indicator

    return get_indicator(INDICATOR)


@pytest.fixture(scope="module")
def recoloured():
    """Outputs of ``recolour`` for resident population 2020, quantiles, k = 5, English."""
    return map_callbacks.recolour(
        indicator=INDICATOR,
        year=YEAR,
        scheme="quantiles",
        k=5,
        breaks="",
        palette=None,
        mode="values",
        selection=[],
        lang="en",
    )


@pytest.fixture(scope="module")
def hideout(recoloured) -> dict:
    return recoloured[0]


@pytest.fixture(scope="module")
def legend(recoloured) -> list:
    return recoloured[2]


@pytest.fixture
def click(triggered):
    """``click(code, add=False, layer=ids.UNITS, current=[...])``: the selection after a click on the map."""

    def do_click(code, add=False, layer=ids.UNITS, current=None):
        data = {"a": code, "add": add, "t": 1}
        triggered(layer, "clickData", data)
        units_click, inset_click = (data, None) if layer == ids.UNITS else (None, data)
        return selection.select(units_click, inset_click, 0, current or [])

    return do_click


# --------------------------------------------------------------------------------------------
# The context fixture itself
# --------------------------------------------------------------------------------------------


def test_triggered_sets_dash_triggered_id(triggered):
    triggered(ids.INSET, "clickData", {"a": YINCHUAN})
    assert ctx.triggered_id == ids.INSET


def test_callbacks_stay_plain_functions():
    assert callable(map_callbacks.recolour) and map_callbacks.recolour.__module__ == "callbacks.map"
    assert selection.select.__name__ == "select" and selection.side_panel.__name__ == "side_panel"


# --------------------------------------------------------------------------------------------
# recolour
# --------------------------------------------------------------------------------------------


def test_recolour_gives_a_class_to_every_unit_with_data(hideout, store_values):
    with_data = set(store_values.dropna().index)
    assert set(hideout["c"]) == with_data
    assert all(0 <= c < len(hideout["colors"]) for c in hideout["c"].values())


def test_recolour_leaves_units_without_data_unclassed(hideout, store_values):
    missing = set(store_values[store_values.isna()].index)
    assert SHIHEZI in missing
    assert "710000" in missing  # Taiwan: no census row
    for code in missing:
        assert code not in hideout["c"], code  # not class 0
        assert hideout["v"][code] is None, code  # not 0, not NaN (JSON has no NaN)


def test_recolour_sends_values_rounded_for_display(hideout, store_values, indicator):
    assert math.isclose(hideout["v"][YINCHUAN], store_values[YINCHUAN], abs_tol=10 ** -(indicator.decimals + 1))
    assert hideout["year"] == YEAR and hideout["unit"] == indicator.unit_en


def test_recolour_sends_the_same_hideout_to_map_and_inset(recoloured):
    assert recoloured[0] == recoloured[1]


def test_recolour_legend_counts_no_data_units(legend, store_values):
    (nodata_row,) = find_all(legend, has_class("legend-nodata"))
    (label,) = find_all(nodata_row, has_class("legend-label"))
    (count,) = find_all(nodata_row, has_class("legend-count"))
    assert component_text(label) == "No data"
    assert int(component_text(count)) == int(store_values.isna().sum()) == 11


def test_recolour_legend_counts_add_up_to_all_units(legend, hideout, layer_codes):
    rows = find_all(legend, has_class("legend-row"))
    counts = [int(component_text(find_all(r, has_class("legend-count"))[0])) for r in rows]
    assert len(rows) == len(hideout["colors"]) + 1
    assert sum(counts) == len(layer_codes) == 370


def test_recolour_ignores_an_unknown_indicator():
    out = map_callbacks.recolour(
        indicator="no_such_indicator",
        year=YEAR,
        scheme="quantiles",
        k=5,
        breaks="",
        palette=None,
        mode="values",
        selection=[],
        lang="en",
    )
    assert len(out) >= 4
    assert all(o is no_update for o in out)


# --------------------------------------------------------------------------------------------
# describe (caption and context line) and recolour_request (server colouring on request)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator_key", "year", "shown_year"),
    [
        ("pop_resident", 2010, 2010),  # a year the indicator has: kept
        ("pop_resident", 2015, 2020),  # not one of its years: the latest
        ("gdp", None, 2023),
    ],
)
def test_describe_caption_names_indicator_unit_year_and_source(indicator_key, year, shown_year):
    from indicators.registry import get_indicator

    caption, _context = map_callbacks.describe(indicator_key, year, "quantiles", 5, "", "en")
    text = str(caption)
    ind = get_indicator(indicator_key)
    assert f"{ind.label_en} ({shown_year})" in text
    assert ind.unit_en in text and ind.source_en in text


def test_describe_shows_the_migrant_survey_only_for_migrant_indicators():
    _caption, context = map_callbacks.describe("migrants_other_prov_pct", 2020, "quantiles", 5, "", "en")
    assert "285.6 million" in str(context)  # NBS survey 2020: 28,560 (10,000 persons)
    _caption, context = map_callbacks.describe("gdp", 2020, "quantiles", 5, "", "en")
    assert context is None


def test_describe_ignores_an_unknown_indicator():
    assert map_callbacks.describe("no_such_indicator", 2020, "quantiles", 5, "", "en") == (no_update, no_update)


def test_recolour_request_colours_user_defined_breaks_on_the_server():
    request = {
        "indicator": "pop_resident",
        "year": 2020,
        "scheme": "user_defined",
        "k": 5,
        "breaks": "100, 500",
        "palette": "auto",
        "mode": "values",
    }
    hide, legend, breaks_class = map_callbacks.recolour_request(request, [], "en")
    assert len(hide["colors"]) == 3
    assert hide["c"]["110000"] == 2 and hide["c"]["640200"] == 0  # Beijing > 500, Shizuishan < 100 (10,000 persons)
    assert breaks_class == "breaks-input"


def test_recolour_request_ignores_a_malformed_request():
    assert map_callbacks.recolour_request("junk", [], "en") == (no_update,) * 3


# --------------------------------------------------------------------------------------------
# select
# --------------------------------------------------------------------------------------------


def test_select_click_selects_only_that_unit(click):
    assert click(YINCHUAN) == [YINCHUAN]
    assert click(YINCHUAN, current=[BEIJING]) == [YINCHUAN]


def test_select_click_on_the_only_selected_unit_clears_it(click):
    assert click(YINCHUAN, current=[YINCHUAN]) == []


def test_select_shift_click_adds_then_removes(click):
    assert click(YINCHUAN, add=True, current=[BEIJING]) == [BEIJING, YINCHUAN]
    assert click(YINCHUAN, add=True, current=[BEIJING, YINCHUAN]) == [BEIJING]


def test_select_click_in_the_inset_selects(click):
    assert click("460300", layer=ids.INSET) == ["460300"]


@pytest.mark.parametrize("code", ["999999", "64010", "abc", None, 640100])
def test_select_ignores_unknown_or_malformed_codes(click, code):
    assert click(code, current=[BEIJING]) is no_update


def test_select_clear_empties_the_selection(triggered):
    triggered(ids.CLEAR, "n_clicks", 1)
    assert selection.select(None, None, 1, [BEIJING, YINCHUAN]) == []


def test_select_ignores_a_recreated_clear_button(triggered):
    triggered(ids.CLEAR, "n_clicks", 0)
    assert selection.select(None, None, 0, [YINCHUAN]) is no_update


# --------------------------------------------------------------------------------------------
# side_panel
# --------------------------------------------------------------------------------------------


def test_side_panel_shows_name_value_unit_and_year(store_values, indicator):
    panel = selection.side_panel([YINCHUAN], INDICATOR, YEAR, "en")
    (card,) = find_all(panel, has_class("unit-card"))
    text = component_text(card)
    assert getattr(card, "data-adcode") == YINCHUAN
    assert "Yinchuan" in text and "银川市" in text
    value = f"{store_values[YINCHUAN]:,.{indicator.decimals}f}"
    assert component_text(find_all(card, has_class("unit-value"))) == f"{value} {indicator.unit_en} ({YEAR})"


def test_side_panel_says_no_data_instead_of_a_number(indicator):
    panel = selection.side_panel([SHIHEZI], INDICATOR, YEAR, "en")
    (card,) = find_all(panel, has_class("unit-card"))
    assert find_all(card, has_class("unit-nodata"))
    assert not find_all(card, has_class("unit-number"))


def test_side_panel_without_selection_shows_the_hint():
    panel = selection.side_panel([], INDICATOR, YEAR, "en")
    assert find_all(panel, has_class("unit-card")) == []
    assert "Click a unit on the map" in component_text(panel)


def test_recolour_lisa_mode_classes_units_into_clusters():
    hide, _inset, legend, *_ = map_callbacks.recolour(
        indicator="gdp_per_resident",
        year=2020,
        scheme="quantiles",
        k=5,
        breaks="",
        palette=None,
        mode="lisa",
        selection=[],
        lang="en",
    )
    assert len(hide["colors"]) == 6
    assert hide["c"]["310000"] == 0  # Shanghai sits in the Yangtze-delta hot spot
    assert "659001" not in hide["c"]  # no data stays unclassed


def test_recolour_answer_brings_colours_legend_and_caption_in_one_round_trip():
    """One server answer per browser request (the colours and the caption used to be two requests)."""
    request = {"indicator": "gdp_per_resident", "year": 2020, "scheme": "equal_interval", "k": 5, "mode": "values"}
    answer = map_callbacks.recolour_answer(request, ["640100"], "en")
    hide, legend, breaks_class = map_callbacks.recolour_request(request, ["640100"], "en")
    caption, context = map_callbacks.describe_request(request, "en")
    from dash._utils import to_json

    assert answer["hideout"] == hide and answer["hideout"]["sel"] == ["640100"]
    assert to_json(answer["legend"]) == to_json(legend) and answer["breaks"] == breaks_class
    assert to_json(answer["caption"]) == to_json(caption)
    assert ("context" in answer) == (context is not no_update)


def test_recolour_answer_leaves_out_what_stays_and_ignores_junk():
    assert map_callbacks.recolour_answer("junk", [], "en") is no_update
    assert map_callbacks.recolour_answer({}, [], "en") is no_update
    answer = map_callbacks.recolour_answer({"indicator": "no_such_indicator", "year": 2020}, [], "en")
    assert "hideout" not in answer and "legend" not in answer
