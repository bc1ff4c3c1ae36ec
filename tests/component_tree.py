"""Finding components in a Dash component tree as the browser receives it (JSON: dicts and lists), for tests."""

from __future__ import annotations


def find_props(tree, match) -> list[dict]:
    """The props of every component of ``tree`` for which ``match(node)`` holds, in document order.

    >>> tree = {"type": "Div", "props": {"children": [{"type": "Graph", "props": {"id": "g", "figure": {}}}]}}
    >>> [p["id"] for p in find_props(tree, lambda n: n.get("type") == "Graph")]
    ['g']
    """
    found = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("props"), dict) and match(node):
                found.append(node["props"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(tree)
    return found


def with_id(component_id: str):
    """A ``match`` for :func:`find_props`: the component with that id."""
    return lambda node: node["props"].get("id") == component_id
