"""Names of the disparity measures, shared by :mod:`indicators.disparity` and :mod:`indicators.disparity_report`.

A leaf module (no imports) so that the web layer can name the measures without importing the
computing modules.

Examples
--------
>>> MEASURES[:2], MORAN_MEASURES
(('gini', 'theil'), ('moran_i', 'moran_p'))
"""

#: Keys of :func:`indicators.disparity.disparity_summary` that hold measures (the rest are counts and flags).
MEASURES = (
    "gini",
    "theil",
    "theil_between_province",
    "theil_within_province",
    "theil_between_region",
    "theil_within_region",
    "cv_weighted",
    "share_between_province",
    "share_between_region",
)
#: Spatial autocorrelation measures added by :mod:`indicators.disparity_report`.
MORAN_MEASURES = ("moran_i", "moran_p")
#: Permutations of the Moran's I and LISA significance tests, and the LISA clusters' significance level
#: (both levels: prefectures and counties).
MORAN_PERMUTATIONS = 999
LISA_ALPHA = 0.05
