"""The NumPy ports of mapclassify's schemes and inequality's Gini give the libraries' results, bit for bit,
and serving the search never imports pypinyin."""

from __future__ import annotations

import subprocess
import sys
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from indicators import classify, disparity

mapclassify = pytest.importorskip("mapclassify")
inequality_gini = pytest.importorskip("inequality.gini")

REFERENCE = {
    "quantiles": lambda x, k: mapclassify.Quantiles(x, k=k).bins,
    "fisher_jenks": lambda x, k: mapclassify.FisherJenks(x, k=k).bins,
    "equal_interval": lambda x, k: mapclassify.EqualInterval(x, k=k).bins,
}
values = arrays(
    np.float64,
    st.integers(1, 60),
    elements=st.one_of(st.floats(-1e12, 1e12, allow_nan=False), st.sampled_from([0.0, 1.0, 2.5, -3.0])),
)


def outcome(f, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return "ok", np.asarray(f(*args), dtype=float).tobytes()
        except ValueError as exc:
            return "error", str(exc)


@pytest.mark.parametrize("scheme", sorted(REFERENCE))
@settings(max_examples=150, deadline=None, derandomize=True)
@given(x=values, k=st.integers(1, 9))
def test_classify_schemes_match_mapclassify(scheme, x, k):
    assert outcome(classify.SCHEMES[scheme], x, k) == outcome(REFERENCE[scheme], x, k)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(x=values, breaks=st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=5, unique=True).map(sorted))
def test_classify_user_defined_matches_mapclassify(x, breaks):
    expected = outcome(lambda: mapclassify.UserDefined(x, bins=list(breaks)).bins)
    assert outcome(classify.SCHEMES["user_defined"], x, tuple(breaks)) == expected


def test_classify_schemes_match_mapclassify_on_the_store():
    from indicators import store

    s = store.load_store()
    units = s[s.adcode.str[2:] != "0000"]
    for i, (_key, rows) in enumerate(units.groupby(["indicator", "year"])):
        x = rows["value"].dropna().to_numpy(dtype=float)
        # Fisher-Jenks takes 0.4 s a call: six of the groups (hypothesis covers it above)
        for scheme in ("quantiles", "equal_interval") + (("fisher_jenks",) if i % 100 == 0 else ()):
            for k in (3, 5, 9):
                assert outcome(classify.SCHEMES[scheme], x, k) == outcome(REFERENCE[scheme], x, k)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(x=arrays(np.float64, st.integers(1, 80), elements=st.floats(0, 1e12)).filter(lambda a: a.sum() > 0))
def test_gini_unweighted_matches_inequality(x):
    assert disparity.gini(x) == float(inequality_gini.Gini(x.copy()).g)


def test_search_keys_after_warm_do_not_import_pypinyin():
    code = (
        "import sys; from geodata import layer, names; layer.warm(); "
        "names.search_units('yc', layer.units(), keys=names.build_search_keys(layer.units())); "
        "print('pypinyin' in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", "from geodata import layer; layer.warm()"], check=True)  # writes the table
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
