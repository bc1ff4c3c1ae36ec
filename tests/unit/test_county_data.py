"""The vendored county census table: its loader, the issue's checks, and the sums against the prefecture table."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest

from indicators.county.table import (
    COLUMNS,
    COUNTY_FILE,
    KNOWN_DEFECTS,
    CountyTableError,
    check_county_table,
    load_county_table,
    read_county_table,
)
from indicators.ingest import load_table

#: 2020 prefectures (and municipalities) whose county rows do not add up, within 1 %, to table 8's
#: population: the source lists some functional zones without a code, so they are not in the table.
RESIDENT_GAPS_2020 = {
    "140100", "140600", "220200", "220700", "320700", "321100", "330300", "341100", "341200", "341300",
    "410500", "410600", "411100", "411200", "411600", "430300", "430400", "430600", "430900", "431100",
}  # fmt: skip
#: The same for residents registered in another province.
OTHER_PROVINCE_GAPS_2020 = RESIDENT_GAPS_2020 | {"140200", "140900", "411500", "430700"}


@pytest.fixture(scope="module")
def county() -> pd.DataFrame:
    return load_county_table()


def _row(county, code, year=2020):
    return county[(county.adcode == code) & (county.year == year)].iloc[0]


def test_county_table_has_both_census_years(county):
    assert county.groupby("year").size().to_dict() == {2010: 2857, 2020: 2943}
    assert tuple(county.columns) == COLUMNS


def test_county_table_ningxia_checks_of_the_issue(county):
    xq = _row(county, "640104")
    assert (xq.name_zh, int(xq.pop_resident)) == ("兴庆区", 808282)
    assert round(100 * xq.hukou_elsewhere_other_province / xq.pop_resident, 1) == 21.9
    assert xq.avg_schooling_years == 10.75
    hy = _row(county, "640522")
    assert round(100 * hy.hukou_elsewhere_other_province / hy.pop_resident, 1) == 0.9
    assert hy.avg_schooling_years == 7.54
    hn = _row(county, "640205")
    assert round(100 * hn.emp_sample_manuf / hn.emp_sample_total, 1) == 31.5


def test_county_table_functional_zones_of_2020(county):
    fz = county[(county.year == 2020) & (county.unit_kind == "functional_zone")]
    assert len(fz) == 102
    assert round(fz.pop_resident.sum() / 1e6, 1) == 29.3


def _prefecture_gaps(county, column_county, column_prefecture):
    pref = load_table("census_migration")
    pref = pref[(pref.year == 2020) & pref.unit_type.isin(["prefecture", "municipality"])].set_index("adcode")
    sums = county[county.year == 2020].groupby("prefecture_adcode")[column_county].sum()
    joined = pref[[column_prefecture]].join(sums, how="inner")
    gap = (joined[column_county] / joined[column_prefecture] - 1) * 100
    return len(joined), set(gap.index[gap.abs() > 1])


def test_county_rows_sum_to_their_prefecture_within_one_percent(county):
    n, gaps = _prefecture_gaps(county, "pop_resident", "pop_census_persons")
    assert n == 332  # 333 prefectures + 4 municipalities − 5 without counties (东莞, 中山, 嘉峪关, 儋州, 三沙)
    assert n - len(gaps) >= 308
    assert gaps == RESIDENT_GAPS_2020


def test_county_rows_sum_other_province_residents_to_their_prefecture(county):
    n, gaps = _prefecture_gaps(county, "hukou_elsewhere_other_province", "hukou_elsewhere_other_prov_persons")
    assert n - len(gaps) >= 308
    assert gaps == OTHER_PROVINCE_GAPS_2020


def test_county_loader_blanks_the_known_negative_count(county):
    ((code, year, column),) = KNOWN_DEFECTS
    assert pd.isna(_row(county, code, year)[column])
    assert int(county.select_dtypes("number").lt(0).sum().sum()) == 0


def test_county_loader_rejects_a_negative_count_and_a_bad_code(tmp_path):
    text = gzip.decompress(COUNTY_FILE.read_bytes()).decode("utf-8").splitlines()
    bad = tmp_path / "bad.csv"
    row = text[1].split(",")
    row[7] = "-5"  # pop_resident
    bad.write_text("\n".join([text[0], ",".join(row)]) + "\n", encoding="utf-8")
    with pytest.raises(CountyTableError, match="negative pop_resident"):
        read_county_table(bad)
    row = text[1].split(",")
    row[0] = "11010"
    bad.write_text("\n".join([text[0], ",".join(row)]) + "\n", encoding="utf-8")
    with pytest.raises(CountyTableError, match="adcode not a 6-digit code"):
        read_county_table(bad)


def test_county_loader_names_missing_columns():
    with pytest.raises(CountyTableError, match="missing"):
        check_county_table(pd.DataFrame({"adcode": ["640104"]}))
