"""Time playback: the play button starts or pauses ``ledAtlas.playYears`` (assets/timeline.js) in the browser."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, clientside_callback

from layouts import ids

clientside_callback(
    ClientsideFunction("ledTime", "play"),
    Output(ids.PLAY, "title"),
    Input(ids.PLAY, "n_clicks"),
    prevent_initial_call=True,
)
