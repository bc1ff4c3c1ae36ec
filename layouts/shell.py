"""The page shell (Dash's index HTML): what loads first, what is preloaded, what waits.

The map needs Dash's renderer, dash-leaflet and the core components; the ranking grid
(dash-ag-grid, 1.3 MB of JavaScript) and the unused DataTable bundle are loaded only when a tab of
:data:`DEFERRED_TABS` is opened (``assets/map.js``, ``loadDeferred``), and the geometry files plus the lazily loaded
chunks the map needs are preloaded while those scripts are still parsing.
"""

from __future__ import annotations

import hashlib
import html
import re
from functools import lru_cache
from pathlib import Path

#: Script URLs containing one of these load after the map is drawn (in this order).
DEFERRED = ("/dash_table/", "/dash_ag_grid/", "/assets/dashAgGridFunctions.js")
#: Chart tabs that need the deferred scripts (the ranking grid and the comparison table are AG Grids).
DEFERRED_TABS = ("ranking", "table")
#: ... on the projector (presenter mode), whose ranking is a plain table (layouts/charts/ranking.py).
PRESENTER_DEFERRED_TABS = ("table",)

#: Webpack chunks the first map needs (fetched by the component only once it renders).
MAP_CHUNKS = (
    "_dash-component-suites/dash_leaflet/async-GeoJSON.js",
    "_dash-component-suites/dash_leaflet/async-geobuf.js",
    "_dash-component-suites/dash/dcc/async-dropdown.js",
)

#: The page's icon, inline (a map-blue square): Dash's default ``/_favicon.ico`` is 15 kB.
FAVICON = (
    '<link rel="icon" href="data:image/svg+xml,'
    "%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E"
    "%3Crect width='16' height='16' rx='3' fill='%232c7fb8'/%3E%3C/svg%3E\">"
)

#: The plotly.js that ``dcc.Graph`` loads when a chart is first drawn: the official *basic* partial bundle
#: (npm ``plotly.js-basic-dist-min``, MIT, the same plotly.js version as the ``plotly`` package's full
#: bundle), vendored under ``assets/vendor/`` (which Dash does not load by itself: app.py
#: ``assets_path_ignore``). It holds the ``bar``, ``pie`` and ``scatter`` traces -- every chart of the
#: page is made of bars and scatter traces -- in 330 kB of Brotli instead of the full bundle's 1,234 kB.
PLOTLY_BUNDLE = "vendor/plotly-basic.min.js"
#: The trace types :data:`PLOTLY_BUNDLE` can draw (a figure with any other type would draw nothing).
PLOTLY_TRACES = ("bar", "pie", "scatter")
ASSETS = Path(__file__).resolve().parent.parent / "assets"


#: The side-by-side maps of ``mode=split``: under ``assets/on_demand/`` (which Dash does not load by itself:
#: app.py ``assets_path_ignore``), loaded by the page with the first hideout that has ``split``
#: (``assets/map.js`` ``wantSplit``); a page opened at ``mode=split`` has them in its head.
SPLIT_ASSETS = ("on_demand/split.css", "on_demand/split.js")


@lru_cache(maxsize=16)
def asset_url(name: str, prefix: str = "/") -> str:
    """The URL of the asset ``name`` under the app's path prefix, fingerprinted by its bytes."""
    digest = hashlib.sha256((ASSETS / name).read_bytes()).hexdigest()[:12]
    return f"{prefix}assets/{name}?v={digest}"


def plotly_url(prefix: str = "/") -> str:
    """The URL of :data:`PLOTLY_BUNDLE` under the app's path prefix, fingerprinted by its bytes."""
    return asset_url(PLOTLY_BUNDLE, prefix)


def split_tags(prefix: str = "/", now: bool = False) -> str:
    """The URLs of :data:`SPLIT_ASSETS` as a meta tag; with ``now`` (a page opened at ``mode=split``) also the
    stylesheet and the script's preload, so that the two maps are laid out from the first frame.

    >>> print(split_tags("/", now=True).replace(asset_url("on_demand/split.css"), "S").replace(asset_url("on_demand/split.js"), "J"))
    <meta name="led-split-assets" content="S J">
    <link rel="stylesheet" href="S">
    <link rel="preload" href="J" as="script">
    """
    css, js = (asset_url(name, prefix) for name in SPLIT_ASSETS)
    esc = html.escape
    tags = [f'<meta name="led-split-assets" content="{esc(css)} {esc(js)}">']
    if now:
        tags += [f'<link rel="stylesheet" href="{esc(css)}">', f'<link rel="preload" href="{esc(js)}" as="script">']
    return "\n".join(tags)


_SCRIPT = re.compile(r'<script src="([^"]+)"></script>\s*')


def split_scripts(scripts: str, deferred=DEFERRED) -> tuple[str, list[str]]:
    """``(scripts without the deferred ones, the deferred URLs in page order)``.

    >>> split_scripts('<script src="/a.js"></script>\\n<script src="/x/dash_ag_grid/g.js"></script>\\n')
    ('<script src="/a.js"></script>\\n', ['/x/dash_ag_grid/g.js'])
    """
    later: list[str] = []

    def keep(m: re.Match) -> str:
        if any(d in m.group(1) for d in deferred):
            later.append(html.unescape(m.group(1)))
            return ""
        return m.group(0)

    return _SCRIPT.sub(keep, scripts), later


def head_tags(fetches: list[str], scripts: list[str], deferred: list[str], plotly: str = "", tabs=DEFERRED_TABS) -> str:
    """Preload links for ``fetches`` (fetch()ed files) and ``scripts``, the deferred list, the chart ``tabs`` that
    wait for it and the URL of the plotly.js bundle (``assets/graph_bundle.js``) as meta tags.

    >>> print(head_tags(["/geo/u.pbf"], ["/c.js"], ["/g.js"], "/p.js"))
    <link rel="preload" href="/geo/u.pbf" as="fetch" crossorigin="anonymous">
    <link rel="preload" href="/c.js" as="script">
    <meta name="led-deferred-scripts" content="/g.js">
    <meta name="led-deferred-tabs" content="ranking table">
    <meta name="led-plotly-js" content="/p.js">
    """
    esc = html.escape
    tags = [f'<link rel="preload" href="{esc(u)}" as="fetch" crossorigin="anonymous">' for u in fetches]
    tags += [f'<link rel="preload" href="{esc(u)}" as="script">' for u in scripts]
    tags.append(f'<meta name="led-deferred-scripts" content="{esc(" ".join(deferred))}">')
    tags.append(f'<meta name="led-deferred-tabs" content="{esc(" ".join(tabs))}">')
    if plotly:
        tags.append(f'<meta name="led-plotly-js" content="{esc(plotly)}">')
    return "\n".join(tags)
