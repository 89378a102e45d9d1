// Draws the live dashboard's charts. The chart options arrive as JSON in
// <script type="application/json" id="chart-options"> (data, not code), so
// the page needs no inline script and its CSP stays script-src 'self'.
(function () {
  "use strict";
  var data = document.getElementById("chart-options");
  if (!data || typeof echarts === "undefined") { return; }
  var options = JSON.parse(data.textContent);
  var charts = [];
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var opts = options[el.getAttribute("data-chart")];
    if (!opts) { return; }
    el.style.height = (parseInt(el.getAttribute("data-height"), 10) || 360) + "px";
    var c = echarts.init(el, null, { renderer: "canvas" });
    c.setOption(opts);
    charts.push(c);
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
