/* Which plotly.js a chart loads. dcc.Graph loads plotly.js, when the first chart is drawn, from
   window._dashPlotlyJSURL (dash-renderer sets it to the full 4.6 MB bundle as it mounts). The page's
   charts are bars and scatter traces only: the URL of the basic partial bundle is taken from
   <meta name="led-plotly-js"> (layouts/shell.py PLOTLY_BUNDLE) and the renderer's assignment is ignored. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="led-plotly-js"]');
  if (!meta || !meta.content) return;
  var url = meta.content;
  Object.defineProperty(window, "_dashPlotlyJSURL", {
    configurable: true,
    get: function () { return url; },
    set: function () {},
  });
})();
