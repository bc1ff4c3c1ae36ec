"""Per-process caches of uploaded datasets: the default store, the map's unit index, loaded datasets.

Nothing is built at import; each cache fills on first use. A dataset's content is immutable; only its
take-down can make a loaded one stale, which is checked every :data:`RECHECK_S` seconds.
"""

from __future__ import annotations

import time
from functools import lru_cache

import pandas as pd

from userdata.county_match import CountyIndex, build_county_index
from userdata.indicator import dataset_indicator
from userdata.match import UnitIndex, build_unit_index
from userdata.store import DatasetStore

_DATASETS: dict[str, tuple] = {}
_CHECKED: dict[str, float] = {}
#: Seconds a loaded dataset is served before asking the store again whether it was taken down (a
#: removal through another worker or instance shows within this time; through this one at once).
RECHECK_S = 30.0


@lru_cache(maxsize=1)
def default_store() -> DatasetStore:
    """The store of :func:`userdata.settings.settings`, one per process (connections are opened per
    operation)."""
    return DatasetStore.from_settings()


def county_unit_table() -> pd.DataFrame:
    """The units a county dataset is keyed by: the 2020 census units of
    :func:`indicators.county.county_units` (drawn or not), a copy."""
    return _county_unit_table().copy()


@lru_cache(maxsize=1)
def _county_unit_table() -> pd.DataFrame:
    from indicators.county import county_units

    units = county_units()
    return units[units["in_2020"]].reset_index(drop=True)


def units_at(level: str) -> pd.DataFrame:
    """The units a dataset of ``level`` is keyed by: the map layer's, or :func:`county_unit_table`."""
    from geodata import layer

    return county_unit_table() if level == "county" else layer.units()


@lru_cache(maxsize=1)
def default_county_index() -> CountyIndex:
    """The :func:`~userdata.county_match.build_county_index` of the 2020 county-level census units, with
    English prefecture and province names from the map layer, the boundary crosswalk and the 2010 codes
    whose territory is unchanged."""
    from geodata import layer
    from indicators.county.crosswalk import boundary_crosswalk, code_changes

    units = county_unit_table()
    prefectures = layer.units().set_index("adcode")
    for column, source in (("prefecture_en", "name_en"), ("province_en", "province_en")):
        units[column] = prefectures[source].reindex(units["prefecture_adcode"]).fillna("").to_numpy()
    pairs = code_changes()
    pairs = pairs[~pairs["territory_changed"] & (pairs["code_2010"] != "") & (pairs["code_2020"] != "")]
    return build_county_index(units, boundary_crosswalk(), pairs)


@lru_cache(maxsize=1)
def default_unit_index() -> UnitIndex:
    """The :func:`~userdata.match.build_unit_index` of the map layer's units, with the county-level
    units (:func:`default_county_index`) so that county files are recognised."""
    from geodata import layer

    return build_unit_index(layer.units(), default_county_index())


def forget(ds_id: str) -> None:
    """Drop ``ds_id`` from this process's cache (after it was taken down)."""
    _DATASETS.pop(ds_id, None)
    _CHECKED.pop(ds_id, None)


def dataset(ds_id: str):
    """An uploaded dataset as ``(Indicator, {(column, year): Series})``, or ``None`` when unknown.

    Found datasets are kept per process (their content is immutable) and their id is checked for a
    take-down every :data:`RECHECK_S` seconds; misses are not cached, so a dataset uploaded through
    another worker is found next time. A county dataset's series are indexed by :func:`county_unit_table`;
    ``Indicator.levels`` says which.
    """
    if not isinstance(ds_id, str):
        return None
    if ds_id in _DATASETS:
        if time.monotonic() - _CHECKED.get(ds_id, 0.0) < RECHECK_S:
            return _DATASETS[ds_id]
        try:
            live = default_store().status(ds_id) == "live"
        except Exception:  # noqa: BLE001 - a store that is down: keep serving what was loaded
            live = True
        if live:
            _CHECKED[ds_id] = time.monotonic()
            return _DATASETS[ds_id]
        forget(ds_id)
        return None
    try:
        record = default_store().get(ds_id)
    except Exception:  # noqa: BLE001 - a broken store (or a removed dataset) must not break the page
        return None
    if record is None:
        return None
    if len(_DATASETS) > 64:
        _DATASETS.clear()
    _DATASETS[ds_id] = loaded = dataset_indicator(record, units_at(record.level))
    _CHECKED[ds_id] = time.monotonic()
    return loaded
