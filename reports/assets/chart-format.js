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
  // measure is a canvas for the width of a text in a font.
  var measure = document.createElement("canvas").getContext("2d");
  function lineCount(text, font, width) {
    measure.font = font;
    var n = 0;
    String(text || "").split("\n").forEach(function (line) {
      var words = line.split(" "), cur = "";
      n++;
      words.forEach(function (w) {
        var next = cur ? cur + " " + w : w;
        if (cur && measure.measureText(next).width > width) { n++; cur = w; } else { cur = next; }
      });
    });
    return n;
  }
  // fit makes a chart narrower than the box the server laid it out for (a
  // phone) fit its box: the title and subtitle break at the box's width
  // and the plot moves down by the lines that adds; a category axis under
  // vertical bars turns its labels, which overlapped.
  function fit(c) {
    var o = c.getOption();
    if (!o.title || !o.title.length || !o.grid || !o.grid.length) { return; }
    if (c.__dosisTop === undefined) { c.__dosisTop = parseInt(o.grid[0].top, 10) || 0; }
    var w = c.getWidth() - 10, narrow = c.getWidth() < NARROW;
    var t = o.title[0];
    var extra = 0;
    if (narrow) {
      var given = String(t.subtext || "").split("\n").length;
      extra = (lineCount(t.text, "bold 18px sans-serif", w) - 1) * 24 +
        Math.max(0, lineCount(t.subtext, "12px sans-serif", w) - given) * 16;
    }
    var patch = {
      title: [narrow ? { textStyle: { width: w, overflow: "break" }, subtextStyle: { width: w, overflow: "break" } } :
        { textStyle: { overflow: "none" }, subtextStyle: { overflow: "none" } }],
      grid: [{ top: c.__dosisTop + extra }]
    };
    var bars = (o.series || []).some(function (s) { return s.type === "bar"; });
    var cat = (o.xAxis || []).filter(function (a) { return a.type === "category"; });
    if (bars && cat.length) {
      if (c.__dosisLabel === undefined) { c.__dosisLabel = cat[0].axisLabel || {}; }
      var l = c.__dosisLabel;
      patch.xAxis = [{ axisLabel: narrow ? { rotate: 45, width: 120, overflow: "none" } :
        { rotate: 0, width: l.width, overflow: l.overflow } }];
      // The first turned label reaches left of its bar, past the room
      // containLabel keeps.
      if (c.__dosisLeft === undefined) { c.__dosisLeft = o.grid[0].left; }
      patch.grid[0].left = narrow ? 40 : c.__dosisLeft;
    }
    c.setOption(patch);
  }
  // NARROW is the width under which a chart refits (the server lays the
  // charts out for a box of about 500 px).
  var NARROW = 460;
  // follow keeps the charts sized: to their boxes on screen, and on paper
  // to the A4 text width (210 mm less the 2 × 12 mm margins, about 700 CSS
  // px), since the layout is not yet the paper's when the print events come.
  function follow(charts) {
    function resize(printing) {
      charts.forEach(function (c) { c.resize(printing === true ? { width: 700 } : undefined); fit(c); });
    }
    charts.forEach(fit);
    window.addEventListener("resize", function () { resize(false); });
    window.addEventListener("beforeprint", function () { resize(true); });
    window.addEventListener("afterprint", function () { resize(false); });
    window.matchMedia("print").addEventListener("change", function (e) { resize(e.matches); });
  }
  return { hydrate: hydrate, formatters: formatters, follow: follow, fit: fit };
})();
