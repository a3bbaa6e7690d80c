// The cooperation network drawn by the vendored ECharts: partners and Hainan parties as nodes,
// links coloured by measure and as wide as their weight; a click opens the party's page.
(function () {
  "use strict";
  var box = document.getElementById("network-chart");
  if (!box || typeof echarts === "undefined") { return; }
  var data = JSON.parse(document.getElementById("network-data").textContent);
  var colours = { 1: "#1f6f8b", 2: "#e07a1f", 3: "#3a9d5d", 4: "#b8404a", 5: "#7d5ba6" };
  var names = {};
  data.measures.forEach(function (m) { names[m[0]] = m[1]; });
  var chart = echarts.init(box);
  chart.setOption({
    tooltip: {
      formatter: function (p) {
        if (p.dataType === "edge") {
          var e = p.data.raw;
          return e.source_label + " — " + e.target_label + "<br>" + box.dataset.items + ": " +
            e.items + " · " + box.dataset.pairings + ": " + e.pairings + "<br>" + e.measure_label;
        }
        return p.data.name;
      }
    },
    legend: [{ data: [box.dataset.partner, box.dataset.hainan] }],
    series: [{
      type: "graph",
      layout: "force",
      roam: true,
      draggable: true,
      force: { repulsion: 160, edgeLength: [60, 160] },
      label: { show: true, position: "right", fontSize: 10 },
      categories: [{ name: box.dataset.partner }, { name: box.dataset.hainan }],
      data: data.nodes.map(function (n) {
        return { id: n.id, name: n.label, url: n.url, category: n.side === "partner" ? 0 : 1,
                 symbolSize: 8 + Math.min(24, 3 * n.weight) };
      }),
      links: data.edges.map(function (e) {
        return { source: e.source, target: e.target, raw: e,
                 lineStyle: { color: colours[e.measure] || "#888", width: 1 + e.weight, opacity: 0.7 } };
      })
    }]
  });
  chart.on("click", function (p) {
    if (p.dataType === "node" && p.data.url) { window.location.href = p.data.url; }
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
