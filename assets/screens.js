/* Screens other than the desk (assets/screens.css): the phone's controls drawer and folding legend,
   the projector's chart scaled to the panel and the labels of the scene's units on the map. */
(function () {
  "use strict";
  var ns = (window.ledAtlas = window.ledAtlas || {});
  function app() { return document.querySelector(".app"); }
  function presenting() { var a = app(); return !!a && a.getAttribute("data-present") === "1"; }
  ns.presenting = presenting; // the projector's text style of the charts (assets/compare.js, the chart requests)

  // ---- phone: the drawer of pickers, the legend folding under the map ----
  document.addEventListener("click", function (e) {
    var t = e.target;
    var toggle = t && t.closest && t.closest(".drawer-toggle");
    if (toggle) {
      var bar = toggle.closest(".topbar");
      var open = bar.classList.toggle("drawer-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      return;
    }
    var head = t && t.closest && t.closest("#legend .legend-unit");
    if (head && window.matchMedia("(max-width: 820px)").matches) {
      head.closest(".map-column").classList.toggle("legend-collapsed");
    }
  });

  var labels = [];
  var shortName = null;
  function shortNameEn() {
    if (!shortName) shortName = new RegExp((ns.jsonAttr(".map-wrap", "data-map") || {}).short_name_en || "$^");
    return shortName;
  }

  // ---- projector: the scene's chart drawn at its design width, scaled to fill the panel's width ----
  var DESIGN_WIDTH = 370; // narrower than the desk's panel (460 px): the 9 px source line reaches 20 px at 1920
  function fitChart() {
    var charts = document.getElementById("chart-area");
    if (!charts) return;
    if (!presenting()) {
      charts.style.transform = ""; charts.style.width = ""; charts.style.marginBottom = "";
      charts.removeAttribute("data-scale");
      if (charts.parentElement) charts.parentElement.style.overflow = "";
      return;
    }
    var panel = charts.closest(".side-panel");
    if (!panel) return;
    var width = panel.clientWidth - 24;
    // from the chart's top to the panel's bottom, less the panel's padding and a margin
    var height = panel.getBoundingClientRect().bottom - charts.getBoundingClientRect().top - 28;
    charts.style.width = DESIGN_WIDTH + "px";
    // the width sets the scale (the text's size; the projector's ranking is a table short enough for it:
    // layouts/charts/ranking.py PROJECTOR_TOP)
    var zoom = Math.floor((width / DESIGN_WIDTH) * 100) / 100;
    var natural = Math.max(charts.scrollHeight, 1);
    // a chart taller than the panel at that scale is scaled down to fit (no scrolling on the projector)
    zoom = Math.max(0.3, Math.min(zoom, Math.floor((height / natural) * 100) / 100));
    // a transform, not CSS zoom: Plotly measures its container in layout pixels and draws nothing inside a zoom
    if (charts.getAttribute("data-scale") !== String(zoom)) {
      charts.setAttribute("data-scale", String(zoom));
      charts.style.transformOrigin = "0 0";
      charts.style.transform = "scale(" + zoom + ")";
    }
    // a transform leaves the layout box at its natural height: the margin makes the flow take the scaled
    // height, so a chart scaled down does not leave the panel scrolling (1280×720) and one scaled up is not cut
    var margin = Math.floor(natural * (zoom - 1)) + "px";
    if (charts.style.marginBottom !== margin) charts.style.marginBottom = margin;
    // Chromium still counts the unscaled content as the panel's scrollable overflow: the chart's own box
    // clips it (the scaled chart fits that box by the zoom computed above, so nothing visible is cut)
    if (charts.parentElement) charts.parentElement.style.overflow = "hidden";
  }
  ns.fitChart = fitChart;
  var pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; fitChart(); });
  }
  function watch() {
    var charts = document.getElementById("chart-area");
    if (!charts || charts.__fitWatched) return !!charts;
    charts.__fitWatched = true;
    new MutationObserver(soon).observe(charts, { childList: true, subtree: true });
    window.addEventListener("resize", soon);
    soon();
    return true;
  }
  var tries = setInterval(function () {
    var labelled = !presenting() || labels.length > 0 || !(ns.current.h && ns.current.h.sel && ns.current.h.sel.length);
    if (!labelled && ns.map && ns.unitLayers().length) { drawLabels(ns.current.h); labelled = labels.length > 0; }
    if (watch() && labelled) clearInterval(tries);
  }, 200);

  // ---- projector: the names of the scene's selected units on the map ----
  var labelled = ""; // the units and language of the labels shown (a restyle of the same scene keeps them)
  function drawLabels(h) {
    var L = window.L;
    var key = h && h.sel && h.sel.length ? h.lang + ":" + h.sel.join("~") : "";
    var complete = labels.length === ((h && h.sel) || []).length && labels.every(function (m) { return m._map === ns.map; });
    if (key && key === labelled && complete) return;
    labelled = "";
    labels.forEach(function (m) { m.remove(); });
    labels = [];
    // a label left over by an earlier draw (e.g. a map re-created by the renderer) goes too
    document.querySelectorAll(".leaflet-tooltip.scene-label").forEach(function (node) { node.remove(); });
    if (!presenting() || !L || !ns.map || !h || !h.sel || !h.sel.length) return;
    var seen = {};
    ns.unitLayers().forEach(function (layer) {
      var p = layer.feature && layer.feature.properties;
      if (!p || seen[p.a] || h.sel.indexOf(p.a) < 0 || p._k === "i") return;
      seen[p.a] = true;
      // a long English name by its place name (layouts/map.py SHORT_NAME_EN): "Enshi Tujia and Miao Autonomous
      // Prefecture" -> "Enshi" (the labels of scene 5 ran past the map's edge); the Chinese names are short enough
      var name = h.lang === "zh" ? p.n : p.e.replace(shortNameEn(), "$1");
      var m = L.tooltip({ permanent: true, direction: "center", className: "scene-label", interactive: false })
        .setLatLng(layer.getCenter()).setContent(ns.esc(name));
      m.addTo(ns.map);
      labels.push(m);
    });
    labelled = key;
  }
  var restyle = ns.restyle;
  if (typeof restyle === "function") {
    ns.restyle = function (h) { restyle(h); drawLabels(ns.current.h); };
  }
  ns.drawSceneLabels = function () { drawLabels(ns.current.h); };
})();
