"""The URL state: its model, parser and writer (pure), and what it means in this deployment."""
