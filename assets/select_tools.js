/* Selection tools: Leaflet.draw's box / polygon tools in the page's language, without the
   edit/delete toolbar (the lasso callback clears every drawing itself through `editToolbar`,
   which still works while that toolbar is hidden), and no hover tooltips while drawing.
   `ledSelect.onDrawMounted` runs once when the draw control mounts (layouts/select_tools.py). */
(function () {
  "use strict";
  var ns = (window.ledSelect = window.ledSelect || {});

  // Only the draw strings: the edit toolbar's "Clear All" text is matched by dash-leaflet when
  // the callback sends {mode: "remove", action: "clear all"}, so it must stay as it is.
  // The words are Python's (layouts/strings/page.py draw_*), emitted in the map's data-map attribute
  // (layouts/map.py MAP_WORDS) and read through ledAtlas.mapWords.
  function drawWords(L) {
    var w = (window.ledAtlas && window.ledAtlas.mapWords) ? window.ledAtlas.mapWords(L) : {};
    return {
      toolbar: {
        actions: { title: w.draw_cancel_title, text: w.draw_cancel },
        finish: { title: w.draw_finish_title, text: w.draw_finish },
        undo: { title: w.draw_undo_title, text: w.draw_undo },
        buttons: { polygon: w.draw_polygon, rectangle: w.draw_rectangle },
      },
      handlers: {
        polygon: { tooltip: { start: w.draw_polygon_start, cont: w.draw_polygon_cont, end: w.draw_polygon_end } },
        polyline: { error: w.draw_polyline_error },
        rectangle: { tooltip: { start: w.draw_rectangle_start } },
        simpleshape: { tooltip: { end: w.draw_shape_end } },
      },
    };
  }

  function assignDeep(target, source) {
    Object.keys(source).forEach(function (k) {
      if (source[k] && typeof source[k] === "object" && target[k] && typeof target[k] === "object") {
        assignDeep(target[k], source[k]);
      } else {
        target[k] = source[k];
      }
    });
  }

  function localise(control, map) {
    var container = control._container;
    if (!container) return false;
    var holder = map.getContainer().closest("[lang]");
    var zh = !!holder && holder.getAttribute("lang").toLowerCase().indexOf("zh") === 0;
    var DRAW = drawWords(zh ? "zh" : "en");
    if (!DRAW.toolbar.buttons.polygon) return false; // the page's words are not there yet
    if (window.L && window.L.drawLocal) {
      assignDeep(window.L.drawLocal.draw, DRAW);
      // The rectangle handler copied its texts when it was created.
      var modes = (control._toolbars && control._toolbars.draw && control._toolbars.draw._modes) || {};
      var rect = modes.rectangle && modes.rectangle.handler;
      if (rect) {
        rect._initialLabelText = DRAW.handlers.rectangle.tooltip.start;
        rect._endLabelText = DRAW.handlers.simpleshape.tooltip.end;
      }
    }
    var titles = DRAW.toolbar.buttons;
    Object.keys(titles).forEach(function (kind) {
      var button = container.querySelector(".leaflet-draw-draw-" + kind);
      if (!button) return;
      button.title = titles[kind];
      button.setAttribute("aria-label", titles[kind]);
      var label = button.querySelector(".sr-only");
      if (label) label.textContent = titles[kind];
    });
    var edit = control._toolbars && control._toolbars.edit;
    if (edit && edit._toolbarContainer && edit._toolbarContainer.parentNode) {
      edit._toolbarContainer.parentNode.style.display = "none";
    }
    return true;
  }

  // The units' sticky hover tooltips pile up while a box is dragged: hide them while drawing.
  function hoverTooltips(map, on) {
    map.eachLayer(function (layer) {
      if (layer.closeTooltip) layer.closeTooltip();
    });
    var pane = map.getPane("tooltipPane");
    if (pane) pane.style.display = on ? "" : "none";
  }

  // dash-leaflet calls this with {instance, context} before the control is on the map.
  ns.onDrawMounted = function (element) {
    var control = element && element.instance;
    var map = element && element.context && element.context.map;
    if (!control || !map) return;
    map.on("draw:drawstart", function () { hoverTooltips(map, false); });
    map.on("draw:drawstop", function () { hoverTooltips(map, true); });
    var tries = 0;
    (function attempt() {
      if (!localise(control, map) && ++tries < 50) setTimeout(attempt, 20);
    })();
  };
})();
