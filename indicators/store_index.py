"""The indicator store split once by indicator and year, for readers that ask for many slices.

:func:`indicators.store.indicator_values` filters the whole store (about 200,000 rows) with a boolean
mask on every call (~30 ms each); the comparison table and the locality brief ask for dozens of
slices per request. :func:`slices` groups the store once per loaded store frame (the frame is cached
per file by :func:`indicators.store.load_store`, so this is once per process and store build) and
the readers here return the same Series as the store's own queries.

Examples
--------
>>> from indicators import store
>>> values_of, province_of, nation_of = readers()
>>> values_of("gdp", 2020).equals(store.indicator_values("gdp", 2020))
True
>>> province_of("gdp", 2020).equals(store.province_values("gdp", 2020)), nation_of("pop_resident", 2020) == store.national_value("pop_resident", 2020)
(True, True)
"""

from __future__ import annotations

import pandas as pd

from indicators.registry import get_indicator

_CACHE: dict[int, tuple[pd.DataFrame, dict]] = {}


def slices(store_frame: pd.DataFrame | None = None) -> dict[tuple[str, int], pd.Series]:
    """``{(indicator, year): values indexed by adcode}`` of a store frame (default: the loaded store)."""
    from indicators import store

    frame = store.load_store() if store_frame is None else store_frame
    hit = _CACHE.get(id(frame))
    if hit is not None and hit[0] is frame:
        return hit[1]
    groups = {
        (str(key), int(year)): part.set_index("adcode")["value"].astype("float64")
        for (key, year), part in frame.groupby(["indicator", "year"], sort=False)
    }
    _CACHE.clear()  # one store at a time (a rebuilt store replaces the old one)
    _CACHE[id(frame)] = (frame, groups)
    return groups


def readers(store_frame: pd.DataFrame | None = None):
    """``(values_of, province_of, nation_of)`` like the store's ``indicator_values``, ``province_values``
    and ``national_value``, from :func:`slices` (the store is looked up once, here)."""
    from indicators import store

    groups = slices(store_frame)

    def _part(key: str, year: int) -> pd.Series:
        ind = get_indicator(key)
        if not ind.has_year(year):
            raise ValueError(f"indicator {key!r} has no year {year!r}; valid years: {', '.join(map(str, ind.years))}")
        return groups.get((key, int(year)), pd.Series(dtype="float64"))

    def values_of(key: str, year: int) -> pd.Series:
        return _part(key, year).reindex(store._map_index()).astype("float64").rename(key)

    def province_of(key: str, year: int) -> pd.Series:
        return _part(key, year).reindex(store._province_index()).astype("float64").rename(key)

    def nation_of(key: str, year: int) -> float:
        part = _part(key, year)
        return float(part[store.NATIONAL_CODE]) if store.NATIONAL_CODE in part.index else float("nan")

    return values_of, province_of, nation_of


_MATRIX: dict[int, tuple[pd.DataFrame, pd.DataFrame]] = {}


def unit_matrix(store_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Map units x ``(indicator, year)`` values (rows in the map's order, ``NaN`` where missing), built once
    per loaded store frame with one pivot.

    >>> m = unit_matrix()
    >>> m[("gdp", 2020)].equals(indicator_values_like("gdp", 2020))
    True
    """
    from indicators import store

    frame = store.load_store() if store_frame is None else store_frame
    hit = _MATRIX.get(id(frame))
    if hit is not None and hit[0] is frame:
        return hit[1]
    index = store._map_index()
    rows = frame[frame["adcode"].isin(index)]
    wide = rows.pivot(index="adcode", columns=["indicator", "year"], values="value").astype("float64")
    wide = wide.reindex(index)
    _MATRIX.clear()
    _MATRIX[id(frame)] = (frame, wide)
    return wide


def indicator_values_like(key: str, year: int) -> pd.Series:
    """:func:`indicators.store.indicator_values` without the name (for the example above)."""
    from indicators import store

    return store.indicator_values(key, year).rename((key, year))
