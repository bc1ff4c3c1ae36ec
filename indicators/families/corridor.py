"""The corridor indicators (prefecture level), derived from the Spring-Festival city pairs.

Six indicators, each declared from :data:`indicators.corridor_indicators.DERIVED` (metadata with formula,
unit and caveat beside the function computing it): for the 2020 pre-festival outflow and the 2021 return-wave
inflow, the share that crosses a province border, the Herfindahl concentration of the partner shares and the
largest partner's share. The index figures behind them are Baidu index points, never persons.

Examples
--------
>>> from indicators.registry import get_indicator
>>> ind = get_indicator("sf2020_pre_out_partner_hhi")
>>> ind.family, ind.years, ind.unit_en
('migrant', (2020,), 'index (0–1)')
>>> "not persons" in ind.caveat_en and "fallback" in ind.caveat_en
True
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from indicators.corridor_indicators import DERIVED, derived_values
from indicators.families.common import declare
from indicators.recipes import Recipe, rows
from indicators.tables import Tables

#: The registry fields of a :data:`DERIVED` entry (the rest, ``function`` and ``arguments``, say how to compute).
_FIELDS = (
    "family",
    "label_zh",
    "label_en",
    "description_en",
    "description_zh",
    "unit_zh",
    "unit_en",
    "decimals",
    "source_en",
    "source_zh",
    "years",
    "formula",
    "direction",
    "higher_en",
    "higher_zh",
    "palette",
    "aggregation",
    "aggregation_note",
    "caveat_en",
    "caveat_zh",
)


def _recipe(key: str) -> Callable[[Tables], pd.DataFrame]:
    """Rows of one derived indicator: one per unit of the corridor table, in the indicator's one year."""

    def compute(t: Tables) -> pd.DataFrame:
        values = derived_values(key)
        year = DERIVED[key]["years"][0]
        frame = pd.DataFrame({"adcode": values.index.astype(str), "year": year})
        return rows(frame, values.to_numpy(), level="unit")

    return compute


for _key, _spec in DERIVED.items():
    _window, _direction = _spec["arguments"]["window"], _spec["arguments"]["direction"]
    _side = "index_from_origin, else index_from_dest" if _direction == "out" else "index_from_dest, else index_from_origin"
    declare(
        Recipe(_recipe(_key)),
        key=_key,
        table="baidu_corridors",
        columns=f"window {_window}, direction {_direction} ({_side})",
        **{name: _spec[name] for name in _FIELDS},
    )
