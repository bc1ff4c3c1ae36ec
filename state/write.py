"""Write an :class:`~state.model.AppState` back as a query string: only the values that differ from the
defaults, in the order of :data:`~state.model.PARAMETERS`. Pure (standard library only).
"""

from __future__ import annotations

from urllib.parse import urlencode

from state.migrations import CURRENT_VERSION
from state.model import (  # noqa: F401  (docstring examples)
    DEFAULT_CLASSES,
    AppState,
    ClassSpec,
    Context,
    MapView,
    default_state,
    example_context,
    format_float,
    state_with,
)


def _format_view(view: str | MapView) -> str:
    if isinstance(view, MapView):
        return ",".join(format_float(x) for x in (view.lat, view.lng, view.zoom))
    return view


#: The version parameter, written last whenever anything else is written.
VERSION_PARAM = "v"
#: Characters left unencoded in values.
SAFE = "~,"
#: Joins the codes of ``sel``.
LIST_SEPARATOR = "~"


def write_query(state: AppState, ctx: Context) -> str:
    """The query string of ``state``: ``"?…"`` with only non-default values, or ``""``.

    Parameters are written in the order of :data:`PARAMETERS`; ``v`` is appended whenever anything
    else is written. Values are URL-encoded with ``~`` and ``,`` left as they are.

    Examples
    --------
    >>> ctx = example_context()
    >>> s = state_with(default_state(ctx), sel=("640100", "640200"), view=MapView(38.5, 106.25, 7),
    ...                classes=ClassSpec("user_defined", breaks=(0.5, 1, 2, 5)), lang="zh")
    >>> write_query(s, ctx)
    '?classes=user_defined-0.5_1_2_5&sel=640100~640200&view=38.5,106.25,7&lang=zh&v=1'
    >>> from state.parse import parse_query
    >>> parse_query(write_query(s, ctx), ctx).state == s
    True
    >>> c = state_with(default_state(ctx), level="county", indicator="schooling", year=2010, sel=("640104",))
    >>> write_query(c, ctx)
    '?indicator=schooling&level=county&year=2010&sel=640104&v=1'
    >>> parse_query(write_query(c, ctx), ctx).state == c
    True
    """
    pairs = []
    ctx = ctx.at_level(state.level)
    if state.indicator != ctx.default_indicator:
        pairs.append(("indicator", state.indicator))
    if state.level != "prefecture":
        pairs.append(("level", state.level))
    if state.year != ctx.latest_year(state.indicator):
        pairs.append(("year", str(state.year)))
    if state.classes != DEFAULT_CLASSES:
        pairs.append(("classes", state.classes.token))
    if state.sel:
        pairs.append(("sel", LIST_SEPARATOR.join(state.sel)))
    if state.view is not None:
        pairs.append(("view", _format_view(state.view)))
    if state.tab != ctx.default_tab:
        pairs.append(("tab", state.tab))
    if state.lang is not None:
        pairs.append(("lang", state.lang))
    if state.present:
        pairs.append(("present", "1"))
        if state.scene != 1:
            pairs.append(("scene", str(state.scene)))
    if state.ds is not None:
        pairs.append(("ds", state.ds))
    if state.palette is not None:
        pairs.append(("palette", state.palette))
    if state.mode != "values":
        pairs.append(("mode", state.mode))
    if state.flows is not None:  # window and top only with flows (url_spec ONLY_WITH)
        pairs.append(("flows", state.flows))
        if state.window not in (None, ctx.default_window):
            pairs.append(("window", state.window))
        if state.top is not None:
            pairs.append(("top", str(state.top)))
    if state.cols:
        pairs.append(("cols", LIST_SEPARATOR.join(state.cols)))
    if state.embed:
        pairs.append(("embed", "1"))
    if not pairs:
        return ""
    pairs.append((VERSION_PARAM, str(CURRENT_VERSION)))
    return "?" + urlencode(pairs, safe=SAFE)
