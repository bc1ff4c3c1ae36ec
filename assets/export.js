/* PNG export of the map: the Leaflet SVG panes drawn onto one canvas, with the legend as text. */
(function () {
  "use strict";
  var ns = (window.ledAtlas = window.ledAtlas || {});
  ns.exportMapPng = function () {
    var map = document.querySelector(".led-map");
    if (!map) return;
    var box = map.getBoundingClientRect();
    var scale = 2;
    var canvas = document.createElement("canvas");
    canvas.width = box.width * scale; canvas.height = box.height * scale;
    var g = canvas.getContext("2d");
    g.scale(scale, scale);
    g.fillStyle = "#eef3f8"; g.fillRect(0, 0, box.width, box.height);
    var svgs = Array.from(map.querySelectorAll(".leaflet-pane svg"));
    var pending = svgs.length;
    // Lines of at most `width` px: Latin text breaks at spaces, Chinese between any two characters.
    function wrapLines(text, width) {
      var lines = [], line = "";
      (text.match(/[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]|[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+|\s+/g) || [])
        .forEach(function (tok) {
          if (line && g.measureText(line + tok).width > width) {
            lines.push(line.trim());
            line = /^\s+$/.test(tok) ? "" : tok;
          } else {
            line += tok;
          }
        });
      if (line.trim()) lines.push(line.trim());
      return lines;
    }
    // The title on a white band at the top, unit and source wrapped on a white band at the bottom: dark
    // text on light ground whatever the map's colours there (ns.lastMapPng records where they went).
    function finish() {
      var W = box.width, pad = 10;
      var cap = document.querySelector(".caption strong");
      g.font = "bold 14px sans-serif";
      var titleLines = cap ? wrapLines(cap.textContent, W - 2 * pad) : [];
      var headH = titleLines.length ? 12 + 18 * titleLines.length : 0;
      // unit and source, as under the map: every value carries them
      var spans = Array.from(document.querySelectorAll(".caption > span")).map(function (s) {
        return s.textContent.replace(/^\s*·\s*/, "").trim();
      }).filter(Boolean);
      g.font = "11px sans-serif";
      var sourceLines = spans.length ? wrapLines(spans.join(" · "), W - 2 * pad) : [];
      var footH = sourceLines.length ? 10 + 14 * sourceLines.length : 0;
      g.fillStyle = "rgba(255,255,255,0.94)";
      if (headH) g.fillRect(0, 0, W, headH);
      if (footH) g.fillRect(0, box.height - footH, W, footH);
      g.fillStyle = "#1d2733"; g.font = "bold 14px sans-serif"; g.textAlign = "left";
      titleLines.forEach(function (line, i) { g.fillText(line, pad, 22 + 18 * i); });
      g.fillStyle = "#3e4c59"; g.font = "11px sans-serif";
      sourceLines.forEach(function (line, i) { g.fillText(line, pad, box.height - footH + 16 + 14 * i); });
      ns.lastMapPng = {
        width: W, height: box.height, head: headH, foot: footH, titleLines: titleLines, sourceLines: sourceLines,
        widest: Math.max.apply(null, [0].concat(sourceLines.map(function (l) { g.font = "11px sans-serif"; return g.measureText(l).width; }))),
      };
      var legend = document.getElementById("legend");
      if (legend) {
        var rows = Array.from(legend.querySelectorAll(".legend-row"));
        var x = 14, y = box.height - footH - 22 * rows.length - 24;
        g.fillStyle = "rgba(255,255,255,0.94)"; g.fillRect(x - 6, y - 18, 300, 22 * rows.length + 30);
        g.fillStyle = "#1d2733"; g.font = "bold 12px sans-serif";
        var head = legend.querySelector(".legend-unit");
        g.fillText(head ? head.textContent : "", x, y - 2);
        g.font = "12px sans-serif";
        rows.forEach(function (r, i) {
          var sw = r.querySelector(".swatch");
          g.fillStyle = sw ? getComputedStyle(sw).backgroundColor : "#ccc";
          g.fillRect(x, y + 8 + i * 22, 18, 12);
          g.fillStyle = "#1d2733";
          var label = r.querySelector(".legend-label"), count = r.querySelector(".legend-count");
          g.textAlign = "left";
          g.fillText((label ? label.textContent : r.textContent).replace(/\s+/g, " ").trim(), x + 26, y + 18 + i * 22);
          if (count) { g.textAlign = "right"; g.fillText(count.textContent.trim(), x + 284, y + 18 + i * 22); }
          g.textAlign = "left";
        });
      }
      var a = document.createElement("a");
      a.download = "led-atlas-map.png";
      a.href = canvas.toDataURL("image/png");
      document.body.appendChild(a); a.click(); a.remove();
    }
    if (!pending) return finish();
    // drawn bottom to top in the panes' stacking order (frame, units, detail, lines) once all loaded
    function z(svg) { var p = svg.closest(".leaflet-pane"); return (p && parseInt(getComputedStyle(p).zIndex, 10)) || 0; }
    svgs.sort(function (a, b) { return z(a) - z(b); });
    var layers = [];
    svgs.forEach(function (svg, i) {
      var r = svg.getBoundingClientRect();
      var clone = svg.cloneNode(true);
      clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
      clone.style.transform = ""; // Leaflet's offset is in the bounding box already: not twice
      clone.setAttribute("width", r.width); clone.setAttribute("height", r.height);
      var img = new Image();
      layers[i] = { img: img, r: r, ok: false };
      img.onload = img.onerror = function (ev) {
        layers[i].ok = ev.type === "load";
        if (--pending > 0) return;
        layers.forEach(function (l) {
          if (!l.ok) return;
          try { g.drawImage(l.img, l.r.left - box.left, l.r.top - box.top, l.r.width, l.r.height); } catch (err) { /* skip */ }
        });
        finish();
      };
      img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(clone));
    });
  };
  // The CSV links follow the indicator, year and selection; the PNG button draws the map (callbacks/map.py).
  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.ledAtlas = Object.assign(window.dash_clientside.ledAtlas || {}, {
    csvLinks: function (indicator, year, sel) {
      var base = "/api/indicators/" + encodeURIComponent(indicator || "") + ".csv?year=" + encodeURIComponent(year || "");
      var app = document.querySelector(".app");
      if (app && app.getAttribute("data-level") === "county") base += "&level=county";
      var codes = (sel || []).join("~");
      return [base, codes ? base + "&sel=" + codes : base];
    },
    mapPng: function (n) {
      if (n) ns.exportMapPng();
      return window.dash_clientside.no_update;
    },
  });
})();
