/* The compare tab drawn in the browser from the values bundle: no server round trip.

   window.ledAtlas.compareTab(indicator, year, sel, lang) returns the same Dash component tree as the
   server's callbacks/charts.py tab_content("compare", sel, indicator, year, lang) (layouts/charts/compare.py
   compare_tab: the dcc.Graph with its figure and config, the hint, the chart frame's ARIA label), or
   null when the bundle cannot draw it (not loaded, unknown indicator or year, an uploaded dataset,
   anything unexpected): the caller then asks the server. The functions below are ports of the Python
   ones named in their comments; tests/browser/test_compare_clientside.py holds them equal. Every word,
   format and constant (sizes, colours, fonts, class names, the graph's config) comes from Python through
   the values bundle: b.text[lang] (layouts/i18n.py, the words of layouts/charts/compare.py BROWSER_WORDS)
   and b.chart (layouts/charts/compare.py browser_spec); this file only computes. */
(function () {
  "use strict";
  var ns = (window.ledAtlas = window.ledAtlas || {});

  // ---- Text measures (layouts/charts/common.py) ----------------------------------------------------------

  // Code points whose unicodedata.east_asian_width is "W" or "F" (Python 3.11, Unicode 14.0; assigned
  // code points, inclusive pairs): CJK ideographs and punctuation, fullwidth forms, Hangul, emoji.
  var WIDE = [
    0x1100, 0x115f, 0x231a, 0x231b, 0x2329, 0x232a, 0x23e9, 0x23ec, 0x23f0, 0x23f0, 0x23f3, 0x23f3, 0x25fd, 0x25fe,
    0x2614, 0x2615, 0x2648, 0x2653, 0x267f, 0x267f, 0x2693, 0x2693, 0x26a1, 0x26a1, 0x26aa, 0x26ab, 0x26bd, 0x26be,
    0x26c4, 0x26c5, 0x26ce, 0x26ce, 0x26d4, 0x26d4, 0x26ea, 0x26ea, 0x26f2, 0x26f3, 0x26f5, 0x26f5, 0x26fa, 0x26fa,
    0x26fd, 0x26fd, 0x2705, 0x2705, 0x270a, 0x270b, 0x2728, 0x2728, 0x274c, 0x274c, 0x274e, 0x274e, 0x2753, 0x2755,
    0x2757, 0x2757, 0x2795, 0x2797, 0x27b0, 0x27b0, 0x27bf, 0x27bf, 0x2b1b, 0x2b1c, 0x2b50, 0x2b50, 0x2b55, 0x2b55,
    0x2e80, 0x303e, 0x3041, 0x3247, 0x3250, 0x4dbf, 0x4e00, 0xa4c6, 0xa960, 0xa97c, 0xac00, 0xd7a3, 0xf900, 0xfad9,
    0xfe10, 0xfe19, 0xfe30, 0xfe6b, 0xff01, 0xff60, 0xffe0, 0xffe6, 0x16fe0, 0x1b2fb, 0x1f004, 0x1f004,
    0x1f0cf, 0x1f0cf, 0x1f18e, 0x1f18e, 0x1f191, 0x1f19a, 0x1f200, 0x1f320, 0x1f32d, 0x1f335, 0x1f337, 0x1f37c,
    0x1f37e, 0x1f393, 0x1f3a0, 0x1f3ca, 0x1f3cf, 0x1f3d3, 0x1f3e0, 0x1f3f0, 0x1f3f4, 0x1f3f4, 0x1f3f8, 0x1f43e,
    0x1f440, 0x1f440, 0x1f442, 0x1f4fc, 0x1f4ff, 0x1f53d, 0x1f54b, 0x1f54e, 0x1f550, 0x1f567, 0x1f57a, 0x1f57a,
    0x1f595, 0x1f596, 0x1f5a4, 0x1f5a4, 0x1f5fb, 0x1f64f, 0x1f680, 0x1f6c5, 0x1f6cc, 0x1f6cc, 0x1f6d0, 0x1f6d2,
    0x1f6d5, 0x1f6df, 0x1f6eb, 0x1f6ec, 0x1f6f4, 0x1f6fc, 0x1f7e0, 0x1f7f0, 0x1f90c, 0x1f93a, 0x1f93c, 0x1f945,
    0x1f947, 0x1f9ff, 0x1fa70, 0x1faf6, 0x20000, 0x3134a,
  ];
  function charWidth(cp) { // common._width
    var lo = 0, hi = WIDE.length / 2 - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (cp < WIDE[2 * mid]) hi = mid - 1;
      else if (cp > WIDE[2 * mid + 1]) lo = mid + 1;
      else return 2;
    }
    return 1;
  }
  function textWidth(s) {
    var w = 0;
    for (var ch of s) w += charWidth(ch.codePointAt(0));
    return w;
  }
  function rstrip(s) { return s.replace(/\s+$/u, ""); }

  // the CJK class of layouts/charts/common.py (CJK_CLASS), from the values bundle
  var re = { cjk: null };
  function patterns() {
    var cjk = ns.bundle.chart.cjk;
    if (re.cjk !== cjk) {
      re = { cjk: cjk, tokens: new RegExp("\\s+|[" + cjk + "]|[^\\s" + cjk + "]+", "gu"),
             cjkChar: new RegExp("^[" + cjk + "]", "u") };
    }
    return re;
  }
  var SPACE = /^\s+$/u;

  // common.wrap: lines of at most `width` columns joined by <br>; Latin breaks at spaces, CJK anywhere.
  function wrap(text, width) {
    if (width === undefined) width = 56;
    var lines = [], line = "", used = 0;
    (text.match(patterns().tokens) || []).forEach(function (tok) {
      var w = textWidth(tok);
      if (SPACE.test(tok)) {
        if (line) { line += " "; used += 1; }
        return;
      }
      if (line && used + w > width) { lines.push(rstrip(line)); line = tok; used = w; }
      else { line += tok; used += w; }
    });
    if (line.trim()) lines.push(rstrip(line));
    return lines.join("<br>");
  }

  // common.shorten: cut to `width` columns with an ellipsis.
  function shorten(name, width) {
    if (width === undefined) width = 26;
    if (textWidth(name) <= width) return name;
    var out = "", used = 0;
    for (var ch of name) {
      var w = charWidth(ch.codePointAt(0));
      if (used + w > width - 1) break;
      out += ch; used += w;
    }
    return rstrip(out) + "…";
  }

  // common.unwrap: <br> becomes a space between Latin words and nothing next to CJK; tags dropped.
  function unwrap(text) {
    var out = "", CJK_CHAR = patterns().cjkChar;
    (text || "").split("<br>").forEach(function (raw) {
      var line = raw.replace(/<[^>]+>/g, "").trim();
      if (!line) return;
      var glue = !out || CJK_CHAR.test(line[0]) || CJK_CHAR.test(out[out.length - 1]) ? "" : " ";
      out += glue + line;
    });
    return out;
  }

  // layouts/map.py format_value: Python's f"{v:,.{dec}f}". Bundle values carry at most `dec`
  // decimals already, so no value is a rounding tie; -0.0 keeps its sign as in Python.
  function formatValue(v, dec) {
    if (v === null || v === undefined || Number.isNaN(v)) return "–";
    var s = Math.abs(v).toFixed(dec);
    var dot = s.indexOf(".");
    var whole = dot < 0 ? s : s.slice(0, dot);
    var frac = dot < 0 ? "" : s.slice(dot);
    whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return (v < 0 || Object.is(v, -0) ? "-" : "") + whole + frac;
  }

  // str.format with named fields ("{n}"), as the string tables use it
  function format(template, fields) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in fields ? String(fields[k]) : m; });
  }
  function clone(o) { return JSON.parse(JSON.stringify(o)); }
  function isMissing(v) { return v === null || v === undefined || Number.isNaN(v); }
  // Python's min / max of two numbers: the first unless the second is strictly smaller / larger
  function pyMin(a, b) { return b < a ? b : a; }
  function pyMax(a, b) { return b > a ? b : a; }

  // ---- Units: names and order (indicators/compare.py, layouts/charts/common.py) ---------------

  var cache = { bundle: null };
  function prepared(b) {
    if (cache.bundle !== b) {
      var index = Object.create(null);
      b.units.forEach(function (a, i) { index[a] = i; });
      cache = { bundle: b, index: index, template: JSON.stringify(b.chart.template) };
    }
    return cache;
  }

  // compare.order_by_value: highest first (stable: ties keep their order), missing last
  function orderByValue(value, codes) {
    var have = codes.filter(function (c) { return !isMissing(value(c)); });
    have.sort(function (a, b) { return value(b) - value(a); });
    return have.concat(codes.filter(function (c) { return isMissing(value(c)); }));
  }
  // compare.top_n
  function topN(value, codes, n) {
    var ordered = orderByValue(value, codes);
    return { shown: ordered.slice(0, n), others: ordered.slice(n) };
  }
  // compare.extremes: the n highest and n lowest of every unit with a value (units in layer order)
  function extremes(value, units, n) {
    var ordered = orderByValue(value, units).filter(function (c) { return !isMissing(value(c)); });
    return { shown: ordered.slice(0, n), others: ordered.slice(Math.max(n, ordered.length - n)) };
  }

  function distinct(codes, names) {
    var seen = Object.create(null), count = 0;
    codes.forEach(function (c) { if (!(names[c] in seen)) { seen[names[c]] = true; count += 1; } });
    return count;
  }
  // common.unit_names: names that repeat among `codes` get their province, then the code if still ambiguous
  function unitNames(codes, b, ix, L, T) {
    var names = Object.create(null), counts = Object.create(null), out = Object.create(null);
    codes.forEach(function (c) {
      names[c] = b.names[L][ix[c]];
      counts[names[c]] = (counts[names[c]] || 0) + 1;
    });
    codes.forEach(function (c) {
      var n = names[c];
      if (counts[n] > 1) {
        var prov = b.provinces[L][b.prov[ix[c]]];
        n = format(T.name_province, { name: n, province: prov });
      }
      out[c] = n;
    });
    if (distinct(codes, out) < codes.length) codes.forEach(function (c) { out[c] = out[c] + " " + c; });
    return out;
  }
  // common.axis_names: short, unique category labels
  function axisNames(codes, full, width) {
    var names = Object.create(null);
    codes.forEach(function (c) { names[c] = shorten(full[c], width); });
    if (distinct(codes, names) < codes.length) codes.forEach(function (c) { names[c] = names[c] + " " + c; });
    return names;
  }

  // ---- Figure (layouts/charts/common.py, layouts/charts/compare.py) ----------------------------------

  // common._key_item of the compare chart's traces and reference line
  function keyItem(item) {
    if (!item.name || item.showlegend === false) return null;
    if (item.type === "line") return [item.line.dash ? "╍" : "━", item.line.color, item.name];
    if (item.type === "bar") return ["■", item.marker.color, item.name];
    var mode = item.mode || "markers";
    if (mode.indexOf("lines") >= 0) return [item.line && item.line.dash ? "╍" : "━", item.line && item.line.color, item.name];
    var symbol = item.marker.symbol || "circle";
    if (symbol.indexOf("line-ns") === 0) return ["┃", item.marker.line.color, item.name];
    return ["●", item.marker.color, item.name];
  }
  function keyItems(fig) {
    var shapes = (fig.layout.shapes || []).filter(function (s) { return s.showlegend; });
    return fig.data.concat(shapes).map(keyItem).filter(Boolean);
  }
  // common.key_lines
  function keyLines(items, width) {
    var lines = [], line = [], used = 0;
    items.forEach(function (it) {
      var w = 2 + textWidth(it[2]) + 3;
      if (line.length && used + w > width) { lines.push(line.join("   ")); line = []; used = 0; }
      line.push('<span style="color:' + it[1] + '">' + it[0] + "</span> " + it[2]);
      used += w;
    });
    if (line.length) lines.push(line.join("   "));
    return lines;
  }
  function count(s, sub) { return s.split(sub).length - 1; }

  // common._layout: title, subtitle (notes, then the key), margins, the source line under the plot
  function layout(fig, chart, title, notes, source, height, right) {
    var M = chart.metrics;
    var sub = notes ? [notes] : [];
    sub = sub.concat(keyLines(keyItems(fig), M.key_width));
    var subtitle = sub.join("<br>");
    var titleLines = count(title, "<br>") + 1;
    var subLines = subtitle ? count(subtitle, "<br>") + 1 : 0;
    var srcLines = source ? count(source, "<br>") + 1 : 0;
    var xTitle = (fig.layout.xaxis && fig.layout.xaxis.title && fig.layout.xaxis.title.text) || "";
    var axisLines = xTitle ? count(xTitle, "<br>") + 1 : 0;
    var top = M.top + M.title_line * titleLines + M.subtitle_line * subLines;
    var ticks = fig.layout.xaxis && fig.layout.xaxis.showticklabels === false ? 0 : M.below_axis;
    var belowAxis = ticks + M.axis_line * axisLines;
    var bottom = belowAxis + (source ? M.source_gap + M.source_line * srcLines : 0);
    var t = clone(chart.title);
    t.text = title;
    if (subtitle) t.subtitle = { text: subtitle, font: clone(chart.subtitleFont) };
    var lay = fig.layout;
    lay.template = JSON.parse(cache.template);
    lay.font = { family: chart.font, size: chart.fontSize };
    lay.title = t;
    lay.height = height + top + bottom;
    lay.margin = { l: M.left, r: right, t: top, b: bottom };
    lay.showlegend = false;
    lay.hoverlabel = { font: { family: chart.font } };
    if (source) {
      var note = clone(chart.sourceNote);
      note.text = source;
      note.yshift = -(belowAxis + M.source_shift);
      lay.annotations = (lay.annotations || []).concat([note]);
    }
    return fig;
  }

  // common.title_text and common.source_text
  function titleText(m, T, M, suffix) {
    var text = format(T.title_format, { label: m.label, unit: m.unit, year: m.year });
    if (suffix) text = format(T.title_suffix, { title: text, suffix: suffix });
    return wrap(text, M.title_width);
  }
  function sourceText(T, M, source) {
    return wrap(T.source + T.colon + source, M.source_width);
  }

  // common.chart_label: the chart in one sentence for screen readers, read from the figure
  function chartLabel(fig, T, kind) {
    var stop = T.sentence_end, colon = T.colon;
    var title = unwrap(fig.layout.title.text);
    var subtitle = (fig.layout.title.subtitle && fig.layout.title.subtitle.text) || "";
    var notes = unwrap(subtitle.split("<br>").filter(function (l) { return l.indexOf("<span") < 0; }).join("<br>"));
    var key = keyItems(fig).map(function (i) { return i[2]; }).join(T.list_sep);
    var values = [];
    fig.data.forEach(function (tr) { if (tr.type === "bar") values = values.concat(tr.hovertext || []); });
    var found = (fig.layout.annotations || []).filter(function (a) { return (a.text || "").indexOf(T.source) === 0; });
    var source = found.length ? unwrap(found[0].text) : "";
    var parts = [T["chart_" + kind] + colon + title];
    if (notes) parts.push(notes);
    if (key) parts.push(T.chart_key + colon + key);
    if (values.length) parts.push(T.chart_values + colon + values.join(T.values_sep));
    if (source) parts.push(source);
    return parts.map(function (p) { return p.replace(/[。.]+$/, ""); }).join(stop);
  }

  // compare.compare_figure
  // ch: b.chart, or on the projector b.chart with its projector text style (compare.compare_style)
  function compareFigure(b, ch, value, sel, m, L, averages, pref, nat) {
    var ix = cache.index, T = b.text[L], C = ch.colors, M = ch.metrics, S = ch.sizes;
    var notes = [], groups, split, suffix;
    if (sel.length) {
      split = topN(value, sel, b.chart.maxBars);
      groups = [[split.shown, T.selected, C.blue]];
      if (split.others.length) notes.push(format(T.others, { n: split.others.length, shown: split.shown.length }));
      suffix = T.selected_units;
    } else {
      split = extremes(value, b.units, b.chart.extremes);
      groups = [[split.shown, T.highest, C.blue], [split.others, T.lowest, C.sky]];
      suffix = T.extremes_title;
    }
    var codes = [];
    groups.forEach(function (g) { codes = codes.concat(g[0]); });
    var full = unitNames(codes, b, ix, L, T);
    var names = axisNames(codes, full, S.name_width);
    var fig = { data: [], layout: {} };
    groups.forEach(function (g) {
      var xs = g[0].map(function (c) { return isMissing(value(c)) ? null : value(c); });
      var bar = clone(ch.bar);
      bar.customdata = g[0].slice();
      bar.hovertext = g[0].map(function (c) { return full[c] + ": " + formatValue(value(c), m.decimals) + " " + m.unit; });
      bar.marker = { color: g[2] };
      bar.name = g[1];
      bar.x = xs;
      bar.y = g[0].map(function (c) { return names[c]; });
      bar.type = "bar";
      fig.data.push(bar);
    });
    var valueTexts = Object.create(null);
    codes.forEach(function (c) {
      valueTexts[c] = isMissing(value(c)) ? T.no_data : formatValue(value(c), m.decimals);
    });
    var annotations = codes.map(function (c) { // the value column, right of the plot
      var a = clone(ch.valueNote);
      a.font = { color: isMissing(value(c)) ? ch.muted : ch.ink, size: ch.valueFontSize };
      a.text = valueTexts[c];
      a.y = names[c];
      return a;
    });
    var have = [];
    codes.forEach(function (c) {
      var p = pref[b.prov[ix[c]]];
      if (!isMissing(p)) have.push([c, p]);
    });
    var provLabel = averages ? T.province_average : T.province_value;
    if (have.length) {
      var mark = clone(ch.provinceMark);
      mark.hovertext = have.map(function (h) {
        return b.provinces[L][b.prov[ix[h[0]]]] + " · " + provLabel + ": " + formatValue(h[1], m.decimals) + " " + m.unit;
      });
      mark.name = provLabel;
      mark.x = have.map(function (h) { return h[1]; });
      mark.y = have.map(function (h) { return names[h[0]]; });
      mark.type = "scatter";
      fig.data.push(mark);
    }
    if (isMissing(nat)) {
      notes.push(T.no_national);
    } else {
      var natText = (averages ? T.national_average : T.nation) + " " + formatValue(nat, m.decimals);
      fig.layout.shapes = [{ line: clone(ch.nationalLine), name: natText, showlegend: true,
                             type: "line", x0: nat, x1: nat, xref: "x", y0: 0, y1: 1, yref: "y domain" }];
    }
    if (averages) notes.push(T.averages_note);
    var all = codes.map(value).filter(function (v) { return !isMissing(v); });
    all = all.concat(have.map(function (h) { return h[1]; }), isMissing(nat) ? [] : [nat]);
    var xaxis = {};
    if (all.length) {
      var lo = pyMin(0.0, all.reduce(pyMin)), hi = pyMax(0.0, all.reduce(pyMax));
      var pad = (hi - lo) * S.range_pad || 1.0;
      xaxis.range = [lo - (lo < 0 ? pad : 0), hi + pad];
    }
    if (S.x_axis) {
      var xTitle = S.x_title_unit_only ? m.unit : format(T.label_unit, { label: m.label, unit: m.unit });
      xaxis.title = { text: wrap(xTitle, S.x_title_width) };
    } else { // the values stand at the bars' ends
      xaxis.showticklabels = false;
      xaxis.ticks = "";
    }
    xaxis.zeroline = true;
    fig.layout.annotations = annotations;
    fig.layout.xaxis = xaxis;
    fig.layout.yaxis = clone(ch.yaxis);
    fig.layout.bargap = S.bargap;
    var widest = 0;
    codes.forEach(function (c) { widest = Math.max(widest, textWidth(valueTexts[c])); });
    var subtitle = notes.map(function (n) { return wrap(n, M.notes_width); }).join("<br>");
    return layout(fig, ch, titleText(m, T, M, suffix), subtitle, S.source ? sourceText(T, M, m.source) : "",
                  Math.max(S.min_height, S.bar_height * codes.length), M.right + S.value_column * widest);
  }

  function html(type, props) { return { namespace: "dash_html_components", type: type, props: props }; }

  // common.graph and common.export_name
  function graph(fig, filename, T, ch) {
    var config = clone(ch.graphConfig);
    config.toImageButtonOptions = clone(ch.pngExport);
    config.toImageButtonOptions.filename = filename;
    var g = {
      namespace: "dash_core_components",
      type: "Graph",
      props: { className: ch.classes.graph, config: config, figure: fig },
    };
    var frame = clone(ch.frame);
    frame.children = g;
    frame["aria-label"] = chartLabel(fig, T, "bar");
    return html("Div", frame);
  }

  // callbacks/charts.py clean_selection: known codes (deduplicated, at most maxSelection), ignored codes
  function cleanSelection(sel, ix, max) {
    var seen = Object.create(null), valid = [], ignored = [];
    sel.forEach(function (c) {
      if (typeof c !== "string" || c in seen) return;
      seen[c] = true;
      (c in ix ? valid : ignored).push(c);
    });
    return [valid.slice(0, max), ignored];
  }

  function has(o, k) { return !!o && Object.prototype.hasOwnProperty.call(o, k); }

  // callbacks/charts.py tab_content("compare", ...) -> layouts/charts/compare.py compare_tab
  ns.compareTab = function (indicator, year, sel, lang) {
    try {
      var b = ns.bundle;
      if (!b || !b.chart || !b.names || typeof indicator !== "string" || indicator.indexOf("ds_") === 0) return null;
      if (!has(b.indicators, indicator)) return null;
      var entry = b.indicators[indicator];
      if (typeof year === "string" && /^[0-9]+$/.test(year)) year = parseInt(year, 10);
      if (typeof year !== "number" || !Number.isInteger(year) || !has(entry.years, String(year))) return null;
      if (sel === null || sel === undefined) sel = [];
      if (!Array.isArray(sel)) return null;
      var L = lang === "zh" || lang === "en" ? lang : "en";
      var T = b.text && b.text[L];
      if (!T || !T.compare_hint) return null;
      var ix = prepared(b).index;
      var y = entry.years[String(year)];
      var value = function (c) { return y.v[ix[c]]; };
      var cleaned = cleanSelection(sel, ix, b.chart.maxSelection);
      var m = { key: indicator, label: entry.label[L], unit: entry.unit[L], year: year, source: entry.source[L],
                decimals: entry.dec };
      var onProjector = typeof ns.presenting === "function" && ns.presenting();
      var ch = onProjector ? Object.assign({}, b.chart, b.chart.projector) : b.chart;
      var fig = compareFigure(b, ch, value, cleaned[0], m, L, !!entry.avg, y.pref, y.nat);
      var parts = [];
      if (cleaned[1].length) {
        parts.push(html("Div", { children: format(T.ignored_codes, { codes: cleaned[1].join(", ") }),
                                 className: b.chart.classes.notice, role: "status" }));
      }
      if (!cleaned[0].length) parts.push(html("P", { children: T.compare_hint, className: b.chart.classes.hint }));
      parts.push(graph(fig, [b.chart.exportPrefix, "compare", indicator, year].join("-"), T, b.chart));
      return html("Div", { children: parts, className: b.chart.classes.tab });
    } catch (e) {
      return null;
    }
  };
  // the text measures, for the tests
  ns.compareText = { width: textWidth, wrap: wrap, shorten: shorten, unwrap: unwrap, formatValue: formatValue };
})();
