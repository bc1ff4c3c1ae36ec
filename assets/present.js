/* Presenter mode: → / PageDown next scene, ← / PageUp previous, Esc leaves (what clickers send). */
(function () {
  "use strict";
  function params() { return new URLSearchParams(window.location.search); }
  function go(p) { window.location.assign(window.location.pathname + "?" + p.toString()); }
  document.addEventListener("keydown", function (e) {
    var app = document.querySelector(".app");
    if (!app || app.getAttribute("data-present") !== "1") return;
    var tag = (e.target && e.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA") return;
    var p = params();
    var n = parseInt(p.get("scene") || "1", 10) || 1;
    var count = parseInt(app.getAttribute("data-scenes") || "1", 10) || 1;
    if (e.key === "ArrowRight" || e.key === "PageDown") {
      if (n < count) { p.set("scene", String(n + 1)); p.set("present", "1"); go(p); }
      e.preventDefault();
    } else if (e.key === "ArrowLeft" || e.key === "PageUp") {
      if (n > 1) { p.set("scene", String(n - 1)); p.set("present", "1"); go(p); }
      e.preventDefault();
    } else if (e.key === "Escape") {
      // leave with the scene's own state, even before the first round trip has written it to the URL
      var q = new URLSearchParams(app.getAttribute("data-scene-query") || "");
      p.forEach(function (v, k) { if (k !== "present" && k !== "scene") q.set(k, v); });
      q.delete("present"); q.delete("scene");
      if (!q.has("v")) q.set("v", "1");
      go(q);
    }
  });
})();
