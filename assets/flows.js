/* Spring-Festival flows on the map: curved lines from the selected units to their partners (or the
   national top corridors without a selection), drawn in the browser from the /api/corridors answer, with
   a ranked list, a direction switch and a window switch. The facts (windows, caveats, unit, limits,
   colours, label points, words) come from the page's data-flows (layouts/flows.py); the state lives in
   the URL (flows, window, top), written by ledAtlas.writeQuery. No geometry is ever fetched here. */
(function () {
  "use strict";
  var F = (window.ledFlows = window.ledFlows || {});
  function atlas() { return window.ledAtlas || {}; }
  function esc(s) { return atlas().esc ? atlas().esc(s) : String(s == null ? "" : s); }

  var cfgText = null, cfgValue = null;
  function panel() { return document.getElementById("flows-panel"); }
  function cfg() {
    var node = panel();
    var text = (node && node.getAttribute("data-flows")) || "";
    if (text !== cfgText) {
      cfgText = text;
      try { cfgValue = text ? JSON.parse(text) : null; } catch (e) { cfgValue = null; }
    }
    return cfgValue;
  }
  function lang() {
    var app = document.querySelector(".app");
    return app && app.classList.contains("lang-zh") ? "zh" : "en";
  }
  function word(key, values) {
    var text = ((cfg().words || {})[lang()] || {})[key] || "";
    return text.replace(/\{(\w+)\}/g, function (m, k) { return values && k in values ? values[k] : m; });
  }
  function fmt(v, dec) {
    if (v === null || v === undefined || Number.isNaN(v)) return "–";
    return Number(v).toLocaleString("en-US", { minimumFractionDigits: dec, maximumFractionDigits: dec });
  }

  // ---- state: flows, window, top from the URL; the selection from the selection store -------------
  F.sel = [];
  F.state = null;
  function readState(query) {
    var c = cfg();
    var q = atlas().readQuery ? atlas().readQuery(query) : {};
    var windows = c.windows.map(function (w) { return w.key; });
    var top = /^[0-9]{1,3}$/.test(q.top || "") ? parseInt(q.top, 10) : null;
    return {
      flows: c.directions.indexOf(q.flows) >= 0 ? q.flows : null,
      window: windows.indexOf(q.window) >= 0 ? q.window : windows[0],
      top: top !== null && top >= c.top.min && top <= c.top.max ? top : null,
    };
  }
  var writing = false;
  function writeState(push) {
    var ns = atlas();
    if (!ns.writeQuery || !ns.setUrl) return;
    var q = ns.readQuery(window.location.search);
    q.flows = F.state.flows;
    q.window = F.state.flows ? F.state.window : null;
    q.top = F.state.flows && F.state.top !== null ? F.state.top : null;
    writing = true;
    try { ns.setUrl(ns.writeQuery(q), push); } finally { writing = false; }
  }
  function change(changes) {
    Object.assign(F.state, changes);
    writeState(true);
    F.update();
  }
  window.addEventListener("popstate", function () {
    if (!cfg()) return;
    setTimeout(function () { F.state = readState(window.location.search); F.update(); }, 0);
  });
  // a URL pushed by another writer: a presenter's scene change (assets/present.js) brings the scene's flows, window
  // and top (scene 9 -> 10: "out" 2020 -> "in" 2021), which were read only when the page started
  window.addEventListener("_dashprivate_pushstate", function () {
    if (writing || !F.state || !cfg()) return;
    var next = readState(window.location.search);
    if (next.flows === F.state.flows && next.window === F.state.window && next.top === F.state.top) return;
    F.state = next;
    F.update();
  });

  // ---- the unit names and provinces as the map's own features carry them -------------------------
  var featureProps = null;
  function props(code) {
    if (!featureProps || !featureProps[code]) {
      featureProps = {};
      (atlas().unitLayers ? atlas().unitLayers() : []).forEach(function (l) {
        var p = l.feature && l.feature.properties;
        if (p && p.a) featureProps[p.a] = p;
      });
    }
    return featureProps[code] || null;
  }
  function unitName(code, row) {
    var p = props(code);
    if (p) return lang() === "zh" ? p.n : p.e;
    return (row && (lang() === "zh" ? row.name_zh : row.name_en || row.name_zh)) || code;
  }
  function provinceName(code, provinceZh) {
    var p = props(code);
    if (p) return lang() === "zh" ? p.p : p.pe;
    return provinceZh || "";
  }

  // ---- answers: one request per (unit, window, direction, top), kept for the visit -----------------
  var answers = {};
  function answerUrl(unit, st, top) {
    var params = ["window=" + encodeURIComponent(st.window), "direction=" + st.flows, "top=" + top];
    if (unit) params.unshift("unit=" + unit);
    return cfg().api + "?" + params.join("&");
  }
  function serverMs(resp) {
    var m = /dur=([0-9.]+)/.exec(resp.headers.get("Server-Timing") || "");
    return m ? parseFloat(m[1]) : null;
  }
  function fetchAnswer(url) {
    if (!answers[url]) {
      answers[url] = fetch(url, { credentials: "same-origin" }).then(function (resp) {
        return resp.text().then(function (text) {
          if (!resp.ok) throw new Error(text.split("\n")[0] || String(resp.status));
          return { rows: JSON.parse(text), bytes: text.length, serverMs: serverMs(resp), url: url };
        });
      });
      answers[url].catch(function () { delete answers[url]; });
    }
    return answers[url];
  }

  // ---- drawing ------------------------------------------------------------------------------------
  var group = null;
  var lineOf = {}; // row id -> polyline
  function ensureGroup(map) {
    if (!map.getPane("flows")) {
      var pane = map.createPane("flows");
      pane.style.zIndex = 460;
    }
    if (!group) group = window.L.layerGroup();
    if (map.hasLayer(group)) map.removeLayer(group); // filled off the map, then added at once
    return group;
  }
  // A quadratic Bézier curve from a to b ([y, x]), bowed to the left of the direction of travel.
  F.curve = function (a, b, n) {
    var dy = b[0] - a[0], dx = b[1] - a[1];
    var c = [(a[0] + b[0]) / 2 + dx * 0.2, (a[1] + b[1]) / 2 - dy * 0.2];
    var pts = [];
    for (var i = 0; i <= n; i++) {
      var t = i / n, u = 1 - t;
      pts.push([u * u * a[0] + 2 * u * t * c[0] + t * t * b[0], u * u * a[1] + 2 * u * t * c[1] + t * t * b[1]]);
    }
    return pts;
  };
  function lineStyle(index, max) {
    var colors = cfg().colors;
    var r = max > 0 ? index / max : 0;
    var k = Math.min(colors.length - 1, Math.floor(r * colors.length));
    return { color: colors[k], weight: 1.2 + 7 * Math.sqrt(r), opacity: 0.9 };
  }
  function clearLines() {
    if (group) group.clearLayers();
    lineOf = {};
  }
  function setPartners(partners, on) {
    var ns = atlas();
    ns.flowStyle = on ? function (a, selected) {
      var st = { fillOpacity: 0.35 };
      if (partners[a] && !selected) { st.color = "#3f007d"; st.weight = 1.6; }
      return st;
    } : null;
    if (ns.restyle && ns.current && ns.current.h) ns.restyle(ns.current.h);
  }
  function focus(code) {
    var setProps = window.dash_clientside && window.dash_clientside.set_props;
    if (setProps && /^[0-9]{6}$/.test(code)) setProps(cfg().selectionStore || "selection-store", { data: [code] });
  }
  F.focus = focus;
  function highlight(id, on) {
    var line = lineOf[id];
    if (line) {
      line.setStyle({ weight: line.options._w + (on ? 3 : 0), opacity: on ? 1 : 0.9 });
      if (on) line.bringToFront();
    }
    var row = panel() && panel().querySelector('[data-flow-id="' + id + '"]');
    if (row) row.classList.toggle("flows-row-hot", on);
  }

  // Rows of every answer as drawn lines: {id, from, to, focus, index, share, cross, fallback, names…}.
  function flowsOf(results, st) {
    var out = [];
    results.forEach(function (r, ri) {
      r.rows.forEach(function (row, i) {
        var f;
        if (r.unit) {
          var leaving = st.flows === "out";
          f = { unit: r.unit, partner: row.adcode, from: leaving ? r.unit : row.adcode, to: leaving ? row.adcode : r.unit,
                focus: row.adcode };
        } else {
          f = { unit: null, from: row.origin_adcode, to: row.dest_adcode,
                focus: st.flows === "out" ? row.origin_adcode : row.dest_adcode };
        }
        f.id = ri + "-" + i; f.row = row; f.index = row.index; f.share = row.share_pct;
        f.cross = row.cross_province; f.fallback = row.fallback;
        out.push(f);
      });
    });
    return out;
  }
  function tooltipHtml(f) {
    var row = f.row;
    var from = f.unit ? (f.from === f.unit ? unitName(f.unit) : unitName(f.partner, row)) :
      unitName(row.origin_adcode, { name_zh: row.origin_name_zh, name_en: row.origin_name_en });
    var to = f.unit ? (f.to === f.unit ? unitName(f.unit) : unitName(f.partner, row)) :
      unitName(row.dest_adcode, { name_zh: row.dest_name_zh, name_en: row.dest_name_en });
    var owner = f.unit ? unitName(f.unit) : (f.focus === row.origin_adcode ? from : to);
    return "<div class='tt'><b>" + esc(from) + " → " + esc(to) + "</b>" +
      "<div class='tt-val'><b>" + esc(fmt(f.index, 2)) + "</b> " + esc(cfg().units[lang()]) + "</div>" +
      "<div>" + esc(word("flows_tooltip_share", { share: fmt(f.share, 1) + " %", name: owner })) + "</div>" +
      "<div>" + esc(word("flows_col_same")) + ": " + esc(word(f.cross ? "flows_no" : "flows_yes")) +
      (f.fallback ? " · " + esc(word("flows_fallback_mark")) : "") + "</div></div>";
  }
  function drawLines(flows) {
    var ns = atlas(), map = ns.map, L = window.L, points = cfg().points;
    clearLines();
    if (!map || !L) return {};
    var g = ensureGroup(map);
    var max = flows.reduce(function (m, f) { return Math.max(m, f.index || 0); }, 0);
    var partners = {};
    flows.slice().sort(function (p, q) { return (p.index || 0) - (q.index || 0); }).forEach(function (f) {
      partners[f.focus] = true;
      if (!f.unit) { partners[f.from] = true; partners[f.to] = true; }
      var a = points[f.from], b = points[f.to];
      if (!a || !b) return;
      var st = lineStyle(f.index || 0, max);
      var line = L.polyline(F.curve(a, b, 24), Object.assign({ pane: "flows", interactive: true, _w: st.weight,
                                                                 className: "flow-line" }, st));
      line.bindTooltip(function () { return tooltipHtml(f); }, { sticky: true, direction: "auto" });
      line.on("mouseover", function () { highlight(f.id, true); });
      line.on("mouseout", function () { highlight(f.id, false); });
      line.on("click", function (e) { if (e.originalEvent) L.DomEvent.stop(e.originalEvent); focus(f.focus); });
      line._flowTo = f.focus;
      lineOf[f.id] = line;
      g.addLayer(line);
      var end = points[f.focus];
      if (end) {
        var dot = L.circleMarker(end, { pane: "flows", radius: 3, color: "#3f007d", weight: 1, fillColor: "#ffffff",
                                        fillOpacity: 1, className: "flow-end" });
        dot.bindTooltip(function () { return tooltipHtml(f); }, { direction: "top" });
        dot.on("click", function (e) { if (e.originalEvent) L.DomEvent.stop(e.originalEvent); focus(f.focus); });
        g.addLayer(dot);
      }
    });
    g.addTo(map);
    F.max = max;
    return partners;
  }

  // ---- the panel: switches, ranked list, caption -------------------------------------------------
  function controlsHtml(st) {
    var c = cfg();
    var dirs = [["", "flows_off", ""], ["out", "flows_out", "flows_out_title"], ["in", "flows_in", "flows_in_title"]];
    var buttons = dirs.map(function (d) {
      var on = (st.flows || "") === d[0];
      return "<button type='button' class='btn flows-dir" + (on ? " active" : "") + "' data-flows-dir='" + d[0] +
        "' aria-pressed='" + on + "'" + (d[2] ? " title='" + esc(word(d[2])) + "'" : "") + ">" + esc(word(d[1])) + "</button>";
    }).join("");
    var windows = c.windows.map(function (w) {
      return "<option value='" + esc(w.key) + "'" + (w.key === st.window ? " selected" : "") + ">" +
        esc(w.label[lang()]) + "</option>";
    }).join("");
    var tops = c.top.choices.slice();
    var shown = st.top !== null ? st.top : (F.sel.length ? c.top.unit : c.top.national);
    if (tops.indexOf(shown) < 0) { tops.push(shown); tops.sort(function (a, b) { return a - b; }); }
    var topOptions = tops.map(function (n) {
      return "<option value='" + n + "'" + (n === shown ? " selected" : "") + ">" + n + "</option>";
    }).join("");
    var disabled = st.flows ? "" : " disabled";
    return "<div class='flows-controls'><strong class='flows-title'>" + esc(word("flows_title")) + "</strong>" +
      "<span class='flows-dirs' role='group' aria-label='" + esc(word("flows_title")) + "'>" + buttons + "</span>" +
      "<label class='flows-field'>" + esc(word("flows_window")) + " <select class='flows-window'" + disabled + ">" +
      windows + "</select></label>" +
      "<label class='flows-field'>" + esc(word("flows_top")) + " <select class='flows-top'" + disabled + ">" +
      topOptions + "</select></label></div>";
  }
  function listHtml(results, flows, st) {
    var byAnswer = {};
    flows.forEach(function (f) { (byAnswer[f.id.split("-")[0]] = byAnswer[f.id.split("-")[0]] || []).push(f); });
    return results.map(function (r, ri) {
      var rows = byAnswer[ri] || [];
      var heading = r.unit ? word("flows_unit_heading", { name: unitName(r.unit), direction: word("flows_" + st.flows) })
        : word("flows_national");
      var head = "<tr><th>" + esc(word("flows_col_rank")) + "</th><th>" +
        esc(word(r.unit ? "flows_col_partner" : "flows_col_corridor")) + "</th><th>" + esc(word("flows_col_province")) +
        "</th><th class='num'>" + esc(word("flows_col_index")) + "</th><th class='num'>" + esc(word("flows_col_share")) +
        "</th><th>" + esc(word("flows_col_same")) + "</th></tr>";
      var body = rows.map(function (f, i) {
        var row = f.row, name, province;
        if (r.unit) {
          name = unitName(row.adcode, row);
          province = provinceName(row.adcode, row.province_zh);
        } else {
          name = unitName(row.origin_adcode, { name_zh: row.origin_name_zh, name_en: row.origin_name_en }) + " → " +
            unitName(row.dest_adcode, { name_zh: row.dest_name_zh, name_en: row.dest_name_en });
          province = provinceName(row.origin_adcode, row.origin_province_zh) + " → " +
            provinceName(row.dest_adcode, row.dest_province_zh);
        }
        return "<tr class='flows-row' data-flow-id='" + f.id + "' data-code='" + esc(f.focus) + "'><td>" + (i + 1) +
          "</td><td><button type='button' class='flows-focus' data-code='" + esc(f.focus) + "'>" + esc(name) +
          "</button>" + (f.fallback ? " <span class='flows-fallback' title='" + esc(word("flows_fallback_mark")) + "'>†</span>" : "") +
          "</td><td>" + esc(province) + "</td><td class='num'>" + esc(fmt(f.index, 2)) + "</td><td class='num'>" +
          esc(fmt(f.share, 1)) + " %</td><td>" + esc(word(f.cross ? "flows_no" : "flows_yes")) + "</td></tr>";
      }).join("");
      if (!rows.length) body = "<tr><td colspan='6'>" + esc(word("flows_empty")) + "</td></tr>";
      return "<section class='flows-section'><h3>" + esc(heading) + "</h3><table class='flows-table'><thead>" + head +
        "</thead><tbody>" + body + "</tbody></table></section>";
    }).join("");
  }
  function captionHtml(st) {
    var c = cfg(), L = lang();
    var w = c.windows.filter(function (x) { return x.key === st.window; })[0] || c.windows[0];
    return "<div class='flows-caption'><div><b>" + esc(word("flows_caption_label")) + ":</b> " + esc(c.units[L]) +
      "</div><div>" + esc(word("flows_legend", { max: fmt(F.max, 2) })) +
      "<span class='flows-hint'> · " + esc(word("flows_focus_hint")) + "</span>" +
      "</div><div class='caveat'><b>" + esc(word("flows_caption_caveat")) + ":</b> " + esc(w.caveat[L]) +
      "</div><div class='context-source'><b>" + esc(word("flows_caption_source")) + ":</b> " + esc(c.source[L]) +
      "</div></div>";
  }
  function bindPanel(node) {
    if (node._flowsBound) return;
    node._flowsBound = true;
    node.addEventListener("click", function (e) {
      var dir = e.target.closest("[data-flows-dir]");
      if (dir) { change({ flows: dir.getAttribute("data-flows-dir") || null }); return; }
      var partner = e.target.closest(".flows-focus");
      if (partner) focus(partner.getAttribute("data-code"));
    });
    node.addEventListener("change", function (e) {
      if (e.target.classList.contains("flows-window")) change({ window: e.target.value });
      if (e.target.classList.contains("flows-top")) change({ top: parseInt(e.target.value, 10) });
    });
    node.addEventListener("mouseover", function (e) {
      var row = e.target.closest("[data-flow-id]");
      if (row && row !== F.hotRow) {
        if (F.hotRow) highlight(F.hotRow.getAttribute("data-flow-id"), false);
        F.hotRow = row;
        highlight(row.getAttribute("data-flow-id"), true);
      }
    });
    node.addEventListener("mouseleave", function () {
      if (F.hotRow) highlight(F.hotRow.getAttribute("data-flow-id"), false);
      F.hotRow = null;
    });
  }
  function render(html, status, key) {
    var node = panel();
    if (!node) return;
    bindPanel(node);
    node.innerHTML = controlsHtml(F.state) + html;
    node.setAttribute("data-flows-state", status);
    node.setAttribute("data-flows-key", key || "");
  }

  // ---- one update: the state and selection → requests → lines, list, caption ------------------------
  F.seq = 0;
  F.update = function () {
    var c = cfg(), ns = atlas();
    if (!c) return;
    if (!F.state) F.state = readState(document.querySelector(".app").getAttribute("data-query") || "");
    var st = F.state;
    var seq = ++F.seq;
    if (!st.flows) {
      clearLines();
      if (ns.flowStyle) setPartners({}, false);
      render("", "off", "");
      return;
    }
    if (!ns.map || !window.L) { // the map is not drawn yet: try again on the next frame
      requestAnimationFrame(function () { if (seq === F.seq) F.update(); });
      return;
    }
    var units = F.sel.slice(0, c.maxUnits);
    var top = st.top !== null ? st.top : (units.length ? c.top.unit : c.top.national);
    var key = [st.flows, st.window, top].concat(units).join("|");
    var urls = units.length ? units.map(function (u) { return answerUrl(u, st, top); }) : [answerUrl(null, st, top)];
    var more = F.sel.length > units.length ? "<p class='flows-note'>" + esc(word("flows_more_units", { n: c.maxUnits })) + "</p>" : "";
    render("<p class='flows-loading'>" + esc(word("flows_loading")) + "</p>", "loading", key);
    var started = performance.now();
    Promise.all(urls.map(fetchAnswer)).then(function (results) {
      if (seq !== F.seq) return; // a newer state has been asked for
      var arrived = performance.now();
      results = results.map(function (r, i) { return Object.assign({ unit: units[i] || null }, r); });
      var flows = flowsOf(results, st);
      var partners = drawLines(flows);
      var lined = performance.now();
      setPartners(partners, true);
      var restyled = performance.now();
      render(listHtml(results, flows, st) + more + captionHtml(st), "drawn", key);
      var drawn = performance.now();
      F.last = { key: key, started: started, arrived: arrived, drawn: drawn, drawMs: drawn - arrived,
                 linesMs: lined - arrived, restyleMs: restyled - lined, listMs: drawn - restyled,
                 bytes: results.reduce(function (s, r) { return s + r.bytes; }, 0),
                 serverMs: results.reduce(function (s, r) { return s + (r.serverMs || 0); }, 0),
                 requests: urls.length, lines: Object.keys(lineOf).length };
      var last = F.last;
      // the frame that paints it (what bench/flows.py reports as "drawn after the answer arrives")
      requestAnimationFrame(function () { last.framedMs = performance.now() - arrived; last.framed = true; });
    }).catch(function (err) {
      if (seq !== F.seq) return;
      clearLines();
      setPartners({}, false);
      render("<p class='notice'>" + esc(word("flows_failed")) + esc(err && err.message) + "</p>", "failed", key);
    });
  };

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    ledFlows: {
      // the selection changed (or the page started): draw the flows of the new selection
      selection: function (sel) {
        F.sel = (sel || []).filter(function (c) { return typeof c === "string" && /^[0-9]{6}$/.test(c); });
        F.update();
        return window.dash_clientside.no_update;
      },
    },
  });
})();
