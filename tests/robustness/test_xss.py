"""User-controlled strings are shown as text, never run: URL values, search text, typed breaks.

Headless Chromium opens the page with script-bearing query values, types script text into the
indicator search, the unit search and the breaks field, and checks that no injected script ran
(``window.__xss`` stays undefined, no injected element exists), that the rejected values are shown
as plain text, and that the Content-Security-Policy raised no console error while Playwright's
``wait_for_function`` still worked under it.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from layouts.i18n import t

pytestmark = pytest.mark.browser

PAYLOAD_IMG = "<img src=x onerror=window.__xss=1>"
PAYLOAD_SCRIPT = "<script>window.__xss=1</script>"
PAYLOAD_SVG = '"><svg onload="window.__xss=1">'
URL_CASES = {
    "unknown params": {"foo": PAYLOAD_IMG, "sel": PAYLOAD_SCRIPT},
    "every param": {
        "indicator": PAYLOAD_SVG,
        "year": PAYLOAD_IMG,
        "classes": PAYLOAD_SCRIPT,
        "view": PAYLOAD_IMG,
        "tab": "javascript:window.__xss=1",
        "lang": PAYLOAD_SCRIPT,
        "palette": PAYLOAD_IMG,
        "ds": PAYLOAD_SVG,
        PAYLOAD_IMG: PAYLOAD_SCRIPT,
    },
    "legacy params": {"ind": PAYLOAD_IMG, "codes": PAYLOAD_SCRIPT, "lang": "cn"},
}
MAP_DRAWN = """() => {
  const paths = document.querySelectorAll("path.unit");
  return paths.length >= 370 && Array.from(paths).every((p) => p.getAttribute("fill"));
}"""
# Elements that only the payloads would create: the image, or anything carrying an inline handler.
INJECTED = "() => document.querySelectorAll('img[src=\"x\"], [onerror], [onload]').length"
# Inline scripts Dash writes itself: the renderer start and the clientside-callback definitions.
OWN_INLINE = "() => Array.from(document.querySelectorAll('script:not([src])')).filter((s) => !s.type).map((s) => s.textContent.slice(0, 60))"


def _open(browser, url: str):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US")
    context.set_default_timeout(20_000)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    page.goto(url)
    page.wait_for_function(MAP_DRAWN)  # Playwright's string evaluation must work under the CSP
    return context, page, console


def _own_inline_scripts_only(page) -> bool:
    return all(text.lstrip().startswith(("(function()", "(function ()")) for text in page.evaluate(OWN_INLINE))


@pytest.mark.parametrize("params", URL_CASES.values(), ids=URL_CASES.keys())
def test_url_values_are_shown_as_text_not_run(in_browser, base_url, params):
    url = f"{base_url}/?{urlencode(params)}"

    def check(browser):
        context, page, console = _open(browser, url)
        try:
            page.wait_for_load_state("networkidle")  # the URL-sync callbacks have answered too
            notices = page.inner_text("body")
            return {
                "xss": page.evaluate("() => window.__xss"),
                "injected": page.evaluate(INJECTED),
                "own_scripts_only": _own_inline_scripts_only(page),
                "shown_as_text": "<img src=x" in notices or "<script>" in notices or "<svg" in notices,
                "csp_errors": [c for c in console if "Content Security Policy" in c or "Content-Security-Policy" in c],
                "console": console,
            }
        finally:
            context.close()

    seen = in_browser(check)
    assert seen["xss"] is None, f"an injected script ran: {seen}"
    assert seen["injected"] == 0, f"an injected element is in the page: {seen}"
    assert seen["own_scripts_only"], f"an inline script that Dash did not write is in the page: {seen}"
    assert seen["shown_as_text"], "the rejected value is not shown to the user (as text) in a notice"
    assert not seen["csp_errors"], seen["csp_errors"]


def test_typed_text_is_not_run(in_browser, base_url):
    """Script text typed into the indicator search, the unit search and the breaks field stays text."""
    url = f"{base_url}/?classes=user_defined-100_300_600"

    def check(browser):
        context, page, console = _open(browser, url)
        typed = []
        try:
            page.click("#indicator-picker")
            page.fill("input.dash-dropdown-search", PAYLOAD_IMG)
            page.keyboard.press("Escape")
            typed.append("indicator search")
            if page.locator("#unit-search").count():
                page.click("#unit-search")
                search = page.locator("input.dash-dropdown-search").last
                with page.expect_response(lambda r: "_dash-update-component" in r.url):  # the options callback
                    search.fill(PAYLOAD_SCRIPT)
                page.keyboard.press("Escape")
                typed.append("unit search")
            breaks = page.locator("#breaks-input")
            if breaks.count() and breaks.is_visible():
                breaks.fill(PAYLOAD_IMG)
                breaks.press("Enter")
                # the server has answered: the caption says the breaks are not usable
                page.get_by_text(t("bad_breaks", "en").split(":")[0]).first.wait_for()
                typed.append("breaks")
            return {
                "typed": typed,
                "xss": page.evaluate("() => window.__xss"),
                "injected": page.evaluate(INJECTED),
                "csp_errors": [c for c in console if "Content Security Policy" in c],
            }
        finally:
            context.close()

    seen = in_browser(check)
    print(f"\ntyped script text into: {', '.join(seen['typed'])}")
    assert "indicator search" in seen["typed"]
    assert seen["xss"] is None, f"typed script ran: {seen}"
    assert seen["injected"] == 0, f"typed markup became an element: {seen}"
    assert not seen["csp_errors"], seen["csp_errors"]
