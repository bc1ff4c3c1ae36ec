"""Browser test of a planner's walk (issue 18): an uploaded indicator on the map is the one the page describes.

With an uploaded indicator on the map the compare chart still plotted 常住人口, and an upload without
a year column showed its year as "0" (picker, legend, caption, side panel).
"""

from __future__ import annotations

import json
import urllib.request
import uuid

import pytest

pytestmark = pytest.mark.browser

NINGXIA = ("640100", "640200", "640300", "640400", "640500")

# What the page says about the indicator: chart title, year picker, legend title, caption, side panel.
DESCRIBED = """
() => {
  const text = (sel) => ((document.querySelector(sel) || {}).textContent || "").trim();
  const plot = document.querySelector("#chart-area .js-plotly-plot");
  return {
    title: plot && plot.layout && plot.layout.title ? String(plot.layout.title.text).replace(/<br>/g, "") : "",
    bars: plot ? (plot.data || []).filter((t) => t.type === "bar").map((t) => t.x) : [],
    year: text("#year-picker .dash-dropdown-value"),
    legend: text("#legend .legend-unit"),
    caption: text("#caption strong"),
    panel: text("#side-panel"),
  };
}
"""


def _upload(base: str, csv_text: str, label: str) -> str:
    """POST a CSV to ``/api/datasets`` as a multipart form; the new dataset's id."""
    boundary = uuid.uuid4().hex
    fields = {"label": label, "unit": "个", "source": "test upload"}
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in fields.items()]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="t.csv"\r\n'
        f"Content-Type: text/csv\r\n\r\n{csv_text}\r\n--{boundary}--\r\n"
    )
    request = urllib.request.Request(
        base + "/api/datasets",
        data="".join(parts).encode("utf-8"),
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        method="POST",
    )
    with urllib.request.urlopen(request) as resp:
        return json.loads(resp.read())["id"]


def _open(recorded, open_map, dataset_id: str, label: str) -> dict:
    page = open_map(recorded, f"/?lang=zh&ds={dataset_id}&indicator=ds_{dataset_id}&sel=640100~640200").page
    page.wait_for_function(
        "(label) => { const p = document.querySelector('#chart-area .js-plotly-plot');"
        " return !!(p && p.layout && p.layout.title && String(p.layout.title.text).includes(label)); }",
        arg=label,
        polling=100,
    )
    page.wait_for_load_state("networkidle")
    return page.evaluate(DESCRIBED)


def test_upload_compare_chart_plots_the_uploaded_indicator(recorded_page, open_map, live_server):
    label = f"上传指标{uuid.uuid4().hex[:6]}"
    rows = "".join(f"{code},2021,{v}\n" for code, v in zip(NINGXIA, (10.5, 7.25, 3, 4.5, 5), strict=True))
    dataset_id = _upload(live_server, "adcode,year,value\n" + rows, label)
    seen = _open(recorded_page, open_map, dataset_id, label)
    assert "常住人口" not in seen["title"] and "2021" in seen["title"], seen["title"]
    assert sorted(v for xs in seen["bars"] for v in xs) == [7.25, 10.5]
    assert recorded_page.errors == []


def test_upload_without_a_year_column_never_shows_year_0(recorded_page, open_map, live_server):
    from layouts.i18n import t

    label = f"无年份{uuid.uuid4().hex[:6]}"
    rows = "".join(f"{code},{v}\n" for code, v in zip(NINGXIA, (1, 2, 3, 4, 5), strict=True))
    dataset_id = _upload(live_server, "adcode,value\n" + rows, label)
    seen = _open(recorded_page, open_map, dataset_id, label)
    no_year = t("no_year", "zh")
    assert seen["year"] == no_year
    for part in ("title", "legend", "caption"):
        assert no_year in seen[part] and "0年" not in seen[part] and " 0 " not in seen[part], (part, seen[part])
    assert "(0)" not in seen["panel"], seen["panel"]
    assert recorded_page.errors == []
