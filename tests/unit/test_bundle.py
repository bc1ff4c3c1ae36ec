"""The values bundle: what the browser colours from matches what the server would send."""

import json

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


def test_family_parts_hold_every_indicator_once_with_the_whole_bundle_around_it(real_bundle):
    from web import values

    parts = {family: json.loads(p.read_text(encoding="utf-8")) for family, p in values.values_part_files().items()}
    keys = [k for part in parts.values() for k in part["indicators"]]
    assert sorted(keys) == sorted(real_bundle["indicators"])  # each indicator in exactly one part
    for family, part in parts.items():
        assert {e["family"] for e in part["indicators"].values()} == {family}
        assert {k: v for k, v in part.items() if k != "indicators"} == {
            k: v for k, v in real_bundle.items() if k != "indicators"
        }
        for key, entry in part["indicators"].items():
            assert entry == real_bundle["indicators"][key]
    default = values.values_part_url("pop_resident").rsplit("/", 1)[1]
    assert values.values_part_files()["population"].name == default
    # the default page's part is a small fraction of the whole bundle
    assert values.values_part_files()["population"].stat().st_size < 0.1 * values.values_bundle_file().stat().st_size


def test_values_route_serves_the_parts_and_nothing_else_from_the_folder():
    from flask import Flask

    from web import api, values

    server = Flask(__name__)
    api.register_routes(server)
    http = server.test_client()
    url = values.values_part_url("urbanisation_rate")
    resp = http.get(url, headers={"Accept-Encoding": "gzip"})
    assert resp.status_code == 200 and resp.headers["Content-Encoding"] == "gzip"
    assert "immutable" in resp.headers["Cache-Control"]
    folder = url.split("/")[2]
    assert http.get(f"/values/{folder}/part-population-000000000000.json").status_code == 404
    assert http.get(f"/values/{folder}/manifest.json").status_code == 404


def test_legend_says_what_higher_means_in_the_page_and_the_bundle_alike(real_bundle):
    """One wording per indicator (the registry's), in the server's legend and in the bundle the browser reads."""
    from indicators.registry import get_indicator
    from layouts.map import higher_line

    def higher_rows(rows):
        return [r.children for r in rows if getattr(r, "className", "") == "legend-higher"]

    ind = get_indicator("migrants_other_prov_pct")
    for lang in ("en", "zh"):
        _hide, legend, _caption = display.choropleth(ind.key, 2020, "quantiles", 5, None, [], lang)
        assert higher_rows(legend) == [higher_line(getattr(ind, f"higher_{lang}"), lang)]
    assert higher_rows(legend)[0] == "数值越高：外省流入人口占常住人口的比重越高"
    assert real_bundle["indicators"][ind.key]["higher"] == {"en": ind.higher_en, "zh": ind.higher_zh}
    # the change map says what a higher change means
    _hide, legend, _caption = display.mode_choropleth("change", "gdp_per_resident", 2020, "quantiles", 5, None, [], "en")
    assert higher_rows(legend) == ["Higher = a larger rise from 2010 to 2020 (below 0: a fall)"]
