/* What the first paint can do without: the box / lasso tools (layouts/select_tools.py draw_later) and the indicator
   picker's whole list (web/picker_options.py). Each is a store of {target, prop, value} -- or {target, prop, url,
   extra}: the list at url, then extra -- noted by the afterPaint callback and put in place in the first idle time
   after the map is drawn (assets/map.js dispatches "led:painted"), with set_props: a callback returning a pending
   promise would hold back the page's other first callbacks. Each is checked through dash_component_api and put
   again should Dash have dropped it (it may while its callback queue is busy). Once all are in place the page
   says so: <html class="led-ready"> (what the tests wait for). Reaching for the indicator picker brings them at
   once (assets/map.js calls laterNow). Loaded after map.js (file order), whose ledAtlas functions it joins. */
(function () {
  "use strict";
  var ns = (window.ledAtlas = window.ledAtlas || {});
  var queue = [], pending = 0;

  // a promise kept in the first idle time after the map is drawn (at once when it was)
  function whenPainted() {
    return new Promise(function (resolve) {
      if (ns.painted) resolve();
      else document.addEventListener("led:painted", function () { ns.idle(resolve); }, { once: true });
    });
  }
  function done() {
    if (--pending <= 0 && !queue.length) document.documentElement.classList.add("led-ready");
  }
  function put(target, prop, value, attempt) {
    var sp = window.dash_clientside && window.dash_clientside.set_props;
    if (!sp) { done(); return; }
    var props = {};
    props[prop] = value;
    sp(target, props);
    setTimeout(function () {
      var api = window.dash_component_api, got = api && api.getLayout && api.getLayout(target);
      var now = got && got.props && got.props[prop];
      if (!got || (Array.isArray(now) && now.length === value.length) || attempt >= 5) done();
      else put(target, prop, value, attempt + 1);
    }, 100);
  }
  function later(data) {
    pending += 1;
    var value = data.url
      ? ns.fetchJson(data.url).then(function (list) { return list ? list.concat(data.extra || []) : null; })
      : Promise.resolve(data.value);
    value.then(function (v) { if (v) put(data.target, data.prop, v, 0); else done(); }).catch(done);
  }
  ns.laterNow = function () { queue.splice(0).forEach(later); };

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.ledAtlas = Object.assign(window.dash_clientside.ledAtlas || {}, {
    afterPaint: function (data) {
      if (data && data.target) {
        queue.push(data);
        whenPainted().then(ns.laterNow);
      }
      return window.dash_clientside.no_update;
    },
  });
})();
