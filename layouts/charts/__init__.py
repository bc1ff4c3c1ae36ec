"""The chart tabs, one module per tab; shared pieces in :mod:`layouts.charts.common`."""
