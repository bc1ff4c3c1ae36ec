"""The URL context of this deployment and conversions between the URL state and the controls."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from callbacks import url_state
from callbacks.url_state import AppState, ClassSpec, Context, MapView
from geodata import layer
from indicators.classify import PALETTES
from indicators.registry import REGISTRY

DEFAULT_INDICATOR = "pop_resident"
TABS = ("compare", "trend", "scatter", "ranking", "profile", "peers", "sectors", "disparity")
ZOOM_RANGE = (-4.0, 6.0)
SCENES_FILE = Path(__file__).resolve().parent.parent / "layouts" / "scenes.yaml"


@lru_cache(maxsize=1)
def scenes() -> tuple[dict, ...]:
    """The presenter's scenes: each a URL query plus captions in zh and en (``layouts/scenes.yaml``)."""
    data = yaml.safe_load(SCENES_FILE.read_text(encoding="utf-8")) if SCENES_FILE.exists() else {}
    return tuple(data.get("scenes", []))


DS_RE = re.compile(r"(?:^|[?&])ds=([0-9a-f]{8,64})(?:&|$)")


def dataset_in(query: str) -> str | None:
    """The ``ds`` id of a query when it names a stored dataset (else ``None``; the parser says why)."""
    from callbacks import view

    m = DS_RE.search(query or "")
    return m.group(1) if m and view.dataset(m.group(1)) is not None else None


@lru_cache(maxsize=64)
def _context(ds: str | None) -> Context:
    """The URL context; with ``ds`` the uploaded dataset's indicator ``ds_<id>`` is valid too."""
    from callbacks import view

    units = layer.units()
    years = {k: tuple(ind.years) for k, ind in REGISTRY.items()}
    loaded = view.dataset(ds) if ds else None
    if loaded is not None:
        years[loaded[0].key] = tuple(loaded[0].years)
    return Context(
        indicator_years=years,
        default_indicator=DEFAULT_INDICATOR,
        adcodes=frozenset(units["adcode"]),
        province_adcodes=frozenset(units["province_adcode"]),
        tabs=TABS,
        palettes=tuple(PALETTES),
        scene_count=len(scenes()),
        zoom_range=ZOOM_RANGE,
    )


def context(ds: str | None = None) -> Context:
    """The URL context; with ``ds`` (a stored dataset) its indicator ``ds_<id>`` is valid too."""
    from callbacks import view

    return _context(ds if ds and view.dataset(ds) is not None else None)


def parse(query: str) -> url_state.ParseResult:
    return url_state.parse_query(query, context(dataset_in(query)))


def write(state: AppState) -> str:
    return url_state.write_query(state, context(state.ds))


def scene_state(n: int, lang: str | None) -> AppState:
    """The state of scene ``n`` (1-based) in presentation mode."""
    scene = scenes()[n - 1]
    state = parse(scene.get("query", "")).state
    return url_state.state_with(state, present=True, scene=n, lang=lang)


def classes_from_controls(scheme: str | None, k: int | None, breaks_text: str | None) -> ClassSpec | None:
    """A :class:`ClassSpec` from the pickers, or ``None`` when the breaks text is not usable."""
    try:
        if scheme == "user_defined":
            parts = [p for p in (breaks_text or "").replace("，", ",").replace(";", ",").split(",") if p.strip()]
            return ClassSpec("user_defined", len(parts) + 1, tuple(float(p) for p in parts))
        return ClassSpec(scheme or "quantiles", int(k or 5))
    except (ValueError, TypeError):
        return None


def breaks_text(spec: ClassSpec) -> str:
    return ", ".join(f"{b:g}" for b in spec.breaks)


def view_from_viewport(viewport: dict | None) -> MapView | None:
    """A :class:`MapView` in degrees from the map's ``{center, zoom}`` (map units), or ``None``.

    ``center`` comes as ``[y, x]`` or as Leaflet's ``{"lat": y, "lng": x}``.
    """
    try:
        center = viewport["center"]
        y, x = (center["lat"], center["lng"]) if isinstance(center, dict) else center
        zoom = float(viewport["zoom"])
        lat, lng = layer.map_to_lonlat(float(y), float(x))
        return MapView(lat, lng, zoom)
    except (TypeError, KeyError, ValueError):
        return None


def same_view(a: MapView | None, b: MapView | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a.zoom - b.zoom) < 0.01 and abs(a.lat - b.lat) < 0.01 and abs(a.lng - b.lng) < 0.01
