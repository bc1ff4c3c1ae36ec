"""The map's time bar: the play button, the year stamp over the map and the fixed-classes note.

``assets/timeline.js`` plays the years (``ledAtlas.playYears``), steps them (``ledAtlas.stepYear``,
what the presenter's ← → call when the scene says ``step_years: true``) and keeps the stamp on the
year the map shows (its hideout's ``year``).
"""

from __future__ import annotations

from dash import html

from layouts import ids
from layouts.i18n import t


def time_bar(lang: str, stamp: str, step_years: bool = False):
    """The play button, the year stamp and the (empty) note, over the map's top-left corner.

    >>> time_bar("en", "2020", step_years=True).children[1].children
    '2020'
    """
    return html.Div(
        [
            html.Button(
                t("play", lang),
                id=ids.PLAY,
                n_clicks=0,
                className="btn btn-play",
                title=t("play_title", lang),
                **{
                    "data-step-years": "1" if step_years else "0",
                    "data-words": "|".join((t("play", lang), t("pause", lang), t("one_year_only", lang))),
                },
            ),
            html.Div(stamp, id=ids.YEAR_STAMP, className="year-stamp", **{"aria-live": "polite"}),
            html.Div("", id=ids.TIME_NOTE, className="time-note"),
        ],
        className="time-bar",
    )
