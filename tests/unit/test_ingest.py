"""Ingest (schemas, malformed tables) and code reconciliation."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from indicators import codes
from indicators.ingest import SCHEMAS, IngestError, load_table

GDP_HEADER = (
    "adcode,name_zh,province_zh,year,city_class_zh,gdp_100m_yuan,gdp_primary_100m_yuan,"
    "gdp_secondary_100m_yuan,gdp_tertiary_100m_yuan,share_primary_pct,share_secondary_pct,"
    "share_tertiary_pct,sector_sum_gap_pct"
)
GOOD_ROWS = [
    "640100,银川市,宁夏回族自治区,2020,地级市,1964.37,70.0,800.0,1094.37,3.56,40.73,55.71,0.0",
    "640200,石嘴山市,宁夏回族自治区,2020,地级市,541.6,30.0,280.0,231.6,5.54,51.7,42.76,0.0",
]


@pytest.fixture
def write_gdp(tmp_path):
    """Write a tiny GDP table with the given data lines and return its path."""

    def write(lines, header=GDP_HEADER, name="gdp_tiny.csv"):
        path = tmp_path / name
        path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
        return path

    return write


def test_load_table_every_vendored_table_passes_its_schema():
    for name, schema in SCHEMAS.items():
        frame = load_table(name)
        assert list(frame.columns) == list(schema.column_names), name
        codes_ = frame.adcode.dropna()
        assert codes_.map(lambda c: bool(re.fullmatch(r"\d{6}", c))).all(), name


def test_load_table_keeps_adcode_as_zero_padded_string():
    mw = load_table("migrant_workers")
    assert "000000" in set(mw.adcode.dropna())
    pop = load_table("census_population")
    assert pop.adcode.map(type).eq(str).all()


def test_load_table_blank_cells_are_nan_not_zero():
    pop = load_table("census_population").set_index(["adcode", "year"])
    assert np.isnan(pop.loc[("659001", 2020), "pop_resident_10k"])


def test_ingest_tiny_valid_table_loads(write_gdp):
    frame = load_table("gdp", write_gdp(GOOD_ROWS))
    assert frame.gdp_100m_yuan.tolist() == [1964.37, 541.6]
    assert frame.year.dtype == np.int64


def test_ingest_non_numeric_cell_names_file_row_and_column(write_gdp):
    bad = GOOD_ROWS[1].replace("541.6", "n/a")
    path = write_gdp([GOOD_ROWS[0], bad])
    with pytest.raises(IngestError) as err:
        load_table("gdp", path)
    assert (err.value.file, err.value.row, err.value.column) == (str(path), 3, "gdp_100m_yuan")
    assert "gdp_tiny.csv, row 3, column 'gdp_100m_yuan'" in str(err.value)


def test_ingest_share_above_100_is_rejected(write_gdp):
    bad = GOOD_ROWS[0].replace(",55.71,", ",155.71,")
    with pytest.raises(IngestError, match=r"row 2, column 'share_tertiary_pct'.*above the allowed maximum 100"):
        load_table("gdp", write_gdp([bad, GOOD_ROWS[1]]))


def test_ingest_negative_count_is_rejected(write_gdp):
    bad = GOOD_ROWS[1].replace(",30.0,", ",-30.0,")
    with pytest.raises(IngestError, match=r"row 3, column 'gdp_primary_100m_yuan'"):
        load_table("gdp", write_gdp([GOOD_ROWS[0], bad]))


@pytest.mark.parametrize("code", ["64010X", "6401000", "11000"])
def test_ingest_malformed_adcode_is_rejected(write_gdp, code):
    bad = GOOD_ROWS[1].replace("640200", code, 1)
    with pytest.raises(IngestError) as err:
        load_table("gdp", write_gdp([GOOD_ROWS[0], bad]))
    assert (err.value.row, err.value.column) == (3, "adcode")


def test_ingest_missing_column_is_named_on_header_row(write_gdp):
    header = GDP_HEADER.replace(",sector_sum_gap_pct", "")
    rows = [r.rsplit(",", 1)[0] for r in GOOD_ROWS]
    with pytest.raises(IngestError) as err:
        load_table("gdp", write_gdp(rows, header=header))
    assert (err.value.row, err.value.column) == (1, "sector_sum_gap_pct")


def test_ingest_duplicate_unit_year_is_rejected(write_gdp):
    with pytest.raises(IngestError, match=r"row 3, column 'adcode,year': duplicate key"):
        load_table("gdp", write_gdp([GOOD_ROWS[0], GOOD_ROWS[0]]))


def test_ingest_row_numbers_count_physical_lines_of_quoted_newlines(write_gdp):
    first = GOOD_ROWS[0].replace("地级市", '"地级\n市"')
    bad = GOOD_ROWS[1].replace("2020", "20x0")
    with pytest.raises(IngestError) as err:
        load_table("gdp", write_gdp([first, bad]))
    assert (err.value.row, err.value.column) == (4, "year")


def test_ingest_wrong_cell_count_names_row(write_gdp):
    with pytest.raises(IngestError, match=r"row 3: 12 cells, expected 13"):
        load_table("gdp", write_gdp([GOOD_ROWS[0], GOOD_ROWS[1].rsplit(",", 1)[0]]))


def test_ingest_missing_file_names_file(tmp_path):
    with pytest.raises(IngestError, match="nowhere.csv: file not found"):
        load_table("gdp", tmp_path / "nowhere.csv")


def test_load_table_unknown_name_lists_valid_tables():
    with pytest.raises(ValueError, match="valid tables: .*census_population"):
        load_table("census")


# --- codes ---------------------------------------------------------------------------------------


def test_reconciliation_report_documents_every_code_not_on_the_map(map_units):
    report = codes.reconciliation_report()
    assert "undocumented" not in set(report.action)
    on_map = set(map_units.adcode)
    for name in SCHEMAS:
        table_codes = set(load_table(name).adcode.fillna(""))
        listed = set(report.loc[report.table == name, "adcode"])
        assert table_codes - on_map == listed, name


def test_reconciliation_report_actions_of_known_codes():
    rep = codes.reconciliation_report().set_index(["table", "adcode"])
    assert rep.loc[("gdp", "371200"), "action"] == "retired"  # Laiwu, merged into Jinan 2019
    assert rep.loc[("gdp", "341400"), "action"] == "retired"  # Chaohu, dissolved 2011
    assert rep.loc[("census_migration", "522400"), ["action", "mapped_to"]].tolist() == ["renamed", "520500"]
    assert rep.loc[("census_migration", "522200"), "mapped_to"] == "520600"
    assert rep.loc[("census_migration", "130000"), "action"] == "province_row"
    assert rep.loc[("employment_sectors", "140000"), "action"] == "empty_row"
    assert rep.loc[("census_industry", "140000"), "action"] == "province_row"
    assert rep.reason.str.len().gt(10).all()


def test_renamed_codes_point_at_map_units(map_units):
    assert set(codes.RENAMES.values()) <= set(map_units.adcode)
    assert not set(codes.RENAMES) & set(map_units.adcode)


def test_reconcile_moves_renamed_rows_and_keeps_retired_ones():
    mig = codes.reconcile(load_table("census_migration"), "census_migration")
    bijie = mig[(mig.adcode == "520500")].set_index("year")
    assert bijie.loc[2010, "source_adcode"] == "522400"
    assert bijie.loc[2010, "pop_census_persons"] == 6537498
    assert "371200" in set(mig.adcode) and "522400" not in set(mig.adcode)


def test_reconcile_rejects_an_undocumented_code():
    frame = pd.DataFrame({"adcode": ["999900"], "name_zh": ["无"], "year": [2020], "unit_type": ["prefecture"]})
    with pytest.raises(ValueError, match="999900.*no documented decision"):
        codes.reconcile(frame, "demo")


def test_census_2010_territory_mismatch_finds_boundary_changes():
    mm = set(codes.census_2010_territory_mismatch().adcode)
    assert {"370100", "340100", "340200", "340500", "510100", "512000"} <= mm
    assert not {"110000", "640100", "440300"} & mm


def test_territory_break_between_spans():
    assert codes.territory_break_between("370100", 2018, 2019).year == 2019
    assert codes.territory_break_between("370100", 2019, 2020) is not None
    assert codes.territory_break_between("370100", 2020, 2021) is None
    assert codes.territory_break_between("110000", 2000, 2023) is None
