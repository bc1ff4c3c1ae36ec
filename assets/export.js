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
          g.fillText(r.textContent.replace(/\s+/g, " ").trim(), x + 26, y + 18 + i * 22);
        });
      }
      var cap = document.querySelector(".caption strong");
      if (cap) { g.fillStyle = "#1d2733"; g.font = "bold 14px sans-serif"; g.fillText(cap.textContent, 60, 24); }
      var a = document.createElement("a");
      a.download = "led-atlas-map.png";
      a.href = canvas.toDataURL("image/png");
      document.body.appendChild(a); a.click(); a.remove();
    }
    if (!pending) return finish();
    svgs.forEach(function (svg) {
      var r = svg.getBoundingClientRect();
      var clone = svg.cloneNode(true);
      clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
      clone.setAttribute("width", r.width); clone.setAttribute("height", r.height);
      var img = new Image();
      img.onload = img.onerror = function () {
        try { g.drawImage(img, r.left - box.left, r.top - box.top, r.width, r.height); } catch (err) { /* skip */ }
        if (--pending === 0) finish();
      };
      img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(new XMLSerializer().serializeToString(clone));
    });
  };
})();
