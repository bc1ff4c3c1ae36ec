/* Keyboard use of the map: a roving "unit cursor" inside the focused Leaflet map.

   The map is one tab stop (Leaflet: arrows pan, + / - zoom). While it has focus:
     ] or N   next unit            [ or P   previous unit
     Home     first unit           End      last unit
     Enter or Space  select the unit under the cursor, exactly like a click
     Shift+Enter (or Shift+Space)  add it to / remove it from the selection, like a shift-click
     Esc      hide the cursor (a second Esc reaches the page, e.g. to leave presenter mode)
   Units are visited in admin-code order: provinces in the order of the national code table
   (Beijing 11, Tianjin 12, Hebei 13 … Xinjiang 65, Taiwan 71, Hong Kong 81, Macau 82), and within a
   province in official code order (the capital first), as statistical yearbooks list them; the
   order is the same in both languages. The first ] starts from the first selected unit, if any.

   The unit under the cursor gets a white outline in a black halo (CSS class `unit-cursor` on its
   paths, main map and South China Sea inset; assets/keyboard.css), a ring when it is only a few
   pixels wide, its tooltip beside it, and a sentence in a polite live region inside
   the map region: name, province, current value with unit and year (or "no data"), whether it is
   selected, and its position. Relies on window.ledAtlas (assets/map.js): unitLayers() and
   current.h; a click is fired on the unit's Leaflet path and reaches ledAtlas.onClick. */
(function () {
  "use strict";

  // The words are Python's (layouts/strings/page.py kbd_*), emitted in the map's data-map attribute
  // (layouts/map.py MAP_WORDS) and read through ledAtlas.mapWords; templates fill {name}, {i}, {n}, {year}.
  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }
  function words(L) {
    var w = (window.ledAtlas && window.ledAtlas.mapWords) ? window.ledAtlas.mapWords(L) : {};
    return {
      hint: w.kbd_hint || "",
      role: w.kbd_role || "",
      of: function (i, n) { return fill(w.kbd_of, { i: i, n: n }); },
      selected: w.kbd_selected || "",
      nowSelected: function (name) { return fill(w.kbd_now_selected, { name: name }); },
      added: function (name) { return fill(w.kbd_added, { name: name }); },
      removed: function (name) { return fill(w.kbd_removed, { name: name }); },
      cleared: w.kbd_cleared || "",
      sep: w.kbd_sep || ", ",
      stop: w.kbd_stop || ". ",
      year: function (y) { return fill(w.kbd_year, { year: y }); },
    };
  }
  var HINT_ID = "map-keys-hint";
  var LIVE_ID = "map-announcer";
  var CURSOR_CLASS = "unit-cursor";
  var RING_BELOW_PX = 14; // units smaller than this on screen get a ring of RING_RADIUS_PX
  var RING_RADIUS_PX = 12;

  var state = { code: null, observer: null, ring: null };

  function atlas() { return window.ledAtlas || {}; }
  function hideout() { return (atlas().current || {}).h || {}; }

  function container() { return document.querySelector(".map-wrap .leaflet-container"); }
  function isMap(el) { return !!el && el.classList && el.classList.contains("leaflet-container") && !!el.closest(".map-wrap"); }

  function lang() {
    var h = hideout();
    if (h.lang === "zh" || h.lang === "en") return h.lang;
    var holder = document.querySelector(".app[lang]") || document.documentElement;
    return (holder.getAttribute("lang") || "en").toLowerCase().indexOf("zh") === 0 ? "zh" : "en";
  }
  function text() { return words(lang()); }

  // Every unit path by code, and the codes in visiting order (admin codes sort province first).
  function unitIndex() {
    var layers = atlas().unitLayers ? atlas().unitLayers() : [];
    var byCode = {};
    layers.forEach(function (l) {
      var a = l.feature && l.feature.properties && l.feature.properties.a;
      if (!a) return;
      (byCode[a] = byCode[a] || []).push(l);
    });
    // The main map's path first: the layer group holding the most paths is the main map, not the inset.
    var groupSize = {};
    layers.forEach(function (l) { Object.keys(l._eventParents || {}).forEach(function (g) { groupSize[g] = (groupSize[g] || 0) + 1; }); });
    function size(l) { return Math.max.apply(null, [0].concat(Object.keys(l._eventParents || {}).map(function (g) { return groupSize[g]; }))); }
    // a province drawn in detail (assets/map.js, updateDetail): its detail path, the one on top
    function detail(l) { return l.feature && l.feature.properties && l.feature.properties._k === "d" ? 1 : 0; }
    Object.keys(byCode).forEach(function (a) {
      byCode[a].sort(function (x, y) { return detail(y) - detail(x) || size(y) - size(x); });
    });
    return { byCode: byCode, order: Object.keys(byCode).sort() };
  }

  function unitName(p) { return lang() === "zh" ? p.n : p.e; }

  function describe(p, position, total) {
    var T = text(), h = hideout(), zh = lang() === "zh";
    var v = atlas().fmt(h.v ? h.v[p.a] : null, h.dec || 0); // assets/map.js, as the tooltip formats it
    var value = v === null ? (h.nodataText || atlas().mapWords(lang()).no_data) : v + " " + (h.unit || "");
    var province = zh ? p.p : p.pe;
    var parts = [unitName(p) + (province && province !== unitName(p) ? T.sep + province : "") + T.stop,
                 (h.label ? h.label + (zh ? "：" : ": ") : "") + value + (zh ? "" : " ") + T.year(h.year || "") + T.stop];
    if (h.sel && h.sel.indexOf(p.a) >= 0) parts.push(T.selected + T.stop);
    parts.push(T.of(position, total) + T.stop);
    return parts.join(zh ? "" : " ").trim();
  }

  function announce(message) {
    var live = document.getElementById(LIVE_ID);
    if (!live) return;
    // a repeated sentence is announced again: clear first, write on the next frame
    live.textContent = "";
    window.requestAnimationFrame(function () { live.textContent = message; });
  }

  function paint(on) {
    document.querySelectorAll("path." + CURSOR_CLASS).forEach(function (p) { p.classList.remove(CURSOR_CLASS); });
    if (state.ring) { state.ring.remove(); state.ring = null; }
    if (!on || !state.code) return;
    var paths = unitIndex().byCode[state.code] || [];
    paths.forEach(function (l) {
      if (l.bringToFront) l.bringToFront();
      if (l._path) l._path.classList.add(CURSOR_CLASS);
    });
    if (paths.length) ring(paths[0]);
  }

  // A unit a few pixels wide (Macau, Hong Kong, the county-level units of Hubei or Hainan at the
  // first zoom) also gets a ring around it, or its outline would be lost.
  function ring(layer) {
    var lmap = layer._map;
    if (!lmap || !layer.getBounds || !window.L) return;
    var b = layer.getBounds();
    var nw = lmap.latLngToContainerPoint(b.getNorthWest()), se = lmap.latLngToContainerPoint(b.getSouthEast());
    if (Math.max(Math.abs(se.x - nw.x), Math.abs(se.y - nw.y)) >= RING_BELOW_PX) return;
    var opts = { radius: RING_RADIUS_PX, fill: false, interactive: false, pane: "markerPane" };
    state.ring = window.L.layerGroup([
      window.L.circleMarker(b.getCenter(), Object.assign({ color: "#000000", weight: 5 }, opts)),
      window.L.circleMarker(b.getCenter(), Object.assign({ color: "#ffffff", weight: 2 }, opts)),
    ]).addTo(lmap);
  }

  // The unit's own tooltip, beside the unit (on the side facing the map's centre) so it hides no part of it.
  function openBeside(layer, lmap, b) {
    var tip = layer.getTooltip && layer.getTooltip();
    if (!tip) return;
    var west = lmap.latLngToContainerPoint(b.getCenter()).x > lmap.getSize().x / 2;
    var y = b.getCenter().lat;
    tip.options.direction = west ? "left" : "right";
    layer.once("tooltipclose", function () { tip.options.direction = "auto"; });
    layer.openTooltip(window.L.latLng(y, west ? b.getWest() : b.getEast()));
  }

  function closeTooltips() {
    (atlas().unitLayers ? atlas().unitLayers() : []).forEach(function (l) { if (l.isTooltipOpen && l.isTooltipOpen()) l.closeTooltip(); });
  }

  // Keep the outline when dash-leaflet re-creates the paths (it does when `hideout` changes).
  function watchPaths(map) {
    if (state.observer || !window.MutationObserver) return;
    var pane = map.querySelector(".leaflet-units-pane");
    if (!pane) return;
    state.observer = new MutationObserver(function () {
      if (state.code && document.activeElement === map && !document.querySelector("path." + CURSOR_CLASS)) paint(true);
    });
    state.observer.observe(pane, { childList: true, subtree: true });
    var first = (atlas().unitLayers ? atlas().unitLayers() : [])[0];
    var lmap = first && first._map;
    if (lmap) lmap.on("zoomend", function () { if (state.code && document.activeElement === map) paint(true); });
  }

  function show(code, index) {
    var map = container();
    var entry = index.byCode[code];
    if (!map || !entry) return;
    state.code = code;
    closeTooltips();
    paint(true);
    var main = entry[0];
    var lmap = main._map;
    if (lmap && main.getBounds) {
      var b = main.getBounds();
      if (!lmap.getBounds().contains(b)) lmap.panTo(b.getCenter(), { animate: false });
      openBeside(main, lmap, b);
    }
    announce(describe(main.feature.properties, index.order.indexOf(code) + 1, index.order.length));
  }

  function step(delta) {
    var index = unitIndex();
    var n = index.order.length;
    if (!n) return;
    var at = state.code ? index.order.indexOf(state.code) : -1;
    var next;
    if (at < 0) {
      var sel = (hideout().sel || []).filter(function (a) { return index.byCode[a]; });
      next = sel.length ? index.order.indexOf(sel[0]) : delta > 0 ? 0 : n - 1;
    } else {
      next = (at + delta + n) % n;
    }
    show(index.order[next], index);
  }

  function jump(where) {
    var index = unitIndex();
    if (index.order.length) show(index.order[where === "first" ? 0 : index.order.length - 1], index);
  }

  // What the click will do, by the rule of callbacks/selection.py `toggle_selection`.
  function outcome(code, add, name) {
    var T = text(), sel = hideout().sel || [];
    if (add) return sel.indexOf(code) >= 0 ? T.removed(name) : T.added(name);
    return sel.length === 1 && sel[0] === code ? T.cleared : T.nowSelected(name);
  }

  function activate(add) {
    var entry = state.code && unitIndex().byCode[state.code];
    if (!entry) return false;
    var layer = entry[0];
    var latlng = layer.getCenter ? layer.getCenter() : layer.getBounds().getCenter();
    var message = outcome(state.code, add, unitName(layer.feature.properties));
    // propagate=true: Leaflet hands the event to the GeoJSON group with e.layer set, as for a real click
    layer.fire("click", { latlng: latlng, originalEvent: { shiftKey: add, ctrlKey: false, metaKey: false } }, true);
    announce(message);
    return true;
  }

  function hide() {
    paint(false);
    closeTooltips();
  }

  function onKeyDown(e) {
    var map = e.target;
    if (!isMap(map) || e.metaKey || (e.ctrlKey && !e.altKey)) return;
    var k = e.key;
    var handled = true;
    if (k === "]" || k === "n" || k === "N") step(1);
    else if (k === "[" || k === "p" || k === "P") step(-1);
    else if (k === "Home") jump("first");
    else if (k === "End") jump("last");
    else if (k === "Enter" || k === " " || k === "Spacebar") handled = activate(e.shiftKey);
    else if (k === "Escape" && state.code) { hide(); state.code = null; }
    else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation(); // Leaflet and the presenter keys listen on document: this key was ours
    }
  }

  // Role, name, description, hint and live region, added once the map is on the page.
  function setUp(map) {
    if (map.getAttribute("data-keyboard") === "1") return;
    var wrap = map.closest(".map-wrap");
    var T = text();
    map.setAttribute("data-keyboard", "1");
    map.setAttribute("role", "application"); // screen readers pass ] [ Enter and the arrows through
    map.setAttribute("aria-roledescription", T.role);
    if (wrap.getAttribute("aria-label")) map.setAttribute("aria-label", wrap.getAttribute("aria-label"));
    var hint = document.getElementById(HINT_ID);
    if (!hint) {
      hint = document.createElement("div");
      hint.id = HINT_ID;
      hint.className = "map-keys";
      hint.textContent = T.hint;
      wrap.appendChild(hint);
    }
    map.setAttribute("aria-describedby", HINT_ID);
    if (!document.getElementById(LIVE_ID)) {
      var live = document.createElement("div");
      live.id = LIVE_ID;
      live.className = "visually-hidden";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      live.setAttribute("aria-atomic", "true");
      wrap.appendChild(live);
    }
    map.addEventListener("focus", function () {
      watchPaths(map);
      if (state.code && map.matches(":focus-visible")) paint(true);
    });
    map.addEventListener("blur", hide);
  }

  function whenMapReady() {
    var map = container();
    if (map) { setUp(map); return; }
    if (!window.MutationObserver) return;
    var observer = new MutationObserver(function () {
      var m = container();
      if (m) { observer.disconnect(); setUp(m); }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }

  // Capture phase: runs before Leaflet's and the presenter's document listeners.
  document.addEventListener("keydown", onKeyDown, true);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", whenMapReady);
  else whenMapReady();
})();
