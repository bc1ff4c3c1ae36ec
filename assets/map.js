/* Browser-side map functions for dash-leaflet: colours come from `hideout`, geometry never moves. */
(function () {
  "use strict";
  var ns = (window.ledAtlas = window.ledAtlas || {});
  ns.current = {}; // ns.current.h: the live hideout (colours, values, selection) every path is styled from

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
  ns.fmt = fmt;

  // The JSON a data attribute of the page carries (what Python emits for the browser), parsed once.
  var jsonCache = {};
  function jsonAttr(selector, name) {
    var node = document.querySelector(selector);
    var text = (node && node.getAttribute(name)) || "";
    var key = selector + " " + name;
    if (!jsonCache[key] || jsonCache[key].text !== text) {
      var value = null;
      try { value = text ? JSON.parse(text) : null; } catch (e) { value = null; }
      jsonCache[key] = { text: text, value: value };
    }
    return jsonCache[key].value;
  }

  ns.jsonAttr = jsonAttr;

  // The no-data colour and the map's words in each language, as Python emits them (layouts/map.py map_data).
  function mapData() { return jsonAttr(".map-wrap", "data-map") || { nodata: null, words: {}, formats: {} }; }
  function mapWords(L) { return mapData().words[L] || {}; }
  ns.mapWords = mapWords;
  // A template of layouts/map.py FORMATS (legend title, caption) filled with `values`, as Python fills it.
  function fill(name, values) {
    return String(mapData().formats[name] || "").replace(/\{(\w+)\}/g, function (m, key) { return values[key]; });
  }

  // A dash_html_components element as the renderer takes it from a callback.
  function el(type, cls, children, style) {
    var props = { children: children };
    if (cls) props.className = cls;
    if (style) props.style = style;
    return { namespace: "dash_html_components", type: type, props: props };
  }
  function div(cls, children, style) { return el("Div", cls, children, style); }
  function span(cls, text, style) { return el("Span", cls, text, style); }
  // The same legend as layouts/map.py: header, the "Higher = …" line (words from the bundle, template from
  // layouts/strings), one row per class with its count, then "no data".
  function legendRows(entry, y, year, L) {
    var rows = [div("legend-unit", fill("legend_title", { label: entry.label[L], year: year, unit: entry.unit[L] }))];
    var higher = entry.higher && entry.higher[L];
    if (higher) rows.push(div("legend-higher", String(mapWords(L).legend_higher || "").replace("{text}", higher)));
    y.labels.forEach(function (label, i) {
      rows.push(div("legend-row", [span("swatch", null, { background: y.colors[i] }), span("legend-label", label),
                                   span("legend-count", String(y.counts[i]))]));
    });
    rows.push(div("legend-row legend-nodata", [span("swatch swatch-nodata", null, { background: mapData().nodata }),
      span("legend-label", mapWords(L).no_data), span("legend-count", String(y.missing))]));
    return rows;
  }

  // The caption under the map, as layouts/caption.py `caption` writes it.
  function captionParts(b, entry, year, L) {
    var T = (b.text || {})[L] || {};
    var parts = [
      el("Strong", null, fill("caption_title", { label: entry.label[L], year: year })),
      el("Span", null, fill("caption_fact", { word: T.unit, text: entry.unit[L] })),
      el("Span", null, fill("caption_fact", { word: T.source, text: entry.source[L] })),
    ];
    var details = [];
    if (entry.desc && entry.desc[L]) details.push(el("Div", null, entry.desc[L]));
    if (entry.formula) details.push(el("Div", "formula", fill("caption_detail", { word: T.formula, text: entry.formula })));
    if (entry.caveat && entry.caveat[L]) {
      details.push(el("Div", "caveat", fill("caption_detail", { word: T.caveat, text: entry.caveat[L] })));
    }
    if (details.length) parts.push(el("Details", "about", [el("Summary", null, T.about_indicator)].concat(details)));
    return parts;
  }
  ns.legendRows = legendRows; // assets/timeline.js writes the fixed-classes legend with them
  ns.captionParts = captionParts;
  // The migrant-survey line (state/display.py `context_line`), shown with the migrant indicators.
  function contextLine(b, entry, L) {
    var lines = entry.family === "migrant" && b.context && b.context[L];
    if (!lines || !lines.length) return null;
    return lines.map(function (text, i) { return el("Div", i === lines.length - 1 ? "context-source" : null, text); });
  }

  // ---- The URL: the one writer of the query string in the browser --------------------------------
  // Parameter names, order, defaults and version come from the Python model of the URL
  // (state/write.py `write_query`), emitted by state/url_spec.py as the page's data-url-spec.
  function appAttr(name) {
    var app = document.querySelector(".app");
    return (app && app.getAttribute(name)) || "";
  }
  function urlSpec() { return jsonAttr(".app", "data-url-spec"); }
  function decode(text) {
    try { return decodeURIComponent(String(text).replace(/\+/g, " ")); } catch (e) { return String(text); }
  }
  // Python's urlencode (quote_plus): spaces as "+", only letters, digits, "_.-~" and spec.safe left as they are.
  function encode(text, safe) {
    var out = encodeURIComponent(String(text)).replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    }).replace(/%20/g, "+");
    (safe || "").split("").forEach(function (c) { out = out.split(encodeURIComponent(c)).join(c); });
    return out;
  }
  // The decoded values of the known parameters of a query string (the first of each), by name.
  ns.readQuery = function (query) {
    var spec = urlSpec();
    var out = {};
    if (!spec) return out;
    (query || "").replace(/^\?/, "").split("&").filter(Boolean).forEach(function (kv) {
      var i = kv.indexOf("=");
      var key = decode(i < 0 ? kv : kv.slice(0, i));
      if (spec.order.indexOf(key) >= 0 && !(key in out)) out[key] = decode(i < 0 ? "" : kv.slice(i + 1));
    });
    return out;
  };
  // The query string of `state` ({parameter: text, number or list of codes}), as write_query writes it:
  // the parameters in order, only the values that differ from their defaults, then the version.
  ns.writeQuery = function (state) {
    var spec = urlSpec();
    if (!spec) return "";
    var text = {};
    spec.order.forEach(function (name) {
      var value = state[name];
      if (Array.isArray(value)) value = value.join(spec.separator);
      text[name] = value === null || value === undefined || value === false ? "" : String(value);
    });
    var written = {};
    var pairs = [];
    spec.order.forEach(function (name) {
      var by = spec.default_by[name]; // a default that depends on another parameter (the latest year)
      var defs = by && ((by.level_defaults && by.level_defaults[text.level]) || by.defaults);
      var fallback = by ? defs[text[by.param]] : spec.defaults[name];
      if (text[name] === "" || text[name] === String(fallback)) return;
      var needs = spec.only_with[name];
      if (needs && !written[needs]) return;
      written[name] = true;
      pairs.push([name, text[name]]);
    });
    if (!pairs.length) return "";
    pairs.push(spec.version);
    return "?" + pairs.map(function (p) { return encode(p[0], spec.safe) + "=" + encode(p[1], spec.safe); }).join("&");
  };
  function setUrl(query, push) {
    if (query === window.location.search) return;
    var href = window.location.pathname + query + window.location.hash;
    if (push) window.history.pushState({}, "", href); else window.history.replaceState({}, "", href);
    // dcc.Location reads the new URL (its `search` stays true); urlEvent knows this was no back / forward
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
  }
  ns.setUrl = setUrl; // for the table's columns (assets/table.js) and the flows (assets/flows.js)
  window.addEventListener("popstate", function () { ns.popped = true; });

  // Scripts the map does not need (the ranking grid, layouts/shell.py) load only when a tab that needs
  // them is opened (meta led-deferred-tabs); such a tab waits for them (chartsRequest), so a grid never
  // renders before its code is there. Every chart waits for the map's first paint.
  var deferredLoad = null;
  ns.loadDeferred = function () {
    if (deferredLoad) return deferredLoad;
    var meta = document.querySelector('meta[name="led-deferred-scripts"]');
    var urls = ((meta && meta.getAttribute("content")) || "").split(" ").filter(Boolean);
    deferredLoad = urls.reduce(function (prev, url) {
      return prev.then(function () {
        return new Promise(function (resolve) {
          var s = document.createElement("script");
          s.src = url;
          s.onload = resolve;
          s.onerror = resolve; // a missing grid must not hold back every chart
          document.body.appendChild(s);
        });
      });
    }, Promise.resolve());
    deferredLoad.then(function () {
      ns.deferredDone = true;
      flushChart();
    });
    return deferredLoad;
  };
  // The side-by-side maps' files (layouts/shell.py SPLIT_ASSETS) load with the first hideout that has `split`
  // (assets/on_demand/split.js then shows the left map, and restyles it with every restyle).
  var splitLoading = false;
  function wantSplit(h) {
    if (splitLoading || !h || !h.split) return;
    splitLoading = true;
    var meta = document.querySelector('meta[name="led-split-assets"]');
    ((meta && meta.getAttribute("content")) || "").split(" ").filter(Boolean).forEach(function (url) {
      var css = /\.css(\?|$)/.test(url);
      if (css && document.querySelector('link[rel="stylesheet"][href="' + url + '"]')) return; // in the page's head
      var e = document.createElement(css ? "link" : "script");
      if (css) { e.rel = "stylesheet"; e.href = url; } else e.src = url;
      (css ? document.head : document.body).appendChild(e);
    });
  }
  function deferredTabs() {
    var meta = document.querySelector('meta[name="led-deferred-tabs"]');
    return ((meta && meta.getAttribute("content")) || "").split(" ").filter(Boolean);
  }
  function chartWaits(tab) {
    if (!ns.painted) return true;
    if (ns.deferredDone || deferredTabs().indexOf(tab) < 0) return false;
    ns.loadDeferred();
    return true;
  }
  // the chart tab asked for before the map was drawn or the grid's code was there (chartsRequest)
  function flushChart() {
    var pending = ns.pendingChart;
    if (!pending || chartWaits(pending.tab) || (pending.compare && ns.fullLoading)) return;
    ns.pendingChart = null;
    var tree = pending.tree || (pending.compare ? drawCompare(pending) : null);
    if (tree) window.dash_clientside.set_props("chart-area", { children: tree });
    else sendChart(pending, 0);
  }
  function drawCompare(r) {
    try { return ns.compareTab(r.indicator, r.year, r.sel, r.lang); } catch (e) { return null; }
  }
  // Dash 4 sometimes drops a set_props made while its callback queue is busy (seen: the table tab clicked
  // during the page's first callbacks never asked the server): ask again while no answer to this request,
  // nor a newer request, has come (at most three times; a late answer to an earlier ask is still shown).
  function sendChart(request, attempt) {
    if (!window.dash_clientside.set_props) return;
    window.dash_clientside.set_props("charts-request", { data: request });
    if (attempt >= 3) return;
    setTimeout(function () {
      if ((ns.chartShownT || 0) < request.t && ns.chartT === request.t && !ns.pendingChart) {
        sendChart(request, attempt + 1);
      }
    }, 3000 * (attempt + 1));
  }
  function painted() {
    if (ns.painted) return;
    ns.painted = true;
    if (ns.hideFirstFrame) ns.hideFirstFrame();
    flushChart();
    document.dispatchEvent(new CustomEvent("led:painted")); // assets/paint_later.js
  }
  function idle(f) { (window.requestIdleCallback || function (g) { return setTimeout(g, 300); })(f, { timeout: 2000 }); }
  ns.idle = idle;
  function afterFirstPaint(f) {
    requestAnimationFrame(function () { setTimeout(f, 0); });
  }
  // should the map never draw (no geometry), the charts still come -- late enough that a slow first paint
  // (a busy phone) is never overtaken by plotly.js
  setTimeout(function () { ns.frameGaveUp = true; painted(); }, 20000);

  // The values bundle (web/values.py): in idle time after the map is drawn, the part of the page's
  // indicator family (data-values-first, a few kB); the whole bundle once the person reaches for the
  // indicator picker, or a switch needs an indicator the part lacks (that switch then waits for it).
  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : null; });
  }
  ns.fetchJson = fetchJson;
  ns.loadBundle = function () {
    if (ns.bundle || ns.bundleLoading) return;
    var first = appAttr("data-values-first");
    if (!first) { ns.loadFullBundle(); return; }
    ns.bundleLoading = true;
    fetchJson(first)
      .then(function (data) { if (data && !ns.bundleFull) ns.bundle = data; ns.bundleLoading = false; })
      .catch(function () { ns.bundleLoading = false; });
  };
  ns.loadFullBundle = function () {
    if (ns.bundleFull || ns.fullLoading || ns.fullFailed || !appAttr("data-values")) return;
    ns.fullLoading = true;
    fetchJson(appAttr("data-values"))
      .then(function (data) {
        ns.fullLoading = false;
        if (data) { ns.bundle = data; ns.bundleFull = true; } else { ns.fullFailed = true; }
        applyPendingSwitch();
        flushChart();
      })
      .catch(function () { ns.fullLoading = false; ns.fullFailed = true; applyPendingSwitch(); flushChart(); }); // the server's
  };
  ["pointerdown", "focusin", "keydown"].forEach(function (ev) {
    document.addEventListener(ev, function (e) {
      var t = e.target;
      if (t && t.closest && t.closest("#indicator-picker, .picker-indicator")) {
        if (ns.laterNow) ns.laterNow(); // assets/paint_later.js: the picker's whole list at once
        ns.loadFullBundle();
      }
    }, true);
  });
  // A switch that waited for the whole bundle: drawn from it now (or by the server, should it not come).
  function applyPendingSwitch() {
    var args = ns.pendingSwitch;
    ns.pendingSwitch = null;
    var setProps = window.dash_clientside && window.dash_clientside.set_props;
    if (!args || !setProps) return;
    if (ns.current.h && ns.current.h.sel) args[7] = ns.current.h.sel; // the selection as it is now
    var out = window.dash_clientside.ledAtlas.switchMap.apply(null, args);
    var nu = window.dash_clientside.no_update;
    [["legend", "children"], ["recolour-request", "data"], ["caption", "children"], ["context-line", "children"]]
      .forEach(function (target, i) {
        if (out[i] !== nu) { var props = {}; props[target[1]] = out[i]; setProps(target[0], props); }
      });
  }

  ns.style = function (feature, context) {
    // the main layer, not the inset (a smaller file, drawn first): the charts and what waits for the first paint
    // must not overtake the map
    if (!ns.bundleScheduled && (!context || !context.id || context.id === mapData().main)) {
      ns.bundleScheduled = true;
      wantSplit(context && context.hideout);
      afterFirstPaint(painted);
      idle(ns.loadBundle);
    }
    // the live hideout (the first layer's prop, then every restyle) wins over a layer's own prop:
    // the detail layers carry none, and dash-leaflet redraws would otherwise bring back stale colours
    if (!(ns.current.h && ns.current.h.colors)) ns.current.h = (context && context.hideout) || {};
    var own = context && context.own; // a hideout of its own: the left map of mode=split (assets/on_demand/split.js)
    var h = own ? context.hideout : ns.current.h;
    if (context && context.map && ns.map !== context.map) { ns.map = context.map; ns.watchResize(context.map); }
    var a = feature.properties.a;
    if (!feature.properties._k && !own && ns.detailShown[ns.provinceOf(a)]) {
      // drawn in detail above: the coarse path steps aside (no double borders)
      return { fillOpacity: 0, opacity: 0, weight: 0 };
    }
    var ci = h.c ? h.c[a] : undefined;
    var fill = ci === undefined || ci === null ? h.nodata || mapData().nodata : h.colors[ci];
    var selected = h.sel && h.sel.indexOf(a) >= 0;
    var st = {
      fillColor: fill,
      fillOpacity: 1,
      color: selected ? "#111111" : "#ffffff",
      weight: selected ? 2.5 : 0.35,
      opacity: 1,
      className: selected ? "unit selected" : "unit",
    };
    // flows on the map (assets/flows.js): the choropleth dimmed, the partner units outlined
    return ns.flowStyle ? Object.assign(st, ns.flowStyle(a, selected)) : st;
  };

  // The grey prefectures around a drilled-down province (county level, web/county_page.py).
  ns.contextStyle = function () {
    return { fillColor: "#e4e7eb", fillOpacity: 1, color: "#ffffff", weight: 0.6, opacity: 1 };
  };

  ns.lineStyle = function (feature, context) {
    var kind = context && context.hideout && context.hideout.kind;
    if (kind === "maritime") return { color: "#4a6fa5", weight: 1.6, dashArray: "6 4", opacity: 0.9 };
    // county level: prefecture borders inside provinces, thinner than the province borders
    if (feature && feature.properties && feature.properties.k === "pref") return { color: "#6b6b6b", weight: 0.7, opacity: 0.8 };
    return { color: "#555555", weight: 0.9, opacity: 0.85 };
  };

  ns.tooltipHtml = function (p, own) {
    var h = own || ns.current.h || {};
    var zh = h.lang === "zh";
    var v = h.v ? h.v[p.a] : null;
    var val = fmt(v, h.dec || 0);
    var flag = h.flags && h.flags[p.a];
    return (
      "<div class='tt'><b>" + esc(zh ? p.n : p.e) + "</b> " + esc(zh ? p.e : p.n) +
      // a county: its prefecture beside its province (county names repeat across China)
      "<div class='tt-prov'>" + (p.fn ? esc(zh ? p.fn : p.fe) + " · " : "") + esc(zh ? p.p : p.pe) + "</div>" +
      "<div class='tt-val'>" + esc(h.label || "") + ": " +
      (val === null ? "<i>" + esc(h.nodataText || mapWords(h.lang).no_data) + "</i>" : "<b>" + esc(val) + "</b> " + esc(h.unit || "")) +
      " (" + esc(h.year === mapData().no_year ? mapWords(h.lang).no_year : (h.year || "")) + ")</div>" +
      (flag ? "<div class='tt-flag'>⚠ " + esc(h.flagText || "") + ": " + esc(flag) + "</div>" : "") +
      "<div class='tt-src'>" + esc(h.source || "") + "</div></div>"
    );
  };

  // The unit paths of both unit layers (main map and inset), kept to restyle them in place:
  // dash-leaflet 1.1.3 re-creates every path when `hideout` changes (~90 ms); setStyle takes ~5 ms.
  var unitPaths = [];
  ns.unitLayers = function () {
    unitPaths = unitPaths.filter(function (l) { return !!l._map; }); // drop paths of a rebuilt layer
    return unitPaths.slice();
  };
  // Restyle every unit path from a new hideout; tooltips and hover read the same hideout.
  ns.restyle = function (h) {
    if (!h) return;
    ns.current.h = h;
    wantSplit(h);
    ns.unitLayers().forEach(function (l) {
      l.setStyle(ns.style(l.feature, { hideout: h }));
      // an open tooltip (the pointer or the keyboard cursor on a unit) is rewritten from the new hideout
      if (l.isTooltipOpen && l.isTooltipOpen()) l.getTooltip().update();
    });
  };

  ns.HOVER = { weight: 2, color: "#333" }; // a unit under the pointer (also on the left map of mode=split)
  ns.bindTooltip = function (feature, layer) {
    unitPaths.push(layer);
    layer.bindTooltip(function () { return ns.tooltipHtml(feature.properties); }, { sticky: true, direction: "auto" });
    layer.on("mouseover", function () { layer.setStyle(ns.HOVER); layer.bringToFront && layer.bringToFront(); });
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

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.ledAtlas = Object.assign(window.dash_clientside.ledAtlas || {}, {
      yearOptions: function (indicator, year, table) {
        var years = (table || {})[indicator];
        if (!years || !years.length) return [window.dash_clientside.no_update, window.dash_clientside.no_update];
        // an upload without a year column has the one year NO_YEAR: named in words (layouts/i18n.py year_text)
        var L = (document.querySelector(".app.lang-zh")) ? "zh" : "en";
        var opts = years.map(function (y) {
          return { label: y === mapData().no_year ? mapWords(L).no_year : String(y), value: y };
        });
        // the same year is not written again: that would run every year-dependent callback twice
        return [opts, years.indexOf(year) >= 0 ? window.dash_clientside.no_update : years[years.length - 1]];
      },
      switchMap: function (indicator, year, scheme, k, breaks, palette, mode, sel, lang, prepared) {
        var nu = window.dash_clientside.no_update;
        // classes fixed across the years while the years play (assets/timeline.js)
        var frame = ns.timelineFrame && ns.timelineFrame(indicator, year, scheme, k, breaks, palette, mode, sel, lang);
        if (frame) return frame;
        var request = { indicator: indicator, year: year, scheme: scheme, k: k, breaks: breaks,
                        palette: palette, mode: mode, t: Date.now() };
        if (appAttr("data-level") === "county") request.level = "county";
        if (ns.prepared && ns.prepared("colours", prepared, request)) { // a scene's (present.js), also restyled there:
          var p = prepared; // written here too (Dash drops recolourAnswer's legend when both run in one batch)
          return [p.legend || nu, nu, p.caption || nu, "context" in p ? p.context : nu];
        }
        // county level: the server colours (the values bundle holds the prefectures)
        if (request.level === "county") return [nu, request, nu, nu];
        var b = ns.bundle;
        var entry = b && b.indicators[indicator];
        if (!entry && !ns.bundleFull && !ns.fullFailed && (ns.fullLoading || appAttr("data-values"))) {
          ns.pendingSwitch = Array.prototype.slice.call(arguments); // drawn once the whole bundle is in
          ns.loadFullBundle();
          if (ns.fullLoading) return [nu, nu, nu, nu];
          ns.pendingSwitch = null;
        }
        var auto = !palette || palette === "auto" || (entry && palette === entry.palette);
        // the bundle holds the colours of its own classes ("scheme-k", indicators/bundle.py) in the default mode
        var defaultMode = (urlSpec() || { defaults: {} }).defaults.mode;
        if (!entry || scheme + "-" + k !== b.scheme || !auto || (mode && mode !== defaultMode)) {
          return [nu, request, nu, nu];
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
          v: v, c: c, colors: y.colors, nodata: mapData().nodata, sel: sel || [], flags: y.flags,
          label: entry.label[L], unit: entry.unit[L], year: year, source: entry.source[L], dec: entry.dec,
          lang: L, nodataText: mapWords(L).no_data, flagText: mapWords(L).flagged,
        };
        ns.restyle(h);
        return [legendRows(entry, y, year, L), nu, captionParts(b, entry, year, L), contextLine(b, entry, L)];
      },
      // Colours the server computed (other classes, palettes, LISA, uploads): restyled in place, with the legend,
      // breaks field, caption and context line. (Dash holds the next switch until this answer is in.)
      recolourAnswer: function (a) {
        var nu = window.dash_clientside.no_update;
        if (!a) return [nu, nu, nu, nu];
        if (a.hideout && typeof a.hideout === "object") ns.restyle(a.hideout);
        return ["legend", "breaks", "caption", "context"].map(function (k) { return k in a ? a[k] : nu; });
      },
      // The indicator, year, tab or selection changed: write the URL (a new history entry).
      writeUrl: function (indicator, year, tab, sel, table) {
        var first = !ns.urlStarted;
        ns.urlStarted = true;
        // the first call starts from the server's canonical query of this page (invalid values dropped)
        var state = ns.readQuery(first ? appAttr("data-query") : window.location.search);
        var years = (table || {})[indicator];
        if (years && years.length) {
          state.indicator = indicator;
          state.year = years.indexOf(year) >= 0 ? year : Math.max.apply(null, years);
        }
        if (typeof tab === "string" && tab) state.tab = tab;
        state.sel = (sel || []).filter(function (c) { return typeof c === "string" && /^[0-9]{6}$/.test(c); });
        var query = ns.writeQuery(state);
        // a change of state is a new history entry; a mere rewrite (canonical order, dropped values) is not
        var same = ns.writeQuery(ns.readQuery(window.location.search)) === query;
        setUrl(query, !first && !same && !(ns.timeline && ns.timeline.playing)); // frames of a play: one entry
        return window.dash_clientside.no_update;
      },
      // Back / forward reach the server's URL parser; the page's own writes do not.
      urlEvent: function (search) {
        if (!ns.popped) return window.dash_clientside.no_update;
        ns.popped = false;
        return { search: search || "", t: Date.now() };
      },
      // The other language, and the presentation from its first scene, of the current state.
      links: function (search, lang) {
        var other = Object.assign(ns.readQuery(search), { lang: lang === "zh" ? "en" : "zh" });
        var present = Object.assign(ns.readQuery(search), { present: "1", scene: null, lang: lang });
        return ["/" + ns.writeQuery(other), "/" + ns.writeQuery(present)];
      },
      // The chart tabs ask the server once the map is drawn (and the grid's code is loaded, for the grid's tab).
      // The compare tab is drawn here from the values bundle when assets/compare.js can; otherwise the
      // server draws it, once the map is drawn and the grid's code is loaded.
      chartsRequest: function (tab, sel, indicator, year, lang, table, prepared) {
        var nu = window.dash_clientside.no_update;
        var years = (table || {})[indicator];
        // a year the new indicator lacks: yearOptions is about to set its latest year; draw then
        if (years && years.length && years.indexOf(year) < 0) return [nu, nu];
        var c = window.dash_clientside.callback_context;
        var trig = ((c && c.triggered) || []).map(function (t) { return String(t.prop_id).split(".")[0]; });
        var county = appAttr("data-level") === "county";
        var query = ns.readQuery(window.location.search);
        var view = county ? query.view || "" : ""; // a drilled-down province ranks its own
        var asked = { tab: tab, sel: sel || [], indicator: indicator, year: year, lang: lang, level: county ? "county" : "prefecture", view: /^[0-9]{6}$/.test(view) ? view : "" };
        if (ns.prepared && ns.prepared("chart", prepared, asked)) { // a scene's (present.js): also written here, as
          // the legend in switchMap (in one batch with chartsResponse, Dash keeps the old tab); a grid's tab waits
          // for the grid's code like any other (a tree naming dash_ag_grid before it loaded breaks the renderer)
          ns.chartT = Math.max(ns.chartT || 0, prepared.t);
          ns.chartShownT = Math.max(ns.chartShownT || 0, prepared.t);
          ns.pendingChart = chartWaits(tab) ? Object.assign(asked, { tree: prepared.tree, t: prepared.t }) : null;
          return [ns.pendingChart ? nu : prepared.tree, nu];
        }
        ns.chartT = Date.now();
        var prev = ns.pendingChart;
        ns.pendingChart = null;
        var request = Object.assign(asked, { only_selection: trig.length === 1 && trig[0] === "selection-store", t: ns.chartT,
                        cols: query.cols || "",
                        present: typeof ns.presenting === "function" && ns.presenting() });
        if (prev && !prev.only_selection) request.only_selection = false; // the tab itself is still to draw
        if (tab === "compare" && !county && ns.bundle && typeof ns.compareTab === "function") {
          var tree = drawCompare(request);
          if (tree) return [tree, nu];
          // the whole bundle is on its way (an indicator the first part lacks): drawn from it then (flushChart)
          if (ns.fullLoading) { request.compare = true; ns.pendingChart = request; return [nu, nu]; }
        }
        // no Promise here: Dash drops an awaited result when the callback fires again meanwhile
        if (chartWaits(tab)) { ns.pendingChart = request; return [nu, nu]; }
        return [nu, request];
      },
      chartsResponse: function (response) {
        var nu = window.dash_clientside.no_update;
        if (!response || !response.tree || (response.t || 0) < (ns.chartT || 0)) return nu; // stale
        ns.chartShownT = Math.max(ns.chartShownT || 0, response.t || 0);
        var tab = response.key && response.key.tab; // a scene's prepared tab (callbacks/url.py) may need the grid
        if (tab && chartWaits(tab)) {
          ns.pendingChart = Object.assign({}, response.key, { tree: response.tree, t: response.t });
          return nu;
        }
        return response.tree;
      },
      // The side panel needs the server only when it shows (or showed) selected units -- and never on the projector,
      // which hides the panel's cards (assets/screens.css; each compare scene asked for them: ~70 ms of its change).
      panelRequest: function (sel, indicator, year, table) {
        if (typeof ns.presenting === "function" && ns.presenting()) return window.dash_clientside.no_update;
        var years = (table || {})[indicator];
        if (years && years.length && years.indexOf(year) < 0) return window.dash_clientside.no_update; // year follows
        var empty = !sel || !sel.length;
        var panel = document.getElementById("side-panel");
        if (empty && panel && !panel.querySelector(".unit-card")) return window.dash_clientside.no_update;
        return { sel: sel || [], indicator: indicator, year: year, level: appAttr("data-level") || "prefecture", t: Date.now() };
      },
      viewChanged: function (center, zoom) {
        return ns.personsView(center, zoom) || window.dash_clientside.no_update; // assets/view.js
      },
      mergeSelection: function (sel) {
        if (ns.current.h) ns.restyle(Object.assign({}, ns.current.h, { sel: sel || [] }));
        return [window.dash_clientside.no_update, !(sel && sel.length)];
      },
  });
})();
