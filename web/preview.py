"""Link previews: ``GET /preview.png?<the page's query>`` and the page's ``og:`` / ``twitter:`` tags.

The picture is the view the query opens (map coloured with the page's classes and colours, legend,
title, source line; ``mode=split``: the first year's map beside the year's, in their one set of classes),
drawn with Pillow from the cached geometry (:mod:`geodata.outlines`, :mod:`layouts.preview_image`). It is cached by state: the fingerprint of the normalised query (the
one Python writer's output with the language) and of the data version, in this process and on disk
in the cache folder (shared by the workers). A query the parser cannot use falls back, parameter by
parameter, to the defaults; anything worse draws the default view — never a 500.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import threading
from collections import OrderedDict

from flask import Flask, Response, has_request_context, request

from geodata import layer, outlines
from indicators.classify import NO_DATA_COLOR
from indicators.display import label, source_label, unit_label
from layouts import map as map_layout
from layouts import preview_image
from layouts.i18n import known_lang, t
from state import deployment as st
from state import display
from state.map_parts import legend_notes
from state.model import MapView, state_with
from state.sources import resolve
from web import settings
from web.values import values_bundle_url

log = logging.getLogger(__name__)

ROUTE = "/preview.png"
#: Pictures kept in each process (a PNG is 60–120 kB).
MEMORY_ENTRIES = 64
#: A province view is padded by this share of its size.
PAD = 0.06
#: Part of every picture's cache key: change it when the drawing changes, so cached pictures are redrawn.
PICTURE_VERSION = "4"

_memory: OrderedDict[str, bytes] = OrderedDict()
_lock = threading.Lock()


def state_of(query: str, lang: str | None = None):
    """``(state, lang)`` of a query: presenter links resolve to their scene's state.

    >>> state_of("indicator=nope&lang=zh")[1]
    'zh'
    """
    state = st.parse(query or "").state
    if state.present and st.scenes():
        state = st.scene_state(state.scene, state.lang)
    return state, known_lang(state.lang or lang)


def normalised_query(state, lang: str) -> str:
    """The query that opens the picture's view: the one writer's canonical query with the language.

    >>> normalised_query(st.parse("year=2020&lang=en").state, "en")
    'lang=en&v=1'
    """
    return st.write(state_with(state, lang=lang, tab=st.context(state.ds).default_tab)).lstrip("?")


def fingerprint(state, lang: str) -> str:
    """The cache key of a picture: the normalised query and the data/geometry versions."""
    text = "\n".join((normalised_query(state, lang), values_bundle_url(), layer.manifest()["key"], PICTURE_VERSION))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def view_bounds(state, box=preview_image.MAP_BOX) -> tuple[tuple[float, float, float, float], bool]:
    """``((x0, y0, x1, y1), show inset)`` in map units of the state's view in a map drawn in ``box`` (px)."""
    (fy0, fx0), (fy1, fx1) = layer.manifest()["frame"]
    if isinstance(state.view, MapView):
        y, x = layer.lonlat_to_map(state.view.lat, state.view.lng)
        left, top, right, bottom = box
        half_w, half_h = (right - left) / 2 / 2**state.view.zoom, (bottom - top) / 2 / 2**state.view.zoom
        return (x - half_w, y - half_h, x + half_w, y + half_h), False
    if isinstance(state.view, str):
        b = layer.province_bounds(state.view)
        if b:
            (y0, x0), (y1, x1) = b
            px, py = (x1 - x0) * PAD, (y1 - y0) * PAD
            return (x0 - px, y0 - py, x1 + px, y1 + py), False
    return (fx0, fy0, fx1, fy1), True


def map_parts(state, lang: str) -> dict:
    """The map of a state as data (:func:`state.display.choropleth_parts`, ``lisa_parts``, ``change_parts``
    or ``split_parts``; a mode the indicator cannot have falls back to the values, as the page does)."""
    sel = list(state.sel)
    c = state.classes
    if state.mode == "lisa":
        try:
            return display.lisa_parts(state.indicator, state.year, sel, lang)
        except Exception:  # noqa: BLE001 - as the page: fall back to the values map
            pass
    if state.mode == "change":
        try:
            return display.change_parts(state.indicator, state.year, sel, lang)
        except (ValueError, KeyError):
            pass
    if state.mode == "split":
        try:
            return display.split_parts(state.indicator, state.year, c.scheme, c.k, state.palette, sel, lang, c.breaks)
        except (ValueError, KeyError):  # one year only
            pass
    return display.choropleth_parts(state.indicator, state.year, c.scheme, c.k, state.palette, sel, lang, c.breaks)


def years_of(state, lang: str) -> str:
    """The year(s) the view shows: ``state.year``, or both years of a split view (``2010 | 2020``, as its caption).

    >>> years_of(st.parse("indicator=gdp_per_resident&mode=split").state, "en")
    '2010 | 2020'
    >>> years_of(st.parse("indicator=gdp_per_resident&year=2010").state, "en")
    '2010'
    """
    if state.mode == "split":
        try:
            base, year = display.change_years(resolve(state.indicator), state.year)
            return t("compare_years", lang, base=base, year=year)
        except ValueError:  # one year only: the values map of the year
            pass
    return str(state.year)


def title_of(state, lang: str) -> str:
    """The view's title: the scene's in presenter mode, else the caption's ``label (year)``."""
    if state.present and st.scenes():
        scene = st.scenes()[state.scene - 1]
        return str(scene.get(f"title_{lang}") or scene.get("title_en") or "")
    ind = resolve(state.indicator)
    return map_layout.fill("caption_title", label=label(ind, lang), year=years_of(state, lang))


def description_of(state, lang: str) -> str:
    """One or two sentences for the link card: the scene's caption, or what the map shows and its source."""
    if state.present and st.scenes():
        scene = st.scenes()[state.scene - 1]
        return str(scene.get(f"caption_{lang}") or scene.get("caption_en") or "")
    ind = resolve(state.indicator)
    return t(
        "preview_description",
        lang,
        label=label(ind, lang),
        year=years_of(state, lang),
        unit=unit_label(ind, lang),
        source=source_label(ind, lang),
    )


def fills_of(hideout: dict) -> dict[str, str]:
    """``{adcode: colour}`` of a hideout's classed units (the others are no data).

    >>> fills_of({"c": {"110000": 1}, "colors": ["#aaaaaa", "#bbbbbb"]})
    {'110000': '#bbbbbb'}
    """
    return {a: hideout["colors"][c] for a, c in hideout["c"].items()}


def picture(state, lang: str) -> preview_image.Picture:
    """The picture of a state: its map (or a split view's two maps), legend and words."""
    parts = map_parts(state, lang)
    hide, legend, ind = parts["hideout"], parts["legend"], parts["indicator"]
    split = "split" in hide
    change = "base" in parts and not split
    rows = [(col, lab, str(n)) for col, lab, n in zip(legend["colors"], legend["labels"], legend["counts"], strict=True)]
    rows.append((NO_DATA_COLOR, t("no_data", lang), str(legend["missing"])))
    bounds, inset = view_bounds(state, preview_image.map_boxes(split)[-1])
    (iy0, ix0), (iy1, ix1) = layer.manifest()["inset_frame"]
    if change:
        stamp, notes = f"{parts['base']} → {parts['year']}", [t("change_higher", lang)]
    else:
        stamp, notes = str(parts.get("year", state.year)), legend_notes(legend)
    return preview_image.Picture(
        bounds=bounds,
        fills=fills_of(hide),
        nodata=hide.get("nodata") or NO_DATA_COLOR,
        title=hide["label"] if change and not state.present else title_of(state, lang),
        legend_title=legend["title"],
        legend=rows,
        source=t("preview_source", lang, source=source_label(ind, lang)),
        footer=t("title", lang).split(" · ")[0],
        selected=tuple(state.sel),
        inset_frame=(ix0, iy0, ix1, iy1) if inset else None,
        stamp=stamp,
        notes=notes,
        left=preview_image.Side(fills_of(hide["split"]), str(parts["base"])) if split else None,
    )


def _disk_path(key: str):
    return settings.cache_dir() / "previews" / f"{key}.png"


def preview_png(query: str, lang: str | None = None) -> bytes:
    """The PNG of the view ``query`` opens, from the cache when drawn before."""
    try:
        state, lang = state_of(query, lang)
        key = fingerprint(state, lang)
    except Exception:  # noqa: BLE001 - a query nothing can be made of: the default view
        log.warning("preview of %r: falling back to the default view", query[:200], exc_info=True)
        state, lang = state_of("", lang)
        key = fingerprint(state, lang)
    with _lock:
        png = _memory.get(key)
        if png is not None:
            _memory.move_to_end(key)
            return png
    path = _disk_path(key)
    try:
        png = path.read_bytes()
    except OSError:
        png = None
    if not png:
        try:
            png = preview_image.render(picture(state, lang), outlines.outlines())
        except Exception:  # noqa: BLE001 - e.g. an indicator the classes cannot draw: the default view
            log.warning("preview of %r failed; drawing the default view", query[:200], exc_info=True)
            state, lang = state_of("", lang)
            png = preview_image.render(picture(state, lang), outlines.outlines())
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(png)
            os.replace(tmp, path)
        except OSError as exc:  # a read-only cache: memory only
            log.warning("cannot write %s: %s", path, exc)
    with _lock:
        _memory[key] = png
        while len(_memory) > MEMORY_ENTRIES:
            _memory.popitem(last=False)
    return png


def preview_url(state, lang: str, root: str) -> str:
    """Absolute URL of the state's picture (``root`` is the site's root URL with a trailing slash)."""
    return root.rstrip("/") + ROUTE + "?" + normalised_query(state, lang)


def meta_tags(query: str, lang: str | None, root: str) -> str:
    """The ``og:`` and ``twitter:`` tags of the page ``query`` opens, in its language (HTML).

    Never raises: a state nothing can be said of gets the default view's tags.
    """
    try:
        state, lang = state_of(query, lang)
        title, description = title_of(state, lang), description_of(state, lang)
    except Exception:  # noqa: BLE001
        state, lang = state_of("", lang)
        title, description = title_of(state, lang), description_of(state, lang)
    image = preview_url(state, lang, root)
    canonical = normalised_query(state, lang)  # never the raw query: nothing of a link is echoed unparsed
    page = root.rstrip("/") + "/" + ("?" + canonical if canonical else "")
    site = t("title", lang)
    pairs = [
        ("property", "og:type", "website"),
        ("property", "og:site_name", site),
        ("property", "og:title", title),
        ("property", "og:description", description),
        ("property", "og:url", page),
        ("property", "og:image", image),
        ("property", "og:image:type", "image/png"),
        ("property", "og:image:width", str(preview_image.WIDTH)),
        ("property", "og:image:height", str(preview_image.HEIGHT)),
        ("property", "og:image:alt", title),
        ("property", "og:locale", "zh_CN" if lang == "zh" else "en_US"),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", title),
        ("name", "twitter:description", description),
        ("name", "twitter:image", image),
        ("name", "description", description),
    ]
    esc = html.escape
    return "\n".join(f'<meta {attr}="{esc(name)}" content="{esc(value)}">' for attr, name, value in pairs)


def register_preview_routes(server: Flask) -> None:
    @server.get(ROUTE)
    def preview():
        query = request.query_string.decode("utf-8", "replace")
        lang = request.accept_languages.best_match(["zh", "en"], default="en")
        resp = Response(preview_png(query, lang), mimetype="image/png")
        resp.headers["Cache-Control"] = "public, max-age=3600"
        return resp


def page_meta_tags() -> str:
    """The tags of the page of the current request (Dash's index), empty outside a request."""
    if not has_request_context():
        return ""
    query = request.query_string.decode("utf-8", "replace")
    lang = request.accept_languages.best_match(["zh", "en"], default="en")
    return meta_tags(query, lang, request.url_root)
