"""The URL context of this deployment (indicators, units, tabs, palettes, scenes) and the parser and writer
bound to it."""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from pathlib import Path

import yaml

from geodata import layer
from indicators import corridors
from indicators.classify import PALETTES
from indicators.registry import REGISTRY
from state import sources
from state.flow_scenes import flow_scenes
from state.model import DEFAULT_INDICATOR, TABS, AppState, Context, ParseResult, state_with
from state.parse import parse_query
from state.write import write_query

ZOOM_RANGE = (-4.0, 6.0)
SCENES_FILE = Path(__file__).resolve().parent.parent / "layouts" / "scenes.yaml"


#: ``{pilot:<name>}`` in a scene's query stands for the units of that pilot view
#: (:data:`geodata.select.PILOTS`), so a scene and its pilot button select the same units.
PILOT_PLACEHOLDER = re.compile(r"\{pilot:(\w+)\}")


def with_pilots(query: str) -> str:
    """``query`` with every ``{pilot:<name>}`` replaced by that pilot's codes joined by ``~``.

    >>> with_pilots("sel={pilot:ningxia}&tab=compare")
    'sel=640100~640200~640300~640400~640500&tab=compare'
    """
    from geodata.select import pilot_units

    return PILOT_PLACEHOLDER.sub(lambda m: "~".join(pilot_units(m.group(1))), query)


@lru_cache(maxsize=1)
def scenes() -> tuple[dict, ...]:
    """The presenter's scenes: each a URL query plus captions in zh and en (``layouts/scenes.yaml``), then
    the two Spring-Festival corridor scenes built from the data (:mod:`state.flow_scenes`).

    A query's ``{pilot:<name>}`` is replaced by the pilot's units (:func:`with_pilots`)."""
    data = yaml.safe_load(SCENES_FILE.read_text(encoding="utf-8")) if SCENES_FILE.exists() else {}
    story = tuple({**s, "query": with_pilots(s.get("query", ""))} for s in data.get("scenes", []))
    return story + flow_scenes(len(story) + 1)  # the corridor scenes, built from the data


DS_RE = re.compile(r"(?:^|[?&])ds=([0-9a-f]{8,64})(?:&|$)")
#: An uploaded dataset named only by the ``indicator`` of a link (``indicator=ds_<id>`` without ``ds``).
DS_INDICATOR_RE = re.compile(r"(?:^|[?&])indicator=ds_([0-9a-f]{8,64})(?:&|$)")


def dataset_in(query: str) -> str | None:
    """The ``ds`` id of a query (else its ``indicator=ds_<id>``) when it names a stored dataset (else
    ``None``; the parser says why)."""
    m = DS_RE.search(query or "") or DS_INDICATOR_RE.search(query or "")
    return m.group(1) if m and sources.dataset(m.group(1)) is not None else None


@lru_cache(maxsize=64)
def _context(ds: str | None) -> Context:
    """The URL context; with ``ds`` the uploaded dataset's indicator ``ds_<id>`` is valid too."""
    units = layer.units()
    years = {k: tuple(ind.years) for k, ind in REGISTRY.items()}
    labels = {k: (ind.label_en, ind.label_zh) for k, ind in REGISTRY.items()}
    loaded = sources.dataset(ds) if ds else None
    uploaded = loaded[0] if loaded is not None else None
    if uploaded is not None:
        labels[uploaded.key] = (uploaded.label_en, uploaded.label_zh)
        if "prefecture" in uploaded.levels:
            years[uploaded.key] = tuple(uploaded.years)
    prefecture = Context(
        indicator_years=years,
        default_indicator=DEFAULT_INDICATOR,
        adcodes=frozenset(units["adcode"]),
        province_adcodes=frozenset(units["province_adcode"]),
        tabs=TABS,
        palettes=tuple(PALETTES),
        scene_count=len(scenes()),
        zoom_range=ZOOM_RANGE,
        indicator_labels=labels,
        flow_windows=tuple(corridors.WINDOWS),
        flow_top_range=(corridors.TOP_MIN, corridors.TOP_MAX),
        other_level={uploaded.key: uploaded.levels[0]} if uploaded is not None and "prefecture" not in uploaded.levels else {},
    )
    return dataclasses.replace(prefecture, county=county_context(prefecture, uploaded))


def county_context(prefecture: Context, uploaded=None) -> Context | None:
    """The URL context at county level: the county indicators and the drawn counties' codes (issue 13);
    ``uploaded`` (the indicator of the link's dataset) is valid there when it is a county dataset."""
    from indicators.registry import COUNTY_REGISTRY
    from state.county_display import drawn_units

    if not COUNTY_REGISTRY or DEFAULT_INDICATOR not in COUNTY_REGISTRY:
        return None
    years = {k: tuple(ind.years) for k, ind in COUNTY_REGISTRY.items()}
    here = uploaded is not None and "county" in uploaded.levels
    if here:
        years[uploaded.key] = tuple(uploaded.years)
    return dataclasses.replace(
        prefecture,
        indicator_years=years,
        adcodes=frozenset(drawn_units().index),
        indicator_aliases={},
        other_level={uploaded.key: uploaded.levels[0]} if uploaded is not None and not here else {},
    )


def context(ds: str | None = None) -> Context:
    """The URL context; with ``ds`` (a stored dataset) its indicator ``ds_<id>`` is valid too."""
    return _context(ds if ds and sources.dataset(ds) is not None else None)


def parse(query: str) -> ParseResult:
    """The state of a query; a dataset named only by ``indicator=ds_<id>`` becomes the state's ``ds`` too."""
    ds = dataset_in(query)
    result = parse_query(query, context(ds))
    if ds and result.state.ds is None and result.state.indicator == f"ds_{ds}":
        result = dataclasses.replace(result, state=state_with(result.state, ds=ds))
    return result


def write(state: AppState) -> str:
    return write_query(state, context(state.ds))


def scene_state(n: int, lang: str | None) -> AppState:
    """The state of scene ``n`` (1-based) in presentation mode."""
    scene = scenes()[n - 1]
    state = parse(scene.get("query", "")).state
    return state_with(state, present=True, scene=n, lang=lang)
