"""The map callbacks with ``mode=split`` (issue 17), called directly: the server's colours of both maps,
the caption of both years, the URL written, the fall-backs."""

from __future__ import annotations

from callbacks import map as map_callbacks
from callbacks import url as url_callbacks
from indicators.registry import REGISTRY
from tests.callbacks.test_map_callbacks import component_text

KEY = "gdp_per_resident"
ONE_YEAR = next(k for k, ind in REGISTRY.items() if len(ind.years) == 1)


def _recolour(key=KEY, year=2020, mode="split", sel=("640100",)):
    return map_callbacks.recolour(key, year, "quantiles", 5, "", "auto", mode, list(sel), "en")


def test_recolour_split_sends_both_years_in_one_hideout_with_one_legend():
    hide, inset, legend, _breaks = _recolour()
    assert hide == inset
    assert hide["year"] == 2020 and hide["split"]["year"] == 2010
    assert hide["split"]["colors"] == hide["colors"] and hide["split"]["sel"] == ["640100"]
    text = component_text(legend)
    assert "2010 | 2020" in text and "No data" in text


def test_recolour_split_of_a_one_year_indicator_is_its_values():
    hide, _inset, legend, _breaks = _recolour(ONE_YEAR, REGISTRY[ONE_YEAR].years[0])
    assert "split" not in hide and " | " not in component_text(legend)


def test_describe_split_names_both_years_unit_and_source():
    caption, _context = map_callbacks.describe(KEY, 2020, "quantiles", 5, "", "en", "split")
    text = component_text(caption)
    assert "(2010 | 2020)" in text and "yuan per person" in text and "Source" in text
    caption, _context = map_callbacks.describe(ONE_YEAR, REGISTRY[ONE_YEAR].years[0], "quantiles", 5, "", "en", "split")
    assert " | " not in component_text(caption)


def test_county_recolour_with_split_draws_the_values():
    hide, _inset, _legend, _breaks = map_callbacks.recolour(
        "pop_resident", 2020, "quantiles", 5, "", "auto", "split", [], "en", "county"
    )
    assert "split" not in hide and hide["c"]


def test_the_mode_control_writes_split_into_the_url():
    query = url_callbacks.write(
        f"?indicator={KEY}&v=1", KEY, 2020, "quantiles", 5, "", "auto", "compare", "split", [], None
    )
    assert query == f"?indicator={KEY}&mode=split&v=1"
