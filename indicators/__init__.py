"""Pure indicator functions: tables in, Series indexed by admin code out. No Dash or Plotly."""
