"""Presenter mode: the scene block above the map and what the browser needs to change scenes in the page.

The scenes themselves are data (``layouts/scenes.yaml``, read by :mod:`state.deployment`); this module
only builds components and the JSON the page carries for ``assets/present.js``.
"""

from __future__ import annotations

import json

from dash import html

from layouts import ids
from layouts.i18n import t


def scene_children(scene: dict | None, lang: str) -> list:
    """The title, caption and key help of one scene (empty texts outside presenter mode)."""
    return [
        html.H2(scene.get(f"title_{lang}", "") if scene else "", className="scene-title"),
        html.P(scene.get(f"caption_{lang}", "") if scene else "", className="scene-text"),
        html.P(t("present_keys", lang), className="scene-keys"),
    ]


def scene_list_json(scenes: list[dict]) -> str:
    """The scenes as ``assets/present.js`` reads them from ``data-scene-list``.

    Each entry: ``query`` (the scene's canonical URL query, written by ``write_query``) and ``fit``
    (``{"bounds": …}`` or ``{"center": …, "zoom": …}``: the map view to move to without a reload).

    >>> scene_list_json([{"query": "?present=1&v=1", "fit": {"bounds": [[0, 0], [1, 1]]}}])
    '[{"query":"?present=1&v=1","fit":{"bounds":[[0,0],[1,1]]}}]'
    """
    return json.dumps(scenes, separators=(",", ":"), ensure_ascii=False)


def full_view_link(lang: str):
    """Embed mode's "open full view" link (shown only in ``.app.embed``; its href follows the URL,
    ``assets/share.js``): the same view without ``embed``, in a new browser tab."""
    return html.A(
        t("open_full_view", lang),
        id=ids.FULL_VIEW,
        href="/",
        target="_blank",
        rel="noopener",
        className="full-view-link",
    )
