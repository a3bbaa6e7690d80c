/* Dashboard charts (ECharts, served locally): each chart is drawn from the table under it, so the
   table stays the accessible, printable and exportable source. A bar drills down to the list
   behind it (the row's data-href); "Export table (CSV)" downloads the table as CSV. */
(function () {
  "use strict";
  function rowsOf(table) {
    return Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-count]"));
  }
  function draw(table, holder) {
    if (!window.echarts || !holder) return;
    var rows = rowsOf(table);
    if (!rows.length) { holder.style.display = "none"; return; }
    var labels = rows.map(function (r) { return r.cells[0].innerText.trim(); });
    var counts = rows.map(function (r) { return parseFloat(r.getAttribute("data-count")) || 0; });
    var hasProgress = rows[0].hasAttribute("data-progress");
    var progress = rows.map(function (r) { return parseFloat(r.getAttribute("data-progress")) || 0; });
    var narrow = holder.clientWidth < 480;
    var chart = window.echarts.init(holder, null, { renderer: "svg" });
    var series = [{ type: "bar", name: table.querySelector("thead th:nth-child(2)").innerText, data: counts, itemStyle: { color: "#0b6e8a" } }];
    if (hasProgress) {
      series.push({ type: "bar", name: table.querySelector("thead th:nth-child(3)").innerText + " %", data: progress, itemStyle: { color: "#7fb8c9" } });
    }
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
      xAxis: { type: "value" },
      yAxis: { type: "category", data: labels, inverse: true, axisLabel: { width: narrow ? 110 : 220, overflow: "truncate" } },
      series: series,
      animation: false
    });
    holder.style.height = Math.max(140, 34 * rows.length + 50) + "px";
    chart.resize();
    holder.setAttribute("data-drawn", String(rows.length));
    chart.on("click", function (params) {
      var href = rows[params.dataIndex] && rows[params.dataIndex].getAttribute("data-href");
      if (href) window.location.href = href;
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function csv(table) {
    var lines = Array.prototype.map.call(table.querySelectorAll("tr"), function (tr) {
      return Array.prototype.map.call(tr.cells, function (c) {
        return '"' + c.innerText.trim().replace(/"/g, '""') + '"';
      }).join(",");
    });
    var blob = new Blob(["\ufeff" + lines.join("\r\n")], { type: "text/csv;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = (table.getAttribute("data-title") || table.id) + ".csv";
    document.body.appendChild(a); a.click(); a.remove();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("table.chart-data").forEach(function (table) {
      var holder = document.getElementById(table.id.replace(/^chart-/, "echart-"));
      draw(table, holder);
    });
    document.querySelectorAll("button.export-csv").forEach(function (b) {
      b.addEventListener("click", function () { csv(document.getElementById(b.getAttribute("data-table"))); });
    });
  });
})();
