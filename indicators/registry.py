"""The typed indicator registry: one frozen dataclass per indicator.

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


@dataclass(frozen=True)
class Indicator:
    """Metadata of one map indicator.

    ``years`` are the years for which the tables hold values (some units may still be missing);
    ``formula`` is empty for figures taken as published and states the computation otherwise.
    ``palette`` names a ColorBrewer/viridis scheme; ``diverging`` indicators are signed and
    classed symmetrically around ``0``. ``aggregation`` (one of :data:`AGGREGATIONS`) and
    ``aggregation_note`` state how province and national values are formed.
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

    @property
    def latest_year(self) -> int:
        return max(self.years)


REGISTRY: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    """Add ``indicator`` to :data:`REGISTRY`; a duplicate key raises ``ValueError``."""
    if indicator.key in REGISTRY:
        raise ValueError(f"duplicate indicator key {indicator.key!r}")
    REGISTRY[indicator.key] = indicator
    return indicator


def get_indicator(key: str) -> Indicator:
    """Look up an indicator; an unknown key raises ``ValueError`` naming the valid keys."""
    try:
        return REGISTRY[key]
    except (KeyError, TypeError):
        raise ValueError(f"unknown indicator {key!r}; valid keys: {', '.join(sorted(REGISTRY))}") from None


# The first entry: the foundation's figure. indicators.catalog adds the rest.
register(
    Indicator(
        key="pop_resident",
        family="population",
        label_zh="常住人口",
        label_en="Resident population",
        description_en="Census resident population (常住人口) on 1 November of the census year.",
        description_zh="人口普查常住人口（普查标准时点11月1日）。",
        unit_zh="万人",
        unit_en="10,000 persons",
        decimals=1,
        source_en="NBS population censuses 2010 and 2020, via Dong et al. (leiii/census, MIT)",
        source_zh="国家统计局第六、七次人口普查，经 Dong 等整理（leiii/census，MIT）",
        source_table="population_census_2010_2020.csv: pop_resident_10k",
        years=(2010, 2020),
        direction="neutral",
        palette="YlGnBu",
        aggregation="sum",
        aggregation_note=(
            "Province and national values are the census yearbook full counts of the province rows of "
            "census_migration_hukou_elsewhere_2010_2020.csv (pop_census_persons); national = sum of the 31 "
            "provinces. They can differ slightly from the sum of the bulletin figures of the prefectures."
        ),
    )
)

# The other entries live in indicators.catalog, which registers them on import. Imported last so that
# ``Indicator`` and ``register`` exist when the catalog needs them (either module may be imported first).
import indicators.catalog  # noqa: E402,F401
