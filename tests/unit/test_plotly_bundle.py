"""The charts' plotly.js is the vendored *basic* partial bundle (issue 15): it must be the same plotly.js
version as the ``plotly`` package's full bundle (the figures are built by that package), and every chart
of the page must be made of the trace types it can draw."""

from __future__ import annotations

import re

import pytest

from layouts import shell
from tests.component_tree import find_props


def test_the_vendored_bundle_is_the_plotly_packages_plotly_js_version():
    from plotly.offline import get_plotlyjs_version

    head = (shell.ASSETS / shell.PLOTLY_BUNDLE).read_bytes()[:200].decode()
    version = re.search(r"plotly\.js \(basic - minified\) v(\S+)", head)
    assert version, head
    assert version.group(1) == get_plotlyjs_version()
    assert (shell.ASSETS / "vendor" / "LICENSE-plotly.js.txt").read_text().startswith("MIT License")


def test_the_url_is_fingerprinted_and_under_the_prefix():
    url = shell.plotly_url("/atlas/")
    assert re.fullmatch(r"/atlas/assets/vendor/plotly-basic\.min\.js\?v=[0-9a-f]{12}", url)


def test_the_split_files_are_fingerprinted_and_in_the_head_only_of_a_split_page():
    tags = shell.split_tags("/atlas/")
    assert re.fullmatch(
        r'<meta name="led-split-assets" content="/atlas/assets/on_demand/split\.css\?v=[0-9a-f]{12}'
        r' /atlas/assets/on_demand/split\.js\?v=[0-9a-f]{12}">',
        tags,
    )
    now = shell.split_tags("/atlas/", now=True)
    assert now.count("<link") == 2 and 'rel="stylesheet"' in now


def figures(tree) -> list[dict]:
    """Every ``figure`` prop in a Dash component tree (as the browser receives it)."""
    import json

    import plotly.utils

    found = find_props(
        json.loads(json.dumps(tree, cls=plotly.utils.PlotlyJSONEncoder)),
        lambda node: isinstance(node["props"].get("figure"), dict),
    )
    return [props["figure"] for props in found]


PREFECTURE_TABS = ("compare", "trend", "scatter", "profile", "peers", "sectors", "disparity")


@pytest.mark.parametrize("tab", PREFECTURE_TABS)
@pytest.mark.parametrize("sel", [[], ["640100", "500000", "440300"]])
def test_every_chart_uses_only_the_traces_of_the_basic_bundle(tab, sel):
    from callbacks.charts import tab_content

    drawn = figures(tab_content(tab, sel, "pop_resident", 2020, "en"))
    types = {trace.get("type", "scatter") for figure in drawn for trace in figure.get("data", [])}
    assert types <= set(shell.PLOTLY_TRACES), (tab, types)
    if tab == "compare":
        assert drawn
    if tab in ("compare", "trend") or (sel and tab == "sectors"):
        assert drawn, f"{tab}: no figure found, the check would be empty"


@pytest.mark.parametrize("log_axes", [[], ["x", "y"]])
def test_the_scatter_chart_uses_only_the_traces_of_the_basic_bundle(log_axes):
    from callbacks.charts import scatter_figure
    from indicators.registry import get_indicator

    figure = scatter_figure(
        ["640100", "500000"], get_indicator("pop_resident"), 2020, "gdp_per_resident", log_axes, "en"
    )
    types = {trace.get("type", "scatter") for trace in figure.to_plotly_json()["data"]}
    assert types and types <= set(shell.PLOTLY_TRACES), types


@pytest.mark.parametrize("tab", ["compare", "disparity", "sectors"])
def test_every_county_chart_uses_only_the_traces_of_the_basic_bundle(tab):
    from callbacks.charts import county_tab

    drawn = figures(county_tab(tab, ["640104", "640522"], "pop_resident", 2020, "en"))
    types = {trace.get("type", "scatter") for figure in drawn for trace in figure.get("data", [])}
    assert types <= set(shell.PLOTLY_TRACES), (tab, types)
    if tab == "compare":
        assert drawn
