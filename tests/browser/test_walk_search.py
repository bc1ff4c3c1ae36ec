"""Browser test of a planner's walk (issue 18): the indicator search in the Chinese interface.

"农民工" found only the unclickable family header, "就业" missed the 从业人员 and 工资 indicators,
the search box said "Search", the list showed about four rows and the map-keys hint was drawn over it.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# The open list: clickable options, how many are fully visible, and whether each visible one is the
# topmost element at its centre (nothing drawn over it).
OPEN_LIST = """
() => {
  const pop = document.querySelector(".dash-dropdown-content[data-state=open]");
  const options = [...pop.querySelectorAll("[role=option]")];
  const inView = (el) => {
    const r = el.getBoundingClientRect();
    let box = pop.getBoundingClientRect();
    for (let p = el.parentElement; p && p !== pop.parentElement; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (/(auto|scroll|hidden)/.test(s.overflowY)) {
        const b = p.getBoundingClientRect();
        box = { top: Math.max(box.top, b.top), bottom: Math.min(box.bottom, b.bottom) };
      }
    }
    return r.height > 0 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
  };
  const visible = options.filter(inView);
  const covered = visible.filter((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !(top && el.contains(top));
  }).map((el) => el.textContent);
  return {
    placeholder: pop.querySelector("input.dash-dropdown-search").getAttribute("placeholder"),
    enabled: options.filter((el) => el.getAttribute("aria-disabled") !== "true" && !el.hasAttribute("data-disabled"))
      .map((el) => el.textContent),
    visible: visible.length,
    covered,
  };
}
"""


def _search(page, text: str) -> dict:
    pop = page.locator(".dash-dropdown-content[data-state=open]")
    box = pop.locator("input.dash-dropdown-search")
    box.fill(text)
    page.wait_for_function(
        "(text) => { const pop = document.querySelector('.dash-dropdown-content[data-state=open]');"
        " return pop && pop.querySelector('input.dash-dropdown-search').value === text; }",
        arg=text,
        polling=100,
    )
    return page.evaluate(OPEN_LIST)


def test_indicator_search_finds_indicators_by_family_and_synonym_in_chinese(recorded_page, open_map):
    from indicators.registry import get_indicator

    page = open_map(recorded_page, "/?lang=zh").page
    page.locator("#indicator-picker").click()
    page.wait_for_selector(".dash-dropdown-content[data-state=open] input.dash-dropdown-search")

    opened = page.evaluate(OPEN_LIST)
    assert opened["placeholder"] != "Search" and "指标" in opened["placeholder"], opened["placeholder"]
    assert opened["visible"] >= 8, f"the list shows {opened['visible']} rows"
    assert opened["covered"] == [], f"drawn over: {opened['covered']}"

    migrants = _search(page, "农民工")
    for key in ("migrants_other_prov", "migrants_other_county"):
        assert get_indicator(key).label_zh in migrants["enabled"], migrants["enabled"]

    jobs = _search(page, "就业")
    for key in ("emp_nonprivate", "avg_wage", "unemployment_rate_reg"):
        assert get_indicator(key).label_zh in jobs["enabled"], jobs["enabled"]
    assert jobs["visible"] >= 8

    wage = _search(page, "income")  # an English synonym in the Chinese interface
    assert get_indicator("avg_wage").label_zh in wage["enabled"]
    assert recorded_page.errors == []
