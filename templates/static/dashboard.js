// Draws the live dashboard's charts. The chart options arrive as JSON in
// <script type="application/json" id="chart-options"> (data, not code), so
// the page needs no inline script and its CSP stays script-src 'self';
// chart-format.js (DosisCharts) turns their formatter names into functions.
(function () {
  "use strict";
  var data = document.getElementById("chart-options");
  if (!data || typeof echarts === "undefined" || typeof DosisCharts === "undefined") { return; }
  var options = JSON.parse(data.textContent);
  var lang = document.documentElement.lang;
  var charts = [];
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var opts = options[el.getAttribute("data-chart")];
    if (!opts) { return; }
    el.style.height = (parseInt(el.getAttribute("data-height"), 10) || 360) + "px";
    var c = echarts.init(el, null, { renderer: "canvas" });
    c.setOption(DosisCharts.hydrate(opts, lang));
    charts.push(c);
  });
  DosisCharts.follow(charts);
  var print = document.getElementById("print");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
