"""Embed mode's URL parameter and setting, and the presenter's scene list (issue 17)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from state.model import PARAMETERS, default_state, example_context, state_with
from state.parse import parse_query
from state.write import write_query
from web import settings

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def ctx():
    return example_context()


def test_embed_is_the_parameter_before_v():
    assert PARAMETERS[-2:] == ("embed", "v")


def test_embed_round_trips_and_defaults_off(ctx):
    state = state_with(default_state(ctx), embed=True)
    assert write_query(state, ctx) == "?embed=1&v=1"
    assert parse_query("?embed=1&v=1", ctx).state.embed is True
    assert parse_query("", ctx).state.embed is False


def test_embed_other_value_is_ignored_with_a_notice(ctx):
    result = parse_query("?embed=yes&v=1", ctx)
    assert result.state.embed is False
    assert [n.param for n in result.notices] == ["embed"]
    assert result.notices[0].message_en and result.notices[0].message_zh


def test_frame_ancestors_default_and_sources():
    assert settings.get("LED_FRAME_ANCESTORS", {}) == "'self'"
    assert settings.get("LED_FRAME_ANCESTORS", {"LED_FRAME_ANCESTORS": " 'self'  https://a.example "}) == (
        "'self' https://a.example"
    )


@pytest.mark.parametrize("raw", ["'self'; script-src *", "https://a.example,https://b.example", "'self'\nx"])
def test_frame_ancestors_refuses_another_directive(raw):
    with pytest.raises(ValueError, match="LED_FRAME_ANCESTORS"):
        settings.get("LED_FRAME_ANCESTORS", {"LED_FRAME_ANCESTORS": raw})


def test_frame_ancestors_reaches_the_csp():
    from web.security import content_security_policy

    assert "frame-ancestors 'self' https://a.example" in content_security_policy("'self' https://a.example")


def test_readme_has_a_copy_paste_iframe_snippet():
    text = README.read_text(encoding="utf-8")
    assert "<iframe src=" in text and "embed=1" in text and "LED_FRAME_ANCESTORS" in text


def test_scene_list_has_each_scenes_canonical_query_and_view():
    import callbacks  # noqa: F401  (registered first, as app.py does: web.page imports a callbacks module)
    from state import deployment as st
    from web.page import scene_list

    scenes = json.loads(scene_list("en"))
    assert len(scenes) == len(st.scenes())
    for n, scene in enumerate(scenes, start=1):
        parsed = st.parse(scene["query"]).state
        assert parsed == st.scene_state(n, "en")
        assert "bounds" in scene["fit"] or {"center", "zoom"} <= set(scene["fit"])


def test_disparity_headline_and_change_table_state_one_share_on_one_panel():
    """The 2020 headline's share between provinces is the change table's 2020 figure (same units)."""
    import callbacks  # noqa: F401  (as app.py: callbacks before web)
    from callbacks.charts import disparity_content
    from indicators.registry import get_indicator

    tree = disparity_content([], get_indicator("gdp_per_resident"), 2020, "en", [])
    text = str(tree.to_plotly_json())
    from indicators import disparity_report

    change = disparity_report.disparity_change("gdp_per_resident", 2010, 2020)
    share = round(change["b"]["share_between_province"] * 100)
    assert f"{share} %" in text or f"{share}%" in text
    assert f"{change['n_common']} units with data both in 2010" in text
