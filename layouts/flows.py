"""The flows panel: an empty frame that ``assets/flows.js`` fills from the page's ``data-flows``.

Python states every fact the browser needs once (:func:`flows_config`): the corridor windows with their
labels and caveats, the unit of the index (Baidu index points, never persons), the ``top`` limits and
defaults, the line colours, the label point of each unit and the panel's words in both languages. The
browser draws the lines (quadratic Bézier curves between label points) and the ranked list from the
``/api/corridors`` answer; the geometry of the map is never sent again.

Examples
--------
>>> cfg = json.loads(flows_config({"440300": [1.0, 2.0]}, [{"key": "w", "label": {}, "caveat": {}}],
...     {"min": 5, "max": 100, "unit": 20, "national": 50}, ["#fff"], {"zh": "点", "en": "pt"}, {}))
>>> cfg["points"]["440300"], cfg["words"]["en"]["flows_out"]
([1.0, 2.0], 'Leaving')
"""

from __future__ import annotations

import json

from dash import html

from layouts import ids
from layouts.i18n import t
from layouts.strings.flows import STRINGS

#: Flows are drawn for at most this many selected units (one request each).
MAX_FLOW_UNITS = 6
#: The choices of the ``top`` picker (a link may name any number in the allowed range).
TOP_CHOICES = (5, 10, 20, 50, 100)
#: Classes of line colour (and the palette they come from).
LINE_CLASSES = 5
LINE_PALETTE = "YlOrRd"


def flows_config(
    points: dict[str, list[float]],
    windows: list[dict],
    top: dict,
    colors: list[str],
    units: dict[str, str],
    source: dict[str, str],
    api: str = "/api/corridors",
) -> str:
    """JSON of the panel's ``data-flows`` attribute (see the module docstring)."""
    words = {lang: {key: t(key, lang) for key in STRINGS} for lang in ("zh", "en")}
    data = {
        "api": api,
        "selectionStore": ids.SELECTION,
        "points": points,
        "windows": windows,
        "directions": ["out", "in"],
        "top": {**top, "choices": list(TOP_CHOICES)},
        "maxUnits": MAX_FLOW_UNITS,
        "colors": colors,
        "units": units,
        "source": source,
        "words": words,
    }
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def flows_panel(config: str, lang: str) -> html.Div:
    """The panel frame: its heading is drawn by the browser too, in the page's language."""
    return html.Div(
        id=ids.FLOWS_PANEL,
        className="flows-panel",
        role="region",
        **{"data-flows": config, "aria-label": t("flows_title", lang), "aria-live": "polite"},
    )
