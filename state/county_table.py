"""The comparison table at county level (``level=county``, issues 13 and 18): :data:`COUNTY`, the
:class:`indicators.table.TableLevel` that plugs the county units and values into the one table of
:mod:`indicators.table` (the tab, the column picker and ``/api/table.csv?level=county`` use it).

* rows: the selected drawn counties, named "county" with "prefecture · province" beside them, as the
  county ranking does (:func:`state.county_display.census_units`); ranks and classes over the drawn counties,
  as the county map's classes and the side panel's ranks;
* references: each county's prefecture, its province and the nation — the same indicator's published
  figures at those levels (:func:`indicators.county.published_references`, as the county compare
  chart). An indicator the prefecture level does not publish (years of schooling, illiteracy, …) has
  empty reference cells, and the tab says so; a municipality's districts have no prefecture row (the
  province row is the same unit).
"""

from __future__ import annotations

import pandas as pd

from indicators.registry import COUNTY_REGISTRY, REGISTRY
from indicators.table import NATION_NAMES, ComparisonTable, Reference, TableLevel, national_reader, prefecture_names
from layouts.i18n import t

#: The county table's opening columns: residents, urbanisation, migrants from other provinces and from
#: other counties of the province, schooling, manufacturing's share of employment.
COUNTY_DEFAULT_COLUMNS = (
    "pop_resident",
    "urbanisation_rate",
    "migrants_other_prov_pct",
    "migrants_other_county_pct",
    "avg_schooling_years",
    "census_emp_share_manuf",
)


def table_units() -> pd.DataFrame:
    """The drawn counties by adcode: names, ``province_zh/en`` = "prefecture · province", the prefecture's
    and the province's codes (the units a county table may hold; only drawn counties can be selected)."""
    from state.county_display import census_units

    u = census_units()
    return u[u["drawable"]]


def _reference_reader(position: int):
    def read(key: str, year: int) -> pd.Series:
        from indicators.county import published_references

        refs = published_references(key, year)
        return pd.Series(dtype=float) if refs is None else refs[position]

    return read


def _nation_of(key: str, year: int) -> float:
    from indicators.county import published_references

    refs = published_references(key, year)
    return float("nan") if refs is None else refs[2]


def _county_data():
    from indicators.county import county_values

    names = prefecture_names()
    provinces = {c: n for c, n in names.items() if c.endswith("0000")}
    return county_values, (
        Reference("prefecture", "prefecture_adcode", names, _reference_reader(0), skip_if_same_as="province_adcode"),
        Reference("province", "province_adcode", provinces, _reference_reader(1)),
        Reference("nation", None, NATION_NAMES, national_reader(_nation_of)),
    )


#: The county level of the comparison table.
COUNTY = TableLevel(
    "county",
    COUNTY_REGISTRY,
    COUNTY_DEFAULT_COLUMNS,
    table_units,
    _county_data,
    catalog="/api/indicators?level=county",
    reference_registry=REGISTRY,  # the references are the prefecture registry's figures
)


def reference_notes(table: ComparisonTable, lang: str) -> list[str]:
    """The county table's notices: the columns without a published prefecture / province / national
    figure (their reference cells are empty, never computed here)."""
    refs = table.long[table.long["kind"] != "unit"]
    lacking = [c for c in table.columns if refs.loc[refs["indicator"] == c.key, "value"].isna().all()]
    if not lacking:
        return []
    labels = ", ".join((c.indicator.label_zh if lang == "zh" else c.indicator.label_en) for c in lacking)
    return [t("table_county_refs_missing", lang).format(labels=labels)]
