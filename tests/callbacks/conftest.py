"""Fixtures of the callback tests: callbacks are called directly, ``ctx`` is set through Dash's context variable."""

from __future__ import annotations

import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict


@pytest.fixture
def triggered():
    """``triggered(component_id, prop, value)`` makes ``dash.ctx.triggered_id`` return ``component_id``.

    Dash 4.4.1 keeps the callback context in the context variable
    ``dash._callback_context.context_value``; a callback reads ``ctx.triggered_id`` from its
    ``triggered_inputs``. The variable is restored after the test.
    """
    tokens = []

    def set_trigger(component_id: str, prop: str, value=None) -> None:
        context = AttributeDict(triggered_inputs=[{"prop_id": f"{component_id}.{prop}", "value": value}])
        tokens.append(context_value.set(context))

    yield set_trigger
    for token in reversed(tokens):
        context_value.reset(token)
