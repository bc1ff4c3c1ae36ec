"""Browser tests of accessibility (issue #6): text contrast (WCAG 2.x AA) and keyboard use of the map.

Contrast
    Measured in the page, as drawn, in English and Chinese, without and with a selection (every chart
    tab), with a dropdown menu and the upload form open, and in presenter mode. For every visible
    element with its own text: the text colour and the effective background behind it, found by
    drawing the backgrounds of all its ancestors from the root down, with rgba alpha composited and
    each ancestor's ``opacity`` applied to its whole subtree. A box positioned over other content
    (``position: absolute/fixed``) with a see-through background — the legend and the key hint over
    the map — is checked over black and over white, whatever lies beneath it. Contrast ratio by the
    WCAG 2.x relative luminance; at least 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold).

    Covered separately: the text of the Plotly charts (SVG ``fill`` against the plot background;
    letters drawn on a marker against the marker colour) and the unit tooltip of the map.

    Not covered: text inside the Leaflet panes other than the tooltip (the map has no text labels);
    hover labels of Plotly; the coloured key symbols (■ ┃ ━) of the charts, which are graphics
    (WCAG 1.4.11, 3:1, not tested); text of disabled controls (exempt in WCAG); text over
    background images or gradients (none carries text here); focus indicators; text in the
    browser's own widgets (native select popups, file dialogs).

Keyboard
    Tab reaches the map; ``]`` / ``[`` move the unit cursor (admin-code order); Enter selects like a
    click, Shift+Enter adds like a shift-click; Esc hides the cursor. The side panel's cards and the
    URL's ``sel`` show the result; a polite live region says which unit the cursor is on.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from layouts import ids

pytestmark = pytest.mark.browser

YINCHUAN, SHENZHEN = "640100", "440300"
# The first three units in admin-code order: the cursor's first stops.
BEIJING, TIANJIN, SHIJIAZHUANG = "110000", "120000", "130100"
MACAU = "820000"  # the last
TABS = ("compare", "trend", "scatter", "ranking", "profile", "peers", "sectors", "disparity")  # state/model.py
# What shows that a tab has drawn: a selector inside the chart area.
TAB_READY = {
    "compare": ".tab-compare .js-plotly-plot .main-svg",
    "trend": ".tab-trend .js-plotly-plot .main-svg",
    "scatter": ".tab-scatter .js-plotly-plot .scatterlayer .trace",
    "ranking": ".tab-ranking :is(.ag-row, #ranking-list tr[data-rank])",  # the grid, or the projector's table
    "profile": ".tab-profile .profile-table",
    "peers": ".tab-peers .peer-table",
    "sectors": ".tab-sectors .js-plotly-plot .main-svg",
    "disparity": ".tab-disparity .disparity-panel",
}
MAX_TABS_TO_MAP = 40

# -- measuring contrast in the page -----------------------------------------------------------------

# Colour arithmetic shared by both audits: parse CSS colours, composite, WCAG relative luminance.
COLOUR_JS = """
const probe = document.createElement("span");
const cssColour = (c) => {
  if (!probe.isConnected) document.body.appendChild(probe);
  probe.style.color = ""; probe.style.color = c; return getComputedStyle(probe).color;
};
const parse = (c) => {
  if (!c || c === "none") return null;
  if (!/^(rgb|color\\(srgb)/.test(c)) c = cssColour(c);
  let m = c.match(/^rgba?\\(([\\d.]+),?\\s*([\\d.]+),?\\s*([\\d.]+)(?:\\s*[,/]\\s*([\\d.]+)(%?))?\\)$/);
  if (m) return [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : m[5] ? m[4] / 100 : +m[4]];
  m = c.match(/^color\\(srgb ([\\d.e-]+) ([\\d.e-]+) ([\\d.e-]+)(?: \\/ ([\\d.]+))?\\)$/);
  if (m) return [m[1] * 255, m[2] * 255, m[3] * 255, m[4] === undefined ? 1 : +m[4]];
  throw new Error("cannot read the colour " + c);
};
const over = (top, below) => [0, 1, 2].map((i) => top[i] * top[3] + below[i] * (1 - top[3]));
const mix = (x, y, o) => [0, 1, 2].map((i) => x[i] * o + y[i] * (1 - o));
const luminance = (c) => {
  const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const ratio = (a, b) => {
  const x = luminance(a), y = luminance(b);
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
};
const hex = (c) => "#" + c.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
const required = (cs) => {
  const size = parseFloat(cs.fontSize), weight = parseInt(cs.fontWeight, 10) || 400;
  return size >= 24 || (size >= 18.66 && weight >= 700) ? 3 : 4.5;
};
"""

# Every visible element with its own text under ``root`` (skipping ``skip``): its worst contrast.
HTML_AUDIT = (
    "({root, skip}) => {"
    + COLOUR_JS
    + """
  // The pixel colours of background and text: ancestors' backgrounds drawn from chain[start] down,
  // each ancestor's opacity applied to its subtree (o * subtree + (1 - o) * what lies below).
  const draw = (chain, styles, text, i, below) => {
    const cs = styles[i];
    let bg = over(parse(cs.backgroundColor), below), fg;
    if (i === chain.length - 1) fg = over(text, bg);
    else [bg, fg] = draw(chain, styles, text, i + 1, bg);
    const o = parseFloat(cs.opacity);
    return [mix(bg, below, o), mix(fg, below, o)];
  };
  const checked = [], failures = [];
  const seen = new Set();
  const fields = [...document.querySelectorAll(root + " input[placeholder], " + root + " textarea[placeholder]")];
  const walker = document.createTreeWalker(document.querySelector(root), NodeFilter.SHOW_TEXT);
  const items = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.nodeValue.trim()) items.push([node.parentElement, node.nodeValue.trim(), node, null]);
  }
  fields.filter((f) => !f.value).forEach((f) => items.push([f, f.placeholder, null, "::placeholder"]));
  for (const [el, label, node, pseudo] of items) {
    if (!el || seen.has(el)) continue;
    seen.add(el);
    if (el.closest("svg, script, style, noscript, template" + (skip ? ", " + skip : ""))) continue;
    if (el.closest(":disabled, [aria-disabled='true']")) continue;  // inactive controls are exempt
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // visually hidden (screen-reader text)
    if (node) {
      const range = document.createRange();
      range.selectNodeContents(node);
      const r = range.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) continue;
    }
    const chain = [];
    for (let n = el; n; n = n.parentElement) chain.unshift(n);
    const styles = chain.map((n) => getComputedStyle(n));
    const cs = pseudo ? getComputedStyle(el, pseudo) : styles[styles.length - 1];
    const text = parse(cs.color);
    // over other content: a positioned box with a see-through background is checked over black and white
    let starts = [[0, [255, 255, 255]]];
    styles.forEach((s, i) => {
      const a = parse(s.backgroundColor)[3];
      if ((s.position === "absolute" || s.position === "fixed") && a > 0 && a < 1) {
        starts = [[i, [0, 0, 0]], [i, [255, 255, 255]]];
      }
    });
    let worst = null;
    for (const [start, below] of starts) {
      const [bg, fg] = draw(chain, styles, text, start, below);
      const r = ratio(bg, fg);
      if (!worst || r < worst.ratio) worst = { ratio: r, color: hex(fg), background: hex(bg) };
    }
    const need = required(cs);
    const item = {
      text: label.slice(0, 50), element: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : ""),
      color: worst.color, background: worst.background, ratio: Math.round(worst.ratio * 100) / 100,
      size: parseFloat(cs.fontSize), weight: parseInt(cs.fontWeight, 10), need,
    };
    checked.push(item);
    if (worst.ratio < need) failures.push(item);
  }
  probe.remove();
  return { checked: checked.length, failures, texts: checked.map((c) => c.text) };
}"""
)

# The text of every Plotly chart: SVG fill against the plot background (or the marker it sits on).
PLOTLY_AUDIT = (
    "() => {"
    + COLOUR_JS
    + """
  const SYMBOLS = /^[■┃━╍●\\s]+$/;  // the key's coloured symbols are graphics, not text
  const out = { checked: 0, failures: [] };
  document.querySelectorAll(".js-plotly-plot").forEach((gd) => {
    const layout = gd._fullLayout;
    if (!layout) return;
    const paper = over(parse(layout.paper_bgcolor), [255, 255, 255]);
    const plot = over(parse(layout.plot_bgcolor), paper);
    const walker = document.createTreeWalker(gd, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, el = node.parentElement, text = node.nodeValue.trim();
      if (!text || SYMBOLS.test(text) || !el.closest("svg") || el.closest(".hoverlayer")) continue;
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const cs = getComputedStyle(el);
      const fill = parse(cs.fill);
      const fg = [...fill.slice(0, 3), fill[3] * parseFloat(cs.fillOpacity)];
      let bg = plot;
      const trace = el.closest(".textpoint") && el.closest("g.trace").__data__[0].trace;
      if (trace && String(trace.textposition).includes("middle")) {  // a letter drawn on its marker
        const mc = parse(trace.marker.color);
        bg = over([...mc.slice(0, 3), (trace.marker.opacity ?? 1) * mc[3]], plot);
      }
      const colour = over(fg, bg), r = ratio(colour, bg), need = required(cs);
      out.checked += 1;
      if (r < need) {
        out.failures.push({ text: text.slice(0, 50), color: hex(colour), background: hex(bg),
                            ratio: Math.round(r * 100) / 100, size: parseFloat(cs.fontSize), need });
      }
    }
  });
  probe.remove();
  return out;
}"""
)


def audit(page, root: str = "body", skip: str = ".leaflet-pane") -> dict:
    """``{checked, failures, texts}`` of the HTML text under ``root`` (``skip``: ignored subtrees)."""
    return page.evaluate(HTML_AUDIT, {"root": root, "skip": skip})


def describe(failures: list[dict]) -> str:
    return "\n".join(
        f"{f['ratio']:.2f} < {f['need']} {f['color']} on {f['background']} {f['size']}px: "
        f"{f.get('element', 'svg')} {f['text']!r}"
        for f in failures
    )


def wait_for_callbacks(page) -> None:
    """No Dash callback in flight (no component marked ``data-dash-is-loading``)."""
    page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')", polling=100)


def url_selection(url: str) -> list[str]:
    values = parse_qs(urlsplit(url).query).get("sel", [])
    return values[0].split("~") if values else []


def test_contrast_audit_measures_wcag_ratios_and_flags_low_contrast(recorded_page, live_server):
    """The audit itself: known ratios, the large-text threshold, opacity and alpha, hidden text skipped."""
    page = recorded_page.page
    page.set_content(
        """<body style="background:#fff">
        <p id="a" style="color:#777777">4.48:1, fails</p>
        <p id="b" style="color:#767676">4.54:1, passes</p>
        <p id="c" style="color:#949494;font-size:24px">3.03:1 large, passes</p>
        <p id="d" style="color:#969696;font-size:19px;font-weight:700">2.96:1 large bold, fails</p>
        <div style="background:#102a43"><p id="e" style="color:#fff;opacity:.3">white at 30 % on navy</p></div>
        <div style="background:rgba(0,0,0,.5)"><p id="f" style="color:#555">grey on half-black</p></div>
        <p id="g" style="color:#eee;position:absolute;width:1px;height:1px;overflow:hidden">hidden</p>
        <button disabled style="color:#ddd">disabled</button>
        </body>"""
    )
    result = audit(page, skip="")
    failed = {f["element"]: f["ratio"] for f in result["failures"]}

    assert result["checked"] == 6  # not the 1-px text, not the disabled button
    assert sorted(failed) == ["p#a", "p#d", "p#e", "p#f"]
    assert failed["p#a"] == 4.48 and failed["p#d"] == 2.96
    assert failed["p#e"] < 3 and failed["p#f"] < 3  # opacity and alpha composited, not ignored


@pytest.mark.parametrize(
    "path",
    ["/?lang=en", "/?lang=zh", "/?present=1&scene=1&lang=en", "/?present=1&scene=1&lang=zh"],
    ids=["en", "zh", "presenter-en", "presenter-zh"],
)
def test_text_contrast_meets_wcag_aa(recorded_page, open_map, path):
    map_page = open_map(recorded_page, path)
    # the page is finished when its open chart tab has drawn (the scene's ranking grid loads its
    # script after the first paint: on a busy machine the audit ran before it and saw 34 texts)
    map_page.page.locator(f"#{ids.CHARTS} :is({', '.join(TAB_READY.values())})").first.wait_for()
    wait_for_callbacks(map_page.page)

    result = audit(map_page.page)

    assert result["checked"] > 40, result["texts"]
    if "present" not in path:  # the key hint over the map is measured too (hidden in presenter mode)
        assert any(t.startswith(("Map keys", "地图按键")) for t in result["texts"]), result["texts"]
    assert result["failures"] == [], describe(result["failures"])
    assert recorded_page.errors == []


def test_text_contrast_of_open_menus_and_forms(recorded_page, open_map):
    page = open_map(recorded_page, "/?lang=en").page
    page.click("#indicator-picker")
    page.locator(".dash-dropdown-content[data-state=open]").wait_for()
    menu = audit(page)
    page.keyboard.press("Escape")
    page.click(".upload-details summary")
    page.locator(".upload-details[open] input[placeholder]").first.wait_for()
    form = audit(page)

    assert any("Population" in t for t in menu["texts"]), menu["texts"]  # the menu was measured
    assert menu["failures"] == [], describe(menu["failures"])
    assert form["failures"] == [], describe(form["failures"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_text_contrast_in_every_chart_tab(recorded_page, open_map, lang):
    page = open_map(recorded_page, f"/?lang={lang}&sel={YINCHUAN}~{SHENZHEN}").page
    html_failures, svg_failures, svg_checked = {}, {}, 0
    page.locator(f"#{ids.CHARTS} .chart-tab-content").first.wait_for()  # the first tab has drawn
    for i, tab in enumerate(TABS):
        page.locator(".chart-tab").nth(i).click()
        page.locator(f"#{ids.CHARTS} {TAB_READY[tab]}").first.wait_for()
        wait_for_callbacks(page)
        result = audit(page)
        charts = page.evaluate(PLOTLY_AUDIT)
        svg_checked += charts["checked"]
        if result["failures"]:
            html_failures[tab] = describe(result["failures"])
        if charts["failures"]:
            svg_failures[tab] = describe(charts["failures"])

    assert svg_checked > 50  # titles, ticks, axis titles, sources and annotations of four charts
    assert html_failures == {}
    assert svg_failures == {}
    assert recorded_page.errors == []


# -- keyboard ---------------------------------------------------------------------------------------


def tab_to_map(page) -> int:
    """Press Tab until the map has focus; the number of presses."""
    for presses in range(1, MAX_TABS_TO_MAP + 1):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.map-wrap .leaflet-container')"):
            return presses
    raise AssertionError(f"the map was not reached with {MAX_TABS_TO_MAP} Tab presses")


def cursor_codes(page) -> list[str]:
    """Codes of the paths drawn with the cursor outline."""
    return page.evaluate(
        """() => window.ledAtlas.unitLayers().filter((l) => l._path && l._path.classList.contains("unit-cursor"))
             .map((l) => l.feature.properties.a)"""
    )


def announced(page, text: str) -> None:
    page.wait_for_function(
        "(t) => (document.getElementById('map-announcer') || {}).textContent.includes(t)", arg=text, polling=50
    )


def card_codes(page) -> list[str]:
    return page.evaluate("() => [...document.querySelectorAll('#side-panel .unit-card')].map((c) => c.dataset.adcode)")


def test_keyboard_alone_selects_and_adds_units_on_the_map(recorded_page, open_map, artifacts_dir):
    page = open_map(recorded_page, "/?lang=en").page
    wait_for_callbacks(page)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")

    presses = tab_to_map(page)
    page.keyboard.press("]")
    announced(page, "Beijing")
    page.keyboard.press("]")
    announced(page, "Tianjin")
    assert cursor_codes(page) == [TIANJIN]
    assert "2 of 370" in page.inner_text("#map-announcer")
    tooltip = page.locator(".leaflet-tooltip", has_text="Tianjin")  # Beijing's may still be fading out
    tooltip.wait_for(state="visible")
    tip = audit(page, root="#" + tooltip.get_attribute("id"), skip="")
    assert tip["checked"] >= 3 and tip["failures"] == [], describe(tip["failures"])

    page.keyboard.press("Enter")
    page.locator(f"#side-panel .unit-card[data-adcode='{TIANJIN}']").wait_for()
    page.wait_for_function("() => location.search.includes('sel=')", polling=100)
    assert url_selection(page.url) == [TIANJIN] and card_codes(page) == [TIANJIN]

    page.keyboard.press("]")
    announced(page, "Shijiazhuang, Hebei")
    page.screenshot(path=str(artifacts_dir / "keyboard-cursor.png"))
    page.keyboard.press("Shift+Enter")
    page.locator(f"#side-panel .unit-card[data-adcode='{SHIJIAZHUANG}']").wait_for()
    page.wait_for_function("(c) => location.search.includes(c)", arg=SHIJIAZHUANG, polling=100)
    announced(page, "Shijiazhuang added to the selection")

    assert url_selection(page.url) == [TIANJIN, SHIJIAZHUANG]
    assert card_codes(page) == [TIANJIN, SHIJIAZHUANG]
    assert page.evaluate("() => document.activeElement.matches('.map-wrap .leaflet-container')")
    assert cursor_codes(page) == [SHIJIAZHUANG]  # the outline outlives the restyle of the selection
    page.keyboard.press("[")
    announced(page, "Tianjin")
    assert "Selected." in page.inner_text("#map-announcer")
    page.keyboard.press("Escape")
    assert cursor_codes(page) == []
    assert 5 <= presses < MAX_TABS_TO_MAP
    assert recorded_page.errors == []


def test_keyboard_cursor_leaves_the_arrow_keys_to_leaflet(recorded_page, open_map):
    page = open_map(recorded_page, "/?lang=en").page
    wait_for_callbacks(page)
    tab_to_map(page)
    before = page.evaluate("() => window.__testMaps[0].getCenter()")

    page.keyboard.press("]")
    announced(page, "Beijing")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "(c) => { const m = window.__testMaps[0].getCenter(); return m.lng !== c.lng; }", arg=before, polling=50
    )

    assert cursor_codes(page) == [BEIJING]  # panning keeps the cursor where it was


def test_keyboard_hint_and_map_semantics_in_chinese(recorded_page, open_map):
    page = open_map(recorded_page, "/?lang=zh").page
    wait_for_callbacks(page)
    hint = page.locator("#map-keys-hint")
    attrs = page.evaluate(
        """() => { const m = document.querySelector('.map-wrap .leaflet-container');
             return [m.getAttribute('role'), m.getAttribute('aria-roledescription'), m.getAttribute('aria-label'),
                     m.getAttribute('aria-describedby')]; }"""
    )

    assert hint.is_visible() and hint.inner_text().startswith("地图按键")
    assert attrs == ["application", "地图", "中国地级区域分级设色地图", "map-keys-hint"]
    tab_to_map(page)
    page.keyboard.press("]")
    announced(page, "北京市")
    assert page.inner_text("#map-announcer").endswith("第1个，共370个。")
    page.keyboard.press("Enter")
    page.locator(f"#side-panel .unit-card[data-adcode='{BEIJING}']").wait_for()
    announced(page, "已选中北京市")
    page.keyboard.press("End")  # the last unit, Macau: a few pixels wide at the first zoom, so ringed
    announced(page, "澳门特别行政区")
    assert set(cursor_codes(page)) == {MACAU}  # main map and South China Sea inset
    assert page.locator(".leaflet-marker-pane path").count() == 2  # black and white rings
    page.keyboard.press("Escape")
    assert page.locator(".leaflet-marker-pane path").count() == 0
