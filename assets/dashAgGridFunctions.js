/* dash-ag-grid functions: "no data" rows stay last whichever way a column is sorted. */
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});
dagfuncs.nullsLast = function (a, b, nodeA, nodeB, isDescending) {
  if (a == null && b == null) return 0;
  if (a == null) return isDescending ? -1 : 1;
  if (b == null) return isDescending ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
};
