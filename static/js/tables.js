// Tables marked `table-stack` become one card per row on a phone (CSS in portal.css): each cell
// is labelled with its column header, and the table keeps its semantics for screen readers
// (explicit ARIA roles, since `display: block` can drop them). Without this script the table
// stays a table that scrolls inside its frame.
(function () {
  "use strict";
  function stack(table) {
    var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.replace(/\s+/g, " ").trim();
    });
    table.setAttribute("role", "table");
    table.querySelectorAll("thead, tbody").forEach(function (group) { group.setAttribute("role", "rowgroup"); });
    table.querySelectorAll("tr").forEach(function (tr) {
      tr.setAttribute("role", "row");
      Array.prototype.forEach.call(tr.children, function (cell, index) {
        if (cell.tagName === "TH") {
          cell.setAttribute("role", cell.closest("thead") ? "columnheader" : "rowheader");
        } else {
          cell.setAttribute("role", "cell");
        }
        if (!cell.closest("thead") && headers[index]) cell.setAttribute("data-label", headers[index]);
      });
    });
    table.classList.add("table-stacked");
  }
  function enhance(root) {
    (root.querySelectorAll ? root : document).querySelectorAll("table.table-stack").forEach(stack);
  }
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (event) { enhance(event.target); });
})();
