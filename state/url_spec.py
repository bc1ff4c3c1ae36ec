"""What the browser's URL writer needs to know, emitted from the Python model of the URL.

The query string has one model, :mod:`state.model`, :mod:`state.parse`, :mod:`state.write` and
:mod:`state.migrations` (parameter order, defaults, version, migrations). The browser writes the same query for the indicator, year, tab and selection it
switches without the server (``assets/map.js``, ``ledAtlas.writeQuery``); it types no parameter
name, default or version itself but reads them from :func:`url_spec`, which the page carries as a
JSON data attribute (``data-url-spec`` on ``.app``). ``tests/browser/test_url_writers.py`` checks
that both writers write the same query for a table of states.

Examples
--------
>>> from state.model import example_context
>>> spec = url_spec(example_context())
>>> spec["order"][:3], spec["version"]
(['indicator', 'level', 'year'], ['v', 1])
>>> spec["default_by"]["indicator"]["defaults"]["county"], spec["defaults"]["classes"], spec["defaults"]["sel"]
('pop', 'quantiles-5', '')
>>> spec["defaults"]["level"], spec["default_by"]["year"]["level_defaults"]["county"]["schooling"]
('prefecture', 2020)
>>> spec["default_by"]["year"]["param"], spec["default_by"]["year"]["defaults"]["gdp_pc"], spec["only_with"]["scene"]
('indicator', 2020, 'present')
"""

from __future__ import annotations

import json

from state.migrations import CURRENT_VERSION
from state.model import PARAMETERS, AppState, ClassSpec, Context, default_state, state_with
from state.write import LIST_SEPARATOR, SAFE, VERSION_PARAM, write_query

#: A parameter written only when another is (``scene`` only with ``present=1``, the flow window and
#: number of partners only with ``flows``).
ONLY_WITH = {"scene": "present", "window": "flows", "top": "flows"}


def _default_text(value) -> str:
    """The query text of a default value; ``""`` for "absent" (``None``, ``False``, no codes)."""

    if value is None or value is False or value == ():
        return ""
    if isinstance(value, ClassSpec):
        return value.token
    return str(value)


def url_spec(ctx: Context) -> dict:
    """Order, defaults and version of the query parameters, for the browser's writer.

    ``defaults`` holds each parameter's default as query text (``""``: written only when not
    empty); ``default_by`` the defaults that depend on another parameter (``year``: the indicator's
    latest year);
    ``only_with`` the parameters written only together with another one.
    """

    state = default_state(ctx)
    order = [name for name in PARAMETERS if name != VERSION_PARAM]
    latest = {key: years[-1] for key, years in ctx.indicator_years.items()}
    default_by = {"year": {"param": "indicator", "defaults": latest}}
    if ctx.county is not None:  # the indicator's default and its latest year depend on the level
        county = ctx.county
        default_by["indicator"] = {
            "param": "level",
            "defaults": {"": ctx.default_indicator, "prefecture": ctx.default_indicator, "county": county.default_indicator},
        }
        default_by["year"]["level_defaults"] = {
            "county": {key: years[-1] for key, years in county.indicator_years.items()}
        }
    return {
        "order": order,
        "defaults": {name: _default_text(getattr(state, name)) for name in order if name not in default_by},
        "default_by": default_by,
        "only_with": dict(ONLY_WITH),
        "version": [VERSION_PARAM, CURRENT_VERSION],
        "safe": SAFE,
        "separator": LIST_SEPARATOR,
    }


def url_spec_json(ctx: Context) -> str:
    """:func:`url_spec` as compact JSON, for the page's ``data-url-spec`` attribute."""
    return json.dumps(url_spec(ctx), separators=(",", ":"), ensure_ascii=False)


def query_with(state: AppState, ctx: Context, **changes) -> str:
    """The query of ``state`` with ``changes`` (fields of :class:`AppState`), written by ``write_query``.

    >>> from state.model import default_state, example_context
    >>> ctx = example_context()
    >>> query_with(default_state(ctx), ctx, lang="zh")
    '?lang=zh&v=1'
    >>> query_with(default_state(ctx), ctx, present=True, scene=1, lang="en")
    '?lang=en&present=1&v=1'
    """

    return write_query(state_with(state, **changes), ctx)
