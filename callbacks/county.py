"""County level (issue 13): the "counties of the picked province" link follows the province picker and,
on the prefecture map, a click on a unit (its province's counties: a click and the link drill down).

No server round trip: the browser takes the whole-country county link the server wrote (its
indicator and year already valid at county level) and writes the picked province into its ``view``
with the one URL writer (``ledAtlas.writeQuery``).
"""

from __future__ import annotations

from dash import Input, Output, State, clientside_callback

from layouts import ids
from layouts import select_tools as tools

clientside_callback(
    """function (province, selection, href) {
        var ns = window.ledAtlas, nu = window.dash_clientside.no_update;
        var whole = document.getElementById("county-whole-country");
        var c = window.dash_clientside.callback_context;
        var bySelection = ((c && c.triggered) || []).some(function (t) { return String(t.prop_id).indexOf("selection-store") === 0; });
        if (bySelection) {  // the province of the last selected unit (a prefecture code's first two digits)
            var last = Array.isArray(selection) && selection.length ? String(selection[selection.length - 1]) : "";
            province = /^[0-9]{6}$/.test(last) ? last.slice(0, 2) + "0000" : "";
        }
        if (!ns || !whole || !/^[0-9]{6}$/.test(province || "")) return nu;
        var base = whole.getAttribute("href") || "/";
        var state = ns.readQuery(base.indexOf("?") >= 0 ? base.slice(base.indexOf("?")) : "");
        state.view = province;
        return "/" + ns.writeQuery(state);
    }""",
    Output(ids.COUNTY_PROVINCE_LINK, "href"),
    Input(tools.PROVINCE, "value"),
    Input(ids.SELECTION, "data"),
    State(ids.COUNTY_PROVINCE_LINK, "href"),
    prevent_initial_call=True,
)
