/* The comparison table (layouts/charts/table.py): its cells, and its columns in the URL. */
(function () {
  "use strict";
  var comps = (window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {});
  // A cell: the value, a chip in the map's class colour, the national rank as a mini bar and "r/n".
  // Every word and number comes from the row (<key>__cell), built in Python.
  comps.TableCell = function (props) {
    var h = window.React.createElement;
    var cell = (props.data || {})[props.colDef.field + "__cell"] || {};
    var top = [h("span", { key: "v", className: "tc-value" + (props.value == null ? " nodata" : "") }, cell.text || "")];
    if (cell.year) top.push(h("span", { key: "y", className: "tc-year" }, " (" + cell.year + ")"));
    if (cell.color) top.unshift(h("span", { key: "c", className: "tc-chip", style: { background: cell.color } }));
    var parts = [h("div", { key: "t", className: "tc-top" }, top)];
    if (cell.rank) {
      parts.push(h("div", { key: "r", className: "tc-rank" }, [
        h("span", { key: "b", className: "tc-bar" }, h("span", { style: { width: Math.round((cell.bar || 0) * 100) + "%" } })),
        h("span", { key: "n" }, cell.rank),
      ]));
    }
    return h("div", { className: "tc" }, parts);
  };

  var ns = (window.dash_clientside = window.dash_clientside || {});
  ns.ledAtlas = ns.ledAtlas || {};
  // The columns changed: write `cols` with the page's one URL writer (a new history entry); the
  // default columns (from layouts/charts/table.py) are not written.
  ns.ledAtlas.tableCols = function (value, defaults) {
    var at = window.ledAtlas;
    if (!at || !at.readQuery || !at.setUrl || !Array.isArray(value)) return window.dash_clientside.no_update;
    var cols = value.join("~");
    var state = at.readQuery(window.location.search);
    state.cols = cols === defaults ? "" : cols;
    at.setUrl(at.writeQuery(state), true);
    return window.dash_clientside.no_update;
  };
})();
