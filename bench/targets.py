"""What the benchmark points at: indicator labels and the units it clicks (same for both servers)."""

from __future__ import annotations


def indicator_labels() -> dict[str, str]:
    """English dropdown label of every indicator (both servers use the same option labels)."""
    from indicators.registry import REGISTRY

    return {key: ind.label_en for key, ind in REGISTRY.items()}


def click_units(indicators=(), n: int = 2) -> list[dict]:
    """The ``n`` largest units of the main map that have a value for every one of ``indicators``
    (latest year), with a point inside each in map units and degrees.

    The peer does not draw units without a value (Plotly leaves a missing ``z`` out), so a click
    there would hit nothing. ``index`` is the unit's position in ``geodata.layer.units()``, which is
    also its position in the peer's ``locations`` (so ``selectedpoints`` holds it once selected).
    """
    import pyproj

    from geodata import layer
    from indicators import store
    from indicators.registry import get_indicator

    gdf = layer.prefecture_layer().reset_index(drop=True)
    manifest = layer.manifest()
    ox, oy = manifest["origin_m"]
    unit = manifest["unit_m"]
    to_deg = pyproj.Transformer.from_crs(manifest["crs"], "EPSG:4326", always_xy=True)
    ok = gdf["adcode"].notna()
    for key in indicators:
        values = store.indicator_values(key, get_indicator(key).latest_year)
        ok &= gdf["adcode"].map(values).notna()
    largest = gdf[ok].geometry.area.sort_values(ascending=False).index[:n]
    out = []
    for i in largest:
        pt = gdf.geometry[i].representative_point()
        lon, lat = to_deg.transform(pt.x * unit + ox, pt.y * unit + oy)
        out.append({"adcode": gdf["adcode"][i], "index": int(i), "x": pt.x, "y": pt.y, "lon": lon, "lat": lat})
    return out
