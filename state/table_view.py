"""What the table tab shows for one state: the comparison table of the selection (data through
:mod:`indicators.table`, components through :mod:`layouts.charts.table`), at either level: the
``level`` argument is the :class:`~indicators.table.TableLevel` (prefecture by default; the county
level is :data:`state.county_table.COUNTY`). Used by the chart tab builders and the column picker's
callback.
"""

from __future__ import annotations

from indicators.table import PREFECTURE, TableLevel, comparison_table
from layouts.charts.table import downloads, grid_body, table_tab
from layouts.i18n import t


def table_keys(cols, level: TableLevel = PREFECTURE) -> tuple[tuple[str, ...], tuple[str, ...], list[str]]:
    """``(columns shown, columns the URL names, left-out keys)`` of ``cols`` (``"a~b"`` text or a list):
    keys of the level's registry only (uploaded data cannot be a column); none: the default columns.

    >>> table_keys("gdp~ds_x~avg_wage"), table_keys(None)[1]
    ((('gdp', 'avg_wage'), ('gdp', 'avg_wage'), ['ds_x']), ())
    """
    if isinstance(cols, str):
        items = cols.split("~")
    else:  # a list from the picker; anything else (a malformed callback payload) is no columns
        items = [c for c in cols if isinstance(c, str)] if isinstance(cols, list | tuple) else []
    items = [c for c in dict.fromkeys(items) if c]
    keys = tuple(c for c in items if c in level.registry)
    left_out = [c for c in items if c not in level.registry]
    if not keys or keys == level.default_columns:
        return level.default_columns, (), left_out
    return keys, keys, left_out


def table_content(sel, ind, year, lang, notes, cols=None, level: TableLevel = PREFECTURE, table_notes=None):
    """The table tab for the selection ``sel`` at the map's ``year`` with the columns ``cols``;
    ``table_notes(table, lang)``: the level's notes about the drawn columns (shown above the grid)."""
    keys, url_keys, left_out = table_keys(cols, level)
    if left_out:
        notes = [*notes, t("table_ignored_cols", lang).format(keys=", ".join(k[:20] for k in left_out[:5]))]
    table = comparison_table(sel, keys, year, level) if sel else None
    body_notes = table_notes(table, lang) if table is not None and table_notes is not None else ()
    return table_tab(table, keys, lang, notes, url_keys, level, body_notes)


def table_update(sel, cols, year, lang, level: TableLevel = PREFECTURE, table_notes=None):
    """``(grid with its notes, download links)`` after a change of the columns."""
    keys, url_keys, _left_out = table_keys(cols, level)
    if not sel:
        return None, None
    table = comparison_table(sel, keys, year, level)
    body_notes = table_notes(table, lang) if table_notes is not None else ()
    return grid_body(table, lang, body_notes), downloads(table.codes, url_keys, table.year, lang, table.level)
