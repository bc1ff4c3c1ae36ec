"""Functions that build Dash components from ids and arguments. No data loading here."""
