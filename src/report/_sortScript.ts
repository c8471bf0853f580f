/**
 * The one script of the class page: sorting the student table by name or score when a column
 * header is clicked. The page's Content-Security-Policy allows this exact text by its hash, so
 * any edit here changes the hash with it. Rows carry `data-name` and `data-score` (the share of
 * the maximum). Ties keep name order, and names compare by code point, as the `grade` command
 * orders students. Without JavaScript the table stays in name order.
 */
export const SORT_SCRIPT = `(function () {
  var table = document.getElementById("student-table");
  if (!table) return;
  var body = table.tBodies[0];
  var headers = Array.prototype.slice.call(table.querySelectorAll("th[data-sort]"));
  function byName(a, b) {
    var x = a.getAttribute("data-name"), y = b.getAttribute("data-name");
    if (x < y) return -1;
    if (x > y) return 1;
    return 0;
  }
  function byScore(a, b) {
    return Number(a.getAttribute("data-score")) - Number(b.getAttribute("data-score"));
  }
  headers.forEach(function (header) {
    var button = header.querySelector("button");
    button.addEventListener("click", function () {
      var current = header.getAttribute("aria-sort");
      var direction = current === "ascending" ? "descending" : "ascending";
      if (current === "none") direction = header.getAttribute("data-first");
      var sign = direction === "ascending" ? 1 : -1;
      var key = header.getAttribute("data-sort") === "score" ? byScore : byName;
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) { return sign * key(a, b) || byName(a, b); });
      rows.forEach(function (row) { body.appendChild(row); });
      headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
      header.setAttribute("aria-sort", direction);
    });
  });
})();
`;
