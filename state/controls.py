"""Conversions between the URL state and the page's controls (class pickers, the map's viewport)."""

from __future__ import annotations

from geodata import layer
from state.model import ClassSpec, MapView


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
