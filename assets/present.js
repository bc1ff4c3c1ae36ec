/* Presenter mode: → / PageDown next scene, ← / PageUp previous, Esc leaves (what clickers send). */
(function () {
  "use strict";
  // the URLs are written by the one query writer (assets/map.js, ledAtlas.writeQuery)
  function go(state) { window.location.assign(window.location.pathname + window.ledAtlas.writeQuery(state)); }
  document.addEventListener("keydown", function (e) {
    var app = document.querySelector(".app");
    var atlas = window.ledAtlas;
    if (!app || app.getAttribute("data-present") !== "1" || !atlas || !atlas.writeQuery) return;
    var tag = (e.target && e.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA") return;
    var state = atlas.readQuery(window.location.search);
    var n = parseInt(state.scene || "1", 10) || 1;
    var count = parseInt(app.getAttribute("data-scenes") || "1", 10) || 1;
    if (e.key === "ArrowRight" || e.key === "PageDown") {
      if (n < count) go(Object.assign(state, { present: "1", scene: n + 1 }));
      e.preventDefault();
    } else if (e.key === "ArrowLeft" || e.key === "PageUp") {
      if (n > 1) go(Object.assign(state, { present: "1", scene: n - 1 }));
      e.preventDefault();
    } else if (e.key === "Escape") {
      // leave with the scene's own state, even before the first round trip has written it to the URL
      var left = Object.assign(atlas.readQuery(app.getAttribute("data-scene-query") || ""), state);
      go(Object.assign(left, { present: null, scene: null }));
    }
  });
})();
