"""The URL state's model: the records (:class:`AppState`, :class:`Context`, :class:`ClassSpec`,
:class:`MapView`, :class:`Notice`, :class:`Parsed`, :class:`ParseResult`), the limits of a link and the
app's defaults. Pure (standard library only). :mod:`state.parse` reads a query into these records,
:mod:`state.write` writes them back; the parameter grammar is documented in :mod:`state.parse`.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Generic, Literal, TypeVar

T = TypeVar("T")
Status = Literal["valid", "invalid", "missing"]

#: Query parameters of the current format, in the order :func:`write_query` writes them.
PARAMETERS = (
    "indicator",
    "level",
    "year",
    "classes",
    "sel",
    "view",
    "tab",
    "lang",
    "present",
    "scene",
    "ds",
    "palette",
    "mode",
    "flows",
    "window",
    "top",
    "cols",
    "embed",
    "v",
)

#: Map levels: prefecture-level units (the default) or districts and counties.
LEVELS = ("prefecture", "county")
DEFAULT_LEVEL = "prefecture"

#: Map modes: the indicator's classes, its LISA clusters (local Moran's I), its change since its first year, or
#: its first year and ``year`` side by side in classes fixed across the two (``split``, two synchronised maps).
MODES = ("values", "lisa", "change", "split")
#: Modes that compare two years: an indicator of one year shows its values instead (with a notice).
TWO_YEAR_MODES = ("change", "split")
#: Modes drawn at county level too (``split`` is prefecture level only: a county link shows the values).
COUNTY_MODES = ("values", "lisa", "change")
#: Flows on the map (``flows``): the selected units' travellers leaving (``out``) or arriving (``in``).
FLOW_DIRECTIONS = ("out", "in")

#: Classification schemes with a number of classes; ``user_defined`` takes breaks instead.
FIXED_K_SCHEMES = ("quantiles", "fisher_jenks", "equal_interval")
USER_DEFINED = "user_defined"
MIN_K, MAX_K = 3, 9
MIN_BREAKS, MAX_BREAKS = 2, 8
#: Most indicator columns the comparison table holds (``cols``).
MAX_TABLE_COLUMNS = 24
#: Most units a selection holds (from a link, map clicks, the selection tools or the charts).
MAX_SELECTION = 400
#: Longest query read (characters); the rest is ignored with a notice.
MAX_QUERY_CHARS = 16_000
#: Most ``key=value`` pairs read; the rest are ignored with a notice.
MAX_PAIRS = 64
#: Longest rejected value kept in a :class:`Notice`.
NOTICE_VALUE_CHARS = 60
LANGUAGES = ("zh", "en")


#: The indicator of the empty query.
DEFAULT_INDICATOR = "pop_resident"
#: The chart tabs, in the order the page shows them; the first is the default.
TABS = ("compare", "trend", "scatter", "ranking", "profile", "peers", "sectors", "disparity", "table")


def strictly_ascending(values) -> bool:
    return all(a < b for a, b in zip(values, values[1:], strict=False))


def format_float(value: float) -> str:
    """Shortest text that reads back as ``value`` (``2.0`` is written ``2``)."""
    text = repr(float(value) + 0.0)
    return text[:-2] if text.endswith(".0") else text


# --------------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Context:
    """What the URL parser needs to know about the data; built once by the caller.

    Parameters
    ----------
    indicator_years
        ``{indicator key: years with data}``; stored as sorted tuples, the last is the latest.
    default_indicator
        Indicator shown when the link names none; must be a key of ``indicator_years``.
    adcodes
        Admin codes (6-digit strings) that can be selected.
    province_adcodes
        Province codes that ``view`` can zoom to.
    tabs
        Chart tabs; the first is the default.
    palettes
        Palette names ``palette`` may name.
    scene_count
        Number of presentation scenes (``scene`` is 1..``scene_count``); 0 disables ``present``.
    zoom_range
        Inclusive ``(lowest, highest)`` map zoom for ``view=lat,lng,zoom``.
    indicator_aliases
        ``{old key: new key}`` for renamed indicators, so old links keep working.
    indicator_labels
        ``{key: (label_en, label_zh)}``: notices name an indicator by its label, not its key.
    flow_windows
        Windows of the Spring-Festival corridors ``window`` may name; the first is the default. Empty:
        no flows (``flows`` is rejected with a notice).
    flow_top_range
        Inclusive ``(lowest, highest)`` number of partners ``top`` may ask for.
    county
        The context at county level (its indicators, years and county codes; the other fields as
        here), or ``None`` when this deployment has no county level. See :meth:`at_level`.
    other_level
        ``{key: level}`` of indicators that exist only at another level (an uploaded county dataset at
        prefecture level, a prefecture dataset at county level): the notice says where to open them.

    Raises
    ------
    ValueError
        If the context is inconsistent (a programming error, never caused by a URL).

    Examples
    --------
    >>> ctx = Context({"gdp": (2020, 2010)}, "gdp", frozenset({"110100"}), frozenset({"110000"}),
    ...               ("compare",), ("YlGnBu",), scene_count=0)
    >>> ctx.indicator_years["gdp"], ctx.default_tab
    ((2010, 2020), 'compare')
    """

    indicator_years: Mapping[str, tuple[int, ...]]
    default_indicator: str
    adcodes: frozenset[str]
    province_adcodes: frozenset[str]
    tabs: tuple[str, ...]
    palettes: tuple[str, ...]
    scene_count: int
    zoom_range: tuple[float, float] = (3.0, 14.0)
    indicator_aliases: Mapping[str, str] = field(default_factory=dict)
    indicator_labels: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    flow_windows: tuple[str, ...] = ()
    flow_top_range: tuple[int, int] = (1, 1)
    county: Context | None = None
    other_level: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        years = {str(key): tuple(sorted({int(y) for y in ys})) for key, ys in self.indicator_years.items()}
        empty = [key for key, ys in years.items() if not ys]
        if empty:
            raise ValueError(f"indicators without years: {', '.join(empty)}")
        if self.default_indicator not in years:
            raise ValueError(f"default indicator {self.default_indicator!r} not among {', '.join(years) or '(none)'}")
        if not self.tabs:
            raise ValueError("at least one tab is needed")
        lo, hi = (float(z) for z in self.zoom_range)
        if not (math.isfinite(lo) and math.isfinite(hi) and lo <= hi):
            raise ValueError(f"zoom_range must be finite (low, high), got {self.zoom_range!r}")
        if int(self.scene_count) < 0:
            raise ValueError(f"scene_count must be >= 0, got {self.scene_count!r}")
        set_ = object.__setattr__
        set_(self, "indicator_years", MappingProxyType(years))
        set_(self, "adcodes", frozenset(str(c) for c in self.adcodes))
        set_(self, "province_adcodes", frozenset(str(c) for c in self.province_adcodes))
        set_(self, "tabs", tuple(self.tabs))
        set_(self, "palettes", tuple(self.palettes))
        set_(self, "scene_count", int(self.scene_count))
        set_(self, "zoom_range", (lo, hi))
        set_(self, "indicator_aliases", MappingProxyType(dict(self.indicator_aliases)))
        set_(self, "other_level", MappingProxyType(dict(self.other_level)))
        set_(self, "flow_windows", tuple(str(w) for w in self.flow_windows))
        set_(self, "flow_top_range", tuple(int(n) for n in self.flow_top_range))

    def at_level(self, level: str) -> Context:
        """The context that validates a link at ``level`` (``self`` at prefecture level).

        >>> ctx = example_context()
        >>> ctx.at_level("county").default_indicator, ctx.at_level("prefecture") is ctx
        ('pop', True)
        >>> "640104" in ctx.at_level("county").adcodes
        True
        """
        return self.county if level == "county" and self.county is not None else self

    @property
    def default_tab(self) -> str:
        """The tab shown when the link names none (the first of :attr:`tabs`)."""
        return self.tabs[0]

    @property
    def default_window(self) -> str | None:
        """The corridor window shown when the link names none (the first of :attr:`flow_windows`)."""
        return self.flow_windows[0] if self.flow_windows else None

    def latest_year(self, indicator: str) -> int | None:
        """Latest year of ``indicator``, ``None`` for an unknown key."""
        years = self.indicator_years.get(indicator)
        return years[-1] if years else None


@dataclass(frozen=True)
class ClassSpec:
    """Classification of the choropleth: a scheme with ``k`` classes, or user-defined breaks.

    For ``user_defined`` the number of classes is set from the breaks (``k = len(breaks) + 1``).

    Raises
    ------
    ValueError
        For an unknown scheme, ``k`` outside 3..9, or breaks that are not 2–8 strictly ascending
        finite numbers (a programming error: :func:`parse_classes` never builds such a spec).

    Examples
    --------
    >>> ClassSpec("fisher_jenks", 7).token
    'fisher_jenks-7'
    >>> spec = ClassSpec("user_defined", breaks=(0.5, 1, 2, 5))
    >>> spec.k, spec.token
    (5, 'user_defined-0.5_1_2_5')
    """

    scheme: str = "quantiles"
    k: int = 5
    breaks: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        if self.scheme == USER_DEFINED:
            breaks = tuple(float(b) + 0.0 for b in self.breaks)
            if not MIN_BREAKS <= len(breaks) <= MAX_BREAKS:
                raise ValueError(f"user_defined needs {MIN_BREAKS}–{MAX_BREAKS} breaks, got {len(breaks)}")
            if not all(math.isfinite(b) for b in breaks) or not strictly_ascending(breaks):
                raise ValueError(f"breaks must be finite and strictly ascending, got {breaks!r}")
            object.__setattr__(self, "breaks", breaks)
            object.__setattr__(self, "k", len(breaks) + 1)
        elif self.scheme in FIXED_K_SCHEMES:
            if isinstance(self.k, bool) or not isinstance(self.k, int) or not MIN_K <= self.k <= MAX_K:
                raise ValueError(f"k must be an integer in {MIN_K}..{MAX_K}, got {self.k!r}")
            if self.breaks:
                raise ValueError(f"{self.scheme} takes no breaks")
        else:
            valid = ", ".join((*FIXED_K_SCHEMES, USER_DEFINED))
            raise ValueError(f"unknown classification scheme {self.scheme!r}; valid schemes: {valid}")

    @property
    def token(self) -> str:
        """The ``classes`` query value, e.g. ``quantiles-5`` or ``user_defined-0.5_1_2``."""
        if self.scheme == USER_DEFINED:
            return f"{USER_DEFINED}-" + "_".join(format_float(b) for b in self.breaks)
        return f"{self.scheme}-{self.k}"


#: Classification used when the link names none.
DEFAULT_CLASSES = ClassSpec("quantiles", 5)


@dataclass(frozen=True)
class MapView:
    """A map centre and zoom, rounded on construction (lat/lng to 5 decimals, zoom to 2).

    Rounding keeps links short and makes every view survive a write/parse round trip.

    Examples
    --------
    >>> MapView(30.1234567, 104.0, 6.456)
    MapView(lat=30.12346, lng=104.0, zoom=6.46)
    """

    lat: float
    lng: float
    zoom: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "lat", round(float(self.lat), 5) + 0.0)
        object.__setattr__(self, "lng", round(float(self.lng), 5) + 0.0)
        object.__setattr__(self, "zoom", round(float(self.zoom), 2) + 0.0)


@dataclass(frozen=True)
class AppState:
    """Everything a dashboard URL encodes; immutable, change it with :func:`state_with`.

    Parameters
    ----------
    indicator, year
        Indicator key and the year shown (one of the indicator's years).
    tab
        Chart tab.
    classes
        Choropleth classification.
    sel
        Selected admin codes, in selection order, without duplicates (a list is stored as a tuple).
    view
        ``None`` (whole country), a province adcode, or a :class:`MapView`.
    lang
        ``"zh"``, ``"en"`` or ``None`` (the caller falls back to Accept-Language).
    present, scene
        Presentation mode and its scene (1-based; stays 1 when ``present`` is off).
    ds
        Uploaded dataset id or ``None``.
    palette
        Palette name or ``None`` for the indicator's own palette.
    cols
        Indicator keys of the comparison table's columns, in order; ``()`` for its default columns.
    embed
        Embed mode (``embed=1``): only the map, legend, caption and an "open full view" link, for an iframe.
    flows, window, top
        Spring-Festival flows on the map: ``None`` (no flows), ``"out"`` or ``"in"``; the corridor window
        (``None``: the context's default); the number of partners (``None``: the route's default, 20 per
        unit, 50 in the national view).
    level
        ``"prefecture"`` (the default) or ``"county"``: which units the map draws and ``sel`` holds.
    """

    indicator: str
    year: int
    tab: str
    classes: ClassSpec = DEFAULT_CLASSES
    sel: tuple[str, ...] = ()
    view: str | MapView | None = None
    lang: str | None = None
    present: bool = False
    scene: int = 1
    ds: str | None = None
    palette: str | None = None
    mode: str = "values"
    cols: tuple[str, ...] = ()
    embed: bool = False
    flows: str | None = None
    window: str | None = None
    top: int | None = None
    level: str = DEFAULT_LEVEL

    def __post_init__(self) -> None:
        if not isinstance(self.sel, tuple):
            object.__setattr__(self, "sel", tuple(self.sel))
        if not isinstance(self.cols, tuple):
            object.__setattr__(self, "cols", tuple(self.cols))


@dataclass(frozen=True)
class Notice:
    """A value of the link that was not used, for a visible message in the page.

    ``value`` is plain, decoded text (at most 60 characters, ``…`` marks a cut); the UI must escape it.
    """

    param: str
    value: str
    message_en: str
    message_zh: str

    def message(self, lang: str | None) -> str:
        """The message in ``lang`` (``"zh"`` for Chinese, English otherwise)."""
        return self.message_zh if lang == "zh" else self.message_en


@dataclass(frozen=True)
class Parsed(Generic[T]):
    """Result of one parameter parser.

    ``status`` is ``"valid"`` (use ``value``), ``"invalid"`` (use the default; ``message_*`` say why)
    or ``"missing"``. A valid result may still carry a message when part of the value was dropped
    (``sel`` with unknown codes); ``rejected`` then names that part.
    """

    status: Status
    value: T | None = None
    message_en: str = ""
    message_zh: str = ""
    rejected: str | None = None


@dataclass(frozen=True)
class ParseResult:
    """Result of :func:`parse_query`: the state, the notices, and the format version the link had."""

    state: AppState
    notices: tuple[Notice, ...] = ()
    version: int = 0


# --------------------------------------------------------------------------------------------------
# Whole query
# --------------------------------------------------------------------------------------------------


def example_context() -> Context:
    """A tiny :class:`Context` for the examples in these docstrings.

    Examples
    --------
    >>> example_context().indicator_years["gdp_pc"]
    (2010, 2015, 2020)
    """
    prefecture = Context(
        indicator_years={"gdp_pc": (2010, 2015, 2020), "pop": (2020,)},
        default_indicator="pop",
        adcodes=frozenset({"110100", "120100", "640100", "640200"}),
        province_adcodes=frozenset({"110000", "120000", "640000"}),
        tabs=("compare", "profile", "trend", "scatter", "ranking", "sectors", "disparity"),
        palettes=("YlGnBu", "YlOrRd", "RdBu"),
        scene_count=3,
        zoom_range=(3.0, 12.0),
        indicator_aliases={"gdp_per_capita": "gdp_pc"},
        flow_windows=("sf2020_pre", "sf2021_post"),
        flow_top_range=(5, 100),
    )
    county = dataclasses.replace(
        prefecture,
        indicator_years={"pop": (2010, 2020), "schooling": (2010, 2020)},
        adcodes=frozenset({"640104", "640522", "500101"}),
        indicator_aliases={},
    )
    return dataclasses.replace(prefecture, county=county)


def default_state(ctx: Context) -> AppState:
    """The state of the empty query: default indicator at its latest year, first tab.

    Examples
    --------
    >>> s = default_state(example_context())
    >>> s.indicator, s.year, s.tab, s.classes.token, s.sel, s.view, s.lang
    ('pop', 2020, 'compare', 'quantiles-5', (), None, None)
    """
    return AppState(
        indicator=ctx.default_indicator,
        year=ctx.indicator_years[ctx.default_indicator][-1],
        tab=ctx.default_tab,
        window=ctx.default_window,
    )


def state_with(state: AppState, **changes) -> AppState:
    """A copy of ``state`` with ``changes`` (:func:`dataclasses.replace`).

    Examples
    --------
    >>> s = state_with(default_state(example_context()), sel=["110100"], tab="trend")
    >>> s.sel, s.tab
    (('110100',), 'trend')
    """
    return dataclasses.replace(state, **changes)
