"""The values bundle: what the browser colours from matches what the server would send."""

import pandas as pd
import pytest

from indicators import bundle
from indicators.classify import classify, palette_colors
from state import display
from web import values


@pytest.fixture(scope="module")
def real_bundle():
    import json

    return json.loads(values.values_bundle_file().read_text(encoding="utf-8"))


def test_build_values_bundle_keeps_missing_as_null_never_zero():
    from types import SimpleNamespace as NS

    ind = NS(
        key="x",
        years=(2020, 2021),
        decimals=0,
        palette="Blues",
        diverging=False,
        label_en="X",
        label_zh="X",
        unit_en="u",
        unit_zh="u",
        source_en="s",
        source_zh="s",
    )
    vals = {2020: pd.Series([1.0, None, 3.0, 4.0], index=list("abcd")), 2021: pd.Series(dtype=float)}
    b = bundle.build_values_bundle(
        list("abcd"),
        [ind],
        lambda k, y: vals[y],
        lambda k, y: pd.Series(dtype=object),
        classify,
        lambda c, p: palette_colors(p, 3),
    )
    year = b["indicators"]["x"]["years"]["2020"]
    assert year["v"][1] is None and year["c"][1] is None and year["missing"] == 1
    assert "2021" not in b["indicators"]["x"]["years"]  # a year without any value is left out


def test_values_bundle_matches_the_server_hideout_for_the_default_classes(real_bundle):
    hide, _legend, _caption = display.choropleth("gdp_per_resident", 2020, "quantiles", 5, None, [], "en")
    entry = real_bundle["indicators"]["gdp_per_resident"]["years"]["2020"]
    units = real_bundle["units"]
    assert {a: c for a, c in zip(units, entry["c"], strict=True) if c is not None} == hide["c"]
    assert entry["colors"] == hide["colors"]
    assert {a: v for a, v in zip(units, entry["v"], strict=True)} == hide["v"]


def test_values_bundle_holds_every_registry_indicator_with_data(real_bundle):
    from indicators.registry import REGISTRY

    assert set(real_bundle["indicators"]) == set(REGISTRY)
    assert len(real_bundle["units"]) == 370
