/* The map's view (assets/map.js draws it): kept fitted while its container changes size, the fit's options on
   the projector, whether the view shown is the page's own rather than the person's (not written to the URL),
   and the provinces drawn in detail for a small view. */
(function () {
  "use strict";
  var ns = (window.ledAtlas = window.ledAtlas || {});

  // Keep the map fitted when its container changes size (the top bar wraps after Leaflet measured),
  // but only while the page shows its first fit: once a move has reached the URL (a drag, a pilot or
  // province button, a search) the view is the state's, and a resize (the caption or the
  // migrant-survey line growing after an indicator switch) keeps it rather than jumping to China.
  ns.watchResize = function (map) {
    var el = map.getContainer();
    ns.fitBounds = ns.jsonAttr(".map-wrap", "data-fit");
    ns.noteAutoView(map); // the map's first fit
    ["mousedown", "wheel", "keydown", "touchstart"].forEach(function (ev) {
      el.addEventListener(ev, function () { ns.userMoved = true; }, { passive: true });
    });
    map.on("moveend", ns.updateDetail);
    map.on("moveend", function () {
      // moved back to an older fit by that fit's late props (see autoViews): fitted to its box again
      if (!fitting && !ns.userMoved && !ns.atAutoView() && ns.isAutoView(map.getCenter(), map.getZoom())) ns.refit(map);
    });
    setTimeout(ns.updateDetail, 0);
    if (!window.ResizeObserver) return;
    new ResizeObserver(function () { ns.refit(map); }).observe(el);
  };
  var fitting = false;
  ns.refit = function (map) {
    ns.refitting = fitting = true;
    map.invalidateSize({ animate: false });
    ns.noteAutoView(map); // reported to Dash too (a moveend), so its props can also come late
    if (!ns.userMoved && ns.fitBounds) map.fitBounds(ns.fitBounds, ns.fitOptions(map, ns.fitBounds));
    else if (!ns.userMoved && ns.fitView) map.setView(ns.fitView.center, ns.fitView.zoom, { animate: false });
    ns.noteAutoView(map);
    fitting = false;
    clearTimeout(ns.refitDone);
    ns.refitDone = setTimeout(function () { ns.refitting = false; }, 300);
  };
  // The views the page itself set (its first fit, the refits after a resize, a scene's fit): none is written to
  // the URL, however late the map's viewport callback runs. Not only the last one: dash-leaflet moves the map to
  // its center / zoom props when they change, so on a busy machine the props of an earlier fit, rendered after a
  // later fit, can move the map back to that earlier view (then refitted: watchResize).
  var autoViews = [];
  function viewKey(center, zoom) {
    var c = window.L.latLng(center);
    return zoom + "|" + c.lat.toFixed(6) + "|" + c.lng.toFixed(6);
  }
  ns.noteAutoView = function (map) {
    autoViews.push(viewKey(map.getCenter(), map.getZoom()));
    if (autoViews.length > 64) autoViews.shift();
  };
  ns.isAutoView = function (center, zoom) { return autoViews.indexOf(viewKey(center, zoom)) >= 0; };
  // Whether the map shows the view the page itself set last.
  ns.atAutoView = function () {
    var m = ns.map;
    return !!m && autoViews.length > 0 && autoViews[autoViews.length - 1] === viewKey(m.getCenter(), m.getZoom());
  };
  // The map's viewport callback (assets/map.js viewChanged): the view to write into the URL, or null when it is
  // the page's own (the first report, a refit, a scene's fit).
  ns.personsView = function (center, zoom) {
    if (!ns.seenFirstView) { ns.seenFirstView = true; return null; }
    if (ns.refitting || center == null || zoom == null || ns.atAutoView()) return null;
    if (!ns.userMoved && ns.isAutoView(center, zoom)) return null; // (once moved by hand, any view is the person's)
    ns.userMoved = true; // this view goes into the URL: resizes must keep it (watchResize)
    return { center: center, zoom: zoom };
  };
  // Options of an automatic fit: on the projector, when the scene is about some units (labelled ones, or a
  // province's counties), the legend (bottom left) keeps clear of them: the fit leaves a strip beside or above
  // the legend, whichever shows them larger.
  ns.fitOptions = function (map, bounds) {
    var opts = { animate: false };
    var legend = document.getElementById("legend");
    var h = ns.current.h || {};
    var about = (h.sel && h.sel.length) || h.level === "county";
    if (!document.querySelector(".app.present") || !legend || !legend.offsetWidth || !about) return opts;
    var m = h.sel && h.sel.length ? 60 : 0; // the labels, centred on the units (assets/screens.js), stay on the map
    var w = legend.offsetWidth + 12, lh = legend.offsetHeight + 12, b = window.L.latLngBounds(bounds);
    var pt = window.L.point;
    var beside = map.getBoundsZoom(b, false, pt(w + m, 2 * m)) >= map.getBoundsZoom(b, false, pt(2 * m, lh + m));
    opts.paddingTopLeft = beside ? [w, m] : [m, m];
    opts.paddingBottomRight = beside ? [m, m] : [m, lh];
    return opts;
  };
  // The first frame (layouts/first_frame.py, a picture of the frame's bounds) drawn where and as large as
  // Leaflet will fit those bounds (zoom floored to the map's zoomSnap, centred); shown until the live map is
  // drawn (assets/map.js painted -> hideFirstFrame).
  function placeFrame(img) {
    var map = img.parentNode && img.parentNode.querySelector(".led-map");
    var fit = ns.jsonAttr(".map-wrap", "data-fit");
    if (!map || !fit || !map.clientWidth || !map.clientHeight) return;
    var bw = fit[1][1] - fit[0][1], bh = fit[1][0] - fit[0][0];
    var snap = Number(img.getAttribute("data-zoom-snap")); // layouts/map.py ZOOM_SNAP
    if (!snap) return;
    var zoom = Math.floor(Math.log2(Math.min(map.clientWidth / bw, map.clientHeight / bh)) / snap) * snap;
    var w = bw * Math.pow(2, zoom), h = bh * Math.pow(2, zoom);
    Object.assign(img.style, { left: map.offsetLeft + (map.clientWidth - w) / 2 + "px",
      top: map.offsetTop + (map.clientHeight - h) / 2 + "px", width: w + "px", height: h + "px" });
  }
  var frameWatch = new MutationObserver(function () {
    var img = document.getElementById("first-frame");
    var map = img && img.parentNode && img.parentNode.querySelector(".led-map");
    if (!img || !map) return;
    frameWatch.disconnect();
    placeFrame(img);
    // the page settles after the map mounts (the caption and the panel fill in): placed again each time
    if (window.ResizeObserver) new ResizeObserver(function () { placeFrame(img); }).observe(map);
  });
  frameWatch.observe(document.documentElement, { childList: true, subtree: true });
  // hidden once the main layer's paths are on screen (all of the frame's units, as data-units says)
  ns.hideFirstFrame = function () {
    var img = document.getElementById("first-frame");
    if (!img) { frameWatch.disconnect(); return; }
    var want = Number(img.getAttribute("data-units")) || 1;
    var drawn = document.querySelectorAll(".leaflet-units-pane path.unit").length >= want;
    if (drawn || ns.frameGaveUp) document.documentElement.classList.add("led-live");
    else requestAnimationFrame(ns.hideFirstFrame);
  };

  // ---- Detail: provinces in a small view are drawn from their 150 m files (web/page.py
  // detail_config) in the "detail" pane, coloured by the same style; their coarse units step aside.
  ns.detailShown = {}; // province adcode -> true once its detail paths are drawn
  ns.detailStyled = {}; // province adcode -> true once the map was restyled with its detail paths (tests wait for it)
  function provinceOf(a) { return String(a).slice(0, 2) + "0000"; }
  ns.provinceOf = provinceOf;
  function detailConfig() { return ns.jsonAttr(".map-wrap", "data-detail"); }
  // The provinces to draw in detail for the map's view: those overlapping it most, when it is small.
  ns.detailWanted = function (b, cfg) {
    if (b.getEast() - b.getWest() > cfg.maxWidth) return [];
    var scored = [];
    Object.keys(cfg.provinces).forEach(function (code) {
      var pb = cfg.provinces[code];
      var ox = Math.min(b.getEast(), pb[1][1]) - Math.max(b.getWest(), pb[0][1]);
      var oy = Math.min(b.getNorth(), pb[1][0]) - Math.max(b.getSouth(), pb[0][0]);
      if (ox > 0 && oy > 0) scored.push([ox * oy, code]);
    });
    scored.sort(function (p, q) { return q[0] - p[0] || (p[1] < q[1] ? -1 : 1); });
    return scored.slice(0, cfg.slots).map(function (x) { return x[1]; });
  };
  ns.updateDetail = function () {
    var cfg = detailConfig();
    var setProps = window.dash_clientside && window.dash_clientside.set_props;
    if (!cfg || !ns.map || !setProps) return;
    var want = ns.detailWanted(ns.map.getBounds(), cfg);
    var slots = ns.detailSlots || [];
    // a province keeps its layer (no refetch); new ones take the free layers
    var next = [];
    for (var i = 0; i < cfg.slots; i++) next.push(want.indexOf(slots[i]) >= 0 ? slots[i] : null);
    want.forEach(function (c) { if (next.indexOf(c) < 0) next[next.indexOf(null)] = c; });
    var gone = Object.keys(ns.detailShown).filter(function (p) { return next.indexOf(p) < 0; });
    gone.forEach(function (p) { delete ns.detailShown[p]; delete ns.detailStyled[p]; });
    if (gone.length) ns.restyle(ns.current.h);
    next.forEach(function (c, i) {
      if (c !== (slots[i] || null)) setProps("detail-layer-" + i, { url: c ? cfg.url.replace("{code}", c) : null });
    });
    ns.detailSlots = next;
  };
  // A detail path was drawn: once its layer is complete, its province's coarse paths step aside, in one
  // restyle before the next frame for every province drawn meanwhile (a zoomed scene draws four at once)
  var detailDrawnNow = [];
  function detailDrawn(a) {
    var p = provinceOf(a);
    if (ns.detailShown[p] || (ns.detailSlots || []).indexOf(p) < 0) return;
    ns.detailShown[p] = true;
    detailDrawnNow.push(p);
    if (detailDrawnNow.length > 1) return;
    requestAnimationFrame(function () {
      var drawn = detailDrawnNow;
      detailDrawnNow = [];
      ns.restyle(ns.current.h);
      drawn.forEach(function (q) { if (ns.detailShown[q]) ns.detailStyled[q] = true; });
    });
  }
  function bindAs(kind) {
    return function (feature, layer) {
      feature.properties._k = kind;
      ns.bindTooltip(feature, layer);
      if (kind === "d") detailDrawn(feature.properties.a);
    };
  }
  ns.bindInset = bindAs("i");
  ns.bindDetail = bindAs("d");
})();
