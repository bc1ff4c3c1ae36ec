"""Migrations of old links: ``MIGRATIONS[i]`` turns a version ``i`` link into version ``i + 1``.

Pure (standard library only); the current format is described in :mod:`state.parse`.

Legacy format (version 0)
-------------------------
Links made before the ``v`` parameter existed have no ``v`` and are read as version 0. They differ
from version 1 in three ways, all undone by the migration ``MIGRATIONS[0]``:

* ``ind=<key>`` instead of ``indicator=<key>``;
* ``codes=<adcode>,<adcode>,…`` (commas) instead of ``sel=<adcode>~<adcode>~…``;
* ``lang=cn`` for Chinese instead of ``lang=zh``.

``MIGRATIONS[i]`` turns a version ``i`` parameter list into version ``i + 1``; a link of version
``i`` goes through ``MIGRATIONS[i:]``. Notices after a migration name the current parameter
(``sel``, not ``codes``). Renamed indicators are handled separately, at every version, by
``ctx.indicator_aliases`` (``{old_key: new_key}``).
"""

from __future__ import annotations

from collections.abc import Callable

Pairs = list[tuple[str, str]]


def _migrate_v0_to_v1(pairs: Pairs) -> Pairs:
    """Version 0 → 1: ``ind`` → ``indicator``; ``codes`` (commas) → ``sel`` (``~``); ``lang=cn`` → ``zh``.

    Examples
    --------
    >>> _migrate_v0_to_v1([("ind", "gdp"), ("codes", "110100,120100"), ("lang", "cn")])
    [('indicator', 'gdp'), ('sel', '110100~120100'), ('lang', 'zh')]
    """
    migrated = []
    for key, value in pairs:
        if key == "ind":
            key = "indicator"
        elif key == "codes":
            key, value = "sel", value.replace(",", "~")
        elif key == "lang" and value == "cn":
            value = "zh"
        migrated.append((key, value))
    return migrated


#: ``MIGRATIONS[i]`` turns the decoded ``(key, value)`` pairs of a version ``i`` link into version
#: ``i + 1`` (the ``v`` pair itself is removed before). Append a function for each new version.
MIGRATIONS: list[Callable[[Pairs], Pairs]] = [_migrate_v0_to_v1]

#: Version written by :func:`write_query`.
CURRENT_VERSION = len(MIGRATIONS)
