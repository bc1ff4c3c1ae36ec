"""The county crosswalks: census→boundary (merged/renamed after the census) and 2010→2020 codes."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators.county.crosswalk import (
    CODES_FILE,
    boundary_crosswalk,
    code_changes,
    derive_code_changes,
    polygon_codes,
    to_boundaries,
)
from indicators.county.table import load_county_table
from indicators.county.units import county_frame, county_units, not_drawn_summary


@pytest.fixture(scope="module")
def census_2020() -> pd.DataFrame:
    t = load_county_table()
    return t[t.year == 2020]


def test_crosswalk_boundary_codes_are_polygons_and_census_codes_exist(census_2020):
    cw = boundary_crosswalk()
    drawn = cw[cw.boundary_code != ""]
    assert set(drawn.boundary_code) <= polygon_codes()
    assert set(cw.census_code) <= set(census_2020.adcode)


def test_crosswalk_covers_every_2020_unit_without_a_polygon(census_2020):
    """The 18 census codes of the issue: no polygon under their code, not a functional zone."""
    cw = boundary_crosswalk()
    missing = census_2020[~census_2020.adcode.isin(polygon_codes()) & (census_2020.unit_kind != "functional_zone")]
    assert len(missing) == 18
    assert set(missing.adcode) <= set(cw.census_code)
    assert {"330103", "330104", "350427", "410381"} <= set(missing.adcode)


def test_crosswalk_merge_sums_counts_and_recomputes_shares(census_2020):
    merged = county_frame(2020).loc["330105"]
    parts = census_2020.set_index("adcode").loc[["330103", "330105"]]
    assert merged.pop_resident == parts.pop_resident.sum()
    share = 100 * merged.hukou_elsewhere_other_province / merged.pop_resident
    summed = 100 * parts.hukou_elsewhere_other_province.sum() / parts.pop_resident.sum()
    assert share == pytest.approx(summed)
    assert share != pytest.approx(parts.hukou_elsewhere_other_province_pct.mean(), abs=1e-3)
    assert pd.isna(merged.avg_schooling_years)  # no counts of persons aged 6+: not recomputable
    assert merged.census_codes == "330103+330105"


def test_crosswalk_incomplete_member_gives_no_sum():
    f = pd.DataFrame({"adcode": ["410306", "410322"], "name_zh": ["吉利区", "孟津县"], "year": [2020] * 2,
                      "unit_kind": ["district", "county"], "pop_resident": [1.0, None]})  # fmt: skip
    assert to_boundaries(f).pop_resident.isna().all()


def test_crosswalk_renamed_unit_keeps_its_figures(census_2020):
    assert county_frame(2020).loc["350405"].pop_resident == census_2020.set_index("adcode").loc["350427"].pop_resident


def test_county_units_draw_each_polygon_once_and_list_what_is_not_drawn():
    u = county_units()
    assert u.adcode.is_unique
    drawn = u[u.drawable]
    assert set(drawn.adcode) <= polygon_codes()
    assert not (drawn.unit_kind == "functional_zone").any()
    assert {"330102", "330104", "330109", "330110", "232762"} <= set(u.adcode[~u.drawable & u.in_2020])
    s = not_drawn_summary(2020)
    assert s["by_kind"]["functional_zone"]["units"] == 95
    total = county_frame(2020).pop_resident.sum()
    drawn_pop = county_frame(2020).loc[drawn.adcode].pop_resident.sum()
    assert s["residents"] == pytest.approx(total - drawn_pop)


def test_code_changes_file_is_the_rule_applied_to_the_table():
    derived = derive_code_changes(load_county_table())
    stored = code_changes()
    pd.testing.assert_frame_equal(stored, derived, check_dtype=False)
    assert CODES_FILE.exists()


def test_code_changes_flag_territory_changes():
    cc = code_changes().set_index("code_2010")
    assert not cc.loc["110228", "territory_changed"]  # 密云县 → 密云区
    assert cc.loc["110228", "code_2020"] == "110118"
    assert cc.loc["110101", "territory_changed"]  # 东城 absorbed 崇文
    assert cc.loc["500111", "territory_changed"]  # 双桥区 → 大足区 (same code, new territory)
    assert not cc.loc["640104", "territory_changed"]
