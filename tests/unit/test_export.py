"""Export helpers: registry records and per-indicator CSV text."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

from indicators.export import BOM, CSV_COLUMNS, ExportLookupError, indicator_csv, registry_records
from indicators.registry import REGISTRY


@pytest.fixture(scope="module")
def units(map_units):
    return map_units.assign(name_en=map_units.adcode.radd("unit-"))[["adcode", "name_zh", "name_en", "province_zh"]]


def parse(text):
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[len(BOM) :])))


def test_registry_records_fields_and_order():
    recs = registry_records()
    assert [r["key"] for r in recs] == list(REGISTRY)
    expected = {
        "key",
        "label_zh",
        "label_en",
        "unit_zh",
        "unit_en",
        "decimals",
        "source",
        "years",
        "family",
        "direction",
        "formula",
        "diverging",
        "levels",
    }
    assert all(set(r) == expected for r in recs)
    json.dumps(recs, ensure_ascii=False)  # plain data
    gdp = next(r for r in recs if r["key"] == "gdp")
    assert gdp["years"][0] == 2000 and gdp["unit_zh"] == "亿元" and "gdp_sectors" in gdp["source"]


def test_indicator_csv_header_bom_and_values(store_frame, units):
    text = indicator_csv("pop_resident", 2020, units, store=store_frame)
    header = text[len(BOM) :].splitlines()[0]
    assert header == ",".join(CSV_COLUMNS)
    rows = {r["adcode"]: r for r in parse(text)}
    assert float(rows["500000"]["value"]) * 1e4 == pytest.approx(32_054_159)
    assert rows["500000"]["unit"] == "万人 / 10,000 persons" and rows["500000"]["year"] == "2020"
    assert rows["659001"]["value"] == ""  # XPCC city: missing, not 0


def test_every_map_unit_appears_in_every_csv(store_frame, units):
    want = list(units.adcode)
    by_key = dict(iter(store_frame.groupby("indicator")))  # one indicator's rows: the same CSV, 10x faster
    for key, ind in REGISTRY.items():
        for year in ind.years:
            rows = parse(indicator_csv(key, year, units, store=by_key.get(key, store_frame.iloc[:0])))
            assert [r["adcode"] for r in rows] == want, (key, year)
            assert any(r["value"] for r in rows), (key, year)


def test_indicator_csv_unknown_key_or_year_raises_lookup_error(store_frame, units):
    with pytest.raises(ExportLookupError) as err:
        indicator_csv("nope", 2020, units, store=store_frame)
    assert isinstance(err.value, LookupError) and "\n" not in str(err.value)
    with pytest.raises(LookupError, match=r"no year 1999 \(years: 2000–2023\)"):
        indicator_csv("gdp", 1999, units, store=store_frame)


def test_indicator_csv_requires_unit_columns(store_frame):
    with pytest.raises(ValueError, match="missing \\['name_en'\\]"):
        indicator_csv("gdp", 2020, pd.DataFrame({"adcode": [], "name_zh": [], "province_zh": []}), store=store_frame)
