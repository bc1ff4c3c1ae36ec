"""Every component id of the page, in one place."""

URL = "url"
NOTICES = "notices"
INDICATOR = "indicator-picker"
INDICATOR_OPTIONS = "indicator-options-later"
YEAR = "year-picker"
SCHEME = "scheme-picker"
K = "k-picker"
PALETTE = "palette-picker"
LANG = "lang-store"
MAP = "map"
FIRST_FRAME = "first-frame"
UNITS = "units-layer"
INSET = "inset-layer"
PROVINCES = "provinces-layer"
MARITIME = "maritime-layer"
INSET_FRAME = "inset-frame"
LEGEND = "legend"
CAPTION = "caption"
CONTEXT_LINE = "context-line"
SELECTION = "selection-store"
SIDE_PANEL = "side-panel"
CLEAR = "clear-selection"
BREAKS = "breaks-input"
LANG_LINK = "lang-link"
PRESENT_LINK = "present-link"
COPY_LINK = "copy-link"
TABS = "chart-tabs"
CHARTS = "chart-area"
SCENE_CAPTION = "scene-caption"
SCENE_STORE = "scene-store"
CSV_ALL = "csv-all-link"
CSV_SEL = "csv-selection-link"
MAP_PNG = "map-png-button"
MODE = "map-mode"
NAV = "nav-location"
VIEW_STORE = "view-store"
RECOLOUR_REQUEST = "recolour-request"
YEARS_STORE = "years-store"
VALUES_URL = "values-url-store"
TITLE_SINK = "title-sink"
RECOLOUR_ANSWER = "recolour-answer"  # the server's colours, legend and caption for one request (assets/map.js)
STYLE_SINK = "style-sink"
URL_EVENT = "url-event"  # the URL after back / forward (not after the page's own writes)
URL_SINK = "url-sink"
PANEL_REQUEST = "panel-request"  # side panel: only when its content can change
DRAWN = "drawn-shape"  # the last box / polygon drawn, only when there is one (callbacks/select_tools.py)
CHARTS_REQUEST = "charts-request"  # the chart tab to draw, once the map is drawn (assets/map.js)
CHARTS_RESPONSE = "charts-response"  # {t, tree} from the server, applied unless the browser drew newer
COPY_EMBED = "copy-embed"  # the share menu's "copy embed code" (callbacks/share.py)
FULL_VIEW = "full-view-link"  # embed mode: "open full view"
CONTROLS_DRAWER = "controls-drawer"  # phone layout: the pickers in a drawer
FLOWS_PANEL = "flows-panel"  # filled by assets/flows.js from its data-flows (layouts/flows.py); no callback writes it
FLOWS_SINK = "flows-sink"  # the selection handed to assets/flows.js (callbacks/flows.py)
DETAIL = "detail-layer"  # + "-<slot>": provinces drawn in detail when the view is small (assets/view.js)
# The chart tabs (rendered inside CHARTS; layouts/charts/)
SCATTER_Y = "scatter-y"
SCATTER_LOG = "scatter-log"
SCATTER_GRAPH = "scatter-graph"
SCATTER_FRAME = "scatter-frame"  # its role="img" frame: the aria-label can follow the figure
SCATTER_NOTICE = "scatter-notice"
RANKING_GRID = "ranking-grid"
RANKING_NOTICE = "ranking-notice"
RANKING_LIST = "ranking-list"  # the projector's ranking: a table of the top and the bottom (layouts/charts/ranking.py)
PROFILE_PRINT = "profile-print"
TABLE_GRID = "table-grid"  # the comparison table (layouts/charts/table.py)
TABLE_COLS = "table-cols"
TABLE_DEFAULT_COLS = "table-default-cols"  # the default columns, "a~b": assets/table.js writes no cols for them
TABLE_WRAP = "table-wrap"
TABLE_LINKS = "table-links"
PEER_INDICATORS = "peer-indicators"
PEER_N = "peer-n"
PEER_SELECT = "peer-select"
PEER_RESULTS = "peer-results"
PEER_CODES = "peer-codes"
# Time (layouts/timeline.py, assets/timeline.js)
PLAY = "play-years"  # the play button; data-step-years="1" when the scene lets ← → step years
YEAR_STAMP = "year-stamp"  # the year (or "2010 → 2020") over the map
SPLIT_PANE = "split-pane"  # mode=split: the left map (the first year), drawn by assets/on_demand/split.js
SPLIT_MAP = "split-map"  # the left map's Leaflet container
SPLIT_STAMP = "split-stamp"  # the left map's year
TIME_NOTE = "time-note"  # "classes fixed across …", "no data for …" while the classes are fixed
# The county level (issue 13; web/county_page.py)
COUNTY_CONTEXT = "county-context-layer"  # grey prefectures dissolved from the counties, around a drill-down
COUNTY_PROVINCE_LINK = "county-province-link"  # the counties of the province picked in the selection tools
LEVEL = "level-store"  # {"level", "province"}: what the map draws (web/page.py, from the URL's level and view)
COUNTY_NOTE = "county-note"  # how many residents the county map cannot draw
