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
    function finish() {
      var legend = document.querySelector(".legend");
      if (legend) {
        var rows = Array.from(legend.querySelectorAll(".legend-row"));
        var x = 14, y = box.height - 22 * rows.length - 34;
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
      var cap = document.querySelector(".caption strong");
      if (cap) { g.fillStyle = "#1d2733"; g.font = "bold 14px sans-serif"; g.fillText(cap.textContent, 60, 24); }
      // unit and source, as under the map: every value carries them
      var spans = Array.from(document.querySelectorAll(".caption > span")).map(function (s) {
        return s.textContent.replace(/^\s*·\s*/, "").trim();
      }).filter(Boolean);
      if (spans.length) {
        g.fillStyle = "#52606d"; g.font = "11px sans-serif"; g.textAlign = "right";
        g.fillText(spans.join(" · "), box.width - 10, box.height - 10);
        g.textAlign = "left";
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
})();
