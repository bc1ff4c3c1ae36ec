"""Every indicator of the registry, one module per family: metadata and recipe declared side by side.

Importing this package registers every indicator in :data:`indicators.registry.REGISTRY` and its
recipe in :data:`indicators.recipes.RECIPES` (:func:`indicators.families.common.declare`), in the
order below: ``pop_resident`` first, then population, migrant, employment, economy and sector. The
``indicators`` package imports it, so any import of an ``indicators`` module sees the full registry.

Examples
--------
>>> KEYS[0], KEYS[-1]
('pop_resident', 'lq_va_tertiary')
"""

from __future__ import annotations

# The import order is the registry order; isort must not sort these lines.
# isort: off
from indicators.families import population  # noqa: F401
from indicators.families import migrant  # noqa: F401
from indicators.families import employment  # noqa: F401
from indicators.families import economy  # noqa: F401
from indicators.families import sector_census  # noqa: F401
from indicators.families import sector_three  # noqa: F401
from indicators.families import county  # noqa: F401  (county entries: COUNTY_REGISTRY)

# isort: on
from indicators.registry import REGISTRY

#: Keys in registry order (``pop_resident`` first).
KEYS = tuple(REGISTRY)
