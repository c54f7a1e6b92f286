// List tools: the 全选 box and the count of ticked matters for 批量签收/批量催办 (no inline scripts: CSP).
(function () {
  "use strict";
  function boxes() { return document.querySelectorAll("input.sn-pick[form='batch-form']"); }
  function refresh() {
    var n = 0;
    boxes().forEach(function (b) { if (b.checked) { n += 1; } });
    var count = document.getElementById("batch-count");
    if (count) { count.textContent = String(n); }
    var all = document.getElementById("pick-all");
    if (all) { all.checked = n > 0 && n === boxes().length; all.indeterminate = n > 0 && n < boxes().length; }
  }
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.id === "pick-all") {
      boxes().forEach(function (b) { b.checked = target.checked; });
    }
    if (target.id === "pick-all" || target.classList.contains("sn-pick")) { refresh(); }
  });
  document.addEventListener("submit", function (event) {
    if (event.target.id !== "batch-form") { return; }
    var n = 0;
    boxes().forEach(function (b) { if (b.checked) { n += 1; } });
    if (n === 0) { event.preventDefault(); window.alert("请先勾选要处理的事项。"); }
  });
  document.addEventListener("DOMContentLoaded", refresh);
})();
