"""The map callbacks at county level: a mode switch to LISA recolours the counties with their clusters."""

from __future__ import annotations

from callbacks import map as map_cb
from indicators.display import LISA_COLORS


def test_recolour_request_at_county_level_in_lisa_mode_sends_county_clusters():
    request = {"indicator": "migrants_other_prov_pct", "year": 2020, "scheme": "quantiles", "k": 5, "breaks": "",
               "palette": None, "mode": "lisa", "level": "county"}
    hide, legend, breaks_class = map_cb.recolour_request(request, ["640104"], "en")
    assert hide["level"] == "county" and hide["colors"] == list(LISA_COLORS)
    assert "640104" in hide["c"] and "640100" not in hide["c"]  # counties, not prefectures
    assert hide["sel"] == ["640104"] and breaks_class == "breaks-input"


def test_recolour_request_at_county_level_in_values_mode_keeps_the_national_county_scale():
    request = {"indicator": "migrants_other_prov_pct", "year": 2020, "scheme": "quantiles", "k": 5, "breaks": "",
               "palette": None, "mode": "values", "level": "county"}
    hide, _legend, _ = map_cb.recolour_request(request, [], "en")
    assert len(hide["colors"]) == 5 and len(hide["c"]) > 2700


def test_url_write_at_county_level_keeps_county_codes_and_county_only_indicators():
    from callbacks import url as url_cb

    search = "?indicator=avg_schooling_years&level=county&view=640000&v=1"
    query = url_cb.write(search, "avg_schooling_years", 2020, "quantiles", 5, "", "auto", "compare", "values",
                         ["640104", "640522"], None)
    assert "sel=640104~640522" in query and "level=county" in query and "indicator=avg_schooling_years" in query
    query = url_cb.write(search, "avg_schooling_years", 2020, "equal_interval", 5, "", "auto", "compare", "values",
                         [], None)
    assert "equal_interval" in query  # a class change on a county-only indicator is written too
