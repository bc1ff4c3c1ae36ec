/* The share menu and embed mode: "copy embed code" (an <iframe> of the current view with embed=1) and
   embed mode's "open full view" link (the current view without embed). Both URLs are written by the
   one query writer (assets/map.js, ledAtlas.writeQuery). */
(function () {
  "use strict";
  var ns = (window.ledAtlas = window.ledAtlas || {});
  function attrEsc(s) { return String(s).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;"); }

  // The query of the current view in embed mode (no presenter scene: an iframe shows one view).
  ns.embedQuery = function (search) {
    return ns.writeQuery(Object.assign(ns.readQuery(search), { embed: "1", present: null, scene: null }));
  };
  ns.embedCode = function (href) {
    var url = new URL(href);
    var src = url.origin + url.pathname + ns.embedQuery(url.search);
    var app = document.querySelector(".app");
    var title = (app && app.getAttribute("data-title")) || document.title;
    return '<iframe src="' + attrEsc(src) + '" width="800" height="600" style="border:0" loading="lazy" title="' +
      attrEsc(title) + '"></iframe>';
  };

  window.dash_clientside = Object.assign({}, window.dash_clientside);
  window.dash_clientside.ledShare = {
    embedCode: function (n) {
      return n ? ns.embedCode(window.location.href) : window.dash_clientside.no_update;
    },
    fullView: function (search) {
      if (!ns.writeQuery) return window.dash_clientside.no_update;
      return window.location.pathname + ns.writeQuery(Object.assign(ns.readQuery(search), { embed: null }));
    },
  };
})();
