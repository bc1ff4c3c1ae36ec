/* Presenter mode: → / PageDown next scene, ← / PageUp previous, Esc leaves (what clickers send).

   A scene change stays in the page: the scene's canonical query (data-scene-list, web/page.py
   scene_list) becomes a new history entry, the map moves to the scene's view at once, and the
   server's URL parser applies the state as it does after back / forward (callbacks/url.py restore):
   controls, selection, tab, scene caption. Only Esc reloads (it leaves presenter mode). */
(function () {
  "use strict";
  function atlas() { return window.ledAtlas || {}; }
  function app() { return document.querySelector(".app"); }
  function presenting() { var a = app(); return !!a && a.getAttribute("data-present") === "1"; }
  function sceneList() {
    var a = app();
    try { return JSON.parse((a && a.getAttribute("data-scene-list")) || "[]") || []; } catch (e) { return []; }
  }
  function sceneOf(search) {
    var n = parseInt(atlas().readQuery(search).scene || "1", 10);
    return n > 0 ? n : 1;
  }
  // the URLs are written by the one query writer (assets/map.js, ledAtlas.writeQuery)
  function reload(state) { window.location.assign(window.location.pathname + atlas().writeQuery(state)); }

  // Move the map to scene n's view (no animation: a projector shows the end state, not a flight).
  function fitScene(n) {
    var scene = sceneList()[n - 1];
    var ns = atlas();
    var map = ns.map;
    if (!scene || !map) return;
    ns.userMoved = false;
    var fit = scene.fit || {};
    ns.fitBounds = fit.bounds || null; // what a refit (a resize, assets/view.js) fits to
    ns.fitView = fit.bounds ? null : fit.center ? { center: fit.center, zoom: fit.zoom } : null;
    // an automatic move: the map's viewport callback, however late it runs, does not write it into the URL
    // (assets/view.js personsView)
    ns.refit(map);
    var a = app();
    if (a) a.setAttribute("data-scene-query", scene.query.replace(/^\?/, ""));
  }
  atlas().fitScene = fitScene;

  // A scene's colours and chart come with its controls (callbacks/url.py scene_answers), each with the request it
  // answers (key) and the scene change's time (t): taken once, instead of asking the server, by the request
  // that matches it (assets/map.js switchMap, chartsRequest).
  var taken = {};
  atlas().prepared = function (kind, answer, request) {
    if (!answer || !answer.key || !answer.t || taken[kind] === answer.t) return false;
    var same = Object.keys(answer.key).every(function (k) {
      return JSON.stringify(answer.key[k]) === JSON.stringify(request[k]);
    });
    if (same) taken[kind] = answer.t;
    return same;
  };

  // The server parses the URL as after back / forward (callbacks/url.py restore), asked directly
  // rather than through dcc.Location's own event (assets/map.js urlEvent), which a quick succession of
  // scene changes can outrun.
  function applyUrl() {
    var setProps = window.dash_clientside && window.dash_clientside.set_props;
    if (!setProps) return false;
    atlas().popped = false;
    setProps("url-event", { data: { search: window.location.search, t: Date.now() } });
    return true;
  }

  function showScene(n) {
    var scene = sceneList()[n - 1];
    var ns = atlas();
    if (!scene) return false;
    // a scene drawing other geometry loads its page: the other level (prefectures | counties), or at county
    // level another drilled province (its own county file) or the whole country
    var geometry = function (q) {
      var s = atlas().readQuery(q);
      if ((s.level || "prefecture") !== "county") return "prefecture";
      return /^[0-9]{6}$/.test(s.view || "") ? "county " + s.view : "county all";
    };
    if (geometry(scene.query) !== geometry(window.location.search)) {
      window.location.assign(window.location.pathname + scene.query + window.location.hash);
      return true;
    }
    ns.sceneT = performance.now();
    window.history.pushState({}, "", window.location.pathname + scene.query + window.location.hash);
    // the server is asked first; the map moves in the next task, while the request is on its way
    if (!applyUrl()) { ns.popped = true; } // no set_props: through urlEvent
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate")); // dcc.Location reads the new URL
    setTimeout(function () { fitScene(n); }, 0);
    return true;
  }

  document.addEventListener("keydown", function (e) {
    var a = app();
    var ns = atlas();
    if (!presenting() || !ns.writeQuery) return;
    var tag = (e.target && e.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA") return;
    var state = ns.readQuery(window.location.search);
    var n = sceneOf(window.location.search);
    var count = parseInt(a.getAttribute("data-scenes") || "1", 10) || 1;
    if (e.key === "ArrowRight" || e.key === "PageDown") {
      if (n < count && !showScene(n + 1)) reload(Object.assign(state, { present: "1", scene: n + 1 }));
      e.preventDefault();
    } else if (e.key === "ArrowLeft" || e.key === "PageUp") {
      if (n > 1 && !showScene(n - 1)) reload(Object.assign(state, { present: "1", scene: n - 1 }));
      e.preventDefault();
    } else if (e.key === "Escape") {
      // leave with the scene's own state, even before the first round trip has written it to the URL
      var left = Object.assign(ns.readQuery(a.getAttribute("data-scene-query") || ""), state);
      reload(Object.assign(left, { present: null, scene: null }));
    }
  });
  // back / forward between scenes: the map moves with them (the controls follow through urlEvent)
  window.addEventListener("popstate", function () {
    if (!presenting() || !atlas().readQuery) return;
    fitScene(sceneOf(window.location.search));
    applyUrl();
  });

  // The charts of the scenes are Plotly graphs, whose library (4.6 MB) the page loads when the first graph is
  // drawn: ~1 s in the key press of the first scene with one. In presenter mode it loads with the page (as
  // dcc.Graph would load it, from window._dashPlotlyJSURL, which the renderer sets when it starts), so no
  // scene change waits for it.
  var preloadTries = 0;
  function preloadPlotly() {
    if (window.Plotly || document.getElementById("plotly-preload")) return;
    if (!app() || !window._dashPlotlyJSURL) { // until the renderer has drawn the page
      if (++preloadTries < 600) setTimeout(preloadPlotly, 100);
      return;
    }
    if (!presenting()) return;
    var script = document.createElement("script");
    script.id = "plotly-preload";
    script.async = true;
    script.src = window._dashPlotlyJSURL;
    document.body.appendChild(script);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", preloadPlotly);
  else preloadPlotly();
  // ... and the whole values bundle once the map is drawn: the scenes' compare charts are drawn in the page (a
  // scene's colours come with its controls, so no switch asks for the bundle itself)
  document.addEventListener("led:painted", function () {
    var ns = atlas();
    if (presenting() && ns.loadFullBundle) ns.idle(ns.loadFullBundle);
  });
})();
