"""Flows on the map: the selection is handed to ``assets/flows.js``, which asks ``/api/corridors`` and draws.

No server callback: the lines and the ranked list are drawn in the browser from the corridor route's
answer, so switching the direction or the window for the same unit sends neither geometry nor layout.
"""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, clientside_callback

from layouts import ids

clientside_callback(
    ClientsideFunction("ledFlows", "selection"),
    Output(ids.FLOWS_SINK, "data"),
    Input(ids.SELECTION, "data"),
)
