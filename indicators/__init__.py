"""Pure indicator functions: tables in, Series indexed by admin code out. No Dash or Plotly.

Importing the package registers every indicator (:mod:`indicators.families`), so
``from indicators.registry import REGISTRY`` always gives the full registry.
"""

from indicators import families  # noqa: F401  (registers every indicator)
