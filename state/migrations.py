"""Migrations of old links: ``MIGRATIONS[i]`` turns a version ``i`` link into version ``i + 1``.

Pure (standard library only); the legacy format is described in :mod:`state.parse`.
"""

from __future__ import annotations

from collections.abc import Callable

# --------------------------------------------------------------------------------------------------
# Migrations of old links
# --------------------------------------------------------------------------------------------------

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
