// Dosis chart formatters. The dashboard's ECharts options arrive as JSON,
// which cannot hold a function, and the pages' CSP forbids eval; so an
// option's "formatter" or "valueFormatter" names one of these
// ("dosis:int", "dosis:dec1", "dosis:dec2", "dosis:pct") and DosisCharts.hydrate puts the
// function in its place; DosisCharts.follow resizes the charts for the
// screen and for paper. Numbers are written in the page's language
// (<html lang>): 1.234,5 and 4,5 % in Danish, 1,234.5 and 4.5% in English.
// How many decimals and which suffix each has is DosisChartFormats, which
// the server writes before this script from reports.chartFormats (the one
// rule the tables follow too).
var DosisCharts = (function () {
  "use strict";
  function formatters(lang) {
    var en = lang === "en";
    var locale = en ? "en-GB" : "da-DK";
    // value takes what ECharts passes: a number, a label's params object
    // ({value: ...}) or a scatter point's [x, category].
    function value(v) {
      if (v && typeof v === "object" && !Array.isArray(v) && "value" in v) { v = v.value; }
      if (Array.isArray(v)) { v = v[0]; }
      return v;
    }
    function make(spec) {
      var f = new Intl.NumberFormat(locale, { minimumFractionDigits: spec.fixed ? spec.digits : 0,
        maximumFractionDigits: spec.digits, useGrouping: true });
      var suffix = (en ? spec.suffixEN : spec.suffix) || "";
      return function (v) {
        v = value(v);
        if (typeof v !== "number" || isNaN(v)) { return "–"; }
        return f.format(v) + suffix;
      };
    }
    var out = {};
    Object.keys(DosisChartFormats).forEach(function (name) { out[name] = make(DosisChartFormats[name]); });
    return out;
  }
  // hydrate replaces, in place, every formatter name in opts by its function.
  function hydrate(opts, lang) {
    var fns = formatters(lang);
    (function walk(o) {
      if (Array.isArray(o)) { o.forEach(walk); return; }
      if (!o || typeof o !== "object") { return; }
      Object.keys(o).forEach(function (k) {
        var v = o[k];
        if ((k === "formatter" || k === "valueFormatter") && typeof v === "string" && fns[v]) {
          o[k] = fns[v];
        } else {
          walk(v);
        }
      });
    })(opts);
    return opts;
  }
  // follow keeps the charts sized: to their boxes on screen, and on paper
  // to the A4 text width (210 mm less the 2 × 12 mm margins, about 700 CSS
  // px), since the layout is not yet the paper's when the print events come.
  function follow(charts) {
    function resize(printing) {
      charts.forEach(function (c) { c.resize(printing === true ? { width: 700 } : undefined); });
    }
    window.addEventListener("resize", function () { resize(false); });
    window.addEventListener("beforeprint", function () { resize(true); });
    window.addEventListener("afterprint", function () { resize(false); });
    window.matchMedia("print").addEventListener("change", function (e) { resize(e.matches); });
  }
  return { hydrate: hydrate, formatters: formatters, follow: follow };
})();
