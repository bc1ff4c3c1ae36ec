"""The web side that is not a Dash callback: settings, HTTP routes, security, the page."""
