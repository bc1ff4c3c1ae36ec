/* mode=split (loaded on demand: assets/map.js wantSplit): the indicator's first year (left, or on top on a phone) beside the year shown (the main map),
 * in classes fixed across the two years (state/display.py split_parts: one classification of both years'
 * values, as the time playback's), with one legend.
 *
 * The server puts the left map's hideout into the main hideout as `split`; every restyle of the main map
 * (ns.restyle: a recolour, a selection, a detail swap) restyles the left map too, and a hideout without
 * `split` hides it. The left map is a plain Leaflet map in the layout's empty #split-map: its paths are
 * copies of the main map's own paths (the same geometry file, fetched and decoded once), styled by map.js's
 * `style` from the left hideout. The two maps follow each other's moves (no feedback: a map already at the
 * other's view is left alone). Hover shows the left year's value; a click selects like a click on the
 * main map (the main units layer's clickData).
 *
 *   ledAtlas.split.map     the left Leaflet map (null until split mode is first shown)
 *   ledAtlas.split.units   its unit paths (main map and inset), each with the main path's `feature`
 *   ledAtlas.split.drawn   true once the left map is drawn and styled (the browser tests wait for it)
 */
(function () {
  "use strict";
  var ns = (window.ledAtlas = window.ledAtlas || {});
  var S = (ns.split = { map: null, units: [], h: null, drawn: false, on: false });
  //: the main map's panes the left map copies (frame < units < lines), with their order and pointer events
  var PANES = ["frame", "units", "lines"];
  //: style options a copied path keeps (not the main map's renderer, style function or hideout)
  var KEEP = ["pane", "interactive", "color", "weight", "opacity", "fill", "fillColor", "fillOpacity", "dashArray",
              "className", "lineCap", "lineJoin", "smoothFactor", "bubblingMouseEvents"];
  var copied = {}; // a unit's code (else the L.stamp of a main-map path) -> true once copied
  var lock = false; // a move the sync itself makes is not followed back

  function mapData() { return ns.jsonAttr(".map-wrap", "data-map") || {}; }
  function wrap() { return document.querySelector(".map-wrap"); }
  function setProps(id, props) {
    var sp = window.dash_clientside && window.dash_clientside.set_props;
    if (sp) sp(id, props);
  }
  // the left map's hideout: the main hideout's `split` with the selection as it is now
  function leftHideout(h) { return h && h.split ? Object.assign({}, h.split, { sel: h.sel || [] }) : null; }
  function styleOf(l) { return ns.style(l.feature, { hideout: S.h, own: true }); }

  // `to` takes the view of `from` (centre and zoom); nothing when it is there already (within a pixel)
  function follow(from, to, final) {
    if (lock || !from || !to || !S.on || !from._loaded || !to._loaded) return;
    var z = from.getZoom(), c = from.getCenter();
    lock = true;
    try {
      if (to.getZoom() !== z) {
        to.setView(c, z, { animate: false });
      } else {
        var d = to.project(c, z).subtract(to.project(to.getCenter(), z));
        var there = Math.abs(d.x) < 1 && Math.abs(d.y) < 1;
        // while dragging, the panes only shift (as Leaflet's own drag does); the paths are redrawn at the end
        if (!there && !final && to._rawPanBy) to._rawPanBy(d.round());
        else if (!there) to.setView(c, z, { animate: false });
        else if (final) to.fire("moveend");
      }
    } finally {
      lock = false;
    }
  }
  function link(a, b) {
    a.on("move", function () { follow(a, b, false); });
    a.on("moveend", function () { follow(a, b, true); });
  }

  function bindUnit(path) {
    path.bindTooltip(function () { return ns.tooltipHtml(path.feature.properties, S.h); },
                     { sticky: true, direction: "auto" });
    path.on("mouseover", function () { path.setStyle(ns.HOVER); if (path.bringToFront) path.bringToFront(); });
    path.on("mouseout", function () {
      var st = styleOf(path);
      path.setStyle({ weight: st.weight, color: st.color });
    });
    // a click selects (shift / ctrl / cmd adds) as a click on the main map does
    path.on("click", function (e) {
      var o = (e && e.originalEvent) || {};
      setProps(mapData().main, { clickData: { a: path.feature.properties.a, add: !!(o.shiftKey || o.ctrlKey || o.metaKey),
                                               t: Date.now() } });
    });
  }

  // Copies of the main map's paths not copied yet (the lines and the inset may arrive after the units);
  // the detail paths of a zoomed-in province are not copied (the left map keeps the overview).
  function copyNew() {
    var L = window.L, main = ns.map, m = S.map;
    if (!L || !main || !m) return;
    var added = false;
    main.eachLayer(function (l) {
      var pane = l.options && l.options.pane;
      if (!(l instanceof L.Path) || PANES.indexOf(pane) < 0) return;
      var props = l.feature && l.feature.properties;
      if (props && props._k === "d") return;
      // a unit by its code (should the main map re-create its paths, the left map keeps its copies)
      var key = props && props.a ? "u" + (props._k || "") + props.a : L.stamp(l);
      if (copied[key]) return;
      copied[key] = true;
      var opts = {};
      KEEP.forEach(function (k) { if (k in l.options) opts[k] = l.options[k]; });
      var copy = (l instanceof L.Polygon ? L.polygon : L.polyline)(l.getLatLngs(), opts);
      if (pane === "units" && props) {
        copy.feature = l.feature;
        bindUnit(copy);
        S.units.push(copy);
        if (S.h) copy.setStyle(styleOf(copy));
        added = true;
      }
      copy.addTo(m);
    });
    if (added && S.h) S.drawn = true;
  }

  function create(main) {
    var L = window.L, el = document.getElementById("split-map");
    if (!L || !el) return null;
    var o = main.options;
    var m = L.map(el, { crs: o.crs, zoomSnap: o.zoomSnap, zoomDelta: o.zoomDelta, minZoom: o.minZoom, maxZoom: o.maxZoom,
                        maxBounds: o.maxBounds, attributionControl: false, zoomAnimation: false });
    el.style.background = main.getContainer().style.background;
    PANES.forEach(function (name) {
      var src = main.getPane(name);
      if (!src) return;
      var pane = m.createPane(name);
      pane.style.zIndex = src.style.zIndex;
      pane.style.pointerEvents = src.style.pointerEvents;
    });
    m.setView(main.getCenter(), main.getZoom(), { animate: false });
    link(main, m);
    link(m, main);
    var pending = false; // the lines and the inset arrive path by path: one copy once they are in
    main.on("layeradd", function () {
      if (!S.on || pending) return;
      pending = true;
      ns.idle(function () { pending = false; copyNew(); });
    });
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        if (!S.on) return;
        m.invalidateSize({ animate: false });
        follow(main, m, true);
      }).observe(el);
    }
    return m;
  }

  // Show the left map for a hideout with `split` (restyled from it), hide it for one without.
  function update(h) {
    var hl = leftHideout(h);
    var w = wrap();
    S.on = !!hl;
    if (w) w.classList.toggle("split-on", S.on);
    if (!hl) return;
    S.h = hl;
    var stamp = document.getElementById("split-stamp");
    if (stamp && stamp.textContent !== String(hl.year)) setProps("split-stamp", { children: String(hl.year) });
    if (!ns.map) return; // the main map is not drawn yet: led:painted brings the left one
    if (!S.map) S.map = create(ns.map);
    if (!S.map) return;
    S.map.invalidateSize({ animate: false });
    follow(ns.map, S.map, true);
    S.units.forEach(function (l) {
      l.setStyle(styleOf(l));
      if (l.isTooltipOpen && l.isTooltipOpen()) l.getTooltip().update();
    });
    copyNew();
  }

  var restyle = ns.restyle;
  if (restyle && !restyle.split) {
    ns.restyle = function (h) { restyle(h); update(h); };
    ns.restyle.split = true;
  }
  // the page's first colours come with the layout (map.js style), not through restyle; loaded on demand
  // (map.js wantSplit), this file may come after the first paint or after the restyle that asked for it
  if (ns.painted) update(ns.current.h);
  else document.addEventListener("led:painted", function () { update(ns.current.h); });
})();
