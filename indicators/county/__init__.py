"""The county level: units, indicator catalog and values (the API the map and the web routes use).

* :func:`county_units` — every county-level unit (boundary code after the crosswalk, names, prefecture,
  province, kind, whether it can be drawn);
* :func:`county_catalog` — the county indicators as plain dicts;
* :func:`county_values` / :func:`county_flags` — one indicator-year as a Series indexed by unit code;
* :func:`not_drawn_summary` — how many units and residents of a year the map cannot draw;
* :func:`published_references` — the same indicator's published prefecture, province and national
  figures (the references of the county compare chart and table).

Examples
--------
>>> v = county_values("migrants_other_prov_pct", 2020)
>>> round(float(v["640104"]), 1), round(float(v["640522"]), 1)
(21.9, 0.9)
>>> round(float(county_values("census_emp_share_manuf", 2020)["640205"]), 1)
31.5
>>> county_values("gdp", 2020)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
ValueError: unknown county indicator 'gdp'; valid keys: ...
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from indicators.county.units import county_english_name, county_frame, county_units, not_drawn_summary
from indicators.families.county import COUNTY_RECIPES
from indicators.registry import COUNTY_REGISTRY, REGISTRY, Indicator, years_text

__all__ = [
    "county_catalog",
    "county_record",
    "county_english_name",
    "county_flags",
    "county_frame",
    "county_indicator",
    "county_units",
    "county_values",
    "not_drawn_summary",
    "published_references",
]


def county_indicator(key: str, year: int | None = None) -> Indicator:
    """The county entry of ``key``; ``ValueError`` (naming the valid keys or years) for an unknown key or year."""
    ind = COUNTY_REGISTRY.get(key) if isinstance(key, str) else None
    if ind is None:
        raise ValueError(f"unknown county indicator {key!r}; valid keys: {', '.join(COUNTY_REGISTRY)}")
    if year is not None and not ind.has_year(year):
        raise ValueError(f"county indicator {key!r} has no year {year!r} (years: {years_text(ind.years)})")
    return ind


def county_catalog() -> list[dict]:
    """One dict per county indicator: ``key, label_zh, label_en, unit_zh, unit_en, years, source, formula,
    family`` plus ``decimals, caveat_en, caveat_zh, levels, direction, palette, diverging``."""
    return [county_record(ind) for ind in COUNTY_REGISTRY.values()]


def county_record(ind: Indicator) -> dict:
    """The plain dict of one indicator in :func:`county_catalog` (also an uploaded county dataset's): the
    registry's record (:func:`indicators.export.indicator_record`) with the caveats and the palette."""
    from indicators.export import indicator_record

    return {**indicator_record(ind), "caveat_en": ind.caveat_en, "caveat_zh": ind.caveat_zh, "palette": ind.palette}


@lru_cache(maxsize=64)
def _computed(key: str, year: int) -> tuple[pd.Series, pd.Series]:
    values, notes = COUNTY_RECIPES[key](year)
    values = values.astype(float).rename(key)
    values.index.name = "adcode"
    notes = notes.reindex(values.index).fillna("").astype(object).rename("flag")
    return values, notes


def county_values(key: str, year: int) -> pd.Series:
    """Values of one county indicator and year, indexed by unit code (float, ``NaN`` where missing); a copy."""
    county_indicator(key, year)
    return _computed(key, int(year))[0].copy()


def county_flags(key: str, year: int) -> pd.Series:
    """Notes of one county indicator and year (``""`` where none), aligned with :func:`county_values`."""
    county_indicator(key, year)
    return _computed(key, int(year))[1].copy()


def published_references(key: str, year: int) -> tuple[pd.Series, pd.Series, float] | None:
    """``(prefecture values by prefecture code, province values by province code, national value)`` of
    the prefecture registry's indicator of the same key and year (the same census figures, published at
    those levels), or ``None`` when the prefecture level has no such indicator-year: then a county has no
    reference, never one computed here. The national value is ``NaN`` when the store has none.

    >>> pref, prov, nation = published_references("migrants_other_prov_pct", 2020)
    >>> round(float(pref["640100"]), 1) > 0, round(float(prov["640000"]), 1) > 0, nation > 0
    (True, True, True)
    >>> published_references("avg_schooling_years", 2020) is None
    True
    """
    ind = REGISTRY.get(key) if isinstance(key, str) else None
    if ind is None or not ind.has_year(year):
        return None
    from indicators import store_index

    values_of, province_of, nation_of = store_index.readers()
    return values_of(key, year), province_of(key, year), nation_of(key, year)
