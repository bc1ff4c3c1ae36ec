"""Every chart tab works for an uploaded dataset exactly as for a registry indicator (issue 14).

The dataset is the store's own census residents 2010 and 2020 uploaded again under a hostile label, so
each tab can be checked against the registry indicator ``pop_resident``: the same values give the same
ranking, trend lines and disparity measures; the label is shown as typed, never as markup.
"""

from __future__ import annotations

import json
import os

import pandas as pd
import pytest

LABEL = "Residents <b>again</b> & <img src=x onerror=alert(1)>"
ESCAPED = "Residents &lt;b&gt;again&lt;/b&gt; &amp; &lt;img src=x onerror=alert(1)&gt;"
SEL = ["640100", "640200", "500000"]


@pytest.fixture(scope="module")
def ds_key(tmp_path_factory):
    """``ds_<public id>`` of the upload, in a dataset store of its own (restored afterwards)."""
    from indicators import store
    from userdata import cache
    from userdata.record import make_record

    old = os.environ.get("LED_DATA_DIR")
    os.environ["LED_DATA_DIR"] = str(tmp_path_factory.mktemp("datasets"))
    cache.default_store.cache_clear()
    frames = []
    for year in (2010, 2020):
        s = store.indicator_values("pop_resident", year).dropna()
        frames.append(pd.DataFrame({"adcode": s.index, "year": year, "v": s.values}))
    record = make_record(LABEL, "10,000 persons", "NBS census, uploaded again", ("v",), True, pd.concat(frames))
    public_id, _token = cache.default_store().publish(record)
    yield "ds_" + public_id
    cache.forget(public_id)
    cache.default_store.cache_clear()
    if old is None:
        os.environ.pop("LED_DATA_DIR", None)
    else:
        os.environ["LED_DATA_DIR"] = old


def tab_json(tab, key, year=2020, sel=SEL) -> str:
    from callbacks import charts

    return json.dumps(charts.render_tab(tab, sel, key, year, "en").to_plotly_json(), default=str)


@pytest.mark.parametrize("tab", ["compare", "trend", "scatter", "ranking", "disparity"])
def test_every_indicator_tab_draws_the_upload_not_a_fallback(ds_key, tab):
    text = tab_json(tab, ds_key)
    assert "cannot be drawn" not in text
    assert "again" in text  # the upload's own label, not "Resident population" in its place


def figure_strings(tree) -> list[str]:
    """Every string inside the Plotly figures of a Dash component tree (titles, hover texts, annotations)."""
    from dash import dcc

    figures, out = [], []

    def walk(node):
        if isinstance(node, dcc.Graph):
            fig = node.figure
            figures.append(fig.to_plotly_json() if hasattr(fig, "to_plotly_json") else fig)
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list | tuple) else [children]:
            if child is not None and not isinstance(child, str | int | float):
                walk(child)

    def strings(value):
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                strings(v)
        elif isinstance(value, list | tuple):
            for v in value:
                strings(v)
        elif hasattr(value, "tolist"):
            strings(value.tolist())

    walk(tree)
    assert figures, "no figure in the tab"
    strings(figures)
    return out


@pytest.mark.parametrize("tab", ["compare", "trend"])
def test_plotly_figures_show_the_label_escaped(ds_key, tab):
    from callbacks import charts

    texts = " ".join(figure_strings(charts.render_tab(tab, SEL, ds_key, 2020, "en")))
    assert "Residents &lt;b&gt;again&lt;/b&gt;" in texts  # Plotly shows the entities as the typed characters
    assert "<b>again" not in texts and "<img" not in texts


def test_scatter_figure_shows_the_label_escaped(ds_key):
    from callbacks import charts

    fig, _notice, aria = charts.update_scatter("pop_resident", [], SEL, ds_key, 2020, "en")
    texts = " ".join(figure_strings(__import__("dash").dcc.Graph(figure=fig)))
    assert "Residents &lt;b&gt;again&lt;/b&gt;" in texts
    assert "<b>again" not in texts and "<img" not in texts
    assert "Residents <b>again</b>" in aria  # the screen-reader label is plain text (React escapes it)


def test_ranking_of_the_upload_equals_the_registry_indicator(ds_key):
    from callbacks import charts

    ind, year = charts.indicator_year(ds_key, 2020)
    mine = charts.ranking_rows(SEL, ind, year, "en")
    ref_ind, _ = charts.indicator_year("pop_resident", 2020)
    ref = charts.ranking_rows(SEL, ref_ind, year, "en")
    assert [r["adcode"] for r in mine] == [r["adcode"] for r in ref]
    assert [r.get("rank") for r in mine] == [r.get("rank") for r in ref]


def test_trend_panel_of_the_upload_equals_the_store(ds_key):
    from indicators import compare
    from state import sources

    assert sources.available_years(ds_key) == (2010, 2020)
    pd.testing.assert_frame_equal(
        sources.panel_for(ds_key).loc[SEL], compare.indicator_panel("pop_resident").loc[SEL], check_names=False
    )


def test_disparity_of_the_upload_equals_the_registry_indicator(ds_key):
    from indicators import disparity_report
    from state import sources

    report, change = sources.disparity_for(ds_key, 2020, 2010)
    ref = disparity_report.disparity_report("pop_resident", 2020)
    ref_change = disparity_report.disparity_change("pop_resident", 2010, 2020)
    for k in ("gini", "theil", "theil_between_province", "moran_i", "n"):
        assert report[k] == pytest.approx(ref[k]), k
    assert change["n_common"] == ref_change["n_common"]
    assert change["change"]["gini"]["change"] == pytest.approx(ref_change["change"]["gini"]["change"])
    assert report["label_en"] == LABEL and report["indicator"] == ds_key


def test_the_pages_csv_link_serves_the_upload(ds_key):
    """``/api/indicators/ds_<id>.csv`` (the CSV links of the page, assets/map.js ``csvLinks``) answers the
    upload in the registry indicators' format; unknown ids 404, a bad year 404 with the valid years."""
    from app import server

    client = server.test_client()
    all_units = client.get(f"/api/indicators/{ds_key}.csv?year=2020")
    assert all_units.status_code == 200 and all_units.mimetype == "text/csv"
    lines = all_units.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0] == "adcode,name_zh,name_en,province_zh,year,value,unit,source"
    assert len(lines) > 300
    some = client.get(f"/api/indicators/{ds_key}.csv?year=2010&sel=640100~640200~x")
    rows = some.get_data(as_text=True).lstrip("\ufeff").splitlines()[1:]
    assert [r.split(",")[0] for r in rows] == ["640100", "640200"]
    year, value = rows[0].split(",")[4:6]
    assert year == "2010" and float(value) == pytest.approx(199.3, abs=0.05)  # Yinchuan's residents (10,000)
    assert "again" in rows[0]  # the upload's label in the source column
    assert client.get(f"/api/indicators/{ds_key}.csv?year=2015").status_code == 404
    missing = client.get("/api/indicators/ds_0123456789abcdef01234567.csv?year=2020")
    assert missing.status_code == 404 and "unknown dataset" in missing.get_data(as_text=True)


def test_the_csv_link_of_a_removed_upload_answers_410(ds_key):
    from app import server
    from userdata import cache
    from userdata.record import make_record

    t = pd.DataFrame({"adcode": ["640100", "640200"], "year": [2020, 2020], "v": [1.0, 2.0]})
    public_id, token = cache.default_store().publish(make_record("Short-lived", "u", "test", ("v",), True, t))
    client = server.test_client()
    assert client.get(f"/api/indicators/ds_{public_id}.csv").status_code == 200
    cache.default_store().remove(public_id, token)
    gone = client.get(f"/api/indicators/ds_{public_id}.csv")
    assert gone.status_code == 410 and "removed" in gone.get_data(as_text=True)
