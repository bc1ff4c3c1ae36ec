"""What an indicator key of the URL resolves to: a registry indicator or an uploaded dataset (``ds_<id>``),
with its values and flags by adcode; and the map's known unit codes.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from geodata import layer
from indicators import store
from indicators.registry import REGISTRY, get_indicator
from userdata.cache import dataset
from userdata.indicator import first_series


def resolve(key: str):
    """The indicator for ``key`` at prefecture level: a registry entry, or ``ds_<id>`` for an uploaded
    prefecture dataset (a county dataset is drawn at county level: :func:`state.county_display.county_indicator`).

    Raises ``ValueError`` (listing the registry's keys) when neither exists.
    """
    if isinstance(key, str) and key.startswith("ds_"):
        loaded = dataset(key[3:])
        if loaded is not None and "prefecture" in loaded[0].levels:
            return loaded[0]
    return get_indicator(key)


def values_for(key: str, year: int) -> pd.Series:
    """Values by adcode of a registry indicator or of an uploaded dataset's first column."""
    if key.startswith("ds_"):
        return first_series(dataset(key[3:]), year)
    return store.indicator_values(key, year)


def panel_for(key: str, years=None) -> pd.DataFrame:
    """Units x years values of a registry indicator or an uploaded dataset (default: all its years)."""
    if not key.startswith("ds_"):
        from indicators import compare

        return compare.indicator_panel(key, years)
    years = years_of(key) if years is None else years
    return pd.DataFrame({int(y): values_for(key, int(y)) for y in years})


def available_years(key: str) -> tuple[int, ...]:
    """Years with at least one map unit's value (an uploaded dataset: the years of its table)."""
    return years_of(key) if key.startswith("ds_") else store.available_years(key)


def disparity_for(key: str, year: int, base: int | None = None) -> tuple[dict, dict | None]:
    """``(report, change)`` of :mod:`indicators.disparity_report` for a registry indicator or an upload;
    ``change`` compares ``base`` with ``year`` (``None`` without a base)."""
    from indicators import disparity_report as dr

    if not key.startswith("ds_"):
        return dr.disparity_report(key, year), (dr.disparity_change(key, base, year) if base is not None else None)
    ind = resolve(key)
    report = dr.values_report(ind, year, values_for(key, year))
    change = None if base is None else dr.values_change(ind, base, values_for(key, base), year, values_for(key, year))
    return report, change


def flags_for(key: str, year: int) -> pd.Series:
    return pd.Series(dtype=object) if key.startswith("ds_") else store.indicator_flags(key, year)


def dataset_level(ds: str | None) -> str | None:
    """The level (``prefecture`` or ``county``) of the stored dataset ``ds``, ``None`` when there is none."""
    loaded = dataset(ds) if ds else None
    return loaded[0].levels[0] if loaded is not None else None


def indicators_in_order(ds: str | None = None):
    """The registry's indicators, plus the uploaded dataset's when ``ds`` names a prefecture dataset (a
    county dataset is offered at county level: :func:`web.county_page.indicators`)."""
    loaded = dataset(ds) if ds else None
    own = loaded is not None and "prefecture" in loaded[0].levels
    return list(REGISTRY.values()) + ([loaded[0]] if own else [])


def years_of(key: str) -> tuple[int, ...]:
    return tuple(resolve(key).years)


@lru_cache(maxsize=2)
def known_codes(include_counties: bool = False) -> frozenset[str]:
    """Codes a click may select: the prefecture layer's units, and with ``include_counties`` the drawn counties."""
    codes = frozenset(layer.units()["adcode"])
    if include_counties:
        from state.county_display import drawn_units

        codes |= frozenset(drawn_units().index)
    return codes
