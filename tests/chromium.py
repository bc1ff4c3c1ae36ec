"""Debian's headless Chromium as every browser test here starts it (nothing downloads a browser)."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_or_skip() -> str:
    """Path of Debian's Chromium; a test needing it skips without it, except in CI where it fails."""
    import os
    from pathlib import Path

    import pytest

    if not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} is missing (install the Debian package 'chromium' to run the browser tests)"
        if os.environ.get("CI"):
            pytest.fail(reason + "; CI must run the browser tests")
        pytest.skip(reason)
    return CHROMIUM
