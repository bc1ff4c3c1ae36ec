"""Per-process caches of uploaded datasets: the default store, the map's unit index, loaded datasets.

Nothing is built at import; each cache fills on first use. Datasets are immutable (the id is their
content hash), so a loaded one never goes stale.
"""

from __future__ import annotations

from functools import lru_cache

from userdata.indicator import dataset_indicator
from userdata.match import UnitIndex, build_unit_index
from userdata.store import DatasetStore

_DATASETS: dict[str, tuple] = {}


@lru_cache(maxsize=1)
def default_store() -> DatasetStore:
    """The store of :func:`userdata.settings.settings`, one per process (connections are opened per
    operation)."""
    return DatasetStore.from_settings()


@lru_cache(maxsize=1)
def default_unit_index() -> UnitIndex:
    """The :func:`~userdata.match.build_unit_index` of the map layer's units."""
    from geodata import layer

    return build_unit_index(layer.units())


def dataset(ds_id: str):
    """An uploaded dataset as ``(Indicator, {(column, year): Series})``, or ``None`` when unknown.

    Found datasets are kept per process (they are immutable: the id is their content hash);
    misses are not cached, so a dataset uploaded through another worker is found next time.
    """
    from geodata import layer

    if not isinstance(ds_id, str):
        return None
    if ds_id in _DATASETS:
        return _DATASETS[ds_id]
    try:
        record = default_store().get(ds_id)
    except Exception:  # noqa: BLE001 - a broken store must not break the page
        return None
    if record is None:
        return None
    if len(_DATASETS) > 64:
        _DATASETS.clear()
    _DATASETS[ds_id] = loaded = dataset_indicator(record, layer.units())
    return loaded
