// Searchable multi-select over plain checkboxes (progressive enhancement:
// without this script the checkboxes in their scrolling list work as
// they are). It shows a search field that filters the list as you type
// (case and accents ignored), a count of the chosen, and "clear". Keys:
// in the field, Enter ticks the best match (a name starting with what was
// typed, else the first; it does not submit),
// arrow down moves to the first match, Escape empties the field; in the
// list, the arrows move between the shown boxes and space ticks.
(function () {
  "use strict";
  // fold lowers case and drops accents, and writes æ, ø, å as ae, o, a,
  // so "kobenh" and "køb" both find København.
  function fold(s) {
    return s.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "o").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  document.querySelectorAll("[data-mselect]").forEach(function (box) {
    var tools = box.querySelector(".mselect-tools");
    var search = box.querySelector(".mselect-search");
    var count = box.querySelector(".mselect-count");
    var labels = Array.prototype.slice.call(box.querySelectorAll(".mselect-list label"));
    tools.hidden = false;
    function shown() { return labels.filter(function (l) { return !l.hidden; }).map(function (l) { return l.querySelector("input"); }); }
    // update writes how many are chosen, and which: "2 kommuner valgt:
    // Aalborg, Odense"; past five names the rest are counted ("… og 93
    // andre"), or 98 chosen filled the box with every name.
    function update() {
      var chosen = labels.filter(function (l) { return l.querySelector("input").checked; });
      var n = chosen.length;
      var text = n === 0 ? box.dataset.countNone : (n === 1 ? box.dataset.countOne : box.dataset.countOther);
      var names = chosen.map(function (l) { return l.dataset.name; });
      var list = names.length > 5 ? names.slice(0, 5).join(", ") + " " + box.dataset.countMore.replace("%d", names.length - 5) : names.join(", ");
      count.textContent = text.replace("%d", n) + (n ? ": " + list : "");
      labels.forEach(function (l) { l.classList.toggle("chosen", l.querySelector("input").checked); });
    }
    function filter() {
      var q = fold(search.value.trim());
      labels.forEach(function (l) { l.hidden = q !== "" && fold(l.dataset.name).indexOf(q) === -1; });
    }
    search.addEventListener("input", filter);
    // best is the match Enter picks: the first name that starts with what
    // was typed, else the first shown.
    function best() {
      var q = fold(search.value.trim());
      var list = shown();
      return list.filter(function (c) { return fold(c.parentNode.dataset.name).indexOf(q) === 0; })[0] || list[0];
    }
    search.addEventListener("keydown", function (e) {
      var first = e.key === "Enter" ? best() : shown()[0];
      if (e.key === "Enter") {
        e.preventDefault();
        if (first) { first.checked = !first.checked; update(); }
      } else if (e.key === "ArrowDown" && first) {
        e.preventDefault();
        first.focus();
      } else if (e.key === "Escape") {
        search.value = "";
        filter();
      }
    });
    // Enter in the field picks; it must not submit the form (implicit
    // submission comes with the key's keypress, so stop that too).
    search.addEventListener("keypress", function (e) { if (e.key === "Enter") { e.preventDefault(); } });
    box.querySelector(".mselect-list").addEventListener("keydown", function (e) {
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") { return; }
      var list = shown();
      var i = list.indexOf(document.activeElement);
      if (i === -1) { return; }
      e.preventDefault();
      if (e.key === "ArrowUp" && i === 0) { search.focus(); return; }
      var next = list[Math.max(0, Math.min(list.length - 1, i + (e.key === "ArrowDown" ? 1 : -1)))];
      next.focus();
    });
    box.addEventListener("change", update);
    box.querySelector(".mselect-clear").addEventListener("click", function () {
      labels.forEach(function (l) { l.querySelector("input").checked = false; });
      search.value = "";
      filter();
      update();
      search.focus();
    });
    update();
  });
})();
