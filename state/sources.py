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


def resolve(key: str):
    """The indicator for ``key``: a registry entry, or ``ds_<id>`` for an uploaded dataset.

    Raises ``ValueError`` (listing the registry's keys) when neither exists.
    """
    if isinstance(key, str) and key.startswith("ds_"):
        loaded = dataset(key[3:])
        if loaded is not None:
            return loaded[0]
    return get_indicator(key)


def values_for(key: str, year: int) -> pd.Series:
    """Values by adcode of a registry indicator or of an uploaded dataset's first column."""
    if key.startswith("ds_"):
        ind, series = dataset(key[3:])
        column = next(c for c in ind.tags[1:])
        return series.get((column, year), pd.Series(dtype=float))
    return store.indicator_values(key, year)


def flags_for(key: str, year: int) -> pd.Series:
    return pd.Series(dtype=object) if key.startswith("ds_") else store.indicator_flags(key, year)


def indicators_in_order(ds: str | None = None):
    """The registry's indicators, plus the uploaded dataset's when ``ds`` names one."""
    loaded = dataset(ds) if ds else None
    return list(REGISTRY.values()) + ([loaded[0]] if loaded is not None else [])


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
