"""Fixtures of the indicator tests: the store is built once per session into a temporary cache."""

from __future__ import annotations

import os

import pandas as pd
import pytest


@pytest.fixture(scope="session")
def indicator_cache_dir(tmp_path_factory):
    """A temporary ``LED_CACHE_DIR`` holding a freshly built indicator store.

    The variable is set only while building, so other tests keep the default cache.
    """
    from indicators.store import build_store

    path = tmp_path_factory.mktemp("led_cache")
    old = os.environ.get("LED_CACHE_DIR")
    os.environ["LED_CACHE_DIR"] = str(path)
    try:
        build_store(progress=False)
    finally:
        if old is None:
            os.environ.pop("LED_CACHE_DIR", None)
        else:
            os.environ["LED_CACHE_DIR"] = old
    return path


@pytest.fixture(scope="session")
def store_frame(indicator_cache_dir) -> pd.DataFrame:
    """The store built by :func:`indicator_cache_dir`, read back from its Parquet file."""
    (path,) = sorted(indicator_cache_dir.glob("indicator_store_*.parquet"))
    return pd.read_parquet(path)


@pytest.fixture(scope="session")
def map_units() -> pd.DataFrame:
    from geodata.source import unit_table

    return unit_table()


@pytest.fixture(scope="session")
def census() -> pd.DataFrame:
    """The vendored census employment-by-industry table (test modules may override it with a tiny frame)."""
    from pathlib import Path

    data = Path(__file__).resolve().parents[2] / "indicators" / "data"
    return pd.read_csv(data / "census_employment_by_industry_2010_2020.csv", dtype={"adcode": str})


@pytest.fixture(scope="session")
def emp2020(census) -> pd.DataFrame:
    """Census employment by sector, 2020 (units × sectors) from :func:`census` ."""
    from indicators.sector import census_sector_matrix

    return census_sector_matrix(census, 2020)
