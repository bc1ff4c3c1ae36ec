/* Selection tools: Leaflet.draw's box / polygon tools in the page's language, without the
   edit/delete toolbar (the lasso callback clears every drawing itself through `editToolbar`,
   which still works while that toolbar is hidden), and no hover tooltips while drawing.
   `ledSelect.onDrawMounted` runs once when the draw control mounts (layouts/select_tools.py). */
(function () {
  "use strict";
  var ns = (window.ledSelect = window.ledSelect || {});

  // Only the draw strings: the edit toolbar's "Clear All" text is matched by dash-leaflet when
  // the callback sends {mode: "remove", action: "clear all"}, so it must stay as it is.
  var DRAW_ZH = {
    toolbar: {
      actions: { title: "取消绘制", text: "取消" },
      finish: { title: "完成绘制", text: "完成" },
      undo: { title: "删除最后一个点", text: "删除最后一点" },
      buttons: { polygon: "多边形框选：触及的地区都会被选中", rectangle: "矩形框选：触及的地区都会被选中" },
    },
    handlers: {
      polygon: { tooltip: { start: "单击开始绘制。", cont: "单击继续绘制。", end: "单击第一个点完成。" } },
      polyline: { error: "<strong>错误：</strong>边不能交叉！" },
      rectangle: { tooltip: { start: "按住并拖动以绘制矩形。" } },
      simpleshape: { tooltip: { end: "松开鼠标完成。" } },
    },
  };
  var TITLES_EN = {
    polygon: "Draw a polygon: every unit it touches is selected",
    rectangle: "Draw a box: every unit it touches is selected",
  };

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
    if (zh && window.L && window.L.drawLocal) {
      assignDeep(window.L.drawLocal.draw, DRAW_ZH);
      // The rectangle handler copied its texts when it was created.
      var modes = (control._toolbars && control._toolbars.draw && control._toolbars.draw._modes) || {};
      var rect = modes.rectangle && modes.rectangle.handler;
      if (rect) {
        rect._initialLabelText = DRAW_ZH.handlers.rectangle.tooltip.start;
        rect._endLabelText = DRAW_ZH.handlers.simpleshape.tooltip.end;
      }
    }
    var titles = zh ? DRAW_ZH.toolbar.buttons : TITLES_EN;
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
