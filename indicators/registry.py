"""The typed indicator registry: one frozen dataclass per indicator.

A leaf module: it imports nothing of the project. The entries are declared, with their recipes, by
the family modules of :mod:`indicators.families`, which the ``indicators`` package imports, so the
registry is full whenever any ``indicators`` module has been imported.

Examples
--------
>>> get_indicator("pop_resident").unit_en
'10,000 persons'
>>> get_indicator("nope")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
ValueError: unknown indicator 'nope'; valid keys: ...
"""

from __future__ import annotations

from dataclasses import dataclass, field

FAMILIES = {
    "employment": ("就业", "Employment"),
    "migrant": ("流动人口与农民工", "Migrant workers"),
    "economy": ("经济", "Economy"),
    "population": ("人口", "Population"),
    "sector": ("产业潜力", "Sector potential"),
    "user": ("用户数据", "User data"),
}
DIRECTIONS = ("higher_better", "higher_worse", "neutral")
CLASSIFICATIONS = ("quantiles", "fisher_jenks", "equal_interval", "user_defined")
#: How unit values combine into province and national values (see :mod:`indicators.store`):
#: ``sum`` (counts; given only when every unit has a value), ``ratio`` (ratio of summed numerator and
#: denominator over the units having both), ``median`` (median of unit values), ``none`` (not meaningful).
AGGREGATIONS = ("sum", "ratio", "median", "none")
#: Levels at which an indicator can exist: the prefecture-level map (default) and the county level.
LEVELS = ("prefecture", "county")


@dataclass(frozen=True)
class Indicator:
    """Metadata of one map indicator.

    ``years`` are the years for which the tables hold values (some units may still be missing);
    ``formula`` is empty for figures taken as published and states the computation otherwise.
    ``palette`` names a ColorBrewer/viridis scheme; ``diverging`` indicators are signed and
    classed symmetrically around ``0``. ``aggregation`` (one of :data:`AGGREGATIONS`) and
    ``aggregation_note`` state how province and national values are formed. ``higher_en`` /
    ``higher_zh`` say in plain words what a higher value means (the legend's "Higher = …" line, e.g.
    "more residents from other provinces"); empty for uploads, which then show no such line.
    """

    key: str
    family: str
    label_zh: str
    label_en: str
    description_en: str
    description_zh: str
    unit_zh: str
    unit_en: str
    decimals: int
    source_en: str
    source_zh: str
    source_table: str
    years: tuple[int, ...]
    formula: str = ""
    direction: str = "neutral"
    classification: str = "quantiles"
    palette: str = "YlGnBu"
    diverging: bool = False
    caveat_en: str = ""
    caveat_zh: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)
    aggregation: str = "none"
    aggregation_note: str = ""
    levels: tuple[str, ...] = ("prefecture",)
    higher_en: str = ""
    higher_zh: str = ""

    def __post_init__(self) -> None:
        if self.family not in FAMILIES:
            raise ValueError(f"{self.key}: unknown family {self.family!r}; valid: {sorted(FAMILIES)}")
        if self.direction not in DIRECTIONS:
            raise ValueError(f"{self.key}: unknown direction {self.direction!r}; valid: {DIRECTIONS}")
        if self.classification not in CLASSIFICATIONS:
            raise ValueError(f"{self.key}: unknown classification {self.classification!r}; valid: {CLASSIFICATIONS}")
        if not self.years:
            raise ValueError(f"{self.key}: no years")
        if self.aggregation not in AGGREGATIONS:
            raise ValueError(f"{self.key}: unknown aggregation {self.aggregation!r}; valid: {AGGREGATIONS}")
        if not self.levels or not set(self.levels) <= set(LEVELS):
            raise ValueError(f"{self.key}: levels {self.levels!r} must be among {LEVELS}")

    @property
    def latest_year(self) -> int:
        return max(self.years)

    def has_year(self, year) -> bool:
        """``True`` when ``year`` is an integral value among :attr:`years` (anything else: ``False``)."""
        try:
            return int(year) == year and int(year) in self.years
        except (TypeError, ValueError):
            return False


def years_text(years: tuple[int, ...]) -> str:
    """Years for a message: a run of three or more as ``first–last``, otherwise comma-separated.

    Examples
    --------
    >>> years_text((2000, 2001, 2002)), years_text((2010, 2020))
    ('2000–2002', '2010, 2020')
    """
    ys = sorted(years)
    if len(ys) > 2 and ys == list(range(ys[0], ys[-1] + 1)):
        return f"{ys[0]}–{ys[-1]}"
    return ", ".join(str(y) for y in ys)


REGISTRY: dict[str, Indicator] = {}
#: The county-level entries (:mod:`indicators.families.county`), keyed like :data:`REGISTRY`: a key
#: in both is the same indicator at two levels (each entry with its own source, unit and years).
COUNTY_REGISTRY: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    """Add ``indicator`` to :data:`REGISTRY`; a duplicate key raises ``ValueError``."""
    if indicator.key in REGISTRY:
        raise ValueError(f"duplicate indicator key {indicator.key!r}")
    REGISTRY[indicator.key] = indicator
    return indicator


def register_county(indicator: Indicator) -> Indicator:
    """Add a county-level entry to :data:`COUNTY_REGISTRY`; a duplicate key raises ``ValueError``."""
    if indicator.key in COUNTY_REGISTRY:
        raise ValueError(f"duplicate county indicator key {indicator.key!r}")
    if "county" not in indicator.levels:
        raise ValueError(f"{indicator.key}: a county entry must list 'county' in its levels")
    COUNTY_REGISTRY[indicator.key] = indicator
    return indicator


def get_indicator(key: str) -> Indicator:
    """Look up an indicator; an unknown key raises ``ValueError`` naming the valid keys."""
    try:
        return REGISTRY[key]
    except (KeyError, TypeError):
        raise ValueError(f"unknown indicator {key!r}; valid keys: {', '.join(sorted(REGISTRY))}") from None


def indicator_for_year(key, year, error: type[LookupError] = LookupError, hint: str = "") -> Indicator:
    """The entry of ``key`` when ``year`` is one of its years; otherwise ``error`` (a ``LookupError``).

    Parameters
    ----------
    key, year
        A registry key and a year; anything else raises ``error``.
    error : type
        The ``LookupError`` subclass raised (each caller's own, which its web layer turns into a 404).
    hint : str
        Appended to the message of an unknown key (e.g. where the valid keys are listed).

    Examples
    --------
    >>> indicator_for_year("nope", 2020, hint="; see the list")
    Traceback (most recent call last):
    ...
    LookupError: unknown indicator 'nope'; see the list
    """
    ind = REGISTRY.get(key) if isinstance(key, str) else None
    if ind is None:
        raise error(f"unknown indicator {key!r}{hint}")
    if not ind.has_year(year):
        raise error(f"indicator {key!r} has no year {year!r} (years: {years_text(ind.years)})")
    return ind
