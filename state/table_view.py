"""What the table tab shows for one state: the comparison table of the selection (data through
:mod:`indicators.table`, components through :mod:`layouts.charts.table`). Used by the chart tab builder
and the column picker's callback.
"""

from __future__ import annotations

from indicators.registry import REGISTRY
from indicators.table import DEFAULT_COLUMNS, comparison_table
from layouts.charts.table import downloads, table_grid, table_tab
from layouts.i18n import t


def table_keys(cols) -> tuple[tuple[str, ...], tuple[str, ...], list[str]]:
    """``(columns shown, columns the URL names, left-out keys)`` of ``cols`` (``"a~b"`` text or a list):
    registry keys only (uploaded data cannot be a column); none: the default columns.

    >>> table_keys("gdp~ds_x~avg_wage"), table_keys(None)[1]
    ((('gdp', 'avg_wage'), ('gdp', 'avg_wage'), ['ds_x']), ())
    """
    if isinstance(cols, str):
        items = cols.split("~")
    else:  # a list from the picker; anything else (a malformed callback payload) is no columns
        items = [c for c in cols if isinstance(c, str)] if isinstance(cols, list | tuple) else []
    items = [c for c in dict.fromkeys(items) if c]
    keys = tuple(c for c in items if c in REGISTRY)
    left_out = [c for c in items if c not in REGISTRY]
    if not keys or keys == DEFAULT_COLUMNS:
        return DEFAULT_COLUMNS, (), left_out
    return keys, keys, left_out


def table_content(sel, ind, year, lang, notes, cols=None):
    """The table tab for the selection ``sel`` at the map's ``year`` with the columns ``cols``."""
    keys, url_keys, left_out = table_keys(cols)
    if left_out:
        notes = [*notes, t("table_ignored_cols", lang).format(keys=", ".join(k[:20] for k in left_out[:5]))]
    table = comparison_table(sel, keys, year) if sel else None
    return table_tab(table, keys, list(REGISTRY.values()), lang, notes, url_keys)


def table_update(sel, cols, year, lang):
    """``(grid, download links)`` after a change of the columns."""
    keys, url_keys, _left_out = table_keys(cols)
    if not sel:
        return None, None
    table = comparison_table(sel, keys, year)
    return table_grid(table, lang), downloads(table.codes, url_keys, table.year, lang)
