// Unit pickers (org/widgets.py UnitNamesInput): type part of a unit's name, pick it. The <select>
// holds every unit already (it works without JavaScript); Tom Select adds search by name, and a
// picker rendered without options asks /org/units/search/. No inline scripts (CSP).
(function () {
  "use strict";
  function init(select) {
    if (select.tomselect || !window.TomSelect) { return; }
    // A picker that already lists its units searches them in the page (no request racing the
    // clerk's typing); one rendered empty asks the server by name.
    var listed = Array.prototype.some.call(select.options, function (o) { return o.value !== ""; });
    var url = listed ? "" : (select.getAttribute("data-search-url") || "");
    var multiple = select.multiple;
    new window.TomSelect(select, {
      valueField: "value", labelField: "text", searchField: ["text", "short"],
      maxItems: multiple ? null : 1, maxOptions: 200, allowEmptyOption: false, create: false,
      closeAfterSelect: true, openOnFocus: false,
      // The page already lists every unit; ask the server only for what was typed.
      shouldLoad: function (query) { return query.length > 0; },
      placeholder: select.getAttribute("data-placeholder") || "输入单位名称搜索",
      plugins: multiple ? ["remove_button"] : { clear_button: { title: "清除" } },
      render: { no_results: function () { return '<div class="no-results">没有找到该单位</div>'; } },
      load: url ? function (query, callback) {
        fetch(url + (url.indexOf("?") >= 0 ? "&" : "?") + "q=" + encodeURIComponent(query), { credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (data) { callback(data.results); })
          .catch(function () { callback(); });
      } : null,
      onItemAdd: function () { this.setTextboxValue(""); }
    });
  }
  function scan(root) { (root || document).querySelectorAll("select.sn-unit-picker").forEach(init); }
  document.addEventListener("DOMContentLoaded", function () { scan(document); });
  document.addEventListener("htmx:afterSwap", function (event) { scan(event.target); });
})();
