"""The sectors tab at county level (issue 13): the county quadrant, checked against the county LQ indicator and
against growth recomputed here from the county census rows with the prefecture formula."""

from __future__ import annotations

import pytest

from callbacks import charts
from indicators.county import county_values
from indicators.county.sectors import county_growth_note, county_sector_quadrant
from indicators.county.units import county_frame
from indicators.county.values import nation_totals
from indicators.sector import ANALYSIS_SECTORS
from tests.callbacks.test_charts import graphs, text_of

QUADRANT = {  # (LQ >= 1, grew faster than the nation)
    (True, True): "specialised_growing",
    (True, False): "specialised_declining",
    (False, True): "emerging",
    (False, False): "weak",
}
HUINONG, DONGCHENG = "640205", "110101"  # 惠农区 (same territory 2010/2020); 东城区 (absorbed 崇文区)


def request(sel, lang="en"):
    return {"tab": "sectors", "sel": list(sel), "indicator": "urbanisation_rate", "year": 2020, "lang": lang,
            "level": "county", "t": 1}  # fmt: skip


def sample_employment(code: str, year: int) -> dict[str, float]:
    row = county_frame(year).loc[code]
    return {s: float(0.0 if row[f"emp_sample_{s}"] != row[f"emp_sample_{s}"] else row[f"emp_sample_{s}"])
            for s in ANALYSIS_SECTORS}  # fmt: skip


def test_county_quadrant_has_the_prefecture_quadrant_columns():
    q = county_sector_quadrant(HUINONG)
    assert list(q.columns) == ["lq", "share", "local_growth", "national_growth", "relative_growth", "quadrant"]
    assert list(q.index) == list(ANALYSIS_SECTORS) and q.index.name == "sector"


@pytest.mark.parametrize("sector", ["manuf", "mining", "utilities"])
def test_county_quadrant_lq_equals_the_county_lq_indicator(sector):
    q = county_sector_quadrant(HUINONG)
    assert q.at[sector, "lq"] == pytest.approx(float(county_values(f"lq_census_{sector}", 2020)[HUINONG]), abs=1e-6)


def test_county_relative_growth_is_the_prefecture_formula_on_the_county_rows():
    e10, e20 = sample_employment(HUINONG, 2010), sample_employment(HUINONG, 2020)
    n10, n20 = nation_totals(2010), nation_totals(2020)
    q = county_sector_quadrant(HUINONG)
    for s in ("manuf", "mining", "wholesale_retail"):
        local = e20[s] / e10[s] - 1
        national = n20[s] / n10[s] - 1
        assert q.at[s, "relative_growth"] == pytest.approx((local - national) * 100, abs=1e-9)
        lq = (e20[s] / sum(e20.values())) / (n20[s] / n20.sum())
        assert q.at[s, "quadrant"] == QUADRANT[(lq >= 1, local > national)]
    assert county_growth_note(HUINONG) == ""


def test_a_county_whose_territory_changed_gets_lq_without_growth_and_the_reason():
    q = county_sector_quadrant(DONGCHENG)
    assert q["lq"].notna().all() and q["relative_growth"].isna().all() and q["quadrant"].isna().all()
    assert "absorbed 崇文区" in county_growth_note(DONGCHENG)


def test_an_unknown_county_raises_with_the_reason():
    with pytest.raises(ValueError, match="not a county-level census unit"):
        county_sector_quadrant("999999")


def test_county_sectors_tab_draws_the_first_selected_county_with_its_prefecture():
    tree = charts.charts_request(request([HUINONG, DONGCHENG]))["tree"]
    text = text_of(tree)
    assert "prefecture-level units only" not in text
    (graph,) = graphs(tree)
    assert sum(len(tr.x) for tr in graph.figure.data if tr.type == "scatter") == 19
    assert "Huinong" in graph.figure.layout.title.text and "Shizuishan" in graph.figure.layout.title.text
    assert any(tr.type == "bar" for tr in graph.figure.data)  # the growth panel


def test_county_sectors_tab_says_why_a_changed_county_has_no_growth():
    text = text_of(charts.charts_request(request([DONGCHENG]))["tree"])
    assert "no sector growth 2010→2020" in text and "absorbed 崇文区" in text
    zh = text_of(charts.charts_request(request([DONGCHENG], lang="zh"))["tree"])
    assert "无 2010→2020 行业增长" in zh


def test_county_sectors_tab_without_a_selection_asks_for_one():
    assert "sector quadrant" in text_of(charts.charts_request(request([]))["tree"])
