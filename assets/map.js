/* Browser-side map functions for dash-leaflet: colours come from `hideout`, geometry never moves. */
(function () {
  "use strict";
  var ns = (window.ledAtlas = window.ledAtlas || {});
  ns.current = {}; // latest hideout per layer id, read by tooltips

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  ns.esc = esc;

  function fmt(v, dec) {
    if (v === null || v === undefined || Number.isNaN(v)) return null;
    return Number(v).toLocaleString("en-US", { minimumFractionDigits: dec, maximumFractionDigits: dec });
  }

  // Keep the map fitted when its container changes size (the top bar wraps after Leaflet measured).
  function watchResize(map) {
    var el = map.getContainer();
    var wrap = el.closest(".map-wrap");
    var fit = wrap && wrap.getAttribute("data-fit");
    ns.fitBounds = fit ? JSON.parse(fit) : null;
    ["mousedown", "wheel", "keydown", "touchstart"].forEach(function (ev) {
      el.addEventListener(ev, function () { ns.userMoved = true; }, { passive: true });
    });
    if (!window.ResizeObserver) return;
    new ResizeObserver(function () {
      map.invalidateSize({ animate: false });
      if (!ns.userMoved && ns.fitBounds) {
        ns.refitting = true;
        map.fitBounds(ns.fitBounds, { animate: false });
        setTimeout(function () { ns.refitting = false; }, 300);
      }
    }).observe(el);
  }

  var NO_DATA = "#cccccc";

  function div(cls, children, style) {
    var props = { className: cls, children: children };
    if (style) props.style = style;
    return { namespace: "dash_html_components", type: "Div", props: props };
  }
  function span(cls, text, style) {
    var props = { className: cls, children: text };
    if (style) props.style = style;
    return { namespace: "dash_html_components", type: "Span", props: props };
  }
  // The same legend as layouts/map.py: header, one row per class with its count, then "no data".
  function legendRows(entry, y, year, L) {
    var rows = [div("legend-unit", entry.label[L] + " · " + year + " · " + entry.unit[L])];
    y.labels.forEach(function (label, i) {
      rows.push(div("legend-row", [span("swatch", null, { background: y.colors[i] }), span("legend-label", label),
                                   span("legend-count", String(y.counts[i]))]));
    });
    rows.push(div("legend-row legend-nodata", [span("swatch swatch-nodata", null, { background: NO_DATA }),
      span("legend-label", L === "zh" ? "无数据" : "No data"), span("legend-count", String(y.missing))]));
    return rows;
  }

  // The values bundle is fetched once, in the background, after the map is drawn.
  ns.loadBundle = function () {
    if (ns.bundle || ns.bundleLoading) return;
    var app = document.querySelector(".app");
    var url = app && app.getAttribute("data-values");
    if (!url) return;
    ns.bundleLoading = true;
    fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { ns.bundle = data; ns.bundleLoading = false; })
      .catch(function () { ns.bundleLoading = false; });
  };

  ns.style = function (feature, context) {
    if (!ns.bundleScheduled) {
      ns.bundleScheduled = true;
      (window.requestIdleCallback || function (f) { return setTimeout(f, 300); })(ns.loadBundle);
    }
    var h = (context && context.hideout) || {};
    ns.current.h = h;
    if (context && context.map && ns.map !== context.map) { ns.map = context.map; watchResize(context.map); }
    var a = feature.properties.a;
    var ci = h.c ? h.c[a] : undefined;
    var fill = ci === undefined || ci === null ? h.nodata || "#cccccc" : h.colors[ci];
    var selected = h.sel && h.sel.indexOf(a) >= 0;
    return {
      fillColor: fill,
      fillOpacity: 1,
      color: selected ? "#111111" : "#ffffff",
      weight: selected ? 2.5 : 0.35,
      opacity: 1,
      className: selected ? "unit selected" : "unit",
    };
  };

  ns.lineStyle = function (feature, context) {
    var kind = context && context.hideout && context.hideout.kind;
    if (kind === "maritime") return { color: "#4a6fa5", weight: 1.6, dashArray: "6 4", opacity: 0.9 };
    return { color: "#555555", weight: 0.9, opacity: 0.85 };
  };

  ns.tooltipHtml = function (p) {
    var h = ns.current.h || {};
    var zh = h.lang === "zh";
    var v = h.v ? h.v[p.a] : null;
    var val = fmt(v, h.dec || 0);
    var flag = h.flags && h.flags[p.a];
    return (
      "<div class='tt'><b>" + esc(zh ? p.n : p.e) + "</b> " + esc(zh ? p.e : p.n) +
      "<div class='tt-prov'>" + esc(zh ? p.p : p.pe) + "</div>" +
      "<div class='tt-val'>" + esc(h.label || "") + ": " +
      (val === null ? "<i>" + esc(h.nodataText || "No data") + "</i>" : "<b>" + esc(val) + "</b> " + esc(h.unit || "")) +
      " (" + esc(h.year || "") + ")</div>" +
      (flag ? "<div class='tt-flag'>⚠ " + esc(h.flagText || "") + ": " + esc(flag) + "</div>" : "") +
      "<div class='tt-src'>" + esc(h.source || "") + "</div></div>"
    );
  };

  ns.bindTooltip = function (feature, layer) {
    layer.bindTooltip(function () { return ns.tooltipHtml(feature.properties); }, { sticky: true, direction: "auto" });
    layer.on("mouseover", function () { layer.setStyle({ weight: 2, color: "#333" }); layer.bringToFront && layer.bringToFront(); });
    layer.on("mouseout", function () {
      var st = ns.style(feature, { hideout: ns.current.h });
      layer.setStyle({ weight: st.weight, color: st.color });
    });
  };

  // Clicks report only the code and whether a modifier key asks to add to the selection.
  ns.onClick = function (e, ctx) {
    var f = e && e.layer && e.layer.feature;
    if (!f) return;
    var o = e.originalEvent || {};
    ctx.setProps({ clickData: { a: f.properties.a, add: !!(o.shiftKey || o.ctrlKey || o.metaKey), t: Date.now() } });
  };

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    ledAtlas: {
      yearOptions: function (indicator, year, table) {
        var years = (table || {})[indicator];
        if (!years || !years.length) return [window.dash_clientside.no_update, window.dash_clientside.no_update];
        var opts = years.map(function (y) { return { label: String(y), value: y }; });
        // the same year is not written again: that would run every year-dependent callback twice
        return [opts, years.indexOf(year) >= 0 ? window.dash_clientside.no_update : years[years.length - 1]];
      },
      switchMap: function (indicator, year, scheme, k, breaks, palette, mode, sel, lang) {
        var nu = window.dash_clientside.no_update;
        var request = { indicator: indicator, year: year, scheme: scheme, k: k, breaks: breaks,
                        palette: palette, mode: mode, t: Date.now() };
        var b = ns.bundle;
        var entry = b && b.indicators[indicator];
        var auto = !palette || palette === "auto" || (entry && palette === entry.palette);
        if (!entry || scheme !== "quantiles" || k !== 5 || !auto || (mode && mode !== "values")) {
          return [nu, nu, nu, request];
        }
        var y = entry.years[String(year)];
        if (!y) {  // the year has no values: latest year with values
          var ys = Object.keys(entry.years).sort();
          year = parseInt(ys[ys.length - 1], 10); y = entry.years[ys[ys.length - 1]];
        }
        var L = lang === "zh" ? "zh" : "en";
        var v = {}, c = {};
        b.units.forEach(function (a, i) {
          v[a] = y.v[i];
          if (y.c[i] !== null && y.c[i] !== undefined) c[a] = y.c[i];
        });
        var h = {
          v: v, c: c, colors: y.colors, nodata: NO_DATA, sel: sel || [], flags: y.flags,
          label: entry.label[L], unit: entry.unit[L], year: year, source: entry.source[L], dec: entry.dec,
          lang: L, nodataText: L === "zh" ? "无数据" : "No data", flagText: L === "zh" ? "数据质量提示" : "Quality flag",
        };
        return [h, h, legendRows(entry, y, year, L), nu];
      },
      viewChanged: function (center, zoom) {
        var nu = window.dash_clientside.no_update;
        if (!ns.seenFirstView) { ns.seenFirstView = true; return nu; }
        if (ns.refitting || center == null || zoom == null) return nu;
        return { center: center, zoom: zoom };
      },
      csvLinks: function (indicator, year, sel) {
        var base = "/api/indicators/" + encodeURIComponent(indicator || "") + ".csv?year=" + encodeURIComponent(year || "");
        var codes = (sel || []).join("~");
        return [base, codes ? base + "&sel=" + codes : base];
      },
      mapPng: function (n) {
        if (n && ns.exportMapPng) ns.exportMapPng();
        return window.dash_clientside.no_update;
      },
      mergeSelection: function (sel, hideout) {
        var h = Object.assign({}, hideout || {}, { sel: sel || [] });
        return [h, h];
      },
    },
  });
})();
