"""Classification schemes on hand-checked series, degenerate input, diverging classes, palettes."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest

from indicators.classify import (
    NO_DATA_COLOR,
    PALETTES,
    SCHEMES,
    class_colors,
    classify,
    palette_colors,
)
from indicators.registry import REGISTRY


def series(*vals):
    return pd.Series([np.nan if v is None else float(v) for v in vals], index=[f"u{i}" for i in range(len(vals))])


def test_classify_quantiles_hand_checked():
    # percentiles of 1..6 at 33.3 % and 66.7 %: 1 + 5/3 and 1 + 10/3
    c = classify(series(1, 2, 3, 4, 5, 6, None), "quantiles", 3)
    assert c.bins == pytest.approx((8 / 3, 13 / 3, 6.0))
    assert c.counts == (2, 2, 2)
    assert c.n_missing == 1 and c.lower == 1.0
    assert c.classes.tolist() == [0, 0, 1, 1, 2, 2, pd.NA]
    assert str(c.classes.dtype) == "Int64"
    assert c.classes.index.tolist() == [f"u{i}" for i in range(7)]


def test_classify_fisher_jenks_finds_clusters():
    c = classify(series(1, 1, 2, 10, 11, 20, 21, 22), "fisher_jenks", 3)
    assert c.bins == (2.0, 11.0, 22.0)
    assert c.counts == (3, 2, 3)


def test_classify_equal_interval():
    c = classify(series(0, 1, 3, 5, 7, 10), "equal_interval", 5)
    assert c.bins == pytest.approx((2, 4, 6, 8, 10))
    assert c.classes.tolist() == [0, 0, 1, 2, 3, 4]


def test_classify_user_defined_adds_top_class_for_the_maximum():
    c = classify(series(1, 2, 3, 4, 5, 6), "user_defined", breaks=[2, 5])
    assert c.bins == (2.0, 5.0, 6.0)
    assert c.classes.tolist() == [0, 0, 1, 1, 1, 2]
    with pytest.raises(ValueError, match="needs breaks"):
        classify(series(1, 2), "user_defined")
    with pytest.raises(ValueError, match="strictly ascending"):
        classify(series(1, 2), "user_defined", breaks=[3, 2])


def test_classify_unknown_scheme_lists_valid_keys():
    with pytest.raises(ValueError, match="valid schemes: quantiles, fisher_jenks, equal_interval, user_defined"):
        classify(series(1, 2, 3), "natural_breaks", 3)
    assert set(SCHEMES) == {"quantiles", "fisher_jenks", "equal_interval", "user_defined"}


@pytest.mark.parametrize("k", [2, 10, 3.5, "5"])
def test_classify_rejects_k_outside_3_to_9(k):
    with pytest.raises(ValueError, match="k must be an integer from 3 to 9"):
        classify(series(1, 2, 3, 4), "quantiles", k)


def test_classify_all_missing_warns_and_gives_no_classes():
    with pytest.warns(UserWarning, match="all missing"):
        c = classify(series(None, None), "quantiles", 5)
    assert c.k == 0 and c.counts == () and c.n_missing == 2
    assert c.classes.isna().all()


def test_classify_fewer_distinct_values_than_k_degrades():
    with pytest.warns(UserWarning, match="only 2 distinct value"):
        c = classify(series(1, 1, 1, 4, 4), "quantiles", 5)
    assert c.k == 2 and c.bins == (1.0, 4.0) and c.counts == (3, 2)


def test_classify_constant_series_gives_one_class():
    with pytest.warns(UserWarning):
        c = classify(series(7, 7, 7), "fisher_jenks", 4)
    assert c.k == 1 and c.classes.tolist() == [0, 0, 0]


def test_classify_non_numeric_raises():
    with pytest.raises(ValueError, match="numeric"):
        classify(pd.Series(["a", "b", "c"]), "quantiles", 3)


def test_classify_diverging_even_k_splits_at_zero():
    # negatives and non-negatives get 2 classes each, each side classified on its own
    s = series(-8, -6, -2, -1, 0, 1, 3, 9)
    c = classify(s, "equal_interval", 4, diverging=True)
    assert c.diverging and c.k == 4
    # negatives -8..-1 in 2 equal intervals: bound -4.5; non-negatives 0..9: bound 4.5
    assert c.bins == pytest.approx((-4.5, 0.0, 4.5, 9.0))
    assert c.classes.tolist() == [0, 0, 1, 1, 2, 2, 2, 3]
    assert c.counts == (2, 2, 3, 1)


def test_classify_diverging_odd_k_has_a_zero_class():
    s = series(-8, -6, -2, -1, 0, 1, 3, 9)
    c = classify(s, "equal_interval", 5, diverging=True)
    assert c.classes.tolist() == [0, 0, 1, 1, 2, 3, 3, 4]
    assert c.bins[2] == 0.0 and c.counts[2] == 1
    assert c.labels(0)[2] == "0"


def test_classify_diverging_one_sided_data_keeps_centre_and_warns():
    with pytest.warns(UserWarning, match="no negative values"):
        c = classify(series(1, 2, 3, 4), "quantiles", 6, diverging=True)
    assert c.k == 6
    assert c.counts[:3] == (0, 0, 0)
    assert all(math.isnan(b) for b in c.bins[:3])
    assert min(c.classes) == 3  # positives start at the centre


def test_palette_colors_colorbrewer_values():
    assert palette_colors("YlGnBu", 9)[0] == "#ffffd9" and palette_colors("YlGnBu", 9)[-1] == "#081d58"
    assert palette_colors("RdBu", 5)[2] == "#f7f7f7"
    assert palette_colors("PuOr", 3) == ["#f1a340", "#f7f7f7", "#998ec3"]
    assert palette_colors("viridis", 3) == ["#440154", "#21918c", "#fde725"]


def test_palette_colors_every_palette_and_k_is_well_formed():
    for name, (kind, _table) in PALETTES.items():
        for k in range(3, 10):
            colors = palette_colors(name, k)
            assert len(colors) == k, (name, k)
            assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colors)
            assert len(set(colors)) == k
        if kind == "diverging":
            assert palette_colors(name, 11)[5] in {"#f7f7f7", "#f5f5f5"}


def test_palette_colors_bad_input():
    with pytest.raises(ValueError, match="valid palettes: .*YlGnBu"):
        palette_colors("Jet", 5)
    with pytest.raises(ValueError, match="k = 3–9"):
        palette_colors("Blues", 12)


def test_registry_palettes_exist_and_signed_indicators_use_diverging_ones():
    for ind in REGISTRY.values():
        assert ind.palette in PALETTES, ind.key
        assert (PALETTES[ind.palette][0] == "diverging") == ind.diverging, ind.key


def test_class_colors_marks_missing_with_no_data_color():
    c = classify(series(1, 2, 3, None), "quantiles", 3)
    assert class_colors(c, "Blues").tolist() == ["#deebf7", "#9ecae1", "#3182bd", NO_DATA_COLOR]
