/* Time playback: the indicator's years one after another, in classes FIXED across the years.
 *
 * The frames come from the server (GET /api/timeline?<the page's query>, state/timeline.py): every
 * year's classes in one classification of all years' values, so a colour means the same value in every
 * frame. A frame is drawn like any year switch: the year picker changes (the URL's `year` is the
 * frame), map.js `switchMap` asks `ledAtlas.timelineFrame` first, and while the classes are fixed the
 * map, legend and caption come from the frames. They stay fixed until the indicator, classes, palette
 * or map mode change.
 *
 *   ledAtlas.playYears()       play / pause (the play button)
 *   ledAtlas.stepYear(delta)   one year on (+1) or back (-1); false at either end (the presenter's
 *                              ← → call it when the scene says `step_years: true`, see sceneStepsYears)
 */
(function () {
  "use strict";
  var ns = (window.ledAtlas = window.ledAtlas || {});
  var T = (ns.timeline = { data: null, url: null, active: false, playing: false, timer: null, year: null });
  //: milliseconds a frame stays on screen while playing
  ns.PLAY_STEP_MS = 1400;

  function setProps(id, props) {
    var sp = window.dash_clientside && window.dash_clientside.set_props;
    if (sp) sp(id, props);
  }
  function button() { return document.getElementById("play-years"); }
  function words() {
    var b = button();
    var w = ((b && b.getAttribute("data-words")) || "▶|❚❚|").split("|");
    return { play: w[0], pause: w[1], oneYear: w[2] };
  }
  function lang() {
    var h = ns.current && ns.current.h;
    return h && h.lang === "zh" ? "zh" : "en";
  }
  function setNote(text) { setProps("time-note", { children: text || "" }); }

  // The stamp over the map follows the year the map shows (its hideout's year: "2020", or "2010 → 2020").
  function stamp(h) {
    if (!h || h.year === undefined || h.year === null || h.year === "") return;
    var el = document.getElementById("year-stamp");
    if (el && el.textContent !== String(h.year)) setProps("year-stamp", { children: String(h.year) });
  }
  var restyle = ns.restyle;
  if (restyle && !restyle.stamped) {
    ns.restyle = function (h) { restyle(h); stamp(h); };
    ns.restyle.stamped = true;
  }

  // The frames of the page's current state (indicator, classes, palette, language), fetched once each.
  var loads = {};
  function timelineUrl() {
    var q = ns.readQuery(window.location.search);
    q.lang = lang();
    q.mode = null; // the frames are values
    return "/api/timeline" + ns.writeQuery(q);
  }
  ns.loadTimeline = function () {
    var url = timelineUrl();
    if (!loads[url]) {
      loads[url] = fetch(url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (d) { if (!d) delete loads[url]; return d; })
        .catch(function () { delete loads[url]; return null; });
    }
    return loads[url].then(function (d) { return { url: url, data: d }; });
  };

  // The map, legend and caption of `year` in the fixed classes: [legend, no_update, caption, no_update].
  function drawFrame(year, sel, L) {
    var d = T.data;
    var f = d && d.frames[String(year)];
    if (!f) return null;
    var nu = window.dash_clientside.no_update;
    L = L === "zh" ? "zh" : "en";
    var v = {}, c = {};
    d.units.forEach(function (a, i) {
      v[a] = f.v[i];
      if (f.c[i] !== null && f.c[i] !== undefined) c[a] = f.c[i];
    });
    var h = {
      v: v, c: c, colors: d.colors, nodata: (ns.current.h && ns.current.h.nodata) || null, sel: sel || [],
      flags: f.flags, label: d.label, unit: d.unit, year: year, source: d.source, dec: d.dec,
      lang: L, nodataText: ns.mapWords(L).no_data, flagText: ns.mapWords(L).flagged,
    };
    ns.restyle(h);
    T.year = year;
    var label = {}; label[L] = d.label;
    var unit = {}; unit[L] = d.unit;
    var b = ns.bundle, entry = b && b.indicators && b.indicators[d.indicator];
    var legend = ns.legendRows({ label: label, unit: unit, higher: entry && entry.higher },
                               { labels: d.labels, colors: d.colors, counts: f.counts, missing: f.missing }, year, L);
    legend.push({ namespace: "dash_html_components", type: "Div", props: { className: "legend-note", children: d.note } });
    setNote(d.note);
    return [legend, nu, entry ? ns.captionParts(b, entry, year, L) : nu, nu];
  }

  // switchMap asks first: the frame while the classes are fixed for this state, else null (and the
  // classes are per year again once the indicator, classes, palette or a non-values mode change).
  var CLASS_INPUTS = ["scheme-picker", "k-picker", "breaks-input", "palette-picker"];
  ns.timelineFrame = function (indicator, year, scheme, k, breaks, palette, mode, sel, L) {
    if (!T.active || !T.data) return null;
    var ctx = window.dash_clientside.callback_context;
    var trig = ((ctx && ctx.triggered) || []).map(function (t) { return String(t.prop_id).split(".")[0]; });
    var classesChanged = trig.some(function (id) { return CLASS_INPUTS.indexOf(id) >= 0; });
    if (T.data.indicator !== indicator || (mode && mode !== "values") || classesChanged) {
      T.active = false;
      stop();
      setNote("");
      return null;
    }
    return drawFrame(year, sel, L);
  };

  function stop() {
    if (T.timer) clearTimeout(T.timer);
    T.timer = null;
    if (T.playing) {
      T.playing = false;
      setProps("play-years", { children: words().play });
    }
  }

  // Fix the classes for the current state (load its frames) and draw the frame of `year`.
  function activate(year) {
    return ns.loadTimeline().then(function (got) {
      var d = got.data;
      if (!d) return null;
      T.data = d;
      T.url = got.url;
      T.key = null;
      T.active = true;
      if (d.years.length < 2) { setNote(words().oneYear); return d; }
      var q = ns.readQuery(window.location.search);
      if (q.mode && q.mode !== "values") {
        setProps("map-mode", { value: "values" }); // the change or LISA map leaves for the values
      }
      var y = d.years.indexOf(year) >= 0 ? year : d.years[d.years.length - 1];
      if (y !== year) setProps("year-picker", { value: y });
      else if (!(q.mode && q.mode !== "values")) {
        var out = drawFrame(y, (ns.current.h && ns.current.h.sel) || [], lang());
        if (out) setProps("legend", { children: out[0] });
      }
      T.year = y;
      return d;
    });
  }

  function currentYear() {
    var h = ns.current && ns.current.h;
    var y = h && typeof h.year === "number" ? h.year : parseInt(String((h && h.year) || "").slice(-4), 10);
    return Number.isNaN(y) ? null : y;
  }

  // One year on or back in the fixed classes; false at either end (nothing changes then).
  ns.stepYear = function (delta) {
    var go = function (d) {
      if (!d || d.years.length < 2) return false;
      var i = d.years.indexOf(T.year);
      var next = d.years[i + (delta < 0 ? -1 : 1)];
      if (i < 0 || next === undefined) return false;
      T.year = next;
      setProps("year-picker", { value: next });
      return true;
    };
    var q = ns.readQuery(window.location.search);
    var changing = q.mode && q.mode !== "values";
    if (T.active && T.data && !changing) return go(T.data);
    // first press: fix the classes; leaving a change map shows its first year, else one step
    var base = changing ? null : currentYear();
    return activate(base).then(function (d) {
      if (!d) return false;
      if (changing) {
        T.year = d.years[0];
        setProps("year-picker", { value: d.years[0] });
        return true;
      }
      return go(d);
    });
  };

  function tick() {
    T.timer = null;
    if (!T.playing || !T.data) return;
    var i = T.data.years.indexOf(T.year);
    if (i < 0 || i + 1 >= T.data.years.length) { stop(); return; }
    T.year = T.data.years[i + 1];
    setProps("year-picker", { value: T.year });
    if (i + 2 >= T.data.years.length) { stop(); return; }
    T.timer = setTimeout(tick, ns.PLAY_STEP_MS);
  }

  // Play (from the first year when at the last) or pause.
  ns.playYears = function () {
    if (T.playing) { stop(); return Promise.resolve(false); }
    var q = ns.readQuery(window.location.search);
    var changing = q.mode && q.mode !== "values";
    return activate(changing ? null : currentYear()).then(function (d) {
      if (!d || d.years.length < 2) return false;
      T.playing = true;
      setProps("play-years", { children: words().pause });
      if (T.year === d.years[d.years.length - 1] || changing) {
        T.year = d.years[0];
        setProps("year-picker", { value: T.year });
      }
      T.timer = setTimeout(tick, ns.PLAY_STEP_MS);
      return true;
    });
  };

  // Does the scene on screen let ← → step the years? (layouts/scenes.yaml `step_years: true`). Given a
  // scene object (an in-page scene change), its own field decides; else the page's play button says.
  ns.sceneStepsYears = function (scene) {
    if (scene && typeof scene === "object" && "step_years" in scene) return !!scene.step_years;
    var b = button();
    return !!b && b.getAttribute("data-step-years") === "1";
  };

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    ledTime: {
      play: function (n) {
        if (n) ns.playYears();
        return window.dash_clientside.no_update;
      },
    },
  });
})();
