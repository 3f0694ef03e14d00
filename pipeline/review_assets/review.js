// pressfacts review: click a column heading to sort (numbers by data-sort, else by text).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll("table.sortable")) {
    const body = table.tBodies[0];
    table.querySelectorAll("thead th").forEach((th, col) => {
      th.addEventListener("click", () => {
        const asc = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach((h) => h.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        const key = (row) => {
          const cell = row.cells[col];
          return cell ? (cell.dataset.sort ?? cell.textContent.trim()) : "";
        };
        const rows = Array.from(body.rows);
        const numeric = rows.every((r) => key(r) === "" || !isNaN(Number(key(r))));
        rows.sort((a, b) => {
          const x = key(a), y = key(b);
          const num = (v) => (v === "" ? -Infinity : Number(v));
          const c = numeric ? Math.sign(num(x) - num(y)) || 0 : x.localeCompare(y);
          return asc ? c : -c;
        });
        rows.forEach((r) => body.appendChild(r));
      });
    });
  }
});
