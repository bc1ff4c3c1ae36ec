"""Configuration read from environment variables, in one place.

=====================  ==========================================================  ==================
variable               meaning                                                     default
=====================  ==========================================================  ==================
``LED_CACHE_DIR``      folder for build artefacts (layer, indicator store)         ``<repo>/.cache``
``LED_TILE_URL``       optional XYZ tile URL drawn under the map (needs network)   unset (no tiles)
``LED_DEBUG``          ``1`` turns on Dash debug mode and dev tools                ``0``
``LED_FRAME_ANCESTORS`` CSP ``frame-ancestors`` value for embedding                ``'self'``
=====================  ==========================================================  ==================
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def cache_dir() -> Path:
    """Folder for build artefacts shared by all workers; created when missing."""
    path = Path(os.environ.get("LED_CACHE_DIR", REPO_ROOT / ".cache"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def tile_url() -> str | None:
    return os.environ.get("LED_TILE_URL") or None


def debug() -> bool:
    return os.environ.get("LED_DEBUG", "0").strip().lower() in {"1", "true", "yes", "on"}


def frame_ancestors() -> str:
    return os.environ.get("LED_FRAME_ANCESTORS", "'self'")
