"""Spatial autocorrelation of a map indicator: Queen contiguity, global Moran's I, LISA clusters.

Thin, deterministic wrappers around libpysal and esda that speak adcodes: weights are built from a
GeoDataFrame keyed by ``adcode``, values are Series indexed by adcode, results are dicts and Series
indexed by adcode. Inputs are never modified (esda row-standardises the W it is given in place, so
the functions work on a copy).

Examples
--------
>>> from libpysal.weights import lat2W
>>> w = lat2W(3, 3, rook=False, id_type="string")
>>> values = pd.Series(range(9), index=w.id_order, dtype=float)
>>> round(morans_i(values, w, permutations=0)["I"], 4)
0.3556
"""

from __future__ import annotations

import copy
import math
import warnings
from contextlib import contextmanager

import numpy as np
import pandas as pd
from esda.moran import Moran, Moran_Local
from libpysal.cg import RADIUS_EARTH_KM
from libpysal.weights import KNN, Queen, W, w_subset

#: LISA label -> (label_zh, label_en). esda quadrant codes: 1 HH, 2 LH, 3 LL, 4 HL.
LISA_LABELS: dict[str, tuple[str, str]] = {
    "high-high": ("高-高集聚", "High-high cluster"),
    "low-low": ("低-低集聚", "Low-low cluster"),
    "high-low": ("高-低异常", "High-low outlier"),
    "low-high": ("低-高异常", "Low-high outlier"),
    "not significant": ("不显著", "Not significant"),
    "no neighbours": ("无邻接单元", "No neighbours"),
    "no data": ("无数据", "No data"),
}
_QUADRANT_LABELS = {1: "high-high", 2: "low-high", 3: "low-low", 4: "high-low"}
DEFAULT_SEED = 20240601
MIN_UNITS = 3


def _attach(w: W, gdf, ids: list) -> W:
    points = gdf.geometry.representative_point()
    coords = np.column_stack([points.x.to_numpy(), points.y.to_numpy()])
    crs = getattr(gdf, "crs", None)
    kwargs = {"radius": RADIUS_EARTH_KM} if crs is not None and crs.is_geographic else {}
    knn = KNN.from_array(coords, k=1, **kwargs)  # positional ids 0..n-1
    position = {uid: k for k, uid in enumerate(ids)}
    neighbors = {i: list(w.neighbors[i]) for i in w.id_order}
    weights = {i: list(w.weights[i]) for i in w.id_order}
    for island in w.islands:
        nearest = ids[knn.neighbors[position[island]][0]]
        for a, b in ((island, nearest), (nearest, island)):  # symmetric; islands may pair up
            if b not in neighbors[a]:
                neighbors[a].append(b)
                weights[a].append(1.0)
    return W(neighbors, weights, id_order=list(w.id_order), silence_warnings=True)


def _drop(w: W, gdf, ids: list) -> W:
    keep = [i for i in w.id_order if i not in set(w.islands)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return w_subset(w, keep)


def _keep(w: W, gdf, ids: list) -> W:
    return w


_ISLAND_METHODS = {"attach": _attach, "drop": _drop, "keep": _keep}


def queen_weights(gdf, id_col: str | None = "adcode", islands: str = "attach") -> W:
    """Queen contiguity weights (shared edge or vertex) between polygons, keyed by ``id_col``.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        One polygon or multipolygon per unit.
    id_col : str or None
        Column with the unit ids (unique); ``None`` uses the index.
    islands : {'attach', 'drop', 'keep'}
        What to do with units that touch no other unit (e.g. 三沙, Taiwan, Zhoushan-like island
        prefectures, depending on the boundary data), reported in a ``UserWarning`` naming them:

        * ``'attach'`` (default): link each island to its nearest unit (k = 1 nearest neighbour on
          representative points, great-circle distance when the CRS is geographic), both ways, so
          every unit takes part in Moran's I;
        * ``'drop'``: remove them from W (their LISA label becomes ``'no data'``);
        * ``'keep'``: leave them without neighbours (:func:`morans_i` and :func:`lisa_clusters`
          then drop them, labelled ``'no neighbours'``).

        Groups of units that touch each other but not the mainland (Hainan's counties) are not
        islands: they keep their Queen neighbours and form a separate connected component.

    Returns
    -------
    libpysal.weights.W
        Binary weights (transform ``'O'``), ``id_order`` in the row order of ``gdf``.

    Raises
    ------
    ValueError
        Unknown ``islands`` method (valid ones listed), or duplicate ids.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely import box
    >>> gdf = gpd.GeoDataFrame({"adcode": ["a", "b", "c"]},
    ...                        geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(5, 0, 6, 1)])
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     w = queen_weights(gdf)
    >>> w.neighbors["c"], str(caught[-1].message)
    (['b'], "1 unit(s) have no Queen neighbour: ['c']; attached to the nearest unit (k=1)")
    """
    if islands not in _ISLAND_METHODS:
        raise ValueError(f"unknown islands method {islands!r}; valid: {sorted(_ISLAND_METHODS)}")
    ids = list(gdf.index) if id_col is None else list(gdf[id_col])
    if len(set(ids)) != len(ids):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise ValueError(f"duplicate ids in {id_col or 'index'}: {dup[:10]}")
    with warnings.catch_warnings():
        # libpysal warns about islands and disconnected components itself; we report islands below.
        warnings.simplefilter("ignore")
        w = Queen.from_dataframe(gdf, ids=ids, use_index=False)
        found = list(w.islands)
        out = _ISLAND_METHODS[islands](w, gdf, ids) if found else w
    if found:
        action = {
            "attach": "attached to the nearest unit (k=1)",
            "drop": "dropped from W",
            "keep": "kept without neighbours",
        }[islands]
        warnings.warn(
            f"{len(found)} unit(s) have no Queen neighbour: {found[:20]}; {action}", UserWarning, stacklevel=2
        )
    return out


@contextmanager
def _seeded(seed: int | None):
    """Seed NumPy's global generator (esda.Moran draws from it) and restore its state afterwards."""
    if seed is None:  # unseeded: draw from (and advance) the global generator as usual
        yield
        return
    state = np.random.get_state()
    np.random.seed(seed)
    try:
        yield
    finally:
        np.random.set_state(state)


def _prepare(values: pd.Series, w: W) -> tuple[np.ndarray, W, list, list]:
    """Align values to ``w``; drop units without a value, then units left without neighbours.

    Returns the values, a row-standardised copy of W over the kept units, the ids without data and
    the ids without neighbours.
    """
    values = pd.Series(values, dtype=float)
    aligned = values.reindex(w.id_order)
    no_data = [i for i, v in zip(w.id_order, aligned.to_numpy(), strict=True) if not np.isfinite(v)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sub = w_subset(w, [i for i in w.id_order if i not in set(no_data)]) if no_data else copy.deepcopy(w)
        isolated = list(sub.islands)
        if isolated:
            sub = w_subset(sub, [i for i in sub.id_order if i not in set(isolated)])
        sub.transform = "r"
    return aligned.reindex(sub.id_order).to_numpy(), sub, no_data, isolated


def morans_i(values: pd.Series, w: W, permutations: int = 999, seed: int | None = DEFAULT_SEED) -> dict:
    r"""Global Moran's I of a map indicator (row-standardised weights), via :class:`esda.moran.Moran`.

    .. math:: I = \frac{n}{S_0} \frac{\sum_i \sum_j w_{ij} z_i z_j}{\sum_i z_i^2}

    Units of ``w`` with no value (NaN or absent from ``values``) are dropped, then units left without
    any neighbour; both are counted in ``n_dropped``. Values of units not in ``w`` are ignored.

    Parameters
    ----------
    values : Series
        Indexed by the ids of ``w`` (adcodes).
    w : libpysal.weights.W
        E.g. from :func:`queen_weights`; not modified.
    permutations : int
        Random permutations for the pseudo p-value (0 skips them).
    seed : int or None
        Seed for the permutations; the global NumPy state is restored afterwards.

    Returns
    -------
    dict
        ``I``, ``EI`` (= -1/(n-1)), ``z_sim``, ``p_sim`` (NaN without permutations), ``n``,
        ``n_dropped``. NaNs with a warning when fewer than 3 units remain or the values are constant.

    Examples
    --------
    >>> from libpysal.weights import lat2W
    >>> w = lat2W(4, 4, id_type="string")
    >>> checker = pd.Series([(i // 4 + i % 4) % 2 for i in range(16)], index=w.id_order, dtype=float)
    >>> round(morans_i(checker, w, permutations=99)["I"], 12)
    -1.0
    """
    y, sub, no_data, isolated = _prepare(values, w)
    out = {
        "I": math.nan,
        "EI": math.nan,
        "z_sim": math.nan,
        "p_sim": math.nan,
        "n": len(y),
        "n_dropped": len(no_data) + len(isolated),
    }
    if len(y) < MIN_UNITS or np.allclose(y, y[0]):
        warnings.warn(f"morans_i: {len(y)} usable unit(s) or constant values; returning NaN", UserWarning, stacklevel=2)
        return out
    with _seeded(seed), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        mi = Moran(y, sub, transformation="r", permutations=permutations)
    out.update(I=float(mi.I), EI=float(mi.EI))
    if permutations:
        out.update(z_sim=float(mi.z_sim), p_sim=float(mi.p_sim))
    return out


def local_morans(
    values: pd.Series,
    w: W,
    permutations: int = 999,
    alpha: float = 0.05,
    seed: int | None = DEFAULT_SEED,
) -> pd.DataFrame:
    """Local Moran's I (LISA) per unit via :class:`esda.moran.Moran_Local`, with cluster labels.

    Returns
    -------
    DataFrame
        Indexed by the ids of ``w`` (in ``w.id_order``): ``Is`` (local I), ``quadrant`` (esda code,
        1 HH, 2 LH, 3 LL, 4 HL), ``p_sim`` and ``label`` (a key of :data:`LISA_LABELS`): the quadrant
        when ``p_sim <= alpha``, else ``'not significant'``; ``'no data'`` for a missing value,
        ``'no neighbours'`` for a unit with no neighbour holding data. Deterministic for a given seed.
    """
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be in (0, 1), got {alpha}")
    y, sub, no_data, isolated = _prepare(values, w)
    out = pd.DataFrame(
        {"Is": math.nan, "quadrant": math.nan, "p_sim": math.nan, "label": "not significant"},
        index=pd.Index(w.id_order, name="adcode"),
    )
    out["label"] = out["label"].astype(object)
    out.loc[no_data, "label"] = "no data"
    out.loc[isolated, "label"] = "no neighbours"
    if len(y) < MIN_UNITS or np.allclose(y, y[0]):
        warnings.warn(
            f"local_morans: {len(y)} usable unit(s) or constant values; no clusters", UserWarning, stacklevel=2
        )
        return out
    with _seeded(seed), warnings.catch_warnings():  # esda reseeds NumPy's global generator
        warnings.simplefilter("ignore")
        lisa = Moran_Local(
            y, sub, transformation="r", permutations=permutations, seed=seed, n_jobs=1, keep_simulations=True
        )
    ids = sub.id_order
    out.loc[ids, "Is"] = lisa.Is
    out.loc[ids, "quadrant"] = lisa.q
    p = np.asarray(lisa.p_sim, dtype=float) if permutations else np.full(len(ids), np.nan)
    out.loc[ids, "p_sim"] = p
    significant = p <= alpha
    out.loc[ids, "label"] = [
        _QUADRANT_LABELS[int(q)] if sig else "not significant" for q, sig in zip(lisa.q, significant, strict=True)
    ]
    return out


def lisa_clusters(
    values: pd.Series,
    w: W,
    permutations: int = 999,
    alpha: float = 0.05,
    seed: int | None = DEFAULT_SEED,
) -> pd.Series:
    """LISA cluster label per unit: ``'high-high'``, ``'low-low'``, ``'high-low'``, ``'low-high'``,
    ``'not significant'``, ``'no data'`` (value missing) or ``'no neighbours'``.

    The label column of :func:`local_morans`; see there for the rules. Labels in zh/en are in
    :data:`LISA_LABELS`.

    Examples
    --------
    >>> from libpysal.weights import lat2W
    >>> w = lat2W(5, 5, rook=False, id_type="string")
    >>> hot = {"id6", "id7", "id8", "id11", "id12", "id13", "id16", "id17", "id18"}
    >>> values = pd.Series([10.0 if i in hot else 1.0 for i in w.id_order], index=w.id_order)
    >>> values["id0"] = None
    >>> labels = lisa_clusters(values, w)
    >>> labels["id12"], labels["id0"]
    ('high-high', 'no data')
    """
    labels = local_morans(values, w, permutations=permutations, alpha=alpha, seed=seed)["label"]
    labels.name = "lisa"
    return labels
