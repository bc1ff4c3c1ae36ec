"""The share menu and embed mode, in the browser (``assets/share.js``): "copy embed code" and the embed
view's "open full view" link follow the URL."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, clientside_callback

from layouts import ids

# "Copy embed code": an <iframe> of the current view with embed=1.
clientside_callback(
    ClientsideFunction("ledShare", "embedCode"),
    Output(ids.COPY_EMBED, "content"),
    Input(ids.COPY_EMBED, "n_clicks"),
    prevent_initial_call=True,
)

# Embed mode's "open full view": the current view without embed=1.
clientside_callback(
    ClientsideFunction("ledShare", "fullView"),
    Output(ids.FULL_VIEW, "href"),
    Input(ids.URL, "search"),
)
